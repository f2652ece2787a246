"""How a branch's view (`TeamFreeBusy`) is read: who the advisers of an office are, and whose each block is.

Sync and without I/O: both clients' `team_free_busy` read the lists and hand them here. Each adviser's view is
built by the code that builds `free_busy`'s (`_availability.assembled`); this module only says who the advisers
are and which of the office's blocks are whose (docs/booking.md, "Any adviser at this branch")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .._base.answer_fields import Unread
from .._base.arguments import ArgumentError
from .._errors import FreeBusyError
from .._local_times import time_zone, zone_name
from ._free_busy import AvailabilityInterval, FreeBusy, Span
from ._free_busy_reads import (
    EMPLOYEES,
    BlockReading,
    Notes,
    appointment_employees,
    block_owner,
    defined_block,
    employee_offices,
    employee_zone,
    identity,
)
from ._team_view import TeamFreeBusy

# How many advisers' lists are read at once: Engage's calls in flight. The governor keeps the limits whatever this
# is; more would queue a search's requests ahead of another customer's call (tests/client/test_lanes.py).
READS_AT_ONCE = 4
# How many advisers one `getAppointments` walk filters on: 50 ids at Engage's longest (64 characters) keep its URL
# under 4 KB, well within the 8 KB most servers and proxies take; a bigger branch is walked in parts.
IDS_PER_WALK = 50


def checked_ids(given: Sequence[str] | None) -> list[str] | None:
    """`employee_ids=`: None (the office's advisers), or non-empty ids, each once, in the order given."""
    if given is None:
        return None
    ids = [given] if isinstance(given, str) else list(given)
    if not ids or not all(isinstance(i, str) and i for i in ids):
        raise ArgumentError.of("employee_ids", ": expected a non-empty list of employee ids, or None for the office's")
    return list(dict.fromkeys(ids))


def checked_text(value: Any, name: str) -> str | None:
    """An optional id or enum value as text (a `MeetingType` gives its value); `ValueError` naming `name`."""
    value = getattr(value, "value", value)
    if value is None or (isinstance(value, str) and value):
        return value
    raise ArgumentError.of(name, f": expected a non-empty string, or None for any, not {value!r:.100}")


@dataclass(frozen=True)
class Staff:
    """The employees as a branch's search needs them, worked out once for every office: each one's zone by id (as
    `employee_zone` reads it), each office's advisers, and what could not be read of the others, in the employees'
    order. Text and tuples only: a store keeps it for every branch, and the garbage collector stops looking at them."""

    zones: dict[str, tuple[str | None, Notes]]
    at_office: dict[str, tuple[str, ...]]  # an office: the ids of its advisers, in order
    unreadable: list[tuple[str | None, FreeBusyError | None, Notes]]  # an id, why not an adviser, fields unread

    @classmethod
    def of(cls, employees: Iterable[Any]) -> Staff:
        zones: dict[str, tuple[str | None, Notes]] = {}
        at_office: dict[str, set[str]] = {}
        unreadable: list[tuple[str | None, FreeBusyError | None, Notes]] = []
        for employee in employees:
            ident = identity(employee)
            if ident is None:  # an employee without a readable id cannot be read further, nor booked
                unreadable.append((None, None, ()))
                continue
            zones[ident] = employee_zone(employee, EMPLOYEES)
            try:
                offices, unread = employee_offices(employee, EMPLOYEES)
            except FreeBusyError as error:  # not known to work at the office: not offered (a note says so)
                unreadable.append((ident, error, ()))
                continue
            if unread:
                unreadable.append((ident, None, unread))
            for office in offices:
                at_office.setdefault(office, set()).add(ident)
        return cls(zones, {office: tuple(sorted(ids)) for office, ids in at_office.items()}, unreadable)

    def advisers(self, office_id: str, given: list[str] | None) -> tuple[list[str], list[str], Notes]:
        """The ids of the office's advisers (those given that an employee has, in their order, else those with a
        relation to the office, by id), the given ids no employee has, and notes on employees whose relations could
        not be read."""
        if given is not None:
            return [i for i in given if i in self.zones], [i for i in given if i not in self.zones], ()
        notes: list[str] = []
        for ident, error, unread in self.unreadable:
            if ident is None:
                notes.append(
                    f"an employee of {EMPLOYEES}' answer: /data/*/id could not be read; not counted as an adviser"
                )
            elif error is not None:
                notes.append(f"employee {ident}: {error}; not counted as an adviser of office {office_id}")
            notes.extend(f"employee {ident}: {note}" for note in unread)
        return list(self.at_office.get(office_id, ())), [], tuple(notes)


def blocks_by_adviser(
    blocks: Iterable[BlockReading], employee_ids: Sequence[str], office_id: str, window: Span
) -> tuple[dict[str, list[tuple[AvailabilityInterval | None, Notes]]], Notes]:
    """The office's blocks read for each adviser as `free_busy` reads them, and notes on blocks that are nobody's
    readable: a block whose employee cannot be read offers nobody free time."""
    read: dict[str, list[tuple[AvailabilityInterval | None, Notes]]] = {i: [] for i in employee_ids}
    notes: list[str] = []
    for block in blocks:
        owner = block_owner(block)
        if owner is None:
            _, unread = defined_block(block, "", office_id, window)
            notes.extend(unread)
        elif owner in read:
            read[owner].append(defined_block(block, owner, office_id, window))
    return read, tuple(notes)


def split_appointments(appointments: Iterable[Any], employee_ids: Sequence[str]) -> list[list[Any]]:
    """Each adviser's appointments of one walk of `getAppointments` for them all, in `employee_ids`' order: an
    appointment is each of its employees asked for; one whose employees cannot be read, or name none asked for
    (kept by the filter all the same), is every adviser's: time that may be busy is busy."""
    each: dict[str, list[Any]] = {ident: [] for ident in employee_ids}
    for appointment in appointments:
        employees = appointment_employees(appointment)
        named = set() if isinstance(employees, Unread) else each.keys() & employees
        for ident in named or each:
            each[ident].append(appointment)
    return list(each.values())


def team_zone(zone: Any, views: Sequence[FreeBusy]) -> str:
    """The zone a branch's candidates are shown in: `zone` when given, else the advisers' when all share one, else
    UTC."""
    if zone is not None:
        return zone_name(time_zone(zone))
    shown = {view.time_zone for view in views}
    return shown.pop() or "UTC" if len(shown) == 1 else "UTC"


def team_view(
    office_id: str,
    window: Span,
    views: Sequence[FreeBusy],
    *,
    asked: tuple[str | None, str | None],
    unknown: list[str],
    notes: Notes,
    zone: Any,
) -> TeamFreeBusy:
    """The branch's view of the advisers' `views`, with every view's notes kept, prefixed with its employee."""
    shown = team_zone(zone, views)
    tz = time_zone(shown)
    return TeamFreeBusy(
        office_id=office_id, start=window[0].astimezone(tz), end=window[1].astimezone(tz), views=tuple(views),
        subject_id=asked[0], meeting_type=asked[1], unknown=tuple(unknown), time_zone=shown,
        notes=(*notes, *(f"employee {view.employee_id}: {note}" for view in views for note in view.notes)),
    )  # fmt: skip
