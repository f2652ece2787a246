"""The mirror's tables, each operation one transaction (`_database.py` runs it whole on its thread).

- `appointments`: the rows (`_rows.py`).
- `appointment_changes`: every change applied, numbered, with the row before and after, written in
  the same transaction as the row, so that a change is in the log exactly when it is in the table.
  Numbers are taken from `mirror_sequence`, whose one row each applying transaction updates: the
  transactions that change rows take turns on it, so the numbers are committed in their order
  and a reader of the log never passes a number committed later (docs/mirror.md, "Changes").
- `mirror_pending`: the appointments events named that wait for a read: one row each, however many
  events named it, so that a burst of them makes one read.
- `mirror_cursors`: how far each change hook got, with the lease of the process handing it changes.
- `mirror_state`: the last catch-up, and the last failure (`last_error`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, cast

from ._database import Dialect, Statements
from ._rows import Decision, MirroredAppointment, Outcome, decide

_COLUMNS = (
    'id, status, start, "end", updated_at, office_id, subject_id, employee_ids, customer_ids, external_id,'
    " document, unreadable, gone_at, read_at, sequence"
)
_SELECT = f"SELECT {_COLUMNS} FROM appointments"  # noqa: S608 - constants only
_UPSERT = (
    f"INSERT INTO appointments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
    ' ON CONFLICT (id) DO UPDATE SET status = excluded.status, start = excluded.start, "end" = excluded."end",'
    " updated_at = excluded.updated_at, office_id = excluded.office_id, subject_id = excluded.subject_id,"
    " employee_ids = excluded.employee_ids, customer_ids = excluded.customer_ids, external_id = excluded.external_id,"
    " document = excluded.document, unreadable = excluded.unreadable, gone_at = excluded.gone_at,"
    " read_at = excluded.read_at, sequence = excluded.sequence"
)
_LAST = 9_223_372_036_854_775_807  # past every change number


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


def apply(
    dialect: Dialect,
    statements: Statements,
    reads: Sequence[MirroredAppointment | str],
    taken: dict[str, int] | None = None,
    *,
    asked_at: datetime | None = None,
) -> Applied:
    """Apply reads (a row the API's answer makes, or the id of one that read as gone) in one
    transaction: each row as `decide` says, each change numbered and logged with it; the events
    `taken` (id: the version of its pending row read) are done with, unless named again since.

    Each row read gets `read_at` = `asked_at`, when the API was asked (by default now): a read asked
    before a catch-up began and applied after it holds the API as of before, so that catch-up must
    still read it again (`unread_since`)."""
    now = statements.now
    read_at = now if asked_at is None else asked_at
    ids = sorted({read if isinstance(read, str) else read.id for read in reads})
    existing = _locked(dialect, statements, ids)
    decisions: list[tuple[MirroredAppointment | None, MirroredAppointment, Decision]] = []
    result = Applied()
    for read in reads:
        row_id = read if isinstance(read, str) else read.id
        before = existing.get(row_id)
        decision = decide(before, read if isinstance(read, str) else replace(read, read_at=read_at), now)
        result.outcomes[decision.outcome] = result.outcomes.get(decision.outcome, 0) + 1
        result.order_unknown += not isinstance(read, str) and read.updated_at is None
        if decision.row is not None:
            decisions.append((before, decision.row, decision))
            existing[row_id] = decision.row  # a second read of it in the batch is decided against this one
    _write(dialect, statements, decisions, result)
    read_ids = [row_id for row_id in ids if row_id in existing]
    if read_ids:
        statements.run(f"UPDATE appointments SET read_at = ? WHERE id IN ({marks(len(read_ids))})", [  # noqa: S608
            dialect.time(read_at), *read_ids
        ])  # fmt: skip
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


def _write(
    dialect: Dialect,
    statements: Statements,
    decisions: list[tuple[MirroredAppointment | None, MirroredAppointment, Decision]],
    result: Applied,
) -> None:
    """The rows written, and the changes numbered (the counter's row held to the commit) and logged."""
    changes = sum(1 for _, _, decision in decisions if decision.is_change)
    number = 0
    if changes:
        statements.run("UPDATE mirror_sequence SET last = last + ?", [changes])
        number = int(statements.rows("SELECT last FROM mirror_sequence")[0][0]) - changes
    written, logged = [], []
    for before, read, decision in decisions:
        row = read
        if decision.is_change:
            number += 1
            row = replace(read, sequence=number)
            logged.append((
                number, row.id, None if before is None else dialect.json(before.to_json()),
                dialect.json(row.to_json()), dialect.time(statements.now),
            ))  # fmt: skip
        elif decision.outcome == "repaired":
            result.repaired_ids.append(row.id)
        result.unreadable += bool(row.unreadable)
        written.append(encoded(dialect, row))
    if written:
        statements.many(_UPSERT, written)
    if logged:
        statements.many(
            "INSERT INTO appointment_changes (sequence, appointment_id, before, after, applied_at)"
            " VALUES (?, ?, ?, ?, ?)",
            logged,
        )
    result.changes += changes


# --- Events waiting for a read ------------------------------------------------------------------


def notice(dialect: Dialect, statements: Statements, appointment_id: str, newest: datetime | None) -> bool:
    """Note that an event named the appointment (as of `newest`, its `updatedAt`, if known): it waits
    for a read, unless the row is already as new. Whether it now waits."""
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
    as their events said are done with first, unread."""
    now = statements.now
    statements.run(
        "DELETE FROM mirror_pending WHERE claimed_until IS NULL AND newest IS NOT NULL AND newest <= ("
        "SELECT a.updated_at FROM appointments AS a WHERE a.id = mirror_pending.id AND a.gone_at IS NULL)"
    )
    found = statements.rows(
        "SELECT id, version FROM mirror_pending WHERE noticed_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"  # noqa: S608
        f" ORDER BY noticed_at LIMIT ?{dialect.skip_locked}",
        [dialect.time(now - timedelta(seconds=quiet)), dialect.time(now), limit],
    )
    claimed = {str(row_id): int(version) for row_id, version in found}
    if claimed:
        statements.run(
            f"UPDATE mirror_pending SET claimed_until = ?, claimed_by = ? WHERE id IN ({marks(len(claimed))})",  # noqa: S608
            [dialect.time(now + timedelta(seconds=lease)), holder, *claimed],
        )
    return claimed, now


def release(statements: Statements, taken: dict[str, int]) -> None:
    """Done with the events of `taken`: read, unless named again meanwhile (then read again)."""
    statements.many("DELETE FROM mirror_pending WHERE id = ? AND version = ?", list(taken.items()))
    let_go_of(statements, ids=list(taken))


def let_go_of(statements: Statements, *, ids: list[str]) -> None:
    """The claims on these appointments' reads let go: read at the next look."""
    statements.run(
        f"UPDATE mirror_pending SET claimed_until = NULL, claimed_by = NULL WHERE id IN ({marks(len(ids))})",  # noqa: S608
        ids,
    )


def holders(statements: Statements) -> set[str]:
    """Every process that holds a claim on a read or a cursor."""
    found = statements.rows(
        "SELECT claimed_by FROM mirror_pending WHERE claimed_by IS NOT NULL"
        " UNION SELECT holder FROM mirror_cursors WHERE holder IS NOT NULL"
    )
    return {str(holder) for (holder,) in found}


def let_go_of_holder(statements: Statements, *, holder: str) -> None:
    """What a process that no longer runs held: its claims on reads and its cursors, free at once."""
    statements.run("UPDATE mirror_pending SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = ?", [holder])
    statements.run("UPDATE mirror_cursors SET holder = NULL, held_until = NULL WHERE holder = ?", [holder])


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
    dialect: Dialect, statements: Statements, *, moment: datetime, after: str, limit: int
) -> list[tuple[str, bool]]:
    """Up to `limit` rows, by id after `after`, that the API was last read for before `moment`: their
    ids, and whether each is gone."""
    found = statements.rows(
        "SELECT id, gone_at FROM appointments WHERE read_at < ? AND id > ? ORDER BY id LIMIT ?",
        [dialect.time(moment), after, limit],
    )
    return [(str(row_id), gone_at is not None) for row_id, gone_at in found]


@dataclass(frozen=True)
class Counts:
    """What `mirror status` shows of the tables."""

    rows: int
    gone: int
    unreadable: int
    newest_updated_at: datetime | None
    waiting: int
    last_change: int
    cursors: dict[str, int]
    catch_up: dict[str, Any] | None
    last_error: dict[str, Any] | None


def counts(dialect: Dialect, statements: Statements) -> Counts:
    rows, gone, unreadable, newest = statements.rows(
        "SELECT count(*), count(gone_at), count(unreadable), max(updated_at) FROM appointments"
    )[0]
    state = dict(statements.rows("SELECT name, value FROM mirror_state WHERE name IN ('catch_up', 'last_error')"))
    return Counts(
        rows=int(rows),
        gone=int(gone),
        unreadable=int(unreadable),
        newest_updated_at=dialect.read_time(newest),
        waiting=waiting(statements),
        last_change=int(statements.rows("SELECT last FROM mirror_sequence")[0][0]),
        cursors={str(name): int(at) for name, at in statements.rows("SELECT name, sequence FROM mirror_cursors")},
        catch_up=json.loads(state["catch_up"]) if "catch_up" in state else None,
        last_error=json.loads(state["last_error"]) if "last_error" in state else None,
    )


def record_catch_up(statements: Statements, summary: dict[str, Any]) -> None:
    _record(statements, "catch_up", summary)


def record_error(statements: Statements, summary: dict[str, Any]) -> None:
    """Keep the mirror's last failure (what failed, when, and the error), which `mirror status` shows."""
    _record(statements, "last_error", summary)


def _record(statements: Statements, name: str, summary: dict[str, Any]) -> None:
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
    """Take (or keep) the cursor `name` for `holder` for `lease` seconds; where it stands, or None when
    another process holds it. A new cursor starts before the first change kept."""
    now = statements.now
    statements.run(
        "INSERT INTO mirror_cursors (name, sequence, holder, held_until) VALUES (?, 0, NULL, NULL)"
        " ON CONFLICT (name) DO NOTHING",
        [name],
    )
    held = statements.run(
        "UPDATE mirror_cursors SET holder = ?, held_until = ?"
        " WHERE name = ? AND (holder IS NULL OR holder = ? OR held_until < ?)",
        [holder, dialect.time(now + timedelta(seconds=lease)), name, holder, dialect.time(now)],
    )
    if not held:
        return None
    return int(statements.rows("SELECT sequence FROM mirror_cursors WHERE name = ?", [name])[0][0])


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
            "UPDATE mirror_cursors SET sequence = ?, held_until = ? WHERE name = ? AND holder = ? AND sequence < ?",
            [sequence, dialect.time(statements.now + timedelta(seconds=lease)), name, holder, sequence],
        )
    )


def let_go(statements: Statements, name: str, holder: str) -> None:
    statements.run("UPDATE mirror_cursors SET holder = NULL, held_until = NULL WHERE name = ? AND holder = ?", [
        name, holder
    ])  # fmt: skip


def prune(dialect: Dialect, statements: Statements, before: datetime) -> int:
    """Forget changes applied before `before` that every cursor has passed; how many."""
    return statements.run(
        "DELETE FROM appointment_changes WHERE applied_at < ?"  # noqa: S608 - a constant
        f" AND sequence <= (SELECT coalesce(min(sequence), {_LAST}) FROM mirror_cursors)",
        [dialect.time(before)],
    )
