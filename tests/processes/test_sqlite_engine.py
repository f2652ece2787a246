"""The one SQLite engine (`_shared/sqlite.py`) on its own: each room's steps run once, a fork waits for the SQLite
calls in flight (and no more: two files' transactions never take turns), and a close closes what the work
queued before it connected. The rooms' own promises over it: tests/webhooks/test_sqlite_store.py, tests/mirror."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from pexip_engage_client._shared import sqlite as engine
from pexip_engage_client._shared.postgres import Migrations
from pexip_engage_client._shared.sqlite import SQLiteFile, connect, statements

from ..support.open_files import open_files

STEPS = Migrations(
    "things",
    (
        "CREATE TABLE things (id TEXT PRIMARY KEY); -- made; counted\nINSERT INTO things VALUES ('first');",
        "ALTER TABLE things ADD COLUMN note TEXT",
    ),
)


def test_statements_end_at_a_semicolon_outside_comments_and_strings() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT ';'); -- a note; with a semicolon\nINSERT INTO a VALUES ('b;c');\n\n"
    assert [part.strip() for part in statements(script)] == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "-- a note; with a semicolon\nINSERT INTO a VALUES ('b;c');",
    ]


def test_each_step_runs_once_counted_in_the_rooms_own_table(tmp_path: Path) -> None:
    path = str(tmp_path / "things.db")
    first = Migrations(STEPS.room, STEPS.steps[:1])
    with closing(connect(path, first)) as db:
        assert db.execute("SELECT id FROM things").fetchall() == [("first",)]
    with closing(connect(path, STEPS)) as db:  # a later release: only its new step runs
        assert db.execute("SELECT id, note FROM things").fetchall() == [("first", None)]
        assert db.execute("SELECT version FROM things_migrations ORDER BY version").fetchall() == [(1,), (2,)]
        assert engine.migrate(db, STEPS) == 0  # nothing left to run
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert db.execute("PRAGMA busy_timeout").fetchone() == (30_000,)


def test_a_failed_step_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = str(tmp_path / "things.db")
    broken = Migrations("things", (*STEPS.steps, "INSERT INTO things (id) VALUES ('second'); SELECT * FROM nowhere"))
    connect(path, STEPS).close()
    with pytest.raises(sqlite3.OperationalError, match="no such table: nowhere"):
        connect(path, broken)
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT count(*) FROM things").fetchone() == (1,)  # the step's insert rolled back
        assert db.execute("SELECT max(version) FROM things_migrations").fetchone() == (2,)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_two_processes_opening_a_new_file_together_both_open_it(tmp_path: Path) -> None:
    # Two forked children connect to each of 20 new files at the same instants. SQLite refuses a new file's switch to
    # WAL at once while another process has it open ("database is locked", about one file in three): each waits.
    first = time.monotonic() + 0.05
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            failed = 1
            try:
                for number in range(20):
                    time.sleep(max(first + number * 0.02 - time.monotonic(), 0))
                    connect(str(tmp_path / f"{number}.db"), STEPS).close()
                failed = 0
            finally:
                os._exit(failed)
        children.append(pid)
    assert [_exit_code(pid, timeout=60) for pid in children] == [0, 0]


async def test_two_files_transactions_never_take_turns(tmp_path: Path) -> None:
    """A transaction held open on one file (a long page of the mirror's) does not hold up another file's."""
    one, other = (
        SQLiteFile(tmp_path / "one.db", STEPS, thread_name="one"),
        SQLiteFile(tmp_path / "other.db", STEPS, thread_name="other"),
    )
    inside, release = threading.Event(), threading.Event()

    def held(db: sqlite3.Connection) -> None:
        inside.set()
        release.wait(10)

    try:
        holding = asyncio.ensure_future(one.run(held))
        assert await asyncio.to_thread(inside.wait, 10)
        async with asyncio.timeout(5):
            assert await other.run(lambda db: db.execute("SELECT id FROM things").fetchall()) == [("first",)]
        assert not holding.done()
        release.set()
        await holding
    finally:
        release.set()
        await one.close()
        await other.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
async def test_a_fork_waits_for_the_sqlite_call_in_flight_and_the_child_writes(tmp_path: Path) -> None:
    """The child inherits no lock held in SQLite's per-process tables: a fork while another thread is in a
    transaction waits for its end, and the child's own connection writes to the same file at once."""
    file = SQLiteFile(tmp_path / "things.db", STEPS, thread_name="things")
    inside, release = threading.Event(), threading.Event()

    def held(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO things (id) VALUES ('parent')")
        inside.set()
        release.wait(10)

    forked_at: list[float] = []

    def fork() -> int:
        pid = os.fork()
        if pid == 0:  # the child: its own thread and connection, on the file the parent wrote
            code = 1
            try:
                code = asyncio.run(_child_writes(file))
            finally:
                os._exit(code)
        forked_at.append(time.monotonic())
        return pid

    try:
        holding = asyncio.ensure_future(file.run(held))
        assert await asyncio.to_thread(inside.wait, 10)
        forking = asyncio.ensure_future(asyncio.to_thread(fork))
        await asyncio.sleep(0.3)
        assert not forking.done()  # the fork waits for the transaction
        released_at = time.monotonic()
        release.set()
        await holding
        async with asyncio.timeout(10):
            pid = await forking
        assert forked_at[0] >= released_at
        assert await asyncio.to_thread(_exit_code, pid, 15) == 0
        ids = await file.run(lambda db: sorted(row[0] for row in db.execute("SELECT id FROM things")))
        assert ids == ["child", "first", "parent"]
    finally:
        release.set()
        await file.close()


def _exit_code(pid: int, timeout: float) -> int:
    """The child's exit code; AssertionError (the child killed) when it has not ended within `timeout`."""
    deadline = time.monotonic() + timeout
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the child hangs on the file")
        time.sleep(0.02)
    return os.waitstatus_to_exitcode(done[1])


async def _child_writes(file: SQLiteFile) -> int:
    async with asyncio.timeout(5):
        await file.run(lambda db: db.execute("INSERT INTO things (id) VALUES ('child')"))
    return 0


async def test_close_closes_the_connection_that_work_queued_before_it_made(tmp_path: Path) -> None:
    """A close that comes while the first call is still connecting (a timeout gave up on it) closes the
    connection once made, rather than leave it open: the engine's thread runs the close after that work."""
    file = SQLiteFile(tmp_path / "things.db", STEPS, thread_name="things")
    connecting = asyncio.ensure_future(file.open())
    await asyncio.sleep(0)  # the connecting queued on the file's thread
    await file.close()
    await asyncio.gather(connecting, return_exceptions=True)
    assert connecting.exception() is None  # it connected, and the close came after
    assert open_files(tmp_path) == []
