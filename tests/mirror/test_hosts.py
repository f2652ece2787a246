"""The mirror on several hosts, and reads racing each other (issue 96): newer wins inside the write for rows
that do not exist yet, gone is ordered by when the API was asked, an id nothing can read is set aside."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import threading
import time
import uuid
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx2
import psycopg
import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client._shared.databases import _PostgresDialect
from pexip_engage_client.mirror import AppointmentMirror, MirroredAppointment, _tables
from pexip_engage_client.testing import FakePexipEngage, appointment_event

from ..support.loopback import free_port
from ..support.mirror import (
    SECRET,
    create_body,
    equal_soon,
    seed,
    seed_references,
    stale_or_missing,
    start_mirror,
    stopped,
    table,
    wire,
)
from ..support.postgres_server import migrated
from ..support.waiting import wait_until

NOW = datetime.now(UTC)


def _changes(url: str) -> list[tuple[int, str, bool, Any]]:
    """The change log: number, appointment, whether `before` is NULL, the after's updated_at (text)."""
    conninfo, schema = split_url(url)
    with psycopg.connect(conninfo) as pg:
        found = pg.execute(
            f"SELECT sequence, appointment_id, before IS NULL, after->>'updated_at'"  # noqa: S608 - a test's schema
            f' FROM "{schema}".appointment_changes ORDER BY sequence'
        ).fetchall()
    return [(int(number), str(row_id), bool(new), updated) for number, row_id, new, updated in found]


async def _waiting_on_locks(conninfo: str, count: int) -> None:
    """Until `count` transactions of the database wait on a lock (a row's, or an advisory one)."""
    deadline = time.monotonic() + 20
    while True:
        with psycopg.connect(conninfo, autocommit=True) as pg:
            found = pg.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            ).fetchone()
        if found is not None and found[0] >= count:
            return
        assert time.monotonic() < deadline, f"fewer than {count} transactions wait on a lock"
        await asyncio.sleep(0.05)


