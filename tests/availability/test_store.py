"""`AvailabilityStore`: a warm branch answered with no request, equal to a fresh read; kept fresh by changes,
refusals and catch-ups; every row keyed by enterprise.

Random branches come from tests/client/test_team_property.py (advisers around the 2026 DST changes, several
appointments at once, cancelled ones, buffers, external events shown as free)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import gc
import itertools
import random
import tempfile
from collections import Counter
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings

from bench import team as bench_team
from pexip_engage_client import Candidates, PexipEngage, TeamFreeBusy, errors
from pexip_engage_client.availability import AvailabilityStore, _store, _tables
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage

from ..client.test_free_busy import DAY as DRIFTED_DAY
from ..client.test_free_busy import READ_FIELDS, difference, drifted, each_item, seed_a_day
from ..client.test_team import appointment_starts, pages_of
from ..client.test_team_property import WINDOW, Adviser, branches, fake_of, text
from ..support.clients import TOKEN

START = datetime.datetime(2030, 1, 7, tzinfo=datetime.UTC)  # a Monday
DAY = (START, START + datetime.timedelta(days=1))


def unread(team: TeamFreeBusy) -> TeamFreeBusy:
    """The view without when its lists were read: what a fresh read and the store's must share."""
    return replace(team, views=tuple(replace(view, read_at=None) for view in team.views))


async def fresh(fake: FakePexipEngage, start: datetime.datetime, end: datetime.datetime) -> TeamFreeBusy:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        return await engage.availability.team_free_busy("office-1", start=start, end=end)


@settings(max_examples=12)
@given(branch=branches())
def test_a_warm_branch_costs_no_request_and_is_what_a_fresh_read_gives(
    branch: tuple[str, datetime.datetime, list[Adviser]],
) -> None:
    _, start, advisers = branch
    fake = fake_of(start, advisers)
    end = start + WINDOW

    async def through_the_store(path: Path) -> tuple[TeamFreeBusy, TeamFreeBusy, int]:
        async with (
            PexipEngage("acme", token=TOKEN, transport=fake) as engage,
            AvailabilityStore(f"sqlite:///{path}", client=engage) as store,
        ):
            cold = await engage.availability.team_free_busy("office-1", start=start, end=end, store=store)
            before = len(fake.calls)
            day = start + datetime.timedelta(hours=12), end - datetime.timedelta(hours=6)  # inside what is kept
            await engage.availability.team_free_busy("office-1", start=day[0], end=day[1], store=store)
            warm = await engage.availability.team_free_busy("office-1", start=start, end=end, store=store)
            return cold, warm, len(fake.calls) - before

    with tempfile.TemporaryDirectory() as folder:
        cold, warm, requests = asyncio.run(through_the_store(Path(folder) / "availability.db"))
    expected = asyncio.run(fresh(fake, start, end))
    assert requests == 0
    assert unread(cold) == unread(warm) == expected
    assert all(view.read_at is not None for view in warm.views)
    proposal = Candidates.from_team(warm, 30, order="fair")
    assert proposal.candidates == Candidates.from_team(expected, 30, order="fair").candidates


def seeded(fake: Any = None) -> Any:
    """A branch of two advisers, each free 09:00-12:00 (one appointment at a time), in a new fake or `fake` (an
    enterprise of one)."""
    fake = FakePexipEngage(max_in_flight=None, per_minute=None) if fake is None else fake
    fake.add_office(id="office-1")
    fake.add_subject(id="subject-1")
    for n in range(40):
        fake.add_customer(id=f"customer-{n}")
    for who in ("emp-a", "emp-b"):
        fake.add_employee(id=who, timeZone="UTC", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}])
        fake.add_defined_availability(
            start=text(START, 9 * 60), end=text(START, 12 * 60), employee={"id": who}, office={"id": "office-1"},
            subject={"id": "subject-1"}, meetingType="VIDEO", maxConcurrentAppointments=1,
        )  # fmt: skip
    return fake


def booking(fake: Any, who: str, start: str, end: str, customer: str = "customer-0") -> None:
    fake.add_appointment(
        start=start, end=end, status="ACCEPTED", subject={"id": "subject-1"}, office={"id": "office-1"},
        meetingType="VIDEO", trailingBufferTime=0,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": customer}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": who}, "type": "EMPLOYEE"},
        ],
    )  # fmt: skip


