"""`LocalLimits`: the documented numbers, kept over every 60 seconds and every moment.

The budget is checked on a virtual clock (the limits' `now` and `sleep`), which a wait moves on
instead of waiting: the start times are then exactly the ones the limits hand out.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import math
import time

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.arguments import ArgumentError
from pexip_engage_client._limiting import _limits
from pexip_engage_client._limiting._limits import (
    DOCUMENTED_MAX_IN_FLIGHT,
    DOCUMENTED_PER_MINUTE,
    LocalLimits,
    NoTurnInTime,
)

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


@pytest.mark.slow  # 3,000 calls on the limits' clock
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


@pytest.mark.parametrize(
    ("max_in_flight", "per_minute", "together", "interval"),
    [
        (None, 60, 1, 60 / 59),  # no bound on calls in flight: no burst; one start a minute left unused
        (None, 3000, 1, 60 / 2970),  # 1% left unused
        (2, 100, 3, 60 / 97),  # a burst of the calls in flight, and the one always allowed
        (4, 30, 4, 60 / 26),  # a burst of at most a tenth of the budget: 3, not 4
    ],
)
async def test_the_burst_and_the_pace_are_the_budgets_own(
    clock: VirtualClock, max_in_flight: int | None, per_minute: float, together: int, interval: float
) -> None:
    """The budget's shape exactly (docs/limits.md): a larger burst or a smaller share left unused would pass
    the documented limits at the edges of a minute, a smaller one would leave the budget unused."""
    limits = LocalLimits(max_in_flight=max_in_flight, per_minute=per_minute)
    began = clock.time
    moments = await starts(limits, clock, together + 5)
    assert moments[:together] == pytest.approx([began] * together)
    assert moments[together] > began
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments[together - 1 :])]
    assert gaps == pytest.approx([interval] * 5)


@pytest.mark.parametrize("per_minute", [None, 3000])
async def test_a_call_given_no_slot_in_time_neither_starts_nor_frees_one(per_minute: float | None) -> None:
    """A wait for a slot that times out holds none: the call may not start, and must not give back a slot
    it never had (one more call in flight than allowed from then on)."""
    limits = LocalLimits(max_in_flight=1, per_minute=per_minute)
    held = await limits.acquire()
    for _ in range(2):  # the second finds the slot still held: the first neither took one nor freed one
        started = time.monotonic()
        with pytest.raises(NoTurnInTime):  # (a wait without end fails in 2 s: TimeoutError)
            await asyncio.wait_for(limits.acquire(deadline=_limits.now() + 0.05), 2)
        assert time.monotonic() - started < 0.9  # refused within its time, not a second later
    await limits.release(held)
    await limits.release(await asyncio.wait_for(limits.acquire(), 1))


async def test_a_pause_past_a_calls_deadline_fails_it_at_once_even_with_every_slot_taken(clock: VirtualClock) -> None:
    """Told at once, with the pause left: not after waiting out its time for a slot, as if none had come."""
    limits = LocalLimits(max_in_flight=1, per_minute=None)
    await limits.acquire()
    await limits.pause(30)
    with pytest.raises(NoTurnInTime) as refused:
        await limits.acquire(deadline=clock.time + 0.05)
    assert refused.value.paused_for == pytest.approx(30)


async def test_a_pause_is_a_finite_number_of_seconds_refused_by_name_otherwise() -> None:
    """An endless pause would stop every request of the process for good."""
    limits = LocalLimits(max_in_flight=None, per_minute=None)
    for bad in (math.inf, -1.0):
        with pytest.raises(ArgumentError) as refused:
            await limits.pause(bad)
        assert refused.value.argument == "seconds"
    await limits.pause(0)


@pytest.mark.parametrize("within", [None, 10.0])
async def test_a_pause_begun_while_a_call_waits_for_its_turn_holds_it_until_the_pause_ends(
    clock: VirtualClock, monkeypatch: pytest.MonkeyPatch, within: float | None
) -> None:
    """A 429 answered while a caller sleeps until its budget turn: the turn it had claimed is inside the
    pause, so it starts at the pause's end (the budget's next turn then), or fails at once, with the pause
    left, when that is past its deadline."""
    limits = LocalLimits(max_in_flight=None, per_minute=60)  # no burst: turns 60/59 s apart
    await limits.release(await limits.acquire())

    async def paused_meanwhile(seconds: float) -> None:
        if clock.time == began:
            await limits.pause(30)
        await clock.sleep(seconds)

    monkeypatch.setattr(_limits, "sleep", paused_meanwhile)
    began = clock.time
    deadline = None if within is None else began + within
    if deadline is None:
        await limits.acquire(deadline)
        assert clock.time == pytest.approx(began + 30, abs=1e-6)
        return
    with pytest.raises(NoTurnInTime) as refused:
        await limits.acquire(deadline)
    assert refused.value.paused_for == pytest.approx(30 - 60 / 59)


async def test_a_pause_ending_at_a_calls_deadline_lets_it_start_then(clock: VirtualClock) -> None:
    """The deadline is the last moment a call may start: a pause over by then is waited out, not refused."""
    limits = LocalLimits(max_in_flight=1, per_minute=3000)
    await limits.pause(10)
    began = clock.time
    await limits.acquire(deadline=began + 10)
    assert clock.time == began + 10


def test_the_limits_show_their_numbers() -> None:
    assert repr(LocalLimits(max_in_flight=4, per_minute=3000)) == "LocalLimits(max_in_flight=4, per_minute=3000)"


async def test_a_call_waiting_within_its_time_takes_the_slot_given_back_meanwhile() -> None:
    limits = LocalLimits(max_in_flight=1, per_minute=None)
    held = await limits.acquire()
    waiter = asyncio.ensure_future(limits.acquire(deadline=_limits.now() + 5))
    for _ in range(3):  # the waiter's turns of the loop until it waits for the slot
        await asyncio.sleep(0)
    assert not waiter.done()
    await limits.release(held)
    await limits.release(await asyncio.wait_for(waiter, 1))
    await limits.release(await limits.acquire(deadline=_limits.now() + 0.05))  # and gave it back: free again


async def test_a_call_whose_budget_turn_is_past_its_deadline_fails_at_once_and_claims_nothing(
    clock: VirtualClock,
) -> None:
    limits = LocalLimits(max_in_flight=1, per_minute=60)  # a burst of one, then turns 60/58 s apart
    for _ in range(2):
        await limits.release(await limits.acquire())
    began = clock.time
    with pytest.raises(NoTurnInTime) as refused:
        await limits.acquire(deadline=began + 0.5)
    assert refused.value.paused_for is None
    assert clock.time == began  # at once, not after waiting out its time
    await asyncio.wait_for(limits.acquire(), 5)  # its slot was given back
    assert clock.time == pytest.approx(began + 60 / 58)  # and the turn it did not claim is the next caller's
