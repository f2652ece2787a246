"""`sqlite:///path/to/events.db`: the embedded default, stdlib sqlite3, survives restarts.

The file is the client's one SQLite engine's (`_shared/sqlite.py`: a thread and a connection per
process, each operation one `BEGIN IMMEDIATE` transaction there, forks kept out of SQLite calls),
with this store's tables (`SQLITE_MIGRATIONS`). Adds commit with `synchronous=FULL`, the handling steps
with `NORMAL` (docs/webhooks.md says what each survives).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias, TypeVar, cast

from ..._base.processes import per_process
from ..._leasing._claims import SqlClaim
from ..._shared.postgres import Migrations
from ..._shared.sqlite import SQLiteFile, holds_room
from ...errors import TablesMissingError
from ._contract import (
    NO_UPDATED_AT,
    FailedEvent,
    Noted,
    OrderKey,
    Outcome,
    Status,
    StoredEvent,
    StoreTallies,
    tallies_of,
    twin_of,
)

_T = TypeVar("_T")

# The store's tables, each step once (`_shared/sqlite.py` runs them). The first is what earlier releases
# made at each connection, as they made it: a file of theirs runs it again, changing nothing.
_FIRST_STEP = """
CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL,
    subject TEXT,
    updated_at INTEGER,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before REAL NOT NULL,
    owner TEXT,
    lease_until REAL NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    settled_at REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_pending ON events (not_before) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS events_handling ON events (lease_until) WHERE status = 'handling';