async def test_a_catch_up_reads_what_changed_behind_the_store_and_a_change_is_read_at_once(database: str) -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = AvailabilityStore(database, client=engage, refresh=3600)
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        booking(fake, "emp-a", text(START, 9 * 60), text(START, 10 * 60))
        fake.add_external_calendar_event("emp-b", start=text(START, 9 * 60), end=text(START, 11 * 60), showAs="BUSY")
        stale = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert not any(view.busy for view in stale.views)  # behind the store: not seen yet
        assert await store.catch_up() == 1
        before = len(fake.calls)
        caught = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert len(fake.calls) == before
        assert unread(caught) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])

        async with store:  # open: a change told is read again at once, in the background
            booking(fake, "emp-b", text(START, 11 * 60), text(START, 12 * 60))
            await store.changed("emp-b")
            async with asyncio.timeout(10):  # the refresh reads both of the adviser's lists again, and keeps them
                while await read_again(store, "appointments:emp-b") or await read_again(store, "events:emp-b"):  # noqa: ASYNC110 - a table, no event
                    await asyncio.sleep(0.01)
            before = len(fake.calls)
            told = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert len(fake.calls) == before
        assert [b.id for b in told.view("emp-b").busy if b.kind == "appointment"] != []


async def read_again(store: AvailabilityStore, name: str) -> bool:
    asked = {name: None}
    held = (await store._database.run(partial(_tables.held, store._dialect, enterprise=store.enterprise, asked=asked)))[
        name
    ]
    return held is None or held.stale


async def test_the_mirrors_changes_keep_the_appointments_with_no_request(tmp_path: Path) -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage)
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        booking(fake, "emp-a", text(START, 9 * 60), text(START, 10 * 60))
        (added,) = [a.to_dict() async for a in engage.appointments.get_appointments(employee_id=["emp-a"])]
        before = len(fake.calls)
        after = SimpleNamespace(document=added, employee_ids=("emp-a",), gone_at=None)
        await store.appointment_changed(None, after)  # type: ignore[arg-type]
        seen = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert len(fake.calls) == before
        assert [b.id for b in seen.view("emp-a").busy] == [added["id"]]
        older = added | {"updatedAt": "2000-01-01T00:00:00Z", "status": "CANCELLED"}
        await store.appointment_changed(None, replace_ns(after, document=older))  # older: the newer stays
        gone = replace_ns(after, gone_at=START)
        await store.appointment_changed(after, gone)  # type: ignore[arg-type]
        seen = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert seen.view("emp-a").busy == ()
        await store.close()


