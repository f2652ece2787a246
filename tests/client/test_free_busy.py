"""`engage.availability.free_busy`: busy, defined availability and free time, against the fake.

The windows sit on the 2026 DST changes of Europe/Amsterdam (29 March, 25 October) and
America/New_York (8 March, 1 November): the arithmetic runs on instants, and a zone only shows it.
"""

from __future__ import annotations

import datetime
import pathlib
import pickle
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pexip_engage_client import AvailabilityInterval, BusyInterval, FreeBusy, FreeInterval, PexipEngage, errors
from pexip_engage_client._scheduling._free_busy import clip, merge, saturated, subtract
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.rewriting import Rewriting, at_path

UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def utc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def employee(
    fake: FakePexipEngage, zone: str, employee_id: str = "emp-1", offices: tuple[str, ...] = ("office-1",)
) -> None:
    fake.add_employee(
        id=employee_id, timeZone=zone, officeRelations=[{"role": "AGENT", "office": {"id": o}} for o in offices]
    )


def block(start: str, end: str, **fields: Any) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "employee": {"id": fields.pop("employee_id", "emp-1")},
        "office": {"id": fields.pop("office_id", "office-1")},
        "subject": {"id": fields.pop("subject_id", "subject-1")},
        "meetingType": fields.pop("meeting_type", "VIDEO"),
        **fields,
    }


def appointment(
    start: str, end: str, *, status: str = "ACCEPTED", employee_id: str = "emp-1", **fields: Any
) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "status": status,
        "subject": {"id": "subject-1"},
        "office": {"id": "office-1"},
        "appointmentParticipants": [
            {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": employee_id}, "type": "EMPLOYEE"},
        ],
        "trailingBufferTime": fields.pop("buffer", 0),
        **fields,
    }


@pytest.fixture
def fake() -> FakePexipEngage:
    return FakePexipEngage(max_in_flight=None, per_minute=None)


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


# --- the arithmetic ------------------------------------------------------------------------------


def test_merge_joins_overlapping_and_touching_spans_and_drops_empty_ones() -> None:
    a, b, c, d, e = (utc(f"2026-01-01T0{h}:00") for h in range(5))
    assert merge([(c, d), (a, b), (b, c), (d, d)]) == [(a, d)]
    assert merge([(a, b), (c, e), (c, d)]) == [(a, b), (c, e)]


def test_merge_drops_an_empty_span_between_others() -> None:
    """An empty span held apart from the others is dropped, not kept to split the free time around it."""
    a, b, c, d, e = (utc(f"2026-01-01T0{h}:00") for h in range(5))
    assert merge([(a, b), (c, c), (d, e)]) == [(a, b), (d, e)]
    assert merge([(c, c)]) == []


def test_saturated_counts_an_end_before_a_start_at_the_same_instant() -> None:
    a, b, c, d = (utc(f"2026-01-01T0{h}:00") for h in range(4))
    assert saturated([(a, b), (b, c)], 2) == []  # half-open: they touch, never overlap
    assert saturated([(a, c), (b, d)], 2) == [(b, c)]
    assert saturated([(a, c), (b, d)], 1) == [(a, d)]
    assert saturated([(a, b)], 0) == [(a, b)]


def test_subtract_leaves_the_pieces_in_order() -> None:
    h = [utc(f"2026-01-01T{n:02d}:00") for n in range(10)]
    assert subtract((h[1], h[8]), [(h[0], h[2]), (h[3], h[4]), (h[7], h[9])]) == [(h[2], h[3]), (h[4], h[7])]
    assert subtract((h[1], h[2]), []) == [(h[1], h[2])]
    assert subtract((h[1], h[2]), [(h[0], h[3])]) == []


def test_subtract_passes_over_taken_spans_that_end_before_the_span() -> None:
    """A span taken before the block (an appointment that morning) is passed over, not the end of the loop."""
    h = [utc(f"2026-01-01T{n:02d}:00") for n in range(10)]
    assert subtract((h[2], h[8]), [(h[0], h[1]), (h[3], h[4])]) == [(h[2], h[3]), (h[4], h[8])]
    assert subtract((h[2], h[8]), [(h[0], h[1]), (h[1], h[2]), (h[5], h[9])]) == [(h[2], h[5])]


def test_subtract_leaves_no_empty_piece_at_either_edge() -> None:
    """Busy time starting exactly at the block's start (or ending at its end) leaves no zero-length piece."""
    h = [utc(f"2026-01-01T{n:02d}:00") for n in range(10)]
    assert subtract((h[1], h[3]), [(h[1], h[2])]) == [(h[2], h[3])]
    assert subtract((h[1], h[3]), [(h[2], h[3])]) == [(h[1], h[2])]
    assert subtract((h[1], h[4]), [(h[1], h[2]), (h[2], h[3])]) == [(h[3], h[4])]


def test_clip_keeps_nothing_of_a_span_that_only_touches_the_window() -> None:
    """An appointment ending exactly when the window starts (or starting when it ends) is not busy in
    it: no zero-length busy interval at the window's edge."""
    h = [utc(f"2026-01-01T{n:02d}:00") for n in range(5)]
    assert clip((h[0], h[1]), (h[1], h[3])) is None
    assert clip((h[3], h[4]), (h[1], h[3])) is None
    assert clip((h[2], h[2]), (h[1], h[3])) is None
    assert clip((h[0], h[2]), (h[1], h[3])) == (h[1], h[2])
    assert clip((h[0], h[4]), (h[1], h[3])) == (h[1], h[3])


