"""`RedisLimits`' own waiting, leasing and releasing in the quick loop, over its scripts answered in memory.

The real Redis and PostgreSQL are tests/limits' end_to_end suites, which `make check` does not run: without these,
a slip in the Python half of the shared limits (a lease kept shorter than its request, a slot given back twice or
never, a pause or a deadline ignored, the limit asked with other numbers) passed every quick test (issue 78). The
Lua scripts themselves are the end_to_end suites' to test: `Scripts` answers as they do, on this process's clock.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sys
import time
from types import SimpleNamespace
from typing import Any, cast

import pytest

from pexip_engage_client._base.waiting import waited_within
from pexip_engage_client._limiting import _limits, _redis_limits
from pexip_engage_client._limiting._limits import NoTurnInTime
from pexip_engage_client._limiting._redis_limits import RedisLimits, paced_per_minute

KEYS = {"acquire": ["holders", "tat", "resume"], "release": ["holders"], "renew": ["holders"]}
KEYS |= {"pause": ["resume", "tat"], "paused": ["resume"]}


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
        self.closed = 0
        self._announced: list[asyncio.Event] = []
        self.client = self  # `RedisScripts.client`, for `pubsub()`

    @staticmethod
    def now() -> float:
        return time.monotonic() * 1000

    async def run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        assert keys == [f"pexip-engage-limits:{{acme}}:{name}" for name in KEYS[script]]  # as the Lua reads them
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
        self.closed += 1


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


# The waits below are counted, not timed: `Sleeps` stands for the module's asyncio, recording each sleep and
# returning at once (the renewer is held off, as its sleeps would spin), and `Answering` answers the scripts as told.


class Sleeps:
    """The module's `asyncio` with `sleep` recorded and instant; every other name is asyncio's."""

    def __init__(self) -> None:
        self.slept: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        await asyncio.sleep(0)


class Answering(Scripts):
    """The acquire script answered in turn by `answers` (a grant holds its lease); the pause left is `paused_ms`."""

    def __init__(self, *answers: tuple[int, str], paused_ms: str = "0") -> None:
        super().__init__()
        self.answers = list(answers)
        self.paused_ms = paused_ms

    def _acquire(self, lease: str, *_: Any) -> list[str | int]:
        status, ms = self.answers.pop(0)
        if status == 1:
            self.holders[lease] = float("inf")
        return [status, ms]

    def _paused(self) -> list[str]:
        return [self.paused_ms]


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Sleeps:
    recorded = Sleeps()
    monkeypatch.setattr(_redis_limits, "asyncio", recorded)
    return recorded


def without_renewer(shared: InMemoryLimits) -> InMemoryLimits:
    shared._renewer = asyncio.get_running_loop().create_future()  # "running": none is started
    return shared


@pytest.mark.parametrize(
    ("paused_ms", "slept"), [("50", [0.1, 0.05]), ("0.5", [0.1, 0.0005]), ("0", [0.1]), ("-20", [0.1])]
)
async def test_a_call_reserved_a_tenth_of_a_second_on_asks_for_a_pause_begun_meanwhile_and_sleeps_it_out(
    sleeps: Sleeps, paused_ms: str, slept: list[float]
) -> None:
    """From a tenth of a second on (the edge included) a call asks again; a pause found is slept to its end, in
    seconds, even a pause of under a millisecond, and one well within the call's time does not fail it."""
    scripts = Answering((1, "100"), paused_ms=paused_ms)
    shared = without_renewer(limits(scripts))
    lease = await shared.acquire(deadline=_limits.now() + 5)
    assert [script for script, _ in scripts.asked] == ["acquire", "paused"]
    assert sleeps.slept == slept
    await shared.release(lease)
    await shared.aclose()


async def test_a_call_reserved_less_than_a_tenth_of_a_second_on_goes_without_asking_again(sleeps: Sleeps) -> None:
    scripts = Answering((1, "99.9"), paused_ms="50")
    shared = without_renewer(limits(scripts))
    await shared.release(await shared.acquire())
    assert [script for script, _ in scripts.asked] == ["acquire", "release"]
    assert sleeps.slept == [0.0999]
    await shared.aclose()


async def test_a_pause_found_by_acquire_is_slept_to_its_end_with_a_little_jitter_and_asked_again(
    sleeps: Sleeps,
) -> None:
    random.seed(78)
    scripts = Answering((0, "200"), (0, "200"), (1, "0"))
    shared = without_renewer(limits(scripts))
    lease = await shared.acquire(deadline=_limits.now() + 5)  # 0.2 s paused: well within its time
    random.seed(78)  # the same draws: to the pause's end, then up to 10 ms more
    assert sleeps.slept == [0.2 + random.uniform(0, 0.01), 0.2 + random.uniform(0, 0.01)]  # noqa: S311
    assert sleeps.slept[0] != sleeps.slept[1]  # spread: not every process resumes at the same instant
    assert [script for script, _ in scripts.asked] == ["acquire"] * 3
    await shared.release(lease)
    await shared.aclose()


