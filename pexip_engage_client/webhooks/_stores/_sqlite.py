"""`sqlite:///path/to/events.db`: the embedded default, stdlib sqlite3, survives restarts.

Each operation is one `BEGIN IMMEDIATE` transaction on the store's own thread, so that processes
sharing the file take turns; adds commit with `synchronous=FULL`, the handling steps with `NORMAL`
(docs/webhooks.md says what each survives). In a forked child the parent's connection is kept
unclosed: SQLite forbids using it across a fork, and closing it could disturb the parent's locks
and journal. `FORK_GATE` keeps forks out of SQLite: the child inherits the table of locks the
process's connections hold, and a write lock held at the fork was held there for ever.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias, TypeVar, cast

from ..._base.processes import per_process
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

_SCHEMA = """
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

_DUE = "((e.status = 'pending' AND e.not_before <= :now) OR (e.status = 'handling' AND e.lease_until <= :now))"
# Its subject's turn: no other event of the subject in a handler (under a running lease), and none
# older by (updatedAt, arrival) waiting; events without updatedAt sort first.
_FIRST = NO_UPDATED_AT
_TURN = f"""NOT EXISTS (
    SELECT 1 FROM events AS o WHERE o.subject = e.subject AND o.status IN ('pending', 'handling') AND o.id != e.id
    AND ((o.status = 'handling' AND o.lease_until > :now)
         OR (coalesce(o.updated_at, {_FIRST}), o.position) < (coalesce(e.updated_at, {_FIRST}), e.position))
)"""  # noqa: S608 - constants only
_CLAIMABLE = f"{_DUE} AND {_TURN}"
# A claim whose lease still runs (`holders`, `let_go`).
_RUNNING = "status = 'handling' AND lease_until > :now AND owner IS NOT NULL"
_HELD = "id = :id AND status = 'handling' AND owner = :owner"
# Due events by arrival: one select per partial index, so that the settled events kept for the
# retention time are never scanned.
_DUE_IDS = f"""SELECT id FROM (
    SELECT e.id, e.position FROM events AS e WHERE e.status = 'pending' AND e.not_before <= :now AND {_TURN}
    UNION ALL
    SELECT e.id, e.position FROM events AS e WHERE e.status = 'handling' AND e.lease_until <= :now AND {_TURN}
) ORDER BY position LIMIT :limit"""  # noqa: S608 - constants only
# The subject's event whose turn it is, if it is due.
_NEXT = f"""SELECT e.id FROM events AS e WHERE e.subject = :subject AND e.status IN ('pending', 'handling')
    AND {_CLAIMABLE}
    ORDER BY coalesce(e.updated_at, {_FIRST}), e.position LIMIT 1"""  # noqa: S608 - constants only


# Held around every SQLite call of this module's stores, and by a fork while it copies the process.
# A fork waits for the SQLite work in flight (one transaction each, milliseconds; or as long as
# another process holds the file's write lock, up to the busy timeout), so that the child inherits
# no lock held in SQLite's per-process tables. Stores of several files share the gate: their
# transactions take turns, which only the forks need. In the child the forking thread, which holds
# it, lets it go.
FORK_GATE = threading.RLock()
if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(before=FORK_GATE.acquire, after_in_parent=FORK_GATE.release, after_in_child=FORK_GATE.release)


# What an insert of an event takes: id, body, subject, updated_at, now.
NewEvent: TypeAlias = tuple[str, bytes, str | None, int | None, float]


