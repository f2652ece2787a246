"""`engage.availability`: the generated `availability` operations, `free_busy` from three lists, and `book_first`.

`free_busy` reads, each once (a list's pages walked at the largest page size the operation
documents): the employee (their time zone and offices), their appointments, their external calendar
events, and the defined availability of each office (`getDefinedAvailability` takes one office a
call). What holds time and how free time is made from them: `_free_busy.py`. `book_first` books the
first candidate (`_candidates.py`) Engage accepts, one `ensure_appointment` at a time (`_booking.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._booking import Booked, bodies, earlier_run, nothing_booked, taken
from ._candidates import Candidate
from ._free_busy import (
    APPOINTMENT_RESOURCE,
    FREE_SHOW_AS,
    RELEASING_STATUSES,
    AvailabilityInterval,
    BusyInterval,
    FreeBusy,
    Span,
    Zone,
    aware,
    clip,
    free_time,
    zone_of,
)
from ._generated.api.appointments import AppointmentsResource
from ._generated.api.availability import AvailabilityResource
from ._generated.api.employees import EmployeesResource
from ._page_size import largest_for
from ._runtime import EnsureOutcome
from ._runtime.unset import Unset
from .errors import EnsureRefusedError, ExternalIdConflictError, RefusedCandidate

if TYPE_CHECKING:
    from typing import Unpack

    from ._generated.models import AppointmentCreate
    from ._runtime import RequestOptions

# The reads ask for a day more on each side than the window: the API's `from`/`to` filters are not
# documented as "overlaps", and an appointment or block that began before the window (or ends after
# it) still holds time inside it. What is read is clipped to the window.
MARGIN = datetime.timedelta(days=1)


def _text(value: Any) -> str | None:
    """An enum member's value, a string as it is; None for a value left out."""
    if value is None or isinstance(value, Unset):
        return None
    return str(getattr(value, "value", value))