# --- against the fake ----------------------------------------------------------------------------


async def test_amsterdam_spring_forward(fake: FakePexipEngage, engage: PexipEngage) -> None:
    """29 March 2026, Amsterdam: 02:00 local does not exist (01:00 UTC). A block 00:00-06:00 local is 5 hours."""
    employee(fake, "Europe/Amsterdam")
    fake.seed(
        {
            "defined_availability": [
                block("2026-03-28T23:00:00Z", "2026-03-29T04:00:00Z", maxConcurrentAppointments=None)
            ]
        }
    )
    fake.add_appointment(**appointment("2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", buffer=15))
    fake.add_appointment(**appointment("2026-03-29T02:00:00Z", "2026-03-29T03:00:00Z", status="CANCELLED"))
    fake.add_external_calendar_event("emp-1", start="2026-03-29T02:30:00Z", end="2026-03-29T03:00:00Z", showAs="BUSY")
    fake.add_external_calendar_event("emp-1", start="2026-03-29T03:00:00Z", end="2026-03-29T03:30:00Z", showAs="FREE")

    view = await engage.availability.free_busy(
        "emp-1", start=at("2026-03-29T00:00:00+01:00"), end=at("2026-03-29T12:00:00+02:00")
    )

    assert view.time_zone == view.employee_time_zone == "Europe/Amsterdam"
    assert [(b.kind, b.status, b.start.isoformat(), b.end.isoformat()) for b in view.busy] == [
        ("appointment", "ACCEPTED", "2026-03-29T01:30:00+01:00", "2026-03-29T03:45:00+02:00"),  # across the gap
        ("external_event", "BUSY", "2026-03-29T04:30:00+02:00", "2026-03-29T05:00:00+02:00"),
    ]
    assert [(f.start.isoformat(), f.end.isoformat()) for f in view.free] == [
        ("2026-03-29T00:00:00+01:00", "2026-03-29T01:30:00+01:00"),
        ("2026-03-29T03:45:00+02:00", "2026-03-29T04:30:00+02:00"),
        ("2026-03-29T05:00:00+02:00", "2026-03-29T06:00:00+02:00"),
    ]
    assert sum((f.duration for f in view.free), datetime.timedelta()) == datetime.timedelta(hours=3, minutes=15)
    assert view.availability[0].duration == datetime.timedelta(hours=5)
    assert all(
        f.office_id == "office-1" and f.subject_id == "subject-1" and f.meeting_type == "VIDEO" for f in view.free
    )


async def test_amsterdam_fall_back(fake: FakePexipEngage, engage: PexipEngage) -> None:
    """25 October 2026, Amsterdam: 02:00-03:00 local happens twice. A block 00:00-06:00 local is 7 hours."""
    employee(fake, "Europe/Amsterdam")
    fake.seed({"defined_availability": [block("2026-10-24T22:00:00Z", "2026-10-25T05:00:00Z")]})
    # 02:30 local, the first time (+02:00), and 02:30 local, the second (+01:00): two different hours
    fake.add_appointment(**appointment("2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z"))
    fake.add_appointment(**appointment("2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"))

    view = await engage.availability.free_busy("emp-1", start="2026-10-24T22:00:00Z", end="2026-10-25T05:00:00Z")

    assert [(b.start.isoformat(), b.end.isoformat()) for b in view.busy] == [
        ("2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00"),
        ("2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00"),
    ]
    assert [(f.start.isoformat(), f.end.isoformat()) for f in view.free] == [
        ("2026-10-25T00:00:00+02:00", "2026-10-25T02:30:00+02:00"),
        ("2026-10-25T02:00:00+01:00", "2026-10-25T02:30:00+01:00"),
        ("2026-10-25T03:00:00+01:00", "2026-10-25T06:00:00+01:00"),
    ]
    assert sum((f.duration for f in view.free), datetime.timedelta()) == datetime.timedelta(hours=6)


