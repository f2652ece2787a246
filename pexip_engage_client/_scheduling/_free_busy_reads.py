"""How `free_busy` reads each item of its answers, and what it does with a field it cannot read.

One rule: time that may be busy is busy, and time not known to be free is not free (each field's fallback:
docs/free-busy.md, "When an answer differs from the spec"). Sync and without I/O: both clients call it."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import Any, cast

from .._base.answer_fields import Unread
from .._errors import FreeBusyError
from .._local_times import time_zone
from .._runtime.lenient import model_field
from ._free_busy import (
    APPOINTMENT_RESOURCE,
    FREE_SHOW_AS,
    RELEASING_STATUSES,
    AvailabilityInterval,
    BusyInterval,
    BusyKind,
    Span,
    clip,
)

APPOINTMENTS = "getAppointments"
EVENTS = "getExternalCalendarEvents"
DEFINED = "getDefinedAvailability"
EMPLOYEE = "getEmployeeById"
EMPLOYEES = "getEmployees"

Notes = tuple[str, ...]
Read = Callable[[], Any]


# --- one field ------------------------------------------------------------------------------------


def _field(read: Read, pointer: str, operation: str) -> Any:
    """The value, or an `Unread`; a null is an `Unread` too (none of these fields has a meaning for null)."""
    value = model_field(read, pointer=pointer, operation=operation)
    return Unread(pointer, "null", operation) if value is None else value


def _instant(read: Read, pointer: str, operation: str) -> datetime.datetime | Unread:
    """An aware date and time, in UTC, or an `Unread` (a time without an offset names no instant)."""
    value = _field(read, pointer, operation)
    if isinstance(value, Unread):
        return value
    if not isinstance(value, datetime.datetime) or value.utcoffset() is None:
        return Unread(pointer, "type", operation)
    return value.astimezone(datetime.UTC)


def _text(read: Read, pointer: str, operation: str) -> str | Unread:
    """A string, or an enum member's value (a value the spec does not list yet comes as text)."""
    value = _field(read, pointer, operation)
    if isinstance(value, Unread):
        return value
    value = getattr(value, "value", value)
    return value if isinstance(value, str) else Unread(pointer, "type", operation)


def _optional(read: Read, pointer: str, operation: str) -> Any:
    """A field the spec lets be absent (or null, where it says so): None then, else the value or an `Unread`."""
    value = model_field(read, pointer=pointer, operation=operation)
    return None if isinstance(value, Unread) and value.kind == "missing" else value


def _optional_text(read: Read, pointer: str, operation: str) -> str | Unread | None:
    value = _optional(read, pointer, operation)
    return None if value is None else _text(lambda: value, pointer, operation)


def _id(read: Read, pointer: str, operation: str) -> str | Unread:
    value = _text(read, pointer, operation)
    return value if isinstance(value, Unread) or value else Unread(pointer, "type", operation)


def _minutes(read: Read, pointer: str, operation: str) -> datetime.timedelta | Unread:
    """A whole number of minutes, 0 or more (a negative one is read as unreadable: it has no meaning)."""
    value = _field(read, pointer, operation)
    if isinstance(value, Unread):
        return value
    if value < 0:  # an integer, as the reader checked
        return Unread(pointer, "type", operation)
    return datetime.timedelta(minutes=value)


def _unread(*values: object) -> tuple[Unread, ...]:
    return tuple(value for value in values if isinstance(value, Unread))


# --- busy time ------------------------------------------------------------------------------------

# What an item that may hold time says, read once for any window: (kind, id, status or showAs, (start, end), other
# fields left unread, the appointment an external event is the calendar's copy of). Immutable values only: a store
# keeps many of them, and the garbage collector stops tracking such tuples.
BusyReading = tuple[BusyKind, object, object, tuple[object, object], tuple[object, ...], str | None]
# What `appointment_reading` reads, and `event_reading`.
APPOINTMENT_FIELDS = ("id", "status", "start", "end", "trailing_buffer_time", "appointment_participants")
EVENT_FIELDS = ("id", "start", "end", "show_as", "resource_type", "resource_id")


def busy_in(reading: BusyReading, window: Span, counted: Collection[str] = ()) -> tuple[BusyInterval | None, Notes]:
    """The busy interval an item holds in `window`, an unreadable bound stretched to the window's edge, and notes; none
    for an external event that is the calendar's copy of an appointment in `counted`."""
    kind, ident, status, (start, end), also_unread, copy_of = reading
    lo = start if isinstance(start, datetime.datetime) else window[0]
    hi = end if isinstance(end, datetime.datetime) else window[1]
    span = None if copy_of in counted else clip((lo, hi), window)
    if span is None:
        return None, ()
    unread = tuple(dict.fromkeys(_unread(ident, status, start, end, *also_unread)))
    interval = BusyInterval(
        *span,
        kind=kind,
        id=ident if isinstance(ident, str) else "",
        status=status if isinstance(status, str) else None,
        unread=tuple(u.pointer for u in unread),
    )
    return interval, _busy_note(interval, unread, (lo is start, hi is end))


