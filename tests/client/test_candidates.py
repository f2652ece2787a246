"""`FreeBusy.candidates`: start times to propose for a duration, or why there are none.

Against the fake: its free/busy view, and its refusals of a time it has no room for, agree with
the candidates (every grid time of a block is bookable exactly when it is a candidate). The DST
windows are Europe/Brussels' 2026 changes (29 March, 25 October).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from typing import Any

import pytest

from pexip_engage_client import Candidates, FreeBusy, PexipEngage, errors, models
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="office-1")
    fake.add_office(id="office-2")
    fake.add_subject(id="subject-1")
    fake.add_customer(id="customer-1")
    return fake


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


def employee(fake: FakePexipEngage, zone: str = "Europe/Brussels") -> None:
    fake.add_employee(
        id="emp-1",
        timeZone=zone,
        officeRelations=[{"role": "AGENT", "office": {"id": o}} for o in ("office-1", "office-2")],
    )


def block(fake: FakePexipEngage, start: str, end: str, **fields: Any) -> None:
    fake.add_defined_availability(
        start=start,
        end=end,
        employee={"id": "emp-1"},
        office={"id": fields.pop("office_id", "office-1")},
        subject={"id": "subject-1"},
        meetingType=fields.pop("meeting_type", "VIDEO"),
        **fields,
    )


def booked(fake: FakePexipEngage, start: str, end: str, **fields: Any) -> None:
    fake.add_appointment(
        start=start,
        end=end,
        status="ACCEPTED",
        subject={"id": "subject-1"},
        office={"id": "office-1"},
        trailingBufferTime=fields.pop("buffer", 0),
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "emp-1"}, "type": "EMPLOYEE"},
        ],
    )


async def view(engage: PexipEngage, start: str, end: str, **kwargs: Any) -> FreeBusy:
    return await engage.availability.free_busy("emp-1", start=start, end=end, **kwargs)


def starts(found: Candidates) -> list[str]:
    return [c.start.isoformat() for c in found]


async def test_candidates_keep_clear_of_busy_time_and_buffers(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake)
    block(fake, "2030-01-07T08:00:00Z", "2030-01-07T10:00:00Z")  # 09:00-11:00 in Brussels
    booked(fake, "2030-01-07T08:00:00Z", "2030-01-07T08:45:00Z", buffer=15)  # holds 09:00-10:00 local
    day = await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z")

    found = Candidates.from_free_busy(day, 30)
    assert starts(found) == ["2030-01-07T10:00:00+01:00", "2030-01-07T10:15:00+01:00", "2030-01-07T10:30:00+01:00"]
    assert found.time_zone == "Europe/Brussels"
    assert found.reasons == ()
    first = found.candidates[0]
    assert (first.office_id, first.subject_id, first.meeting_type, first.employee_id) == (
        "office-1",
        "subject-1",
        "VIDEO",
        "emp-1",
    )
    assert first.duration == 30 * MINUTE
    assert all(not day.overlaps_busy(c.start, c.end) for c in found)
    # Its own trailing buffer must be free too; a coarser step gives fewer.
    assert (
        starts(Candidates.from_free_busy(day, datetime.timedelta(minutes=30), trailing_buffer=15))[-1]
        == "2030-01-07T10:15:00+01:00"
    )
    assert starts(Candidates.from_free_busy(day, 30, step=60)) == ["2030-01-07T10:00:00+01:00"]
    assert len(found) == 3
    assert found
    assert found.to_dict()["candidates"][0]["start"] == "2030-01-07T10:00:00+01:00"


async def test_spring_forward_in_brussels(fake: FakePexipEngage, engage: PexipEngage) -> None:
    """29 March 2026: 02:00 becomes 03:00. A block 00:00-06:00 local is 5 hours: 5 hourly candidates."""
    employee(fake)
    block(fake, "2026-03-28T23:00:00Z", "2026-03-29T04:00:00Z")
    night = await view(engage, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")
    found = Candidates.from_free_busy(night, 60, step=60)
    assert starts(found) == [
        "2026-03-29T00:00:00+01:00",
        "2026-03-29T01:00:00+01:00",
        "2026-03-29T03:00:00+02:00",
        "2026-03-29T04:00:00+02:00",
        "2026-03-29T05:00:00+02:00",
    ]
    assert all(c.duration == 60 * MINUTE for c in found)
    assert found.candidates[1].end.isoformat() == "2026-03-29T03:00:00+02:00"  # an hour across the gap


async def test_fall_back_in_brussels(fake: FakePexipEngage, engage: PexipEngage) -> None:
    """25 October 2026: 03:00 becomes 02:00 again. A block 00:00-06:00 local is 7 hours, 02:00 shown twice."""
    employee(fake)
    block(fake, "2026-10-24T22:00:00Z", "2026-10-25T05:00:00Z")
    night = await view(engage, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")
    found = Candidates.from_free_busy(night, 60, step=60)
    assert starts(found) == [
        "2026-10-25T00:00:00+02:00",
        "2026-10-25T01:00:00+02:00",
        "2026-10-25T02:00:00+02:00",
        "2026-10-25T02:00:00+01:00",
        "2026-10-25T03:00:00+01:00",
        "2026-10-25T04:00:00+01:00",
        "2026-10-25T05:00:00+01:00",
    ]
    assert [c.start.fold for c in found.candidates[2:4]] == [0, 1]  # the two readings of 02:00, told apart
    assert len({c.start.astimezone(datetime.UTC) for c in found}) == 7


async def test_no_defined_availability_says_so(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake)
    found = Candidates.from_free_busy(await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z"), 30)
    assert not found
    assert found.candidates == ()
    assert [r.code for r in found.reasons] == ["no_defined_availability"]


async def test_nothing_for_the_office_subject_or_meeting_type_asked(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake)
    block(fake, "2030-01-07T08:00:00Z", "2030-01-07T10:00:00Z")
    day = await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z")
    found = Candidates.from_free_busy(day, 30, meeting_type=models.MeetingType.PHONE)
    assert [r.code for r in found.reasons] == ["no_matching_availability"]
    assert "meeting type PHONE" in found.reasons[0].message
    assert "VIDEO at office office-1" in found.reasons[0].message
    assert [r.code for r in Candidates.from_free_busy(day, 30, office_id="office-2").reasons] == [
        "no_matching_availability"
    ]
    assert Candidates.from_free_busy(day, 30, office_id="office-1", subject_id="subject-1", meeting_type="VIDEO")


async def test_each_block_that_offers_none_says_why(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake)
    block(fake, "2030-01-07T08:00:00Z", "2030-01-07T08:20:00Z")  # too short for 30 minutes
    block(fake, "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")  # an external event takes it
    block(fake, "2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z", maxConcurrentAppointments=2)  # two appointments
    block(fake, "2030-01-07T13:00:00Z", "2030-01-07T14:00:00Z")  # free
    fake.add_external_calendar_event("emp-1", start="2030-01-07T09:00:00Z", end="2030-01-07T10:00:00Z", showAs="BUSY")
    booked(fake, "2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z")
    booked(fake, "2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z")
    found = Candidates.from_free_busy(await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z"), 30, step=30)
    assert starts(found) == ["2030-01-07T14:00:00+01:00", "2030-01-07T14:30:00+01:00"]
    assert [(r.code, r.block.start.isoformat() if r.block else None) for r in found.reasons] == [
        ("too_short", "2030-01-07T09:00:00+01:00"),
        ("all_busy", "2030-01-07T10:00:00+01:00"),
        ("max_concurrent_reached", "2030-01-07T12:00:00+01:00"),
    ]
    assert "(2, its maxConcurrentAppointments)" in found.reasons[2].message


async def test_one_appointment_fills_a_block_that_takes_one(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake)
    block(fake, "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    booked(fake, "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    found = Candidates.from_free_busy(await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z"), 30)
    assert [r.code for r in found.reasons] == ["max_concurrent_reached"]


async def test_a_grid_time_is_bookable_in_the_fake_exactly_when_it_is_a_candidate(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    employee(fake)
    block(fake, "2030-01-07T08:00:00Z", "2030-01-07T12:00:00Z", maxConcurrentAppointments=2)
    booked(fake, "2030-01-07T08:30:00Z", "2030-01-07T09:30:00Z", buffer=10)
    booked(fake, "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
    fake.add_external_calendar_event("emp-1", start="2030-01-07T11:00:00Z", end="2030-01-07T11:20:00Z", showAs="BUSY")
    day = await view(engage, "2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z", zone="UTC")
    proposed = {c.start for c in Candidates.from_free_busy(day, 45)}
    grid = [datetime.datetime(2030, 1, 7, 8, tzinfo=datetime.UTC) + n * 15 * MINUTE for n in range(16)]
    bookable = set()
    for start in grid:
        body = {
            "start": start.isoformat(),
            "end": (start + 45 * MINUTE).isoformat(),
            "officeId": "office-1",
            "subjectId": "subject-1",
            "meetingType": "VIDEO",
            "appointmentParticipants": [
                {"role": "PRIMARY", "participantId": "customer-1", "type": "CUSTOMER"},
                {"role": "PRIMARY", "participantId": "emp-1", "type": "EMPLOYEE"},
            ],
        }
        try:
            made = await engage.appointments.create_appointment(body=body)
        except errors.BusinessValidationError:
            continue
        bookable.add(start)
        fake.remove("/appointments", made.id)
    # The fake counts busy time as free/busy does; it knows nothing of external calendars.
    event = (grid[12], grid[12] + 20 * MINUTE)
    assert proposed == {s for s in bookable if not (s < event[1] and s + 45 * MINUTE > event[0])}
    assert proposed
    assert bookable - proposed


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"duration": 0}, "duration"),
        ({"duration": "30"}, "duration"),
        ({"duration": 30, "step": datetime.timedelta(0)}, "step"),
        ({"duration": 30, "trailing_buffer": -5}, "trailing_buffer"),
        ({"duration": 30, "office_id": ""}, "office_id"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, Any], named: str) -> None:
    start = datetime.datetime(2030, 1, 7, tzinfo=datetime.UTC)
    empty = FreeBusy(employee_id="emp-1", start=start, end=start + datetime.timedelta(days=1))
    with pytest.raises(ValueError, match=f"^{named}: "):
        Candidates.from_free_busy(empty, **kwargs)