@pytest.mark.parametrize(
    ("day", "block_utc", "hours"),
    [
        ("2026-03-08", ("2026-03-08T05:00:00Z", "2026-03-08T16:00:00Z"), 11),  # 00:00-12:00 EST/EDT: 11 h
        ("2026-11-01", ("2026-11-01T04:00:00Z", "2026-11-01T17:00:00Z"), 13),  # 00:00-12:00 EDT/EST: 13 h
    ],
)
async def test_new_york_changes(
    fake: FakePexipEngage, engage: PexipEngage, day: str, block_utc: tuple[str, str], hours: int
) -> None:
    employee(fake, "America/New_York")
    fake.seed({"defined_availability": [block(*block_utc, maxConcurrentAppointments=2)]})
    # Two overlapping appointments take the time (two at once allowed); one alone does not.
    fake.add_appointment(**appointment(f"{day}T09:00:00Z", f"{day}T11:00:00Z"))
    fake.add_appointment(**appointment(f"{day}T10:00:00Z", f"{day}T12:00:00Z", status="INCOMING_REQUEST"))
    zone = ZoneInfo("America/New_York")
    start = datetime.datetime.fromisoformat(day).replace(tzinfo=zone)

    view = await engage.availability.free_busy("emp-1", start=start, end=start + datetime.timedelta(days=1))

    assert (view.availability[0].start.hour, view.availability[0].end.hour) == (0, 12)  # local wall clock
    assert view.availability[0].duration == datetime.timedelta(hours=hours)
    assert [(f.start.astimezone(UTC), f.end.astimezone(UTC)) for f in view.free] == [
        (utc(block_utc[0][:-1]), utc(f"{day}T10:00:00")),
        (utc(f"{day}T11:00:00"), utc(block_utc[1][:-1])),
    ]
    assert sum((f.duration for f in view.free), datetime.timedelta()) == datetime.timedelta(hours=hours - 1)
    shown = view.in_zone("Europe/Amsterdam")
    assert shown.time_zone == "Europe/Amsterdam"
    assert shown.free[0].start == view.free[0].start
    assert shown.free[0].start.tzinfo == ZoneInfo("Europe/Amsterdam")


async def test_calendar_copy_of_an_appointment_counts_once(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "Europe/Amsterdam")
    fake.seed(
        {"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", maxConcurrentAppointments=2)]}
    )
    made = fake.add_appointment(**appointment("2026-06-01T08:00:00Z", "2026-06-01T09:00:00Z"))
    fake.add_external_calendar_event(
        "emp-1",
        start="2026-06-01T08:00:00Z",
        end="2026-06-01T09:00:00Z",
        showAs="BUSY",
        resourceType="APPOINTMENT",
        resourceId=made["id"],
    )

    view = await engage.availability.free_busy(
        "emp-1", start="2026-06-01T00:00:00Z", end="2026-06-02T00:00:00Z", zone="UTC"
    )

    assert [b.kind for b in view.busy] == ["appointment"]
    assert [(f.start, f.end) for f in view.free] == [(utc("2026-06-01T08:00"), utc("2026-06-01T10:00"))]
    assert view.time_zone == "UTC"


async def test_reads_each_list_once_and_availability_per_office(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "Europe/Amsterdam", offices=("office-1", "office-2"))
    fake.seed(
        {
            "defined_availability": [
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z"),
                block("2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", office_id="office-2", meeting_type="PHONE"),
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", employee_id="someone-else"),
                block("2026-06-03T08:00:00Z", "2026-06-03T10:00:00Z"),  # after the window
            ]
        }
    )
    for n in range(30):  # more than one page at the default size would be, fewer than the largest page
        fake.add_appointment(
            **appointment(f"2026-06-01T{n % 6 + 15:02d}:00:00Z", f"2026-06-01T{n % 6 + 15:02d}:30:00Z")
        )

    view = await engage.availability.free_busy("emp-1", start="2026-06-01T00:00:00Z", end="2026-06-02T00:00:00Z")

    assert [(a.office_id, a.meeting_type) for a in view.availability] == [("office-1", "VIDEO"), ("office-2", "PHONE")]
    assert len(view.busy) == 30
    assert [len(fake.calls_to(op)) for op in ("getEmployeeById", "getAppointments", "getExternalCalendarEvents")] == [
        1,
        1,
        1,
    ]
    asked = [c.request.url.params for c in fake.calls_to("getDefinedAvailability")]
    assert sorted(q["office-id"] for q in asked) == ["office-1", "office-2"]
    assert all(q.get_list("employee-id") == ["emp-1"] for q in asked)
    assert fake.calls_to("getAppointments")[0].request.url.params["limit"] == "1000"


async def test_the_fake_filters_defined_availability_as_a_list(fake: FakePexipEngage, engage: PexipEngage) -> None:
    fake.seed(
        {
            "defined_availability": [
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z"),
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", office_id="office-2"),
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", subject_id="subject-2", meeting_type="PHONE"),
            ]
        }
    )
    got = await engage.availability.get_defined_availability(
        from_="2026-06-01T00:00:00Z", to="2026-06-02T00:00:00Z", office_id="office-1", meeting_type=["VIDEO"]
    )
    assert [(b.office.id, b.subject.id) for b in got] == [("office-1", "subject-1")]
    none = await engage.availability.get_defined_availability(
        from_="2026-06-02T00:00:00Z", to="2026-06-03T00:00:00Z", office_id="office-1"
    )
    assert list(none) == []
    with pytest.raises(ValueError, match="DefinedAvailability has no field"):
        fake.add_defined_availability(**block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z"), colour="red")


async def test_bad_arguments_name_the_parameter(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "Europe/Amsterdam")
    with pytest.raises(ValueError, match=r"start: .*no UTC offset"):
        await engage.availability.free_busy("emp-1", start=datetime.datetime(2026, 6, 1), end="2026-06-02T00:00:00Z")
    with pytest.raises(ValueError, match="end: must be after start"):
        await engage.availability.free_busy("emp-1", start="2026-06-02T00:00:00Z", end="2026-06-01T00:00:00Z")
    with pytest.raises(ValueError, match="zone: 'Mars/Base' is not an IANA time zone"):
        await engage.availability.free_busy(
            "emp-1", start="2026-06-01T00:00Z", end="2026-06-02T00:00Z", zone="Mars/Base"
        )
    with pytest.raises(errors.NotFoundError):
        await engage.availability.free_busy("nobody", start="2026-06-01T00:00Z", end="2026-06-02T00:00Z")
    assert fake.calls_to("getAppointments") == []


async def test_the_view_pickles_and_serialises(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "Europe/Amsterdam")
    fake.seed({"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z")]})
    view = await engage.availability.free_busy("emp-1", start="2026-06-01T00:00Z", end="2026-06-02T00:00Z")
    assert pickle.loads(pickle.dumps(view)) == view  # noqa: S301 - our own bytes
    data = view.to_dict()
    assert data["free"] == [
        {
            "start": "2026-06-01T10:00:00+02:00",
            "end": "2026-06-01T12:00:00+02:00",
            "office_id": "office-1",
            "subject_id": "subject-1",
            "meeting_type": "VIDEO",
        },
    ]
    assert isinstance(view, FreeBusy)
    assert view.overlaps_busy("2026-06-01T08:00Z", "2026-06-01T09:00Z") == ()