def _busy_note(interval: BusyInterval, unread: tuple[Unread, ...], known: tuple[bool, bool]) -> Notes:
    """`appointment a-1: /data/*/start was null in getAppointments' answer; counted busy from ...`."""
    if not unread:
        return ()
    what = "; ".join(u.describe() for u in unread)
    label = f"{interval.kind.replace('_', ' ')} {interval.id or '(id unreadable)'}"
    return (f"{label}: {what}; {_HELD[known]} (docs/free-busy.md)",)


# What an item's time was counted as, by (start known, end known).
_HELD = {
    (True, True): "its time is counted busy",
    (False, True): "counted busy from the window's start to its end",
    (True, False): "counted busy from its start to the window's end",
    (False, False): "counted busy for the whole window",
}


def appointment_reading(appointment: Any) -> BusyReading | None:
    """An appointment as it holds time (`[start, end + trailingBufferTime)`); None when its status releases it."""
    status = _text(lambda: appointment.status, "/data/*/status", APPOINTMENTS)
    if status in RELEASING_STATUSES:
        return None
    start = _instant(lambda: appointment.start, "/data/*/start", APPOINTMENTS)
    end = _instant(lambda: appointment.end, "/data/*/end", APPOINTMENTS)
    buffer = _minutes(lambda: appointment.trailing_buffer_time, "/data/*/trailingBufferTime", APPOINTMENTS)
    ident = _id(lambda: appointment.id, "/data/*/id", APPOINTMENTS)
    employees = appointment_employees(appointment)  # unreadable: held for every adviser of a branch's walk
    return "appointment", ident, status, (start, _plus(end, buffer)), (buffer, *_unread(employees)), None


def appointment_employees(appointment: Any) -> set[str] | Unread:
    """The ids of the appointment's participants of type EMPLOYEE, or an `Unread` when any participant's type, or an
    employee's id, cannot be read (whose time it holds is not known)."""
    return model_field(
        lambda: {each.participant.id for each in appointment.appointment_participants if each.type_ == "EMPLOYEE"},
        pointer="/data/*/appointmentParticipants",
        operation=APPOINTMENTS,
    )


def _plus(end: datetime.datetime | Unread, buffer: datetime.timedelta | Unread) -> datetime.datetime | Unread:
    """Where an appointment stops holding time: its end plus its buffer, unknown when either is."""
    if isinstance(end, Unread):
        return end
    return buffer if isinstance(buffer, Unread) else end + buffer


def event_reading(event: Any) -> BusyReading | None:
    """An external calendar event as it holds time; None when shown as `FREE`."""
    show_as = _optional_text(lambda: event.show_as, "/data/*/showAs", EVENTS)
    if show_as in FREE_SHOW_AS:
        return None
    start = _instant(lambda: event.start, "/data/*/start", EVENTS)
    end = _instant(lambda: event.end, "/data/*/end", EVENTS)
    ident = _id(lambda: event.id, "/data/*/id", EVENTS)
    resource_type = _optional_text(lambda: event.resource_type, "/data/*/resourceType", EVENTS)
    resource_id = _optional_text(lambda: event.resource_id, "/data/*/resourceId", EVENTS)
    copy_of = resource_id if resource_type == APPOINTMENT_RESOURCE and isinstance(resource_id, str) else None
    return "external_event", ident, show_as, (start, end), (), copy_of


# --- defined availability -------------------------------------------------------------------------

# A block of `getDefinedAvailability`'s answer, read once for any window and adviser: (start, end, its employee,
# (office, subject, meeting type, maxConcurrentAppointments)).
BlockReading = tuple[object, object, object, tuple[object, object, object, object]]
BLOCK_FIELDS = ("start", "end", "employee", "office", "subject", "meeting_type", "max_concurrent_appointments")


def block_reading(block: Any) -> BlockReading:
    """What a block of defined availability says (`defined_block` places it in a window)."""
    fields = (
        _id(lambda: block.office.id, "/data/*/office/id", DEFINED),
        _id(lambda: block.subject.id, "/data/*/subject/id", DEFINED),
        _text(lambda: block.meeting_type, "/data/*/meetingType", DEFINED),
        # `maxConcurrentAppointments`: absent or null says nothing (1 at a time), another type is unreadable.
        _optional(lambda: block.max_concurrent_appointments, "/data/*/maxConcurrentAppointments", DEFINED),
    )
    return (
        _instant(lambda: block.start, "/data/*/start", DEFINED),
        _instant(lambda: block.end, "/data/*/end", DEFINED),
        _id(lambda: block.employee.id, "/data/*/employee/id", DEFINED),
        fields,
    )


