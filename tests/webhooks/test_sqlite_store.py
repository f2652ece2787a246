"""The SQLite store's own promises, beyond the contract every store keeps (test_store_contract.py):
adds synced in full and the handling steps with less (docs/webhooks.md, "Stores"), every transaction
on the store's one thread, a failed transaction rolled back and answered to every add it held, a
store used only while open. Each guards a slip `make mutation` makes in `_stores/_sqlite.py` that the
contract's tests pass."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pexip_engage_client._shared import sqlite as engine
from pexip_engage_client.webhooks._stores import OrderKey, _sqlite
from pexip_engage_client.webhooks._stores._sqlite import GroupCommit, NewEvent, SQLiteStore

NOW = 1_700_000_000.0
FULL, NORMAL = 2, 1  # PRAGMA synchronous's answers


def synchronous(store: SQLiteStore) -> int:
    """The connection's setting now; read between operations, while the store's thread is idle."""
    connection = store._file.connection
    assert connection is not None
    return int(connection.execute("PRAGMA synchronous").fetchone()[0])


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteStore]:
    opened = SQLiteStore(tmp_path / "events.db")
    await opened.open()
    yield opened
    await opened.close()


async def test_adds_are_synced_in_full_and_the_handling_steps_less(store: SQLiteStore) -> None:
    assert synchronous(store) == FULL  # as connected
    assert await store.due(NOW, 10) == []
    assert synchronous(store) == NORMAL  # a handling step first after connecting
    await store.add("a", b"{}", subject="s", updated_at=1_000, now=NOW)
    assert synchronous(store) == FULL
    claimed = await store.claim("a", "me", NOW, 30)
    assert claimed is not None
    assert synchronous(store) == NORMAL
    await store.add("b", b"{}", subject=None, updated_at=None, now=NOW)
    assert synchronous(store) == FULL  # back to full for an add after a handling step
    await store.settle("a", "me", "handled", order=OrderKey("s", 1_000, claimed.position), now=NOW)
    assert synchronous(store) == NORMAL
    assert await store.add_reconciled("reconciled:s:2000", b"{}", subject="s", updated_at=2_000, now=NOW)
    assert synchronous(store) == FULL  # a change found by reconciling is acknowledged as an add


async def test_the_store_waits_for_another_process_write_lock_up_to_30_seconds(store: SQLiteStore) -> None:
    await store.due(NOW, 1)
    connection = store._file.connection
    assert connection is not None
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000


async def test_every_transaction_runs_on_the_stores_one_thread(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = await asyncio.gather(*(store._run(lambda _: threading.current_thread().name) for _ in range(20)))
    added_on = []

    def insert(db: sqlite3.Connection, event: NewEvent) -> int | None:
        added_on.append(threading.current_thread().name)
        return real_insert(db, event)

    real_insert = _sqlite.insert_event
    monkeypatch.setattr(_sqlite, "insert_event", insert)
    adds = await asyncio.gather(*(store.add(f"e{n}", b"{}", subject=None, updated_at=None, now=NOW) for n in range(5)))
    assert all(position is not None for position in adds)
    closed_on = []

    def close(connection: sqlite3.Connection) -> None:
        closed_on.append(threading.current_thread().name)
        real_close(connection)

    real_close = engine._close
    monkeypatch.setattr(engine, "_close", close)
    await store.close()
    assert len(set(names)) == 1
    assert names[0].startswith("webhook-sqlite")
    assert added_on == names[:1] * 5
    assert closed_on == names[:1]  # closed after the work queued before it, on the same thread


async def test_a_store_is_used_only_while_open(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "events.db")
    with pytest.raises(RuntimeError, match=r"^the SQLite store is not open$"):
        await store.add("a", b"{}", subject=None, updated_at=None, now=NOW)
    await store.open()
    await store.open()  # a second open is a no-op
    assert await store.add("b", b"{}", subject=None, updated_at=None, now=NOW) is not None
    assert await store.status("a") is None  # the refused add was not written by the next one's transaction
    assert await store.add("a", b"{}", subject=None, updated_at=None, now=NOW) is not None
    connection = store._file.connection
    assert connection is not None
    await store.close()
    with pytest.raises(sqlite3.ProgrammingError):  # close() closed the file's connection
        connection.execute("SELECT 1")
    with pytest.raises(RuntimeError, match="not open"):
        await store.status("a")
    await store.close()  # a second close is a no-op
    await store.open()
    try:
        assert await store.status("a") == "pending"
    finally:
        await store.close()


async def test_a_store_opens_in_folders_it_makes_and_a_failed_open_leaves_it_closed(tmp_path: Path) -> None:
    nested = SQLiteStore(tmp_path / "a" / "b" / "events.db")
    await nested.open()
    await nested.close()
    assert (tmp_path / "a" / "b" / "events.db").is_file()
    (tmp_path / "file").write_text("not a folder")
    store = SQLiteStore(tmp_path / "file" / "events.db")
    with pytest.raises(FileExistsError):  # the folder to make is a file
        await store.open()
    with pytest.raises(RuntimeError, match="not open"):
        await store.add("a", b"{}", subject=None, updated_at=None, now=NOW)
    (tmp_path / "file").unlink()
    await store.open()  # the cause gone, the store opens
    try:
        assert await store.add("a", b"{}", subject=None, updated_at=None, now=NOW) is not None
    finally:
        await store.close()


async def test_a_transaction_that_raises_is_rolled_back_and_the_store_goes_on(store: SQLiteStore) -> None:
    def work(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO events (id, body, status, not_before) VALUES ('half', x'', 'pending', 0)")
        raise LookupError("the work failed half way")

    with pytest.raises(LookupError, match="half way"):
        await store._run(work)
    assert await store.status("half") is None
    assert await store.add("next", b"{}", subject=None, updated_at=None, now=NOW) is not None


def test_adds_queued_together_share_one_transaction_and_its_outcome() -> None:
    transactions: list[int] = []
    failure = sqlite3.OperationalError("disk I/O error")

    def transaction(work: object) -> list[int | None]:
        transactions.append(0)
        if len(transactions) == 2:
            raise failure
        return [len(transactions) * 10, None]

    commits = GroupCommit(transaction)
    event: NewEvent = ("a", b"{}", None, None, NOW)
    first, second = commits.queue(event), commits.queue(event)
    assert commits.write(first) == 10
    assert commits.write(second) is None  # written by the first's transaction: a known id
    assert len(transactions) == 1
    third, fourth = commits.queue(event), commits.queue(event)
    with pytest.raises(sqlite3.OperationalError) as raised:
        commits.write(third)
    assert raised.value is failure
    with pytest.raises(sqlite3.OperationalError) as raised:  # never read as a duplicate: not acknowledged
        commits.write(fourth)
    assert raised.value is failure
    assert len(transactions) == 2


async def test_what_a_claim_and_the_parked_list_hand_out(store: SQLiteStore) -> None:
    await store.add("plain", b'{"n": 1}', subject="s", updated_at=None, now=NOW)
    claimed = await store.claim("plain", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest is None  # nothing handled of its subject yet
    assert await store.park("plain", "someone else", attempts=1, error="x", now=NOW) is None  # not theirs
    assert await store.park("plain", "me", attempts=3, error="ValueError: no", now=NOW + 1) is None
    (failed,) = await store.failed(10)
    assert (failed.id, failed.body, failed.attempts, failed.error, failed.failed_at) == (
        "plain",
        b'{"n": 1}',
        3,
        "ValueError: no",
        NOW + 1,
    )
    await store.add("unordered", b"{}", subject=None, updated_at=None, now=NOW)
    claimed = await store.claim("unordered", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest is None


async def test_a_lease_runs_out_at_its_end_for_the_event_and_its_subjects_turn(store: SQLiteStore) -> None:
    # The instant a lease ends it no longer holds the event, nor its appointment's turn (as in memory).
    await store.add("lone", b"{}", subject=None, updated_at=None, now=NOW)
    assert await store.claim("lone", "dead", NOW, 5) is not None
    await store.add("held", b"{}", subject="s", updated_at=1_000, now=NOW)
    assert await store.claim("held", "dead", NOW, 5) is not None
    await store.add("older", b"{}", subject="s", updated_at=500, now=NOW)
    assert await store.due(NOW + 5, 10) == ["lone", "older"]
    assert await store.claim("lone", "other", NOW + 5, 30) is not None
    assert await store.claim("older", "other", NOW + 5, 30) is not None
