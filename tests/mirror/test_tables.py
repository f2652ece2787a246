"""The mirror's tables one operation at a time (`mirror/_tables.py`), on SQLite and on a real PostgreSQL as the
application's role: each boundary of a write and its log, an event's wait and claim, a catch-up's rows, the
catch-up of everything's lease and a hook's cursor, on a clock each transaction is given (its `now`).

The mirror's own suites run these through its public surface; here each comparison is held at its edge (an
instant equal to a lease's end, a limit, a version noticed again), as `make mutation` asks of them."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest

from pexip_engage_client._leasing._holders import host
from pexip_engage_client.mirror import _tables
from pexip_engage_client.mirror._database import Database, Dialect, Statements, database_from_url
from pexip_engage_client.mirror._rows import MirroredAppointment

from ..support.postgres_server import PostgresServer, application_role, migrated

_T = TypeVar("_T")
T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)
SECOND = timedelta(seconds=1)
TICK = timedelta(microseconds=1)


def row(appointment_id: str = "a-1", *, updated: datetime | None = T0, **changes: Any) -> MirroredAppointment:
    """A row as a read of the API makes it (sequence 0 until applied)."""
    made = MirroredAppointment(
        id=appointment_id,
        status="ACCEPTED",
        start=T0 + timedelta(days=1),
        end=T0 + timedelta(days=1, hours=1),
        updated_at=updated,
        office_id="office-1",
        subject_id="subject-1",
        employee_ids=("employee-1",),
        customer_ids=("customer-1",),
        external_id=None,
        document={"id": appointment_id, "hybrid": False},
        unreadable=(),
        gone_at=None,
        read_at=T0,
        sequence=0,
    )
    return replace(made, **changes)


class _At:
    """A transaction's statements, at the moment the test says (`now`: the database's clock otherwise)."""

    def __init__(self, statements: Statements, now: datetime) -> None:
        self._statements = statements
        self.now = now

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._statements.rows(sql, params)

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._statements.run(sql, params)

    def many(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        self._statements.many(sql, params)


class Tables:
    """The mirror's database, each call one transaction of `work(dialect, statements)`."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.dialect: Dialect = database.dialect

    async def __call__(self, work: Callable[[Dialect, Statements], _T], *, at: datetime = T0) -> _T:
        return await self.database.run(lambda statements: work(self.dialect, _At(statements, at)))

    async def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return await self.database.run(lambda statements: statements.rows(query, params))

    async def apply(
        self, *reads: MirroredAppointment | str, asked_at: datetime = T0, at: datetime = T0, **options: Any
    ) -> _tables.Applied:
        return await self(lambda d, s: _tables.apply(d, s, reads, asked_at=asked_at, origin="event", **options), at=at)

    async def notice(self, appointment_id: str, newest: datetime | None = None, *, at: datetime = T0) -> bool:
        return await self(lambda d, s: _tables.notice(d, s, appointment_id, newest), at=at)

    async def hold(self, name: str, holder: str, *, lease: float = 30, at: datetime = T0) -> int | None:
        return await self(lambda d, s: _tables.hold_cursor(d, s, name=name, holder=holder, lease=lease), at=at)

    async def row(self, appointment_id: str) -> MirroredAppointment:
        return (await self(lambda d, s: _tables.rows_of(d, s, [appointment_id])))[appointment_id]

    async def pending(self) -> dict[str, tuple[int, datetime | None, datetime | None, str | None]]:
        """What waits for a read: id -> version, newest, claimed_until, claimed_by."""
        found = await self.sql("SELECT id, version, newest, claimed_until, claimed_by FROM mirror_pending")
        read = self.dialect.read_time
        return {str(i): (int(version), read(newest), read(until), by) for i, version, newest, until, by in found}

    async def log(self) -> list[tuple[int, str, datetime | None, datetime | None, datetime | None]]:
        """The change log: number, appointment, before's and after's updatedAt, when applied."""
        changes = await self(lambda d, s: _tables.changes_after(d, s, sequence=0, limit=1000))
        applied = {
            int(n): self.dialect.read_time(at)
            for n, at in await self.sql("SELECT sequence, applied_at FROM appointment_changes")
        }
        return [
            (
                c.sequence,
                c.after.id,
                None if c.before is None else c.before.updated_at,
                c.after.updated_at,
                applied[c.sequence],
            )
            for c in changes
        ]


def _take(dialect: Dialect, statements: Statements, *, holder: str) -> tuple[dict[str, int], datetime]:
    return _tables.take(dialect, statements, limit=1, quiet=0, lease=30, holder=holder)


def _record_catch_up(dialect: Dialect, statements: Statements, *, summary: dict[str, Any]) -> None:
    _tables.record_catch_up(statements, summary)


