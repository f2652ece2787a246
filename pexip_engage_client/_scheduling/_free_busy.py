"""`FreeBusy`: an employee's busy time, defined availability and free time in a window, and its arithmetic.

Intervals are half-open between aware datetimes, computed on instants (UTC), so a window across a DST change is as
any other. What holds time is decided here once (`RELEASING_STATUSES`, `FREE_SHOW_AS`, `saturated`), as
docs/free-busy.md ("What holds time") tells; this module reads nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal, cast

from .._base import timing
from .._base.arguments import ArgumentError
from .._local_times import Zone, time_zone, zone_name

# The statuses that give an appointment's time back; every other status holds it.
RELEASING_STATUSES = frozenset({"CANCELLED"})
# How an external event may show its time without holding it.
FREE_SHOW_AS = frozenset({"FREE"})
# An external event standing for an Engage appointment names it so (`resourceType`, `resourceId`).
APPOINTMENT_RESOURCE = "APPOINTMENT"

BusyKind = Literal["appointment", "external_event"]


def aware(value: datetime.datetime | str, name: str) -> datetime.datetime:
    """`value` as an aware datetime, or `ValueError` naming `name` (a naive time names no instant)."""
    return timing.aware(value, name, _refused, text=True)


def _refused(why: str, name: str, value: object) -> ArgumentError:
    if why == "text":
        return ArgumentError.of(name, f": {value!r} is not an ISO 8601 date and time")
    if why == "type":
        return ArgumentError.of(name, f": expected a datetime or ISO 8601 text, not {type(value).__name__}")
    moment = timing.parse_datetime(value, name) if isinstance(value, str) else cast("datetime.datetime", value)
    return ArgumentError.of(name, f": {moment.isoformat()} has no UTC offset; give an aware datetime")


@dataclass(frozen=True)
class Interval:
    """A half-open span of time, `[start, end)`, between aware datetimes."""

    start: datetime.datetime
    end: datetime.datetime

    @property
    def duration(self) -> datetime.timedelta:
        """How long the interval lasts, in elapsed time (an hour is an hour across a DST change)."""
        return self.end.astimezone(datetime.UTC) - self.start.astimezone(datetime.UTC)


@dataclass(frozen=True)
class BusyInterval(Interval):
    """Time the employee is busy: an appointment that holds time, or a busy external calendar event.

    `kind` says which, `id` is its id, `status` its `status` (an appointment) or `showAs` (an event).
    `unread` names (JSON Pointers) the fields that could not be read: such an interval reaches as far
    as it may (docs/free-busy.md), never shorter than the item's real time.
    """

    kind: BusyKind = "appointment"
    id: str = ""
    status: str | None = None
    unread: tuple[str, ...] = ()


@dataclass(frozen=True)
class AvailabilityInterval(Interval):
    """A block of defined availability: an office, subject and meeting type the employee takes then."""

    office_id: str = ""
    subject_id: str = ""
    meeting_type: str = ""
    max_concurrent_appointments: int | None = None


@dataclass(frozen=True)
class FreeInterval(Interval):
    """Free time within a block of defined availability, for that block's office, subject and meeting type."""

    office_id: str = ""
    subject_id: str = ""
    meeting_type: str = ""


