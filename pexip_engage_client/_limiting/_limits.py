"""The API's documented limits, and the `Limits` a governor keeps them with (this process's, by default).

The one place holding the numbers, from https://developer.pexipengage.com/topic/topic-rate-limiting (docs/limits.md).
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from typing import Protocol

from .._base.arguments import number
from .._base.is_async import is_async
from .._base.processes import per_process
from .._base.waiting import waited_within
from .._errors import PexipEngageError

# The clock the limits wait by: module globals, which tests put on a virtual clock.
now = time.monotonic
sleep = asyncio.sleep

DOCUMENTED_MAX_IN_FLIGHT = 4
"""Requests in flight Engage allows from one IP address: "4 concurrent requests" (rate-limiting topic)."""
DOCUMENTED_PER_MINUTE = 3000
"""Requests a minute Engage allows from one IP address: "a maximum of 3,000 requests per minute"."""

# The part of a per-minute budget left unused, against jitter on the way to the server (budget_shape).
_UNUSED_SHARE = 0.01


class NoTurnInTime(Exception):  # noqa: N818 - a signal between the limits and the pipeline, not an error users see
    """No slot, budget turn or end of pause within the call's time. `paused_for`: the pause left (seconds) when a pause
    outlasts that time (the call fails at once); None when it waited for a slot or the budget until its deadline."""

    def __init__(self, paused_for: float | None = None) -> None:
        super().__init__(paused_for)
        self.paused_for = paused_for


class SharedLimitsUnavailable(PexipEngageError):  # noqa: N818 - the name the governor's seam knows
    """The Redis or PostgreSQL of the shared limits is out of reach (or failed): the governor keeps local ones."""


class Limits(Protocol):
    """Calls in flight, a per-minute budget and pauses. `acquire` waits until a request may start (`NoTurnInTime` past
    `deadline`, a `now()` time) and returns a lease for `release`; `hold` is how long the request may take; `linger`,
    how long the API may still count a request given up after it was sent (its slot counted that long); `pause` stops
    every holder for a while. A shared one out of reach raises `SharedLimitsUnavailable`."""

    async def acquire(self, deadline: float | None = None, hold: float | None = None) -> str: ...
    async def release(self, lease: str, linger: float = 0.0) -> None: ...
    async def pause(self, seconds: float) -> None: ...
    async def aclose(self) -> None: ...


def budget_shape(per_minute: float, max_in_flight: int | None) -> tuple[float, float]:
    """The GCRA emission interval and tolerance (seconds) that keep `per_minute` in every 60 seconds (docs/limits.md).
    The burst is at most a tenth of the budget; the 1% left unused at least one request and at most half the budget (a
    budget of one a minute still has a pace)."""
    burst = min(max_in_flight or 0, int(per_minute // 10))
    usable = per_minute - min(max(1.0, per_minute * _UNUSED_SHARE), per_minute / 2)
    interval = 60 / (usable - burst)
    return interval, burst * interval


class LocalLimits:
    """`Limits` kept in this process: at most `max_in_flight` leases, `per_minute` starts a minute (None: no bound). Its
    asyncio primitives belong to the event loop that first waits on them."""

    # Per process: a forked child holds none of the parent's slots (those calls never give them back there), nor
    # the lock a parent thread may have held at the fork; the pace and a 429's pause are kept. The slots, the leases
    # held, the lock SyncPexipEngage's threads claim turns with (uncontended in an event loop) and when each lingering
    # slot frees, as one value: `acquire` and `release` read it once (each read checks the process).
    _mine: per_process[tuple[asyncio.Semaphore | None, set[str], threading.Lock, list[float]]] = per_process(
        lambda self: (
            None if self.max_in_flight is None else asyncio.Semaphore(self.max_in_flight),
            set(),
            threading.Lock(),
            [],
        )
    )

    def __init__(self, *, max_in_flight: int | None, per_minute: float | None) -> None:
        self.max_in_flight = max_in_flight
        self.per_minute = per_minute
        self._interval, self._tolerance = (0.0, 0.0) if per_minute is None else budget_shape(per_minute, max_in_flight)
        self._tat = 0.0  # GCRA's theoretical arrival time: the budget as one number
        self._paused_until = 0.0
        self._numbers = itertools.count(1)

    def __repr__(self) -> str:
        return f"LocalLimits(max_in_flight={self.max_in_flight!r}, per_minute={self.per_minute!r})"

    async def acquire(self, deadline: float | None = None, hold: float | None = None) -> str:
        """Wait for a slot, then for the budget's turn and any pause; the lease, or `NoTurnInTime` past `deadline`."""
        self.raise_if_paused_past(deadline)
        slots, held, claiming, lingering = self._mine
        if slots is not None and not await waited_within(slots.acquire, _slot_wait(slots, deadline)):
            raise NoTurnInTime()
        # Held from its slot on, not from its turn: a caller waiting for the budget counts against the lingering ones.
        lease = str(next(self._numbers))
        held.add(lease)
        try:
            while (wait := self._lingering_wait(claiming, held, lingering)) > 0:
                if deadline is not None and now() + wait > deadline:
                    raise NoTurnInTime()
                await sleep(wait)
            wait = self._claim_turn(claiming, deadline)
            while wait > 0:
                await sleep(wait)
                # A pause began while this caller waited: its turn is after the pause.
                wait = self._claim_turn(claiming, deadline) if now() < self._paused_until else 0.0
        except BaseException:
            held.discard(lease)
            if slots is not None:
                slots.release()
            raise
        return lease

    async def release(self, lease: str, linger: float = 0.0) -> None:
        """Give the slot back, counted `linger` seconds more (a lease released twice, or unknown, is ignored)."""
        slots, held, claiming, lingering = self._mine
        if lease in held:
            if linger > 0 and slots is not None:
                with claiming:
                    lingering.append(now() + linger)
            held.discard(lease)
            if slots is not None:
                slots.release()

    def _lingering_wait(self, claiming: threading.Lock, held: set[str], lingering: list[float]) -> float:
        """Seconds until a slot taken by a lingering request frees, when with them the holders (this caller among
        them) are one too many."""
        if self.max_in_flight is None:
            return 0.0
        with claiming:
            moment = now()
            lingering[:] = [until for until in lingering if until > moment]
            if len(held) + len(lingering) <= self.max_in_flight:
                return 0.0
            return min(lingering) - moment

    async def pause(self, seconds: float) -> None:
        """Start no request for `seconds` from now (a pause ending later already wins)."""
        number(seconds, "seconds", positive=False, finite=True)
        self._paused_until = max(self._paused_until, now() + seconds)

    async def aclose(self) -> None:
        """Nothing to close: the state is this object's."""

    def raise_if_paused_past(self, deadline: float | None) -> None:
        """`NoTurnInTime` with the pause left when a pause ends after `deadline`."""
        if deadline is not None and self._paused_until > deadline:
            raise NoTurnInTime(self._paused_until - now())

    def _claim_turn(self, claiming: threading.Lock, deadline: float | None) -> float:
        """Claim the budget's next turn, after any pause: the seconds until it (0 or less: now)."""
        moment = now()
        with claiming:
            self.raise_if_paused_past(deadline)
            start = max(moment, self._paused_until)
            if self._interval:
                # Claimed before waiting, so that callers waiting together leave in turn.
                tat = max(self._tat, start)
                start = max(start, tat - self._tolerance)
                if deadline is not None and start > deadline:
                    raise NoTurnInTime()  # nothing claimed: the turn stays for a caller with time
                self._tat = tat + self._interval
        return start - moment


def _slot_wait(slots: asyncio.Semaphore, deadline: float | None) -> float | None:
    """How long to wait for a slot: unbounded when asyncio's `acquire` takes one at once (no timer set for nothing)."""
    free = not slots.locked() if is_async() else False
    return None if deadline is None or free else deadline - now()
