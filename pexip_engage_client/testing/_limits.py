"""The fake's one rate limiter: the API's documented limits per client, and `limit_rate`'s for all.

A client is the remote address when the fake is served over HTTP, and the fake itself in memory,
where the documented limits are counted but kept only with `FakePexipEngage(limits=True)`.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from .._base.arguments import counted, number
from .._base.processes import per_process

# The client of every request made to the fake as an in-memory transport.
IN_MEMORY = "in-memory"
# The request extension by which a served fake hands over its admission of a request: None, or the
# Retry-After of its refusal.
ADMISSION = "pexip_engage_fake_admission"


@dataclass
class _Bucket:
    """`burst` requests at once, refilled evenly at `per_second` (real time); `refused` counts the others."""

    per_second: float
    burst: float
    tokens: float
    refilled: float
    refused: int = 0

    def take(self, now: float) -> str | None:
        """None when a request may pass (its token taken), else its `Retry-After` (whole seconds)."""
        self.tokens = min(self.burst, self.tokens + (now - self.refilled) * self.per_second)
        self.refilled = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        self.refused += 1
        return str(math.ceil((1 - self.tokens) / self.per_second))


@dataclass
class _Client:
    in_flight: int = 0
    started: deque[float] = field(default_factory=deque)  # admitted requests in the last minute


class FakeLimits:
    """Admits or refuses each API request by its client's calls in flight and requests in the last
    minute (`refused` counts those refusals), then by the rate `limit_rate` set for every client.

    Thread-safe: a served fake admits requests from its HTTP threads.
    """

    # Per process: in a forked child the parent's requests in flight are not this process's (and a
    # parent thread may have held the lock at the fork).
    _clients: per_process[dict[str, _Client]] = per_process(lambda _: {})
    _lock = per_process(lambda _: threading.Lock())

    def __init__(self, max_in_flight: int | None, per_minute: int | None) -> None:
        for name, value in (("max_in_flight", max_in_flight), ("per_minute", per_minute)):
            if value is not None:
                counted(value, name, reason="must be a positive integer, or None for no limit (got {!r})")
        self.max_in_flight: int | None = max_in_flight
        self.per_minute: int | None = per_minute
        self.refused: int = 0
        self.most_in_flight: int = 0
        self.rate: _Bucket | None = None  # `limit_rate`'s, for every client and always kept

    def limit_rate(self, per_second: float | None, burst: int | None) -> None:
        """`burst` requests at once (default: one second's worth), refilled at `per_second`; None: no limit."""
        if per_second is None:
            self.rate = None
            return
        number(per_second, "per_second", finite=True, reason="must be a positive number (got {!r})")
        if burst is not None:
            counted(burst, "burst", reason="must be at least 1 (got {!r})")
        size = float(burst if burst is not None else max(1, math.floor(per_second)))
        self.rate = _Bucket(per_second, size, size, time.monotonic())

    def admit(self, client: str, *, enforce: bool = True) -> str | None:
        """None when the request may be served (call `done` after its answer), else its `Retry-After`; with
        `enforce=False` the documented limits admit every request, counting it all the same."""
        now = time.monotonic()
        with self._lock:
            state = self._clients.setdefault(client, _Client())
            started = state.started
            while started and started[0] <= now - 60:
                started.popleft()
            if enforce and (retry_after := self._refusal(state, now)):
                self.refused += 1
                return retry_after
            if self.rate is not None and (retry_after := self.rate.take(now)):
                return retry_after
            state.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, state.in_flight)
            if self.per_minute is not None:
                started.append(now)
            return None

    def _refusal(self, state: _Client, now: float) -> str | None:
        """The `Retry-After` of a request beyond a documented limit, else None."""
        if self.max_in_flight is not None and state.in_flight >= self.max_in_flight:
            return "1"  # a slot frees within a request's time: the least HTTP can say
        if self.per_minute is not None and len(state.started) >= self.per_minute:
            return str(max(1, math.ceil(state.started[0] + 60 - now)))
        return None

    def done(self, client: str) -> None:
        """An admitted request was answered."""
        with self._lock:
            self._clients[client].in_flight -= 1
