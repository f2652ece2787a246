"""Failures in a row, told in a few lines, and the wait before the next try: the one failure log of every
loop that fails and tries again (the mirror's reads, hooks and catch-ups, the webhook store's steps,
forwarding, the governor's shared limits).

A streak's first failure is told at once (its traceback at DEBUG), the next counted in a line per `interval`, its
end told with the count: an outage is a few lines, not a line per failure. The words are each loop's (`Telling`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._base.processes import per_process
from .._base.timing import backoff


@dataclass
class Streak:
    """One kind's failures since it last worked: `in_a_row` of them since `started`, the `last`, and the
    `untold` ones since the last line that told of them (at `told_at`)."""

    started: float
    last: BaseException
    in_a_row: int = 1
    told_at: float = 0.0
    untold: int = 0

    @property
    def problem(self) -> str:
        """The last failure as a log line shows it: "Type: text"."""
        return f"{type(self.last).__name__}: {self.last}"


@dataclass(frozen=True)
class Backoff:
    """The wait before the next try after `in_a_row` failures: `first` doubled each time, at most `cap`,
    less up to `jitter` of it at random (so that processes failing together do not retry in lockstep)."""

    first: float
    cap: float
    jitter: float = 0.0

    def wait(self, in_a_row: int) -> float:
        return backoff(self.first, in_a_row, self.cap, self.jitter)


@dataclass(frozen=True)
class Telling:
    """How a loop words its failures, each line a `str.format` template (None: not told).

    The fields: `kind` (what failed), `problem` ("Type: text" of the last failure), `error` (the last), `in_a_row`,
    `untold` (failures since the last line), `seconds` (since the streak began, or since the last line
    for `counted`), `interval`, `wait` (before the next try), and the loop's own in `given`.
    """

    logger: logging.Logger
    first: str
    again: str | None
    counted: str | None = None
    levels: tuple[int, int, int] = (logging.WARNING, logging.WARNING, logging.WARNING)  # first, counted, again
    given: Mapping[str, Any] = field(default_factory=dict)


class FailureLog:
    """Failures of each kind as streaks: told by `telling`, counted, and the wait before the next try.

    With `by_type`, a failure of another type than the streak's starts a streak of its own (the
    webhook store tells a timeout apart from a refused connection). Safe from several threads; a
    forked child starts with none.
    """

    _streaks: per_process[dict[tuple[str, str], Streak]] = per_process(lambda _: {})
    _lock = per_process(lambda _: threading.RLock())

    def __init__(
        self,
        telling: Telling,
        *,
        backoff: Backoff | None = None,
        interval: float | None = None,
        by_type: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._telling = telling
        self._backoff = backoff
        self._interval = interval
        self._by_type = by_type
        self._clock = clock

    def failed(self, error: BaseException, kind: str = "") -> float:
        """One more failure of `kind`, caused by `error`; the seconds to wait before the next try (0 without a
        `backoff`)."""
        key = (kind, type(error).__name__ if self._by_type else "")
        with self._lock:
            now = self._clock()
            streak = self._streaks.get(key)
            if streak is None:
                streak = self._streaks[key] = Streak(now, error, told_at=now)
                wait = self._wait(streak)
                told = self._tell(0, kind, streak, 0.0, wait)
                self._telling.logger.debug("%s", told, exc_info=error)  # the traceback, below what is shown
                return wait
            streak.in_a_row += 1
            streak.untold += 1
            streak.last = error
            wait = self._wait(streak)
            if self._interval is not None and now - streak.told_at >= self._interval:
                self._tell_counted(kind, streak, now, wait)
        return wait

    def _wait(self, streak: Streak) -> float:
        return 0.0 if self._backoff is None else self._backoff.wait(streak.in_a_row)

    def worked(self, kind: str = "") -> None:
        """`kind` worked: its streak, if any, ends (what was counted is told, then that it works again)."""
        if not self._streaks:  # the common case, without the lock
            return
        with self._lock:
            for key in [key for key in self._streaks if key[0] == kind]:
                streak = self._streaks.pop(key)
                now = self._clock()
                self._tell_counted(kind, streak, now)
                self._tell(2, kind, streak, now - streak.started, 0.0)

    def streak(self, kind: str = "") -> Streak | None:
        """`kind`'s streak while it lasts (the latest, by type), else None: what a health check shows."""
        with self._lock:
            found = [streak for key, streak in self._streaks.items() if key[0] == kind]
        return max(found, key=lambda streak: streak.told_at) if found else None

    def flush(self) -> None:
        """Tell what was counted and not told yet, and forget every streak (at stop)."""
        with self._lock:
            now = self._clock()
            for (kind, _), streak in self._streaks.items():
                self._tell_counted(kind, streak, now)
            self._streaks.clear()

    def _tell_counted(self, kind: str, streak: Streak, now: float, wait: float = 0.0) -> None:
        if streak.untold:
            self._tell(1, kind, streak, now - streak.told_at, wait)
        streak.told_at, streak.untold = now, 0

    def _tell(self, which: int, kind: str, streak: Streak, seconds: float, wait: float) -> str:
        telling = self._telling
        template = (telling.first, telling.counted, telling.again)[which]
        if template is None:
            return ""
        text = template.format(
            kind=kind, problem=streak.problem, error=streak.last, in_a_row=streak.in_a_row, untold=streak.untold,
            seconds=seconds, interval=self._interval, wait=wait, **telling.given,
        )  # fmt: skip
        telling.logger.log(telling.levels[which], "%s", text)
        return text