def _span(start: Any, end: Any, window: Span) -> Span | None:
    if not isinstance(start, datetime.datetime) or not isinstance(end, datetime.datetime):
        return None  # an item read without its times holds no time this view can place
    if start.utcoffset() is None or end.utcoffset() is None:
        return None
    return clip((start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)), window)


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
        """An employee's busy time, defined availability and free time in `[start, end)`.

        A view for scheduling screens and agents: Engage's timetable (`get_timetable`), not this
        view, decides what can be booked. Appointments of every status but `CANCELLED` hold time
        (with their trailing buffer), and so do external calendar events not shown as `FREE`; free
        time is each block of defined availability less busy time, honouring its
        `maxConcurrentAppointments` (docs/free-busy.md).

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
        """
        window = _window(start, end)
        shown_in = zone_of(zone) if zone is not None else None

        employees = EmployeesResource(self._invoke)
        employee = await employees.get_employee_by_id(employee_id, **options)
        zone_name = getattr(employee, "time_zone", None)
        employee_zone = zone_name if isinstance(zone_name, str) and zone_name else None
        offices = _office_ids(office_id, getattr(employee, "office_relations", None))

        busy = await self._appointments_busy(employee_id, window, options)
        held_by_appointments = {b.id for b in busy}
        busy += await self._events_busy(employees, employee_id, window, held_by_appointments, options)
        availability: list[AvailabilityInterval] = []
        for office in offices:
            availability += await self._defined(employee_id, office, window, options)

        busy.sort(key=lambda b: (b.start, b.end, b.kind, b.id))
        availability.sort(key=lambda a: (a.start, a.end, a.office_id, a.subject_id, a.meeting_type))
        no_office = not offices and office_id is None
        notes = ("no office: the employee has no office relations and none was given",) if no_office else ()
        result = FreeBusy(
            employee_id=employee_id,
            start=window[0],
            end=window[1],
            busy=tuple(busy),
            availability=tuple(availability),
            free=free_time(availability, busy),
            time_zone="UTC",
            employee_time_zone=employee_zone,
            notes=notes,
        )
        if shown_in is not None:
            return result.in_zone(zone)
        return result.in_zone(employee_zone) if employee_zone is not None and _known(employee_zone) else result

    async def _appointments_busy(self, employee_id: str, window: Span, options: Any) -> list[BusyInterval]:
        """The employee's appointments that hold time in the window: one list, its pages walked."""
        busy: list[BusyInterval] = []
        async for appointment in AppointmentsResource(self._invoke).get_appointments(
            employee_id=[employee_id],
            from_=window[0] - MARGIN,
            to=window[1] + MARGIN,
            limit=largest_for("/appointments"),
            **options,
        ):
            status = _text(appointment.status)
            if status in RELEASING_STATUSES:
                continue
            buffer = appointment.trailing_buffer_time if isinstance(appointment.trailing_buffer_time, int) else 0
            ends = appointment.end
            if isinstance(ends, datetime.datetime):
                ends += datetime.timedelta(minutes=buffer)
            held = _span(appointment.start, ends, window)
            if held is not None:
                busy.append(BusyInterval(*held, kind="appointment", id=str(appointment.id), status=status))
        return busy

    async def _events_busy(
        self, employees: EmployeesResource, employee_id: str, window: Span, counted: set[str], options: Any
    ) -> list[BusyInterval]:
        """The employee's external calendar events that hold time, less copies of `counted` appointments."""
        busy: list[BusyInterval] = []
        async for event in employees.get_external_calendar_events(
            employee_id,
            from_=window[0] - MARGIN,
            to=window[1] + MARGIN,
            limit=largest_for("/employees/{id}/external-calendar-events"),
            **options,
        ):
            show_as = _text(event.show_as)
            if show_as in FREE_SHOW_AS:
                continue
            if _text(event.resource_type) == APPOINTMENT_RESOURCE and _text(event.resource_id) in counted:
                continue  # the calendar's copy of an appointment already counted
            held = _span(event.start, event.end, window)
            if held is not None:
                busy.append(BusyInterval(*held, kind="external_event", id=str(event.id), status=show_as))
        return busy

    async def _defined(self, employee_id: str, office: str, window: Span, options: Any) -> list[AvailabilityInterval]:
        """The employee's defined availability at one office in the window: one call."""
        blocks = await self.get_defined_availability(
            from_=window[0] - MARGIN, to=window[1] + MARGIN, employee_id=[employee_id], office_id=office, **options
        )
        found: list[AvailabilityInterval] = []
        for block in blocks:
            span = _span(block.start, block.end, window)
            if _id_of(block.employee) != employee_id or span is None:
                continue
            most = block.max_concurrent_appointments
            found.append(
                AvailabilityInterval(
                    *span,
                    office_id=_id_of(block.office) or office,
                    subject_id=_id_of(block.subject) or "",
                    meeting_type=_text(block.meeting_type) or "",
                    max_concurrent_appointments=most if isinstance(most, int) else None,
                )
            )
        return found

    async def book_first(
        self,
        candidates: Iterable[Candidate],
        body: AppointmentCreate | Mapping[str, Any],
        **options: Unpack[RequestOptions],
    ) -> Booked:
        """Book the first of `candidates` that Engage accepts, once, with `ensure_appointment` (docs/booking.md).

        Each candidate is tried in order with the body, its times, office, subject and meeting type
        set from the candidate (and its employee as the PRIMARY one when the body names none). When
        Engage answers that the slot is taken (422 `APPOINTMENT_NO_AVAILABILITY`), the next is
        tried. The body's `externalId` is the key of this booking attempt, the same for every
        candidate: a retry of the attempt finds what an earlier run booked (at whichever candidate)
        and books nothing more; attempts by different people need different keys.

        Args:
            candidates: What to try, in order: `Candidates.from_free_busy(...)`, or `Candidate`s.
            body: The appointment to create, without `start` and `end`: an `AppointmentCreate` or its
                JSON object (camelCase keys), with `externalId`.
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
                return Booked(booked, EnsureOutcome.FOUND, None, tuple(refused))
            except EnsureRefusedError as error:
                if not taken(error):
                    raise
                refused.append(RefusedCandidate(candidate, error))
                continue
            return Booked(ensured.resource, ensured.outcome, candidate, tuple(refused))
        raise nothing_booked(external_id, refused, candidates)


def _window(start: datetime.datetime | str, end: datetime.datetime | str) -> Span:
    """`[start, end)` in UTC, checked: aware times, `end` after `start`."""
    window_start, window_end = aware(start, "start"), aware(end, "end")
    if window_end <= window_start:
        raise ValueError("end: must be after start")
    return window_start.astimezone(datetime.UTC), window_end.astimezone(datetime.UTC)


def _id_of(reference: Any) -> str | None:
    """A reference's id; None for a reference the answer left out or gave in another shape."""
    found = getattr(reference, "id", None)
    return found if isinstance(found, str) else None


def _known(zone: str) -> bool:
    try:
        zone_of(zone)
    except ValueError:
        return False
    return True


def _office_ids(given: str | Sequence[str] | None, relations: Any) -> list[str]:
    """The offices to read availability of: those given (checked), else the employee's, each once."""
    if given is not None:
        return _given_offices(given)
    if isinstance(relations, Unset) or not isinstance(relations, list):
        return []
    return list(dict.fromkeys(i for i in (_id_of(getattr(r, "office", None)) for r in relations) if i))


def _given_offices(given: str | Sequence[str]) -> list[str]:
    ids = [given] if isinstance(given, str) else list(given)
    if not all(isinstance(i, str) and i for i in ids):
        raise ValueError("office_id: expected an office id or a list of them (empty: no availability read)")
    return list(dict.fromkeys(ids))
