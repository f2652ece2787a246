"""The fake delivers webhooks as Engage does: on appointment changes, with Engage's retry schedule,
and, when asked, duplicated, reordered and delayed; the receiver holds up against it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import (
    ENGAGE_DEVELOPMENT_RETRY_SCHEDULE,
    ENGAGE_RETRY_SCHEDULE,
    DeliveryAttempt,
    FakePexipEngage,
    WebhookSender,
)
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import serve

SECRET = "fake-delivery-key-s3cr3t"


def test_the_schedules_are_the_topic_pages() -> None:
    # Sent with a 3 s timeout; again 2 s later with 5 s; again 10 s later with 30 s; then lost.
    assert (DeliveryAttempt(0, 3), DeliveryAttempt(2, 5), DeliveryAttempt(10, 30)) == ENGAGE_RETRY_SCHEDULE
    assert (DeliveryAttempt(0, 5), DeliveryAttempt(2, 10), DeliveryAttempt(10, 30)) == ENGAGE_DEVELOPMENT_RETRY_SCHEDULE


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    async with WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02) as started:
        yield started


async def test_appointment_changes_through_the_api_reach_the_receiver(receiver: WebhookReceiver) -> None:
    seen: list[tuple[str, str, Any]] = []

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        seen.append((str(event.data.event_type), event.data.appointment.id, event.data.appointment.updated_at))

    fake = FakePexipEngage()
    fake.deliver_webhooks(receiver.asgi_app(), key=SECRET)
    appointment = fake.add_appointment(status="INCOMING_REQUEST")  # seeding: not a change through the API
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        accepted = await engage.appointments.accept_appointment(appointment["id"])
        await engage.appointments.get_appointment_by_id(appointment["id"])  # a read: no event
    assert fake.webhooks is not None
    await fake.webhooks.drain()
    await receiver.join()
    assert seen == [("ACCEPT", appointment["id"], accepted.updated_at)]


class Flaky:
    """An ASGI app in front of the receiver's that fails its first `failures` requests in `how` way."""

    def __init__(self, app: Any, failures: int, how: str) -> None:
        self.app, self.failures, self.how = app, failures, how
        self.requests = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.requests += 1
        if self.requests > self.failures:
            await self.app(scope, receive, send)
        elif self.how == "slow":
            await asyncio.sleep(60)
        else:
            await send({"type": "http.response.start", "status": 500 if self.how == "500" else 302, "headers": []})
            await send({"type": "http.response.body", "body": b""})


@pytest.mark.parametrize("how", ["500", "302", "slow"])
async def test_a_failed_attempt_is_retried_on_engages_schedule(receiver: WebhookReceiver, how: str) -> None:
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    front = Flaky(receiver.asgi_app(), failures=2, how=how)
    sender = WebhookSender(front, key=SECRET, time_scale=0.01)  # 30 ms, then 20 ms and 50 ms later
    fake = FakePexipEngage()
    fake.webhooks = sender
    appointment = fake.add_appointment(status="INCOMING_REQUEST")
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment["id"])
    await sender.drain()
    await receiver.join()
    assert [attempt.attempt for attempt in sender.attempts] == [1, 2, 3]
    expected = None if how == "slow" else int(how)
    assert [attempt.status for attempt in sender.attempts] == [expected, expected, 202]
    assert not any(attempt.lost for attempt in sender.attempts)  # answered at the last attempt: not lost
    assert len(handled) == 1
    assert sender.lost == []
    await sender.aclose()


async def test_after_three_failed_attempts_the_event_is_lost(receiver: WebhookReceiver) -> None:
    front = Flaky(receiver.asgi_app(), failures=3, how="500")
    sender = WebhookSender(front, key=SECRET, time_scale=0.001)
    sender.appointment_changed("acceptAppointment", {"id": "appointment-1"})
    await sender.drain()
    assert [attempt.status for attempt in sender.attempts] == [500, 500, 500]
    # Only the last failed attempt says the delivery is lost for good (what `fake serve` logs).
    assert [attempt.lost for attempt in sender.attempts] == [False, False, True]
    assert len(sender.lost) == 1
    assert sender.delivered == []
    await sender.aclose()


async def test_duplicated_reordered_and_delayed_deliveries_over_http_are_handled_once_newest_last() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02)
    last: dict[str, Any] = {}
    handled: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)
        last[event.data.appointment.id] = event.data.appointment.updated_at

    fake = FakePexipEngage()
    with serve(receiver.asgi_app()) as url:
        sender = fake.deliver_webhooks(
            f"{url}/hooks?key={SECRET}", duplicates=2, reorder_window=0.2, delay=0.01, seed=7
        )
        appointments = [fake.add_appointment(status="INCOMING_REQUEST")["id"] for _ in range(5)]
        newest = {}
        async with PexipEngage("acme", token="t", transport=fake) as engage:
            for appointment_id in appointments:
                await engage.appointments.accept_appointment(appointment_id)
                for _ in range(3):
                    fake.clock.advance(60)
                    changed_appointment = await engage.appointments.update_appointment_details(
                        appointment_id, body={"answers": []}
                    )
                    newest[appointment_id] = changed_appointment.updated_at
        await sender.drain()
        for _ in range(1000):  # handled on the server's loop: wait for it (10 s at most)
            if last == newest:
                break
            await asyncio.sleep(0.01)
        await sender.aclose()
    assert len(sender.delivered) == 3 * 20
    assert len(handled) == len(set(handled))  # never twice
    assert last == newest  # whatever arrived stale was not handed over