def a_view(employee_zone: str | None = "Europe/Amsterdam") -> FreeBusy:
    """A view of one hour of each kind on 1 June 2026 (UTC), as free_busy makes it, with a note."""
    hour = [utc(f"2026-06-01T{n:02d}:00") for n in range(24)]
    return FreeBusy(
        employee_id="emp-1",
        start=hour[0],
        end=hour[23],
        time_zone="UTC",
        employee_time_zone=employee_zone,
        busy=(BusyInterval(hour[9], hour[10], kind="external_event", id="event-1", status="BUSY"),),
        availability=(
            AvailabilityInterval(
                hour[8],
                hour[12],
                office_id="office-1",
                subject_id="subject-1",
                meeting_type="VIDEO",
                max_concurrent_appointments=2,
            ),
        ),
        free=(FreeInterval(hour[8], hour[9], office_id="office-1", subject_id="subject-1", meeting_type="VIDEO"),),
        notes=("a note",),
    )


def test_to_dict_holds_every_field_of_the_view() -> None:
    """The JSON the CLI and the MCP server show: every name as documented, every time with its offset."""
    assert a_view().in_zone().to_dict() == {
        "employee_id": "emp-1",
        "start": "2026-06-01T02:00:00+02:00",
        "end": "2026-06-02T01:00:00+02:00",
        "time_zone": "Europe/Amsterdam",
        "employee_time_zone": "Europe/Amsterdam",
        "busy": [
            {
                "start": "2026-06-01T11:00:00+02:00",
                "end": "2026-06-01T12:00:00+02:00",
                "kind": "external_event",
                "id": "event-1",
                "status": "BUSY",
                "unread": (),
            }
        ],
        "availability": [
            {
                "start": "2026-06-01T10:00:00+02:00",
                "end": "2026-06-01T14:00:00+02:00",
                "office_id": "office-1",
                "subject_id": "subject-1",
                "meeting_type": "VIDEO",
                "max_concurrent_appointments": 2,
            }
        ],
        "free": [
            {
                "start": "2026-06-01T10:00:00+02:00",
                "end": "2026-06-01T11:00:00+02:00",
                "office_id": "office-1",
                "subject_id": "subject-1",
                "meeting_type": "VIDEO",
            }
        ],
        "notes": ["a note"],
        "read_at": None,
    }


def test_in_zone_shows_every_time_in_the_zone_and_none_names_the_employees() -> None:
    view = a_view()
    new_york, amsterdam = ZoneInfo("America/New_York"), ZoneInfo("Europe/Amsterdam")

    def zones(shown: FreeBusy) -> set[Any]:
        intervals = (*shown.busy, *shown.availability, *shown.free)
        return {shown.start.tzinfo, shown.end.tzinfo} | {t.tzinfo for i in intervals for t in (i.start, i.end)}

    shown = view.in_zone("America/New_York")
    assert (zones(shown), shown.time_zone) == ({new_york}, "America/New_York")
    assert shown == replace(view, time_zone="America/New_York")  # the same instants
    back = shown.in_zone()  # None: the employee's zone
    assert (zones(back), back.time_zone) == ({amsterdam}, "Europe/Amsterdam")
    with pytest.raises(ValueError, match=r"^zone: the employee's time zone is not known; name one$"):
        a_view(employee_zone=None).in_zone()


@pytest.mark.parametrize(
    ("start", "end", "refusal"),
    [
        ("soon", "2026-06-01T10:00Z", "start: 'soon' is not an ISO 8601 date and time"),
        ("2026-06-01T09:00Z", 7, "end: expected a datetime or ISO 8601 text, not int"),
        ("2026-06-01T09:00Z", "2026-06-01T10:00", "end: 2026-06-01T10:00:00 has no UTC offset; give an aware datetime"),
        (
            datetime.datetime(2026, 6, 1, 9),
            "2026-06-01T10:00Z",
            "start: 2026-06-01T09:00:00 has no UTC offset; give an aware datetime",
        ),
    ],
)
def test_overlaps_busy_refuses_a_time_naming_the_parameter(start: Any, end: Any, refusal: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(refusal)}$"):
        a_view().overlaps_busy(start, end)


