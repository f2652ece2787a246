"""Wall-clock times in a time zone, and the instants they name: the rules, in one place.

`times.py` is the public face and tells the rules (gaps, folds, the caller's choice). The generated models whose
schema marks such fields (`x-wall-clock`) call `span_edge` through the runtime, which imports this module on first
use; their signatures name `Zone`, `Nonexistent` and `Ambiguous` for type checkers only.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal, cast

from ._base.arguments import ArgumentError
from ._base.pickling import reduce_error
from ._base.timing import aware, parse_date
from ._runtime.unset import Unset

Nonexistent = Literal["raise", "forward"]
"""What a reading the clocks skip gives: `"raise"` (`NonexistentTimeError`) or `"forward"` (by the gap)."""
Ambiguous = Literal["raise", "earlier", "later"]
"""What a reading the clocks show twice gives: `"raise"` (`AmbiguousTimeError`), `"earlier"` or `"later"`."""
Zone = str | datetime.tzinfo
"""An IANA time zone name (`"Europe/Brussels"`) or a PEP 495 `tzinfo` such as `zoneinfo.ZoneInfo`."""

_NONEXISTENT: tuple[Nonexistent, ...] = ("raise", "forward")
_AMBIGUOUS: tuple[Ambiguous, ...] = ("raise", "earlier", "later")
_WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
# "HH:MM" as Engage writes it, seconds tolerated; ASCII digits only (`\d` would take any script's).
_TIME_TEXT = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_END_OF_DAY = "24:00"


class _WallClockError(ValueError):
    """A wall-clock time that does not name exactly one instant in its zone."""

    date: datetime.date
    time: datetime.time
    zone: str

    def __init__(self, message: str, *, date: datetime.date, time: datetime.time, zone: str) -> None:
        super().__init__(message)
        self.date = date
        self.time = time
        self.zone = zone

    __reduce__ = reduce_error


class NonexistentTimeError(_WallClockError):
    """The wall-clock time falls in a gap: the clocks skip it when they go forward (DST begins).

    `nonexistent="forward"` reads it as the instant the gap's length later, as RFC 5545 does.
    """


class AmbiguousTimeError(_WallClockError):
    """The wall-clock time falls in a fold: the clocks show it twice when they go back (DST ends)."""


def time_zone(zone: object, parameter: str = "zone") -> datetime.tzinfo:
    """A zone from its IANA name (`"Europe/Brussels"`) or as given when it is a `tzinfo` already."""
    if isinstance(zone, datetime.tzinfo):
        if hasattr(zone, "localize"):  # pytz: its zones ignore `fold` and give wrong offsets in datetime()
            raise ArgumentError.of(
                parameter,
                f": {zone} is a pytz zone, which does not follow PEP 495's `fold`; "
                "pass its name or a zoneinfo.ZoneInfo instead",
            )
        return zone
    if not isinstance(zone, str):
        raise TypeError(f"{parameter} must be an IANA time zone name or a tzinfo, not {type(zone).__name__}")
    # Imported when a zone is first named: zoneinfo costs milliseconds, and most programs never ask.
    import zoneinfo  # noqa: PLC0415

    try:
        return zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        missing = not zoneinfo.available_timezones()
        hint = " (Python finds no time zone database here: pip install tzdata)" if missing else ""
        raise ArgumentError.of(
            parameter, f": {zone!r:.100} is not an IANA time zone name such as 'Europe/Brussels'{hint}"
        ) from None


def zone_name(zone: datetime.tzinfo) -> str:
    """How a zone is named in messages: its IANA key, else what it prints as."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else str(zone)


def wall_date(value: object, parameter: str = "date") -> datetime.date:
    """A calendar date: a `date` (not a `datetime`, whose time would be dropped) or ISO "YYYY-MM-DD"."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{parameter} must be a date, not a datetime (pass its .date(), in the zone you mean)")
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{parameter} must be a date or 'YYYY-MM-DD' text, not {type(value).__name__}")
    try:
        if _DATE_TEXT.fullmatch(value):
            return parse_date(value, parameter)
    except ValueError:
        pass
    raise ArgumentError.of(parameter, f"must be a date as 'YYYY-MM-DD', not {value!r:.100}")


def wall_time(value: object, parameter: str = "time") -> tuple[datetime.time, int]:
    """A time of day from "HH:MM" (or "HH:MM:SS", or a naive `time`), and the days it adds. "24:00" is the end of the
    day: midnight, one day later (ISO 8601), as a range's end may say."""
    if isinstance(value, datetime.time):
        if value.tzinfo is not None:
            raise ArgumentError.of(parameter, f"must be a wall-clock time without a zone, not {value}")
        return value, 0
    if not isinstance(value, str):
        raise TypeError(f"{parameter} must be 'HH:MM' text or a time, not {type(value).__name__}")
    if value == _END_OF_DAY:
        return datetime.time(0, 0), 1
    match = _TIME_TEXT.fullmatch(value)
    try:
        if match:
            hour, minute, second = (int(part or 0) for part in match.groups())
            return datetime.time(hour, minute, second), 0
    except ValueError:
        pass
    raise ArgumentError.of(parameter, f"must be a time of day as 'HH:MM' (00:00 to 23:59), not {value!r:.100}")


