"""The fake's clock: it moves when a test says so, so nothing in a test has to sleep, and by a
millisecond when a write would otherwise carry the same time as the write before it; or it follows the
wall clock (`real=True`, `fake serve --clock real`), moved on from there the same way."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

# The API writes times to the millisecond: writes less apart than this would carry the same time.
_RESOLUTION = timedelta(milliseconds=1)


def iso(moment: datetime) -> str:
    """A time as the API writes it: ISO 8601, milliseconds, `Z`."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FakeClock:
    """A settable clock for timestamps (`createdAt`, `updatedAt`, ...) and token expiry. Starts at creation time
    (or `start`) and stays there until moved; with `real=True` it follows the wall clock, `advance` and `set`
    moving it by an offset from there.

    Every write is stamped at least a millisecond after the one before (`write_time`; why:
    docs/testing.md, "You script it").
    """

    def __init__(self, start: datetime | None = None, *, real: bool = False) -> None:
        if not isinstance(real, bool):
            raise TypeError(f"real must be True or False, not {real!r:.100}")
        self.real: bool = real
        self._now = (start or datetime.now(UTC)).astimezone(UTC)
        # A real clock's distance from the wall clock: `start`, `advance` and `set` move it.
        self._offset = self._now - datetime.now(UTC)
        self._last_write: datetime | None = None

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset if self.real else self._now

    def iso(self) -> str:
        """The current time as the API writes it (`iso`)."""
        return iso(self.now())

    def write_time(self) -> str:
        """The time of a write, as `iso()` says it: now, or a millisecond after the last write if now is not later."""
        last, now = self._last_write, self.now()
        if last is not None and now - last < _RESOLUTION:
            self._move(last + _RESOLUTION - now)
            now = last + _RESOLUTION
        self._last_write = now
        return iso(now)

    def advance(self, seconds: float = 0, **delta: float) -> datetime:
        """Move forward by `seconds` (and/or `timedelta` keyword arguments); returns the new time."""
        step = timedelta(seconds=seconds, **delta)
        if step < timedelta(0):
            raise ValueError("the fake clock only moves forward")
        self._move(step)
        return self.now()

    def set(self, moment: datetime) -> None:
        """Jump to `moment` (timezone-aware); a real clock goes on from there."""
        if moment.tzinfo is None:
            raise ValueError("give the fake clock a timezone-aware datetime")
        self._move(moment.astimezone(UTC) - self.now())

    def _move(self, step: timedelta) -> None:
        if self.real:
            self._offset += step
        else:
            self._now += step

    def __repr__(self) -> str:
        return f"FakeClock({self.iso()}{', real' if self.real else ''})"


# An ISO 8601 duration of fixed length: weeks, days, hours, minutes, seconds (years and months have none).
_DURATION = re.compile(
    r"P(?!$)(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?"
)


def duration(text: str) -> timedelta:
    """An ISO 8601 duration (`PT1H`, `P1DT30M`, `PT0.5S`, `P2W`) as a `timedelta`; `ValueError` for another text,
    or for years and months, whose length depends on the date they start from."""
    match = _DURATION.fullmatch(text.strip().upper()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(
            f"{text!r:.60} is no ISO 8601 duration of weeks, days, hours, minutes and seconds (PT1H, P1DT30M, PT0.5S)"
        )
    parts = {name: float(value.replace(",", ".")) for name, value in match.groupdict().items() if value}
    return timedelta(**parts)
