"""Every UTC offset change of a zone in a span of years, found by asking zoneinfo itself.

No list written by hand: the zone's offset is read once a day, and a day where it changed is cut in
half until the second of the change is found. Each change gives the wall-clock readings it skips (a
gap, when the offset grows) or shows twice (a fold, when it shrinks).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = datetime.UTC


@dataclass(frozen=True)
class Transition:
    zone: str
    instant: datetime.datetime  # the first moment (UTC) of the new offset
    before: datetime.timedelta
    after: datetime.timedelta

    @property
    def is_gap(self) -> bool:
        return self.after > self.before

    @property
    def readings(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The naive wall-clock readings [from, to) the change skips or repeats."""
        at_before = (self.instant + self.before).replace(tzinfo=None)
        at_after = (self.instant + self.after).replace(tzinfo=None)
        return (at_before, at_after) if self.is_gap else (at_after, at_before)

    def __str__(self) -> str:
        kind = "gap" if self.is_gap else "fold"
        return f"{self.zone} {self.instant:%Y-%m-%dT%H:%MZ} {kind}"


def _offset(zone: ZoneInfo, seconds: int) -> datetime.timedelta:
    offset = datetime.datetime.fromtimestamp(seconds, UTC).astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def transitions(name: str, first_year: int, last_year: int) -> list[Transition]:
    zone = ZoneInfo(name)
    start = int(datetime.datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    stop = int(datetime.datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())
    day = 86_400
    found = []
    for midnight in range(start, stop, day):
        low, high = midnight, midnight + day
        before, after = _offset(zone, low), _offset(zone, high)
        if before == after:
            continue
        while high - low > 1:  # offset(low) is the old one, offset(high) the new one
            middle = (low + high) // 2
            low, high = (middle, high) if _offset(zone, middle) == before else (low, middle)
        found.append(Transition(name, datetime.datetime.fromtimestamp(high, UTC), before, after))
    return found
