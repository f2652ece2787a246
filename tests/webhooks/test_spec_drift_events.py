"""Webhook events unlike openapi.yaml are stored and handed over, not refused, on every store (issue 67).

Engage makes three attempts, then drops an event: a receiver that answered 400 to an event whose
appointment lacked a field the spec guessed required lost it for good. Read leniently (the default),
the event is stored, its handler gets it (the field unreadable: `errors.UnreadableFieldError` when read,
`to_dict()` giving back what was sent), and the difference is one record of `receiver.spec_drift`.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from pexip_engage_client import errors
from pexip_engage_client._drift._spec_drift import SpecDrift
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver, parse_event
from pexip_engage_client.webhooks._parse import read_event

from ..client.test_webhooks import APPOINTMENT_EVENT

SECRET = "webhook-key-s3cr3t"

CHANGES: dict[str, tuple[Callable[[dict[str, Any]], Any], tuple[str, str, str, str]]] = {
    "missing": (
        lambda a: a.pop("subject"),
        ("/data/appointment/subject", "missing", "object", "absent"),
    ),
    "type": (lambda a: a.update(updatedAt=1767261600), ("/data/appointment/updatedAt", "type", "string", "integer")),
    "null": (lambda a: a.update(office=None), ("/data/appointment/office", "null", "object", "null")),
    "field": (lambda a: a.update(recording={"id": "r"}), ("/data/appointment/recording", "field", "absent", "object")),
}


def documented_differences() -> set[str]:
    """The pointers where the documented event itself differs from openapi.yaml (fields the spec's
    webhook appointment does not define: the example shows more than the schema)."""
    drift = SpecDrift()
    read_event(json.dumps(APPOINTMENT_EVENT).encode(), strict=False, spec_drift=drift)
    return {record.pointer for record in drift.records()}


BASELINE = documented_differences()


def changed_event(kind: str, event_id: str) -> dict[str, Any]:
    event = copy.deepcopy(APPOINTMENT_EVENT)
    event["id"] = event_id
    CHANGES[kind][0](event["data"]["appointment"])
    return event


@pytest.mark.parametrize("kind", list(CHANGES))
async def test_an_event_unlike_the_spec_is_stored_handed_over_and_recorded(kind: str, any_store_url: str) -> None:
    handled: list[AppointmentWebhookEvent] = []
    event = changed_event(kind, f"drift-{kind}")
    async with WebhookReceiver(
        any_store_url, secret=SECRET, poll_interval=0.02, retry_backoff=0.01, strict_responses=False
    ) as receiver:

        @receiver.on(AppointmentWebhookEvent)
        async def record(received: AppointmentWebhookEvent, delivery: Delivery) -> None:
            handled.append(received)

        answer = await receiver.receive(json.dumps(event).encode(), key=SECRET)
        async with asyncio.timeout(10):
            await receiver.join()
        status = await receiver.store.status(event["id"])
        records = receiver.spec_drift.records()
    assert (answer.status, status) == (202, "handled")
    [received] = handled
    assert received.to_dict() == event  # every field as sent
    assert received.data.appointment.id == event["data"]["appointment"]["id"]
    pointer, kind_recorded, expected, actual = CHANGES[kind][1]
    if kind != "field":
        with pytest.raises(errors.UnreadableFieldError, match="postAppointment"):
            getattr(received.data.appointment, {"missing": "subject", "type": "updated_at", "null": "office"}[kind])
    new = [(r.operation, r.pointer, r.kind, r.expected, r.actual, r.count) for r in records]
    new = [difference for difference in new if difference[1] not in BASELINE]
    assert new == [("postAppointment", pointer, kind_recorded, expected, actual, 1)]


async def test_a_strict_receiver_refuses_such_an_event_and_any_receiver_one_without_data() -> None:
    event = changed_event("missing", "strict-1")
    async with WebhookReceiver("memory://", secret=SECRET, strict_responses=True) as strict:
        answer = await strict.receive(json.dumps(event).encode(), key=SECRET)
        assert answer.status == 400
        assert "data.appointment.subject" in answer.reason
        assert [r.kind for r in strict.spec_drift.records() if r.pointer not in BASELINE] == ["missing"]  # seen too
    without_data = {key: value for key, value in event.items() if key != "data"}
    async with WebhookReceiver("memory://", secret=SECRET, strict_responses=False) as lenient:
        assert (await lenient.receive(json.dumps(without_data).encode(), key=SECRET)).status == 400


def test_parse_event_reads_leniently_unless_asked_or_told_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.dumps(changed_event("missing", "parse-1")).encode()
    event = parse_event(body, strict=False)
    assert isinstance(event, AppointmentWebhookEvent)
    assert event.to_dict() == json.loads(body)
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "1")
    with pytest.raises(errors.PexipEngageError, match="subject"):
        parse_event(body)
    monkeypatch.delenv("PEXIP_ENGAGE_STRICT_RESPONSES")
    assert isinstance(parse_event(body), AppointmentWebhookEvent)
