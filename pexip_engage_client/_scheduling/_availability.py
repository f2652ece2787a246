"""`engage.availability`: the generated `availability` operations, `free_busy` from three lists, a branch's
`team_free_busy`, and `book_first`."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .._base.arguments import ArgumentError
from .._base.waiting import at_once
from .._errors import EnsureRefusedError, ExternalIdConflictError, RefusedCandidate
from .._generated.api.appointments import AppointmentsResource
from .._generated.api.availability import AvailabilityResource
from .._generated.api.employees import EmployeesResource
from .._generated.models import Appointment, DefinedAvailability, Employee, ExternalCalendarEvent
from .._local_times import Zone, time_zone
from .._pipeline._page_size import largest_for
from .._runtime import EnsureOutcome, read_lenient
from . import _team
from ._booking import LOOKED_UP, Booked, bodies, booked_before, earlier_run, nothing_booked, same_attempt, taken
from ._candidates import Candidate
from ._free_busy import AvailabilityInterval, BusyInterval, FreeBusy, Span, aware, free_time
from ._free_busy_reads import (
    APPOINTMENT_FIELDS,
    APPOINTMENTS,
    BLOCK_FIELDS,
    DEFINED,
    EMPLOYEES,
    EVENT_FIELDS,
    EVENTS,
    Notes,
    appointment_reading,
    block_reading,
    busy_in,
    defined_block,
    employee_offices,
    event_reading,
    known_zone,
)
from ._free_busy_reads import employee_zone as employee_zone_of
from ._team import READS_AT_ONCE, Staff, blocks_by_adviser, checked_ids, checked_text, split_appointments, team_view
from ._team_view import TeamFreeBusy

if TYPE_CHECKING:
    from typing import Unpack

    from .._generated.models import AppointmentCreate
    from .._runtime import RequestOptions

_T = TypeVar("_T")
# `from`/`to` select what overlaps the window (the reading decided in docs/testing.md, "Lists by time",
# as the pages name the bounds, not the comparison); the reads still ask a day more on each side, then
# clip, so that a tenant keeping only what lies inside the window shows no busy time across an edge free.
MARGIN = datetime.timedelta(days=1)
# A list as JSON objects (each item's `to_dict()`), read for a span of time.
Documents = list[dict[str, Any]]
# How lists are read from Engage: the items of each list named, for a span of time, in the order of the names.
Reader = Callable[[Span, list[str]], Awaitable[list[_T]]]


class ListStore(Protocol):
    """What `team_free_busy(store=...)` asks of a store of Engage's lists (`pexip_engage_client.availability`)."""

    async def held(
        self, names: Sequence[str], window: Span, read: Reader[Documents], decode: Callable[[Documents], _T]
    ) -> list[tuple[_T, datetime.datetime]]:
        """The items of each list of `names` kept for a window holding `window`, as `decode` gives them (the same for
        a name), and when they were read; else those `read` gives for such a window (every such list at once), kept."""

    async def changed(self, employee_id: str) -> None:
        """What is held of the adviser's appointments and events to be read again (a booking refused as taken)."""