async def test_a_seed_file_seeds_defined_availability(
    fake: FakePexipEngage, engage: PexipEngage, tmp_path: pathlib.Path
) -> None:
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "employees:\n"
        "  - {id: emp-1, timeZone: Europe/Amsterdam, officeRelations: [{role: AGENT, office: {id: office-1}}]}\n"
        "defined_availability:\n"
        "  - {start: '2026-06-01T08:00:00Z', end: '2026-06-01T10:00:00Z', employee: {id: emp-1},\n"
        "     office: {id: office-1}, subject: {id: subject-1}, meetingType: VIDEO, maxConcurrentAppointments: 2}\n"
    )
    fake.seed_file(seed)
    view = await engage.availability.free_busy("emp-1", start="2026-06-01T00:00Z", end="2026-06-02T00:00Z")
    assert [(a.office_id, a.max_concurrent_appointments) for a in view.availability] == [("office-1", 2)]
    with pytest.raises(ValueError, match=r"defined_availability\[0\]: DefinedAvailability has no field"):
        fake.seed({"defined_availability": [{"colour": "red"}]})


@pytest.mark.slow  # seeding 1,005 appointments: about 2 s
async def test_a_list_longer_than_the_largest_page_is_walked(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "UTC")
    for n in range(1005):  # 1,000 a page at most: two pages, one walk
        minute = datetime.timedelta(minutes=n)
        start = datetime.datetime(2026, 6, 1, tzinfo=UTC) + minute
        fake.add_appointment(
            **appointment(start.isoformat(), (start + minute + datetime.timedelta(minutes=1)).isoformat())
        )
    view = await engage.availability.free_busy("emp-1", start="2026-06-01T00:00Z", end="2026-06-03T00:00Z")
    assert len(view.busy) == 1005
    assert [call.request.url.params["offset"] for call in fake.calls_to("getAppointments")] == ["0", "1000"]


# --- answers that differ from openapi.yaml: busy time is never shown as free ----------------------


def drifted(fake: FakePexipEngage, path: str, change: Any) -> PexipEngage:
    """A lenient client on the fake, whose answers to `path` (a regex) `change` alters."""
    return PexipEngage("acme", token=TOKEN, transport=Rewriting(fake, at_path(path, change)), strict_responses=False)


def each_item(change: Any) -> Any:
    """A change of every item of an answer's `data` list."""

    def rewrite(body: dict[str, Any]) -> None:
        for item in body["data"]:
            change(item)

    return rewrite


async def test_an_appointment_whose_start_came_as_null_stays_busy(fake: FakePexipEngage) -> None:
    employee(fake, "UTC")
    fake.seed({"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T12:00:00Z")]})
    fake.add_appointment(**appointment("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z"))

    async with drifted(fake, r".*/appointments", each_item(lambda a: a.update(start=None))) as engage:
        view = await engage.availability.free_busy("emp-1", start="2026-06-01T00:00Z", end="2026-06-02T00:00Z")

    assert view.overlaps_busy("2026-06-01T09:00Z", "2026-06-01T10:00Z")
    assert all(f.end <= utc("2026-06-01T09:00") or f.start >= utc("2026-06-01T10:00") for f in view.free)


APPOINTMENTS, EVENTS, DEFINED, EMPLOYEE = (
    r".*/appointments",
    r".*/external-calendar-events",
    r".*/defined-availability",
    r".*/employees/emp-1",
)
DAY = ("2026-06-01T00:00Z", "2026-06-02T00:00Z")


def another_type(value: Any) -> Any:
    """A value of another JSON type than `value`'s: text for a number, a number for text, text for the rest."""
    if isinstance(value, str):
        return 7
    return str(value) if isinstance(value, int) else "text"


def difference(kind: str, name: str) -> Any:
    """The change of one field `name` of an item: `absent`, `null` or `type`."""

    def change(item: dict[str, Any]) -> None:
        if kind == "absent":
            item.pop(name, None)
        elif kind == "null":
            item[name] = None
        else:
            item[name] = another_type(item.get(name))

    return change


def seed_a_day(fake: FakePexipEngage) -> None:
    """A day with some of everything: two blocks (one taking two at a time), appointments, events."""
    employee(fake, "Europe/Amsterdam")
    fake.seed(
        {
            "defined_availability": [
                block("2026-06-01T08:00:00Z", "2026-06-01T12:00:00Z"),
                block("2026-06-01T13:00:00Z", "2026-06-01T17:00:00Z", maxConcurrentAppointments=2),
            ]
        }
    )
    made = fake.add_appointment(**appointment("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", buffer=15))
    fake.add_appointment(**appointment("2026-06-01T14:00:00Z", "2026-06-01T15:00:00Z"))
    fake.add_appointment(**appointment("2026-06-01T14:30:00Z", "2026-06-01T15:30:00Z"))
    fake.add_appointment(**appointment("2026-06-01T15:30:00Z", "2026-06-01T16:00:00Z", status="CANCELLED"))
    fake.add_external_calendar_event("emp-1", start="2026-06-01T10:30:00Z", end="2026-06-01T11:00:00Z", showAs="BUSY")
    fake.add_external_calendar_event("emp-1", start="2026-06-01T16:00:00Z", end="2026-06-01T16:30:00Z", showAs="FREE")
    fake.add_external_calendar_event(
        "emp-1",
        start="2026-06-01T09:00:00Z",
        end="2026-06-01T10:00:00Z",
        showAs="BUSY",
        resourceType="APPOINTMENT",
        resourceId=made["id"],
    )


