"""Rotating the webhook secret (issue 69): `WebhookReceiver(secret=[new, old])` accepts a delivery
carrying either, through every face; one string still works; refusals and logs show neither."""

from __future__ import annotations

import io
import logging
import sys
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

NEW = "rotation-new-s3cr3t"
OLD = "rotation-old-s3cr3t"
WRONG = "rotation-bad-s3cr3t"
LOGGER = "pexip_engage_client.webhooks"


def body(number: int) -> bytes:
    return appointment_event({"id": f"appointment-{number}"}, "ACCEPT", event_id=f"event-{number}")


async def test_either_secret_of_a_rotation_is_accepted_and_a_third_refused(caplog: pytest.LogCaptureFixture) -> None:
    handled: list[str] = []
    receiver = WebhookReceiver("memory://", secret=[NEW, OLD], poll_interval=0.02)

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    caplog.set_level(logging.DEBUG, LOGGER)
    async with receiver:
        assert (await receiver.receive(body(1), key=NEW)).status == 202
        assert (await receiver.receive(body(2), key=OLD)).status == 202
        refused = await receiver.receive(body(3), key=WRONG, source="203.0.113.7")
        assert refused.status == 401
        assert (await receiver.receive(body(4), key=None)).status == 401
        assert (await receiver.receive(body(5), key=NEW + OLD)).status == 401  # not a prefix match
        await receiver.join()
    assert sorted(handled) == ["event-1", "event-2"]
    shown = repr(receiver) + refused.reason + refused.body.decode()
    shown += "".join(record.getMessage() + repr(record.args) for record in caplog.records)
    for secret in (NEW, OLD, WRONG):
        assert secret not in shown
    assert any("refused with 401" in record.getMessage() for record in caplog.records)


def test_a_single_string_still_works_and_a_tuple_too() -> None:
    assert WebhookReceiver("memory://", secret=NEW).authentic(NEW)
    assert not WebhookReceiver("memory://", secret=NEW).authentic(OLD)
    rotating = WebhookReceiver("memory://", secret=(NEW, OLD))
    assert rotating.authentic(NEW)
    assert rotating.authentic(OLD)
    assert not rotating.authentic(WRONG)
    assert not rotating.authentic("")


def test_secrets_read_from_a_function_may_be_a_list() -> None:
    read: list[str] = []

    def secrets() -> list[str]:
        read.append("read")
        return [NEW, OLD]

    receiver = WebhookReceiver("memory://", secret=secrets)
    assert read == []  # read on first use, not when the receiver is made
    assert receiver.authentic(OLD)
    assert receiver.authentic(NEW)
    assert read == ["read"]


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ([], "at least one"),
        ([NEW, ""], r"secret\[1\] must be a non-empty string"),
        ([NEW, 42], r"secret\[1\] must be a non-empty string"),
        (b"bytes", "not bytes"),
        ("", "secret must be a non-empty string"),
    ],
)
def test_bad_secrets_are_refused_without_showing_the_others(secret: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        WebhookReceiver("memory://", secret=secret)
    assert NEW not in str(caught.value)


def test_a_function_giving_a_bad_list_is_refused_on_first_use_without_the_secret() -> None:
    receiver = WebhookReceiver("memory://", secret=lambda: [NEW, ""])
    with pytest.raises(ValueError, match=r"secret\[1\]") as caught:
        receiver.authentic(NEW)
    assert NEW not in str(caught.value)


def test_the_wsgi_face_accepts_either_secret() -> None:
    receiver = WebhookReceiver("memory://", secret=[NEW, OLD])
    app = receiver.wsgi_app()

    def post(key: str, number: int) -> str:
        payload = body(number)
        environ = {
            "REQUEST_METHOD": "POST",
            "QUERY_STRING": f"key={key}",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(payload)),
            "wsgi.input": io.BytesIO(payload),
            "wsgi.errors": sys.stderr,
        }
        statuses: list[str] = []
        b"".join(app(environ, lambda status, headers, *rest: statuses.append(status)))  # type: ignore[arg-type]
        return statuses[0]

    assert post(NEW, 1).startswith("202")
    assert post(OLD, 2).startswith("202")
    assert post(WRONG, 3).startswith("401")
