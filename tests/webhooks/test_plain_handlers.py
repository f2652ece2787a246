"""Handlers written as plain functions, and the receiver's sync face for parked events.

A plain `def` handler runs in the receiver's bounded thread pool with the same promises as an
async one: once per event id, an appointment's events in order, retries then parking. Parked
events can be listed and replayed without an event loop (`failed_sync`, `replay_sync`), from a
thread beside a running receiver and from a process where no receiver runs.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

SECRET = "webhook-key-s3cr3t"
_TRACE: contextvars.ContextVar[str] = contextvars.ContextVar("trace", default="none")


def appointment(number: int, updated_at: str) -> dict[str, Any]:
    return {"id": f"appointment-{number}", "updatedAt": updated_at}


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    async with WebhookReceiver(
        "memory://", secret=SECRET, poll_interval=0.02, retry_backoff=0.01, concurrency=8, handler_threads=2
    ) as started:
        yield started


async def settled(receiver: WebhookReceiver) -> None:
    async with asyncio.timeout(10):
        await receiver.join()


async def test_a_plain_handler_runs_in_the_pool_off_the_loop_in_order_and_once(receiver: WebhookReceiver) -> None:
    handled: list[tuple[str, str, bool]] = []
    lock = threading.Lock()
    loop_thread = threading.get_ident()

    @receiver.on(AppointmentWebhookEvent)
    def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        time.sleep(0.01)  # blocking, as an ORM call would be: the loop goes on answering meanwhile
        with lock:
            handled.append((event.id, threading.current_thread().name, threading.get_ident() == loop_thread))

    assert record.__name__ == "record"  # the decorator gives the function back as it was
    # Three changes of one appointment, each delivered twice, the two older ones after the newest.
    times = ["2026-01-01T10:00:01.000Z", "2026-01-01T10:00:02.000Z", "2026-01-01T10:00:03.000Z"]
    bodies = [appointment_event(appointment(1, at), event_id=f"e{n}") for n, at in enumerate(times, 1)]
    for body in [bodies[0], bodies[0], bodies[1], bodies[1]]:
        assert (await receiver.receive(body, key=SECRET)).status in {200, 202}
    await settled(receiver)
    for body in [bodies[2], bodies[2], bodies[0]]:
        assert (await receiver.receive(body, key=SECRET)).status in {200, 202}
    await settled(receiver)
    assert [event_id for event_id, _, _ in handled] == ["e1", "e2", "e3"]  # in order, once each
    assert all(name.startswith("pexip-engage-webhook-handler") for _, name, _ in handled)
    assert not any(on_loop for _, _, on_loop in handled)


async def test_at_most_handler_threads_plain_handlers_run_at_once(receiver: WebhookReceiver) -> None:
    running, most = 0, 0
    lock = threading.Lock()

    @receiver.on(AppointmentWebhookEvent)
    def slow(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1

    for number in range(8):  # eight appointments: nothing orders them, so eight could run at once
        body = appointment_event(appointment(number, "2026-01-01T10:00:00.000Z"), event_id=f"e{number}")
        await receiver.receive(body, key=SECRET)
    await settled(receiver)
    assert most == 2  # handler_threads, though concurrency is 8


async def test_a_plain_handler_sees_the_context_it_was_called_in_and_its_failures_park(
    receiver: WebhookReceiver,
) -> None:
    seen: list[tuple[int, str]] = []

    @receiver.on("ACCEPT")
    def flaky(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        seen.append((delivery.attempt, _TRACE.get()))
        raise RuntimeError("downstream is down")

    receiver.max_attempts = 2
    _TRACE.set("trace-1")  # the receiver's tasks are made in this context
    await receiver.receive(
        appointment_event(appointment(1, "2026-01-01T10:00:00.000Z"), "ACCEPT", event_id="e1"), key=SECRET
    )
    async with asyncio.timeout(10):
        while not await receiver.failed():  # noqa: ASYNC110 - the store is what is watched
            await asyncio.sleep(0.01)
    assert [attempt for attempt, _ in seen] == [1, 2]
    (failed,) = await asyncio.to_thread(receiver.failed_sync)  # from a thread, beside the running receiver
    assert (failed.id, failed.error) == ("e1", "RuntimeError: downstream is down")
    assert await asyncio.to_thread(receiver.replay_sync, "e1")
    assert not await asyncio.to_thread(receiver.replay_sync, "e2")
    async with asyncio.timeout(10):
        while len(seen) < 3:  # noqa: ASYNC110 - replayed: handled again at once, by this receiver
            await asyncio.sleep(0.01)


async def test_the_sync_face_refuses_the_receivers_own_loop(receiver: WebhookReceiver) -> None:
    with pytest.raises(RuntimeError, match="await failed"):
        receiver.failed_sync()


def test_parked_events_are_listed_and_replayed_where_no_receiver_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/events.db"

    async def park_one() -> None:
        receiver = WebhookReceiver(url, secret=SECRET, poll_interval=0.02, retry_backoff=0.01, max_attempts=1)

        @receiver.on(AppointmentWebhookEvent)
        def broken(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            raise ValueError("bad data")

        async with receiver:
            body = appointment_event(appointment(1, "2026-01-01T10:00:00.000Z"), event_id="e1")
            await receiver.receive(body, key=SECRET)
            async with asyncio.timeout(10):
                while not await receiver.failed():  # noqa: ASYNC110
                    await asyncio.sleep(0.01)

    asyncio.run(park_one())
    on_call = WebhookReceiver(url, secret=SECRET)  # a management command's: never started
    (failed,) = on_call.failed_sync()
    assert failed.id == "e1"
    assert on_call.replay_sync("e1")
    assert on_call.failed_sync() == []


@pytest.mark.parametrize("handler", [lambda event: None, "not callable", lambda: None])
def test_a_handler_that_cannot_take_event_and_delivery_is_refused(handler: Any) -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    with pytest.raises(TypeError, match=r"`def handler\(event, delivery\)`"):
        receiver.on(AppointmentWebhookEvent)(handler)


def test_handler_threads_must_be_a_positive_count() -> None:
    with pytest.raises(ValueError, match="handler_threads"):
        WebhookReceiver("memory://", secret=SECRET, handler_threads=0)


class _Settings:
    """Django's settings as `manage.py migrate` sees them: the webhook ones not there yet."""

    def __getattr__(self, name: str) -> str:
        raise AttributeError(f"'Settings' object has no attribute {name!r}")