async def test_a_list_rewritten_behind_a_stores_decoded_copy_is_seen_by_its_next_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each store keeps the lists it decoded, by version, and only so many: another store on the database reading them
    again (a new version) is seen by the next search, with no request."""
    fake = seeded()
    database = f"sqlite:///{tmp_path / 'a.db'}"
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        first, second = AvailabilityStore(database, client=engage), AvailabilityStore(database, client=engage)
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=first)
        assert len(first._decoded) == 6  # employees, the office's blocks, 2 x (appointments, events)
        booking(fake, "emp-b", text(START, 9 * 60), text(START, 10 * 60))
        await second.catch_up()  # every list written again, emp-b's appointments changed
        before = len(fake.calls)
        seen = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=first)
        assert len(fake.calls) == before
        assert len(seen.view("emp-b").busy) == 1
        assert unread(seen) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
        monkeypatch.setattr(_store, "_DECODED_LISTS", 2)
        assert unread(await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=first)) == (
            unread(seen)
        )
        assert len(first._decoded) == 2
        await first.close()
        await second.close()


def replace_ns(value: SimpleNamespace, **changes: Any) -> Any:
    return SimpleNamespace(**(vars(value) | changes))


async def test_stale_candidates_booked_at_once_make_no_double_booking(tmp_path: Path) -> None:
    """Appointments and external events changed behind the store; 12 customers book its stale candidates at once:
    the fake refuses what is taken, each refusal moves on and tells the store, and no adviser is booked twice."""
    fake = seeded()
    for hour in (9, 10):
        booking(fake, "emp-a", text(START, hour * 60), text(START, hour * 60 + 30))
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage)
        team = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        booking(fake, "emp-b", text(START, 9 * 60), text(START, 10 * 60))  # behind the store
        fake.add_external_calendar_event("emp-a", start=text(START, 11 * 60), end=text(START, 12 * 60), showAs="BUSY")
        proposal = Candidates.from_team(team, 30, step=30)
        body = {"subjectId": "subject-1", "officeId": "office-1", "meetingType": "VIDEO"}

        async def book(n: int) -> Any:
            customer = {"role": "PRIMARY", "type": "CUSTOMER", "participantId": f"customer-{n}"}
            wanted = body | {"externalId": f"booking-{n}", "appointmentParticipants": [customer]}
            try:
                return await engage.availability.book_first(proposal, wanted, store=store)
            except errors.NoSlotBookedError as error:  # every candidate taken
                return error

        results = await asyncio.gather(*(book(n) for n in range(12)))
        booked = [r for r in results if not isinstance(r, BaseException)]
        assert booked
        assert any(r.refused for r in booked)
        held: dict[str, list[tuple[Any, Any]]] = {}
        async for appointment in engage.appointments.get_appointments(employee_id=["emp-a", "emp-b"]):
            wire = appointment.to_dict()
            for p in wire["appointmentParticipants"]:
                if p["type"] == "EMPLOYEE":
                    held.setdefault(p["participant"]["id"], []).append((wire["start"], wire["end"]))
        for spans in held.values():
            spans.sort()
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans
        refused = {r.candidate.employee_id for b in booked for r in b.refused}
        # each adviser refused was told to the store: the next search reads it again and sees what it booked
        before = len(fake.calls)
        again = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        read = {call.operation_id for call in fake.calls[before:]}
        assert refused
        assert "getAppointments" in read
        assert unread(again) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
        await store.close()


async def test_enterprises_share_a_database_and_no_row_crosses(database: str) -> None:
    fake = seeded()  # acme, the fake's first enterprise; globex beside it, with emp-a booked all morning
    booking(seeded(fake.in_enterprise("globex")), "emp-a", text(START, 9 * 60), text(START, 12 * 60))
    seen = {}
    for name in ("acme", "globex"):
        async with PexipEngage(name, token=TOKEN, transport=fake) as engage:
            store = AvailabilityStore(database, client=engage)
            await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
            seen[name] = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
            assert unread(seen[name]) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
            rows = await store._database.run(
                lambda s: s.rows("SELECT enterprise, count(*) FROM availability_lists GROUP BY enterprise")
            )
            await store.close()
    assert seen["acme"].view("emp-a").busy == ()
    assert len(seen["globex"].view("emp-a").busy) == 1
    assert dict(rows) == {"acme": 6, "globex": 6}  # employees, the office's blocks, 2 x (appointments, events)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="refresh"):
        AvailabilityStore("sqlite:///x.db", client=PexipEngage("acme", token=TOKEN), refresh=0)


async def test_fuzzed_calls_of_five_enterprises_on_one_database_see_only_their_own_rows(database: str) -> None:
    """80 random searches, changes told and catch-ups of five enterprises through stores on one database: every
    adviser and every busy item a search shows is its enterprise's, and each store's answer is a fresh read's."""
    rng = random.Random(107)  # noqa: S311 - a seeded fuzz
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    names = ["acme", "globex", "initech", "umbrella", "hooli"]
    owned: dict[str, set[str]] = {}
    for name in names:
        seeded(fake if name == "acme" else fake.in_enterprise(name))
        into = fake if name == "acme" else fake.in_enterprise(name)
        for who in ("emp-a", "emp-b"):
            for _ in range(rng.randint(0, 3)):
                at = rng.randrange(9 * 60, 12 * 60, 15)
                into.add_external_calendar_event(who, start=text(START, at), end=text(START, at + 30), showAs="BUSY")
            booking(into, who, text(START, rng.randrange(9 * 60, 11 * 60, 30)), text(START, 11 * 60 + 30))
        owned[name] = set()
    async with contextlib.AsyncExitStack() as stack:
        clients = {n: await stack.enter_async_context(PexipEngage(n, token=TOKEN, transport=fake)) for n in names}
        for name, engage in clients.items():
            owned[name] = {a.id async for a in engage.appointments.get_appointments()}
            for who in ("emp-a", "emp-b"):
                owned[name] |= {
                    e.id async for e in engage.employees.get_external_calendar_events(who, from_=DAY[0], to=DAY[1])
                }
        stores = {n: AvailabilityStore(database, client=clients[n]) for n in names}
        for _ in range(80):
            name = rng.choice(names)
            move = rng.random()
            if move < 0.1:
                await stores[name].changed(rng.choice(["emp-a", "emp-b"]))
            elif move < 0.15:
                await stores[name].catch_up()
            start = START + datetime.timedelta(hours=rng.randrange(0, 24))
            end = start + datetime.timedelta(hours=rng.randrange(1, 48))
            team = await clients[name].availability.team_free_busy("office-1", start=start, end=end, store=stores[name])
            assert {b.id for view in team.views for b in view.busy} <= owned[name]
            if move > 0.9:
                assert unread(team) == await clients[name].availability.team_free_busy("office-1", start=start, end=end)
        for each in stores.values():
            await each.close()


