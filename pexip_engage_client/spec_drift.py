"""Spec drift: what the API was seen to send unlike openapi.yaml (docs/spec-drift.md).

`PexipEngage.spec_drift` and `WebhookReceiver.spec_drift` are each a `SpecDrift`; `records()` gives `SpecDriftRecord`s.
The package's root hands out the same two names. This module is the spec drift's public face: the webhook receiver,
a room of its own, builds on it rather than on the drift room's private modules (architecture.toml).
"""

from ._drift._spec_drift import SpecDrift, SpecDriftRecord

__all__ = ["SpecDrift", "SpecDriftRecord"]