def minutes(intervals: Any) -> set[datetime.datetime]:
    """Every minute (its start, in UTC) inside the intervals."""
    found: set[datetime.datetime] = set()
    for interval in intervals:
        at_ = interval.start.astimezone(UTC)
        while at_ < interval.end:
            found.add(at_)
            at_ += datetime.timedelta(minutes=1)
    return found


# Each field free_busy reads, by the answer it is in: (answer, field).
READ_FIELDS = [
    *((APPOINTMENTS, name) for name in ("start", "end", "trailingBufferTime", "status", "id")),
    *((EVENTS, name) for name in ("start", "end", "showAs", "id", "resourceType", "resourceId")),
    *((DEFINED, name) for name in ("start", "end", "employee", "office", "subject", "meetingType")),
    (DEFINED, "maxConcurrentAppointments"),
    (EMPLOYEE, "timeZone"),
]


# Changes openapi.yaml allows (an optional or nullable field): decided as the spec says, with no note.
# An event shown as nothing holds its time; a block that does not say how many at a time takes one.
AS_THE_SPEC_ALLOWS = {
    ("showAs", "absent"),
    ("maxConcurrentAppointments", "absent"),
    ("maxConcurrentAppointments", "null"),
}


@pytest.mark.parametrize("kind", ["absent", "null", "type"])
@pytest.mark.parametrize(("answer", "name"), READ_FIELDS, ids=[f"{a.rsplit('/', 1)[1]}.{n}" for a, n in READ_FIELDS])
async def test_a_field_it_cannot_read_never_shows_busy_time_as_free(
    fake: FakePexipEngage, engage: PexipEngage, answer: str, name: str, kind: str
) -> None:
    """The ground truth: every minute busy in the answer as sent is busy in the view of the changed one, and
    no minute is free there that was not free before. A change that altered the view is named in `notes`."""
    seed_a_day(fake)
    truth = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])
    change = difference(kind, name)
    rewrite = (lambda body: change(body["data"])) if answer == EMPLOYEE else each_item(change)

    async with drifted(fake, answer, rewrite) as client:
        view = await client.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert minutes(truth.busy) <= minutes(view.busy)
    assert minutes(view.free) <= minutes(truth.free)
    changed = (minutes(view.busy), minutes(view.free)) != (minutes(truth.busy), minutes(truth.free))
    if changed and (name, kind) not in AS_THE_SPEC_ALLOWS:
        assert any(name in note for note in view.notes), view.notes


def one_appointment(fake: FakePexipEngage) -> None:
    employee(fake, "UTC")
    fake.seed({"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T12:00:00Z")]})
    fake.add_appointment(**appointment("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z", buffer=15))


# An appointment 09:00 to 10:00 with 15 minutes' buffer, and one difference: (change, the busy time held,
# the fields named unread, what the note says).
S, E, B = "/data/*/start", "/data/*/end", "/data/*/trailingBufferTime"
NINE, BUFFERED, DAY_START, DAY_END = "2026-06-01T09:00", "2026-06-01T10:15", "2026-06-01T00:00", "2026-06-02T00:00"
TO_THE_END = "from its start to the window's end"
UNPLACED = {
    "start null": ({"start": None}, (DAY_START, BUFFERED), [S], "from the window's start to its end"),
    "start without offset": ({"start": "2026-06-01T09:00:00"}, (DAY_START, BUFFERED), [S], "the window's start"),
    "start a number": ({"start": 1}, (DAY_START, BUFFERED), [S], "the window's start"),
    "end text": ({"end": "soon"}, (NINE, DAY_END), [E], TO_THE_END),
    "neither": ({"start": 1, "end": None}, (DAY_START, DAY_END), [S, E], "the whole window"),
    "buffer text": ({"trailingBufferTime": "15"}, (NINE, DAY_END), [B], TO_THE_END),
    "buffer negative": ({"trailingBufferTime": -15}, (NINE, DAY_END), [B], TO_THE_END),
    "buffer null": ({"trailingBufferTime": None}, (NINE, DAY_END), [B], TO_THE_END),
    "buffer true": ({"trailingBufferTime": True}, (NINE, DAY_END), [B], TO_THE_END),
    "buffer 15.0": ({"trailingBufferTime": 15.0}, (NINE, DAY_END), [B], TO_THE_END),
    "status a number": ({"status": 3}, (NINE, BUFFERED), ["/data/*/status"], "its time is counted busy"),
}