async def test_beside_a_mirror_a_catch_up_reads_no_appointments_and_an_event_is_read_again(tmp_path: Path) -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path / 'mirror.db'}", secret="s3cr3t", client=engage)
        store = AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage, mirror=mirror)
        assert list(mirror._hooks) == ["availability-acme"]  # the mirror hands it every change
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        before = len(fake.calls)
        await store.catch_up()
        read = Counter(call.operation_id for call in fake.calls[before:])
        assert read == {"getDefinedAvailability": 1, "getEmployees": 1, "getExternalCalendarEvents": 2}
        event = {"data": {"appointment": {"appointmentParticipants": [
            {"role": "PRIMARY", "type": "EMPLOYEE", "participant": {"id": "emp-b"}},
            {"role": "PRIMARY", "type": "CUSTOMER", "participant": {"id": "customer-1"}},
        ]}}}  # fmt: skip
        await store.appointment_event(event)
        assert [
            await read_again(store, f"{kind}:{who}")
            for kind in ("appointments", "events")
            for who in ("emp-a", "emp-b")
        ] == [False, True, False, True]
        await store.close()


async def test_a_cold_branch_of_20_advisers_reads_their_appointments_in_one_walk(tmp_path: Path) -> None:
    """A cold search of a 20-adviser branch (bench/team.py's, a day) costs the office's blocks, one walk of
    `getAppointments` for every adviser (one page of 1,000) and each adviser's events: 22 requests, and the employees
    once for the store (23 for its first branch). What it gives is a fresh read's."""
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_subject(id="mortgage")
    fake.add_customer(id="customer-1")
    for office in ("branch", "north"):
        bench_team.seed_branch(fake, office, 20, 1)
    start, end = bench_team.START, bench_team.START + datetime.timedelta(days=1)
    costs = []
    async with (
        PexipEngage("acme", token=TOKEN, transport=fake) as engage,
        AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage) as store,
    ):
        for office in ("branch", "north"):
            before = len(fake.calls)
            team = await engage.availability.team_free_busy(office, start=start, end=end, store=store)
            costs.append(Counter(call.operation_id for call in fake.calls[before:]))
            assert unread(team) == await engage.availability.team_free_busy(office, start=start, end=end)
            assert Candidates.from_team(team, 30, order="fair")
    walk = {"getDefinedAvailability": 1, "getAppointments": 1, "getExternalCalendarEvents": 20}
    assert costs == [walk | {"getEmployees": 1}, walk]
    assert sum(costs[1].values()) == 22


