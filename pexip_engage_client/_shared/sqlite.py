"""SQLite, the client's one way to it: a thread and a connection per process, transactions, each room's tables.

Every room that keeps a SQLite file (the webhook store, the mirror) holds a `SQLiteFile` with its own `Migrations`
(`postgres.py`'s), run on the first connection, each step once; a released step is never edited. Each transaction is
`BEGIN IMMEDIATE`, so that processes sharing the file take turns (the busy timeout bounds a wait: 30 s).

In a forked child the parent's connection must not be used (SQLite forbids it across a fork) nor closed (that could
disturb the parent's locks and journal): the child makes its own (`PerProcess`). `FORK_GATE` keeps forks out of
SQLite calls: a write lock held at the fork would be held in the child for ever.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .._base.processes import PerProcess
from .postgres import Migrations

_T = TypeVar("_T")

# How long a transaction waits for another process's write lock on the file before it fails.
BUSY_TIMEOUT = 30.0


class _ForkGate:
    """SQLite calls of any files, in any threads, run at once; a fork waits until none is in flight, and none
    starts while a fork waits (each is one transaction: milliseconds, or up to the busy timeout behind another
    process's write lock). In the child the gate is open again, with no call in flight."""

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._inside = 0  # calls in flight, in every thread
        self._forks = 0  # forks waiting for them to end
        self._depth = threading.local()  # this thread's calls in flight (a call inside another never waits)

    @contextmanager
    def held(self) -> Iterator[None]:
        depth = getattr(self._depth, "value", 0)
        with self._condition:
            while self._forks and not depth:
                self._condition.wait()
            self._inside += 1
        self._depth.value = depth + 1
        try:
            yield
        finally:
            self._depth.value = depth
            with self._condition:
                self._inside -= 1
                self._condition.notify_all()

    def before_fork(self) -> None:
        """Hold the gate through the fork once no call but the forking thread's own is in flight."""
        mine = getattr(self._depth, "value", 0)
        self._condition.acquire()
        self._forks += 1
        while self._inside > mine:
            self._condition.wait()

    def after_fork_in_parent(self) -> None:
        self._forks -= 1
        self._condition.notify_all()
        self._condition.release()

    def after_fork_in_child(self) -> None:
        # The parent's other threads are not here: no call of theirs is in flight, and none waits.
        self._inside, self._forks = getattr(self._depth, "value", 0), 0
        self._condition = threading.Condition(threading.Lock())


FORK_GATE = _ForkGate()
if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(
        before=FORK_GATE.before_fork,
        after_in_parent=FORK_GATE.after_fork_in_parent,
        after_in_child=FORK_GATE.after_fork_in_child,
    )


def statements(script: str) -> Iterator[str]:
    """The statements of `script`, one by one (a `;` inside a comment or a string does not end one)."""
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending
            pending = ""


def connect(path: str, migrations: Migrations) -> sqlite3.Connection:
    """A connection to the file (made, and its folders, if missing), the room's tables migrated: WAL, synced in full.

    Autocommit (each transaction says `BEGIN IMMEDIATE`), usable from the thread that runs the
    transactions (`check_same_thread=False`: made on one, closed on it too).
    """
    if path not in ("", ":memory:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    with FORK_GATE.held():
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)
        try:
            _use_wal(connection)
            connection.execute("PRAGMA synchronous=FULL")
            migrate(connection, migrations)
        except BaseException:
            connection.close()
            raise
    return connection


def _use_wal(connection: sqlite3.Connection) -> None:
    """The file in WAL mode. Switching a new file to it needs the file alone, and SQLite answers busy at once, its
    busy timeout unused, while another process has the file open: as when two processes open a new file together.
    So the switch is tried again within the busy timeout; a file already in WAL mode needs no switch."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
        else:
            return


def migrate(connection: sqlite3.Connection, migrations: Migrations) -> int:
    """Run the room's steps not yet run, in one `BEGIN IMMEDIATE` transaction; how many ran."""
    table = f"{migrations.room}_migrations"
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(f"CREATE TABLE IF NOT EXISTS {table} (version INTEGER NOT NULL)")
        done = connection.execute(f"SELECT max(version) FROM {table}").fetchone()[0] or 0  # noqa: S608 - a room's name
        for number, step in enumerate(migrations.steps[done:], done + 1):
            for statement in statements(step):
                connection.execute(statement)
            connection.execute(f"INSERT INTO {table} (version) VALUES (?)", (number,))  # noqa: S608 - a room's name
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return max(len(migrations.steps) - done, 0)


def holds_room(path: str | Path, room: str) -> bool:
    """Whether the SQLite file at `path` holds `room`'s tables (its `{room}_migrations`), read without making
    anything: no file, no table, no journal mode changed. A read that would make what it reads asks first."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return False
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (f"{room}_migrations",)
        ).fetchone()
    except sqlite3.DatabaseError:  # not a SQLite file at all
        return False
    finally:
        connection.close()
    return found is not None


# The `_Held` whose thread this is, on each file's thread (set as the thread starts).
_THREAD = threading.local()


class _Held:
    """A process's thread and connection of a file (the connection made on its first use there)."""

    def __init__(self, thread_name: str) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=thread_name, initializer=self._bind)
        self.connection: sqlite3.Connection | None = None
        self.durable = True  # the connection's synchronous setting: FULL (True) or NORMAL

    def _bind(self) -> None:
        _THREAD.held = self