@dataclass(frozen=True)
class FreeBusy:
    """An employee's busy time, defined availability and free time in `[start, end)`.

    A view computed from three lists: Engage's timetable (`engage.availability.get_timetable`), not
    this view, decides what can be booked. Every interval is clipped to the window and shown in
    `time_zone` (the employee's zone when known); `in_zone` shows it in another. `read_at`: when an
    `AvailabilityStore` read the oldest list it is computed from (None: read from Engage by the call).
    """

    employee_id: str
    start: datetime.datetime
    end: datetime.datetime
    busy: tuple[BusyInterval, ...] = ()
    availability: tuple[AvailabilityInterval, ...] = ()
    free: tuple[FreeInterval, ...] = ()
    time_zone: str | None = None
    employee_time_zone: str | None = None
    notes: tuple[str, ...] = field(default=())
    read_at: datetime.datetime | None = None

    def in_zone(self, zone: Zone | None = None) -> FreeBusy:
        """The same intervals shown in `zone` (an IANA name or a tzinfo); the employee's zone when None.

        Raises `ValueError` for a name that is no IANA zone, or for None when the employee's zone is not known;
        `TypeError` for neither a name nor a tzinfo.
        """
        if zone is None:
            if self.employee_time_zone is None:
                raise ArgumentError.of("zone", ": the employee's time zone is not known; name one")
            zone = self.employee_time_zone
        tz = time_zone(zone)

        def shown(interval: Any) -> Any:  # not `replace`, which checks every field: hundreds of intervals a branch
            return type(interval)(
                **interval.__dict__ | {"start": interval.start.astimezone(tz), "end": interval.end.astimezone(tz)}
            )

        return replace(
            self,
            start=self.start.astimezone(tz),
            end=self.end.astimezone(tz),
            busy=tuple(shown(i) for i in self.busy),
            availability=tuple(shown(i) for i in self.availability),
            free=tuple(shown(i) for i in self.free),
            time_zone=zone_name(tz),
        )

    def to_dict(self) -> dict[str, Any]:
        """The view as JSON-ready data: times as ISO 8601 text with their offset, names in snake_case."""
        return {
            "employee_id": self.employee_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "time_zone": self.time_zone,
            "employee_time_zone": self.employee_time_zone,
            "busy": [row(i) for i in self.busy],
            "availability": [row(i) for i in self.availability],
            "free": [row(i) for i in self.free],
            "notes": list(self.notes),
            "read_at": None if self.read_at is None else self.read_at.isoformat(),
        }

    def overlaps_busy(self, start: datetime.datetime | str, end: datetime.datetime | str) -> tuple[BusyInterval, ...]:
        """The busy intervals that overlap `[start, end)` (empty when that time is not busy)."""
        lo, hi = utc(aware(start, "start")), utc(aware(end, "end"))
        return tuple(busy for busy in self.busy if utc(busy.start) < hi and lo < utc(busy.end))


def row(interval: Interval) -> dict[str, Any]:
    """An interval's fields as JSON-ready data, start and end first, as ISO 8601 text with their offset."""
    values = {each.name: getattr(interval, each.name) for each in fields(interval)}
    return values | {"start": interval.start.isoformat(), "end": interval.end.isoformat()}


# --- The arithmetic: instants in UTC, half-open intervals ----------------------------------------

Span = tuple[datetime.datetime, datetime.datetime]


def utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def clip(span: Span, window: Span) -> Span | None:
    """`span` cut to `window`, or None when nothing of it is inside (an empty span included)."""
    start, end = max(span[0], window[0]), min(span[1], window[1])
    return (start, end) if start < end else None


def merge(spans: Iterable[Span]) -> list[Span]:
    """The union of `spans`, sorted, with overlapping and touching spans joined; empty spans dropped."""
    merged: list[Span] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def saturated(spans: Iterable[Span], capacity: int) -> list[Span]:
    """Where at least `capacity` (at least 1) of `spans` overlap, merged: a sweep, an end counted before a start."""
    capacity = max(1, capacity)
    edges = sorted([edge for s, e in spans if s < e for edge in ((s, 1), (e, -1))], key=lambda x: (x[0], x[1]))
    found: list[Span] = []
    count = 0
    since: datetime.datetime | None = None
    for at, step in edges:
        count += step
        if count >= capacity and since is None:
            since = at
        elif count < capacity and since is not None:
            found.append((since, at))
            since = None
    return merge(found)


def subtract(span: Span, taken: Sequence[Span]) -> list[Span]:
    """`span` less the merged, sorted spans `taken`: the pieces left, in order."""
    left: list[Span] = []
    cursor = span[0]
    for start, end in taken:
        if end <= cursor:
            continue
        if start >= span[1]:
            break
        if start > cursor:
            left.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < span[1]:
        left.append((cursor, span[1]))
    return left


def free_time(availability: Sequence[AvailabilityInterval], busy: Sequence[BusyInterval]) -> tuple[FreeInterval, ...]:
    """Each block of `availability` less busy time, honouring its `max_concurrent_appointments`."""
    blocking = merge((utc(b.start), utc(b.end)) for b in busy if b.kind == "external_event")
    appointments = [(utc(b.start), utc(b.end)) for b in busy if b.kind == "appointment"]
    free: list[FreeInterval] = []
    for block in availability:
        taken = merge([*blocking, *saturated(appointments, block.max_concurrent_appointments or 1)])
        for start, end in subtract((utc(block.start), utc(block.end)), taken):
            free.append(
                FreeInterval(
                    start, end, office_id=block.office_id, subject_id=block.subject_id, meeting_type=block.meeting_type
                )
            )
    return tuple(sorted(free, key=lambda f: (f.start, f.end, f.office_id, f.subject_id, f.meeting_type)))
