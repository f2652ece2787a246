"""Refused deliveries, logged: once per cause and source at WARNING, the rest counted per interval.

A wrong secret in Engage fails every delivery with 401, which a receiver without an access log would
never tell (docs/webhooks.md, "Authenticity"). Never the key a sender gave: it may be the secret mistyped.
"""

from __future__ import annotations

from ._failures import CountedLog, Window
from ._intake import Answer

# How many (cause, source) pairs are remembered at once: a scan from many addresses cannot grow it.
MAX_OPEN = 1024


class RefusalLog(CountedLog):
    def refused(self, answer: Answer, source: str | None, event_id: str | None = None) -> None:
        """One more delivery refused with `answer` from `source`; logged unless its pair was logged lately."""
        if not answer.cause:
            return
        key = (answer.cause, source or "an unknown source")
        now = self._clock()
        with self._lock:
            if not self._opens(key, now):
                return
        self._logger.warning(
            "a webhook delivery was refused with %d (%s) from %s; event id %s; further refusals of this cause "
            "from this source are counted, one line every %g s",
            answer.status,
            answer.cause,
            key[1],
            "unknown" if event_id is None else repr(event_id),
            self._interval,
        )

    def _opens(self, key: tuple[str, str], now: float) -> bool:
        """Whether a refusal of `key` starts a window, and is logged; else it is counted in its open one."""
        window = self._open.get(key)
        if window is not None and now - window.started < self._interval:
            window.count += 1
            return False
        if window is not None:
            self._sum_up(key, window, now)
            del self._open[key]
        elif len(self._open) >= MAX_OPEN:
            oldest = next(iter(self._open))
            self._sum_up(oldest, self._open.pop(oldest), now)
        self._open[key] = Window(now, 0)
        return True

    def _sum_up(self, key: tuple[str, str], window: Window, now: float) -> None:
        if window.count:
            self._logger.warning(
                "webhook deliveries were refused (%s) from %s %d more times in the last %.1f s",
                key[0],
                key[1],
                window.count,
                now - window.started,
            )
