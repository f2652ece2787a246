"""`Governor`: one client's share of the API's limits, for every request it sends.

The API answers too many requests with 429 (or 503) and a `Retry-After`; a client that learns of
it one request at a time keeps hitting the limit with everything it has in flight. A governor is
shared by every call of one `PexipEngage` (and the clients `with_options()` makes from it), so:

- at most `max_in_flight` requests are on their way at once;
- with a `rate`, requests leave at most that many per second, evenly spaced (a burst would spend
  the server's allowance at once and then wait);
- a 429, or a 503 with `Retry-After`, pauses every caller until the time asked for, not only the
  one that got it, and lowers the rate to what the server was seen to accept before it refused
  (the pace is raised again slowly, never above `rate`, while no refusal comes);
- retries draw on a budget that first attempts refill, so that during an outage the client sends
  a bounded number of retries instead of multiplying its load by `max_retries`.

The request pipeline asks it before each attempt (`_request.py`); pages fetched ahead by a walk
go through the pipeline too, so they share the same allowance.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from ._retry import retry_after_seconds

T = TypeVar("T")

# Statuses by which a server says "too many requests": the rate is lowered after them.
_THROTTLING = frozenset({429, 503})
# The fraction of the pace seen accepted that is kept after a refusal: a little under it, so the
# server's allowance refills instead of being met exactly.
_BACK_OFF_TO = 0.95
# How fast the pace rises again after a refusal, as a fraction of it per second without one.
_RECOVERY_PER_SECOND = 0.005
# Without a Retry-After, a throttling answer pauses callers this long.
_DEFAULT_PAUSE = 1.0


class Governor:
    """Bounds on what one client sends: calls in flight, an optional rate, and pauses on 429/503.

    Pass one to `PexipEngage(governor=...)`; every request of that client, and of the clients its
    `with_options()` makes, goes through it::

        engage = PexipEngage("acme", token=..., governor=Governor(max_in_flight=8, rate=20))

    Args:
        max_in_flight: At most this many requests on their way at once.
        rate: At most this many requests per second (None: no fixed pace; the governor still slows
            down after a 429 or 503).
        retry_budget: The part of a retry each attempt earns (0.2: about one retry per four first
            attempts); a retry spends one, and without one left a failure is final whatever
            `max_retries` allows.
        min_retries: The budget's starting balance, so that a client that has sent little can
            still retry; at most `min_retries + 100 * retry_budget` is kept in store.

    Raises:
        ValueError: An argument is not a positive number (`retry_budget` and `min_retries` may be 0).

    Attributes:
        throttled: How many answers (429, or 503 with `Retry-After`) paused the callers so far.
    """

    def __init__(
        self,
        *,
        max_in_flight: int = 16,
        rate: float | None = None,
        retry_budget: float = 0.2,
        min_retries: int = 10,
    ) -> None:
        if isinstance(max_in_flight, bool) or not isinstance(max_in_flight, int) or max_in_flight < 1:
            raise ValueError(f"max_in_flight must be a positive integer (got {max_in_flight!r})")
        if rate is not None and not (_is_number(rate) and 0 < rate < math.inf):
            raise ValueError(f"rate must be a positive number of requests per second, or None (got {rate!r})")
        if not (_is_number(retry_budget) and 0 <= retry_budget < math.inf):
            raise ValueError(f"retry_budget must be a number of retries per request, 0 or more (got {retry_budget!r})")
        if isinstance(min_retries, bool) or not isinstance(min_retries, int) or min_retries < 0:
            raise ValueError(f"min_retries must be an integer, 0 or more (got {min_retries!r})")
        self.max_in_flight: int = max_in_flight
        self.rate: float | None = None if rate is None else float(rate)
        self.retry_budget: float = float(retry_budget)
        self.min_retries: int = min_retries
        self._slots = asyncio.Semaphore(max_in_flight)
        self._pace: float | None = self.rate  # requests per second now: `rate`, or lower after a refusal
        self._next_start = 0.0  # when the next request may leave, by the pace
        self._paused_until = 0.0
        self._epoch_start: float | None = None  # since the last refusal: what the server accepted
        self._accepted_in_epoch = 0
        self._last_refusal: float | None = None
        self._retries = float(min_retries)
        self.throttled: int = 0  # answers that paused the callers

    def __repr__(self) -> str:
        pace = "none" if self._pace is None else f"{self._pace:.3g}/s"
        return f"Governor(max_in_flight={self.max_in_flight}, rate={self.rate!r}, pace={pace})"

    @property
    def pace(self) -> float | None:
        """The requests per second the governor lets out now (None: unpaced)."""
        return self._pace

    async def send(
        self, attempt: Callable[[], Awaitable[T]], status_of: Callable[[T], tuple[int, Mapping[str, str]]]
    ) -> T:
        """Run one attempt within the bounds, and learn from its answer (status and headers)."""
        async with self._slots:
            await self._wait_turn()
            outcome = await attempt()
            status, headers = status_of(outcome)
            self._observe(status, headers)
            return outcome

    def allow_retry(self) -> bool:
        """Take one retry from the budget; False when it is spent (the failure is then final)."""
        if self._retries >= 1:
            self._retries -= 1
            return True
        return False

    async def _wait_turn(self) -> None:
        while True:
            now = time.monotonic()
            start = max(now, self._paused_until)
            if self._pace is not None:
                start = max(start, self._next_start)
                # Claimed before waiting, so that callers waiting together leave one pace apart.
                self._next_start = start + 1 / self._pace
            if start <= now:
                break
            await asyncio.sleep(start - now)
            if time.monotonic() >= self._paused_until:
                break
            # A refusal came while this caller waited: its turn is after the pause.
        if self._epoch_start is None:
            self._epoch_start = time.monotonic()

    def _observe(self, status: int, headers: Mapping[str, str]) -> None:
        now = time.monotonic()
        # Every attempt earns a part of a retry, up to what a hundred attempts earn beyond the minimum.
        self._retries = min(self._retries + self.retry_budget, self.min_retries + 100 * self.retry_budget)
        if status < 400:
            self._accepted_in_epoch += 1
            self._recover()
            return
        if status not in _THROTTLING or (status == 503 and "Retry-After" not in headers):
            return
        wait = retry_after_seconds(headers)
        resume = now + (_DEFAULT_PAUSE if wait is None else wait)
        self._paused_until = max(self._paused_until, resume)
        self.throttled += 1
        started = self._epoch_start
        if started is not None and self._accepted_in_epoch:
            # What the server accepted over the whole stretch up to when it lets callers in again.
            accepted = self._accepted_in_epoch / max(resume - started, 1e-3)
            slower = accepted * _BACK_OFF_TO
            if self._pace is None or slower < self._pace:
                self._pace = slower
        self._epoch_start, self._accepted_in_epoch = resume, 0
        self._last_refusal = now
        self._next_start = max(self._next_start, resume)

    def _recover(self) -> None:
        if self._pace is None or self._last_refusal is None or (self.rate is not None and self._pace >= self.rate):
            return
        # A little faster with each answer accepted since the last refusal: at a pace of p requests
        # per second that is p of these steps a second, so the pace grows by a fixed fraction per second.
        raised = self._pace + _RECOVERY_PER_SECOND
        self._pace = raised if self.rate is None else min(raised, self.rate)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
