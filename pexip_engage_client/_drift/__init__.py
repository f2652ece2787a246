"""Spec drift: what the API was seen to send unlike openapi.yaml, and the overlay that accepts it."""
