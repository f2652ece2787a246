"""`RedisLimits`: one set of API limits shared by every process using the same Redis key.

Slot leases (`holders`), the GCRA budget (`tat`) and the pause (`resume`) in three keys, each changed only by a Lua
script on Redis's clock; a lease outlasts its request, which a process stopped by SIGSTOP may still have at the server
(docs/limits.md#sharing-one-limit-across-workers). A Redis failure while acquiring or pausing raises
`SharedLimitsUnavailable`, for the governor to fall back to its local limits.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

from .._base.arguments import ArgumentError, counted, number
from .._base.is_async import is_async
from .._base.loggers import logger
from .._base.processes import per_process
from .._base.redaction import redacted_url
from .._base.waiting import waited_within
from .._leasing._holders import LEASE_MARGIN, SLOT, new_holder
from .._shared._redis import RedisScripts, redis_errors
from . import _limits
from ._limits import NoTurnInTime, SharedLimitsUnavailable

PREFIX = "pexip-engage-limits"  # starts every key, and the limit's name in PostgreSQL
_SLOT_POLL = 0.5  # a waiter for a slot asks again after this long without an announcement
# A request that waited this long for its reserved start asks whether a pause began meanwhile (a shorter
# wait is like a request already on its way when the 429 came).
_RECHECK_PAUSE_AFTER = 0.1
_LISTEN_IDLE = 10.0  # the announcements are listened to while slots are scarce, and this long after

# Put before the scripts that read the time (`now`, in ms, Redis's clock).
_NOW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
"""

# KEYS: holders, tat, resume. ARGV: lease id, max in flight, lease ms (from the start), interval ms. The key of the
# leases is kept alive twice a lease, never less than it was: a shorter lease must not drop a longer one's with it.
# Returns {1, ms until the reserved start}, {0, ms of pause left} or {-1, ms until the first lease expires}.
_ACQUIRE = """
local resume = tonumber(redis.call('GET', KEYS[3]) or '0')
if resume > now then return {0, tostring(resume - now)} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {-1, tostring(tonumber(first[2]) - now)}
end
local lease, interval = tonumber(ARGV[3]), tonumber(ARGV[4])
local start = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0'))
local next_tat = start + interval
redis.call('SET', KEYS[2], string.format('%.3f', next_tat), 'PX', math.ceil(next_tat - now) + 1000)
redis.call('ZADD', KEYS[1], string.format('%.3f', start + lease), ARGV[1])
local alive = math.ceil(start - now + 2 * lease)
if redis.call('PTTL', KEYS[1]) < alive then redis.call('PEXPIRE', KEYS[1], alive) end
return {1, tostring(start - now)}
"""

# KEYS: holders. ARGV: lease id, channel.
_RELEASE = """
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then redis.call('PUBLISH', ARGV[2], '1') end
return 1
"""

# KEYS: holders. ARGV: lease ms, lease ids... Returns the ids that were no longer held. A renewal
# only ever moves an expiry later: a lease taken for a long request keeps its own.
_RENEW = """
local expiry = now + tonumber(ARGV[1])
local lost = {}
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) > now then
    if tonumber(score) < expiry then redis.call('ZADD', KEYS[1], 'XX', string.format('%.3f', expiry), ARGV[i]) end
  else
    lost[#lost + 1] = ARGV[i]
  end
end
if redis.call('PTTL', KEYS[1]) < 2 * tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[1], math.ceil(2 * tonumber(ARGV[1])))
end
return lost
"""

# KEYS: resume, tat. ARGV: pause ms. The later resume time wins; the budget restarts after it.
_PAUSE = """
local expiry = now + tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  if expiry > tonumber(redis.call('GET', key) or '0') then
    redis.call('SET', key, string.format('%.3f', expiry), 'PX', math.ceil(tonumber(ARGV[1])) + 1000)
  end
end
return 1
"""

# KEYS: resume. Returns {ms of pause left} (0 or less: none).
_PAUSED = """
return {tostring(tonumber(redis.call('GET', KEYS[1]) or '0') - now)}
"""


