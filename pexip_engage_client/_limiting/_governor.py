"""`Governor`: the API's limits, kept for every request a client sends.

A client that learns of the limit one refusal at a time keeps hitting it with everything it has in flight, so every
request goes through one governor (docs/limits.md#what-the-client-does-by-default)."""

from __future__ import annotations

import asyncio
import importlib.util
import math
import threading
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Literal, TypeVar

from .._base.arguments import counted, number
from .._base.is_async import is_async
from .._base.loggers import logger
from .._base.processes import per_process
from .._base.timing import retry_after_seconds
from .._configuration._config import LIMITS_VARIABLE, check_shared_url, shared_limits_from_environment
from .._shared.metrics import Instrument
from . import _limits
from ._lanes import ENTERPRISE, LANE
from ._limits import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE, Limits, LocalLimits, NoTurnInTime

if TYPE_CHECKING:
    from ._sharing import Failures, SharedStore

T = TypeVar("T")


# Seconds, from a free slot to a pause after a 429 (a minute at most).
WAITS = Instrument(
    "histogram",
    "pexip_engage.client.governor.wait",
    "s",
    "Time a request waited for its turn under the API's limits.",
    explicit_bucket_boundaries_advisory=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
# The documented budget as requests per second, averaged over any minute.
DEFAULT_RATE = DOCUMENTED_PER_MINUTE / 60
# Statuses by which a server says "too many requests": the pace is lowered after them.
_THROTTLING = frozenset({429, 503})
# The part of the pace seen accepted kept after a refusal: under it, so the allowance refills.
_BACK_OFF_TO = 0.95
# The pace's floor after a refusal, a part of `rate`: an estimate from a few requests says little.
_PACE_FLOOR = 0.25
# How fast the pace rises again per second without a refusal: the floor to `rate` in 28 s (1.05 ** 28 > 4).
_RECOVERY_PER_SECOND = 0.05
# Without a Retry-After, a throttling answer pauses callers this long.
_DEFAULT_PAUSE = 1.0


# A module the extra of each kind of URL `check_shared_url` tells apart (named as the extra) installs.
_EXTRA_MODULES = {"redis": "redis", "postgres": "psycopg_pool"}

# Local limits this long after the shared ones failed: short, as each process takes the whole allowance.
_SHARED_RETRY_AFTER = 5.0

# The whole of the limits, beside the lanes' parts of them and each weighed enterprise's.
_WHOLE = ""
_ENTERPRISE = "enterprise:"

# A walk fetching ahead leaves this many of the slots to the client's other calls, when it can.
_SLOTS_LEFT_BY_WALKS = 1
# How many pages a walk fetches at once without a bound on calls in flight (Governor.unlimited()).
_UNBOUNDED_WALK_WINDOW = 16


class Governor:
    """The limits every request of a client keeps: calls in flight, requests a minute, pauses on 429/503.

    A client given none keeps the documented limits through its process's default governor for the API
    host; pass one to change the numbers or to share them (docs/limits.md)::

        engage = PexipEngage("acme", token=..., governor=Governor(max_in_flight=8, rate=100))
        shared = Governor(shared="redis://localhost:6379/0")  # one limit for every worker using it
        shared = Governor(shared="postgresql://app@db.internal/app")  # or through PostgreSQL

    Args:
        max_in_flight: At most this many requests on their way at once (default 4, the documented figure).
        rate: At most `60 * rate` requests start in any 60 seconds (default 50: 3,000 a minute, the
            documented figure). None: no budget (the governor still slows down after a 429 or 503).
        retry_budget: The part of a retry each attempt earns (0.2: about one retry per four first
            attempts); without one left a failure is final whatever `max_retries` allows.
        min_retries: The budget's starting balance; at most `min_retries + 100 * retry_budget` is kept.
        shared: A Redis URL (`redis://`, `rediss://`, `unix://`; the `redis` extra) or a PostgreSQL
            one (`postgresql://`, `postgres://`, with `?schema=`; the `postgres` extra) whose limits
            every process using the same name shares; out of reach, this process keeps the same
            limits by itself and asks again later. Not given: `PEXIP_ENGAGE_LIMITS`, when set (and
            `rate` is not None); False: this process alone.
        name: What the processes sharing one limit have in common; by default one per enterprise
            and API host (of the first client using the governor).
        background_share: The most of the minute's budget `background` calls take (`lane()`); they
            also leave interactive calls a slot, so that a nightly job is never in a customer's way.
        weights: Enterprises behind one IP, each with its weight: the clients of each enterprise named
            (sharing this governor, or its `shared` limits under one `name`) take at most its weight's part
            of the minute's budget and of the slots (at least one), so that none starves the others.

    Raises:
        ValueError: An argument is not a positive number (`retry_budget` and `min_retries` may be
            0), `shared` is given without a rate, or `shared` (or `PEXIP_ENGAGE_LIMITS`) is not a
            usable Redis or PostgreSQL URL; the message never holds the URL's password.
        ImportError: `shared` (or `PEXIP_ENGAGE_LIMITS`) is given without the `redis` extra (the
            `postgres` extra for a PostgreSQL URL).

    Attributes:
        throttled: How many answers (429, or 503 with `Retry-After`) paused the callers so far.
    """

    # SyncPexipEngage's threads take retries and claim their pace one at a time (uncontended in a
    # loop); per process: a parent thread may have held it at the fork.
    _claiming = per_process(lambda _: threading.Lock())

    def __init__(
        self,
        *,
        max_in_flight: int = DOCUMENTED_MAX_IN_FLIGHT,
        rate: float | None = DEFAULT_RATE,
        retry_budget: float = 0.2,
        min_retries: int = 10,
        shared: str | Literal[False] | None = None,
        name: str | None = None,
        background_share: float = 0.5,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        counted(max_in_flight, "max_in_flight")
        if rate is not None:
            reason = "must be a positive number of requests per second, or None (got {!r})"
            number(rate, "rate", finite=True, reason=reason)
            if rate * 60 < 1:
                raise ValueError(f"rate must allow at least one request a minute (got {rate!r})")
        reason = "must be a part of the budget, more than 0 and at most 1 (got {!r})"
        number(background_share, "background_share", finite=True, reason=reason)
        if background_share > 1:
            raise ValueError(reason.format(background_share))
        self._setup(max_in_flight, rate, retry_budget, min_retries, background_share, _checked_weights(weights))
        shared = _shared_setting(shared, rate)
        if shared is not None or name is not None:
            self._share(shared, name, max_in_flight, rate)

    @classmethod
    def unlimited(cls, *, retry_budget: float = 0.2, min_retries: int = 10) -> Governor:
        """A governor with no bound on calls in flight and no rate: unsafe against the real API.

        For servers of your own (a proxy that keeps the limits, a test server); it still pauses on a
        429 or a 503 with `Retry-After`, and keeps the retry budget.
        """
        governor = cls.__new__(cls)
        governor._setup(None, None, retry_budget, min_retries, 1.0, {})
        return governor

    def _setup(  # noqa: PLR0917 - the checked arguments
        self,
        max_in_flight: int | None,
        rate: float | None,
        retry_budget: float,
        min_retries: int,
        share: float,
        weights: Mapping[str, float],
    ) -> None:
        reason = "must be a number of retries per request, 0 or more (got {!r})"
        number(retry_budget, "retry_budget", positive=False, finite=True, reason=reason)
        counted(min_retries, "min_retries", 0, "must be an integer, 0 or more (got {!r})")
        self.max_in_flight: int | None = max_in_flight
        self.rate: float | None = None if rate is None else float(rate)
        self.retry_budget: float = float(retry_budget)
        self.min_retries: int = min_retries
        per_minute = None if rate is None else rate * 60
        self._local = LocalLimits(max_in_flight=max_in_flight, per_minute=per_minute)
        # The whole, and each lane's part (none without a bound on calls in flight): calls in flight, starts a minute.
        self._parts: dict[str, tuple[int, float | None]] = {}
        if max_in_flight is not None:
            # Background work leaves interactive calls a slot and the budget beyond its share; interactive calls
            # take any free slot and any turn (a cap on them would leave the budget unused when no job runs).
            starts = None if per_minute is None else per_minute * share
            self._parts["background"] = (max(1, max_in_flight - 1), starts)
            # Each enterprise weighed takes at most its weight's part of the slots (at least one) and of the budget.
            total = sum(weights.values())
            for enterprise, weight in weights.items():
                budget = None if per_minute is None else per_minute * weight / total
                self._parts[_ENTERPRISE + enterprise] = (max(1, math.floor(max_in_flight * weight / total)), budget)
        self._local_parts = {_WHOLE: self._local} | {
            part: LocalLimits(max_in_flight=slots, per_minute=starts) for part, (slots, starts) in self._parts.items()
        }
        self._shared_url: str | None = None  # Redis or PostgreSQL (None: this process's alone); may hold a password
        self._name: str | None = None
        self._shared_limits: dict[str, Limits] = {}  # each part's, made on first use, when the name is known
        self._local_until: float | None = None  # the shared limits failed: the local ones kept until then
        self._shared_failures: Failures | None = None  # made at their first failure (the one failure log)
        self._shared_again_at: float | None = None  # when they were asked again after failing
        self._backed_off: float | None = None  # the pace after a refusal, until it is back at `rate`
        self._backed_off_at = 0.0  # when that pace held: it rises from then on
        self._told_about_sharing = False
        self._next_start = 0.0  # when the next request may leave, by that pace
        self._epoch_start: float | None = None  # since the last refusal: what the server accepted
        self._accepted_in_epoch = 0
        self._retries = float(min_retries)
        self.throttled: int = 0  # answers that paused the callers
        self._answer_times: deque[float] = deque(maxlen=32)  # the latest answers' seconds, for a given-up call's slot

    def _share(self, shared: str | None, name: str | None, max_in_flight: int, rate: float | None) -> None:
        if not isinstance(shared, str) or not shared:
            raise ValueError(
                "shared must be a Redis URL such as 'redis://localhost:6379/0' or a PostgreSQL one such as"
                f" 'postgresql://app@db.internal/app' (got a {type(shared).__name__})"
            )
        extra = check_shared_url("shared", shared)
        if name is not None and (not isinstance(name, str) or not name):
            raise ValueError(f"name must be a non-empty string, or None (got {name!r})")
        if rate is None:
            raise ValueError("a shared limit needs a rate: the per-minute budget is what the processes share")
        if importlib.util.find_spec(_EXTRA_MODULES[extra]) is None:  # said now, not at the first request
            raise ImportError(
                f'Governor(shared=...) and {LIMITS_VARIABLE} need the "{extra}" extra: '
                f'pip install "pexip-engage-client[{extra}]"'
            )
        self._shared_url, self._name = shared, name
        self._parts[_WHOLE] = (max_in_flight, rate * 60)

    def __repr__(self) -> str:
        pace = "none" if self.pace is None else f"{self.pace:.3g}/s"
        shared = "" if self._shared_url is None else ", shared=True"
        return f"Governor(max_in_flight={self.max_in_flight!r}, rate={self.rate!r}, pace={pace}{shared})"

    @property
    def pace(self) -> float | None:
        """The requests per second the governor lets out now, on average (None: unpaced)."""
        backed_off = self._current_back_off()
        return self.rate if backed_off is None else backed_off

    def _current_back_off(self) -> float | None:
        """The pace lowered by a refusal, as it has risen since; None without one, or once back at `rate`."""
        backed_off = self._backed_off
        if backed_off is None:
            return None
        since = max(0.0, _limits.now() - self._backed_off_at)
        raised: float = backed_off * (1 + _RECOVERY_PER_SECOND) ** min(since, 600.0)
        if self.rate is not None and raised >= self.rate:
            self._backed_off = None  # back at the rate: the limits' own budget paces alone again
            return None
        return raised

    def walk_window(self, asked: int | None) -> int:
        """How many pages a walk may fetch at once: what it asked for, within the calls in flight, less one."""
        if self.max_in_flight is None:
            return asked or _UNBOUNDED_WALK_WINDOW
        room = max(1, self.max_in_flight - _SLOTS_LEFT_BY_WALKS)
        return room if asked is None else max(1, min(asked, self.max_in_flight))

    def name_by_default(self, name: str) -> None:
        """The shared key when none was given: the first client to use this governor names it."""
        if self._name is None:
            self._name = name

    async def send(
        self,
        attempt: Callable[[], Awaitable[T]],
        status_of: Callable[[T], tuple[int, Mapping[str, str]]],
        within: float | None = None,
    ) -> T:
        """Run one attempt within the limits, and learn from its answer (status and headers).

        `within`: the attempt's own time: the longest wait for a turn, and the least a shared slot is kept.
        The call's lane and enterprise (`LANE`, `ENTERPRISE`) say which parts it waits in besides the whole.

        Raises:
            NoTurnInTime: No turn within `within` seconds; at once when a pause outlasts them.
        """
        asked = _limits.now()
        deadline = None if within is None else asked + within
        # The pace first, then a slot: one waiting for its pace must not keep a slot from others.
        pace = self._current_back_off()
        if pace is not None:
            await self._wait_back_off(pace, deadline)
        held = await self._acquire(deadline, within)
        started = _limits.now()
        WAITS(started - asked)
        linger = 0.0
        try:
            if self._epoch_start is None:
                self._epoch_start = started
            try:
                outcome = await attempt()
            except BaseException:
                # Given up (cancelled, timed out, cut) after it may have been sent: Engage counts it in flight until
                # it is done, and may have received it only just now (its connection opened late, a busy machine),
                # so its slot stays counted for as long as the slowest recent answer took, from now.
                linger = max(self._answer_times, default=0.0)
                raise
            self._answer_times.append(_limits.now() - started)
            status, headers = status_of(outcome)
            pause = self._observe(status, headers, held[-1][0])
            if pause is not None:
                await self._pause(pause)
            return outcome
        finally:
            await _released(held, linger)

    def allow_retry(self) -> bool:
        """Take one retry from the budget; False when it is spent (the failure is then final)."""
        with self._claiming:
            if self._retries >= 1:
                self._retries -= 1
                return True
        return False

    async def aclose(self) -> None:
        """Close the connection to the shared limits, if any (a later request opens a new one)."""
        shared, self._shared_limits = self._shared_limits, {}
        for limits in shared.values():
            await limits.aclose()

    async def _acquire(self, deadline: float | None, hold: float | None) -> list[tuple[Limits, str]]:
        """The leases of the call's lane's part and its enterprise's (each if it has one), then of the whole: a call
        waiting behind its part holds none of the whole's slots."""
        held: list[tuple[Limits, str]] = []
        try:
            for part in (LANE.get(), _ENTERPRISE + ENTERPRISE.get(), _WHOLE):
                if part in self._local_parts:
                    held.append(await self._acquire_part(part, deadline, hold))
        except BaseException:
            await _released(held)
            raise
        return held

    async def _acquire_part(self, part: str, deadline: float | None, hold: float | None) -> tuple[Limits, str]:
        shared = self._reachable_shared_limits(part)
        if shared is not None:
            try:
                lease = await shared.acquire(deadline, hold)
            except _limits.SharedLimitsUnavailable as error:
                self._fall_back(error)
            else:
                if self._shared_failures is not None:
                    self._shared_failures.worked()
                return shared, lease
        local = self._local_parts[part]
        return local, await local.acquire(deadline, hold)

    async def _pause(self, seconds: float) -> None:
        shared = self._reachable_shared_limits(_WHOLE)
        if shared is not None:
            try:
                await shared.pause(seconds)
            except _limits.SharedLimitsUnavailable as error:
                self._fall_back(error)
        await self._local.pause(seconds)  # this process's callers waiting on the local limits too

    def _reachable_shared_limits(self, part: str) -> Limits | None:
        """The shared limits of `part` (a lane's, or the whole's), made on first use; None for a governor that shares
        nothing, or while they are out of reach (the local limits kept meanwhile)."""
        if self._shared_url is None:
            return None
        if self._local_until is not None:
            if _limits.now() < self._local_until:
                return None
            # Asking the shared limits again: a pace lowered under the fallback says nothing of them.
            self._local_until, self._backed_off, self._shared_again_at = None, None, _limits.now()
        shared = self._shared_limits.get(part)
        if shared is None:
            in_flight, per_minute = self._parts[part]
            key = ":".join(filter(None, (self._name or "pexip-engage", part)))
            starts = max(1, math.floor(per_minute or 0))
            shared = _store().limits(self._shared_url, key=key, max_in_flight=in_flight, per_minute=starts)
            self._shared_limits[part] = shared
        return shared

    def _fall_back(self, error: BaseException) -> None:
        """The shared limits failed: the local ones kept until they are asked again, the failure logged."""
        if self._shared_failures is None:
            self._shared_failures = _store().out_of_reach(_SHARED_RETRY_AFTER, _limits.now)
        self._local_until = _limits.now() + self._shared_failures.failed(error)

    async def _wait_back_off(self, pace: float, deadline: float | None) -> None:
        now = _limits.now()
        with self._claiming:
            start = max(now, self._next_start)
            if deadline is not None and start > deadline:
                self._local.raise_if_paused_past(deadline)  # with the pause left, when a pause outlasts it
                raise NoTurnInTime()
            # Claimed before waiting, so that callers waiting together leave one pace apart.
            self._next_start = start + 1 / pace
        if start > now:
            await _limits.sleep(start - now)

    def _observe(self, status: int, headers: Mapping[str, str], limits: Limits) -> float | None:
        """Learn from an answer under `limits`; the pause it asks for (None: none)."""
        # Every attempt earns a part of a retry, up to what a hundred attempts earn beyond the minimum.
        self._retries = min(self._retries + self.retry_budget, self.min_retries + 100 * self.retry_budget)
        if status < 400:
            self._accepted_in_epoch += 1
            return None
        if status not in _THROTTLING or (status == 503 and "Retry-After" not in headers):
            return None
        now = _limits.now()
        if status == 429:
            self._suggest_sharing()
        asked = retry_after_seconds(headers)
        wait = _DEFAULT_PAUSE if asked is None else asked
        resume = now + wait
        self.throttled += 1
        if not self._refusal_explained(limits):
            self._slow_down(resume)
        self._epoch_start, self._accepted_in_epoch = resume, 0
        self._next_start = max(self._next_start, resume)
        return wait

    def _slow_down(self, resume: float) -> None:
        """Lower the pace to a little under what the server accepted since the last refusal (not below the floor)."""
        started = self._epoch_start
        if started is None or not self._accepted_in_epoch:
            return
        # What the server accepted over the whole stretch up to when it lets callers in again.
        accepted = self._accepted_in_epoch / max(resume - started, 1e-3)
        # Without a rate (`unlimited()`), the floor is a quarter of the documented rate.
        slower = max(accepted * _BACK_OFF_TO, (self.rate or DEFAULT_RATE) * _PACE_FLOOR)
        pace = self.pace
        if pace is None or slower < pace:
            # Rising again from when callers may go again.
            self._backed_off, self._backed_off_at = slower, resume

    def _refusal_explained(self, limits: Limits) -> bool:
        """Whether a refusal under `limits` is explained by a fallback (local limits while the shared were out
        of reach, or shared while other processes may still be local), not by the shared pace."""
        if self._shared_url is None or self._local_until is not None:
            return False
        if limits is self._local:
            return True
        back = self._shared_again_at
        return back is not None and _limits.now() - back < _SHARED_RETRY_AFTER

    def _suggest_sharing(self) -> None:
        """Say once why a governor that kept the limits by itself is refused, and what to set."""
        if self._told_about_sharing or self._shared_url is not None or self.max_in_flight is None:
            return
        self._told_about_sharing = True
        logger.warning(
            "Engage answered 429 although this process kept its limits (%d in flight, %g a minute): other "
            "processes or machines behind this IP address are likely calling it too, each with its own "
            "allowance. Set %s=redis://... or postgresql://... (or Governor(shared=...)) so that they share one limit",
            self.max_in_flight,
            (self.rate or 0) * 60,
            LIMITS_VARIABLE,
        )


async def _released(held: list[tuple[Limits, str]], linger: float = 0.0) -> None:
    """Give the leases back, the whole's first, each counted `linger` seconds more."""
    for limits, lease in reversed(held):
        await limits.release(lease, linger)


def _shared_setting(shared: str | Literal[False] | None, rate: float | None) -> str | None:
    """The URL to share through: `shared`, or PEXIP_ENGAGE_LIMITS when it is not given (False: none)."""
    if shared is None and rate is not None:
        return shared_limits_from_environment()
    return None if shared is False else shared


# The default governors: one per event loop (asyncio objects belong to one) and API host.
_thread_defaults: dict[str, Governor] = {}  # SyncPexipEngage's, shared by every thread
_defaults: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, Governor]] = weakref.WeakKeyDictionary()


def default_governor(api_host: str) -> Governor:
    """This event loop's governor for `api_host` (scheme, host and port): the documented limits, shared through
    PEXIP_ENGAGE_LIMITS when it is set. Shared by every client of the process given none: the limits count per IP
    address. Call in a running loop."""
    per_host = _defaults.setdefault(asyncio.get_running_loop(), {}) if is_async() else _thread_defaults
    governor = per_host.get(api_host)
    if governor is None:  # setdefault: two threads making one at once end up with the same
        governor = per_host.setdefault(api_host, Governor())
    return governor


def _store() -> SharedStore:
    """Where a governor shares its limits: imported by the first that does, with the backend its URL names."""
    from ._shared_limits import STORE  # noqa: PLC0415

    return STORE


def _checked_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """`weights=`: enterprise ids, each with a positive weight; `ValueError` naming it otherwise."""
    if weights is None:
        return {}
    if not isinstance(weights, Mapping) or not all(isinstance(name, str) and name for name in weights):
        raise ValueError(f"weights must map enterprise ids to positive numbers (got {weights!r:.100})")
    reason = "must be a positive number (got {!r})"
    return {name: number(weight, f"weights[{name!r}]", finite=True, reason=reason) for name, weight in weights.items()}