class Availability(AvailabilityResource):
    """The `availability` operations of the API, `free_busy`, and `book_first`."""

    async def free_busy(
        self,
        employee_id: str,
        *,
        start: datetime.datetime | str,
        end: datetime.datetime | str,
        office_id: str | Sequence[str] | None = None,
        zone: Zone | None = None,
        **options: Unpack[RequestOptions],
    ) -> FreeBusy:
        """An employee's busy time, defined availability and free time in `[start, end)` (docs/free-busy.md).

        Engage's timetable (`get_timetable`), not this view, decides what can be booked.

        Args:
            employee_id: The employee.
            start: The window's start: an aware datetime or ISO 8601 text with an offset.
            end: The window's end (exclusive), after `start`.
            office_id: The office(s) whose defined availability to read; by default every office of
                the employee's `officeRelations`; an empty list reads none (busy time only).
            zone: The zone the result is shown in (an IANA name or a tzinfo); by default the
                employee's `timeZone`, else UTC. `FreeBusy.in_zone` shows it in another.
            **options: Per-call `RequestOptions`, for every read.

        Returns:
            FreeBusy: the busy, availability and free intervals, each an aware datetime pair.

        Raises:
            ValueError: A naive or unreadable time, an empty window, or an unknown zone.
            pexip_engage_client.errors.APIError: A read failed (`NotFoundError`: no such employee).
            pexip_engage_client.errors.FreeBusyError: The employee's `officeRelations` could not be
                read and no `office_id` was given; other unreadable fields count as busy (`notes`).
        """
        window = _window(start, end)
        if zone is not None:
            time_zone(zone)  # checked before anything is read

        employees = EmployeesResource(self._invoke)
        employee = await employees.get_employee_by_id(employee_id, **options)
        employee_zone, notes = employee_zone_of(employee)
        offices, office_notes = _offices(office_id, employee)

        ((held, _),) = await self._appointments([employee_id], window, options)
        ((shown, _),) = await self._events([employee_id], window, options)
        busy, busy_notes = _busy(held, shown, window)
        blocks = [read for office in offices for read in await self._defined(employee_id, office, window, options)]
        notes = (*notes, *office_notes, *busy_notes)
        return assembled(employee_id, window, (employee_zone, zone), notes=notes, busy=busy, blocks=blocks)

    async def team_free_busy(
        self,
        office_id: str,
        *,
        start: datetime.datetime | str,
        end: datetime.datetime | str,
        subject_id: str | None = None,
        meeting_type: Any = None,
        employee_ids: Sequence[str] | None = None,
        zone: Zone | None = None,
        store: ListStore | None = None,
        **options: Unpack[RequestOptions],
    ) -> TeamFreeBusy:
        """The free/busy of each adviser of an office in `[start, end)`: a branch's view (docs/booking.md).

        Each adviser's view is what `free_busy(employee, office_id=office_id)` computes. It costs one
        `getDefinedAvailability` for the office (every adviser's blocks), the walk of `getEmployees` (one
        page of the largest size for up to 1,000 employees), the walk of `getAppointments` for every
        adviser at once (one page for up to 1,000 appointments), and each adviser's external calendar events
        (one page for up to 1,000 of them), read a few advisers at once.

        Args:
            office_id: The office (branch).
            start: The window's start: an aware datetime or ISO 8601 text with an offset.
            end: The window's end (exclusive), after `start`.
            subject_id: The subject `Candidates.from_team` asks for by default (None: any).
            meeting_type: The meeting type it asks for by default, text or a `MeetingType` (None: any).
            employee_ids: The advisers, in the order booking tries them; by default every employee with an
                `officeRelations` entry for the office, by id.
            zone: The zone the branch's candidates are shown in; by default the advisers' when they share
                one, else UTC. Each view is shown as `free_busy` shows it (in `zone` when given).
            store: A store of the lists (`AvailabilityStore`): they are taken from it, read from Engage only
                when it holds none for the window (docs/booking.md, "Booking at bank scale"); each view's
                `read_at` says when they were read.
            **options: Per-call `RequestOptions`, for every read.

        Returns:
            TeamFreeBusy: `.views` (one `FreeBusy` per adviser), `.unknown` (given ids no employee has), `.notes`.

        Raises:
            ValueError: A naive or unreadable time, an empty window, an empty id, or an unknown zone.
            pexip_engage_client.errors.APIError: A read failed.
        """
        window = _window(start, end)
        office = checked_text(office_id, "office_id")
        if office is None:
            raise ArgumentError.of("office_id", ": expected an office id")
        asked = (checked_text(subject_id, "subject_id"), checked_text(meeting_type, "meeting_type"))
        given = checked_ids(employee_ids)
        if zone is not None:
            time_zone(zone)  # checked before anything is read

        employees = EmployeesResource(self._invoke)

        async def defined(span: Span, _: list[str]) -> list[list[Any]]:
            return [await self.get_defined_availability(from_=span[0], to=span[1], office_id=office, **options)]

        async def everyone(_: Span, __: list[str]) -> list[list[Any]]:  # a store keeps every employee: all advisers
            asked_for = given if store is None else None
            listed = employees.get_employees(id=asked_for, limit=largest_for("/employees"), **options)
            return [[employee async for employee in listed]]

        if store is None:
            staff, employees_read = Staff.of((await everyone(window, []))[0]), None
        else:  # every branch's search takes its advisers from the employees as decoded once
            ((staff, employees_read),) = await store.held(["employees"], window, _documents(everyone), _staff)
        ids, unknown, notes = staff.advisers(office, given)
        reads: list[Callable[[], Awaitable[Any]]] = [  # the office's blocks beside the advisers' lists: one wait
            partial(_listed, store, [f"defined:{office}"], window, _BLOCKS, defined),
            partial(self._appointments, ids, window, options, store),
            partial(self._events, ids, window, options, store),
        ]
        ((blocks, blocks_read),), held, shown = await at_once(reads)
        by_adviser, block_notes = blocks_by_adviser(blocks, ids, office, window)
        views = []
        for employee_id, (own, own_read), (events, events_read) in zip(ids, held, shown, strict=True):
            busy, busy_notes = _busy(own, events, window)
            employee_zone, zone_notes = staff.zones[employee_id]
            zones = (employee_zone, zone)
            view = assembled(
                employee_id, window, zones, notes=(*zone_notes, *busy_notes), busy=busy, blocks=by_adviser[employee_id]
            )
            oldest = [at for at in (blocks_read, employees_read, own_read, events_read) if at is not None]
            views.append(replace(view, read_at=min(oldest)) if oldest else view)
        return team_view(office, window, views, asked=asked, unknown=unknown, notes=(*notes, *block_notes), zone=zone)

    async def _appointments(
        self, employee_ids: Sequence[str], window: Span, options: Any, store: ListStore | None = None
    ) -> list[tuple[list[Any], datetime.datetime | None]]:
        """Each employee's appointments (`appointments:<id>`), with one walk of `getAppointments` for all of them
        (`IDS_PER_WALK` at a time) read, every page (`split_appointments` says whose each is)."""
        ids = {f"appointments:{each}": each for each in employee_ids}

        async def appointments(span: Span, names: list[str]) -> list[list[Any]]:
            whose = [ids[name] for name in names]
            split: list[list[Any]] = []
            for start in range(0, len(whose), _team.IDS_PER_WALK):  # an adviser in one part: each appointment once
                part = whose[start : start + _team.IDS_PER_WALK]
                listed = AppointmentsResource(self._invoke).get_appointments(
                    employee_id=part, from_=span[0], to=span[1], limit=largest_for("/appointments"), **options
                )
                split += split_appointments([appointment async for appointment in listed], part)
            return split

        return await _listed(store, list(ids), window, _APPOINTMENTS, appointments)

    async def _events(
        self, employee_ids: Sequence[str], window: Span, options: Any, store: ListStore | None = None
    ) -> list[tuple[list[Any], datetime.datetime | None]]:
        """Each employee's external calendar events (`events:<id>`): a list each, a few read at once."""
        whose = {f"events:{each}": each for each in employee_ids}

        async def events(span: Span, employee_id: str) -> list[Any]:
            limit = largest_for("/employees/{id}/external-calendar-events")
            listed = EmployeesResource(self._invoke).get_external_calendar_events(
                employee_id, from_=span[0], to=span[1], limit=limit, **options
            )
            return [event async for event in listed]

        async def each(span: Span, names: list[str]) -> list[list[Any]]:
            return await at_once([partial(events, span, whose[name]) for name in names], READS_AT_ONCE)

        return await _listed(store, list(whose), window, _EVENTS, each)

    async def _defined(
        self, employee_id: str, office: str, window: Span, options: Any
    ) -> list[tuple[AvailabilityInterval | None, Notes]]:
        """The employee's defined availability at one office in the window (one call), each block read, with notes."""
        blocks = await self.get_defined_availability(
            from_=window[0] - MARGIN, to=window[1] + MARGIN, employee_id=[employee_id], office_id=office, **options
        )
        return [defined_block(block_reading(block), employee_id, office, window) for block in blocks]

    async def book_first(
        self,
        candidates: Iterable[Candidate],
        body: AppointmentCreate | Mapping[str, Any],
        *,
        store: ListStore | None = None,
        **options: Unpack[RequestOptions],
    ) -> Booked:
        """Book the first of `candidates` that Engage accepts, once, with `ensure_appointment` (docs/booking.md).

        Each candidate is tried in order until Engage does not answer that the slot is taken (422
        `APPOINTMENT_NO_AVAILABILITY`). The body's `externalId` is the key of this booking attempt: a
        retry finds what an earlier run booked and books nothing more (given no candidate, it looks the key up).

        Args:
            candidates: What to try, in order: `Candidates.from_free_busy(...)`, `Candidates.from_team(...)`
                (each candidate's advisers in order, then the next candidate), or `Candidate`s.
            body: The appointment to create, without `start` and `end`: an `AppointmentCreate` or its
                JSON object (camelCase keys), with `externalId`.
            store: The `AvailabilityStore` the candidates came from: told of each adviser refused as taken,
                so that the next search reads the adviser again.
            **options: Per-call `RequestOptions`, for each ensure (and the read of an earlier run's booking).

        Returns:
            Booked: `.appointment`, `.outcome`, `.candidate` it was booked at, `.refused` before it.

        Raises:
            ValueError: A body without `externalId`, with `start` or `end`, or for another office,
                subject, meeting type or employee than a candidate; nothing was sent.
            pexip_engage_client.errors.NoSlotBookedError: Every candidate was refused as taken, or
                there was none (`.refused`, `.reasons`); nothing was created.
            pexip_engage_client.errors.EnsureError: Any other failure of an ensure, as it raised it
                (`may_have_created` says whether this attempt may have booked): the attempt ends there.
        """
        external_id, tries = bodies(body, candidates)
        appointments = AppointmentsResource(self._invoke)
        refused: list[RefusedCandidate] = []
        for candidate, request in tries:
            try:
                ensured = await appointments.ensure_appointment(request, **options)
            except ExternalIdConflictError as conflict:
                if not earlier_run(conflict):
                    raise  # the key names an appointment for someone or something else
                booked = await appointments.get_appointment_by_id(conflict.existing_id, **options)
                if not same_attempt(conflict, booked, tries):
                    raise
                return Booked(booked, EnsureOutcome.FOUND, None, tuple(refused))
            except EnsureRefusedError as error:
                if not taken(error):
                    raise
                refused.append(RefusedCandidate(candidate, error))
                if store is not None and candidate.employee_id:
                    await store.changed(candidate.employee_id)
                continue
            return Booked(ensured.resource, ensured.outcome, candidate, tuple(refused))
        if not tries:  # no ensure looked the key up: a retry proposing none may find what its first run booked
            found = booked_before(await self._with_key(appointments, external_id, options), external_id, body)
            if found is not None:
                return Booked(found, EnsureOutcome.FOUND, None, ())
        raise nothing_booked(external_id, refused, candidates)

    async def _with_key(self, appointments: AppointmentsResource, external_id: str, options: Any) -> list[Any]:
        """The appointments with the booking attempt's key: the ensure's look-up (at most its first 100 items)."""
        found = []
        async for appointment in appointments.get_appointments(external_id=[external_id], limit=100, **options):
            found.append(appointment)
            if len(found) >= LOOKED_UP:
                break
        return found


