"""Times relative to now in seed records (`"+7d 09:00 Europe/Brussels"`), so a dev loop's seed file stays current.

The syntax and what each form gives (an instant, or a date for `today` alone), read on the fake's
clock when a record is seeded: docs/testing.md, "Times relative to now". A time of day the clocks
skip or repeat is read with `nonexistent="forward"`, `ambiguous="earlier"` (`times.wall_clock`): a
seed should not fail on the night of a DST change.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from ..times import add_elapsed, add_on_wall_clock, in_zone, wall_clock
from ._clock import iso

_EXPRESSION = re.compile(
    r"(?P<base>now|today)?(?P<shift>(?:[+-]\d{1,5}[wdhm](?:[+-]?\d{1,5}[wdhm])*)?)"
    r"(?:\s+(?P<time>\d{1,2}:\d{2}))?(?:\s+(?P<zone>[A-Za-z][\w+-]*(?:/[\w+-]+)*))?"
)
_STEP = re.compile(r"([+-]?)(\d+)([wdhm])")
_CALENDAR_DAYS = {"w": 7, "d": 1}
_ELAPSED_MINUTES = {"h": 60, "m": 1}


def resolve_relative(records: Any, now: datetime.datetime) -> Any:
    """`records` with each string in the syntax replaced by the time it names from `now` (others as they are)."""
    if isinstance(records, Mapping):
        return {key: resolve_relative(value, now) for key, value in records.items()}
    if isinstance(records, list):
        return [resolve_relative(value, now) for value in records]
    if not isinstance(records, str):
        return records
    resolved = relative_time(records, now)
    return records if resolved is None else resolved


def relative_time(text: str, now: datetime.datetime) -> str | None:
    """The time `text` names from `now` as the API writes it, or None when `text` is not in the syntax.

    Raises:
        ValueError: It is in the syntax but names no time (an unknown zone, hours with a time of day).
    """
    match = _EXPRESSION.fullmatch(text.strip())
    if match is None or not (match["base"] or match["shift"]):
        return None
    days, minutes = _shifts(match["shift"])
    clock, zone = match["time"], match["zone"] or "UTC"
    if clock is not None and minutes:
        raise ValueError(f"{text!r}: a time of day takes a shift in days or weeks only (not hours or minutes)")
    local = in_zone(now, zone)
    if match["base"] == "today" and clock is None:
        return (local.date() + datetime.timedelta(days=days)).isoformat()
    return iso(_instant(local, days, minutes, clock).astimezone(datetime.UTC))


def _instant(local: datetime.datetime, days: int, minutes: int, clock: str | None) -> datetime.datetime:
    """`local` moved `days` on the calendar of its zone, then to `clock` that day or on by `minutes`."""
    if clock is not None:
        day = local.date() + datetime.timedelta(days=days)
        return wall_clock(day, clock, local.tzinfo or datetime.UTC, nonexistent="forward", ambiguous="earlier")
    moment = add_on_wall_clock(local, datetime.timedelta(days=days), nonexistent="forward", ambiguous="earlier")
    return add_elapsed(moment, datetime.timedelta(minutes=minutes))


def _shifts(shift: str) -> tuple[int, int]:
    """The calendar days and elapsed minutes of a SHIFT (`+1w-2d+3h`; `+1d2h` is `+1d+2h`)."""
    days = minutes = 0
    sign = 1
    for given, amount, unit in _STEP.findall(shift):
        sign = -1 if given == "-" else 1 if given == "+" else sign
        days += sign * int(amount) * _CALENDAR_DAYS.get(unit, 0)
        minutes += sign * int(amount) * _ELAPSED_MINUTES.get(unit, 0)
    return days, minutes
