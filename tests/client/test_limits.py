"""`LocalLimits`: the documented numbers, kept over every 60 seconds and every moment.

The budget is checked on a virtual clock (the limits' `now` and `sleep`), which a wait moves on
instead of waiting: the start times are then exactly the ones the limits hand out.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._limiting._limits import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE, LocalLimits

from ..support.clients import TOKEN
from ..support.virtual_clock import VirtualClock, on_the_limits_clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    return on_the_limits_clock(monkeypatch)


async def starts(limits: LocalLimits, clock: VirtualClock, count: int, *, every: float = 0.0) -> list[float]:
    """When each of `count` requests, asked for `every` seconds apart, may start."""
    moments = []
    for _ in range(count):
        lease = await limits.acquire()
        moments.append(clock.time)
        await limits.release(lease)
        clock.time += every
    return moments


def most_in_any(moments: list[float], seconds: float) -> int:
    """The most of `moments` (sorted) within any `seconds` (a half-open stretch)."""
    return max(bisect.bisect_left(moments, moment + seconds) - index for index, moment in enumerate(moments))


def test_the_numbers_are_the_documented_ones() -> None:
    assert (DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE) == (4, 3000)


@pytest.mark.parametrize("every", [0.0, 0.005, 0.02, 0.5])
async def test_no_60_seconds_hold_more_than_the_budget_however_fast_requests_are_asked_for(
    clock: VirtualClock, every: float
) -> None:
    limits = LocalLimits(max_in_flight=4, per_minute=3000)
    moments = await starts(limits, clock, 7000, every=every)
    # 1% is left unused, against jitter on the way: 29 requests (more than half a second) to spare.
    assert most_in_any(moments, 60.0) <= 3000 - 29
    if every <= 0.02:  # asked for at least as fast as the budget allows: it is nearly all used
        assert most_in_any(moments, 60.0) >= 0.95 * 3000
    assert moments == sorted(moments)  # in the order asked


@pytest.mark.parametrize("per_minute", [1, 1.5, 2, 5, 12])
async def test_the_smallest_budgets_allowed_are_kept_too(clock: VirtualClock, per_minute: float) -> None:
    """The governor allows a rate down to one request a minute; the budget's share left unused
    against jitter must still leave a pace (it once left none: a ZeroDivisionError at one a minute)."""
    limits = LocalLimits(max_in_flight=4, per_minute=per_minute)
    moments = await starts(limits, clock, 12)
    assert most_in_any(moments, 60.0) <= max(1, int(per_minute) - 1)
    assert moments[-1] - moments[0] <= 11 * 120  # at least one start every two minutes


def test_a_governor_at_one_request_a_minute_can_be_made() -> None:
    from pexip_engage_client import Governor

    Governor(rate=1 / 60)


async def test_a_few_start_together_then_the_pace_is_even(clock: VirtualClock) -> None:
    limits = LocalLimits(max_in_flight=4, per_minute=3000)
    began = clock.time
    moments = await starts(limits, clock, 20)
    assert moments[:5] == pytest.approx([began] * 5)  # 4 of tolerance, and the one the budget always allows
    interval = 60 / (3000 - 30 - 4)
    assert [later - earlier for earlier, later in itertools.pairwise(moments[4:])] == pytest.approx([interval] * 15)


async def test_a_pause_holds_every_start_until_it_ends(clock: VirtualClock) -> None:
    limits = LocalLimits(max_in_flight=None, per_minute=None)
    await limits.pause(30)
    await limits.pause(5)  # a shorter pause does not shorten the first
    began = clock.time
    moments = await starts(limits, clock, 3)
    assert moments == [began + 30] * 3


async def test_no_more_leases_than_slots_and_a_release_lets_the_next_in() -> None:
    limits = LocalLimits(max_in_flight=2, per_minute=None)
    first, second = await limits.acquire(), await limits.acquire()
    third = asyncio.ensure_future(limits.acquire())
    await asyncio.sleep(0.01)
    assert not third.done()
    await limits.release(first)
    await limits.release(first)  # twice: ignored, not a third slot
    assert (await asyncio.wait_for(third, 1)) not in (first, second)
    fourth = asyncio.ensure_future(limits.acquire())
    await asyncio.sleep(0.01)
    assert not fourth.done()
    fourth.cancel()
    await limits.release(second)
    assert await asyncio.wait_for(limits.acquire(), 1)  # the cancelled waiter took no slot


async def test_a_default_client_never_sends_more_than_3000_in_any_60_seconds(clock: VirtualClock) -> None:
    sent: list[float] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        sent.append(clock.time)
        return httpx2.Response(200, json={"data": {"id": "1", "function": None}})

    # One call at a time, as fast as the client lets them go: on the virtual clock, only the
    # governor's waits move time on, so the moments are exactly the ones it allows.
    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(answer)) as engage:
        for _ in range(3100):
            await engage.employees.get_employee_by_id("1")
    assert most_in_any(sent, 60.0) <= 3000
    assert bisect.bisect_left(sent, sent[0] + 60) >= 0.95 * 3000  # and the budget is used
