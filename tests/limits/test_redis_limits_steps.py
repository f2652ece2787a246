"""`RedisLimits`' Lua scripts step by step, quick, on the session's real redis-server: a lease at its reserved start
and refused past the limit, a lease run out no longer counted, the budget's spacing, a pause and a renewal only ever
later, a release that frees its own lease only and is announced, and keys that outlive every lease in them.

The scripts read Redis's clock (`TIME`): each step is checked against that clock read just before and just after it
(the script's `now` lies between), and time is made to pass by writing a lease that ran out (a score in the past)
rather than by sleeping. The scripts are module constants mutmut leaves alone: slips were planted in them by hand
(see docs/mutation.md), and these tests catch each.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import redis as redis_py

from pexip_engage_client._base.arguments import ArgumentError
from pexip_engage_client._limiting._limits import NoTurnInTime
from pexip_engage_client._limiting._redis_limits import RedisLimits, paced_per_minute
from pexip_engage_client._limiting._sync._redis_limits import RedisLimits as RedisLimitsSync

LEASE_MS = 30_000.0
INTERVAL_MS = 1_000.0
MARGIN = 0.001  # the scripts write scores and times with three decimals (`%.3f`)


def made(redis_url: str, key: str, **options: Any) -> RedisLimits:
    settings: dict[str, Any] = {"max_in_flight": 2, "per_minute": 3000, "lease_seconds": 30.0} | options
    return RedisLimits(redis_url, key=key, **settings)


@pytest.fixture
async def limits(redis_url: str, key: str) -> AsyncIterator[RedisLimits]:
    opened = made(redis_url, key)
    yield opened
    await opened.aclose()


def redis(limits: RedisLimits) -> Any:
    return limits._client.client


async def clock(limits: RedisLimits) -> float:
    """Redis's clock in ms, as `_NOW` reads it."""
    seconds, micros = await redis(limits).time()
    return float(seconds) * 1000 + float(micros) / 1000


async def timed(limits: RedisLimits, step: Callable[[], Awaitable[Any]]) -> tuple[float, Any, float]:
    """Redis's clock just before `step`, its answer, and the clock just after: the script's `now` is between."""
    before = await clock(limits)
    answer = await step()
    return before, answer, await clock(limits)


def within(value: float, before: float, after: float) -> bool:
    return before - MARGIN <= value <= after + MARGIN


async def acquire(
    limits: RedisLimits, lease: str, *, most: int = 2, lease_ms: float = LEASE_MS
) -> tuple[float, tuple[int, float], float]:
    """The acquire script asked directly for `lease`: the clock before, its answer (status, ms), the clock after."""
    keys = [limits._holders, limits._tat, limits._resume]
    before, answer, after = await timed(limits, lambda: limits._call("acquire", keys, [lease, most, lease_ms, 1000.0]))
    return before, (int(answer[0]), float(answer[1])), after


async def holders(limits: RedisLimits) -> dict[str, float]:
    """Each lease held, with the time (Redis's clock, ms) its lease ends."""
    listed = await redis(limits).zrange(limits._holders, 0, -1, withscores=True)
    return {bytes(lease).decode(): float(score) for lease, score in listed}


async def stored(limits: RedisLimits, key: str) -> float | None:
    value = await redis(limits).get(key)
    return None if value is None else float(value)


async def lifetime(limits: RedisLimits, key: str) -> int:
    """The ms before Redis drops `key` (-1: never, -2: gone)."""
    return int(await redis(limits).pttl(key))


async def test_a_lease_is_granted_at_its_reserved_start_and_refused_past_the_limit(limits: RedisLimits) -> None:
    before, (status, wait_ms), after = await acquire(limits, "a")
    assert (status, wait_ms) == (1, 0)  # the first start is now
    assert within((await holders(limits))["a"] - LEASE_MS, before, after)
    assert within(await stored(limits, limits._tat) - INTERVAL_MS, before, after)  # type: ignore[operator]
    first_tat = await stored(limits, limits._tat)
    assert first_tat is not None
    before, (status, wait_ms), after = await acquire(limits, "b")  # one interval after the first start
    assert status == 1
    assert within(first_tat - wait_ms, before, after)
    assert (await holders(limits))["b"] == pytest.approx(first_tat + LEASE_MS, abs=MARGIN)  # from its start
    assert await stored(limits, limits._tat) == pytest.approx(first_tat + INTERVAL_MS, abs=MARGIN)
    before, (status, wait_ms), after = await acquire(limits, "c")  # two held of two: refused
    first_end = (await holders(limits))["a"]
    assert status == -1
    assert within(first_end - wait_ms, before, after)  # until the first lease ends, not the last
    assert set(await holders(limits)) == {"a", "b"}
    assert await stored(limits, limits._tat) == pytest.approx(first_tat + INTERVAL_MS, abs=MARGIN)  # nothing spent
    assert (await acquire(limits, "c", most=3))[1][0] == 1  # the limit is the caller's: three fit three
    assert (await acquire(limits, "d", most=3))[1][0] == -1