@pytest.fixture(scope="session")
def postgres_as_application(postgres: PostgresServer) -> str:
    """The application's role on the session's PostgreSQL (no CREATE anywhere): its URL."""
    return application_role(postgres)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.end_to_end)])
async def tables(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Tables]:
    """The mirror's tables: a SQLite file, or a schema of the session's PostgreSQL migrated by its owner (as at
    deploy) and used as the application's role."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/mirror.db"
    else:
        application = request.getfixturevalue("postgres_as_application")
        schema = f"mirror_{uuid.uuid4().hex[:12]}"
        migrated(f"{request.getfixturevalue('postgres_url')}?schema={schema}", "app")
        url = f"{application}?schema={schema}"
    opened = Tables(database_from_url(url))
    yield opened
    await opened.database.close()


# --- Applying reads ---------------------------------------------------------------------------------


async def test_each_change_of_a_batch_is_numbered_in_turn_and_logged_over_the_row_it_moved(tables: Tables) -> None:
    first = await tables.apply(row("b-1"), row("a-1"), at=T0 + SECOND)
    assert (first.outcomes, first.changes, first.count("added"), first.count("updated")) == ({"added": 2}, 2, 2, 0)
    # A second read of one appointment in a batch is decided against the first, and logged over it.
    u1, u2 = T0 + timedelta(minutes=1), T0 + timedelta(minutes=2)
    second = await tables.apply(row("a-1", updated=u1), row("a-1", updated=u2), at=T0 + 2 * SECOND)
    assert (second.outcomes, second.changes) == ({"updated": 2}, 2)
    older = await tables.apply(row("a-1", updated=u1), row("a-1", updated=u2))
    assert (older.outcomes, older.changes) == ({"older": 1, "unchanged": 1}, 0)
    assert await tables.log() == [
        (1, "b-1", None, T0, T0 + SECOND),
        (2, "a-1", None, T0, T0 + SECOND),
        (3, "a-1", T0, u1, T0 + 2 * SECOND),
        (4, "a-1", u1, u2, T0 + 2 * SECOND),
    ]
    held = await tables.row("a-1")
    assert (held.updated_at, held.sequence, held.change) == (u2, 4, "updated")
    assert ((await tables.row("b-1")).sequence, (await tables.row("b-1")).change) == (1, "added")
    assert await tables.sql("SELECT last FROM mirror_sequence") == [(4,)]


async def test_a_row_is_kept_column_for_column_and_its_log_says_it_whole(tables: Tables) -> None:
    read = row(
        "a-1",
        status="CONFIRMED",
        start=T0 + timedelta(days=3),
        end=T0 + timedelta(days=3, minutes=45),
        updated=T0 + timedelta(minutes=7),
        office_id="office-2",
        subject_id="subject-3",
        employee_ids=("employee-2", "employee-1"),
        customer_ids=None,
        external_id="CRM-7",
        document={"id": "a-1", "hybrid": True, "trailingBufferTime": 15, "office": {"id": "office-2"}, "answers": []},
        unreadable=("customer_ids", "employee_ids"),
        read_at=T0 - timedelta(days=1),
    )
    other = row("b-1", employee_ids=(), customer_ids=("customer-1", "customer-2"), start=None, end=None)
    await tables.apply(read, other, asked_at=T0 + SECOND)
    written = replace(read, read_at=T0 + SECOND, sequence=1, change="added", changed_at=T0 + SECOND, origin="event")
    assert await tables.row("a-1") == written
    assert await tables.row("b-1") == replace(
        other, read_at=T0 + SECOND, sequence=2, change="added", changed_at=T0 + SECOND, origin="event"
    )
    (change, _) = await tables(lambda d, s: _tables.changes_after(d, s, sequence=0, limit=5))
    assert (change.before, change.after) == (None, written)
    await tables.apply("a-1", asked_at=T0 + 2 * SECOND)
    gone = replace(
        written, gone_at=T0 + 2 * SECOND, read_at=T0 + 2 * SECOND, sequence=3, change="gone", changed_at=T0 + 2 * SECOND
    )
    assert await tables.row("a-1") == gone
    assert [found.id for found in await tables(lambda d, s: _tables.rows_after(d, s, after="", limit=5))] == [
        "a-1",
        "b-1",
    ]


async def test_a_change_is_never_dated_before_the_change_it_follows(tables: Tables) -> None:
    # A read asked earlier on another host, applied later with a newer updatedAt: its version follows the one
    # before it in time too (the warehouse's validity intervals never overlap).
    await tables.apply(row("a-1", updated=T0), asked_at=T0 + 10 * SECOND)
    await tables(
        lambda d, s: _tables.apply(d, s, [row("a-1", updated=T0 + SECOND)], asked_at=T0 + 5 * SECOND, origin="catch-up")
    )
    newer = await tables.row("a-1")
    assert (newer.sequence, newer.changed_at, newer.origin) == (2, T0 + 10 * SECOND, "catch-up")


async def test_what_a_batch_did_is_counted_and_batches_add_up(tables: Tables) -> None:
    # Each count over the whole batch, not its last read (the one that counts first), and only the reads it names.
    added = await tables.apply(row("b-1", updated=None, status=None, unreadable=("status",)), row("a-1"), row("c-1"))
    assert (added.outcomes, added.unreadable, added.order_unknown, added.repaired_ids) == ({"added": 3}, 1, 1, [])
    repaired = await tables.apply(row("b-1", updated=None), row("a-1", status="CANCELLED"), "gone-1", row("c-1"))
    assert repaired.outcomes == {"updated": 1, "repaired": 1, "not_found": 1, "unchanged": 1}
    assert (repaired.repaired_ids, repaired.unreadable, repaired.order_unknown, repaired.changes) == (["a-1"], 0, 1, 2)
    total = _tables.Applied()
    for batch in (added, repaired, added):  # one outcome twice: added up
        total += batch
    assert total.outcomes == {"added": 6, "repaired": 1, "not_found": 1, "updated": 1, "unchanged": 1}
    assert (total.changes, total.unreadable, total.order_unknown, total.repaired_ids) == (8, 2, 3, ["a-1"])


async def test_a_rows_read_at_only_moves_forward_and_a_404_of_an_unknown_id_writes_nothing(tables: Tables) -> None:
    await tables.apply(row("a-1"), row("b-1"), asked_at=T0 + 10 * SECOND)
    await tables.apply(row("a-1"), "c-1", asked_at=T0 + 5 * SECOND)  # asked earlier, applied later
    assert (await tables.row("a-1")).read_at == T0 + 10 * SECOND
    await tables.apply(row("a-1"), "c-1", asked_at=T0 + 20 * SECOND)
    assert (await tables.row("a-1")).read_at == T0 + 20 * SECOND
    assert (await tables.row("b-1")).read_at == T0 + 10 * SECOND  # not in the batch
    assert [i for (i,) in await tables.sql("SELECT id FROM appointments ORDER BY id")] == ["a-1", "b-1"]


@pytest.mark.parametrize("exists", [False, True], ids=["new", "present"])
async def test_a_row_changed_between_its_decision_and_its_write_loses_the_race_and_writes_nothing(
    tables: Tables, exists: bool
) -> None:
    if exists:
        await tables.apply(row("a-1"))
    prepared = await tables(lambda d, s: _tables.prepare(d, s, [row("a-1", updated=T0 + SECOND)], T0, origin="event"))
    await tables.apply(row("a-1", updated=T0 + 2 * SECOND))  # another host, had the decision taken no lock
    before = await tables.log()
    with pytest.raises(_tables.RaceLostError, match="appointment 'a-1' changed under its decision"):
        await tables(lambda d, s: _tables.finish(d, s, prepared, taken={"a-1": 1}, refused={"x-1": "no"}))
    assert await tables.log() == before  # rolled back whole: nothing logged, set aside or released
    assert await tables.sql("SELECT count(*) FROM mirror_refused") == [(0,)]
    assert (await tables.row("a-1")).updated_at == T0 + 2 * SECOND


# --- Ids set aside, events waiting for a read -----------------------------------------------------


async def test_an_id_set_aside_keeps_why_at_most_a_thousand_characters_and_waits_for_no_read(tables: Tables) -> None:
    for appointment_id in ("a-1", "b-1"):
        await tables.notice(appointment_id)
    await tables.apply(refused={"a-1": "x" * 1500})
    await tables.apply(refused={"a-1": "refused again"}, at=T0 + SECOND)
    found = await tables.sql("SELECT id, reason, refused_at FROM mirror_refused")
    assert [(i, reason, tables.dialect.read_time(at)) for i, reason, at in found] == [("a-1", "refused again", T0)]
    await tables.apply(refused={"c-1": "y" * 1500})
    assert (await tables.sql("SELECT reason FROM mirror_refused WHERE id = 'c-1'")) == [("y" * 1000,)]
    assert list(await tables.pending()) == ["b-1"]
    assert not await tables(lambda d, s: _tables.notice(d, s, "a-1", None))
    assert list(await tables.pending()) == ["b-1"]
    counted = await tables(_tables.counts)
    assert (counted.refused, counted.waiting) == (2, 1)


async def test_an_event_waits_unless_the_present_row_is_as_new_and_its_newest_is_the_latest_named(
    tables: Tables,
) -> None:
    await tables.apply(row("a-1", updated=T0), row("g-1", updated=T0 + SECOND))
    await tables.apply("g-1", asked_at=T0 + SECOND)
    notice = _tables.notice
    assert not await tables(lambda d, s: notice(d, s, "a-1", T0))  # as new as the row
    assert not await tables(lambda d, s: notice(d, s, "a-1", T0 - SECOND))
    assert await tables.pending() == {}
    assert await tables(lambda d, s: notice(d, s, "g-1", T0))  # gone: a read tells whether it is back
    assert await tables(lambda d, s: notice(d, s, "a-1", T0 + TICK))
    assert await tables(lambda d, s: notice(d, s, "n-1", T0))  # no row yet
    assert await tables(lambda d, s: notice(d, s, "n-1", T0 + 3 * SECOND))
    assert await tables(lambda d, s: notice(d, s, "n-1", T0 + SECOND))  # an older event after a newer one
    assert await tables(lambda d, s: notice(d, s, "u-1", T0))
    assert await tables(lambda d, s: notice(d, s, "u-1", None))  # one event without updatedAt: no bound
    assert await tables(lambda d, s: notice(d, s, "v-1", None))
    assert await tables(lambda d, s: notice(d, s, "v-1", T0))
    assert await tables.pending() == {
        "g-1": (1, T0, None, None),
        "a-1": (1, T0 + TICK, None, None),
        "n-1": (3, T0 + 3 * SECOND, None, None),
        "u-1": (2, None, None, None),
        "v-1": (2, None, None, None),
    }
    assert await tables(lambda d, s: _tables.waiting(s)) == 5


async def test_a_take_waits_out_the_quiet_takes_the_first_noticed_first_and_claims_them_for_the_lease(
    tables: Tables,
) -> None:
    for number, appointment_id in enumerate(("c-1", "b-1", "a-1")):
        await tables.notice(appointment_id, at=T0 + number * SECOND)

    async def take(at: datetime, holder: str = "h1", limit: int = 5) -> tuple[dict[str, int], datetime]:
        return await tables(lambda d, s: _tables.take(d, s, limit=limit, quiet=5, lease=30, holder=holder), at=at)

    assert await take(T0 + 5 * SECOND - TICK) == ({}, T0 + 5 * SECOND - TICK)  # none quiet for 5 s yet
    assert await take(T0 + 5 * SECOND) == ({"c-1": 1}, T0 + 5 * SECOND)  # quiet for 5 s: taken
    assert await take(T0 + 9 * SECOND, limit=1) == ({"b-1": 1}, T0 + 9 * SECOND)  # by when noticed, not by id
    assert await tables.pending() == {
        "c-1": (1, None, T0 + 35 * SECOND, "h1"),
        "b-1": (1, None, T0 + 39 * SECOND, "h1"),
        "a-1": (1, None, None, None),
    }
    assert await take(T0 + 35 * SECOND - TICK, "h2") == ({"a-1": 1}, T0 + 35 * SECOND - TICK)  # claimed until its end
    assert await take(T0 + 35 * SECOND, "h2") == ({"c-1": 1}, T0 + 35 * SECOND)  # free at it


async def test_a_wait_the_table_already_answers_is_done_with_unread_unless_claimed_gone_or_unbounded(
    tables: Tables,
) -> None:
    names = {"as-new": T0, "newer": T0 + SECOND, "gone": T0, "unbounded": None, "claimed": T0}
    for appointment_id, newest in names.items():
        await tables.notice(appointment_id, newest)
    await tables(
        lambda d, s: s.run(
            "UPDATE mirror_pending SET claimed_until = ?, claimed_by = 'h1' WHERE id = 'claimed'",
            [d.time(T0 + 30 * SECOND)],
        )
    )
    # Each read, applied by another route (a catch-up) at the updatedAt its event said.
    await tables.apply(*(row(i) for i in names), asked_at=T0 + SECOND)
    await tables.apply("gone", asked_at=T0 + 2 * SECOND)
    taken, _ = await tables(lambda d, s: _tables.take(d, s, limit=10, quiet=0, lease=30, holder="h2"))
    assert sorted(taken) == ["gone", "newer", "unbounded"]
    assert sorted(await tables.pending()) == ["claimed", "gone", "newer", "unbounded"]


async def test_a_release_is_done_with_what_was_read_but_an_appointment_named_again_waits_unclaimed(
    tables: Tables,
) -> None:
    for number, appointment_id in enumerate(("a-1", "b-1", "c-1")):
        await tables.notice(appointment_id, at=T0 + number * SECOND)
    taken, _ = await tables(
        lambda d, s: _tables.take(d, s, limit=2, quiet=0, lease=30, holder="h1"), at=T0 + 2 * SECOND
    )
    assert taken == {"a-1": 1, "b-1": 1}
    await tables(lambda d, s: _tables.notice(d, s, "b-1", None))  # named again while read
    await tables.apply(row("a-1"), row("b-1"), taken=taken)
    assert await tables.pending() == {"b-1": (2, None, None, None), "c-1": (1, None, None, None)}


async def test_reads_claimed_by_a_holder_of_this_host_that_no_longer_runs_are_taken_at_once(tables: Tables) -> None:
    """As `MIRROR_CLAIM`'s terms say (a reader killed): its claims are not waited out; another host's are."""
    gone, elsewhere = f"{host()}:{2**22 + 1}:abcdef12", f"another-host:{2**22 + 1}:abcdef12"
    for appointment_id, holder in (("b-1", elsewhere), ("c-1", "h2"), ("a-1", gone)):
        await tables.notice(appointment_id)
        assert (await tables(partial(_take, holder=holder)))[0] == {appointment_id: 1}
    assert (await tables(partial(_take, holder="h3")))[0] == {"a-1": 1}
    assert (await tables(partial(_take, holder="h3")))[0] == {}
    pending = await tables.pending()
    assert {appointment_id: held for appointment_id, (*_, held) in pending.items()} == {
        "a-1": "h3",
        "b-1": elsewhere,
        "c-1": "h2",
    }


# --- A catch-up's rows -------------------------------------------------------------------------------


async def test_rows_are_read_in_pages_by_id(tables: Tables) -> None:
    await tables.apply(*(row(i) for i in ("c-1", "a-1", "b-1", "d-1")))
    page = await tables(lambda d, s: _tables.rows_after(d, s, after="a-1", limit=2))
    assert [found.id for found in page] == ["b-1", "c-1"]
    assert [found.id for found in await tables(lambda d, s: _tables.rows_after(d, s, after="", limit=9))] == [
        "a-1",
        "b-1",
        "c-1",
        "d-1",
    ]
    assert sorted(await tables(lambda d, s: _tables.rows_of(d, s, ["d-1", "b-1", "x-1"]))) == ["b-1", "d-1"]
    assert await tables(lambda d, s: _tables.rows_of(d, s, [])) == {}


async def test_the_rows_unread_since_a_moment_and_a_frequent_catch_ups_recent_ones_are_cut_at_their_edges(
    tables: Tables,
) -> None:
    since, until = T0 + timedelta(days=1), T0 + timedelta(days=2)
    old = T0 - timedelta(days=30)
    rows = {
        "a-start-at-since": row("a-start-at-since", start=since, updated=old),
        "b-start-before": row("b-start-before", start=since - TICK, updated=old),
        "c-start-at-until": row("c-start-at-until", start=until, updated=old),
        "d-start-after": row("d-start-after", start=until + TICK, updated=old),
        "e-updated-at-since": row("e-updated-at-since", start=old, updated=since),
        "f-updated-before": row("f-updated-before", start=old, updated=since - TICK),
        "g-no-start": row("g-no-start", start=None, updated=old),
        "h-no-updated": row("h-no-updated", start=old, updated=None),
        "i-gone": row("i-gone", start=since, updated=since),
    }
    await tables.apply(*rows.values(), asked_at=T0)
    await tables.apply("i-gone", asked_at=T0)
    await tables.apply(row("j-read-later", start=since), asked_at=T0 + SECOND)

    async def unread(moment: datetime, *, after: str = "", limit: int = 20, recent: bool = False) -> list[Any]:
        window = (since, until) if recent else None
        return await tables(
            lambda d, s: _tables.unread_since(d, s, moment=moment, after=after, limit=limit, recent=window)
        )

    assert await unread(T0) == []  # read at the moment: not before it
    everything = [(i, i == "i-gone") for i in rows]
    assert await unread(T0 + TICK) == everything
    assert await unread(T0 + 2 * SECOND) == [*everything, ("j-read-later", False)]
    assert await unread(T0 + TICK, after="c-start-at-until", limit=2) == everything[3:5]
    assert await unread(T0 + TICK, recent=True) == [
        ("a-start-at-since", False),
        ("c-start-at-until", False),
        ("e-updated-at-since", False),
        ("g-no-start", False),
        ("h-no-updated", False),
    ]


# --- The catch-up of everything, one host at a time ------------------------------------------------------


async def test_the_catch_up_of_everything_is_one_hosts_at_a_time_and_on_its_schedule(tables: Tables) -> None:
    async def claim(holder: str, at: datetime, *, every: float | None = 60, at_start: bool = False) -> bool:
        return await tables(
            lambda d, s: _tables.claim_everything(d, s, holder=holder, lease=10, every=every, at_start=at_start),
            at=at,
        )

    async def done(holder: str, at: datetime, *, finished: bool) -> None:
        await tables(lambda d, s: _tables.everything_done(s, holder=holder, finished=finished), at=at)

    async def state() -> dict[str, Any]:
        found = await tables.sql("SELECT value FROM mirror_state WHERE name = 'everything'")
        value: dict[str, Any] = json.loads(found[0][0])
        return value

    assert not await claim("a", T0, every=None)  # no schedule, and not at start
    assert await claim("a", T0)  # never finished: due
    assert await state() == {"holder": "a", "until": (T0 + 10 * SECOND).isoformat()}
    assert not await claim("b", T0 + 10 * SECOND - TICK, at_start=True)  # a's lease runs
    assert await claim("a", T0 + 5 * SECOND, every=None, at_start=True)  # its own: renewed
    assert not await claim("b", T0 + 15 * SECOND - TICK, at_start=True)
    await done("b", T0 + 6 * SECOND, finished=True)  # not its lease: nothing changes
    assert await state() == {"holder": "a", "until": (T0 + 15 * SECOND).isoformat()}
    await done("a", T0 + 7 * SECOND, finished=False)  # failed: let go, not finished
    assert await state() == {"holder": None, "until": None}
    assert await claim("b", T0 + 8 * SECOND, at_start=True)
    assert await claim("a", T0 + 18 * SECOND, at_start=True)  # b's lease ran out at its end
    await done("a", T0 + 20 * SECOND, finished=True)
    finished = (T0 + 20 * SECOND).isoformat()
    assert await state() == {"holder": None, "until": None, "finished_at": finished}
    assert await claim("b", T0 + 21 * SECOND, at_start=True)  # at start, whatever the schedule
    await done("b", T0 + 22 * SECOND, finished=False)
    assert not await claim("b", T0 + 80 * SECOND - TICK)  # `every` 60 s after the last finished
    assert not await claim("b", T0 + 80 * SECOND, every=None)
    assert await claim("b", T0 + 80 * SECOND)
    assert await state() == {"holder": "b", "until": (T0 + 90 * SECOND).isoformat(), "finished_at": finished}


async def test_the_catch_up_of_everything_of_a_holder_of_this_host_that_no_longer_runs_is_taken_at_once(
    tables: Tables,
) -> None:
    """As `CATCH_UP`'s terms say: nothing a dead holder began outlives it, so its claim is not waited out (hours);
    a holder of another host is, however long."""
    gone, elsewhere = f"{host()}:{2**22 + 1}:abcdef12", f"another-host:{2**22 + 1}:abcdef12"

    async def claim(holder: str, at: datetime) -> bool:
        return await tables(
            lambda d, s: _tables.claim_everything(d, s, holder=holder, lease=3600, every=None, at_start=True), at=at
        )

    assert await claim(gone, T0)
    assert await claim("b", T0 + SECOND)  # at once, not an hour later
    assert await claim(elsewhere, T0 + 3601 * SECOND)
    assert not await claim("b", T0 + 3602 * SECOND)
    await tables(lambda d, s: _tables.everything_done(s, holder=gone, finished=True))  # not its claim any more
    assert not await claim("b", T0 + 7200 * SECOND)
    assert await claim("b", T0 + 7201 * SECOND)


async def test_everything_done_with_no_catch_up_ever_claimed_changes_nothing(tables: Tables) -> None:
    await tables(lambda d, s: _tables.everything_done(s, holder="a", finished=True))
    assert await tables.sql("SELECT value FROM mirror_state WHERE name = 'everything'") == []


async def test_status_counts_the_tables_and_keeps_the_last_catch_up_and_failure(tables: Tables) -> None:
    empty = await tables(_tables.counts)
    assert empty == _tables.Counts(0, 0, 0, None, 0, 0, 0, {}, None, None, {})
    await tables.apply(row("a-1", updated=T0 + SECOND), row("b-1", unreadable=("status",), status=None), row("c-1"))
    await tables.apply("c-1", asked_at=T0 + SECOND, refused={"x-1": "no"})
    await tables(lambda d, s: _tables.notice(d, s, "d-1", None))
    await tables(lambda d, s: _tables.hold_cursor(d, s, name="crm", holder="h1", lease=30))
    await tables(lambda d, s: _tables.advance(d, s, name="crm", holder="h1", sequence=2, lease=30))
    for summary in ({"took": 1, "read": [1]}, {"took": 2, "read": [2, 3]}):
        await tables(partial(_record_catch_up, summary=summary))
    await tables(lambda d, s: _tables.record_error(s, {"error": "first"}))
    await tables(lambda d, s: _tables.record_error(s, {"error": "last", "at": 1}))
    assert await tables(_tables.counts) == _tables.Counts(
        rows=3,
        gone=1,
        unreadable=1,
        newest_updated_at=T0 + SECOND,
        waiting=1,
        refused=1,
        last_change=4,
        cursors={"crm": 2},
        catch_up={"took": 2, "read": [2, 3]},
        last_error={"error": "last", "at": 1},
        processes={},
    )


# --- Changes and their hooks' cursors ---------------------------------------------------------------------


async def test_a_cursor_is_one_holders_until_its_lease_ends_and_moves_only_forward(tables: Tables) -> None:
    async def hold(holder: str, at: datetime) -> int | None:
        return await tables(lambda d, s: _tables.hold_cursor(d, s, name="crm", holder=holder, lease=30), at=at)

    async def advance(holder: str, sequence: int, at: datetime) -> bool:
        return await tables(
            lambda d, s: _tables.advance(d, s, name="crm", holder=holder, sequence=sequence, lease=30), at=at
        )

    assert await hold("h1", T0) == 0
    assert await hold("h2", T0 + 30 * SECOND - TICK) is None  # held until its lease's end
    assert await advance("h1", 3, T0 + 10 * SECOND)  # renewed to T0 + 40 s
    assert await hold("h2", T0 + 40 * SECOND - TICK) is None
    assert not await advance("h2", 5, T0 + 11 * SECOND)  # not its holder
    assert not await advance("h1", 3, T0 + 12 * SECOND)  # not forward
    assert not await advance("h1", 2, T0 + 12 * SECOND)
    listed = await tables(lambda d, s: _tables.cursors(d, s, timedelta(hours=1)), at=T0 + 12 * SECOND)
    assert listed == [_tables.ChangeCursor("crm", 3, T0 + 10 * SECOND, "h1", False)]  # held when it advanced
    assert await hold("h2", T0 + 40 * SECOND) == 3  # the advance's lease run out: taken over where it stands
    assert await hold("h2", T0 + 50 * SECOND) == 3  # its own: kept, renewed to T0 + 80 s
    found = await tables.sql("SELECT held_until, held_at FROM mirror_cursors")
    assert [tables.dialect.read_time(value) for value in found[0]] == [T0 + 80 * SECOND, T0 + 50 * SECOND]
    assert await hold("h1", T0 + 80 * SECOND - TICK) is None
    assert await hold("h1", T0 + 80 * SECOND) == 3
    await tables(lambda d, s: _tables.let_go(s, "crm", "h2"))  # not its holder: kept
    assert await hold("h2", T0 + 81 * SECOND) is None
    await tables(lambda d, s: _tables.let_go(s, "crm", "h1"))
    assert await hold("h2", T0 + 81 * SECOND) == 3


async def test_a_cursor_of_a_holder_of_this_host_that_no_longer_runs_is_taken_at_once(tables: Tables) -> None:
    """As `MIRROR_CLAIM`'s terms say (a change hook or an export killed): its lease is not waited out; a holder of
    another host's is, and the dead holder advances nothing once its cursor is taken."""
    gone, elsewhere = f"{host()}:{2**22 + 1}:abcdef12", f"another-host:{2**22 + 1}:abcdef12"

    async def hold(name: str, holder: str) -> int | None:
        return await tables(lambda d, s: _tables.hold_cursor(d, s, name=name, holder=holder, lease=30), at=T0)

    assert await hold("crm", gone) == 0
    assert await hold("report", elsewhere) == 0
    assert await hold("crm", "h2") == 0
    assert await hold("report", "h2") is None
    moved = await tables(lambda d, s: _tables.advance(d, s, name="crm", holder=gone, sequence=1, lease=30), at=T0)
    assert not moved
    held = {c.name: c.holder for c in await tables(lambda d, s: _tables.cursors(d, s, timedelta(1)), at=T0)}
    assert held == {"crm": "h2", "report": elsewhere}