def paced_per_minute(per_minute: int) -> int:
    """How many evenly spaced starts a minute keep within `per_minute` in any 60 seconds, as the server counts:
    one fewer (a window with a start at each end holds one more than the pace), and 1% fewer for a
    request reaching the server a little after its reserved start (600 ms a minute at 3,000)."""
    return max(1, min(per_minute - 1, math.floor(per_minute * 0.99)))


class RedisLimits:
    """Calls in flight (`max_in_flight`), a budget (`per_minute` starts in any 60 seconds) and pauses, shared through
    the Redis at `url` (as redis-py reads it) by every process using `key` (`Governor`'s `name`).

    `lease_seconds`: how long a slot outlives a process that died holding it, at least (a request given a longer time
    by `acquire(hold=...)` keeps its slot that long): only its end lets a dead holder's slot go, as its request may
    still be at the server (`SLOT`'s terms). `ImportError` without the `redis` extra; `ValueError` for an
    argument out of range.
    """

    # This process's slots and helpers: a forked child makes its own (the parent's leases stay the parent's).
    _mine = per_process(lambda self: asyncio.Semaphore(self.max_in_flight))  # never more than max_in_flight here
    _turn = per_process(lambda _: asyncio.Lock())  # one task of this process at a time asks for a slot
    _freed = per_process(lambda _: asyncio.Event())
    _held: per_process[set[str]] = per_process(lambda _: set())
    _unreleased: per_process[set[str]] = per_process(lambda _: set())  # given back while the backend could not be told
    _renewer: per_process[Any] = per_process(lambda _: None)  # a task, or in the sync twin a thread
    _listener: per_process[Any] = per_process(lambda _: None)
    _waiting = per_process(lambda _: False)  # this process's turn-holder waits for a slot (the listener is wanted)
    _failure: per_process[tuple[float, str] | None] = per_process(lambda _: None)  # when Redis last failed, and how
    _backend_name = "Redis"

    def __init__(
        self,
        url: str,
        *,
        key: str,
        max_in_flight: int,
        per_minute: int,
        lease_seconds: float = SLOT.seconds,
    ) -> None:
        counted(max_in_flight, "max_in_flight")
        counted(per_minute, "per_minute")
        if not isinstance(key, str) or not key:
            raise ArgumentError.of("key", f"must be a non-empty string (got {key!r})")
        self.max_in_flight = max_in_flight
        self.per_minute = per_minute
        self.lease_seconds = SLOT.checked("lease_seconds", lease_seconds, least=0.1)
        self._display = redacted_url(url)
        # The braces make the keys one Redis Cluster hash slot, which a script touching several needs.
        base = f"{PREFIX}:{{{key}}}:"
        self._holders, self._tat, self._resume = base + "holders", base + "tat", base + "resume"
        self._channel = base + "freed"
        self._connect_to(url, key)  # after the keys: PostgreSQL's announces on a channel of its own
        self._interval_ms = 60_000 / paced_per_minute(per_minute)
        self._lease_ms = self.lease_seconds * 1000
        self._closed = False
        self.redis_calls = 0  # scripts run: what a waiting process costs Redis (the tests bound it)

    def _connect_to(self, url: str, key: str) -> None:
        """How this backend connects (`_client`, made per process; the extra checked at once), and its failures."""
        self._errors: tuple[type[BaseException], ...] = redis_errors('Governor(shared="redis://...")')
        self._described: Callable[[BaseException], str] = str  # PostgreSQL's says less: libpq may quote a password
        timed = {"acquire": _ACQUIRE, "renew": _RENEW, "pause": _PAUSE, "paused": _PAUSED}
        scripts = {"release": _RELEASE} | {name: _NOW + text for name, text in timed.items()}
        self._client: Any = RedisScripts(url, scripts)  # bounded waits: the fallback beats waiting

    async def _call(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """One of the operations (named as the scripts are), answered as the Redis scripts answer."""
        return await self._client.run(script, keys, args)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self._display!r}, key={self._holders[: -len(':holders')]!r}, "
            f"max_in_flight={self.max_in_flight}, per_minute={self.per_minute})"
        )

    async def acquire(self, deadline: float | None = None, hold: float | None = None) -> str:
        """Wait for a slot, the budget and the end of any pause (`Limits.acquire`); nothing is held after a raise."""
        mine, turn = self._mine, self._turn
        asked = time.monotonic()
        if not await waited_within(mine.acquire, _seconds_left(deadline)):
            raise NoTurnInTime()
        lease = ""
        try:
            if not await waited_within(turn.acquire, _seconds_left(deadline)):
                raise NoTurnInTime()
            try:
                self._raise_if_failed_since(asked)
                lease, start_in = await self._acquire_lease(deadline, hold)
            finally:
                turn.release()
            await self._wait_for_start(start_in, deadline)
        except BaseException:
            if lease:
                await asyncio.shield(self.release(lease))
            else:
                mine.release()
            raise
        return lease

    async def _wait_for_start(self, start_in: float, deadline: float | None) -> None:
        """Sleep until a lease's reserved start, and then to the end of any pause begun meanwhile."""
        left = _seconds_left(deadline)
        if left is not None and start_in > left:
            raise NoTurnInTime()  # the caller gives the lease back; the turn is spent, as a failed request's
        if start_in > 0:
            await asyncio.sleep(start_in)
        if start_in >= _RECHECK_PAUSE_AFTER:
            # A pause may have begun while this request waited for its reserved start.
            left_ms = float((await self._run("paused", [self._resume], []))[0])
            if left_ms > 0:
                self._raise_if_past(deadline, left_ms / 1000)
                await asyncio.sleep(left_ms / 1000)

    async def release(self, lease: str, linger: float = 0.0) -> None:
        """Give the slot back; one the backend could not be told of is logged and released again before this
        process's next acquire (a backend that kept its state would count it taken until its lease ends). A request
        given up after it was sent is given back at once here (`linger` is the local limits')."""
        if lease not in self._held:
            return
        self._held.discard(lease)
        self._mine.release()
        # Its own waiter learns of it by the announcement, as the others do: a head start would hog the slots.
        try:
            await self._run("release", [self._holders], [lease, self._channel])
        except SharedLimitsUnavailable as error:
            self._unreleased.add(lease)
            logger.debug("shared limits: could not release a slot (tried again later): %s", error)

    async def pause(self, seconds: float) -> None:
        """Stop every process sharing the key from starting requests for `seconds` (a later pause wins)."""
        number(seconds, "seconds", positive=False, finite=True)
        await self._run("pause", [self._resume, self._tat], [round(seconds * 1000, 3)])

    async def aclose(self) -> None:
        """Stop renewing, give back the slots still held, and close the connections."""
        if self._closed:
            return
        self._closed = True
        if is_async():
            for task in (self._renewer, self._listener):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        elif self._listener is not None:
            # A thread cannot be cancelled: the listener sees `_closed` within a poll, and leaves its connection.
            self._listener.join(2 * _SLOT_POLL)
        for lease in list(self._held):
            await self.release(lease)
        await self._client.aclose()

    def _raise_if_failed_since(self, asked: float) -> None:
        """Fail a caller that waited its turn while Redis failed: each would otherwise wait for its own timeout."""
        if self._failure is not None and self._failure[0] >= asked:
            raise SharedLimitsUnavailable(self._failure[1])

    async def _acquire_lease(self, deadline: float | None, hold: float | None) -> tuple[str, float]:
        """Loop on the acquire script until it grants a lease; returns it and the seconds until its start."""
        freed = self._freed
        lease = new_holder()  # which process holds the slot, as every lease names its holder
        # A lease outlasts its request's own time, and a margin (a second) for the answer's way back.
        lease_ms = self._lease_ms if hold is None else max(self._lease_ms, (hold + LEASE_MARGIN) * 1000)
        for left_over in list(self._unreleased):  # the releases that failed; a failure again ends the try
            await self._run("release", [self._holders], [left_over, self._channel])
            self._unreleased.discard(left_over)
        while True:
            freed.clear()  # before asking, so that a release announced meanwhile is not missed
            answer = await self._run(
                "acquire",
                [self._holders, self._tat, self._resume],
                [lease, self.max_in_flight, round(lease_ms, 3), self._interval_ms],
            )
            status, wait_ms = int(answer[0]), float(answer[1])
            if status == 1:
                self._held.add(lease)
                self._renewer = _kept_running(self._renewer, self._renew_forever)
                return lease, wait_ms / 1000
            if status == 0:  # paused: everyone resumes at once, so spread the first requests a little
                self._raise_if_past(deadline, wait_ms / 1000)
                await asyncio.sleep(wait_ms / 1000 + random.uniform(0, 0.01))  # noqa: S311 - jitter, not secrecy
                continue
            left = _seconds_left(deadline)
            if left is not None and left <= 0:
                raise NoTurnInTime()
            self._listener = _kept_running(self._listener, self._listen)
            self._waiting = True
            try:
                wait = min(max(wait_ms / 1000, 0.001), _SLOT_POLL)
                await waited_within(freed.wait, wait if left is None else min(wait, left))
            finally:
                self._waiting = False

    @staticmethod
    def _raise_if_past(deadline: float | None, paused_for: float) -> None:
        """A pause that outlasts the caller's time fails it now, rather than sleeping past its deadline."""
        left = _seconds_left(deadline)
        if left is not None and paused_for > left:
            raise NoTurnInTime(paused_for)

    async def _run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        self.redis_calls += 1
        try:
            answer = await self._call(script, keys, args)
        except self._errors as error:
            message = f"the shared limits' {self._backend_name} ({self._display}) failed: {self._described(error)}"
            self._failure = (time.monotonic(), message)
            raise SharedLimitsUnavailable(message) from error
        return answer

    async def _renew_forever(self) -> None:
        """Every third of a lease (`SLOT.renew_every`), while this process holds slots (the next acquire starts it
        again)."""
        while True:
            await asyncio.sleep(SLOT.renew_every(self.lease_seconds))
            held = list(self._held)
            if not held or self._closed:
                return
            try:
                lost = await self._run("renew", [self._holders], [self._lease_ms, *held])
            except SharedLimitsUnavailable as error:
                logger.debug("shared limits: could not renew %d slot lease(s): %s", len(held), error)
                continue
            # A lease released while the renewal was on its way is not lost: it was given back.
            lost = [_text(lease) for lease in lost if _text(lease) in self._held]
            if lost:
                # Only after this process stalled longer than a lease; the requests are already sent.
                logger.warning("shared limits: %d slot lease(s) expired before they were renewed", len(lost))

    async def _listen(self) -> None:
        """Wake this process's waiter when any process announces a freed slot (polling covers a failure); it
        stops after `_LISTEN_IDLE` with no waiter, and the next wait for a slot starts it again."""
        freed = self._freed
        pubsub = self._client.client.pubsub()
        idle = 0.0
        try:
            await pubsub.subscribe(self._channel)
            while idle < _LISTEN_IDLE and not self._closed:
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=_SLOT_POLL)
                if message is not None:
                    freed.set()
                idle = 0.0 if self._waiting else idle + _SLOT_POLL
        except self._errors as error:
            logger.debug("shared limits: no announcements of freed slots (polling instead): %s", error)
        finally:
            with contextlib.suppress(*self._errors):
                await pubsub.aclose()


def _text(value: bytes | str) -> str:
    return value if isinstance(value, str) else bytes(value).decode()


def _seconds_left(deadline: float | None) -> float | None:
    """The seconds until `deadline` (a `_limits.now()` time), None without one."""
    return None if deadline is None else deadline - _limits.now()


def _kept_running(running: Any, work: Callable[[], Awaitable[None]]) -> Any:
    """`running` while it runs, else `work` started in the background: a task, or for `SyncPexipEngage` a daemon
    thread."""
    if is_async():
        return running if running is not None and not running.done() else asyncio.ensure_future(work())
    if running is not None and running.is_alive():
        return running
    thread = threading.Thread(target=work, name="pexip-engage-shared-limits", daemon=True)
    thread.start()
    return thread
