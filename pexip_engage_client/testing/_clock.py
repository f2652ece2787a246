"""The fake's clock: it moves only when a test says so, so nothing in a test has to sleep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A settable clock for timestamps (`createdAt`, ...) and token expiry. Starts at creation time."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime.now(UTC)).astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def iso(self) -> str:
        """The current time as the API writes it: ISO 8601, milliseconds, `Z`."""
        return self._now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

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
