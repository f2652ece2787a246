"""`receiver.forward(sink)`'s rules, in process on the memory store: what it refuses, a failing sink
retried then parked, a sync function, handlers beside it, stale events."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    ArqSink,
    CelerySink,
    Delivery,
    ForwardedEvent,
    RedisStreamSink,
    WebhookReceiver,
)

SECRET = "rules-key"


def receiver(**options: Any) -> WebhookReceiver:
    return WebhookReceiver("memory://", secret=SECRET, poll_interval=0.05, **options)


async def deliver(target: WebhookReceiver, *bodies: bytes) -> None:
    for body in bodies:
        answer = await target.receive(body, key=SECRET)
        assert answer.status in (200, 202), answer


def test_forward_replaces_handlers_so_it_refuses_to_be_called_after_them() -> None:
    target = receiver()

    @target.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None: ...

    with pytest.raises(ValueError, match="before registering handlers"):
        target.forward(lambda event: None)


def test_forward_refuses_a_second_sink_and_an_unknown_until() -> None:
    target = receiver()
    with pytest.raises(ValueError, match="until must be"):
        target.forward(lambda event: None, until="acked")  # type: ignore[arg-type]
    target.forward(lambda event: None)
    with pytest.raises(ValueError, match="before registering handlers"):
        target.forward(lambda event: None)


def test_a_stream_trimmed_on_add_is_refused_with_until_enqueued() -> None:
    # XADD MAXLEN drops the oldest entries, read or not: settled at enqueue, unread events would vanish.
    trimmed = RedisStreamSink("redis://127.0.0.1:1/0", "events", group="workers", maxlen=50)
    with pytest.raises(ValueError, match=r"maxlen=50 drops the oldest entries whether a consumer read them or not"):
        receiver().forward(trimmed, until="enqueued")
    receiver().forward(trimmed, until="processed")  # settled only once acknowledged: nothing is lost unseen
    receiver().forward(RedisStreamSink("redis://127.0.0.1:1/0", "events", group="workers"), until="enqueued")


def test_sinks_name_the_bad_parameter() -> None:
    with pytest.raises(TypeError, match="sink must be"):
        receiver().forward(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="task must be"):
        CelerySink(object(), "")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="task_id and args"):
        CelerySink(object(), "t", task_id="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout must be"):
        CelerySink(object(), "t", timeout=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stream must be"):
        RedisStreamSink("redis://127.0.0.1:1/0", "", group="g")
    with pytest.raises(ValueError, match="group must"):
        RedisStreamSink("redis://127.0.0.1:1/0", "s", group="")
    with pytest.raises(ValueError, match="maxlen must be"):
        RedisStreamSink("redis://127.0.0.1:1/0", "s", group="g", maxlen=0)
    with pytest.raises(ValueError, match="dedup_for must be a positive number of seconds"):
        RedisStreamSink("redis://127.0.0.1:1/0", "s", group="g", dedup_for=0)
    with pytest.raises(ValueError, match="'body'"):
        ForwardedEvent.from_dict({"event_id": "e", "appointment_id": "", "position": 1, "attempt": 1, "stale": "0"})


def test_the_arq_sink_names_the_bad_parameter() -> None:
    # The Makefile installs arq in the main venv only (its metadata refuses redis 8).
    pytest.importorskip("arq", reason="arq is installed in the main venv only")
    with pytest.raises(ValueError, match="function must be"):
        ArqSink(object(), "")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        ArqSink(object(), "f", queue_name="q", timeout=0)  # type: ignore[arg-type]


def test_a_forwarded_event_reads_back_from_its_dict_and_from_stream_fields() -> None:
    event = ForwardedEvent("e-1", "a-1", 3, 1, False, appointment_event({"id": "a-1"}, event_id="e-1").decode())
    assert ForwardedEvent.from_dict(event.to_dict()) == event
    fields = {b"event_id": b"e-1", b"appointment_id": b"a-1", b"position": b"3", b"attempt": b"1", b"stale": b"0"}
    assert ForwardedEvent.from_dict({**fields, b"body": event.body.encode()}) == event
    assert event.event.id == "e-1"


async def test_a_sync_function_runs_in_a_thread_and_gets_each_event_once() -> None:
    target = receiver()
    seen: list[tuple[str, str | None, bool]] = []

    def consume(event: ForwardedEvent) -> None:
        seen.append((event.event_id, event.appointment_id, threading.current_thread() is threading.main_thread()))

    target.forward(consume)
    body = appointment_event({"id": "appointment-1"}, event_id="event-1")
    async with target:
        await deliver(target, body, body)
        async with asyncio.timeout(10):
            await target.join()
    assert seen == [("event-1", "appointment-1", False)]


async def test_a_failing_sink_is_retried_then_the_event_is_parked_and_replayable() -> None:
    target = receiver()
    attempts: list[int] = []

    async def broken(event: ForwardedEvent) -> None:
        attempts.append(event.attempt)
        raise ConnectionError("the broker is down")

    # Forwarding keeps its own schedule (the receiver's max_attempts is its handlers'): here one
    # retry, a few milliseconds later, covers the 5 ms asked for.
    target.forward(broken, retry_for=0.005, max_backoff=0.01)
    async with target:
        await deliver(target, appointment_event({"id": "appointment-1"}, event_id="event-1"))
        async with asyncio.timeout(10):
            while not await target.failed():  # noqa: ASYNC110 - the store is what changes
                await asyncio.sleep(0.01)
        [failed] = await target.failed()
    assert attempts == [1, 2]
    assert failed.id == "event-1"
    assert "ConnectionError: the broker is down" in failed.error


async def test_a_handler_registered_after_forward_takes_its_events_off_the_sink() -> None:
    target = receiver()
    forwarded: list[str] = []
    handled: list[str] = []

    async def consume(event: ForwardedEvent) -> None:
        forwarded.append(event.event_id)

    target.forward(consume)

    @target.on("CANCEL")
    async def cancelled(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)

    async with target:
        await deliver(
            target,
            appointment_event({"id": "appointment-1"}, "ACCEPT", event_id="accept-1"),
            appointment_event({"id": "appointment-2"}, "CANCEL", event_id="cancel-2"),
        )
        async with asyncio.timeout(10):
            await target.join()
    assert forwarded == ["accept-1"]
    assert handled == ["cancel-2"]


@pytest.mark.parametrize("handle_stale", [False, True])
async def test_a_stale_event_is_forwarded_only_with_handle_stale(handle_stale: bool) -> None:
    target = receiver(handle_stale=handle_stale)
    forwarded: list[tuple[str, bool]] = []

    async def consume(event: ForwardedEvent) -> None:
        forwarded.append((event.event_id, event.stale))

    target.forward(consume)
    newer = appointment_event({"id": "appointment-1", "updatedAt": "2026-01-01T10:00:00.000Z"}, event_id="newer")
    older = appointment_event({"id": "appointment-1", "updatedAt": "2026-01-01T09:00:00.000Z"}, event_id="older")
    async with target:
        await deliver(target, newer)
        async with asyncio.timeout(10):
            await target.join()
        await deliver(target, older)
        async with asyncio.timeout(10):
            await target.join()
    assert forwarded == ([("newer", False), ("older", True)] if handle_stale else [("newer", False)])
    assert await target.store.status("older") == ("handled" if handle_stale else "stale")


@pytest.mark.main_python_only  # Celery is in the test group, not among the floors' dependencies
async def test_celery_without_a_result_backend_sends_but_cannot_say_processed() -> None:
    from celery import Celery  # type: ignore[import-untyped]

    app = Celery("rules", broker="memory://")
    sink = CelerySink(app, "rules.task")
    event = ForwardedEvent("e-1", "a-1", 1, 1, False, appointment_event({"id": "a-1"}, event_id="e-1").decode())
    await sink.send(event)  # until="enqueued" needs no result backend
    with app.connection_for_write() as connection:
        message = connection.default_channel.basic_get("celery")
    assert message is not None
    assert message.headers["id"] == "e-1"
    assert message.headers["task"] == "rules.task"
    with pytest.raises(ValueError, match="no result backend"):
        await sink.processed(event)
