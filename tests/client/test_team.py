"""A branch's view and candidates: `team_free_busy`, `Candidates.from_team` and `book_first` on them, against the fake.

Each adviser's view is `free_busy`'s; the candidates are the union of each adviser's; every adviser who offers
none is named with a reason; the reads cost 3 walks and 1 request per adviser (one walk of `getAppointments` for them
all); `order="fair"` evens a day's bookings out.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bench import team as bench_team
from pexip_engage_client import Candidates, PexipEngage, TeamCandidate, errors
from pexip_engage_client._generated import page_sizes
from pexip_engage_client._scheduling import _team
from pexip_engage_client._scheduling._team_candidates import appointments_in, ranked
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.rewriting import Rewriting, at_path
from .test_free_busy import difference, each_item

DAY = ("2030-01-07T00:00:00Z", "2030-01-08T00:00:00Z")
READS = ("getDefinedAvailability", "getEmployees", "getAppointments", "getExternalCalendarEvents")


def adviser(fake: FakePexipEngage, employee_id: str, offices: tuple[str, ...] = ("office-1",), **fields: Any) -> None:
    fields.setdefault("timeZone", "Europe/Brussels")
    relations = [{"role": "AGENT", "office": {"id": o}} for o in offices]
    fake.add_employee(id=employee_id, officeRelations=relations, **fields)


def block(fake: FakePexipEngage, employee_id: str, start: str, end: str, **fields: Any) -> None:
    fake.add_defined_availability(
        start=start,
        end=end,
        employee={"id": employee_id},
        office={"id": fields.pop("office_id", "office-1")},
        subject={"id": fields.pop("subject_id", "subject-1")},
        meetingType=fields.pop("meeting_type", "VIDEO"),
        maxConcurrentAppointments=fields.pop("most", 1),
        **fields,
    )


def appointment(
    fake: FakePexipEngage, employee_id: str, start: str, end: str, secondary: str | None = None, **fields: Any
) -> None:
    """An appointment of `employee_id` with customer-0, and of `secondary` too when given."""
    employees = [("PRIMARY", employee_id)] + ([("SECONDARY", secondary)] if secondary is not None else [])
    fake.add_appointment(
        start=start,
        end=end,
        status=fields.pop("status", "ACCEPTED"),
        subject={"id": "subject-1"},
        office={"id": "office-1"},
        meetingType="VIDEO",
        trailingBufferTime=fields.pop("buffer", 0),
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "customer-0"}, "type": "CUSTOMER"},
            *({"role": role, "participant": {"id": employee}, "type": "EMPLOYEE"} for role, employee in employees),
        ],
    )


def body(key: str, customer: str = "customer-0") -> dict[str, Any]:
    return {
        "externalId": key,
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": customer, "type": "CUSTOMER"}],
    }


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="office-1")
    fake.add_office(id="office-2")
    fake.add_subject(id="subject-1")
    fake.add_subject(id="subject-2")
    for n in range(40):
        fake.add_customer(id=f"customer-{n}")
    return fake


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


def branch(fake: FakePexipEngage) -> None:
    """Four advisers at office-1 (one of them also at office-2), one employee elsewhere."""
    adviser(fake, "emp-a")
    adviser(fake, "emp-b", offices=("office-1", "office-2"), timeZone="America/New_York")
    adviser(fake, "emp-c")
    adviser(fake, "emp-d")
    adviser(fake, "emp-x", offices=("office-2",))
    block(fake, "emp-a", "2030-01-07T08:00:00Z", "2030-01-07T10:00:00Z")
    block(fake, "emp-b", "2030-01-07T09:00:00Z", "2030-01-07T11:00:00Z", most=2)
    block(fake, "emp-b", "2030-01-07T12:00:00Z", "2030-01-07T13:00:00Z", office_id="office-2")
    block(fake, "emp-c", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z", subject_id="subject-2")
    block(fake, "emp-x", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z", office_id="office-2")
    appointment(fake, "emp-a", "2030-01-07T08:00:00Z", "2030-01-07T08:30:00Z", buffer=15)
    appointment(fake, "emp-b", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
    appointment(fake, "emp-b", "2030-01-07T09:30:00Z", "2030-01-07T10:00:00Z")
    appointment(fake, "emp-a", "2030-01-07T09:00:00Z", "2030-01-07T09:30:00Z", status="CANCELLED")
    fake.add_external_calendar_event("emp-a", start="2030-01-07T09:30:00Z", end="2030-01-07T09:45:00Z", showAs="BUSY")


async def test_the_advisers_are_those_with_a_relation_to_the_office_and_each_view_is_free_busys(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    assert team.employee_ids == ("emp-a", "emp-b", "emp-c", "emp-d")
    for employee_id in team.employee_ids:
        alone = await engage.availability.free_busy(employee_id, start=DAY[0], end=DAY[1], office_id="office-1")
        assert team.view(employee_id) == alone
    assert team.time_zone == "UTC"  # the advisers do not share a zone
    assert team.to_dict()["views"][0] == team.views[0].to_dict()


async def test_it_costs_three_walks_and_one_request_per_adviser(fake: FakePexipEngage, engage: PexipEngage) -> None:
    branch(fake)
    for n in range(30):  # employees of other offices are walked past, not read
        adviser(fake, f"other-{n:02}", offices=("office-2",))
    await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    counts = {operation: len(fake.calls_to(operation)) for operation in READS}
    assert counts == {
        "getDefinedAvailability": 1,
        "getEmployees": 1,
        "getAppointments": 1,
        "getExternalCalendarEvents": 4,
    }
    assert len(fake.calls) == 3 + 4
    defined = fake.calls_to("getDefinedAvailability")[0].request.url.params
    assert defined["office-id"] == "office-1"
    assert "employee-id" not in defined  # every adviser's blocks at once
    assert fake.calls_to("getEmployees")[0].request.url.params["limit"] == "1000"
    walked = fake.calls_to("getAppointments")[0].request.url.params  # every adviser's appointments at once
    assert (walked.get_list("employee-id"), walked["limit"]) == (["emp-a", "emp-b", "emp-c", "emp-d"], "1000")


def pages_of(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """`getAppointments` walked in pages of `size` (1,000 in use)."""
    monkeypatch.setitem(page_sizes.LARGEST_PAGES, "/appointments", size)


def appointment_starts(team: Any) -> dict[str, list[str]]:
    """Each adviser's appointments that hold time, by start (UTC, HH:MM)."""
    return {
        view.employee_id: sorted(
            f"{b.start.astimezone(datetime.UTC):%H:%M}" for b in view.busy if b.kind == "appointment"
        )
        for view in team.views
    }


