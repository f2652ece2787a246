"""Forwarding's own retry schedule and its outage log, in process on the memory store.

A queue's broker restarts in seconds to minutes: forwarding retries an event for 10 minutes by
default (capped backoff, at most 15 s apart), holds the appointment's later events behind it, and
logs one warning when an outage starts and one line when it ends. tests/webhooks/test_broker_outage.py
does the same against a real redis-server stopped for 30 s and for 3 minutes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Delivery,
    ForwardedEvent,
    WebhookReceiver,
    parse_event,
)
from pexip_engage_client.webhooks._retries import JITTER, RetrySchedule

from .test_fork import in_child

SECRET = "retries-key"
LOGGER = "pexip_engage_client.webhooks"


def receiver() -> WebhookReceiver:
    return WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02)


def schedule_of(target: WebhookReceiver) -> RetrySchedule:
    retries: Any = getattr(target._handlers._by_class[AppointmentWebhookEvent], "retries")  # noqa: B009 - the forwarder's
    assert isinstance(retries, RetrySchedule)
    return retries


def span(schedule: RetrySchedule, draw: float) -> tuple[float, float]:
    """(all retries' delays summed, the longest delay), every delay drawn at `draw`."""
    delays = [schedule.delay(attempt, draw) for attempt in range(1, schedule.attempts)]
    return sum(delays), max(delays)


def test_the_default_schedule_retries_for_at_least_five_minutes_at_most_15_s_apart() -> None:
    target = receiver()
    target.forward(lambda event: None)
    schedule = schedule_of(target)
    assert span(schedule, 0.0)[0] >= 600  # the shortest draws: still 10 minutes, twice a broker restart's 5
    assert span(schedule, 1.0)[1] <= 15 * (1 + JITTER)
    assert schedule.delay(1, 0.5) == 1.0  # the first retry a second after the failure


def test_the_schedule_is_configurable_and_bad_values_are_named() -> None:
    target = receiver()
    target.forward(lambda event: None, retry_for=60, max_backoff=2)
    shortest, _ = span(schedule_of(target), 0.0)
    assert 60 <= shortest < 62
    assert span(schedule_of(target), 1.0)[1] <= 2 * (1 + JITTER)
    for bad in ({"retry_for": 0}, {"max_backoff": -1}, {"retry_for": True}):
        with pytest.raises(ValueError, match=f"{next(iter(bad))} must be a positive number of seconds"):
            receiver().forward(lambda event: None, **bad)


def event(appointment: str, change: int) -> bytes:
    updated = f"2026-01-01T09:0{change}:00.000Z"
    return appointment_event(
        {"id": appointment, "updatedAt": updated}, "GENERIC_UPDATE", event_id=f"{appointment}-{change}"
    )


async def test_an_outage_is_one_warning_and_one_line_and_an_appointments_events_wait_for_the_retried_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="pexip_engage_client.webhooks")
    target = receiver()
    down = True
    failures = 0
    received: list[str] = []

    async def broker(forwarded: ForwardedEvent) -> None:
        nonlocal failures
        if down:
            failures += 1
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        received.append(forwarded.event_id)

    target.forward(broker, retry_for=60, max_backoff=0.05)
    async with target:
        assert (await target.receive(event("a", 1), key=SECRET)).status == 202
        async with asyncio.timeout(10):
            while failures < 3:  # noqa: ASYNC110 - the sink's count is what changes
                await asyncio.sleep(0.01)
        # Newer changes of "a" arrive while its first is being retried, beside another appointment's.
        for body in (event("a", 2), event("b", 1), event("a", 3), event("b", 2)):
            assert (await target.receive(body, key=SECRET)).status == 202
        async with asyncio.timeout(10):
            while failures < 20:  # noqa: ASYNC110 - the sink's count is what changes
                await asyncio.sleep(0.01)
        down = False
        async with asyncio.timeout(10):
            while len(received) < 5:  # noqa: ASYNC110 - the sink's list is what changes
                await asyncio.sleep(0.01)
            await target.join()
        assert await target.failed() == []
    assert [event_id for event_id in received if event_id.startswith("a")] == ["a-1", "a-2", "a-3"]
    assert [event_id for event_id in received if event_id.startswith("b")] == ["b-1", "b-2"]
    lines = [(record.levelname, record.getMessage()) for record in caplog.records if record.levelno >= logging.INFO]
    assert len(lines) == 2, lines
    (first_level, first), (last_level, last) = lines
    assert first_level == last_level == "WARNING"
    assert "failed (ConnectionError: Error 111" in first
    assert "retried for up to 60 s" in first
    assert "works again after" in last
    assert f"{failures} forwardings failed meanwhile" in last


def forwarder_of(target: WebhookReceiver) -> Any:
    return target._handlers._by_class[AppointmentWebhookEvent]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_child_forked_during_a_forwarding_outage_tells_its_own_not_its_parents(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A process forked while its parent's sink was down (gunicorn `--preload`, Celery prefork) did not
    fail there: its first forwarding that works is no "works again", its first failure is its own warning."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    down = True

    async def broker(forwarded: ForwardedEvent) -> None:
        if down:
            raise ConnectionError("refused")

    target = receiver()
    target.forward(broker)
    forwarder = forwarder_of(target)

    def forward() -> None:
        asyncio.run(forwarder(parse_event(event("a", 1)), Delivery("a-1", 1, 1, False)))

    def in_the_child() -> str:
        nonlocal down
        caplog.clear()
        down = False
        forward()  # works
        down = True
        with pytest.raises(ConnectionError):
            forward()
        return "\n".join(record.getMessage() for record in caplog.records)

    with pytest.raises(ConnectionError):
        forward()
    child = in_child(in_the_child).splitlines()
    assert len(child) == 1, child
    assert child[0].startswith(f"forwarding to {forwarder.sink!r} failed (ConnectionError: refused)"), child
    caplog.clear()
    down = False
    forward()  # the parent's outage is its own: the child's failure was not counted in it
    (line,) = [record.getMessage() for record in caplog.records]
    assert line.startswith(f"forwarding to {forwarder.sink!r} works again after "), line
    assert line.endswith(" s; 1 forwardings failed meanwhile and are retried (the last: ConnectionError: refused)")


def test_a_failure_from_another_thread_while_works_again_is_told_starts_a_new_outage(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The WSGI face reports from its server's threads: a failure in one while another tells the
    outage's end is the next outage's warning, never counted in the one that ended (and lost)."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    target = receiver()
    target.forward(lambda event: None)
    outage = forwarder_of(target).outage
    meanwhile = threading.Thread(target=outage.failed, args=(ConnectionError("again"),))

    class FailingMeanwhile(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "works again after" in record.getMessage() and meanwhile.ident is None:
                meanwhile.start()
                meanwhile.join(0.2)  # returns at once where the failure does not wait for the line

    handler = FailingMeanwhile()
    logging.getLogger(LOGGER).addHandler(handler)
    try:
        outage.failed(ConnectionError("refused"))
        outage.worked()
        meanwhile.join(10)
    finally:
        logging.getLogger(LOGGER).removeHandler(handler)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 3, lines
    assert "failed (ConnectionError: refused)" in lines[0]
    assert "works again after" in lines[1]
    assert "failed (ConnectionError: again)" in lines[2]
