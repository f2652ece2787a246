"""The fake's clock: it moves when a test says so, so nothing in a test has to sleep, and by a
millisecond when a write would otherwise carry the same time as the write before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# The API writes times to the millisecond: writes less apart than this would carry the same time.
_RESOLUTION = timedelta(milliseconds=1)


def iso(moment: datetime) -> str:
    """A time as the API writes it: ISO 8601, milliseconds, `Z`."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakeClock:
    """A settable clock for timestamps (`createdAt`, `updatedAt`, ...) and token expiry. Starts at creation time.

    Every write is stamped at least a millisecond after the one before (`write_time`; why:
    docs/testing.md, "You script it").
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime.now(UTC)).astimezone(UTC)
        self._last_write: datetime | None = None

    def now(self) -> datetime:
        return self._now

    def iso(self) -> str:
        """The current time as the API writes it (`iso`)."""
        return iso(self._now)

    def write_time(self) -> str:
        """The time of a write, as `iso()` says it: now, or a millisecond after the last write if now is not later."""
        last = self._last_write
        if last is not None and self._now - last < _RESOLUTION:
            self._now = last + _RESOLUTION
        self._last_write = self._now
        return self.iso()

    def advance(self, seconds: float = 0, **delta: float) -> datetime:
        """Move forward by `seconds` (and/or `timedelta` keyword arguments); returns the new time."""
        step = timedelta(seconds=seconds, **delta)
        if step < timedelta(0):
            raise ValueError("the fake clock only moves forward")
        self._now += step
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to `moment` (timezone-aware)."""
        if moment.tzinfo is None:
            raise ValueError("give the fake clock a timezone-aware datetime")
        self._now = moment.astimezone(UTC)

    def __repr__(self) -> str:
        return f"FakeClock({self.iso()})"