def connect(path: str) -> sqlite3.Connection:
    """A connection to the store's file (made, with its schema, if missing): WAL, adds synced in full."""
    if path not in ("", ":memory:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with FORK_GATE:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.executescript(_SCHEMA)
    return connection


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
    # Per process: in a forked child the parent's thread is not here and its lock may be held for
    # ever, so the next operation of an open store makes this process's own thread and connection
    # (synced in full; the parent's kept unclosed, `PerProcess`). Adds the parent had queued are the
    # parent's to answer.
    _connection: per_process[sqlite3.Connection | None] = per_process(lambda _: None)  # on the store's thread
    _thread: per_process[ThreadPoolExecutor | None] = per_process(lambda _: None)
    _adds = per_process(lambda self: GroupCommit(self._durable_transaction))

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._opened = False  # open() was called, and close() not since
        self._durable = True  # the connection's synchronous setting: FULL (True) or NORMAL

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    def _transaction(self, work: Callable[[sqlite3.Connection], _T], durable: bool) -> _T:
        """`work` as one `BEGIN IMMEDIATE` transaction, rolled back if it raises; on the store's thread
        (which connects on its first one)."""
        db = self._connected()
        with FORK_GATE:
            if durable != self._durable:
                db.execute("PRAGMA synchronous=FULL" if durable else "PRAGMA synchronous=NORMAL")
                self._durable = durable
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result

    def _connected(self) -> sqlite3.Connection:
        """The connection, made now if this process has none yet; on the store's thread."""
        if self._connection is None:
            self._connection = connect(self.path)
            self._durable = True
        return self._connection

    def _executor(self) -> ThreadPoolExecutor:
        """The store's thread in this process: made here if the store was opened before a fork."""
        if not self._opened:
            raise RuntimeError("the SQLite store is not open")
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="webhook-sqlite")
        return self._thread

    async def _run(self, work: Callable[[sqlite3.Connection], _T], *, durable: bool = False) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor(), self._transaction, work, durable)

    async def open(self) -> None:
        if self._opened and self._thread is not None:
            return
        self._opened = True
        thread = self._executor()
        try:
            await asyncio.get_running_loop().run_in_executor(thread, self._connected)
        except BaseException:
            self._opened, self._thread = False, None
            thread.shutdown(wait=False)
            raise

    async def close(self) -> None:
        thread, connection = self._thread, self._connection
        self._opened = False
        self._thread = self._connection = None
        if thread is None:
            return
        if connection is not None:
            await asyncio.get_running_loop().run_in_executor(thread, _close, connection)
        thread.shutdown(wait=True)

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        thread = self._executor()  # before queueing: an add refused as not open must not be written by the next
        mine = self._adds.queue((event_id, body, subject, updated_at, now))
        return await asyncio.get_running_loop().run_in_executor(thread, self._adds.write, mine)

    def _durable_transaction(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """A group commit's transaction, synced in full; on the store's thread."""
        return self._transaction(work, durable=True)

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
                "UPDATE events AS e SET status = 'handling', owner = :owner, lease_until = :until"  # noqa: S608
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
        statement = f"UPDATE events SET lease_until = :until WHERE {_HELD}"  # noqa: S608
        return await self._changed(statement, {"id": event_id, "owner": owner, "until": until})

    async def holders(self, now: float) -> set[str]:
        found = await self._rows(f"SELECT DISTINCT owner FROM events WHERE {_RUNNING}", {"now": now})  # noqa: S608
        return {str(row[0]) for row in found}

    async def let_go(self, owner: str, now: float) -> int:
        statement = f"UPDATE events SET lease_until = :now WHERE {_RUNNING} AND owner = :owner"  # noqa: S608
        return await self._run(lambda db: db.execute(statement, {"now": now, "owner": owner}).rowcount)

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        def work(db: sqlite3.Connection) -> str | None:
            row = db.execute(
                f"UPDATE events SET status = :outcome, owner = NULL, settled_at = :now WHERE {_HELD}"  # noqa: S608
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
                "UPDATE events SET status = 'pending', owner = NULL, attempts = :attempts,"  # noqa: S608
                f" not_before = :not_before, error = :error WHERE {_HELD}",
                {"id": event_id, "owner": owner, "attempts": attempts, "not_before": not_before, "error": error},
            )
        )

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        def work(db: sqlite3.Connection) -> str | None:
            row = db.execute(
                "UPDATE events SET status = 'failed', owner = NULL, attempts = :attempts,"  # noqa: S608
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


def _close(connection: sqlite3.Connection) -> None:
    with FORK_GATE:
        connection.close()