def assembled(
    employee_id: str,
    window: Span,
    zones: tuple[str | None, Zone | None],
    *,
    notes: Sequence[str],
    busy: list[BusyInterval],
    blocks: list[tuple[AvailabilityInterval | None, Notes]],
) -> FreeBusy:
    """The view of what was read: busy time and blocks sorted, free time computed, shown in the zone asked for
    (`zones[1]`), else the employee's (`zones[0]`) when known, else UTC. One way for `free_busy` and a team's views."""
    employee_zone, zone = zones
    availability, block_notes = _gathered(blocks)
    busy = sorted(busy, key=lambda b: (b.start, b.end, b.kind, b.id))
    availability.sort(key=lambda a: (a.start, a.end, a.office_id, a.subject_id, a.meeting_type))
    result = FreeBusy(
        employee_id=employee_id,
        start=window[0],
        end=window[1],
        busy=tuple(busy),
        availability=tuple(availability),
        free=free_time(availability, busy),
        time_zone="UTC",
        employee_time_zone=employee_zone,
        notes=(*notes, *block_notes),
    )
    if zone is None and employee_zone is not None and known_zone(employee_zone):
        zone = employee_zone  # the employee's zone when known, else UTC
    return result if zone is None else result.in_zone(zone)


def _busy(appointments: list[Any], events: list[Any], window: Span) -> tuple[list[BusyInterval], list[str]]:
    """The busy time an employee's appointments and external calendar events hold in the window, and notes. An
    external event that is an appointment's copy is not counted twice."""
    busy, busy_notes = _gathered([busy_in(appointment, window) for appointment in appointments if appointment])
    counted = {b.id for b in busy if b.id}
    blocking, event_notes = _gathered([busy_in(event, window, counted) for event in events if event])
    return busy + blocking, busy_notes + event_notes


