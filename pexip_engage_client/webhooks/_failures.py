"""Failures told as a few lines with a count, not a line per event: the store's, refusals, forwarding's.

An outage fails everything at once (6 s of Redis down logged 357 tracebacks); docs/webhooks.md, "Failures".
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .._base.processes import per_process

FORWARDING = ("forwarding", "")  # `OutageLog`'s one kind: an outage of the sink, whatever the error


@dataclass
class Window:
    """One kind's lines since its last one: when that was, how many were counted, the last problem."""

    started: float
    count: int
    last: str = ""


class CountedLog:
    """A log whose first line of a kind is written at once and the next ones counted, a sum per interval."""

    # Per process: in a forked child the counts are the parent's, and a parent thread may have held
    # the lock. The WSGI face reports from its server's threads, beside the event loop's reports.
    _open: per_process[dict[tuple[str, str], Window]] = per_process(lambda _: {})
    _lock = per_process(lambda _: threading.RLock())

    def __init__(
        self, logger: logging.Logger, interval: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._logger = logger
        self._interval = interval
        self._clock = clock


class FailureLog(CountedLog):
    def failed(self, kind: str, error: BaseException) -> None:
        """One more failure of `kind` (what failed, e.g. "storing an event"), caused by `error`."""
        key = (kind, type(error).__name__)
        problem = f"{type(error).__name__}: {error}"
        with self._lock:
            now = self._clock()
            window = self._open.get(key)
            if window is None:
                self._open[key] = Window(now, 0, problem)
                self._logger.error(
                    "the webhook store failed %s (%s); further failures of this kind are counted, one line every %g s",
                    kind,
                    problem,
                    self._interval,
                )
                self._logger.debug("the webhook store failed %s", kind, exc_info=error)
                return
            window.count += 1
            window.last = problem
            if now - window.started >= self._interval:
                self._summary(key, window, now)
                self._open[key] = Window(now, 0, problem)

    def succeeded(self, kind: str) -> None:
        """`kind` worked again: what was counted is logged, and the next failure is logged at once."""
        with self._lock:
            for key in [key for key in self._open if key[0] == kind]:
                self._summary(key, self._open.pop(key), self._clock())
                self._logger.warning("the webhook store works again for %s", kind)

    def flush(self) -> None:
        """Log what was counted and not logged yet (at stop)."""
        with self._lock:
            now = self._clock()
            for key, window in self._open.items():
                self._summary(key, window, now)
            self._open.clear()

    def _summary(self, key: tuple[str, str], window: Window, now: float) -> None:
        if window.count:
            self._logger.error(
                "the webhook store failed %s %d more times in the last %.1f s (the last: %s)",
                key[0],
                window.count,
                now - window.started,
                window.last,
            )


class OutageLog(CountedLog):
    """Forwarding failures told once per outage: a warning at the first, a line when it works again.

    No line per interval: an outage is two lines (docs/webhooks.md, "What forwarding guarantees").
    """

    def __init__(self, logger: logging.Logger, sink: object, retry_for: float) -> None:
        super().__init__(logger)
        self._sink = sink
        self._retry_for = retry_for

    def failed(self, error: BaseException) -> None:
        problem = f"{type(error).__name__}: {error}"
        with self._lock:
            window = self._open.get(FORWARDING)
            if window is not None:
                window.count += 1
                window.last = problem
                return
            self._open[FORWARDING] = Window(self._clock(), 0, problem)
            self._logger.warning(
                "forwarding to %r failed (%s); each event is kept and retried for up to %g s, an appointment's"
                " later events held behind it; further failures are counted until forwarding works again",
                self._sink,
                problem,
                self._retry_for,
            )

    def succeeded(self) -> None:
        with self._lock:
            window = self._open.pop(FORWARDING, None)
            if window is not None:
                self._logger.warning(
                    "forwarding to %r works again after %.1f s; %d forwardings failed meanwhile and are retried"
                    " (the last: %s)",
                    self._sink,
                    self._clock() - window.started,
                    window.count + 1,  # the first, and the ones counted
                    window.last,
                )