async def test_a_lease_run_out_is_no_longer_counted_and_one_not_yet_run_out_is(limits: RedisLimits) -> None:
    now = await clock(limits)
    await redis(limits).zadd(limits._holders, {"ran-out": now - 1, "running": now + 60_000})
    assert (await acquire(limits, "b", most=2))[1][0] == 1  # ran-out's slot is free, running's is not
    assert set(await holders(limits)) == {"running", "b"}
    assert (await acquire(limits, "c", most=2))[1][0] == -1


async def test_a_lease_keeps_the_key_of_the_leases_alive_at_least_as_long_as_itself(limits: RedisLimits) -> None:
    await acquire(limits, "long", lease_ms=120_000.0)  # a request given a long time (`hold=`)
    await acquire(limits, "short", lease_ms=1_000.0)  # a short one after it must not cut the long one's time
    now = await clock(limits)
    longest = max((await holders(limits)).values()) - now
    assert await lifetime(limits, limits._holders) >= longest
    assert await lifetime(limits, limits._tat) >= await stored(limits, limits._tat) - now  # type: ignore[operator]


async def test_the_budget_spaces_the_starts_and_a_key_dropped_restarts_it_now(limits: RedisLimits) -> None:
    now = await clock(limits)
    await redis(limits).set(limits._tat, f"{now + 5_000:.3f}")  # the budget's next start, 5 s away
    before, (status, wait_ms), after = await acquire(limits, "a", most=5)
    assert status == 1
    assert within(now + 5_000 - wait_ms, before, after)
    assert (await holders(limits))["a"] == pytest.approx(now + 5_000 + LEASE_MS, abs=MARGIN)
    assert await stored(limits, limits._tat) == pytest.approx(now + 6_000, abs=MARGIN)
    await redis(limits).set(limits._tat, f"{now - 5_000:.3f}")  # a next start in the past: now
    before, (status, wait_ms), after = await acquire(limits, "b", most=5)
    assert (status, wait_ms) == (1, 0)
    assert within(await stored(limits, limits._tat) - INTERVAL_MS, before, after)  # type: ignore[operator]


async def test_a_pause_holds_every_lease_and_is_only_ever_moved_later(limits: RedisLimits) -> None:
    (_, (left_ms,), _) = await timed(limits, lambda: limits._call("paused", [limits._resume], []))
    assert float(left_ms) <= 0  # no pause yet
    before, _, after = await timed(limits, lambda: limits.pause(2.0))
    resume = await stored(limits, limits._resume)
    assert resume is not None
    assert within(resume - 2_000, before, after)
    assert await stored(limits, limits._tat) == resume  # the budget restarts after it
    assert 2_000 < await lifetime(limits, limits._resume) <= 3_000  # kept past its end
    assert 2_000 < await lifetime(limits, limits._tat) <= 3_000
    await limits.pause(0.5)  # a shorter one keeps the longer
    assert await stored(limits, limits._resume) == resume
    assert await stored(limits, limits._tat) == resume
    before, (left_ms,), after = await timed(limits, lambda: limits._call("paused", [limits._resume], []))
    assert within(resume - float(left_ms), before, after)
    before, (status, wait_ms), after = await acquire(limits, "a")
    assert status == 0
    assert within(resume - wait_ms, before, after)
    assert await holders(limits) == {}
    await limits.pause(3.0)  # a longer one moves it later
    assert await stored(limits, limits._resume) > resume  # type: ignore[operator]


async def test_a_pause_moves_the_next_start_only_later(limits: RedisLimits) -> None:
    now = await clock(limits)
    await redis(limits).set(limits._tat, f"{now + 10_000:.3f}")
    await limits.pause(2.0)
    assert await stored(limits, limits._tat) == pytest.approx(now + 10_000, abs=MARGIN)  # the later start kept
    assert await stored(limits, limits._resume) == pytest.approx(now + 2_000, abs=50)  # the pause's own


async def test_a_release_frees_only_its_own_lease_and_announces_it_once(limits: RedisLimits) -> None:
    await acquire(limits, "a")
    await acquire(limits, "b")
    pubsub = redis(limits).pubsub()
    await pubsub.subscribe(limits._channel)
    try:
        assert (await pubsub.get_message(timeout=1.0))["type"] == "subscribe"
        assert await limits._call("release", [limits._holders], ["a", limits._channel]) == 1
        assert set(await holders(limits)) == {"b"}
        announced = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        assert announced is not None
        assert announced["data"] == b"1"
        await limits._call("release", [limits._holders], ["a", limits._channel])  # not held: nothing to announce
        assert set(await holders(limits)) == {"b"}
        assert await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1) is None
    finally:
        await pubsub.aclose()


