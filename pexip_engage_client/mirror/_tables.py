"""The mirror's tables, each operation one transaction (`_database.py` runs it whole on its thread).

- `appointments`: the rows (`_rows.py`).
- `appointment_changes`: every change applied, numbered, with the row before and after, written in
  the same transaction as the row, so that a change is in the log exactly when it is in the table.
  Numbers are taken from `mirror_sequence`, whose one row each applying transaction updates: the
  transactions that change rows take turns on it, so the numbers are committed in their order
  and a reader of the log never passes a number committed later (docs/mirror.md, "Changes").
- `mirror_pending`: the appointments events named that wait for a read: one row each, however many
  events named it, so that a burst of them makes one read.
- `mirror_refused`: the ids the client or the API refuses to read, set aside for good.
- `mirror_cursors`: how far each change hook got, with the lease of the process handing it changes and
  when it was last held (one not held for longer than the retention holds back no pruning).
- `mirror_state`: the last catch-up, the lease and last end of the catch-up of everything, and the last
  failure (`last_error`).

`apply` is `prepare` (the appointments' locks, their rows read, each read decided: `_rows.decide`) then
`finish` (each row written only over the row its decision saw, its change logged), in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, cast

from .._leasing._claims import Claim, SqlClaim
from .._leasing._holders import CATCH_UP, MIRROR_CLAIM
from ._database import Dialect, Statements
from ._rows import Decision, MirroredAppointment, Origin, Outcome, decide

_COLUMNS = (
    'id, status, start, "end", updated_at, office_id, subject_id, employee_ids, customer_ids, external_id,'
    " document, unreadable, gone_at, read_at, sequence, change_kind, changed_at, origin"
)
_SELECT = f"SELECT {_COLUMNS} FROM appointments"  # noqa: S608 - constants only
# A row written only as the decision saw it: new (no row yet), or as the change numbered `sequence` left it.
_INSERT = f"INSERT INTO appointments ({_COLUMNS}) VALUES ({', '.join('?' * 18)}) ON CONFLICT (id) DO NOTHING"  # noqa: S608
_UPDATE = (
    'UPDATE appointments SET status = ?, start = ?, "end" = ?, updated_at = ?, office_id = ?, subject_id = ?,'
    " employee_ids = ?, customer_ids = ?, external_id = ?, document = ?, unreadable = ?, gone_at = ?, read_at = ?,"
    " sequence = ?, change_kind = ?, changed_at = ?, origin = ? WHERE id = ? AND sequence = ?"
)
_LAST = 9_223_372_036_854_775_807  # past every change number
# The one claim (`_leasing/_claims.py`) on an appointment's read, and on a hook's cursor (let go: no end either).
_READ = SqlClaim("claimed_by", "claimed_until")
_CURSOR = SqlClaim("holder", "held_until")


def marks(count: int) -> str:
    return ", ".join("?" * count)


def encoded(dialect: Dialect, row: MirroredAppointment) -> tuple[Any, ...]:
    return (
        row.id,
        row.status,
        dialect.time(row.start),
        dialect.time(row.end),
        dialect.time(row.updated_at),
        row.office_id,
        row.subject_id,
        dialect.ids(row.employee_ids),
        dialect.ids(row.customer_ids),
        row.external_id,
        dialect.json(dict(row.document)),
        dialect.ids(row.unreadable or None),
        dialect.time(row.gone_at),
        dialect.time(row.read_at),
        row.sequence,
        row.change,
        dialect.time(row.changed_at),
        row.origin,
    )


def decoded(dialect: Dialect, values: Sequence[Any]) -> MirroredAppointment:
    return MirroredAppointment(
        id=values[0],
        status=values[1],
        start=dialect.read_time(values[2]),
        end=dialect.read_time(values[3]),
        updated_at=dialect.read_time(values[4]),
        office_id=values[5],
        subject_id=values[6],
        employee_ids=dialect.read_ids(values[7]),
        customer_ids=dialect.read_ids(values[8]),
        external_id=values[9],
        document=dialect.read_json(values[10]),
        unreadable=dialect.read_ids(values[11]) or (),
        gone_at=dialect.read_time(values[12]),
        read_at=cast("datetime", dialect.read_time(values[13])),  # NOT NULL
        sequence=int(values[14]),
        change=values[15],
        changed_at=dialect.read_time(values[16]),
        origin=values[17],
    )


# --- Applying reads ----------------------------------------------------------------------------


@dataclass
class Applied:
    """What a batch of reads did: how many rows had each outcome, and the changes among them."""

    outcomes: dict[str, int] = field(default_factory=dict)
    changes: int = 0
    unreadable: int = 0  # rows written with columns left NULL
    order_unknown: int = 0  # reads without a readable updatedAt
    repaired_ids: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return self.outcomes.get(outcome, 0)

    def __iadd__(self, other: Applied) -> Applied:
        for outcome, count in other.outcomes.items():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + count
        self.changes += other.changes
        self.unreadable += other.unreadable
        self.order_unknown += other.order_unknown
        self.repaired_ids += other.repaired_ids
        return self


class RaceLostError(RuntimeError):
    """A row was not as its decision saw it when written: the transaction is rolled back, and its reads
    are tried again (the appointments' locks make it never happen; it is what a missing one would do)."""


def apply(
    dialect: Dialect,
    statements: Statements,
    reads: Sequence[MirroredAppointment | str],
    taken: dict[str, int] | None = None,
    *,
    asked_at: datetime,
    origin: Origin,
    refused: dict[str, str] | None = None,
) -> Applied:
    """Apply reads (a row the API's answer makes, or the id of one that read as gone) in one
    transaction: each row as `decide` says, each change numbered and logged with it; the events
    `taken` (id: the version of its pending row read) are done with, unless named again since, and
    the ids `refused` (id: why the client or the API would not read it) set aside for good.

    `origin` says what read them (an event's read or a catch-up), kept with each change.
    `asked_at` is when the API was asked for these reads (no later than it was): each row read gets
    it as `read_at`, a 404 as `gone_at`, and the decision orders a read and a gone mark by it. A read
    asked before a catch-up began and applied after it holds the API as of before, so that catch-up
    must still read it again (`unread_since`).

    The appointments' locks are taken first (`Dialect.lock_ids`), so that the decision and the write
    of an appointment are one step on any number of hosts, for a row that does not exist yet too; the
    write checks it all the same (`RaceLostError`)."""
    prepared = prepare(dialect, statements, reads, asked_at, origin=origin)
    return finish(dialect, statements, prepared, taken=taken, refused=refused)


@dataclass
class Prepared:
    """What `prepare` decided for a batch of reads, under the appointments' locks, for `finish` to write."""

    asked_at: datetime
    origin: Origin
    ids: list[str]
    existing: dict[str, MirroredAppointment]
    decisions: list[tuple[MirroredAppointment | None, MirroredAppointment, Decision]]
    result: Applied


def prepare(
    dialect: Dialect,
    statements: Statements,
    reads: Sequence[MirroredAppointment | str],
    asked_at: datetime,
    *,
    origin: Origin,
) -> Prepared:
    """The first half of `apply`: the appointments' locks taken, their rows read and each read decided."""
    ids = sorted({read if isinstance(read, str) else read.id for read in reads})
    dialect.lock_ids(statements, ids)
    existing = _locked(dialect, statements, ids)
    decisions: list[tuple[MirroredAppointment | None, MirroredAppointment, Decision]] = []
    result = Applied()
    for read in reads:
        row_id = read if isinstance(read, str) else read.id
        before = existing.get(row_id)
        decision = decide(before, read, asked_at)
        result.outcomes[decision.outcome] = result.outcomes.get(decision.outcome, 0) + 1
        result.order_unknown += not isinstance(read, str) and read.updated_at is None
        if decision.row is not None:
            decisions.append((before, decision.row, decision))
            existing[row_id] = decision.row  # a second read of it in the batch is decided against this one
    return Prepared(asked_at, origin, ids, existing, decisions, result)


def finish(
    dialect: Dialect,
    statements: Statements,
    prepared: Prepared,
    *,
    taken: dict[str, int] | None = None,
    refused: dict[str, str] | None = None,
) -> Applied:
    """The second half of `apply`, in the same transaction: the changes written and logged, the rows' `read_at`
    moved on, the refused set aside and the events taken done with."""
    asked_at, result = prepared.asked_at, prepared.result
    _write(dialect, statements, prepared, result)
    read_ids = [row_id for row_id in prepared.ids if row_id in prepared.existing]
    if read_ids:  # never moved back: a read asked earlier may be applied later
        statements.run(
            f"UPDATE appointments SET read_at = ? WHERE read_at < ? AND id IN ({marks(len(read_ids))})",  # noqa: S608
            [dialect.time(asked_at), dialect.time(asked_at), *read_ids],
        )
    if refused:
        set_aside(dialect, statements, refused)
    if taken:
        release(statements, taken)
    return result


def _locked(dialect: Dialect, statements: Statements, ids: list[str]) -> dict[str, MirroredAppointment]:
    """The rows of `ids`, locked for the transaction in the order of their ids (PostgreSQL; SQLite has one
    writer), so that two processes applying at once take turns without a deadlock."""
    if not ids:
        return {}
    found = statements.rows(f"{_SELECT} WHERE id IN ({marks(len(ids))}) ORDER BY id{dialect.for_update}", ids)
    return {row.id: row for row in (decoded(dialect, values) for values in found)}


def _write(dialect: Dialect, statements: Statements, prepared: Prepared, result: Applied) -> None:
    """The changes numbered (the counter's row held to the commit), logged, and their rows written, each
    only over the row its decision saw (`RaceLostError` otherwise). Each change's `changed_at` is when its
    read was asked, but never before its appointment's change before it: reads asked on several hosts may be
    applied out of the order they were asked in, and an appointment's versions must follow each other in time."""
    decisions = prepared.decisions
    if not decisions:
        return
    statements.run("UPDATE mirror_sequence SET last = last + ?", [len(decisions)])
    number = int(statements.rows("SELECT last FROM mirror_sequence")[0][0]) - len(decisions)
    written: dict[str, MirroredAppointment] = {}  # this transaction's rows: a second change of one follows it
    logged = []
    for first_before, read, decision in decisions:
        number += 1
        before = written.get(read.id, first_before)
        changed_at = (
            prepared.asked_at if before is None else max(prepared.asked_at, before.changed_at or before.read_at)
        )
        row = replace(read, sequence=number, change=decision.outcome, changed_at=changed_at, origin=prepared.origin)  # type: ignore[arg-type]
        logged.append(
            (
                number,
                row.id,
                None if before is None else dialect.json(before.to_json()),
                dialect.json(row.to_json()),
                dialect.time(statements.now),
            )
        )
        values = encoded(dialect, row)
        done = (
            statements.run(_INSERT, values)
            if before is None
            else statements.run(_UPDATE, [*values[1:], row.id, before.sequence])
        )
        if done != 1:
            raise RaceLostError(f"appointment {row.id!r} changed under its decision ({decision.outcome}): read again")
        written[row.id] = row
        if decision.outcome == "repaired":
            result.repaired_ids.append(row.id)
        result.unreadable += bool(row.unreadable)
    statements.many(
        "INSERT INTO appointment_changes (sequence, appointment_id, before, after, applied_at) VALUES (?, ?, ?, ?, ?)",
        logged,
    )
    result.changes += len(decisions)


def set_aside(dialect: Dialect, statements: Statements, refused: dict[str, str]) -> None:
    """Ids the client or the API refuses to read, kept (with why) and never read again from an event."""
    statements.many(
        "INSERT INTO mirror_refused (id, reason, refused_at) VALUES (?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET reason = excluded.reason",
        [(appointment_id, reason[:1000], dialect.time(statements.now)) for appointment_id, reason in refused.items()],
    )
    statements.many("DELETE FROM mirror_pending WHERE id = ?", [(appointment_id,) for appointment_id in refused])


# --- Events waiting for a read ------------------------------------------------------------------


def notice(dialect: Dialect, statements: Statements, appointment_id: str, newest: datetime | None) -> bool:
    """Note that an event named the appointment (as of `newest`, its `updatedAt`, if known): it waits
    for a read, unless the row is already as new or the id is set aside (`set_aside`). Whether it now waits."""
    if statements.rows("SELECT 1 FROM mirror_refused WHERE id = ?", [appointment_id]):
        return False
    if newest is not None:
        found = statements.rows("SELECT updated_at, gone_at FROM appointments WHERE id = ?", [appointment_id])
        if found and found[0][1] is None:
            held = dialect.read_time(found[0][0])
            if held is not None and held >= newest:
                return False
    statements.run(
        "INSERT INTO mirror_pending (id, noticed_at, version, newest, claimed_until) VALUES (?, ?, 1, ?, NULL)"  # noqa: S608
        " ON CONFLICT (id) DO UPDATE SET version = mirror_pending.version + 1, newest = CASE"
        " WHEN excluded.newest IS NULL OR mirror_pending.newest IS NULL THEN NULL"
        f" ELSE {dialect.greatest}(mirror_pending.newest, excluded.newest) END",
        [appointment_id, dialect.time(statements.now), dialect.time(newest)],
    )
    return True


def take(
    dialect: Dialect, statements: Statements, *, limit: int, quiet: float, lease: float, holder: str
) -> tuple[dict[str, int], datetime]:
    """Up to `limit` appointments waiting for a read, noticed at least `quiet` seconds ago (a burst's
    events all in), claimed by `holder` for `lease` seconds: their ids and versions, and the moment
    they were taken (before the API is asked: their `read_at`). Those the table already holds as new
    as their events said are done with first, unread. What a process of this host that no longer runs claimed
    (killed, say) is free at once (`MIRROR_CLAIM`)."""
    now = statements.now
    running = f"SELECT DISTINCT claimed_by FROM mirror_pending WHERE {_READ.running('?')}"  # noqa: S608
    dead = [str(held) for (held,) in statements.rows(running, [dialect.time(now)]) if MIRROR_CLAIM.let_go_early(held)]
    if dead:
        let_go = f"UPDATE mirror_pending SET {_READ.let_go('NULL')} WHERE claimed_by IN ({marks(len(dead))})"  # noqa: S608
        statements.run(let_go, dead)
    statements.run(
        f"DELETE FROM mirror_pending WHERE {_READ.free('?')} AND newest IS NOT NULL AND newest <= ("  # noqa: S608
        "SELECT a.updated_at FROM appointments AS a WHERE a.id = mirror_pending.id AND a.gone_at IS NULL)",
        [dialect.time(now)],
    )
    found = statements.rows(
        f"SELECT id, version FROM mirror_pending WHERE noticed_at <= ? AND {_READ.free('?')}"  # noqa: S608
        f" ORDER BY noticed_at LIMIT ?{dialect.skip_locked}",
        [dialect.time(now - timedelta(seconds=quiet)), dialect.time(now), limit],
    )
    claimed = {str(row_id): int(version) for row_id, version in found}
    if claimed:
        statements.run(
            f"UPDATE mirror_pending SET {_READ.take('?', '?')} WHERE id IN ({marks(len(claimed))})",  # noqa: S608
            [holder, dialect.time(now + timedelta(seconds=lease)), *claimed],
        )
    return claimed, now


def release(statements: Statements, taken: dict[str, int]) -> None:
    """Done with the events of `taken`: read, unless named again meanwhile (then read again)."""
    statements.many("DELETE FROM mirror_pending WHERE id = ? AND version = ?", list(taken.items()))
    let_go_of(statements, ids=list(taken))


def let_go_of(statements: Statements, *, ids: list[str]) -> None:
    """The claims on these appointments' reads let go: read at the next look."""
    statements.run(f"UPDATE mirror_pending SET {_READ.let_go('NULL')} WHERE id IN ({marks(len(ids))})", ids)  # noqa: S608


def waiting(statements: Statements) -> int:
    return int(statements.rows("SELECT count(*) FROM mirror_pending")[0][0])


# --- Reading the table -----------------------------------------------------------------------------


def rows_after(dialect: Dialect, statements: Statements, *, after: str, limit: int) -> list[MirroredAppointment]:
    """Up to `limit` rows, by id, after `after` ("" for the first)."""
    found = statements.rows(f"{_SELECT} WHERE id > ? ORDER BY id LIMIT ?", [after, limit])
    return [decoded(dialect, values) for values in found]


def rows_of(dialect: Dialect, statements: Statements, ids: Sequence[str]) -> dict[str, MirroredAppointment]:
    """The rows of these appointments (at most 1000), by id."""
    if not ids:
        return {}
    found = statements.rows(f"{_SELECT} WHERE id IN ({marks(len(ids))})", list(ids))
    return {row.id: row for row in (decoded(dialect, values) for values in found)}


def unread_since(
    dialect: Dialect,
    statements: Statements,
    *,
    moment: datetime,
    after: str,
    limit: int,
    recent: tuple[datetime, datetime] | None = None,
) -> list[tuple[str, bool]]:
    """Up to `limit` rows, by id after `after`, that the API was last read for before `moment`: their
    ids, and whether each is gone. With `recent` (since, until): only the present rows whose `start` is
    from `since` to `until` or whose `updated_at` is from `since` (or either unreadable): a frequent
    catch-up's, which costs what changed recently rather than what the table holds."""
    sql = "SELECT id, gone_at FROM appointments WHERE read_at < ? AND id > ?"
    params: list[Any] = [dialect.time(moment), after]
    if recent is not None:
        since, until = dialect.time(recent[0]), dialect.time(recent[1])
        sql += (
            " AND gone_at IS NULL AND (start IS NULL OR updated_at IS NULL OR (start >= ? AND start <= ?)"
            " OR updated_at >= ?)"
        )
        params += [since, until, since]
    found = statements.rows(f"{sql} ORDER BY id LIMIT ?", [*params, limit])
    return [(str(row_id), gone_at is not None) for row_id, gone_at in found]


def _catch_up_claim(state: dict[str, Any]) -> Claim:
    """The catch-up of everything's claim as `mirror_state` keeps it (under its row's lock), a dead holder's let go."""
    held, until = state.get("holder"), state.get("until")
    dead = held is not None and CATCH_UP.let_go_early(held)
    return Claim(None if dead else held, datetime.fromisoformat(until).timestamp() if until else 0.0)


def claim_everything(
    dialect: Dialect, statements: Statements, *, holder: str, lease: float, every: float | None, at_start: bool
) -> bool:
    """Whether `holder` runs a catch-up of everything now: none runs (its claim, of `lease` seconds, is free)
    and, but at start, the last one finished `every` seconds ago or more. Claimed when so: several hosts
    run one at a time, on one schedule."""
    statements.run("INSERT INTO mirror_state (name, value) VALUES ('everything', '{}') ON CONFLICT (name) DO NOTHING")
    found = statements.rows(f"SELECT value FROM mirror_state WHERE name = 'everything'{dialect.for_update}")  # noqa: S608
    state = json.loads(found[0][0])
    now, finished = statements.now, state.get("finished_at")
    if not at_start and (
        every is None or (finished is not None and datetime.fromisoformat(finished) > now - timedelta(seconds=every))
    ):
        return False
    until, claim = now + timedelta(seconds=lease), _catch_up_claim(state)
    if not (claim.take(holder, now.timestamp(), until.timestamp()) or claim.renew(holder, until.timestamp())):
        return False  # another host runs one
    state |= {"holder": holder, "until": until.isoformat()}
    statements.run("UPDATE mirror_state SET value = ? WHERE name = 'everything'", [json.dumps(state)])
    return True


def everything_done(statements: Statements, *, holder: str, finished: bool) -> None:
    """The catch-up of everything `holder` ran ended (`finished`: whole; else failed): its claim let go."""
    found = statements.rows("SELECT value FROM mirror_state WHERE name = 'everything'")
    state = json.loads(found[0][0]) if found else {}
    if not _catch_up_claim(state).let_go(holder):
        return
    state |= {"holder": None, "until": None}
    if finished:
        state["finished_at"] = statements.now.isoformat()
    statements.run("UPDATE mirror_state SET value = ? WHERE name = 'everything'", [json.dumps(state)])


@dataclass(frozen=True)
class Counts:
    """What `mirror status` shows of the tables."""

    rows: int
    gone: int
    unreadable: int
    newest_updated_at: datetime | None
    waiting: int
    refused: int
    last_change: int
    cursors: dict[str, int]
    catch_up: dict[str, Any] | None
    last_error: dict[str, Any] | None
    processes: dict[str, Any]


def counts(dialect: Dialect, statements: Statements) -> Counts:
    rows, gone, unreadable, newest = statements.rows(
        "SELECT count(*), count(gone_at), count(unreadable), max(updated_at) FROM appointments"
    )[0]
    state = dict(
        statements.rows("SELECT name, value FROM mirror_state WHERE name IN ('catch_up', 'last_error', 'processes')")
    )
    return Counts(
        rows=int(rows),
        gone=int(gone),
        unreadable=int(unreadable),
        newest_updated_at=dialect.read_time(newest),
        waiting=waiting(statements),
        refused=int(statements.rows("SELECT count(*) FROM mirror_refused")[0][0]),
        last_change=int(statements.rows("SELECT last FROM mirror_sequence")[0][0]),
        cursors={str(name): int(at) for name, at in statements.rows("SELECT name, sequence FROM mirror_cursors")},
        catch_up=json.loads(state["catch_up"]) if "catch_up" in state else None,
        last_error=json.loads(state["last_error"]) if "last_error" in state else None,
        processes=json.loads(state.get("processes") or "{}"),
    )


def running(statements: Statements, *, holder: str, shared_limits: bool, within: float) -> dict[str, Any]:
    """`holder` kept as a process running the mirror now, and whether its limits are shared (`PEXIP_ENGAGE_LIMITS`);
    every process seen within `within` seconds, by holder (`host:pid:token`): how hosts see each other."""
    now = statements.now
    found = statements.rows("SELECT value FROM mirror_state WHERE name = 'processes'")
    seen = {
        **(json.loads(found[0][0]) if found else {}),
        holder: {"at": now.isoformat(), "sharedLimits": shared_limits},
    }
    recent = {
        name: it for name, it in seen.items() if datetime.fromisoformat(it["at"]) > now - timedelta(seconds=within)
    }
    record(statements, "processes", recent)
    return recent


def record_catch_up(statements: Statements, summary: dict[str, Any]) -> None:
    record(statements, "catch_up", summary)


def record_error(statements: Statements, summary: dict[str, Any]) -> None:
    """Keep the mirror's last failure (what failed, when, and the error), which `mirror status` shows."""
    record(statements, "last_error", summary)


def record(statements: Statements, name: str, summary: dict[str, Any]) -> None:
    """Keep `summary` under `name` in `mirror_state`: the last catch-up, failure or check."""
    statements.run(
        "INSERT INTO mirror_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [name, json.dumps(summary, separators=(",", ":"))],
    )


# --- Changes and their hooks' cursors ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change of the log: its number, and the row before (None: new) and after."""

    sequence: int
    before: MirroredAppointment | None
    after: MirroredAppointment


def hold_cursor(dialect: Dialect, statements: Statements, *, name: str, holder: str, lease: float) -> int | None:
    """Take (or keep) the cursor `name` for `holder` for `lease` seconds; where it stands, or None when another
    process holds it. A holder of this host that no longer runs holds it no more (`MIRROR_CLAIM`); a new cursor
    starts before the first change kept."""
    now = dialect.time(statements.now)
    statements.run(
        "INSERT INTO mirror_cursors (name, sequence, holder, held_until) VALUES (?, 0, NULL, NULL)"
        " ON CONFLICT (name) DO NOTHING",
        [name],
    )
    found = f"SELECT holder, sequence FROM mirror_cursors WHERE name = ?{dialect.for_update}"  # noqa: S608
    current, sequence = statements.rows(found, [name])[0]
    dead = current if current is not None and MIRROR_CLAIM.let_go_early(str(current)) else holder
    held = statements.run(
        f"UPDATE mirror_cursors SET {_CURSOR.take('?', '?')}, held_at = ? WHERE name = ?"  # noqa: S608
        f" AND ({_CURSOR.free('?')} OR {_CURSOR.held_by('?')} OR {_CURSOR.held_by('?')})",  # taken, kept or taken over
        [holder, dialect.time(statements.now + timedelta(seconds=lease)), now, name, now, holder, dead],
    )
    return int(sequence) if held else None


def changes_after(dialect: Dialect, statements: Statements, *, sequence: int, limit: int) -> list[Change]:
    found = statements.rows(
        "SELECT sequence, before, after FROM appointment_changes WHERE sequence > ? ORDER BY sequence LIMIT ?",
        [sequence, limit],
    )
    return [
        Change(
            int(number),
            None if before is None else MirroredAppointment.from_json(_document(dialect, before)),
            MirroredAppointment.from_json(_document(dialect, after)),
        )
        for number, before, after in found
    ]


def _document(dialect: Dialect, value: Any) -> dict[str, Any]:
    document: dict[str, Any] = dialect.read_json(value)
    return document


def advance(dialect: Dialect, statements: Statements, *, name: str, holder: str, sequence: int, lease: float) -> bool:
    """Move the cursor to `sequence` (its lease renewed) if `holder` still holds it; whether it did."""
    return bool(
        statements.run(
            f"UPDATE mirror_cursors SET sequence = ?, {_CURSOR.renew('?')}, held_at = ?"  # noqa: S608
            f" WHERE name = ? AND {_CURSOR.held_by('?')} AND sequence < ?",
            [
                sequence,
                dialect.time(statements.now + timedelta(seconds=lease)),
                dialect.time(statements.now),
                name,
                holder,
                sequence,
            ],
        )
    )


def let_go(statements: Statements, name: str, holder: str) -> None:
    sql = f"UPDATE mirror_cursors SET {_CURSOR.let_go('NULL')} WHERE name = ? AND {_CURSOR.held_by('?')}"  # noqa: S608
    statements.run(sql, [name, holder])


def prune(dialect: Dialect, statements: Statements, before: datetime) -> int:
    """Forget changes applied before `before` that every cursor held since `before` has passed; how many. A
    cursor not held since (its hook renamed or removed, its process gone) holds back nothing (`cursors`)."""
    return statements.run(
        "DELETE FROM appointment_changes WHERE applied_at < ?"  # noqa: S608 - a constant
        f" AND sequence <= (SELECT coalesce(min(sequence), {_LAST}) FROM mirror_cursors WHERE held_at >= ?)",
        [dialect.time(before), dialect.time(before)],
    )


@dataclass(frozen=True)
class ChangeCursor:
    """A change hook's cursor (`mirror cursors`).

    Attributes:
        name: The name its hook was registered under (`on_change(..., cursor=)`).
        sequence: The number of the last change its hook was handed.
        held_at: When a process last held it (handing changes to its hook); None: never since it was kept.
        holder: The process holding it now, or None.
        stale: Not held for longer than the change retention: it no longer holds back pruning, and its
            hook, if it comes back, may find changes it was not handed gone.
    """

    name: str
    sequence: int
    held_at: datetime | None
    holder: str | None
    stale: bool


def cursors(dialect: Dialect, statements: Statements, retention: timedelta) -> list[ChangeCursor]:
    found = statements.rows("SELECT name, sequence, held_at, holder FROM mirror_cursors ORDER BY name")
    since = statements.now - retention
    return [
        ChangeCursor(str(name), int(at), held, None if holder is None else str(holder), held is None or held < since)
        for name, at, held, holder in ((name, at, dialect.read_time(held), holder) for name, at, held, holder in found)
    ]


def forget_cursor(dialect: Dialect, statements: Statements, name: str) -> bool | None:
    """The cursor `name` dropped: True; False when there is none; None when a process holds it now (not dropped:
    its hook would be handed every change kept again)."""
    if statements.run(
        f"DELETE FROM mirror_cursors WHERE name = ? AND {_CURSOR.free('?')}",  # noqa: S608
        [name, dialect.time(statements.now)],
    ):
        return True
    return None if statements.rows("SELECT 1 FROM mirror_cursors WHERE name = ?", [name]) else False
