"""The mirror in process, against the fake: ordering whatever the deliveries, reads coalesced and paged,
"gone", fields it cannot read, refusals, the change hooks, `check` and `status`."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import defaultdict
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror, MirroredAppointment
from pexip_engage_client.mirror._rows import READ_COLUMNS
from pexip_engage_client.testing import FakePexipEngage, appointment_event

from ..support.drift import DriftingTransport
from ..support.mirror import (
    SECRET,
    create_body,
    execute,
    reschedule,
    seed,
    seed_references,
    stale_or_missing,
    table,
    wire,
)
from ..support.rewriting import Rewriting
from ..support.waiting import wait_until

NOW = datetime.now(UTC)

Seen = list[tuple[MirroredAppointment | None, MirroredAppointment]]


def reads_by_id(fake: FakePexipEngage) -> int:
    """The requests that read appointments by id (a page of ids, or one alone)."""
    paged = [call for call in fake.calls_to("getAppointments") if "id=" in str(call.request.url)]
    return len(paged) + len(fake.calls_to("getAppointmentById"))


async def test_duplicated_and_reordered_deliveries_leave_the_table_equal_to_the_api_and_each_change_handed_once(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 8, starting=NOW + timedelta(days=3))
    seen: Seen = []
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.02)
        mirror.on_change(lambda before, after: seen.append((before, after)))
        # A tenth of Engage's timings: no delivery is lost to a loaded machine (catch-ups find those: other tests).
        sender = fake.deliver_webhooks(
            mirror.asgi_app(), key=SECRET, duplicates=2, reorder_window=0.05, time_scale=0.1, seed=89
        )
        async with mirror:
            await mirror.catch_up()
            for round_ in range(3):
                for number, appointment_id in enumerate(ids):
                    fake.clock.advance(1)
                    await reschedule(engage, appointment_id, NOW + timedelta(days=4 + round_, hours=number))
                await asyncio.sleep(0.03)
            created = await engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=9), "CRM-new"))
            await sender.drain()
            async with asyncio.timeout(20):
                await mirror.join()
    assert len(sender.delivered) == 3 * (3 * 8 + 1)  # every event three times, in no order
    assert stale_or_missing(database, fake) == []
    by_appointment: dict[str, list[datetime]] = defaultdict(list)
    for before, after in seen:
        assert after.updated_at is not None
        if before is not None:
            assert before.updated_at is not None
            assert before.updated_at < after.updated_at
        by_appointment[after.id].append(after.updated_at)
    assert [before for before, after in seen if after.id == created.id][:1] == [None]  # new to the table
    numbers = [after.sequence for _, after in seen]
    assert numbers == sorted(set(numbers))  # each change once, in the order of its number
    for appointment_id, moments in by_appointment.items():
        assert moments == sorted(set(moments)), appointment_id  # in each appointment's order, none twice
    assert by_appointment[ids[0]][-1] == table(database)[ids[0]]["updated_at"]


@pytest.mark.slow  # a burst of many appointments' events
async def test_a_burst_of_one_appointments_events_makes_one_read_and_many_appointments_a_page_each(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 150, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.5)
        sender = fake.deliver_webhooks(mirror.asgi_app(), key=SECRET, time_scale=0.01)
        async with mirror:
            for _ in range(10):  # within a moment: one read
                fake.clock.advance(0.01)
                await engage.appointments.update_appointment_details(ids[0], body={"answers": []})
            await sender.drain()
            async with asyncio.timeout(20):
                await mirror.join()
            assert reads_by_id(fake) == 1
        # 150 appointments named while no reader ran: read 100 at a time (the page size), the API's limits kept.
        sender = fake.deliver_webhooks(mirror.receiver.asgi_app(), key=SECRET, time_scale=0.01)
        async with mirror.receiver:
            for appointment_id in ids:
                fake.clock.advance(0.01)
                await engage.appointments.accept_appointment(appointment_id)
            await sender.drain()
            async with asyncio.timeout(20):
                await mirror.receiver.join()
        await mirror.stop()  # the database its receiver's handler opened (the mirror itself not running), closed
        reader = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0)
        async with reader:
            async with asyncio.timeout(20):
                await reader.join()
    assert reads_by_id(fake) == 1 + 2
    rows = table(database)
    assert {rows[appointment_id]["status"] for appointment_id in ids} == {"ACCEPTED"}


async def test_a_read_older_than_the_row_or_a_replay_never_puts_the_older_state_back(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment_id] = seed(fake, 1, starting=NOW + timedelta(days=3))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with mirror:
            await mirror.catch_up()
            old = fake.appointments[appointment_id]
            old_event = appointment_event(dict(old), "CREATE")
            fake.clock.advance(1)
            await engage.appointments.accept_appointment(appointment_id)
            # The API, served by a replica that lags, answers the older state once more.
            older = dict(old)
            newest = dict(fake.appointments[appointment_id])
            fake.appointments[appointment_id] = older
            answer = await mirror.receive(
                old_event, key=SECRET
            )  # a replay of the old event, and a read of the old state
            assert answer.status == 202
            async with asyncio.timeout(10):
                await mirror.join()
            assert table(database)[appointment_id]["status"] == "INCOMING_REQUEST"  # not yet told of the change
            caught = await mirror.catch_up()
            assert caught.unchanged == 1
            fake.appointments[appointment_id] = newest
            caught = await mirror.catch_up()
            assert caught.updated == 1
            fake.appointments[appointment_id] = older
            caught = await mirror.catch_up()
    assert (caught.older, caught.updated) == (1, 0)
    assert table(database)[appointment_id]["status"] == "ACCEPTED"


async def test_an_appointment_that_reads_as_gone_is_marked_gone_and_its_hook_told(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=3))
    seen: Seen = []
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)

        @mirror.on_change
        async def changed(before: MirroredAppointment | None, after: MirroredAppointment) -> None:
            seen.append((before, after))

        async with mirror:
            await mirror.catch_up()
            removed = fake.remove("/appointments", ids[0])
            # An event of it (its deletion is not one Engage documents): read, answered 404.
            event = appointment_event({**removed, "updatedAt": wire(fake.clock.advance(5))}, "CANCEL")
            assert (await mirror.receive(event, key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await mirror.join()
            gone = table(database)[ids[0]]
            fake.remove("/appointments", ids[1])  # no event: the catch-up reads it again by id
            caught = await mirror.catch_up()
            again = await mirror.catch_up()
            checked = await mirror.check()
            async with asyncio.timeout(10):
                await mirror.join()
    assert gone["gone_at"] is not None
    assert gone["status"] == "INCOMING_REQUEST"
    # The window's catch-up reads the window's one present appointment; the gone rows are read again only by
    # the catch-up of everything (docs/mirror.md, "No window trap").
    assert (caught.gone, again.gone, again.unchanged) == (1, 0, 1)
    told = [
        (before is not None and before.gone_at is None, after.id, after.gone_at is not None) for before, after in seen
    ]
    assert told[3:] == [(True, ids[0], True), (True, ids[1], True)]
    assert checked.equal
    assert checked.rows == 3
    assert checked.listed == 1


async def test_fields_the_client_cannot_read_are_stored_as_null_and_counted(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    drifting = DriftingTransport(fake, "getAppointments", "/data/*/status", "type")  # a number where text was
    async with PexipEngage("acme", token="t", transport=drifting, strict_responses=False) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            caught = await mirror.catch_up()
            status = await mirror.status()
    assert (caught.added, caught.unreadable) == (3, 3)
    assert status.unreadable == 3
    with closing(sqlite3.connect(tmp_path / "mirror.db")) as db, db:
        rows = db.execute("SELECT id, status, unreadable, document FROM appointments ORDER BY id").fetchall()
    assert {row[0] for row in rows} == set(ids)
    for _, stored_status, unreadable, document in rows:
        assert stored_status is None
        assert unreadable == '["status"]'
        assert '"status":7' in document  # the appointment as the API sent it


@pytest.mark.parametrize(
    ("body", "query", "content_type", "status"),
    [
        (b"{}", "", "application/json", 401),  # no key
        (b"{}", "?key=wrong", "application/json", 401),
        (b"not json", f"?key={SECRET}", "application/json", 400),
        (b'{"id": "x"}', f"?key={SECRET}", "application/json", 400),  # not an event
        (b"{}", f"?key={SECRET}", "text/plain", 415),
    ],
)
async def test_a_delivery_without_the_secret_or_that_cannot_be_read_is_refused_and_changes_nothing(
    tmp_path: Path, body: bytes, query: str, content_type: str, status: int
) -> None:
    fake = FakePexipEngage()
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        app = mirror.asgi_app()
        async with mirror, httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://mirror") as http:
            answer = await http.post(f"/{query}", content=body, headers={"Content-Type": content_type})
            async with asyncio.timeout(10):
                await mirror.join()
            state = await mirror.status()
    assert answer.status_code == status
    assert SECRET not in answer.text
    assert (state.rows, state.waiting_reads, state.waiting_events, state.last_change) == (0, 0, 0, 0)
    with closing(sqlite3.connect(tmp_path / "mirror.events.db")) as db, db:  # the receiver's events, beside the table
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)  # it stored nothing
    assert fake.calls_to("getAppointments") == []


@pytest.mark.slow  # a mirror run, its restart and its hook's retries
async def test_the_hook_goes_on_after_a_restart_from_its_cursor_and_a_failing_one_holds_the_later_changes(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 4, starting=NOW + timedelta(days=3))
    seen: list[tuple[str, int]] = []
    failures = {"left": 2}

    def changed(before: MirroredAppointment | None, after: MirroredAppointment) -> None:  # a plain function: a thread
        if after.id == ids[1] and failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("the CRM is down")
        seen.append((after.id, after.sequence))

    async with PexipEngage("acme", token="t", transport=fake) as engage:
        first = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, poll_interval=0.05)
        first.on_change(changed, cursor="crm")
        async with first:
            await first.catch_up()
            async with asyncio.timeout(20):
                await first.join()
        assert seen == [
            (appointment_id, number) for number, appointment_id in enumerate(ids, 1)
        ]  # ids[1] retried first
        fake.clock.advance(1)
        await engage.appointments.accept_appointment(ids[2])
        # A new process on the same database: the hook is handed what came after its cursor, nothing before.
        second = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, poll_interval=0.05)
        second.on_change(changed, cursor="crm")
        async with second:
            await second.catch_up()
            async with asyncio.timeout(20):
                await second.join()
            status = await second.status()
    assert seen[4:] == [(ids[2], 5)]
    assert status.cursors == {"crm": 5}
    assert status.last_change == 5


async def test_a_hook_still_running_when_a_stops_grace_ends_is_named_and_its_change_handed_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 1, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    running, finish = threading.Event(), threading.Event()
    seen: list[int] = []

    def slow(before: MirroredAppointment | None, after: MirroredAppointment) -> None:  # a plain function: a thread
        running.set()
        finish.wait(10)
        seen.append(after.sequence)

    async with PexipEngage("acme", token="t", transport=fake) as engage:
        first = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        first.on_change(slow)
        await first.start()
        await first.catch_up()
        await asyncio.to_thread(running.wait, 10)
        await first.stop(grace=0.1)  # the hook outlasts it: its thread cannot be interrupted
        finish.set()
        await asyncio.to_thread(wait_until, lambda: bool(seen), 10)
        status = await first.status()
        await first.stop()  # the database the status opened, closed
    assert seen == [1]  # finished in its thread
    assert (status.last_change, status.cursors) == (1, {"default": 0})  # its cursor not moved: handed again
    warned = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert any("cursor 'default'" in message and "change 1 " in message for message in warned), warned


async def test_a_stop_while_a_failed_hook_waits_to_retry_ends_at_once_and_leaves_the_change_for_the_next_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 1, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    calls: list[int] = []

    async def failing(before: MirroredAppointment | None, after: MirroredAppointment) -> None:
        calls.append(after.sequence)
        raise RuntimeError("the CRM is down")

    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, poll_interval=0.05)
        mirror.on_change(failing)
        await mirror.start()
        await mirror.catch_up()
        async with asyncio.timeout(10):
            while not calls:  # noqa: ASYNC110 - the hook's first failure: it now waits about a second to retry
                await asyncio.sleep(0.01)
        began = time.monotonic()
        await mirror.stop(grace=8.0)  # no hook runs: nothing to wait for (it waited the whole grace)
        took = time.monotonic() - began
        handed = len(calls)
        status = await mirror.status()
        await mirror.stop()
    assert took < 4.0, took
    assert len(calls) == handed  # nothing called after the stop
    assert (status.last_change, status.cursors) == (1, {"default": 0})  # handed again at the next start
    warned = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert not any("still runs" in message for message in warned), warned


def test_a_hook_that_cannot_take_before_and_after_is_refused_when_registered(tmp_path: Path) -> None:
    mirror = AppointmentMirror(f"sqlite:///{tmp_path}/m.db", secret=SECRET)
    with pytest.raises(TypeError, match=r"hook\(before, after\)"):
        mirror.on_change(lambda after: None)  # type: ignore[type-var]
    mirror.on_change(lambda before, after: None)
    with pytest.raises(ValueError, match="cursor 'default' already"):
        mirror.on_change(lambda before, after: None)
    assert "s3cr3t" not in repr(mirror)


async def test_a_hook_registered_once_the_mirror_runs_is_refused(tmp_path: Path) -> None:
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/m.db", secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            with pytest.raises(RuntimeError, match="before the mirror starts"):
                mirror.on_change(lambda before, after: None)


@pytest.mark.parametrize(
    ("argument", "value", "message"),
    [
        ("page_size", 0, "page_size"),
        ("page_size", 1001, "page_size"),
        ("quiet", -1, "quiet"),
        ("catch_up_every", 0, "catch_up_every"),
        ("window", (timedelta(days=1), timedelta(days=-1)), "window"),
        ("database", "redis://localhost", "database"),
        ("database", "sqlite://relative.db", "sqlite:///"),
    ],
)
def test_bad_arguments_are_refused_naming_them(tmp_path: Path, argument: str, value: Any, message: str) -> None:
    given: dict[str, Any] = {"database": f"sqlite:///{tmp_path}/m.db", "secret": SECRET, argument: value}
    with pytest.raises(ValueError, match=message):
        AppointmentMirror(**given)


async def test_check_names_each_appointment_the_table_has_wrong(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 5, starting=NOW + timedelta(days=3))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            await mirror.catch_up()
            equal = await mirror.check()
            execute(database, "UPDATE appointments SET status = 'CANCELLED' WHERE id = ?", (ids[0],))
            execute(database, "DELETE FROM appointments WHERE id = ?", (ids[1],))
            execute(database, "UPDATE appointments SET updated_at = ? WHERE id = ?", (_earlier(database), ids[2]))
            execute(database, "UPDATE appointments SET id = 'not-in-engage' WHERE id = ?", (ids[3],))
            differing = await mirror.check()
            repaired = await mirror.catch_up()
            after = await mirror.check()
    assert equal.equal
    assert (equal.listed, equal.rows, equal.consistent) == (5, 5, True)
    assert not differing.equal
    named = {difference.id: (difference.kind, difference.columns) for difference in differing.differences}
    assert named == {
        ids[0]: ("differs", ("status",)),
        ids[1]: ("missing", ()),
        ids[2]: ("stale", ("updated_at",)),
        ids[3]: ("missing", ()),
        "not-in-engage": ("not_gone", ()),
    }
    assert str(next(d for d in differing.differences if d.id == ids[0])).endswith("at the same updatedAt (status)")
    assert (repaired.repaired, repaired.added, repaired.updated, repaired.gone) == (1, 2, 1, 1)
    assert after.equal


async def test_check_calls_the_table_equal_only_from_a_consistent_listing(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 4, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            await mirror.catch_up()
    hidden = seed(fake, 1, starting=NOW + timedelta(days=5))[0]  # its deliveries lost: not in the table
    totals = iter(range(10, 100))

    def in_flux(request: httpx2.Request, document: Any) -> None:
        """A list that changes while it is read: its total grows between the two readings, and the pages
        (asked while it moved) skip the new appointment."""
        if request.url.path.endswith("/appointments") and "id" not in request.url.params:
            if request.url.params.get("limit") == "1":
                document["meta"]["totalCount"] = next(totals)
            else:
                document["data"] = [item for item in document["data"] if item["id"] != hidden]

    async with PexipEngage("acme", token="t", transport=Rewriting(fake, in_flux)) as engage:
        result = await mirror.check(engage)
    await mirror.stop()  # the database the check opened, closed
    # The listing and the table agree, but the listing cannot be shown whole: the table is not called equal.
    assert (result.differences, result.listed, result.consistent, result.equal) == ((), len(ids), False, False)


async def test_stop_closes_the_database_a_status_or_check_opened_on_a_mirror_never_started(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=NOW + timedelta(days=3))
    path = tmp_path / "mirror.db"
    log = tmp_path / "mirror.db-wal"  # SQLite removes it when the last connection to the file closes
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(f"sqlite:///{path}", secret=SECRET, client=engage, catch_up_every=None)
        await mirror.receiver.start(handle=False)  # the events' file, as `mirror run` makes it (a read makes none)
        await mirror.receiver.stop()
        for read in (mirror.catch_up, mirror.status, mirror.check):  # the catch-up, a write, makes the table's
            await read()
            assert log.exists()  # the database open
            await mirror.stop()  # before: returned at once, the connection and its thread left open
            assert not log.exists()
    assert (await mirror.status()).rows == 2  # opened again when asked
    await mirror.stop()


def _earlier(database: str) -> Any:
    moment = datetime(2020, 1, 1, tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00") if database.startswith("sqlite") else moment


async def test_an_api_that_ignores_the_id_filter_is_read_one_appointment_at_a_time(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 4, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            await mirror.catch_up(everything=True)
    fake.clock.advance(1)
    fake.appointments[ids[1]]["status"] = "ACCEPTED"
    fake.appointments[ids[1]]["updatedAt"] = wire(fake.clock.now())
    other = seed(fake, 1, starting=NOW + timedelta(days=30))[0]  # listed first by an API that ignores `id`
    listed = dict(fake.appointments)
    fake.appointments.clear()
    fake.appointments.update({other: listed.pop(other), **listed})
    ignoring = Rewriting(fake, ignored=("id",))
    async with PexipEngage("acme", token="t", transport=ignoring) as engage:
        mirror.client = engage
        async with mirror:
            caught = await mirror.catch_up(start=NOW - timedelta(days=400), end=NOW - timedelta(days=399))
    assert (caught.reread, caught.updated, caught.unchanged) == (4, 1, 3)
    assert table(database)[ids[1]]["status"] == "ACCEPTED"
    assert other not in table(database)  # not asked for: left to a catch-up of everything
    assert len(fake.calls_to("getAppointmentById")) == 4


async def test_an_id_the_api_refuses_to_read_is_left_with_a_warning_and_holds_up_no_other(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with mirror:
            fake.fail("getAppointments", status=400, times=2)  # the page, then the first read alone
            for appointment_id in ids:
                fake.clock.advance(1)
                event = appointment_event(dict(fake.appointments[appointment_id]), "GENERIC_UPDATE")
                assert (await mirror.receive(event, key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await mirror.join()
    assert len(table(database)) == 2  # the two others read, alone, and applied
    assert [record.getMessage() for record in caplog.records if "refuses to read" in record.getMessage()] != []


async def test_the_wsgi_face_stores_deliveries_that_the_mirror_reads(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 2, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        # A WSGI server's thread (gunicorn's, Django's) stores and answers; it runs nothing.
        wsgi = httpx2.Client(transport=httpx2.WSGITransport(app=mirror.wsgi_app()), base_url="http://crm")
        fake.clock.advance(1)
        await engage.appointments.accept_appointment(ids[0])
        event = appointment_event(dict(fake.appointments[ids[0]]), "ACCEPT")
        headers = {"Content-Type": "application/json"}
        answers = await asyncio.to_thread(
            lambda: [wsgi.post(f"/?key={key}", content=event, headers=headers).status_code for key in (SECRET, "wrong")]
        )
        assert table(database) == {}  # stored, not read: no mirror runs yet
        async with mirror:  # the process that runs the mirror on the same database
            async with asyncio.timeout(10):
                await mirror.join()
        wsgi.close()
    assert answers == [202, 401]
    assert table(database)[ids[0]]["status"] == "ACCEPTED"
    assert ids[1] not in table(database)


async def test_a_difference_at_the_same_updated_at_is_a_repaired_change_logged_and_handed_to_the_hooks(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    fake.add_office(id="office-2")
    ids = seed(fake, 2, starting=NOW + timedelta(days=3))
    seen: Seen = []
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        mirror.on_change(lambda before, after: seen.append((before, after)))
        async with mirror:
            await mirror.catch_up()
            # An embedded object changed without the appointment's updatedAt moving.
            fake.appointments[ids[0]] = {**fake.appointments[ids[0]], "office": {"id": "office-2"}}
            caught = await mirror.catch_up()
            again = await mirror.catch_up()
            async with asyncio.timeout(10):
                await mirror.join()
    assert (caught.repaired, caught.changed, again.repaired) == (1, 1, 0)
    [(before, after)] = seen[2:]
    assert before is not None
    assert (after.id, after.change, after.office_id, before.office_id) == (ids[0], "repaired", "office-2", "office-1")
    assert after.updated_at == before.updated_at
    assert after.sequence == 3
    assert [after.change for _, after in seen[:2]] == ["added", "added"]


async def test_each_change_handed_to_a_hook_is_the_row_the_table_holds_and_the_document_alone_can_differ(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment_id] = seed(fake, 1, starting=NOW + timedelta(days=3))
    sent = fake.appointments[appointment_id]
    # Its start at another offset than UTC (the same instant), and fields this client does not know yet: kept in
    # the document in the order the API sent them.
    begins = datetime.fromisoformat(sent["start"]).astimezone(timezone(timedelta(hours=2))).isoformat()
    fake.appointments[appointment_id] = {"zNew": {"b": 1, "a": 2}, "aNew": 1, **sent, "start": begins}
    seen: Seen = []
    async with PexipEngage("acme", token="t", transport=fake, strict_responses=False) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        mirror.on_change(lambda before, after: seen.append((before, after)))
        async with mirror:
            await mirror.catch_up()
            # The same fields in another order, at the same updatedAt: the same document, no change.
            fake.appointments[appointment_id] = {"aNew": 1, "zNew": {"a": 2, "b": 1}, **sent, "start": begins}
            reordered = await mirror.catch_up()
            # A field only the document holds (no column) changed, 1 to true, without updatedAt moving: a repair.
            fake.appointments[appointment_id] = {"aNew": True, "zNew": {"a": 2, "b": 1}, **sent, "start": begins}
            repaired = await mirror.catch_up()
            async with asyncio.timeout(10):
                await mirror.join()
            held = await mirror.get(appointment_id)
    assert (reordered.unchanged, reordered.changed) == (1, 0)
    assert (repaired.repaired, repaired.changed) == (1, 1)
    assert [after.change for _, after in seen] == ["added", "repaired"]
    (_, added), (before, after) = seen
    assert before is not None
    assert replace(before, read_at=added.read_at) == added  # read again (unchanged) since: only read_at moved
    assert before.read_at > added.read_at
    assert after == held  # every column, through the change log: the participants' ids as the table holds them
    assert held is not None
    columns = (held.status, held.office_id, held.subject_id, held.external_id, held.employee_ids, held.customer_ids)
    assert columns == ("INCOMING_REQUEST", "office-1", "subject-1", "CRM-0", ("employee-1",), ("customer-1",))
    assert (held.start, held.end) == (datetime.fromisoformat(begins), datetime.fromisoformat(sent["end"]))
    assert (held.updated_at, held.unreadable, held.gone_at) == (datetime.fromisoformat(sent["updatedAt"]), (), None)
    assert held.document["aNew"] is True


async def test_a_read_that_cannot_be_ordered_by_updated_at_is_applied_as_updated_when_it_differs(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment_id] = seed(fake, 1, starting=NOW + timedelta(days=3))
    database = f"sqlite:///{tmp_path}/mirror.db"
    drifting = DriftingTransport(fake, "getAppointments")  # nothing planted until told
    seen: Seen = []
    async with PexipEngage("acme", token="t", transport=drifting, strict_responses=False) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        mirror.on_change(lambda before, after: seen.append((before, after)))
        async with mirror:
            await mirror.catch_up()
            # Its updatedAt unreadable (a number where a date-time was) and its status changed: no order, the API's.
            drifting.pointer, drifting.kind = "/data/*/updatedAt", "type"
            fake.appointments[appointment_id] = {**fake.appointments[appointment_id], "status": "ACCEPTED"}
            unordered = await mirror.catch_up()
            again = await mirror.catch_up()
            # Its updatedAt readable again but its participants not: the row holds no updatedAt to order by.
            drifting.pointer = "/data/*/appointmentParticipants"
            unreadable_participants = await mirror.catch_up()
            async with asyncio.timeout(10):
                await mirror.join()
            held = await mirror.get(appointment_id)
    assert (unordered.updated, unordered.repaired, again.unchanged, unreadable_participants.updated) == (1, 0, 1, 1)
    assert [after.change for _, after in seen] == ["added", "updated", "updated"]
    (_, first), (_, no_order), (_, last) = seen
    assert (no_order.status, no_order.updated_at, no_order.unreadable) == ("ACCEPTED", None, ("updated_at",))
    assert (last.updated_at, last.employee_ids, last.customer_ids) == (first.updated_at, None, None)
    assert last.unreadable == ("employee_ids", "customer_ids")
    assert last == held


@pytest.mark.parametrize(
    ("pointer", "columns"),
    [
        ("/data/*/status", ("status",)),
        ("/data/*/start", ("start",)),
        ("/data/*/end", ("end",)),
        ("/data/*/updatedAt", ("updated_at",)),
        ("/data/*/office/id", ("office_id",)),
        ("/data/*/subject/id", ("subject_id",)),
        ("/data/*/externalId", ("external_id",)),
        ("/data/*/appointmentParticipants", ("employee_ids", "customer_ids")),
        ("/data/*/appointmentParticipants/*/participant/id", ("employee_ids", "customer_ids")),
    ],
)
async def test_each_column_the_answer_gives_unlike_the_spec_is_named_and_alone_stored_as_null(
    tmp_path: Path, pointer: str, columns: tuple[str, ...]
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment_id] = seed(fake, 1, starting=NOW + timedelta(days=3))
    drifting = DriftingTransport(fake, "getAppointments", pointer, "type")
    async with PexipEngage("acme", token="t", transport=drifting, strict_responses=False) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            caught = await mirror.catch_up()
            row = await mirror.get(appointment_id)
    assert (caught.added, caught.unreadable) == (1, 1)
    assert row is not None
    assert row.unreadable == columns
    read = {name: getattr(row, name) for name in READ_COLUMNS if name not in ("document", "unreadable")}
    assert [name for name, value in read.items() if value is None] == list(columns)


async def test_a_time_without_an_offset_is_utc_a_null_field_null_and_two_unreadable_columns_both_named(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 2, starting=NOW + timedelta(days=3))
    sent = fake.appointments[ids[0]]
    updated = datetime.fromisoformat(sent["updatedAt"]).astimezone(UTC)
    # Its updatedAt and end as UTC without an offset, and its externalId null: read, not unreadable.
    naive = {"updatedAt": updated.replace(tzinfo=None).isoformat(), "end": sent["end"].replace("+00:00", "")}
    fake.appointments[ids[0]] = {**sent, **naive, "externalId": None}
    fake.appointments[ids[1]] = {
        **fake.appointments[ids[1]],
        "status": 7,
        "externalId": 8,
    }  # two fields unlike the spec
    async with PexipEngage("acme", token="t", transport=fake, strict_responses=False) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            first = await mirror.catch_up()
            again = await mirror.catch_up()  # the same answers: nothing differs from what the table holds
            plain, drifted = [await mirror.get(appointment_id) for appointment_id in ids]
    assert (first.added, first.unreadable, again.unchanged, again.changed) == (2, 1, 2, 0)
    assert plain is not None
    assert (plain.updated_at, plain.external_id, plain.unreadable) == (updated, None, ())
    assert plain.end == datetime.fromisoformat(sent["end"])
    assert drifted is not None
    assert (drifted.status, drifted.external_id, drifted.unreadable) == (None, None, ("status", "external_id"))