async def test_a_renewal_only_ever_moves_a_lease_later_and_names_the_ones_lost(limits: RedisLimits) -> None:
    await acquire(limits, "a")
    now = await clock(limits)
    await redis(limits).zadd(limits._holders, {"ran-out": now - 1})

    async def renew(lease_ms: float, *leases: str) -> tuple[float, list[str], float]:
        before, lost, after = await timed(limits, lambda: limits._call("renew", [limits._holders], [lease_ms, *leases]))
        return before, [bytes(lease).decode() for lease in lost], after

    before, lost, after = await renew(60_000.0, "a", "gone", "ran-out")
    assert lost == ["gone", "ran-out"]
    leases = await holders(limits)
    assert within(leases["a"] - 60_000, before, after)
    assert leases["ran-out"] == pytest.approx(now - 1, abs=MARGIN)  # lost, not revived
    assert await lifetime(limits, limits._holders) > 110_000  # twice the renewal: it outlives the lease
    renewed = leases["a"]
    assert (await renew(1_000.0, "a"))[1] == []  # shorter: the later end kept
    assert (await holders(limits))["a"] == renewed
    assert await lifetime(limits, limits._holders) > 110_000  # and the key's lifetime not cut either


async def test_the_limit_is_kept_through_acquire_and_a_release_hands_the_slot_over(
    limits: RedisLimits, redis_url: str, key: str
) -> None:
    first, second = made(redis_url, key), made(redis_url, key)  # two clients of one key, as two processes
    try:
        held = [await first.acquire(), await first.acquire()]
        with pytest.raises(NoTurnInTime):
            await second.acquire(deadline=time.monotonic() + 0.1)
        waiter = asyncio.create_task(second.acquire(deadline=time.monotonic() + 5))
        await first.release(held[0])
        lease = await asyncio.wait_for(waiter, 5)
        assert set(await holders(first)) == {held[1], lease}
        await second.release(lease)
        assert set(await holders(first)) == {held[1]}
    finally:
        await second.aclose()
        await first.aclose()
    assert await holders(limits) == {}  # closing gave back the slot still held


# The sync twin (generated; the same scripts): its own waits are threads, its listener a thread that `close()` ends.


def test_the_sync_twin_hands_a_freed_slot_to_a_waiting_thread_at_once_and_ends_its_listener(
    redis_url: str, key: str
) -> None:
    first, second = (RedisLimitsSync(redis_url, key=key, max_in_flight=1, per_minute=3000) for _ in range(2))
    admin = redis_py.Redis.from_url(redis_url)
    try:
        held = first.acquire()
        with pytest.raises(NoTurnInTime):
            second.acquire(deadline=time.monotonic() + 0.1)  # its one local slot given back, too
        with ThreadPoolExecutor(max_workers=1) as pool:
            waiter = pool.submit(second.acquire, time.monotonic() + 5)
            for _ in range(500):  # until its listener has subscribed (bounded)
                if admin.pubsub_numsub(second._channel)[0][1]:
                    break
                time.sleep(0.01)
            released = time.monotonic()
            first.release(held)
            lease = waiter.result(timeout=5)
        assert time.monotonic() - released < 0.4  # announced: not the 0.5 s poll
        second.close()
        assert not second._listener.is_alive()
        assert admin.zrange(second._holders, 0, -1) == []  # closing gave back its slot
        assert lease
    finally:
        first.close()
        second.close()
        admin.close()


def test_the_sync_twin_gives_its_local_slot_back_with_each_release(redis_url: str, key: str) -> None:
    """One slot, taken and given back three times in a row: a release that kept the local slot would leave
    the second acquire waiting on this process's own semaphore until its deadline."""
    limits = RedisLimitsSync(redis_url, key=key, max_in_flight=1, per_minute=3000)
    try:
        for _ in range(3):
            limits.release(limits.acquire(deadline=time.monotonic() + 2))
        assert limits._held == set()
    finally:
        limits.close()


# Its Python around the scripts, where only a real Redis tells (the in-memory stand-in ignores keys and durations).


