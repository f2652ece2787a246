"""What an `ensure_*` call tells its client's event hooks (`"ensure"`) and spans once it succeeds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EnsureEvent:
    """An `ensure_*` call succeeded: what it did (its look-ups and creates had events of their own).

    Attributes:
        operation: The ensure's name: `appointments.ensure_appointment`, `employees.ensure_employee`, ...
        outcome: "created", "found" or "reconciled" (`EnsureOutcome`'s values).
        external_id: The body's `externalId`.
        resource_id: The id of the resource it returns (None if the resource has none).
        elapsed: Seconds the ensure took, waiting for its turn included.
    """

    operation: str
    outcome: str
    external_id: str
    resource_id: str | None
    elapsed: float