async def test_the_stores_walk_reads_every_page_and_a_catch_up_walks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store reads its appointments with the walk of a fresh read, every page of it, each appointment kept for each
    of its advisers; a catch-up walks once more for the branch."""
    fake = seeded()
    for hour in (9, 10, 11):
        booking(fake, "emp-a", text(START, hour * 60), text(START, hour * 60 + 30))
    fake.add_appointment(
        start=text(START, 11 * 60 + 30), end=text(START, 12 * 60), status="ACCEPTED", subject={"id": "subject-1"},
        office={"id": "office-1"}, meetingType="VIDEO", trailingBufferTime=0,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "emp-a"}, "type": "EMPLOYEE"},
            {"role": "SECONDARY", "participant": {"id": "emp-b"}, "type": "EMPLOYEE"},
        ],
    )  # fmt: skip
    pages_of(2, monkeypatch)  # 4 appointments: two pages, the shared one on the second
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage)
        cold = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        booking(fake, "emp-b", text(START, 9 * 60), text(START, 10 * 60))  # behind the store: a third page
        before = len(fake.calls_to("getAppointments"))
        await store.catch_up()
        assert len(fake.calls_to("getAppointments")) - before == 3
        caught = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert unread(caught) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
        await store.close()
    assert appointment_starts(cold) == {"emp-a": ["09:00", "10:00", "11:00", "11:30"], "emp-b": ["11:30"]}
    assert appointment_starts(caught) == {"emp-a": ["09:00", "10:00", "11:00", "11:30"], "emp-b": ["09:00", "11:30"]}


async def test_a_warm_branch_looks_its_lists_up_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm search looks each kind of list up in one transaction: a branch of 2 advisers waits on the database 4
    times (the employees, the office's blocks, every adviser's appointments, their events), not once per list (6)."""
    fake = seeded()
    async with (
        PexipEngage("acme", token=TOKEN, transport=fake) as engage,
        AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage) as store,
    ):
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        looked_up: list[list[str]] = []
        held = _tables.held

        def counted(*arguments: Any, asked: dict[str, int | None], **keywords: Any) -> Any:
            looked_up.append(sorted(asked))
            return held(*arguments, asked=asked, **keywords)

        monkeypatch.setattr(_tables, "held", counted)
        warm = await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert unread(warm) == await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
    assert sorted(looked_up) == [
        ["appointments:emp-a", "appointments:emp-b"],
        ["defined:office-1"],
        ["employees"],
        ["events:emp-a", "events:emp-b"],
    ]


@pytest.mark.parametrize("kind", ["absent", "null", "type"])
async def test_each_field_a_view_reads_unlike_the_spec_gives_from_the_store_what_a_fresh_read_gives(
    tmp_path: Path, kind: str
) -> None:
    """The store reads each kept item's fields alone, not its whole model: each field a view reads, drifted in its
    answer, gives the view a fresh read gives, notes included, whether the lists were just read or come from the
    database."""
    employees = [(r".*/employees", "timeZone"), (r".*/employees", "officeRelations"), (r".*/employees", "id")]
    for n, (answer, name) in enumerate([*READ_FIELDS[:-1], *employees]):
        fake = FakePexipEngage(max_in_flight=None, per_minute=None)
        seed_a_day(fake)
        rewrite = each_item(difference(kind, name))
        database = f"sqlite:///{tmp_path / f'{n}.db'}"
        async with drifted(fake, answer, rewrite) as engage:
            view = partial(engage.availability.team_free_busy, "office-1", start=DRIFTED_DAY[0], end=DRIFTED_DAY[1])
            read = await view()
            cold, warm = AvailabilityStore(database, client=engage), AvailabilityStore(database, client=engage)
            assert (unread(await view(store=cold)), unread(await view(store=warm))) == (read, read), (answer, name)
            await cold.close()
            await warm.close()


async def test_the_lists_a_store_keeps_decoded_are_nothing_the_garbage_collector_walks(tmp_path: Path) -> None:
    """A store keeps thousands of lists decoded: each is a tuple of tuples of immutable values, which the garbage
    collector stops tracking, and the employees are their zones and ids, so that a full collection does not walk
    their items (it took up to half a second beside a bank's 500 branches)."""
    fake = seeded()
    booking(fake, "emp-b", text(START, 9 * 60), text(START, 10 * 60))
    fake.add_external_calendar_event("emp-a", start=text(START, 10 * 60), end=text(START, 11 * 60), showAs="BUSY")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = AvailabilityStore(f"sqlite:///{tmp_path / 'a.db'}", client=engage)
        await engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        for _ in range(4):  # a collection untracks a tuple it tracks none of the items of: one level each at worst
            gc.collect()
        staff = store._decoded.pop("employees")[1]
        kept = [decoded for _, decoded in store._decoded.values()]
        assert sum(map(len, kept)) == 4  # the office's 2 blocks, an appointment and an event
        assert [decoded for decoded in kept if gc.is_tracked(decoded)] == []
        assert [each for each in (*staff.zones.values(), *staff.at_office.values()) if gc.is_tracked(each)] == []
        await store.close()