@pytest.mark.parametrize(("first_ms", "waited"), [("300", 0.3), ("900", 0.5), ("0.2", 0.001), ("-5", 0.001)])
async def test_a_waiter_for_a_slot_waits_for_the_first_lease_to_end_or_a_poll_flagged_as_waiting(
    monkeypatch: pytest.MonkeyPatch, first_ms: str, waited: float
) -> None:
    """Until the first lease held ends, at least a millisecond and at most a poll; the listener is told a waiter
    waits meanwhile (and not after), or it stops and the waiter is left to its polls."""
    waits: list[tuple[float | None, bool]] = []
    real = waited_within

    async def recorded(wait: Any, seconds: float | None) -> bool:
        if getattr(wait, "__self__", None) is not shared._freed:
            return await real(wait, seconds)
        waits.append((seconds, shared._waiting))
        return False  # not woken: the wait ran out

    monkeypatch.setattr(_redis_limits, "waited_within", recorded)
    scripts = Answering((-1, first_ms), (1, "0"))
    shared = without_renewer(limits(scripts))
    shared._listener = asyncio.get_running_loop().create_future()  # the announcements are not this test's
    lease = await shared.acquire()
    assert waits == [(waited, True)]
    assert shared._waiting is False
    await shared.release(lease)
    scripts.answers = [(-1, "450"), (1, "0")]
    await shared.release(await shared.acquire(deadline=_limits.now() + 0.4))
    assert 0 < (waits[1][0] or 0) <= 0.4  # never past the call's own time either
    await shared.aclose()


async def test_leases_are_still_renewed_after_a_renewal_failed() -> None:
    """A failed renewal is tried again a third of a lease later: were renewing to stop until the next acquire,
    a lease would run out under a live request and another process take its slot."""
    scripts = Scripts()
    shared = limits(scripts, lease_seconds=0.3)  # renewed every 0.1 s
    lease = await shared.acquire()
    scripts.down = True
    failed = shared.redis_calls
    for _ in range(1000):  # until a renewal was tried and failed (bounded: 10 s)
        if shared.redis_calls > failed:
            break
        await asyncio.sleep(0.01)
    scripts.down = False
    for _ in range(1000):  # until renewed again (bounded: 10 s, a hundred times the third of a lease)
        if ("renew", [300.0, lease]) in scripts.asked:
            break
        await asyncio.sleep(0.01)
    assert ("renew", [300.0, lease]) in scripts.asked
    await shared.release(lease)
    await shared.aclose()


async def test_every_script_run_is_counted_once() -> None:
    scripts = Scripts()
    shared = without_renewer(limits(scripts))
    await shared.release(await shared.acquire())
    await shared.pause(0)  # no pause at all is a pause of 0 seconds, not a refusal
    assert shared.redis_calls == len(scripts.asked) == 3
    scripts.down = True
    with pytest.raises(_limits.SharedLimitsUnavailable):
        await shared.pause(1)
    assert shared.redis_calls == 4  # a failed run too
    await shared.aclose()


async def test_callers_that_waited_their_turn_while_the_backend_failed_are_failed_with_its_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A frozen clock: a failure at the very instant a caller asked counts as one since it asked.
    monkeypatch.setattr(_redis_limits, "time", SimpleNamespace(monotonic=lambda: 5.0))
    scripts = Scripts()
    shared = without_renewer(limits(scripts))
    await shared._turn.acquire()  # another caller's turn
    waiter = asyncio.create_task(shared.acquire())
    await asyncio.sleep(0)
    scripts.down = True
    with pytest.raises(_limits.SharedLimitsUnavailable):
        await shared.pause(1)
    scripts.down = False
    shared._turn.release()
    with pytest.raises(_limits.SharedLimitsUnavailable, match=r"Redis \(redis://in-memory/0\) failed: the stand-in"):
        await asyncio.wait_for(waiter, 5)
    assert scripts.asked == []  # failed at once, without asking again
    await shared.aclose()


