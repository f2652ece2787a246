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

from .._base.processes import in_child_after_fork

# The client of every request made to the fake as an in-memory transport.
IN_MEMORY = "in-memory"
# The request extension by which a served fake hands over its admission of a request: None, or the
# Retry-After of its refusal.
ADMISSION = "pexip_engage_fake_admission"


@dataclass
class _Window:
    """At most `count` requests started in any `seconds` (real time); `refused` counts the others."""

    count: int
    seconds: float
    started: deque[float] = field(default_factory=deque)
    refused: int = 0

    def refusal(self, now: float) -> str | None:
        """None when one more may start now, else the `Retry-After` (whole seconds, as HTTP writes it)."""
        while self.started and self.started[0] <= now - self.seconds:
            self.started.popleft()
        if len(self.started) < self.count:
            return None
        return str(max(1, math.ceil(self.started[0] + self.seconds - now)))


@dataclass
class _Client:
    window: _Window | None  # the requests a minute
    in_flight: int = 0


class FakeLimits:
    """Admits or refuses each API request by its client's calls in flight and requests in the last
    minute (`refused` counts those refusals), then by the rate `limit_rate` set for every client.

    Thread-safe: a served fake admits requests from its HTTP threads.
    """

    def __init__(self, max_in_flight: int | None, per_minute: int | None) -> None:
        for name, value in (("max_in_flight", max_in_flight), ("per_minute", per_minute)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{name} must be a positive integer, or None for no limit (got {value!r})")
        self.max_in_flight: int | None = max_in_flight
        self.per_minute: int | None = per_minute
        self.refused: int = 0
        self.most_in_flight: int = 0
        self.rate: _Window | None = None  # `limit_rate`'s, for every client and always kept
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()
        self._fork_hook = in_child_after_fork(self._forget_in_flight)

    def _forget_in_flight(self) -> None:
        """In a forked child: the parent's requests in flight are not this process's (and a parent
        thread may have held the lock at the fork)."""
        self._lock = threading.Lock()
        self._clients = {}

    def limit_rate(self, per_second: float | None, burst: int | None) -> None:
        """`burst` requests (default: one second's worth) in every `burst / per_second` seconds; None: no limit."""
        if per_second is None:
            self.rate = None
            return
        if not 0 < per_second < math.inf:
            raise ValueError(f"per_second must be a positive number (got {per_second!r})")
        count = burst if burst is not None else max(1, math.floor(per_second))
        if count < 1:
            raise ValueError(f"burst must be at least 1 (got {burst!r})")
        self.rate = _Window(count, count / per_second)

    def admit(self, client: str, *, enforce: bool = True) -> str | None:
        """None when the request may be served (call `done` after its answer), else its `Retry-After`.

        With `enforce=False` the documented limits admit every request, and count it (`most_in_flight`)
        all the same.
        """
        now = time.monotonic()
        with self._lock:
            if client not in self._clients:
                self._clients[client] = _Client(None if self.per_minute is None else _Window(self.per_minute, 60))
            state = self._clients[client]
            a_minute = state.window and state.window.refusal(now)  # (which forgets the older starts)
            full = self.max_in_flight is not None and state.in_flight >= self.max_in_flight
            # A slot frees within a request's time: "1", the least HTTP can say.
            if enforce and (retry_after := "1" if full else a_minute):
                self.refused += 1
                return retry_after
            if self.rate and (retry_after := self.rate.refusal(now)):
                self.rate.refused += 1
                return retry_after
            for window in (state.window, self.rate):
                if window is not None:
                    window.started.append(now)
            state.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, state.in_flight)
            return None

    def done(self, client: str) -> None:
        """An admitted request was answered."""
        with self._lock:
            self._clients[client].in_flight -= 1
