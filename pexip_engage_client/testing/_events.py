"""Webhook event bodies, as Engage POSTs them, for tests of a user's webhook receiver.

Each builder returns the raw body (bytes) that `pexip_engage_client.webhooks.parse_event` reads,
built from what it is given (for example an appointment the fake stored: its fields are kept where
the event's schema has them, references are filled out) and validated against the event schema.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from . import _schemas as schemas
from ._clock import iso
from ._resources import build
from ._spec import Json


def appointment_event(
    appointment: Json,
    event_type: str = "CREATE",
    *,
    event_id: str | None = None,
    correlation_id: str | None = None,
    webhook_configuration_id: str = "webhook-1",
    version: str = "1",
) -> bytes:
    """An appointment event (`event_type` is an `AppointmentEventType`: CREATE, ACCEPT, ...)
    carrying `appointment` (wire form, e.g. what `fake.add_appointment` returned)."""
    envelope = (event_id, correlation_id, webhook_configuration_id, version)
    data = {"eventType": event_type, "appointment": _as_in_events(appointment)}
    return _event("AppointmentWebhookEvent", "Appointment", data, envelope)


def _as_in_events(appointment: Json) -> Json:
    """The appointment without what the REST form has and the event's does not: a participant's
    `participant` reference (an event names the employee in `employee` instead). Left in, every
    event the fake sent read as a difference from the spec."""
    participants = appointment.get("appointmentParticipants")
    if not isinstance(participants, list):
        return appointment
    shown = [
        {key: value for key, value in participant.items() if key != "participant"}
        if isinstance(participant, dict)
        else participant
        for participant in participants
    ]
    return {**appointment, "appointmentParticipants": shown}


def callback_request_event(
    callback_request: Json,
    event_type: str = "CREATE",
    *,
    event_id: str | None = None,
    correlation_id: str | None = None,
    webhook_configuration_id: str = "webhook-1",
    version: str = "1",
) -> bytes:
    """A callback-request event carrying `callback_request` (at least `id` and `status`)."""
    data = {"eventType": event_type, "callbackRequest": callback_request}
    envelope = (event_id, correlation_id, webhook_configuration_id, version)
    return _event("CallbackRequestWebhookEvent", "Callback Request", data, envelope)


def _event(schema: str, entity: str, data: Json, envelope: tuple[str | None, str | None, str, str]) -> bytes:
    event_id, correlation_id, configuration, version = envelope
    given: dict[str, Any] = {
        "id": event_id or str(uuid.uuid4()),
        "correlationId": correlation_id or str(uuid.uuid4()),
        "webhookConfigurationId": configuration,
        "version": version,
        "entity": entity,
        "data": data,
    }
    # What the caller gave is kept; what the event schema requires beyond it gets a plain valid value.
    event = build(f"#/components/schemas/{schema}", given, iso(datetime.now(UTC)), fill=True)
    problems = schemas.errors(f"#/components/schemas/{schema}", event, "event")
    if event.get("data", {}).get("eventType") != data["eventType"]:
        problems.append(f"event.data.eventType: {data['eventType']!r} is not an event type of {schema}")
    if problems:
        raise ValueError("; ".join(problems))
    return json.dumps(event).encode()