async def test_changes_are_handed_after_a_number_in_order_a_page_at_a_time(tables: Tables) -> None:
    await tables.apply(row("a-1"), row("b-1"))
    await tables.apply(row("a-1", updated=T0 + SECOND))
    changes = await tables(lambda d, s: _tables.changes_after(d, s, sequence=1, limit=1))
    assert [(c.sequence, c.before, c.after.id) for c in changes] == [(2, None, "b-1")]
    (third,) = await tables(lambda d, s: _tables.changes_after(d, s, sequence=2, limit=5))
    assert third.before == replace(await tables.row("a-1"), updated_at=T0, sequence=1, change="added")
    assert third.after == await tables.row("a-1")


async def test_pruning_forgets_changes_older_than_the_retention_that_every_cursor_held_since_has_passed(
    tables: Tables,
) -> None:
    for number in range(1, 6):  # changes 1 to 5, applied a second apart
        await tables.apply(row("a-1", updated=T0 + number * SECOND), at=T0 + number * SECOND)
    for name, holder in (("crm", "h1"), ("report", "h2"), ("old", "h3")):
        await tables.hold(name, holder, lease=99)

    async def advance(name: str, holder: str, sequence: int, at: datetime) -> None:
        await tables(lambda d, s: _tables.advance(d, s, name=name, holder=holder, sequence=sequence, lease=99), at=at)

    async def prune(before: datetime) -> int:
        return await tables(lambda d, s: _tables.prune(d, s, before))

    await advance("crm", "h1", 4, T0 + 4 * SECOND)
    await advance("report", "h2", 1, T0 + 3 * SECOND)
    # `old`, held at T0 only, holds back nothing after it; `report`, held at 3 s (by its advance), what it has
    # not passed.
    assert await prune(T0 + 3 * SECOND) == 1
    assert [n for n, *_ in await tables.log()] == [2, 3, 4, 5]
    await advance("report", "h2", 5, T0 + 5 * SECOND)
    assert await prune(T0 + 4 * SECOND) == 2  # applied before it only: 2 and 3 (`crm`, held at 4 s, passed 4)
    assert await prune(T0 + 4 * SECOND + TICK) == 1  # 4: `crm` was held before, `report` has passed it
    assert [n for n, *_ in await tables.log()] == [5]
    assert await prune(T0 + 9 * SECOND) == 1  # no cursor held since: none holds back
    assert await tables.log() == []


