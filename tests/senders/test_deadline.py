"""`Deadlines`: each attempt ends by its own deadline, with one timer per duration, not per attempt."""

from __future__ import annotations

import asyncio
import time
import tracemalloc

import httpx2
import pytest

from pexip_engage_client._senders._base import BodyTooSlow, OutgoingRequest
from pexip_engage_client._senders._deadline import AttemptDeadline, Deadlines


def request(seconds: float) -> OutgoingRequest:
    """A request whose attempts may take `seconds` (the connect plus the read timeout)."""
    return OutgoingRequest("GET", "https://example.test/x", {}, None, httpx2.Timeout(seconds / 2))


async def attempt(deadlines: Deadlines, seconds: float, takes: float, *, status: int | None = None) -> float:
    """An attempt that takes `takes` seconds once started; returns when it ended, on the loop's clock."""
    with deadlines.attempt(request(seconds)) as deadline:
        deadline.start(asyncio.get_running_loop())
        deadline.status = status
        await asyncio.sleep(takes)
    return asyncio.get_running_loop().time()


async def test_an_attempt_past_its_deadline_raises_a_read_timeout_before_the_status_and_too_slow_after() -> None:
    deadlines = Deadlines()
    started = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout, match=r"deadline \(0.05 s\)"):
        await attempt(deadlines, 0.05, 10)
    assert 0.04 < time.monotonic() - started < 1
    with pytest.raises(BodyTooSlow) as caught:
        await attempt(deadlines, 0.05, 10, status=200)
    assert (caught.value.status, caught.value.seconds) == (200, 0.05)


@pytest.mark.slow
async def test_each_attempt_gets_its_own_time_whatever_ends_before_it() -> None:
    deadlines = Deadlines()
    loop = asyncio.get_running_loop()
    quick = asyncio.create_task(attempt(deadlines, 0.2, 0.01))
    await asyncio.sleep(0.05)
    slow_started = loop.time()
    slow = asyncio.create_task(attempt(deadlines, 0.2, 10))
    longer = asyncio.create_task(attempt(deadlines, 2, 0.3))  # another duration, in time
    await quick  # ended first; the timer set for it must still find the slow one when due
    with pytest.raises(httpx2.ReadTimeout):
        await slow
    assert 0.19 < loop.time() - slow_started < 1.5
    assert await longer - slow_started >= 0.29  # not cut short by the other duration's timer


async def test_an_attempt_started_by_another_task_ends_the_task_inside_it() -> None:
    # As the httpx2 sender does: the exchange runs in a task of its own, which says when it began.
    async def attempt_with_its_exchange_in_another_task() -> None:
        with Deadlines().attempt(request(0.05)) as deadline:
            caller = asyncio.current_task()

            async def exchange() -> None:
                deadline.start(asyncio.get_running_loop(), caller)

            await asyncio.create_task(exchange())
            await asyncio.sleep(10)

    started = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout):
        await attempt_with_its_exchange_in_another_task()
    assert time.monotonic() - started < 5


async def test_an_attempt_not_started_waits_as_long_as_it_takes() -> None:
    with Deadlines().attempt(request(0.02)):
        await asyncio.sleep(0.1)  # no deadline before start(): the wait for a turn is not counted


async def test_a_cancellation_from_outside_is_not_turned_into_a_timeout() -> None:
    deadlines = Deadlines()
    task = asyncio.create_task(attempt(deadlines, 30, 10))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    started: list[AttemptDeadline] = []

    async def waiting() -> None:
        with deadlines.attempt(request(30)) as deadline:
            deadline.start(asyncio.get_running_loop())
            started.append(deadline)
            await asyncio.sleep(10)

    both = asyncio.create_task(waiting())
    await asyncio.sleep(0)
    started[0].expire()  # the time is up (what the keeper's timer does)...
    both.cancel()  # ...just as the caller cancels: its cancellation wins
    with pytest.raises(asyncio.CancelledError):
        await both


async def test_a_timed_out_attempt_leaves_its_task_usable() -> None:
    with pytest.raises(httpx2.ReadTimeout):
        await attempt(Deadlines(), 0.03, 10)
    await asyncio.sleep(0.01)  # no cancellation left pending on this task
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


@pytest.mark.slow
async def test_attempts_finished_behind_a_slow_one_are_not_kept() -> None:
    deadlines = Deadlines()
    slow = asyncio.create_task(attempt(deadlines, 30, 30))
    await asyncio.sleep(0)
    for _ in range(500):  # warm up
        await attempt(deadlines, 30, 0)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(20_000):
            await attempt(deadlines, 30, 0)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    slow.cancel()
    assert grown < 100_000, f"{grown} bytes kept for 20,000 attempts that ended"


async def test_a_closed_keeper_cancels_nothing() -> None:
    deadlines = Deadlines()
    task = asyncio.create_task(attempt(deadlines, 0.03, 0.1))
    await asyncio.sleep(0)
    deadlines.close()  # the sender closed: its attempts are ended by the client instead
    await task
