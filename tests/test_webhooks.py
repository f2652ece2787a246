"""Webhook events: typed parsing from the raw body, the event id as idempotency key, leniency."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pexip_engage_client import models
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    CallbackRequestWebhookEvent,
    InvalidWebhookError,
    UnknownWebhookEvent,
    parse_event,
)

# The visible part of the documentation's request examples.
APPOINTMENT_EVENT: dict[str, Any] = {
    "id": "evt-1",
    "correlationId": "string",
    "webhookConfigurationId": "string",
    "version": "string",
    "entity": "Appointment",
    "data": {
        "eventType": "ACCEPT",
        "message": "string",
        "appointment": {
            "id": "string",
            "subject": {"id": "string", "externalId": "string", "enabledForCustomerUse": True, "order": 42},
        },
    },
}
CALLBACK_REQUEST_EVENT: dict[str, Any] = {
    "id": "evt-2",
    "correlationId": "string",
    "entity": "Callback Request",
    "version": "string",
    "webhookConfigurationId": "string",
    "data": {"eventType": "string", "callbackRequest": {"id": "123", "status": "string", "subject": {"id": "123"}}},
}


def test_an_appointment_event_parses_into_its_model() -> None:
    event = parse_event(json.dumps(APPOINTMENT_EVENT).encode())
    assert isinstance(event, AppointmentWebhookEvent)
    assert event.id == "evt-1"
    assert event.data.event_type == models.AppointmentEventType.ACCEPT
    assert event.data.appointment.id == "string"
    assert event.data.appointment.subject["order"] == 42  # type: ignore[index]
    assert event.to_dict() == APPOINTMENT_EVENT


def test_a_callback_request_event_parses_from_text_too() -> None:
    event = parse_event(json.dumps(CALLBACK_REQUEST_EVENT))
    assert isinstance(event, CallbackRequestWebhookEvent)
    assert (event.id, event.data.callback_request.id) == ("evt-2", "123")
    assert event.to_dict() == CALLBACK_REQUEST_EVENT


def test_new_event_types_fields_and_entities_are_kept() -> None:
    event = parse_event(json.dumps({**APPOINTMENT_EVENT, "data": {**APPOINTMENT_EVENT["data"], "eventType": "ARCHIVE",
                                                                   "actor": {"id": "e1"}}}))  # fmt: skip
    assert isinstance(event, AppointmentWebhookEvent)
    assert event.data.event_type == "ARCHIVE"
    assert event.to_dict()["data"]["actor"] == {"id": "e1"}

    unknown = parse_event(json.dumps({"id": "evt-9", "entity": "Office", "data": {"x": 1}}))
    assert isinstance(unknown, UnknownWebhookEvent)
    assert (unknown.id, unknown.entity, unknown.raw["data"]) == ("evt-9", "Office", {"x": 1})


def test_duplicate_deliveries_share_the_event_id() -> None:
    body = json.dumps(APPOINTMENT_EVENT)
    processed: set[str] = set()
    handled = 0
    for _ in range(3):  # Engage may deliver the same event more than once
        event = parse_event(body)
        if event.id not in processed:
            processed.add(event.id)
            handled += 1
    assert handled == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>", "not JSON"),
        (b"[]", "not an event object"),
        (b'{"entity": "Appointment"}', "not an event object with an id"),
        (json.dumps({**APPOINTMENT_EVENT, "data": {"eventType": "ACCEPT"}}).encode(), "KeyError"),
    ],
)
def test_an_unreadable_body_raises_invalid_webhook_error_keeping_the_body(body: bytes, reason: str) -> None:
    with pytest.raises(InvalidWebhookError, match=reason) as caught:
        parse_event(body)
    assert caught.value.body == body