async def test_pruning_with_no_cursor_held_since_forgets_every_change_older_than_the_retention(tables: Tables) -> None:
    for number in range(1, 4):
        await tables.apply(row("a-1", updated=T0 + number * SECOND), at=T0 + number * SECOND)
    await tables(lambda d, s: _tables.hold_cursor(d, s, name="crm", holder="h1", lease=99), at=T0)
    assert await tables(lambda d, s: _tables.prune(d, s, T0 + 3 * SECOND)) == 2
    assert [n for n, *_ in await tables.log()] == [3]


async def test_a_cursor_is_stale_once_unheld_for_longer_than_the_retention_and_dropped_only_when_unheld(
    tables: Tables,
) -> None:
    await tables(lambda d, s: _tables.hold_cursor(d, s, name="crm", holder="h1", lease=30), at=T0)
    await tables(lambda d, s: _tables.hold_cursor(d, s, name="old", holder="h2", lease=30), at=T0)
    await tables(lambda d, s: _tables.let_go(s, "old", "h2"))
    await tables(lambda d, s: s.run("INSERT INTO mirror_cursors (name, sequence) VALUES ('never', 0)"))

    async def listed(at: datetime) -> dict[str, bool]:
        found = await tables(lambda d, s: _tables.cursors(d, s, timedelta(minutes=1)), at=at)
        return {cursor.name: cursor.stale for cursor in found}

    assert await listed(T0 + timedelta(minutes=1)) == {"crm": False, "never": True, "old": False}
    assert await listed(T0 + timedelta(minutes=1) + TICK) == {"crm": True, "never": True, "old": True}

    async def forget(name: str, at: datetime) -> bool | None:
        return await tables(lambda d, s: _tables.forget_cursor(d, s, name), at=at)

    assert await forget("crm", T0 + 30 * SECOND - TICK) is None  # held until its lease's end
    assert await forget("crm", T0 + 30 * SECOND) is True  # its holder gone
    assert await forget("old", T0) is True
    assert await forget("old", T0) is False
    assert await listed(T0) == {"never": True}


async def test_processes_on_one_database_see_each_other_and_those_without_shared_limits_are_named(
    tables: Tables,
) -> None:
    from pexip_engage_client.mirror._mirror import unshared_limits

    async def seen(holder: str, shared: bool) -> dict[str, Any]:
        return await tables(lambda _d, s: _tables.running(s, holder=holder, shared_limits=shared, within=60))

    assert unshared_limits(await seen("a:1:x", False)) == []  # alone, its own limits are the API's
    both = await seen("b:2:y", False)
    assert sorted(both) == ["a:1:x", "b:2:y"]
    assert unshared_limits(both) == ["a:1:x", "b:2:y"]
    assert unshared_limits(await seen("a:1:x", True)) == ["b:2:y"]
    assert sorted((await tables(_tables.counts)).processes) == ["a:1:x", "b:2:y"]  # what `mirror status` shows