async def test_a_slot_given_back_late_is_released_once_and_a_failed_retry_is_kept_for_the_next() -> None:
    scripts = Scripts()
    shared = without_renewer(limits(scripts, max_in_flight=1))
    first = await shared.acquire()
    scripts.down = True
    await shared.release(first)
    with pytest.raises(_limits.SharedLimitsUnavailable):
        await shared.acquire()  # the retry fails: kept for the next acquire
    scripts.down = False
    second = await asyncio.wait_for(shared.acquire(), 2)
    await shared.release(second)
    await shared.release(await asyncio.wait_for(shared.acquire(), 2))
    released = [args[0] for script, args in scripts.asked if script == "release"]
    assert released[:2] == [first, second]  # the late one once, then the second's own
    assert len(released) == 3
    assert scripts.holders == {}
    await shared.aclose()


async def test_a_lease_for_a_request_held_past_its_lease_is_asked_for_to_the_millisecond() -> None:
    scripts = Scripts()
    shared = without_renewer(limits(scripts, lease_seconds=0.1))
    lease = await shared.acquire(hold=0.1234567)
    assert scripts.asked[0][1][2] == 1123.457  # the request's time and a second, rounded as the scripts write
    await shared.release(lease)
    await shared.aclose()


def test_without_the_redis_extra_the_error_names_the_shared_governor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # `import redis` raises ImportError
    with pytest.raises(ImportError, match=r'^Governor\(shared="redis://\.\.\."\) '):
        RedisLimits("redis://127.0.0.1:1/0", key="acme", max_in_flight=4, per_minute=3000)


class Listening:
    """A pubsub whose polls each return at once without a message (a poll's time counted, not waited)."""

    def __init__(self) -> None:
        self.subscribed: list[str] = []
        self.polls: list[dict[str, Any]] = []
        self.closed = False

    def pubsub(self) -> Listening:
        return self

    async def subscribe(self, channel: str) -> None:
        self.subscribed.append(channel)

    async def get_message(self, **options: Any) -> None:
        self.polls.append(options)
        await asyncio.sleep(0)

    async def aclose(self) -> None:
        self.closed = True


async def test_the_listener_listens_while_a_waiter_waits_and_stops_after_ten_idle_seconds_of_polls() -> None:
    shared = limits(Scripts())
    listening = Listening()
    shared._client = cast(Any, SimpleNamespace(client=listening, aclose=Scripts().aclose))
    shared._waiting = True
    listener = asyncio.ensure_future(shared._listen())
    for _ in range(1000):  # many polls, far past ten seconds' worth: a waiter waits
        if len(listening.polls) > 100:
            break
        await asyncio.sleep(0)
    assert not listener.done()
    shared._waiting = False
    polled = len(listening.polls)
    await asyncio.wait_for(listener, 5)
    # Ten seconds of half-second polls without a waiter: the one under way when it stopped waiting, and 19 more.
    assert len(listening.polls) - polled == 19
    assert listening.subscribed == [shared._channel]
    assert listening.closed
    assert all(poll == {"ignore_subscribe_messages": True, "timeout": 0.5} for poll in listening.polls)
    polled = len(listening.polls)
    await asyncio.wait_for(shared._listen(), 5)  # started with no waiter at all: ten seconds of polls
    assert len(listening.polls) - polled == 20
    await shared.aclose()


async def test_leases_are_renewed_every_third_of_a_lease_until_none_is_held(sleeps: Sleeps) -> None:
    scripts = Scripts()
    shared = limits(scripts)  # 10-second leases
    lease = await shared.acquire()
    for _ in range(1000):  # until renewed a few times (bounded; the sleeps are instant)
        if sum(script == "renew" for script, _ in scripts.asked) >= 3:
            break
        await asyncio.sleep(0)
    await shared.release(lease)
    await asyncio.wait_for(shared._renewer, 5)  # nothing held: it stops
    assert set(sleeps.slept) == {10 / 3}
    await shared.aclose()


@pytest.mark.parametrize("answers", [[(0, "1000")], [(1, "100")]], ids=["paused-at-acquire", "paused-before-start"])
async def test_a_pause_a_hair_longer_than_a_calls_time_fails_it_at_once_and_keeps_no_slot(
    sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch, answers: list[tuple[int, str]]
) -> None:
    """A pause of a second against 0.9995 s left (a frozen clock): the call fails before sleeping into it."""
    monkeypatch.setattr(_limits, "now", lambda: 100.0)
    scripts = Answering(*answers, paused_ms="1000")
    shared = without_renewer(limits(scripts))
    with pytest.raises(NoTurnInTime) as refused:
        await shared.acquire(deadline=100.9995)
    assert refused.value.paused_for == 1.0
    assert 1.0 not in sleeps.slept
    assert scripts.holders == {}
    await shared.aclose()