async def test_one_walk_reads_every_page_and_an_appointment_holds_the_time_of_each_of_its_advisers(
    fake: FakePexipEngage, engage: PexipEngage, monkeypatch: pytest.MonkeyPatch
) -> None:
    branch(fake)  # emp-a's two appointments (one cancelled), emp-b's two
    appointment(fake, "emp-c", "2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z", secondary="emp-d")
    appointment(fake, "emp-d", "2030-01-07T13:00:00Z", "2030-01-07T14:00:00Z")
    pages_of(2, monkeypatch)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    assert len(fake.calls_to("getAppointments")) == 3  # 6 appointments, the last page holding emp-c's and emp-d's
    assert appointment_starts(team) == {
        "emp-a": ["08:00"],
        "emp-b": ["09:00", "09:30"],
        "emp-c": ["11:00"],
        "emp-d": ["11:00", "13:00"],
    }
    for employee_id in team.employee_ids:
        alone = await engage.availability.free_busy(employee_id, start=DAY[0], end=DAY[1], office_id="office-1")
        assert team.view(employee_id) == alone


async def test_a_branch_bigger_than_one_walks_ids_is_walked_in_parts_and_each_appointment_is_each_advisers_once(
    fake: FakePexipEngage, engage: PexipEngage, monkeypatch: pytest.MonkeyPatch
) -> None:
    branch(fake)
    appointment(fake, "emp-a", "2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z", secondary="emp-d")
    monkeypatch.setattr(_team, "IDS_PER_WALK", 3)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    walks = fake.calls_to("getAppointments")
    assert [call.request.url.params.get_list("employee-id") for call in walks] == [
        ["emp-a", "emp-b", "emp-c"],
        ["emp-d"],
    ]  # the shared appointment is in both walks
    assert appointment_starts(team) == {
        "emp-a": ["08:00", "11:00"],
        "emp-b": ["09:00", "09:30"],
        "emp-c": [],
        "emp-d": ["11:00"],
    }