class _RecordedStatements:
    """Statements that keep what they are given: the SQL PostgreSQL would run, without a server."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, list[tuple[Any, ...]]]] = []

    def many(self, sql: str, params: Any) -> None:
        self.ran.append((sql, [tuple(row) for row in params]))


def test_postgres_locks_each_appointment_for_the_transaction_in_one_order_by_a_key_every_host_shares() -> None:
    """The lock the SQLite simulation stands in for (tests/support/mirror_simulation.py), as PostgreSQL is asked for
    it: a transaction-scoped advisory lock (released by the commit or rollback, never left to the session), each id
    once, in the order of the keys (two hosts never wait on each other in a circle), by a key that is the same in
    every process and release (a host of a rolling deploy shares its locks with the others)."""
    statements = _RecordedStatements()
    _PostgresDialect().lock_ids(statements, ["ap-1", "ap-2", "ap-1"])  # type: ignore[arg-type]
    keys = [(-4452152820944008132,), (8727822833789296119,)]  # ap-2's, then ap-1's
    assert statements.ran == [("SELECT pg_advisory_xact_lock(?)", keys)]
    nothing = _RecordedStatements()
    _PostgresDialect().lock_ids(nothing, [])  # type: ignore[arg-type]
    assert nothing.ran == []


@pytest.mark.end_to_end
async def test_two_hosts_applying_pages_of_the_same_new_appointments_together_leave_the_newer_and_one_added_each(
    postgres_url: str,
) -> None:
    # Host A's page of 100 new appointments is read, and held before its write (the change counter's row is
    # held by hand) while every appointment changes; host B reads the newer versions and applies them
    # together with A's. Without a lock on a row that does not exist yet, both decided "added".
    url = migrated(f"{postgres_url}?schema=mirror_{uuid.uuid4().hex[:12]}")  # as at deploy: no DDL at run time
    conninfo, schema = split_url(url)
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 100, starting=NOW + timedelta(days=3))
    seen: list[tuple[MirroredAppointment | None, MirroredAppointment]] = []
    async with (
        PexipEngage("acme", token="t", transport=fake) as engage_a,
        PexipEngage("acme", token="t", transport=fake) as engage_b,
    ):
        host_a = AppointmentMirror(url, secret=SECRET, client=engage_a, catch_up_every=None)
        host_a.on_change(lambda before, after: seen.append((before, after)))
        host_b = AppointmentMirror(url, secret=SECRET, client=engage_b, catch_up_every=None)
        await host_a.status()  # its tables made
        with psycopg.connect(conninfo) as holder:
            holder.execute(f'SELECT last FROM "{schema}".mirror_sequence FOR UPDATE')  # noqa: S608
            first = asyncio.create_task(host_a.catch_up())
            await _waiting_on_locks(conninfo, 1)
            for appointment_id in ids:
                fake.clock.advance(0.01)
                await engage_a.appointments.accept_appointment(appointment_id)
            second = asyncio.create_task(host_b.catch_up())
            await _waiting_on_locks(conninfo, 2)
            holder.rollback()
        async with asyncio.timeout(30):
            older, newer = await first, await second
        async with host_a:  # the hook handed every change
            async with asyncio.timeout(30):
                await host_a.join()
        checked = await host_b.check()
        await host_b.stop()
    assert (older.added, newer.added, newer.updated) == (100, 0, 100)
    assert stale_or_missing(url, fake) == []
    assert checked.equal
    changes = _changes(url)
    assert Counter(row_id for _, row_id, new, _ in changes if new) == Counter(ids)  # one `added` each
    assert len(changes) == 200
    for appointment_id in ids:  # the newer one after the older one
        moments = [updated for _, row_id, _, updated in changes if row_id == appointment_id]
        assert moments == sorted(moments)
        assert len(set(moments)) == 2
    assert [after.change for _, after in seen] == ["added"] * 100 + ["updated"] * 100


class _HeldListing(httpx2.AsyncBaseTransport):
    """The fake, whose listings of appointments by their time (a catch-up's window) are answered as they were
    asked, then held until `release` is set."""

    def __init__(self, fake: FakePexipEngage) -> None:
        self.fake = fake
        self.holding = asyncio.Event()
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.fake.handle_async_request(request)
        if request.url.path.endswith("/appointments") and "from" in request.url.params:
            await response.aread()
            self.holding.set()
            await self.release.wait()
        return response


@pytest.mark.parametrize("hosts", [1, 2])
async def test_a_page_asked_before_an_appointment_read_as_gone_never_brings_it_back(database: str, hosts: int) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=3))
    seen: list[tuple[MirroredAppointment | None, MirroredAppointment]] = []
    held = _HeldListing(fake)
    async with (
        PexipEngage("acme", token="t", transport=fake) as engage,
        PexipEngage("acme", token="t", transport=held) as slow,
    ):
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        mirror.on_change(lambda before, after: seen.append((before, after)))
        other = AppointmentMirror(database, secret=SECRET, client=slow, catch_up_every=None) if hosts == 2 else None
        async with mirror:
            await mirror.catch_up()
            # A catch-up's listing asked now (the appointment present), its answer held in flight.
            racing = asyncio.create_task((other or mirror).catch_up(slow))
            await held.holding.wait()
            removed = fake.remove("/appointments", ids[0])
            event = appointment_event({**removed, "updatedAt": wire(fake.clock.advance(5))}, "CANCEL")
            assert (await mirror.receive(event, key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await mirror.join()
            assert table(database)[ids[0]]["gone_at"] is not None
            held.release.set()
            async with asyncio.timeout(10):
                raced = await racing
            assert table(database)[ids[0]]["gone_at"] is not None  # the older page did not bring it back
            assert raced.older >= 1
            checked = await mirror.check()
            # It truly comes back: read present after it was marked gone, once.
            fake.appointments[ids[0]] = removed
            back = await mirror.catch_up()
            again = await mirror.catch_up()
            async with asyncio.timeout(10):
                await mirror.join()
        if other is not None:
            await other.stop()
    assert checked.equal
    assert (back.updated, again.updated) == (1, 0)
    told = [(after.id, after.change) for _, after in seen if after.id == ids[0]]
    assert told == [(ids[0], "added"), (ids[0], "gone"), (ids[0], "back")]
    assert stale_or_missing(database, fake) == []


class _Refusing(httpx2.AsyncBaseTransport):
    """The fake, answering 422 to every read that asks for `refused` (a page of ids holding it, or it alone)."""

    def __init__(self, fake: FakePexipEngage, refused: str) -> None:
        self.fake, self.refused = fake, refused

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self.refused in str(request.url):
            alone = request.url.path.rstrip("/").endswith(self.refused)
            self.fake.fail("getAppointmentById" if alone else "getAppointments", status=422)
        return await self.fake.handle_async_request(request)


async def test_an_id_the_api_will_not_read_is_set_aside_alone_and_the_rest_read_at_once_and_after_a_restart(
    database: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=3))
    poison = "9" * 60  # shaped as an id, which the API refuses
    async with PexipEngage("acme", token="t", transport=_Refusing(fake, poison)) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with mirror:
            for appointment_id in [poison, *ids]:
                fake.clock.advance(1)
                body = dict(fake.appointments.get(appointment_id, fake.appointments[ids[0]]), id=appointment_id)
                assert (await mirror.receive(appointment_event(body, "GENERIC_UPDATE"), key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await mirror.join()
            status = await mirror.status()
        assert sorted(table(database)) == sorted(ids)
        assert (status.refused, status.waiting_reads) == (1, 0)
        warned = [
            record for record in caplog.records if record.levelno == logging.WARNING and poison in record.getMessage()
        ]
        assert warned
        assert "set aside" in warned[0].getMessage()
        # A restart does not read it again, nor does another event naming it.
        reads = len(fake.calls_to("getAppointments")) + len(fake.calls_to("getAppointmentById"))
        again = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with again:
            event = appointment_event(dict(fake.appointments[ids[0]], id=poison), "GENERIC_UPDATE")
            assert (await again.receive(event, key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await again.join()
            assert (await again.status()).refused == 1
        assert len(fake.calls_to("getAppointments")) + len(fake.calls_to("getAppointmentById")) == reads


@pytest.mark.parametrize("named", ["1" * 10_000, "../appointments", "abc def", ""])
async def test_an_event_naming_no_appointment_id_is_refused_at_the_receiver(tmp_path: Any, named: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment_id] = seed(fake, 1, starting=NOW + timedelta(days=3))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            body = dict(fake.appointments[appointment_id], id=named)
            answer = await mirror.receive(appointment_event(body, "GENERIC_UPDATE"), key=SECRET)
            status = await mirror.status()
    assert answer.status == 400
    assert "data.appointment.id" in answer.reason
    assert (status.waiting_reads, status.waiting_events) == (0, 0)


# The hook of each `mirror run`: every call logged (its process, the change) as it comes.
_HOOK = """
import json, os

def changed(before, after):
    with open(os.environ["MIRROR_CALLS"], "a") as calls:
        calls.write(json.dumps([os.getpid(), after.sequence, after.id, str(after.updated_at), after.change,
                                before is None]) + "\\n")
"""


@pytest.mark.slow
@pytest.mark.end_to_end
def test_three_mirror_runs_on_one_postgresql_with_changes_streaming_log_each_creation_once_and_never_go_back(
    postgres_url: str, tmp_path: Path
) -> None:
    url = migrated(f"{postgres_url}?schema=mirror_{uuid.uuid4().hex[:12]}")  # as at deploy: no DDL at run time
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 60, starting=NOW + timedelta(days=2))
    (tmp_path / "three_hooks.py").write_text(_HOOK, encoding="utf-8")
    calls_path = tmp_path / "calls.jsonl"
    env = {"MIRROR_CALLS": str(calls_path)}
    port = free_port()
    options = ("--app-dir", str(tmp_path), "--on-change", "three_hooks:changed", "--catch-up-every", "2s")
    processes: list[subprocess.Popen[bytes]] = []
    with (
        fake.serve() as base_url,
        SyncPexipEngage("acme", token="t", transport=fake) as engage,
        closing(
            fake.deliver_webhooks(f"http://127.0.0.1:{port}/?key={SECRET}", duplicates=1, time_scale=0.01)
        ) as sender,
    ):
        try:
            # Three hosts at once on an empty table, each catching up at start (and every 2 s), while it changes.
            starting = [
                threading.Thread(
                    target=lambda number=number: processes.append(
                        start_mirror(
                            url,
                            base_url,
                            port if number == 0 else free_port(),
                            tmp_path / f"mirror-{number}.log",
                            *options,
                            *(() if number == 0 else ("--no-serve",)),
                            env=env,
                        )
                    )
                )
                for number in range(3)
            ]
            for thread in starting:
                thread.start()
            for round_ in range(4):
                for number, appointment_id in enumerate(ids):
                    fake.clock.advance(1)
                    if (round_ + number) % 2:
                        begins = NOW + timedelta(days=3 + round_, hours=number)
                        body = {"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
                        engage.appointments.reschedule_appointment(appointment_id, body=body)
                    else:
                        engage.appointments.update_appointment_details(appointment_id, body={"answers": []})
                created = engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=5), "CRM-x"))
                ids.append(str(created.id))
                if round_ == 0:
                    for thread in starting:
                        thread.join(60)
                    assert len(processes) == 3
                sender.wait()
                equal_soon(url, fake)
                _check_log_and_hook(url, calls_path, ids)
        finally:
            for process in processes:
                stopped(process)


def _check_log_and_hook(url: str, calls_path: Path, ids: list[str]) -> None:
    """Each appointment's creation logged once, its changes in the order of their updatedAt, each handed once."""
    changes = _changes(url)
    assert Counter(row_id for _, row_id, new, _ in changes if new) == Counter(ids)
    for appointment_id in ids:
        moments = [updated for _, row_id, _, updated in changes if row_id == appointment_id]
        assert moments == sorted(moments), appointment_id  # never backwards
    wait_until(lambda: _handed(calls_path)[-1:] == [changes[-1][0]], 30)
    handed = _handed(calls_path)
    assert handed == [number for number, *_ in changes]  # each once, in order, whichever process handed it


def _handed(calls_path: Path) -> list[int]:
    if not calls_path.exists():
        return []
    return [json.loads(line)[1] for line in calls_path.read_text().split("\n")[:-1]]


def _reads(fake: FakePexipEngage) -> int:
    return len(fake.calls_to("getAppointments")) + len(fake.calls_to("getAppointmentById"))


@pytest.mark.slow  # a catch-up over a large table
async def test_a_window_catch_up_costs_what_changed_recently_and_everything_is_one_hosts_at_a_time(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    near = seed(fake, 30, starting=NOW + timedelta(days=2))
    far = seed(fake, 450, starting=NOW + timedelta(days=400))  # outside the window and the horizon
    for appointment_id in far:  # last changed a month ago
        fake.appointments[appointment_id] = {
            **fake.appointments[appointment_id],
            "updatedAt": wire(NOW - timedelta(days=30)),
        }
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        host_a = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        host_b = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        everything = await host_a.catch_up(everything=True)
        before = _reads(fake)
        window = await host_a.catch_up()
        window_reads = _reads(fake) - before
        # A far one moved into the window, a near one out of it to the far future: both found by the window's.
        fake.clock.advance(1)
        begins = NOW + timedelta(days=5)
        await engage.appointments.reschedule_appointment(
            far[0], body={"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
        )
        begins = NOW + timedelta(days=700)
        await engage.appointments.reschedule_appointment(
            near[0], body={"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
        )
        moved = await host_a.catch_up()
        claims = []
        for host, at_start, every in [("a", True, 3600.0), ("b", True, 3600.0)]:
            claims.append(
                await host_a._database.run(
                    partial(
                        _tables.claim_everything,
                        host_a._database.dialect,
                        holder=host,
                        lease=60,
                        every=every,
                        at_start=at_start,
                    )
                )
            )
        await host_a._database.run(partial(_tables.everything_done, holder="a", finished=True))
        for host, every in [("b", 3600.0), ("b", 0.0)]:
            claims.append(
                await host_a._database.run(
                    partial(
                        _tables.claim_everything,
                        host_a._database.dialect,
                        holder=host,
                        lease=60,
                        every=every,
                        at_start=False,
                    )
                )
            )
        await host_a.stop()
        await host_b.stop()
    assert (everything.listed, everything.added) == (480, 480)
    assert window.read == 30
    assert window_reads == 2  # the window's page and the empty one that ends it: no row read again by id
    assert (moved.updated, moved.reread) == (2, 1)
    assert stale_or_missing(database, fake) == []
    # a at start takes it; b, at start too, finds it held; once a finished it, b's is not due for an hour.
    assert claims == [True, False, False, True]
