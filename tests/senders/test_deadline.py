"""`AttemptDeadline`: `asyncio.timeout` started as the exchange begins, and which error its expiry is."""

from __future__ import annotations

import asyncio
import time

import httpx2
import pytest

from pexip_engage_client._senders._base import BodyTooSlow, OutgoingRequest
from pexip_engage_client._senders._deadline import AttemptDeadline


def request(seconds: float) -> OutgoingRequest:
    """A request whose attempts may take `seconds` (the connect plus the read timeout)."""
    return OutgoingRequest("GET", "https://example.test/x", {}, None, httpx2.Timeout(seconds / 2))


async def attempt(seconds: float, takes: float, *, status: int | None = None) -> float:
    """An attempt that takes `takes` seconds once started; returns when it ended, on the loop's clock."""
    async with AttemptDeadline(request(seconds)) as deadline:
        deadline.start()
        deadline.status = status
        await asyncio.sleep(takes)
    return asyncio.get_running_loop().time()


async def test_an_attempt_past_its_deadline_raises_a_read_timeout_before_the_status_and_too_slow_after() -> None:
    started = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout, match=r"deadline \(0.05 s\)"):
        await attempt(0.05, 10)
    assert 0.04 < time.monotonic() - started < 1
    with pytest.raises(BodyTooSlow) as caught:
        await attempt(0.05, 10, status=200)
    assert (caught.value.status, caught.value.seconds) == (200, 0.05)


@pytest.mark.slow  # 1.7 s of waiting, wide enough that a loaded machine's late wake-ups cannot cross a bound
async def test_the_deadline_is_the_connect_plus_the_read_timeout_from_the_start_not_the_read_timeout() -> None:
    # start() sets the deadline by a timer due after the read timeout (request(): 0.5 s of the 1): past that
    # timer the attempt goes on, and it ends at the deadline itself.
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await attempt(1.0, 0.7) - started >= 0.7
    started = loop.time()
    with pytest.raises(httpx2.ReadTimeout, match=r"deadline \(1 s\)"):
        await attempt(1.0, 10)
    assert 0.99 < loop.time() - started < 3  # not at the read timeout (0.5 s)


async def test_an_attempt_started_by_another_task_ends_the_task_inside_it() -> None:
    # As the httpx2 sender does: the exchange runs in a task of its own, which says when it began.
    async def attempt_with_its_exchange_in_another_task() -> None:
        async with AttemptDeadline(request(0.05)) as deadline:

            async def exchange() -> None:
                deadline.start()

            await asyncio.create_task(exchange())
            await asyncio.sleep(10)

    started = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout):
        await attempt_with_its_exchange_in_another_task()
    assert time.monotonic() - started < 5


async def test_an_attempt_not_started_waits_as_long_as_it_takes_and_a_second_start_keeps_the_first() -> None:
    async with AttemptDeadline(request(0.02)):
        await asyncio.sleep(0.1)  # no deadline before start(): the wait for a turn is not counted

    async def restarted() -> None:
        async with AttemptDeadline(request(0.1)) as deadline:
            deadline.start()
            await asyncio.sleep(0.05)
            deadline.start()  # a resend on another connection: the attempt's time goes on
            await asyncio.sleep(10)

    started = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout):
        await restarted()
    assert time.monotonic() - started < 0.5


async def test_a_cancellation_from_outside_is_not_turned_into_a_timeout() -> None:
    task = asyncio.create_task(attempt(30, 10))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_timed_out_attempt_leaves_its_task_usable() -> None:
    with pytest.raises(httpx2.ReadTimeout):
        await attempt(0.03, 10)
    await asyncio.sleep(0.01)  # no cancellation left pending on this task
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]