@pytest.mark.parametrize("kind", ["absent", "null", "type"])
async def test_an_appointment_whose_advisers_cannot_be_read_holds_every_advisers_time(
    fake: FakePexipEngage, kind: str
) -> None:
    branch(fake)
    unread = at_path(r".*/appointments", each_item(difference(kind, "appointmentParticipants")))
    async with PexipEngage("acme", token=TOKEN, transport=Rewriting(fake, unread), strict_responses=False) as engage:
        team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    assert set(map(tuple, appointment_starts(team).values())) == {("08:00", "09:00", "09:30")}
    assert all(any("/data/*/appointmentParticipants" in note for note in view.notes) for view in team.views)


async def test_given_advisers_are_read_in_their_order_and_an_unknown_id_is_named(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy(
        "office-1", start=DAY[0], end=DAY[1], employee_ids=["emp-b", "emp-nobody", "emp-a"], zone="Europe/Brussels"
    )
    assert (team.employee_ids, team.unknown, team.time_zone) == (("emp-b", "emp-a"), ("emp-nobody",), "Europe/Brussels")
    proposal = Candidates.from_team(team, 30)
    assert [(r.code, r.employee_id) for r in proposal.reasons if r.code == "unknown_employee"] == [
        ("unknown_employee", "emp-nobody")
    ]
    assert fake.calls_to("getEmployees")[0].request.url.params.get_list("id") == ["emp-b", "emp-nobody", "emp-a"]


async def test_candidates_are_the_union_of_each_advisers_with_their_advisers(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], subject_id="subject-1")
    proposal = Candidates.from_team(team, 30, step=15)
    expected: dict[tuple[datetime.datetime, str], set[str]] = {}
    for view in team.views:
        for one in Candidates.from_free_busy(view, 30, step=15, office_id="office-1", subject_id="subject-1"):
            expected.setdefault((one.start, one.meeting_type), set()).add(one.employee_id)
    got = {(c.start, c.meeting_type): set(c.employee_ids) for c in proposal}
    assert got == expected
    assert len(proposal) == len(expected)
    assert [c.start for c in proposal] == sorted(c.start for c in proposal)
    assert all(isinstance(c, TeamCandidate) and c.employee_id == c.employee_ids[0] for c in proposal)
    by_start = {c.start.isoformat(): c.employee_ids for c in proposal}
    # emp-a: 08:00-08:30 +15 buffer, a busy event 09:30-09:45; emp-b holds two at 09:30-10:00 (its most).
    assert by_start["2030-01-07T08:45:00+00:00"] == ("emp-a",)
    assert by_start["2030-01-07T09:00:00+00:00"] == ("emp-a", "emp-b")
    assert "2030-01-07T09:15:00+00:00" not in by_start  # emp-a's event from 09:30, emp-b's two appointments
    assert by_start["2030-01-07T10:00:00+00:00"] == ("emp-b",)


async def test_each_adviser_who_offers_none_is_named_with_a_reason(fake: FakePexipEngage, engage: PexipEngage) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    proposal = Candidates.from_team(team, 30, subject_id="subject-1")
    named = {(r.employee_id, r.code) for r in proposal.reasons}
    assert ("emp-c", "no_matching_availability") in named  # blocks of another subject only
    assert ("emp-d", "no_availability_at_office") in named  # listed by the office, no block there
    assert {r.employee_id for r in proposal.reasons} >= {"emp-c", "emp-d"}
    assert all(r.message.startswith(f"{r.employee_id}: ") for r in proposal.reasons)
    rows = proposal.to_dict()["reasons"]
    assert {row["employee_id"] for row in rows} >= {"emp-c", "emp-d"}


async def test_an_empty_list_says_why_for_every_adviser(fake: FakePexipEngage, engage: PexipEngage) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    proposal = Candidates.from_team(team, 30, meeting_type="PHONE")
    assert not proposal
    assert {r.employee_id for r in proposal.reasons} == set(team.employee_ids)
    full = Candidates.from_team(team, 240, subject_id="subject-1")
    assert not full
    assert {(r.employee_id, r.code) for r in full.reasons} >= {
        ("emp-a", "too_short"),
        ("emp-b", "too_short"),
    }