def test_its_keys_and_channel_are_named_as_every_release_names_them(redis_url: str) -> None:
    limits = made(redis_url, "acme")  # processes of two releases share one Redis during an upgrade
    base = "pexip-engage-limits:{acme}:"
    assert (limits._holders, limits._tat, limits._resume) == (base + "holders", base + "tat", base + "resume")
    assert limits._channel == base + "freed"
    assert repr(limits).startswith(f"RedisLimits('{redis_url}', key='pexip-engage-limits:{{acme}}', ")


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"per_minute": 0}, "per_minute"),
        ({"lease_seconds": 0.0999}, "lease_seconds"),
        ({"key": ""}, "key"),
    ],
)
def test_a_bad_argument_is_refused_naming_exactly_it(redis_url: str, options: dict[str, Any], named: str) -> None:
    with pytest.raises(ArgumentError) as refused:
        made(redis_url, **({"key": "acme"} | options))
    assert refused.value.argument == named
    assert made(redis_url, "acme", lease_seconds=0.1).lease_seconds == 0.1  # the least accepted
    assert made(redis_url, "acme", lease_seconds=1.05).lease_seconds == 1.05


async def test_a_pause_refuses_a_negative_or_endless_time_by_name_and_takes_none(limits: RedisLimits) -> None:
    for seconds in (-1.0, math.inf, math.nan):
        with pytest.raises(ArgumentError) as refused:
            await limits.pause(seconds)
        assert refused.value.argument == "seconds"
    await limits.pause(0)  # no pause: accepted, and nothing held
    assert await redis(limits).exists(limits._resume) == 1


@pytest.mark.parametrize(("per_minute", "paced"), [(1, 1), (2, 1), (50, 49), (100, 99), (3000, 2970)])
def test_the_budget_is_paced_a_little_below_the_limit(per_minute: int, paced: int) -> None:
    assert paced_per_minute(per_minute) == paced


async def test_a_pause_begun_while_a_call_waits_for_its_start_holds_it_to_the_pauses_end(limits: RedisLimits) -> None:
    now = await clock(limits)
    await redis(limits).set(limits._tat, f"{now + 150:.3f}")  # its reserved start 150 ms away
    waiter = asyncio.create_task(limits.acquire(deadline=time.monotonic() + 5))
    for _ in range(500):  # until it holds its lease and waits for the start (bounded)
        if await holders(limits):
            break
        await asyncio.sleep(0.005)
    await limits.pause(0.4)
    resume = await stored(limits, limits._resume)
    lease = await asyncio.wait_for(waiter, 5)
    assert await clock(limits) >= resume  # type: ignore[operator]
    await limits.release(lease)
    await redis(limits).set(limits._tat, f"{await clock(limits) + 150:.3f}")
    waiter = asyncio.create_task(limits.acquire(deadline=time.monotonic() + 0.3))
    for _ in range(500):
        if await holders(limits):
            break
        await asyncio.sleep(0.005)
    await limits.pause(2.0)
    with pytest.raises(NoTurnInTime):  # the pause outlasts the call's time: it fails at its start, not its deadline
        await asyncio.wait_for(waiter, 0.4)
    assert await holders(limits) == {}  # and gives its lease back


async def test_leases_are_renewed_every_third_of_a_lease_and_a_lost_one_is_told(
    redis_url: str, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    limits = made(redis_url, key, lease_seconds=0.3)
    try:
        lease = await limits.acquire()
        first = (await holders(limits))[lease]
        asked = time.monotonic()
        for _ in range(100):  # until renewed (bounded): before the lease ends
            if (await holders(limits))[lease] > first:
                break
            await asyncio.sleep(0.01)
        assert time.monotonic() - asked < 0.25
        await redis(limits).zrem(limits._holders, lease)  # lost: as after a stall longer than a lease
        with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
            for _ in range(100):
                if caplog.records:
                    break
                await asyncio.sleep(0.01)
        assert [record.getMessage() for record in caplog.records] == [
            "shared limits: 1 slot lease(s) expired before they were renewed"
        ]
        await limits.release(lease)
        await asyncio.wait_for(limits._renewer, 1)  # nothing held: it stops
    finally:
        await limits.aclose()


async def test_a_waiter_is_woken_by_the_announcement_not_the_poll(
    limits: RedisLimits, redis_url: str, key: str
) -> None:
    other = made(redis_url, key, max_in_flight=1)
    try:
        held = await limits.acquire()
        await limits.acquire()
        waiter = asyncio.create_task(other.acquire(deadline=time.monotonic() + 5))
        for _ in range(500):  # until its listener has subscribed (bounded)
            if (await redis(limits).pubsub_numsub(other._channel))[0][1]:
                break
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.05)  # past its first poll's subscribe confirmation
        released = time.monotonic()
        await limits.release(held)
        await limits.release(next(iter(limits._held)))
        await other.release(await asyncio.wait_for(waiter, 5))
        assert time.monotonic() - released < 0.4  # announced: not the 0.5 s poll
    finally:
        await other.aclose()