@pytest.mark.parametrize(("change", "held", "unread", "said"), list(UNPLACED.values()), ids=list(UNPLACED))
async def test_an_appointment_it_cannot_place_is_busy_as_far_as_it_may_reach(
    fake: FakePexipEngage, change: dict[str, Any], held: tuple[str, str], unread: list[str], said: str
) -> None:
    one_appointment(fake)

    async with drifted(fake, APPOINTMENTS, each_item(lambda a: a.update(change))) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    [busy] = view.busy
    assert (busy.start, busy.end) == (utc(held[0]), utc(held[1]))
    assert list(busy.unread) == unread
    [note] = view.notes
    assert note.startswith(f"appointment {busy.id}: ")
    assert all(pointer in note for pointer in unread)
    assert "getAppointments" in note
    assert said in note
    assert all(not view.overlaps_busy(f.start, f.end) for f in view.free)


async def test_a_block_it_cannot_read_offers_no_free_time_and_is_named(fake: FakePexipEngage) -> None:
    employee(fake, "UTC")
    fake.seed(
        {
            "defined_availability": [
                block("2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z", maxConcurrentAppointments=2),
                block("2026-06-01T12:00:00Z", "2026-06-01T14:00:00Z", maxConcurrentAppointments=2),
            ]
        }
    )

    def first_takes_text(body: dict[str, Any]) -> None:
        body["data"][0]["maxConcurrentAppointments"] = "2"

    async with drifted(fake, DEFINED, first_takes_text) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert [(a.start, a.end) for a in view.availability] == [(utc("2026-06-01T12:00"), utc("2026-06-01T14:00"))]
    assert [(f.start, f.end) for f in view.free] == [(utc("2026-06-01T12:00"), utc("2026-06-01T14:00"))]
    [note] = view.notes
    assert "office office-1" in note
    assert "/data/*/maxConcurrentAppointments held a value of another type in getDefinedAvailability's answer" in note
    assert "offers no free time" in note


@pytest.mark.parametrize(("value", "kind"), [(None, "null"), ("office-1", "type")])
async def test_office_relations_it_cannot_read_raise_free_busy_error_unless_offices_are_named(
    fake: FakePexipEngage, value: Any, kind: str
) -> None:
    one_appointment(fake)

    def change(body: dict[str, Any]) -> None:
        body["data"]["officeRelations"] = value

    async with drifted(fake, EMPLOYEE, change) as engage:
        with pytest.raises(errors.FreeBusyError) as raised:
            await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])
        named = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1], office_id="office-1")

    error = raised.value
    assert isinstance(error, errors.UnusableAnswerError)
    assert (error.feature, error.operation, error.pointer, error.kind) == (
        "free_busy",
        "getEmployeeById",
        "/data/officeRelations",
        kind,
    )
    assert "office_id=" in error.needed
    assert "getEmployeeById" in str(error)
    assert "/data/officeRelations" in str(error)
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert (type(copy), copy.pointer, str(copy)) == (errors.FreeBusyError, error.pointer, str(error))
    assert len(fake.calls_to("getAppointments")) == 1  # refused before reading the lists; then read once
    assert [(f.start, f.end) for f in named.free] == [
        (utc("2026-06-01T08:00"), utc("2026-06-01T09:00")),
        (utc("2026-06-01T10:15"), utc("2026-06-01T12:00")),
    ]


async def test_an_office_relation_it_cannot_read_is_left_out_and_named(fake: FakePexipEngage) -> None:
    employee(fake, "UTC", offices=("office-1", "office-2", "office-1"))  # office-1 read once
    fake.seed({"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T12:00:00Z")]})

    def change(body: dict[str, Any]) -> None:
        body["data"]["officeRelations"][1]["office"] = {"id": 2}

    async with drifted(fake, EMPLOYEE, change) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert [f.office_id for f in view.free] == ["office-1"]
    assert [c.request.url.params["office-id"] for c in fake.calls_to("getDefinedAvailability")] == ["office-1"]
    [note] = view.notes
    assert "/data/officeRelations/*/office/id" in note


async def test_another_employees_block_offers_no_free_time(fake: FakePexipEngage) -> None:
    """An API that ignored the `employee-id` filter: a block of someone else's is not this employee's time."""
    one_appointment(fake)

    def add_someone_elses(body: dict[str, Any]) -> None:
        body["data"].append(
            {
                **body["data"][0],
                "employee": {"id": "someone-else"},
                "start": "2026-06-01T14:00:00Z",
                "end": "2026-06-01T16:00:00Z",
            }
        )

    async with drifted(fake, DEFINED, add_someone_elses) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert [(a.start, a.end) for a in view.availability] == [(utc("2026-06-01T08:00"), utc("2026-06-01T12:00"))]
    assert view.notes == ()


async def test_a_time_zone_that_is_no_iana_zone_shows_the_view_in_utc(fake: FakePexipEngage) -> None:
    one_appointment(fake)

    async with drifted(fake, EMPLOYEE, lambda body: body["data"].update(timeZone="Mars/Base")) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert (view.time_zone, view.employee_time_zone) == ("UTC", "Mars/Base")
    assert view.notes == ("the employee's time zone 'Mars/Base' is not an IANA time zone; shown in UTC",)