@dataclass(frozen=True)
class _Reading:
    """How the items of one kind of list are read: the model Engage's answer gives, the operation, the fields read and
    what is made of them (the same for a model read in full and one read with those fields alone)."""

    model: type
    operation: str
    fields: tuple[str, ...]
    read: Callable[[Any], Any]


_APPOINTMENTS = _Reading(Appointment, APPOINTMENTS, APPOINTMENT_FIELDS, appointment_reading)
_EVENTS = _Reading(ExternalCalendarEvent, EVENTS, EVENT_FIELDS, event_reading)
_BLOCKS = _Reading(DefinedAvailability, DEFINED, BLOCK_FIELDS, block_reading)


async def _listed(
    store: ListStore | None, names: list[str], window: Span, reading: _Reading, read: Reader[list[Any]]
) -> list[tuple[list[Any], datetime.datetime | None]]:
    """Each list's items read for the window and a day beyond (`MARGIN`), each as `reading` makes it, and when the
    store read them (None: now): the store's items overlapping that, the same items read the same way."""
    span = (window[0] - MARGIN, window[1] + MARGIN)
    if not names:
        return []
    if store is None:
        return [([reading.read(item) for item in items], None) for items in await read(span, names)]
    found = await store.held(names, window, _documents(read), partial(_timed, reading))
    return [
        ([item for bounds, item in each if bounds is None or (bounds[0] < span[1] and span[0] < bounds[1])], read_at)
        for each, read_at in found
    ]