async def test_settings_given_as_functions_are_read_on_first_use_only(tmp_path: Path) -> None:
    settings = _Settings()
    receiver = WebhookReceiver(store=lambda: settings.ENGAGE_WEBHOOK_STORE, secret=lambda: settings.ENGAGE_WEBHOOK_KEY)
    assert "read on first use" in repr(receiver)  # building it read nothing: importing the module is safe

    @receiver.on(AppointmentWebhookEvent)
    def handled(event: AppointmentWebhookEvent, delivery: Delivery) -> None: ...

    with pytest.raises(
        ValueError, match=r"WebhookReceiver.s store could not be read: AttributeError: .*ENGAGE_WEBHOOK_STORE"
    ):
        await receiver.start()
    ready = WebhookReceiver(store=lambda: f"sqlite:///{tmp_path}/events.db", secret=lambda: SECRET)
    async with ready:
        body = appointment_event(appointment(1, "2026-01-01T10:00:00.000Z"), event_id="e1")
        assert (await ready.receive(body, key=SECRET)).status == 202
        assert (await ready.receive(body, key="wrong")).status == 401
    assert repr(ready).startswith("WebhookReceiver(store=SQLiteStore(")
    empty = WebhookReceiver("memory://", secret=lambda: "")
    with pytest.raises(ValueError, match="secret must be a non-empty string"):
        await empty.receive(b"{}", key="x")


async def test_a_workers_concurrency_sizes_the_plain_handlers_threads_unless_the_receiver_set_them(
    tmp_path: Path,
) -> None:
    """`pexip-engage webhooks worker --concurrency 4` on a receiver built with concurrency=2: four
    plain handlers run at once, as four async ones would; with handler_threads=2 given, two."""

    async def most_at_once(url: str, parties: int, handler_threads: int | None = None) -> int:
        receiver = WebhookReceiver(
            url, secret=SECRET, poll_interval=0.02, concurrency=2, handler_threads=handler_threads
        )
        running, most, done = 0, 0, 0
        lock = threading.Lock()
        together = threading.Barrier(parties)  # passed only once `parties` handlers run at the same time

        @receiver.on(AppointmentWebhookEvent)
        def slow(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            nonlocal running, most, done
            with lock:
                running += 1
                most = max(most, running)
            together.wait(timeout=8)
            with lock:
                running -= 1
                done += 1

        web = WebhookReceiver(url, secret=SECRET)  # what a web process stores
        await web.start(handle=False)
        for number in range(4):  # four appointments: nothing orders them
            body = appointment_event(appointment(number, "2026-01-01T10:00:00.000Z"), event_id=f"e{number}")
            assert (await web.receive(body, key=SECRET)).status == 202
        await web.stop()
        worker = asyncio.create_task(receiver.run_worker(concurrency=4, stop_signals=False))
        try:
            async with asyncio.timeout(10):
                while done < 4:  # noqa: ASYNC110 - the handlers' threads are what is watched
                    await asyncio.sleep(0.01)
        finally:
            worker.cancel()
            await asyncio.gather(worker, return_exceptions=True)
        return most

    assert await most_at_once(f"sqlite:///{tmp_path}/follows.db", parties=4) == 4
    assert await most_at_once(f"sqlite:///{tmp_path}/fixed.db", parties=2, handler_threads=2) == 2


async def test_a_plain_function_returning_a_coroutine_is_a_failure_not_a_silent_success(
    receiver: WebhookReceiver,
) -> None:
    ran: list[str] = []

    async def really_handle(event: AppointmentWebhookEvent) -> None:
        ran.append(event.id)

    # A lambda around an async function: a plain function to the receiver, whose coroutine nobody awaits.
    receiver.on(AppointmentWebhookEvent)(lambda event, delivery: really_handle(event))
    receiver.max_attempts = 1
    body = appointment_event(appointment(1, "2026-01-01T10:00:00.000Z"), event_id="e1")
    await receiver.receive(body, key=SECRET)
    async with asyncio.timeout(10):
        while not await receiver.failed():  # noqa: ASYNC110 - the store is what is watched
            await asyncio.sleep(0.01)
    (failed,) = await receiver.failed()
    assert failed.error.startswith("TypeError: the handler")
    assert "declare it `async def`" in failed.error
    assert ran == []