@pytest.fixture
def machine_zone_east_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone set to +05:30 (a POSIX TZ rule, no zone database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "IST-5:30")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def test_a_view_shown_in_utc_shows_free_time_in_utc_whatever_the_machines_zone(
    fake: FakePexipEngage, machine_zone_east_of_utc: None
) -> None:
    one_appointment(fake)

    async with drifted(fake, EMPLOYEE, lambda body: body["data"].update(timeZone="Mars/Base")) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert view.time_zone == "UTC"
    assert [(f.start.isoformat(), f.end.isoformat()) for f in view.free] == [
        ("2026-06-01T08:00:00+00:00", "2026-06-01T09:00:00+00:00"),
        ("2026-06-01T10:15:00+00:00", "2026-06-01T12:00:00+00:00"),
    ]


async def test_a_time_zone_it_cannot_read_shows_the_view_in_utc(fake: FakePexipEngage) -> None:
    one_appointment(fake)

    def change(body: dict[str, Any]) -> None:
        body["data"]["timeZone"] = 60

    async with drifted(fake, EMPLOYEE, change) as engage:
        view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert (view.time_zone, view.employee_time_zone) == ("UTC", None)
    [note] = view.notes
    assert "/data/timeZone" in note
    assert "shown in UTC" in note
    with pytest.raises(ValueError, match="employee's time zone is not known"):
        view.in_zone()


@pytest.mark.parametrize("answer", [APPOINTMENTS, EVENTS])
@pytest.mark.parametrize("kind", ["absent", "null", "type"])
async def test_a_page_without_a_readable_total_gives_the_same_view(
    fake: FakePexipEngage, engage: PexipEngage, answer: str, kind: str
) -> None:
    """free_busy reads no total itself: its lists are walked, and the walk ends on what a page holds."""
    seed_a_day(fake)
    truth = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])
    change = difference(kind, "totalCount")

    async with drifted(fake, answer, lambda body: change(body["meta"])) as client:
        view = await client.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert (view.busy, view.free, view.notes) == (truth.busy, truth.free, truth.notes)


async def test_busy_time_before_a_block_does_not_free_the_block(fake: FakePexipEngage, engage: PexipEngage) -> None:
    employee(fake, "UTC")
    fake.seed({"defined_availability": [block("2026-06-01T08:00:00Z", "2026-06-01T12:00:00Z")]})
    fake.add_appointment(**appointment("2026-06-01T06:00:00Z", "2026-06-01T07:00:00Z"))  # before the block
    fake.add_appointment(**appointment("2026-06-01T08:00:00Z", "2026-06-01T09:00:00Z"))  # at its very start
    fake.add_external_calendar_event("emp-1", start="2026-06-01T10:00:00Z", end="2026-06-01T10:30:00Z", showAs="BUSY")
    fake.add_appointment(**appointment("2026-06-01T11:30:00Z", "2026-06-01T12:00:00Z"))  # to its very end

    view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])

    assert [(f.start, f.end) for f in view.free] == [
        (utc("2026-06-01T09:00"), utc("2026-06-01T10:00")),
        (utc("2026-06-01T10:30"), utc("2026-06-01T11:30")),
    ]
    assert all(f.duration > datetime.timedelta() for f in view.free)


async def test_overlaps_busy_on_a_view_with_busy_time(fake: FakePexipEngage, engage: PexipEngage) -> None:
    """Half-open: a proposed time touching busy time at either edge overlaps none of it."""
    one_appointment(fake)  # busy 09:00 to 10:15 (its 15 minutes' buffer)
    fake.add_external_calendar_event("emp-1", start="2026-06-01T10:30:00Z", end="2026-06-01T11:00:00Z", showAs="BUSY")
    view = await engage.availability.free_busy("emp-1", start=DAY[0], end=DAY[1])
    appointment_, event = view.busy

    def overlapped(start: str, end: str) -> list[str]:
        return [busy.kind for busy in view.overlaps_busy(start, end)]

    assert overlapped("2026-06-01T09:00Z", "2026-06-01T09:30Z") == ["appointment"]
    assert overlapped("2026-06-01T09:30Z", "2026-06-01T09:31Z") == ["appointment"]  # inside
    assert overlapped("2026-06-01T08:00Z", "2026-06-01T09:00Z") == []  # ends as it starts
    assert overlapped("2026-06-01T10:15Z", "2026-06-01T10:30Z") == []  # between the two, touching both
    assert overlapped("2026-06-01T11:00Z", "2026-06-01T12:00Z") == []  # starts as the event ends
    assert overlapped("2026-06-01T08:59Z", "2026-06-01T09:01Z") == ["appointment"]
    assert overlapped("2026-06-01T10:14Z", "2026-06-01T10:31Z") == ["appointment", "external_event"]
    assert overlapped("2026-06-01T12:20+02:00", "2026-06-01T12:31+02:00") == ["external_event"]  # 10:20Z-10:31Z
    assert view.overlaps_busy(at("2026-06-01T07:00+00:00"), at("2026-06-01T13:00+00:00")) == (appointment_, event)
    with pytest.raises(ValueError, match=r"start: .*no UTC offset"):
        view.overlaps_busy(datetime.datetime(2026, 6, 1, 9), "2026-06-01T10:00Z")