class SQLiteFile:
    """A room's SQLite file: in each process one thread and one connection, each transaction `BEGIN IMMEDIATE` there.

    `thread_name`: the thread's name (its prefix), which says whose file it is.
    """

    def __init__(self, path: str | Path, migrations: Migrations, *, thread_name: str) -> None:
        self.path = str(path)
        self._migrations = migrations
        self._held: PerProcess[_Held] = PerProcess(lambda: _Held(thread_name))

    def __repr__(self) -> str:
        return f"SQLiteFile({self.path!r})"

    @property
    def connection(self) -> sqlite3.Connection | None:
        """This process's connection, if it has one yet (read it between transactions: tests)."""
        held = self._held.current()
        return None if held is None else held.connection

    async def call(self, function: Callable[..., _T], *args: Any) -> _T:
        """`function(*args)` on the file's thread in this process, where `transaction` may be called."""
        return await asyncio.get_running_loop().run_in_executor(self._held.get().thread, function, *args)

    async def run(self, work: Callable[[sqlite3.Connection], _T], *, durable: bool = True) -> _T:
        """`work` as one transaction on the file's thread (see `transaction`)."""
        return await self.call(self.transaction, work, durable)

    def run_blocking(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """`run` for a caller with no event loop: the transaction on the file's thread, waited for here."""
        return self._held.get().thread.submit(self.transaction, work).result()

    async def open(self) -> None:
        """Connect now (the file made and migrated), so that a failure is raised here; on failure the thread ends."""
        try:
            await self.call(self._connected)
        except BaseException:
            held = self._held.clear()
            if held is not None:
                held.thread.shutdown(wait=False)
            raise

    def transaction(self, work: Callable[[sqlite3.Connection], _T], durable: bool = True) -> _T:
        """`work` as one `BEGIN IMMEDIATE` transaction, committed if it returns, rolled back if it raises; synced
        in full when `durable`, else as WAL's NORMAL (a power cut may lose it). On the file's thread only."""
        db = self._connected()
        held: _Held = _THREAD.held
        with FORK_GATE.held():
            if durable != held.durable:
                db.execute("PRAGMA synchronous=FULL" if durable else "PRAGMA synchronous=NORMAL")
                held.durable = durable
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result

    def _connected(self) -> sqlite3.Connection:
        """The connection of the thread this runs on (the file's), made now if it has none yet. The thread's own,
        not this process's latest: work queued before a `close` runs on the connection it was queued for."""
        held: _Held | None = getattr(_THREAD, "held", None)
        if held is None:
            raise RuntimeError(f"{self!r}: a transaction runs on the file's own thread (`run`, `call`)")
        if held.connection is None:
            held.connection = connect(self.path, self._migrations)
            held.durable = True
        return held.connection

    async def close(self) -> None:
        """`close_blocking` on a thread: the event loop runs on meanwhile."""
        await asyncio.to_thread(self.close_blocking)

    def close_blocking(self) -> None:
        """Close this process's connection on its thread, after the work queued before (whatever that work
        connected), and end the thread; none in a forked child that made none (the parent's is not closed from
        here). A later call opens again."""
        held = self._held.clear()
        if held is not None:
            held.thread.submit(_disconnect, held)
            held.thread.shutdown(wait=True)


def _disconnect(held: _Held) -> None:
    connection, held.connection = held.connection, None
    if connection is not None:
        _close(connection)


def _close(connection: sqlite3.Connection) -> None:
    with FORK_GATE.held():
        connection.close()