async def test_a_call_whose_time_is_up_when_told_the_slots_are_taken_fails_rather_than_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [100.0]  # frozen, moved to the deadline exactly as the script answers
    monkeypatch.setattr(_limits, "now", lambda: clock[0])
    scripts = Answering((-1, "300"), (1, "0"))
    answered = scripts._acquire

    def at_the_deadline(*args: Any) -> list[str | int]:
        clock[0] = 101.0
        return answered(*args)

    monkeypatch.setattr(scripts, "_acquire", at_the_deadline)
    shared = without_renewer(limits(scripts))
    with pytest.raises(NoTurnInTime):
        await shared.acquire(deadline=101.0)
    assert [script for script, _ in scripts.asked] == ["acquire"]
    assert scripts.holders == {}
    await shared.aclose()


async def test_one_listener_serves_every_wait_for_a_slot_and_closing_ends_it() -> None:
    scripts = Answering((-1, "1"), (-1, "1"), (-1, "1"), (1, "0"))  # three waits of a millisecond
    shared = without_renewer(limits(scripts))
    lease = await asyncio.wait_for(shared.acquire(), 5)
    await asyncio.sleep(0)  # any listener started is under way
    assert len(scripts._announced) == 1  # one subscription: not one more per wait
    listener = shared._listener
    await shared.release(lease)
    await shared.aclose()
    assert listener.done()


async def test_a_pause_is_asked_for_in_milliseconds_to_the_microsecond() -> None:
    scripts = Scripts()
    shared = without_renewer(limits(scripts))
    await shared.pause(0.00123456)
    assert scripts.asked == [("pause", [1.235])]  # as the scripts write times: three decimals of a millisecond
    await shared.aclose()


async def test_by_default_a_lease_lasts_ten_seconds_and_the_limits_are_kept_as_given() -> None:
    shared = InMemoryLimits(Scripts(), max_in_flight=3, per_minute=120)
    assert (shared.lease_seconds, shared.max_in_flight, shared.per_minute) == (10.0, 3, 120)
    await shared.aclose()


@pytest.mark.parametrize("held", ["slot", "turn"])
async def test_a_call_that_cannot_get_this_process_slot_or_turn_in_its_time_fails_at_its_deadline(held: str) -> None:
    scripts = Scripts()
    shared = without_renewer(limits(scripts, max_in_flight=1))
    lease = await shared.acquire() if held == "slot" else ""
    if held == "turn":
        await shared._turn.acquire()  # another caller of this process is asking
    with pytest.raises(NoTurnInTime):
        await asyncio.wait_for(shared.acquire(deadline=_limits.now() + 0.05), 5)  # its deadline, not forever
    if held == "turn":
        shared._turn.release()
    await shared.release(lease or await asyncio.wait_for(shared.acquire(), 5))  # its slot was given back
    await shared.aclose()


async def test_closing_twice_closes_once() -> None:
    scripts = Scripts()
    shared = limits(scripts)
    await shared.aclose()
    await shared.aclose()
    assert scripts.closed == 1


async def test_a_pause_ending_exactly_at_a_calls_deadline_is_waited_out(
    sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a pause that outlasts the call's time fails it: one ending at its deadline still lets it start."""
    monkeypatch.setattr(_limits, "now", lambda: 100.0)
    scripts = Answering((1, "100"), paused_ms="1000")
    shared = without_renewer(limits(scripts))
    await shared.release(await shared.acquire(deadline=101.0))
    assert sleeps.slept == [0.1, 1.0]
    await shared.aclose()


async def test_a_lease_lost_before_its_renewal_is_told(caplog: pytest.LogCaptureFixture) -> None:
    """As the steps test on Redis, with the lost ids answered as text (redis-py answers bytes)."""
    scripts = Scripts()
    shared = limits(scripts, lease_seconds=0.3)
    lease = await shared.acquire()
    del scripts.holders[lease]  # lost: as after a stall longer than a lease
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        for _ in range(1000):  # until the next renewal told it (bounded: 10 s)
            if caplog.records:
                break
            await asyncio.sleep(0.01)
    assert [record.getMessage() for record in caplog.records] == [
        "shared limits: 1 slot lease(s) expired before they were renewed"
    ]
    await shared.release(lease)
    await shared.aclose()


async def test_a_start_reserved_exactly_at_a_calls_deadline_is_waited_for(
    sleeps: Sleeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a start past the call's time fails it: one at its deadline is kept (a frozen clock)."""
    monkeypatch.setattr(_limits, "now", lambda: 100.0)
    scripts = Answering((1, "1000"))
    shared = without_renewer(limits(scripts))
    await shared.release(await shared.acquire(deadline=101.0))
    assert sleeps.slept == [1.0]
    await shared.aclose()
