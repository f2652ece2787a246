"""The client against a mock server built from openapi.yaml (Prism)."""