CREATE INDEX IF NOT EXISTS events_settled ON events (settled_at) WHERE status IN ('handled', 'stale', 'unhandled');
CREATE INDEX IF NOT EXISTS events_turns ON events (subject, position) WHERE status IN ('pending', 'handling');
CREATE TABLE IF NOT EXISTS newest (subject TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS seen (subject TEXT PRIMARY KEY, updated_at INTEGER NOT NULL);
DROP TABLE IF EXISTS locks;
-- What the receivers noted (refusals, handler failures), counted; the last one's time and kind.
CREATE TABLE IF NOT EXISTS noted (
    what TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at REAL NOT NULL, kind TEXT NOT NULL
);
"""
SQLITE_MIGRATIONS = Migrations("webhooks", (_FIRST_STEP,))

# A handler's claim on an event: the one claim (`_leasing/_claims.py`), in the event's row.
_CLAIM = SqlClaim("owner", "lease_until")
_DUE = f"((e.status = 'pending' AND e.not_before <= :now) OR (e.status = 'handling' AND {_CLAIM.of('e').free(':now')}))"
# Its subject's turn: no other event of the subject in a handler (under a running claim), and none
# older by (updatedAt, arrival) waiting; events without updatedAt sort first.
_FIRST = NO_UPDATED_AT
_TURN = f"""NOT EXISTS (
    SELECT 1 FROM events AS o WHERE o.subject = e.subject AND o.status IN ('pending', 'handling') AND o.id != e.id
    AND ((o.status = 'handling' AND {_CLAIM.of("o").running(":now")})
         OR (coalesce(o.updated_at, {_FIRST}), o.position) < (coalesce(e.updated_at, {_FIRST}), e.position))
)"""  # noqa: S608 - constants only
_CLAIMABLE = f"{_DUE} AND {_TURN}"
# A claim that still runs (`holders`, `let_go`).
_RUNNING = f"status = 'handling' AND {_CLAIM.running(':now')}"
_HELD = f"id = :id AND status = 'handling' AND {_CLAIM.held_by(':owner')}"
# Due events by arrival: one select per partial index, so that the settled events kept for the
# retention time are never scanned.
_DUE_IDS = f"""SELECT id FROM (
    SELECT e.id, e.position FROM events AS e WHERE e.status = 'pending' AND e.not_before <= :now AND {_TURN}
    UNION ALL
    SELECT e.id, e.position FROM events AS e
    WHERE e.status = 'handling' AND {_CLAIM.of("e").free(":now")} AND {_TURN}
) ORDER BY position LIMIT :limit"""  # noqa: S608 - constants only
# The subject's event whose turn it is, if it is due.
_NEXT = f"""SELECT e.id FROM events AS e WHERE e.subject = :subject AND e.status IN ('pending', 'handling')
    AND {_CLAIMABLE}
    ORDER BY coalesce(e.updated_at, {_FIRST}), e.position LIMIT 1"""  # noqa: S608 - constants only


# What an insert of an event takes: id, body, subject, updated_at, now.
NewEvent: TypeAlias = tuple[str, bytes, str | None, int | None, float]


def insert_event(db: sqlite3.Connection, event: NewEvent) -> int | None:
    """Inserts the event as pending, inside the caller's transaction; its position, or None for a
    known id or a delivery of a change reconcile kept (its twin). Records what was seen of its subject."""
    event_id, _, subject, updated_at, _ = event
    twin = twin_of(subject, updated_at)
    if twin is not None and twin != event_id and db.execute("SELECT 1 FROM events WHERE id = ?", (twin,)).fetchone():
        return None
    cursor = db.execute(
        "INSERT INTO events (id, body, subject, updated_at, status, not_before)"
        " VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (id) DO NOTHING",
        event,
    )
    if cursor.rowcount != 1:
        return None
    if subject is not None and updated_at is not None:
        db.execute(
            "INSERT INTO seen (subject, updated_at) VALUES (?, ?)"
            " ON CONFLICT (subject) DO UPDATE SET updated_at = excluded.updated_at"
            " WHERE excluded.updated_at > seen.updated_at",
            (subject, updated_at),
        )
    return cursor.lastrowid


def insert_reconciled(db: sqlite3.Connection, event: NewEvent) -> int | None:
    """`insert_event` of one change found by reconciling, unless its subject was seen as recent."""
    _, _, subject, updated_at, _ = event
    seen = db.execute(
        "SELECT 1 FROM seen WHERE subject = :subject AND updated_at >= :at"
        " UNION ALL SELECT 1 FROM newest WHERE subject = :subject AND updated_at >= :at",
        {"subject": subject, "at": updated_at},
    ).fetchone()
    return None if seen else insert_event(db, event)


@dataclass
class _Waiting:
    event: NewEvent
    done: bool = False
    position: int | None = None
    error: Exception | None = None


class GroupCommit:
    """The adds that arrive while one transaction is written go into the next one together, with one
    sync to disk: one sync each made the acknowledgements queue behind each other under load (issue
    40: p99 5.4 s at 50 in flight)."""

    def __init__(
        self, transaction: Callable[[Callable[[sqlite3.Connection], list[int | None]]], list[int | None]]
    ) -> None:
        self._transaction = transaction
        self._waiting: list[_Waiting] = []
        self._queue_lock = threading.Lock()
        self._writing = threading.Lock()

    def queue(self, event: NewEvent) -> _Waiting:
        mine = _Waiting(event)
        with self._queue_lock:
            self._waiting.append(mine)
        return mine

    def write(self, mine: _Waiting) -> int | None:
        """Blocks until `mine` is written (by this thread, with every add waiting, or by another's
        transaction); its position, or what the transaction raised."""
        with self._writing:
            if not mine.done:  # nobody took it into their transaction while this thread waited
                with self._queue_lock:
                    batch, self._waiting = self._waiting, []
                self._write(batch)
        if mine.error is not None:
            raise mine.error
        return mine.position

    def _write(self, batch: list[_Waiting]) -> None:
        try:
            positions = self._transaction(lambda db: [insert_event(db, waiting.event) for waiting in batch])
        except Exception as error:  # every add of the batch failed with it
            for waiting in batch:
                waiting.error, waiting.done = error, True
            return
        for waiting, position in zip(batch, positions, strict=True):
            waiting.position, waiting.done = position, True


class SQLiteStore:
    # Per process (the file's thread and connection are too): in a forked child, the adds the parent
    # had queued are the parent's to answer.
    _adds = per_process(lambda self: GroupCommit(self._durable_transaction))

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._file = SQLiteFile(self.path, SQLITE_MIGRATIONS, thread_name="webhook-sqlite")
        self._opened = False  # open() was called, and close() not since

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    def _check_open(self) -> None:
        if not self._opened:
            raise RuntimeError("the SQLite store is not open")

    async def _run(self, work: Callable[[sqlite3.Connection], _T], *, durable: bool = False) -> _T:
        self._check_open()
        return await self._file.run(work, durable=durable)

    async def open(self) -> None:
        self._opened = True
        try:
            await self._file.open()  # the file's connection now (in a forked child: this process's own)
        except BaseException:
            self._opened = False
            raise

    async def close(self) -> None:
        self._opened = False
        await self._file.close()

    def refuse_missing(self, made_by: str) -> None:
        """`TablesMissingError` when this process has not connected yet and the file, or its tables, is missing:
        a call that only reads makes nothing (what writes makes them: `made_by`)."""
        if self._file.connection is None and not holds_room(self.path, SQLITE_MIGRATIONS.room):
            raise TablesMissingError(self.path, SQLITE_MIGRATIONS.room, made_by)

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        self._check_open()  # before queueing: an add refused as not open must not be written by the next
        mine = self._adds.queue((event_id, body, subject, updated_at, now))
        return await self._file.call(self._adds.write, mine)

    def _durable_transaction(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """A group commit's transaction, synced in full; on the file's thread."""
        return self._file.transaction(work, durable=True)

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        event: NewEvent = (event_id, body, subject, updated_at, now)
        return await self._run(lambda db: insert_reconciled(db, event), durable=True)

    async def _changed(self, statement: str, arguments: dict[str, object] | tuple[object, ...]) -> bool:
        """Whether `statement` changed the one row it names."""
        return await self._run(lambda db: db.execute(statement, arguments).rowcount == 1)

    async def _rows(self, statement: str, arguments: dict[str, object] | tuple[object, ...]) -> list[Any]:
        return await self._run(lambda db: db.execute(statement, arguments).fetchall())

    async def due(self, now: float, limit: int) -> list[str]:
        return [row[0] for row in await self._rows(_DUE_IDS, {"now": now, "limit": limit})]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        def work(db: sqlite3.Connection) -> StoredEvent | None:
            row = db.execute(
                f"UPDATE events AS e SET status = 'handling', {_CLAIM.take(':owner', ':until')}"  # noqa: S608
                f" WHERE e.id = :id AND {_CLAIMABLE}"
                " RETURNING id, body, position, attempts, subject, updated_at",
                {"id": event_id, "owner": owner, "now": now, "until": now + lease},
            ).fetchone()
            if row is None:
                return None
            newest = None
            if row[4] is not None:
                found = db.execute("SELECT updated_at, position FROM newest WHERE subject = ?", (row[4],)).fetchone()
                newest = None if found is None else (found[0], found[1])
            return StoredEvent(row[0], bytes(row[1]), row[2], row[3], row[4], row[5], newest)

        return await self._run(work)

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        statement = f"UPDATE events SET {_CLAIM.renew(':until')} WHERE {_HELD}"  # noqa: S608
        return await self._changed(statement, {"id": event_id, "owner": owner, "until": until})

    async def holders(self, now: float) -> set[str]:
        found = await self._rows(f"SELECT DISTINCT {_CLAIM.holder} FROM events WHERE {_RUNNING}", {"now": now})  # noqa: S608
        return {str(row[0]) for row in found}

    async def let_go(self, owner: str, now: float) -> int:
        statement = f"UPDATE events SET {_CLAIM.let_go(':now')} WHERE {_RUNNING} AND {_CLAIM.held_by(':owner')}"  # noqa: S608
        return await self._run(lambda db: db.execute(statement, {"now": now, "owner": owner}).rowcount)

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        def work(db: sqlite3.Connection) -> str | None:
            row = db.execute(
                f"UPDATE events SET status = :outcome, {_CLAIM.let_go()}, settled_at = :now WHERE {_HELD}"  # noqa: S608
                " RETURNING subject",
                {"id": event_id, "owner": owner, "outcome": outcome, "now": now},
            ).fetchone()
            if row is None:
                return None
            if outcome == "handled" and order is not None and order.updated_at is not None:
                db.execute(
                    "INSERT INTO newest (subject, updated_at, position) VALUES (:subject, :at, :position)"
                    " ON CONFLICT (subject) DO UPDATE SET updated_at = :at, position = :position"
                    " WHERE (newest.updated_at, newest.position) < (:at, :position)",
                    {"subject": order.subject, "at": order.updated_at, "position": order.position},
                )
            return _next(db, row[0], now)

        return await self._run(work)

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        await self._run(
            lambda db: db.execute(
                f"UPDATE events SET status = 'pending', {_CLAIM.let_go()}, attempts = :attempts,"  # noqa: S608
                f" not_before = :not_before, error = :error WHERE {_HELD}",
                {"id": event_id, "owner": owner, "attempts": attempts, "not_before": not_before, "error": error},
            )
        )

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        def work(db: sqlite3.Connection) -> str | None:
            row = db.execute(
                f"UPDATE events SET status = 'failed', {_CLAIM.let_go()}, attempts = :attempts,"  # noqa: S608
                f" error = :error, settled_at = :now WHERE {_HELD} RETURNING subject",
                {"id": event_id, "owner": owner, "attempts": attempts, "error": error, "now": now},
            ).fetchone()
            return None if row is None else _next(db, row[0], now)

        return await self._run(work)

    async def failed(self, limit: int) -> list[FailedEvent]:
        parked = "SELECT id, body, attempts, error, settled_at FROM events WHERE status = 'failed' ORDER BY position"
        rows = await self._rows(parked + " LIMIT ?", (limit,))
        return [FailedEvent(row[0], bytes(row[1]), row[2], row[3], row[4]) for row in rows]

    async def replay(self, event_id: str, now: float) -> bool:
        return await self._changed(
            "UPDATE events SET status = 'pending', attempts = 0, not_before = ? WHERE id = ? AND status = 'failed'",
            (now, event_id),
        )

    async def status(self, event_id: str) -> Status | None:
        rows = await self._rows("SELECT status FROM events WHERE id = ?", (event_id,))
        return cast(Status, rows[0][0]) if rows else None

    async def purge(self, before: float) -> int:
        settled = "DELETE FROM events WHERE status IN ('handled', 'stale', 'unhandled') AND settled_at < ?"
        return await self._run(lambda db: db.execute(settled, (before,)).rowcount)

    async def note(self, what: Noted, kind: str, now: float) -> None:
        await self._run(
            lambda db: db.execute(
                "INSERT INTO noted (what, count, last_at, kind) VALUES (?, 1, ?, ?) ON CONFLICT (what)"
                " DO UPDATE SET count = count + 1, last_at = excluded.last_at, kind = excluded.kind",
                (what, now, kind),
            )
        )

    async def tallies(self) -> StoreTallies:
        def read(db: sqlite3.Connection) -> StoreTallies:
            # One select per partial index: the settled events kept for the retention time are not scanned.
            waiting = db.execute(
                "SELECT (SELECT count(*) FROM events WHERE status = 'pending')"
                " + (SELECT count(*) FROM events WHERE status = 'handling')"
            ).fetchone()[0]
            failed = db.execute("SELECT count(*) FROM events WHERE status = 'failed'").fetchone()[0]
            noted = {
                row[0]: (row[1], row[2], row[3]) for row in db.execute("SELECT what, count, last_at, kind FROM noted")
            }
            return tallies_of(waiting, failed, noted)

        return await self._run(read)


def _next(db: sqlite3.Connection, subject: str | None, now: float) -> str | None:
    if subject is None:
        return None
    row = db.execute(_NEXT, {"subject": subject, "now": now}).fetchone()
    return None if row is None else str(row[0])
