"""`RedisLimits`' own waiting, leasing and releasing in the quick loop, over its scripts answered in memory.

The real Redis and PostgreSQL are tests/limits' end_to_end suites, which `make check` does not run: without these,
a slip in the Python half of the shared limits (a lease kept shorter than its request, a slot given back twice or
never, a pause or a deadline ignored, the limit asked with other numbers) passed every quick test (issue 78). The
Lua scripts themselves are the end_to_end suites' to test: `Scripts` answers as they do, on this process's clock.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from pexip_engage_client._limiting import _limits
from pexip_engage_client._limiting._limits import NoTurnInTime
from pexip_engage_client._limiting._redis_limits import RedisLimits, paced_per_minute


class Scripts:
    """The shared state of one key, and the scripts of `_redis_limits` answered over it (times in ms); out of reach
    while `down`. Stands for `RedisScripts`, its announcements of freed slots included."""

    def __init__(self) -> None:
        self.holders: dict[str, float] = {}  # lease -> its expiry
        self.tat = 0.0
        self.resume = 0.0
        self.down = False
        self.asked: list[tuple[str, list[Any]]] = []
        self.most_held = 0
        self._announced: list[asyncio.Event] = []
        self.client = self  # `RedisScripts.client`, for `pubsub()`

    @staticmethod
    def now() -> float:
        return time.monotonic() * 1000

    async def run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        if self.down:
            raise ConnectionError("the stand-in is down")
        self.asked.append((script, args))
        return getattr(self, "_" + script)(*args)

    def _acquire(self, lease: str, max_in_flight: int, lease_ms: float, interval_ms: float) -> list[str | int]:
        now = self.now()
        if self.resume > now:
            return [0, str(self.resume - now)]
        self.holders = {holder: expiry for holder, expiry in self.holders.items() if expiry > now}
        if len(self.holders) >= max_in_flight:
            return [-1, str(min(self.holders.values()) - now)]
        start = max(now, self.tat)
        self.tat = start + interval_ms
        self.holders[lease] = start + lease_ms
        self.most_held = max(self.most_held, len(self.holders))
        return [1, str(start - now)]

    def _release(self, lease: str, channel: str) -> int:
        if self.holders.pop(lease, None) is not None:
            for announced in self._announced:
                announced.set()
        return 1

    def _renew(self, lease_ms: float, *leases: str) -> list[str]:
        now = self.now()
        lost = [lease for lease in leases if self.holders.get(lease, 0.0) <= now]
        for lease in set(leases) - set(lost):
            self.holders[lease] = max(self.holders[lease], now + lease_ms)
        return lost

    def _pause(self, pause_ms: float) -> int:
        end = self.now() + pause_ms
        self.resume, self.tat = max(self.resume, end), max(self.tat, end)
        return 1

    def _paused(self) -> list[str]:
        return [str(self.resume - self.now())]

    def pubsub(self) -> Subscription:
        announced = asyncio.Event()
        self._announced.append(announced)
        return Subscription(announced)

    async def aclose(self) -> None:
        """Nothing to close."""


class Subscription:
    """A pubsub on the freed-slot channel: a message after each release, None after `timeout` without one."""

    def __init__(self, announced: asyncio.Event) -> None:
        self._announced = announced

    async def subscribe(self, channel: str) -> None:
        """Subscribed from the start."""

    async def get_message(
        self,
        *,
        ignore_subscribe_messages: bool,
        timeout: float,  # noqa: ASYNC109 - redis-py's signature
    ) -> dict[str, str] | None:
        try:
            await asyncio.wait_for(self._announced.wait(), timeout)
        except TimeoutError:
            return None
        self._announced.clear()
        return {"type": "message", "data": "1"}

    async def aclose(self) -> None:
        """Nothing to close."""


class InMemoryLimits(RedisLimits):
    """`RedisLimits` over `Scripts`: its own code, its store in memory (as `PostgresLimits` puts it in PostgreSQL)."""

    def __init__(self, scripts: Scripts, **options: Any) -> None:
        self._scripts = scripts
        super().__init__("redis://in-memory/0", key="acme", **options)

    def _connect_to(self, url: str, key: str) -> None:
        self._errors = (ConnectionError,)
        self._described = str
        self._client = self._scripts


def limits(scripts: Scripts, **options: Any) -> InMemoryLimits:
    settings: dict[str, Any] = {"max_in_flight": 2, "per_minute": 60_000, "lease_seconds": 10.0} | options
    return InMemoryLimits(scripts, **settings)


async def test_processes_sharing_a_key_never_hold_more_slots_than_the_limit_together() -> None:
    scripts = Scripts()
    processes = [limits(scripts), limits(scripts)]  # each as one process's: its own slots, the key's limit
    in_flight, most = 0, 0

    async def request(shared: InMemoryLimits) -> None:
        nonlocal in_flight, most
        lease = await asyncio.wait_for(shared.acquire(), 5)
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.005)
        in_flight -= 1
        await shared.release(lease)

    await asyncio.gather(*(request(processes[number % 2]) for number in range(12)))
    assert most == scripts.most_held == 2  # reached, never passed
    assert scripts.holders == {}  # every slot given back
    for shared in processes:
        await shared.aclose()


@pytest.mark.parametrize(("hold", "lease_ms"), [(None, 10_000), (2.0, 10_000), (30.0, 31_000)])
async def test_a_slot_is_asked_for_with_the_limits_numbers_and_kept_at_least_as_long_as_its_request(
    hold: float | None, lease_ms: float
) -> None:
    """A lease shorter than its request would free the slot for another while the request is still out."""
    scripts = Scripts()
    shared = limits(scripts, max_in_flight=3, per_minute=120)
    lease = await shared.acquire(hold=hold)
    assert scripts.asked == [("acquire", [lease, 3, lease_ms, 60_000 / paced_per_minute(120)])]
    await shared.release(lease)
    await shared.aclose()


async def test_a_pause_from_one_process_holds_the_others_and_a_call_it_outlasts_fails_at_once() -> None:
    scripts = Scripts()
    pausing, other = limits(scripts), limits(scripts)
    # A second's pause: a loaded machine's stall of most of it between the steps still leaves more of it
    # than the call's 0.05 s (a 0.3 s pause failed on a 0.25 s stall), at the cost of waiting it out below.
    await pausing.pause(1.0)
    assert scripts.asked == [("pause", [1000.0])]
    started = time.monotonic()
    with pytest.raises(NoTurnInTime) as refused:
        await other.acquire(deadline=_limits.now() + 0.05)
    assert time.monotonic() - started < 0.5  # at once: not after the pause
    assert 0.05 < (refused.value.paused_for or 0) <= 1.0
    await other.release(await other.acquire(deadline=_limits.now() + 5))  # within its time: after the pause
    assert time.monotonic() - started >= 0.99  # a guarantee: the pause held at least its length
    for shared in (pausing, other):
        await shared.aclose()


async def test_a_start_reserved_past_a_calls_deadline_fails_it_and_gives_the_slot_back() -> None:
    scripts = Scripts()
    shared = limits(scripts, max_in_flight=1, per_minute=2)  # one start a minute
    await shared.release(await shared.acquire())
    with pytest.raises(NoTurnInTime):
        await shared.acquire(deadline=_limits.now() + 1)
    assert scripts.holders == {}  # the lease reserved a minute on was given back
    scripts.tat = 0.0  # the budget's turn left aside: the slot alone is asked for
    await shared.release(await asyncio.wait_for(shared.acquire(deadline=_limits.now() + 1), 2))
    await shared.aclose()


async def test_a_slot_the_backend_could_not_be_told_of_is_given_back_before_the_next_acquire() -> None:
    scripts = Scripts()
    shared = limits(scripts, max_in_flight=1)
    lease = await shared.acquire()
    scripts.down = True
    await shared.release(lease)  # no raise: logged, and kept to be released again
    scripts.down = False
    assert lease in scripts.holders
    second = await asyncio.wait_for(shared.acquire(), 2)
    assert [script for script, _ in scripts.asked] == ["acquire", "release", "acquire"]
    assert list(scripts.holders) == [second]
    await shared.aclose()
    assert scripts.holders == {}  # closing gave back the slot still held


async def test_a_backend_out_of_reach_is_said_so_and_holds_no_slot_here() -> None:
    scripts = Scripts()
    shared = limits(scripts, max_in_flight=1)
    scripts.down = True
    with pytest.raises(_limits.SharedLimitsUnavailable, match="in-memory"):
        await shared.acquire()
    scripts.down = False
    await shared.release(await asyncio.wait_for(shared.acquire(deadline=_limits.now() + 1), 2))
    await shared.aclose()


async def test_a_lease_released_twice_is_given_back_once() -> None:
    """Once: a second release would free a local slot a second time, and tell the backend again."""
    scripts = Scripts()
    shared = limits(scripts, max_in_flight=1)
    lease = await shared.acquire()
    await shared.release(lease)
    await shared.release(lease)
    await shared.aclose()
    assert [script for script, _ in scripts.asked] == ["acquire", "release"]