def defined_block(
    block: BlockReading, employee_id: str, office: str, window: Span
) -> tuple[AvailabilityInterval | None, Notes]:
    """A block as free time may come from it; None (and a note) when it cannot."""
    start, end, whose, fields = block
    if isinstance(whose, str) and whose != employee_id:
        return None, ()  # another employee's (an API that ignored the filter)
    span = _placed(start, end, window)
    if span is None:
        return None, ()
    unread = _unread(start, end, whose, *fields)
    if unread:
        return None, (_block_note(office, unread),)
    office_id, subject_id, meeting_type, most = cast("tuple[str, str, str, int | None]", fields)  # none unread
    interval = AvailabilityInterval(
        *span, office_id=office_id, subject_id=subject_id, meeting_type=meeting_type, max_concurrent_appointments=most
    )
    return interval, ()


def _placed(start: object, end: object, window: Span) -> Span | None:
    """A block's span in the window (None: outside it); the whole window while a bound is unreadable."""
    if not isinstance(start, datetime.datetime) or not isinstance(end, datetime.datetime):
        return window
    return clip((start, end), window)


def _block_note(office: str, unread: tuple[Unread, ...]) -> str:
    what = "; ".join(u.describe() for u in unread)
    return f"a block of defined availability at office {office}: {what}; it offers no free time (docs/free-busy.md)"


def block_owner(block: BlockReading) -> str | None:
    """The employee a block is for (None when unreadable)."""
    return block[2] if isinstance(block[2], str) else None


# --- the employee ---------------------------------------------------------------------------------


def _employee_pointer(operation: str) -> str:
    """Where an employee's fields are in an answer: the whole `data` of one, an item of a list's."""
    return "/data" if operation == EMPLOYEE else "/data/*"


def employee_zone(employee: Any, operation: str = EMPLOYEE) -> tuple[str | None, Notes]:
    """The employee's `timeZone` as sent (None when unreadable), and a note when it cannot show the view."""
    zone = _optional_text(lambda: employee.time_zone, f"{_employee_pointer(operation)}/timeZone", operation)
    if isinstance(zone, Unread):
        return None, (f"the employee's time zone: {zone.describe()}; shown in UTC (docs/free-busy.md)",)
    if zone and not known_zone(zone):
        return zone, (f"the employee's time zone {zone!r} is not an IANA time zone; shown in UTC",)
    return zone or None, ()


def known_zone(zone: str) -> bool:
    """Whether `zone` names an IANA time zone this machine knows."""
    try:
        time_zone(zone)
    except ValueError:
        return False
    return True


def employee_offices(employee: Any, operation: str = EMPLOYEE) -> tuple[list[str], Notes]:
    """The offices of the employee's `officeRelations`, each once; `FreeBusyError` when it cannot be read."""
    ids = [_office_of(relation, operation) for relation in _relations(employee, operation)]
    notes = tuple(
        f"an office relation: {each.describe()}; its office's availability is not read (docs/free-busy.md)"
        for each in ids
        if isinstance(each, Unread)
    )
    return list(dict.fromkeys(i for i in ids if isinstance(i, str))), notes


def _relations(employee: Any, operation: str) -> list[Any]:
    """`officeRelations`: empty when absent from one employee, `FreeBusyError` when null or not a list (or absent from
    an item of a list of employees, which cannot then be told to be an office's)."""
    pointer = f"{_employee_pointer(operation)}/officeRelations"
    relations = model_field(lambda: employee.office_relations, pointer=pointer, operation=operation)
    if isinstance(relations, list):
        return relations
    unread = relations if isinstance(relations, Unread) else Unread(pointer, "null", operation)
    if unread.kind == "missing" and operation == EMPLOYEE:
        return []  # one employee's view: no office (a note says so); in a branch's walk, not known to be one's
    raise FreeBusyError(
        operation=operation,
        pointer=unread.pointer,
        kind=unread.kind,
        needed="to know which offices' defined availability to read (pass office_id= to name them)",
    )


def _office_of(relation: Any, operation: str) -> str | Unread:
    return _id(lambda: relation.office.id, f"{_employee_pointer(operation)}/officeRelations/*/office/id", operation)


def identity(employee: Any) -> str | None:
    """An employee's id from a list of them (None when unreadable: such an employee cannot be read further)."""
    ident = _id(lambda: employee.id, "/data/*/id", EMPLOYEES)
    return ident if isinstance(ident, str) else None
