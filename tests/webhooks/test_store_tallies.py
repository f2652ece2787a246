"""What a store keeps of a receiver's failures, on every store (memory, SQLite, real Redis and PostgreSQL):
deliveries refused (counted, the last one's time and cause), the last handler failure, and how many events
wait or are parked; shared by every process on the store, and never a secret or a body."""

from __future__ import annotations

import asyncio

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, StoreTallies, WebhookReceiver, WebhookStore
from pexip_engage_client.webhooks._stores import store_from_url

from .test_store_contract import NOW, frozen

SECRET = "s3cret-value-never-kept"


@pytest.fixture
def store(store: WebhookStore) -> WebhookStore:
    return frozen(store)


async def test_an_empty_store_has_nothing_to_tell(store: WebhookStore) -> None:
    assert await store.tallies() == StoreTallies(waiting=0, failed=0)


async def test_refusals_and_errors_are_counted_with_the_last_ones_time_and_kind(store: WebhookStore) -> None:
    for event_id in ("a", "b", "c"):
        await store.add(event_id, b"{}", subject=None, updated_at=None, now=NOW)
    assert await store.claim("a", "me", NOW, 30) is not None
    await store.park("a", "me", attempts=3, error="TimeoutError: slow", now=NOW)
    await store.note("refused", "wrong or missing key", NOW + 1)
    await store.note("refused", "body too large", NOW + 2)
    await store.note("error", "TimeoutError", NOW + 3)
    tallies = await store.tallies()
    assert tallies == StoreTallies(
        waiting=2,
        failed=1,
        refused=2,
        last_refused_at=NOW + 2,
        last_refused="body too large",
        last_error_at=NOW + 3,
        last_error="TimeoutError",
    )


async def test_notes_made_at_once_are_all_counted(store: WebhookStore) -> None:
    await asyncio.gather(*(store.note("refused", "wrong or missing key", NOW + i) for i in range(25)))
    assert (await store.tallies()).refused == 25


async def test_a_second_store_on_the_url_reads_what_the_first_noted(any_store_url: str) -> None:
    if any_store_url.startswith("memory:"):
        return  # a memory store is its process's alone
    first, second = store_from_url(any_store_url), store_from_url(any_store_url)
    await first.open()
    await second.open()
    try:
        await first.note("refused", "wrong or missing key", NOW)
        await second.note("refused", "wrong or missing key", NOW + 5)
        assert (await first.tallies()).refused == 2
        assert (await second.tallies()).last_refused_at == NOW + 5
    finally:
        await first.close()
        await second.close()


async def test_a_receiver_keeps_its_refusals_and_handler_failures_in_its_store(any_store_url: str) -> None:
    receiver = WebhookReceiver(any_store_url, secret=SECRET, max_attempts=1)

    @receiver.on("ACCEPT")
    async def failing(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        raise TimeoutError(SECRET)  # a message that must not be kept: only the type is

    event = appointment_event({"id": "appt-1", "updatedAt": "2026-01-01T10:00:00.000Z"}, "ACCEPT", event_id="evt-1")
    async with receiver:
        refused = await receiver.receive(b"{}", key="wrong")
        assert refused.status == 401
        too_large = await receiver.receive(b"x" * (receiver.max_body_size + 1), key=SECRET)
        assert too_large.status in (400, 413, 415)
        assert (await receiver.receive(event, key=SECRET)).status == 202
        async with asyncio.timeout(10):
            await receiver.join()
        tallies = await receiver.tallies()
    assert tallies.refused == 2
    assert tallies.last_refused == "body too large"  # the last refusal, by its cause
    assert tallies.last_error == "TimeoutError"
    assert tallies.failed == 1
    assert tallies.waiting == 0
    assert SECRET not in repr(tallies)
    reread = WebhookReceiver(any_store_url, secret="another").tallies_sync(timeout=10)
    if not any_store_url.startswith("memory:"):
        assert reread == tallies