def _documents(read: Reader[list[Any]]) -> Reader[Documents]:
    """What a store reads for a span it keeps: the items of the span and a day beyond (`MARGIN`), as JSON objects."""

    async def documents(kept: Span, names: list[str]) -> list[Documents]:
        return [[item.to_dict() for item in items] for items in await read((kept[0] - MARGIN, kept[1] + MARGIN), names)]

    return documents


def _timed(reading: _Reading, documents: Documents) -> tuple[tuple[Span | None, Any], ...]:
    """The items of a stored list as `reading` makes them, each with its `[start, end)` (None without readable times:
    its reading decides whether it is in a window). A tuple of tuples of immutable values: a store keeps thousands of
    lists, and the garbage collector stops tracking such a tuple, and so never walks its items."""
    read, model, fields, operation = reading.read, reading.model, reading.fields, reading.operation
    return tuple(
        (_bounds(each), read(read_lenient(model, each, operation, "/data/*", fields=fields))) for each in documents
    )


def _staff(documents: Documents) -> Staff:
    return Staff.of([read_lenient(Employee, each, EMPLOYEES, "/data/*", fields=_EMPLOYEE_FIELDS) for each in documents])


_EMPLOYEE_FIELDS = ("id", "time_zone", "office_relations")  # what `Staff.of` reads


def _bounds(item: Mapping[str, Any]) -> Span | None:
    try:
        return datetime.datetime.fromisoformat(item["start"]), datetime.datetime.fromisoformat(item["end"])
    except (KeyError, TypeError, ValueError):
        return None


def _gathered(read: list[tuple[_T | None, Notes]]) -> tuple[list[_T], list[str]]:
    """What each item was read as (None: nothing, left out), and the notes of them all, in order."""
    return [item for item, _ in read if item is not None], [note for _, notes in read for note in notes]


def _window(start: datetime.datetime | str, end: datetime.datetime | str) -> Span:
    """`[start, end)` in UTC, checked: aware times, `end` after `start`."""
    window_start, window_end = aware(start, "start"), aware(end, "end")
    if window_end <= window_start:
        raise ArgumentError.of("end", ": must be after start")
    return window_start.astimezone(datetime.UTC), window_end.astimezone(datetime.UTC)


def _offices(given: str | Sequence[str] | None, employee: Any) -> tuple[list[str], tuple[str, ...]]:
    """The offices to read availability of: those given (checked), else the employee's, each once."""
    if given is None:
        offices, notes = employee_offices(employee)
        if not offices:
            notes += ("no office: the employee has no office relations and none was given",)
        return offices, notes
    ids = [given] if isinstance(given, str) else list(given)
    if not all(isinstance(i, str) and i for i in ids):
        raise ArgumentError.of("office_id", ": expected an office id or a list of them (empty: no availability read)")
    return list(dict.fromkeys(ids)), ()
