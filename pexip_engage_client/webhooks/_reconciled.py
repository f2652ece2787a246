"""`ReconciledAppointmentEvent`: a change of an appointment found by `WebhookReceiver.reconcile`, not delivered.

Its own class, as the API's appointment has another shape than the webhook's (docs/webhooks.md,
"Catching up after an outage"); stored in a form only this module writes and reads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from .._generated.models import Appointment, AppointmentEventType
from .._pipeline._decode import loads
from .._runtime.lenient import read_lenient
from ._parse import WebhookEvent, parse_event
from ._stores._contract import RECONCILED

RECONCILED_EVENT_TYPE = "GENERIC_UPDATE"
_STORED_START = b'{"id":"' + RECONCILED.encode()


@dataclass(frozen=True)
class ReconciledData:
    """What a reconciled change carries, named as an appointment event's `data` names it."""

    event_type: AppointmentEventType
    message: None
    appointment: Appointment


class ReconciledAppointmentEvent:
    """A change of an appointment that no delivery brought, found by `WebhookReceiver.reconcile`
    reading the API: the appointment as it is now.

    Which handler gets it, what an `AppointmentWebhookEvent` handler can read of it, and one whose
    order is unknown (`delivery.order_known` False): docs/webhooks.md, "Catching up after an outage".

    Attributes:
        id: `reconciled:<appointment id>:<updatedAt in microseconds>`: the same in every process
            (`reconciled:<appointment id>:unordered:<digest of the appointment>` when its order is unknown).
        appointment: The appointment as `getAppointments` returned it (also `data.appointment`), read
            as leniently as the call read it: a field that could not be read raises `UnreadableFieldError`.
        data: The event type (GENERIC_UPDATE) and the appointment, as an appointment event's `data`.
        reconciled: Always True.
        entity: "Appointment".
        event_type: "GENERIC_UPDATE": what changed cannot be known from the appointment.
        raw: The stored event (what `to_dict()` returns).
    """

    reconciled: ClassVar[Literal[True]] = True
    entity: ClassVar[str] = "Appointment"
    event_type: ClassVar[str] = RECONCILED_EVENT_TYPE

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.id: str = raw["id"]
        self.appointment: Appointment = read_lenient(Appointment, raw["data"]["appointment"], "getAppointments")
        self.data: ReconciledData = ReconciledData(AppointmentEventType(RECONCILED_EVENT_TYPE), None, self.appointment)

    def __repr__(self) -> str:
        return f"ReconciledAppointmentEvent(id={self.id!r})"

    def to_dict(self) -> dict[str, Any]:
        """The event as stored: `id`, `entity`, `reconciled`, and `data` (`eventType`, `appointment` in wire form)."""
        return dict(self.raw)


def reconciled_body(event_id: str, appointment: Appointment) -> bytes:
    """The stored form of a reconciled change (its id first: `parse_stored` knows it by its start)."""
    document = {
        "id": event_id,
        "entity": "Appointment",
        "reconciled": True,
        "data": {"eventType": RECONCILED_EVENT_TYPE, "appointment": appointment.to_dict()},
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def parse_stored(body: bytes, *, strict: bool | None = None) -> WebhookEvent | ReconciledAppointmentEvent:
    """A stored event: a reconciled change, or a delivery (`parse_event`, read as `strict` asks)."""
    if body.startswith(_STORED_START):
        return ReconciledAppointmentEvent(loads(body))
    return parse_event(body, strict=strict)
