"""Observability: the OpenTelemetry spans, metrics and event hooks of every call, on both senders."""