async def test_a_fully_booked_adviser_says_so(fake: FakePexipEngage, engage: PexipEngage) -> None:
    adviser(fake, "emp-a")
    block(fake, "emp-a", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    appointment(fake, "emp-a", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    proposal = Candidates.from_team(team, 30)
    assert [(r.employee_id, r.code) for r in proposal.reasons] == [("emp-a", "max_concurrent_reached")]


async def test_an_office_without_advisers_says_so(fake: FakePexipEngage, engage: PexipEngage) -> None:
    adviser(fake, "emp-x", offices=("office-2",))
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    proposal = Candidates.from_team(team, 30)
    assert not proposal
    assert [r.code for r in proposal.reasons] == ["no_advisers"]
    assert len(fake.calls_to("getAppointments")) == 0


async def test_bad_arguments_name_the_parameter(fake: FakePexipEngage, engage: PexipEngage) -> None:
    branch(fake)
    wrong: list[tuple[dict[str, Any], str]] = [
        ({"office_id": ""}, "office_id"),
        ({"office_id": "office-1", "employee_ids": []}, "employee_ids"),
        ({"office_id": "office-1", "subject_id": ""}, "subject_id"),
        ({"office_id": "office-1", "zone": "Mars/Olympus"}, "zone"),
    ]
    for kwargs, name in wrong:
        with pytest.raises(ValueError, match=name):
            await engage.availability.team_free_busy(start=DAY[0], end=DAY[1], **kwargs)
    assert fake.calls == []
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    with pytest.raises(ValueError, match="order"):
        Candidates.from_team(team, 30, order="random")
    with pytest.raises(ValueError, match="duration"):
        Candidates.from_team(team, 0)


async def test_book_first_tries_each_advisor_then_the_next_candidate_and_a_retry_finds_it(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    adviser(fake, "emp-a")
    adviser(fake, "emp-b")
    for who in ("emp-a", "emp-b"):
        block(fake, who, "2030-01-07T09:00:00Z", "2030-01-07T11:00:00Z")
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    proposal = Candidates.from_team(team, 60, step=60)
    assert [c.employee_ids for c in proposal] == [("emp-a", "emp-b"), ("emp-a", "emp-b")]
    appointment(fake, "emp-a", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")  # meanwhile: emp-a at 09:00
    booked = await engage.availability.book_first(proposal, body("attempt-1", "customer-1"))
    assert booked.candidate is not None
    assert booked.candidate.employee_id == "emp-b"
    refused = [(r.candidate.employee_id, r.candidate.start.astimezone(datetime.UTC).hour) for r in booked.refused]
    assert refused == [("emp-a", 9)]
    again = await engage.availability.book_first(proposal, body("attempt-1", "customer-1"))  # tries emp-a first
    assert str(again.outcome) == "found"
    assert again.appointment.id == booked.appointment.id
    with pytest.raises(errors.ExternalIdConflictError):  # the key reused for another customer
        await engage.availability.book_first(proposal, body("attempt-1", "customer-2"))
    assert len(fake.appointments) == 2


async def day_of_bookings(engage: PexipEngage, order: str, advisers: list[str] | None = None) -> Counter[str]:
    """30 customers, each wanting one 20-minute slot of the day (in a fixed shuffled order), book at the branch."""
    wanted = [
        datetime.datetime(2030, 1, 7, 8, tzinfo=datetime.UTC) + datetime.timedelta(minutes=20 * n) for n in range(30)
    ]
    random.Random(97).shuffle(wanted)  # noqa: S311 - a fixed order of customers
    counts: Counter[str] = Counter()
    for n, at in enumerate(wanted):
        team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], employee_ids=advisers)
        proposal = Candidates.from_team(team, 20, step=20, order=order)
        chosen = [c for c in proposal if c.start == at]  # the customer's time
        booked = await engage.availability.book_first(chosen, body(f"{order}-{n}", f"customer-{n}"))
        assert booked.candidate is not None
        counts[booked.candidate.employee_id] += 1
    return counts


@pytest.mark.slow  # a day of bookings
async def test_fair_order_evens_out_a_day_of_bookings(fake: FakePexipEngage, engage: PexipEngage) -> None:
    for who in ("emp-a", "emp-b", "emp-c"):
        adviser(fake, who)
        block(fake, who, "2030-01-07T08:00:00Z", "2030-01-07T18:00:00Z", most=30)  # equally available all day
    fair = await day_of_bookings(engage, "fair")
    assert sum(fair.values()) == 30
    assert max(fair.values()) - min(fair.values()) <= 1, fair
    earliest = await day_of_bookings(engage, "earliest", ["emp-c", "emp-a", "emp-b"])
    assert earliest == {"emp-c": 30}  # without fairness, the first adviser takes every booking
    team = await engage.availability.team_free_busy(
        "office-1", start=DAY[0], end=DAY[1], employee_ids=["emp-b", "emp-a"]
    )
    assert Candidates.from_team(team, 20, step=20).candidates[0].employee_ids == ("emp-b", "emp-a")  # the order given
    by_load = Candidates.from_team(team, 20, step=20, order="fair").candidates[0].employee_ids
    assert by_load == tuple(sorted(("emp-b", "emp-a"), key=lambda who: (fair[who] + earliest[who], who != "emp-b")))


async def test_the_branch_keeps_each_views_notes_naming_its_employee(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    adviser(fake, "emp-a", timeZone="Mars/Olympus")
    adviser(fake, "emp-b")
    block(fake, "emp-a", "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    noted = "the employee's time zone 'Mars/Olympus' is not an IANA time zone; shown in UTC"
    assert team.view("emp-a").notes == (noted,)
    assert team.notes == (f"employee emp-a: {noted}",)
    assert Candidates.from_team(team, 30).notes == team.notes


async def test_a_fall_back_night_offers_the_repeated_hour_twice_with_its_advisers(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    for who in ("emp-a", "emp-b"):
        adviser(fake, who, timeZone="America/New_York")
    # 00:00-04:00 in New York on 1 November 2026: five hours of elapsed time, 01:00 twice.
    block(fake, "emp-a", "2026-11-01T04:00:00Z", "2026-11-01T09:00:00Z")
    block(fake, "emp-b", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z")
    team = await engage.availability.team_free_busy(
        "office-1", start="2026-11-01T00:00:00-04:00", end="2026-11-02T00:00:00-05:00"
    )
    proposal = Candidates.from_team(team, 60, step=60)
    shown = [(c.start.isoformat(), c.start.fold, c.employee_ids) for c in proposal]
    assert shown == [
        ("2026-11-01T00:00:00-04:00", 0, ("emp-a",)),
        ("2026-11-01T01:00:00-04:00", 0, ("emp-a", "emp-b")),
        ("2026-11-01T01:00:00-05:00", 1, ("emp-a", "emp-b")),
        ("2026-11-01T02:00:00-05:00", 0, ("emp-a",)),
        ("2026-11-01T03:00:00-05:00", 0, ("emp-a",)),
    ]


async def test_each_reason_says_who_and_why_in_words(fake: FakePexipEngage, engage: PexipEngage) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy(
        "office-1", start=DAY[0], end=DAY[1], employee_ids=["emp-c", "emp-d", "emp-nobody"]
    )
    proposal = Candidates.from_team(team, 30, subject_id="subject-1")
    alone = Candidates.from_free_busy(team.view("emp-c"), 30, office_id="office-1", subject_id="subject-1")
    assert [(r.employee_id, r.code, r.message, r.block) for r in proposal.reasons] == [
        *(("emp-c", r.code, f"emp-c: {r.message}", r.block) for r in alone.reasons),
        ("emp-d", "no_availability_at_office", "emp-d: no defined availability at office office-1 in the window", None),
        ("emp-nobody", "unknown_employee", "no employee has the id 'emp-nobody'", None),
    ]
    assert [r.code for r in alone.reasons] == ["no_matching_availability"]
    nobody = await engage.availability.team_free_busy("office-9", start=DAY[0], end=DAY[1])
    assert [(r.code, r.message, r.employee_id) for r in Candidates.from_team(nobody, 30).reasons] == [
        ("no_advisers", "office office-9 has no advisers (no employee with a relation to it)", None)
    ]
    with pytest.raises(ValueError, match=r"^order: expected one of earliest, fair, not 'random'$"):
        Candidates.from_team(team, 30, order="random")


async def test_fair_counts_the_appointments_that_hold_time_in_the_window(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    branch(fake)
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    # emp-a: one appointment held (one CANCELLED) and a calendar event; emp-b: two.
    assert [appointments_in(view) for view in team.views] == [1, 2, 0, 0]
    assert ranked(list(team.views), "fair") == ["emp-c", "emp-d", "emp-a", "emp-b"]
    assert ranked(list(team.views), "earliest") == ["emp-a", "emp-b", "emp-c", "emp-d"]


@pytest.mark.slow  # 14 days of a 20-adviser branch seeded and read
async def test_the_benchmarks_branch_costs_22_requests_within_the_documented_limits() -> None:
    """bench/team.py's branch (20 advisers among 220 employees, 14 days; its own seed, not a copy), as docs/booking.md
    counts it."""
    fake = bench_team.branch(20, 14, 200)  # the fake enforcing the documented limits
    async with PexipEngage("acme", token="bench-token", transport=fake) as engage:  # the default governor
        team = await engage.availability.team_free_busy(
            "branch", start=bench_team.START, end=bench_team.START + datetime.timedelta(days=14), subject_id="mortgage"
        )
    counts = Counter(call.operation_id for call in fake.calls)
    assert counts == {
        "getDefinedAvailability": 1,
        "getEmployees": 1,
        "getAppointments": 1,
        "getExternalCalendarEvents": 20,
    }
    assert len(team.views) == 20
    assert fake.rate_limited == 0
    assert fake.over_limits == 0
    assert len(Candidates.from_team(team, 30, order="fair")) == 290


async def test_a_block_offers_its_own_free_time_not_a_roomier_block_of_its_kind_inside_it(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    adviser(fake, "emp-a", timeZone="UTC")
    block(fake, "emp-a", "2030-01-07T09:00:00Z", "2030-01-07T12:00:00Z", most=1)  # grid 09:00, 09:45, 10:30, 11:15
    block(fake, "emp-a", "2030-01-07T09:30:00Z", "2030-01-07T10:30:00Z", most=2)  # the same kind: grid 09:30
    appointment(fake, "emp-a", "2030-01-07T09:30:00Z", "2030-01-07T10:00:00Z")  # fills the first, not the second
    team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    alone = Candidates.from_free_busy(team.view("emp-a"), 30, step=45)
    proposal = Candidates.from_team(team, 30, step=45)
    # 09:45-10:15 is on the first block's grid but not in its free time (its appointment, one at a time): the
    # second block's room is the second's, on its own grid (docs/booking.md: inside the block's free time).
    expected = ["09:00", "09:30", "10:30", "11:15"]
    assert [c.start.strftime("%H:%M") for c in alone] == expected
    assert [(c.start.strftime("%H:%M"), c.employee_ids) for c in proposal] == [(at, ("emp-a",)) for at in expected]


@pytest.mark.slow  # seeds 3,001 employees
async def test_the_bound_holds_up_to_3000_employees_and_each_further_1000_costs_one_page(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    branch(fake)  # 5 employees, 4 of them advisers of office-1
    for n in range(2995):
        fake.add_employee(id=f"other-{n:04}", officeRelations=[{"role": "AGENT", "office": {"id": "office-2"}}])
    await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    assert (len(fake.calls_to("getEmployees")), len(fake.calls)) == (3, 3 + 2 + 4)  # 3,000 employees: the bound
    fake.add_employee(id="other-3000", officeRelations=[{"role": "AGENT", "office": {"id": "office-2"}}])
    before = len(fake.calls_to("getEmployees")), len(fake.calls)
    await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    after = len(fake.calls_to("getEmployees")), len(fake.calls)
    assert (after[0] - before[0], after[1] - before[1]) == (4, 4 + 2 + 4)  # 3,001: one page more


async def test_a_retry_proposing_afresh_finds_the_first_runs_booking_whichever_adviser_it_was(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    adviser(fake, "emp-a")
    adviser(fake, "emp-b")
    block(fake, "emp-a", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
    block(fake, "emp-b", "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z")
    runs = []
    for _ in range(2):  # the first run books emp-a at 09:00; the retry's fresh view offers only emp-b at 10:00
        team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
        proposal = Candidates.from_team(team, 60, step=60)
        runs.append(([c.employee_ids for c in proposal], await engage.availability.book_first(proposal, body("k-1"))))
    (first_offered, first), (again_offered, again) = runs
    assert (first_offered, again_offered) == ([("emp-a",), ("emp-b",)], [("emp-b",)])
    assert (str(again.outcome), again.candidate, again.appointment.id) == ("found", None, first.appointment.id)
    assert len(fake.appointments) == 1
    with pytest.raises(errors.ExternalIdConflictError):  # the key reused for another customer: still refused
        await engage.availability.book_first(proposal, body("k-1", "customer-2"))