def _rules(nonexistent: object, ambiguous: object) -> tuple[str, str]:
    """The two policies, each checked against its values."""
    return _policy(nonexistent, _NONEXISTENT, "nonexistent"), _policy(ambiguous, _AMBIGUOUS, "ambiguous")


def _policy(value: object, allowed: tuple[str, ...], parameter: str) -> str:
    if value not in allowed:
        raise ArgumentError.of(parameter, f"must be one of {', '.join(map(repr, allowed))}, not {value!r:.100}")
    return str(value)


def _offset(offset: datetime.timedelta | None) -> str:
    if offset is None:
        return "no offset"
    sign, size = ("-", -offset) if offset < datetime.timedelta(0) else ("+", offset)
    hours, rest = divmod(int(size.total_seconds()), 3600)
    return f"UTC{sign}{hours:02}:{rest // 60:02}"


def _exists(moment: datetime.datetime) -> bool:
    """Whether an aware wall-clock time comes back unchanged from UTC: false in a gap."""
    back = moment.astimezone(datetime.UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def _in(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    """`moment` as `zone`'s wall clock reads it, through UTC (`astimezone` to its own tzinfo changes nothing)."""
    return moment.astimezone(datetime.UTC).astimezone(zone)


def resolve(
    naive: datetime.datetime,
    zone: datetime.tzinfo,
    nonexistent: str,
    ambiguous: str,
    label: str,
) -> datetime.datetime:
    """The instant `naive` names in `zone`, by the policies; `label` leads the errors' messages."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    # Earlier and later by the instant, not by `fold`, so that any PEP 495 tzinfo reads the same.
    earlier, later = sorted((first, second), key=lambda moment: moment.astimezone(datetime.UTC))
    exists = [moment for moment in (earlier, later) if _exists(moment)]
    if len(exists) == 1:
        return _in(exists[0], zone)
    name = zone_name(zone)
    shown = f"{label}{naive:%Y-%m-%d %H:%M}" + (f":{naive:%S}" if naive.second else "")
    # PEP 495: fold=0 reads with the offset before the transition, fold=1 with the one after.
    change = f"({_offset(first.utcoffset())} to {_offset(second.utcoffset())})"
    if not exists:  # a gap: the clocks jump over this time
        forward = _in(later, zone)
        if nonexistent == "forward":
            return forward
        raise NonexistentTimeError(
            f"{shown} does not exist in {name}: the clocks go forward there {change}; "
            f"nonexistent='forward' reads it as {forward:%H:%M} {_offset(forward.utcoffset())}",
            date=naive.date(),
            time=naive.time(),
            zone=name,
        )
    chosen = {"earlier": earlier, "later": later}.get(ambiguous)
    if chosen is not None:
        return _in(chosen, zone)
    raise AmbiguousTimeError(
        f"{shown} happens twice in {name}: the clocks go back there {change}; "
        "pass ambiguous='earlier' for the first or ambiguous='later' for the second",
        date=naive.date(),
        time=naive.time(),
        zone=name,
    )


def wall_clock(
    date: datetime.date | str,
    time: str | datetime.time,
    zone: Zone,
    *,
    nonexistent: Nonexistent = "raise",
    ambiguous: Ambiguous = "raise",
) -> datetime.datetime:
    """The instant a wall clock in `zone` shows as `date` and `time`, as an aware datetime in `zone`.

    Args:
        date: the calendar date: a `datetime.date` or ISO text, `"2026-03-29"`.
        time: the time of day as Engage writes it, `"HH:MM"` (`"HH:MM:SS"` and a naive
            `datetime.time` too); `"24:00"` is the end of the day, midnight of the next one.
        zone: an IANA time zone name (`"Europe/Brussels"`) or a `tzinfo` such as `zoneinfo.ZoneInfo`.
        nonexistent: what a time in a gap gives: `"raise"` or `"forward"` (the module's table).
        ambiguous: what a time in a fold gives: `"raise"`, `"earlier"` or `"later"` (the module's table).

    Raises:
        NonexistentTimeError: the time is skipped in `zone` on that date, and `nonexistent="raise"`.
        AmbiguousTimeError: the time happens twice in `zone` on that date, and `ambiguous="raise"`.
        ValueError: a parameter cannot be read (the message names it).
        TypeError: a parameter is of the wrong kind, such as a `datetime` for `date`.
    """
    day = wall_date(date, "date")
    clock, days = wall_time(time, "time")
    tz = time_zone(zone, "zone")
    naive = datetime.datetime.combine(day + datetime.timedelta(days=days), clock)
    return resolve(naive, tz, *_rules(nonexistent, ambiguous), "")


def in_zone(instant: datetime.datetime, zone: Zone) -> datetime.datetime:
    """The same instant as the wall clock in `zone` shows it: an aware datetime in `zone`, its `fold` 1 on the second
    pass of a fold (docs/calling-operations.md#local-times-and-time-zones).

    Raises:
        ValueError: `instant` is naive (it names no instant), or `zone` is not a time zone name.
        TypeError: `instant` is not a datetime.
    """
    return aware(instant, "instant", _refused).astimezone(time_zone(zone, "zone"))


def add_elapsed(start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """The instant `duration` of real time after `start`, as the wall clock in `start`'s zone shows it: a stopwatch
    (docs/calling-operations.md#local-times-and-time-zones).

    Raises:
        ValueError: `start` is naive (it names no instant).
        TypeError: `start` is not a datetime, or `duration` not a timedelta.
    """
    zone = _zone_of_start(start, duration)
    return (start.astimezone(datetime.UTC) + duration).astimezone(zone)


def add_on_wall_clock(
    start: datetime.datetime,
    duration: datetime.timedelta,
    *,
    nonexistent: Nonexistent = "raise",
    ambiguous: Ambiguous = "raise",
) -> datetime.datetime:
    """The wall-clock reading `duration` after `start`'s, in `start`'s zone, as the instant it names there.

    A calendar's "the same time tomorrow", as Python's `start + duration`; a reading in a gap or a
    fold is read by `nonexistent` and `ambiguous`, as `wall_clock` reads it.

    Raises:
        NonexistentTimeError: the reading is skipped there (the clocks go forward), and `nonexistent="raise"`.
        AmbiguousTimeError: the reading happens twice there (the clocks go back), and `ambiguous="raise"`.
        ValueError: `start` is naive, or a policy is not one of its values.
        TypeError: `start` is not a datetime, or `duration` not a timedelta.
    """
    zone = _zone_of_start(start, duration)
    rules = _rules(nonexistent, ambiguous)
    return resolve(start.replace(tzinfo=None, fold=0) + duration, zone, *rules, "")


def _refused(why: str, parameter: str, moment: object) -> Exception:
    """Why `moment` is not an aware datetime (`aware`), in this module's words."""
    if why == "type":
        return TypeError(f"{parameter} must be an aware datetime, not {type(moment).__name__}")
    return ArgumentError.of(
        parameter,
        f"must be an aware datetime, not a naive one ({cast('datetime.datetime', moment).isoformat()}): "
        "a naive datetime names no instant; give it a tzinfo (datetime.UTC, or wall_clock() for local times)",
    )


def _zone_of_start(start: object, duration: object) -> datetime.tzinfo:
    """The zone of `start`, an aware datetime, to which `duration`, a timedelta, is added."""
    zone = time_zone(aware(start, "start", _refused).tzinfo, "start")
    if not isinstance(duration, datetime.timedelta):
        raise TypeError(f"duration must be a datetime.timedelta, not {type(duration).__name__}")
    return zone


def span_edge(
    date: object,
    start: object,
    end: object,
    zone: object,
    *,
    edge: Literal["start", "end"],
    nonexistent: object,
    ambiguous: object,
    fields: tuple[str, str, str],
    weekday: object = None,
    weekday_field: str = "dayOfWeek",
) -> datetime.datetime:
    """A model's start or end (`edge`): wall-clock text for `date` in `zone`, as an aware datetime there
    (docs/calling-operations.md#local-times-and-time-zones). `fields` are the JSON names of the date (or the parameter
    giving it), start and end, for the messages; `weekday` (None/UNSET: every day) must be `date`'s."""
    day = wall_date(date, fields[0])
    if weekday is not None and not isinstance(weekday, Unset) and str(weekday) != _WEEKDAYS[day.weekday()]:
        if str(weekday) not in _WEEKDAYS:
            raise ArgumentError.of(weekday_field, f"must be one of {', '.join(_WEEKDAYS)}, not {str(weekday)!r:.100}")
        raise ArgumentError.of(
            fields[0], f": {day} is a {_WEEKDAYS[day.weekday()]}, and this repeats on {weekday}s only"
        )
    start_clock, start_days = wall_time(start, fields[1])
    end_clock, end_days = wall_time(end, fields[2])
    tz = time_zone(zone, "zone")
    rules = _rules(nonexistent, ambiguous)
    starts = datetime.datetime.combine(day + datetime.timedelta(days=start_days), start_clock)
    if edge == "start":
        return resolve(starts, tz, *rules, f"{fields[1]}: ")
    ends = datetime.datetime.combine(day + datetime.timedelta(days=end_days), end_clock)
    if ends < starts:  # across midnight: the end is the next day's
        ends += datetime.timedelta(days=1)
    return resolve(ends, tz, *rules, f"{fields[2]}: ")
