"""Every bad delivery, over a real uvicorn server: a 4xx with a reason, nothing stored, nothing handled."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx2
import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import serve

SECRET = "bad-input-key-s3cr3t"
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, WebhookReceiver, list[str]]]:
    receiver = WebhookReceiver("memory://", secret=SECRET, max_body_size=LIMIT)
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    with serve(receiver.asgi_app()) as url:
        yield url + "/engage-webhooks", receiver, handled


GOOD = appointment_event({"id": "appointment-1"}, event_id="good-event")
JSON = {"Content-Type": "application/json"}


def chunks(size: int) -> Iterator[bytes]:
    sent = 0
    while sent < size:
        sent += 16 * 1024
        yield b" " * 16 * 1024


@pytest.mark.parametrize(
    ("params", "headers", "content", "status", "reason"),
    [
        ({}, JSON, GOOD, 401, "the shared secret as the query parameter `key`"),
        ({"key": SECRET[:-1]}, JSON, GOOD, 401, "the shared secret"),
        ({"key": SECRET + "x"}, JSON, GOOD, 401, "the shared secret"),
        ({"key": ""}, JSON, GOOD, 401, "the shared secret"),
        ({"key": SECRET}, {"Content-Type": "text/plain"}, GOOD, 415, "application/json"),
        ({"key": SECRET}, {"Content-Type": "application/x-www-form-urlencoded"}, GOOD, 415, "application/json"),
        ({"key": SECRET}, {}, GOOD, 415, "application/json"),
        ({"key": SECRET}, JSON, b" " * (LIMIT + 1), 413, f"larger than {LIMIT} bytes"),
        ({"key": SECRET}, JSON, b"not json", 400, "could not be decoded as JSON"),
        ({"key": SECRET}, JSON, b"[1, 2]", 400, "not an event object"),
        ({"key": SECRET}, JSON, b'{"entity": "Appointment"}', 400, "the required field id is missing"),
        ({"key": SECRET}, JSON, b'{"id": 5, "entity": "Appointment"}', 400, "id must be a string"),
        ({"key": SECRET}, JSON, b'{"id": "x", "entity": "Appointment", "data": []}', 400, "invalid webhook event"),
        ({"key": SECRET}, JSON, b"\xff\xfe{}", 400, "invalid webhook event"),
        ({"key": SECRET}, JSON, b"[" * 50_000, 400, "invalid webhook event"),
    ],
)
def test_a_bad_delivery_gets_a_4xx_with_its_reason_and_is_never_stored(  # noqa: PLR0917 - parameters of the table
    server: tuple[str, WebhookReceiver, list[str]],
    params: dict[str, str],
    headers: dict[str, str],
    content: bytes,
    status: int,
    reason: str,
) -> None:
    url, receiver, handled = server
    response = httpx2.post(url, params=params, headers=headers, content=content)
    assert response.status_code == status
    assert reason in response.json()["error"]
    assert SECRET not in response.text
    assert asyncio.run(receiver.store.due(1e12, 10)) == []
    assert handled == []


def test_a_streamed_body_over_the_limit_is_refused_without_reading_it_whole(
    server: tuple[str, WebhookReceiver, list[str]],
) -> None:
    url, receiver, _ = server
    # No Content-Length (chunked): the receiver stops reading at the limit. 64 MiB offered.
    try:
        response = httpx2.post(url, params={"key": SECRET}, headers=JSON, content=chunks(64 * 1024 * 1024))
    except httpx2.RemoteProtocolError:
        return  # the server answered and closed while the client was still sending: refused too
    assert response.status_code == 413
    assert asyncio.run(receiver.store.due(1e12, 10)) == []


def test_a_request_that_is_not_a_post_gets_405(server: tuple[str, WebhookReceiver, list[str]]) -> None:
    url, _, _ = server
    response = httpx2.get(url, params={"key": SECRET})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_after_all_the_bad_input_a_good_delivery_is_handled(server: tuple[str, WebhookReceiver, list[str]]) -> None:
    url, _, handled = server
    response = httpx2.post(
        url, params={"key": SECRET}, headers={"Content-Type": "application/json; charset=utf-8"}, content=GOOD
    )
    assert (response.status_code, response.json()) == (202, {"status": "accepted"})
    again = httpx2.post(url, params={"key": SECRET}, headers=JSON, content=GOOD)
    assert (again.status_code, again.json()) == (200, {"status": "duplicate: already received"})
    for _ in range(500):
        if handled:
            break
        httpx2.get(url)  # a round trip to the server's loop, where the handler runs
    assert handled == [json.loads(GOOD)["id"]]
