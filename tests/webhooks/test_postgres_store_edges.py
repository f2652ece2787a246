"""The PostgreSQL store at its edges, on the session's real server: what the shared contract
(tests/webhooks/test_store_contract.py) leaves unsaid, and a connection cut under it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import pytest

from pexip_engage_client._shared.postgres import quoted
from pexip_engage_client.webhooks._stores import _postgres
from pexip_engage_client.webhooks._stores._postgres import PostgresStore

from ..support.postgres_server import migrated

NOW = 1_700_000_000.0


@pytest.fixture
async def store(postgres_url: str) -> AsyncIterator[PostgresStore]:
    opened = PostgresStore(migrated(f"{postgres_url}?schema=edges_{uuid.uuid4().hex}"))
    opened._clock = lambda: NOW  # times as spans from NOW on the server's clock
    await opened.open()
    yield opened
    await opened.close()


async def add(store: PostgresStore, event_id: str) -> int | None:
    return await store.add(event_id, b"{}", subject=None, updated_at=None, now=NOW)


def test_a_store_shows_its_url_without_the_password() -> None:
    store = PostgresStore("postgresql://engage:s3cr3t-pw@127.0.0.1:1/app?schema=hooks")
    assert "s3cr3t-pw" not in repr(store)
    assert repr(store).startswith("PostgresStore('postgresql://engage:")


async def test_a_cut_connection_fails_the_call_and_the_next_looks_up_again_never_doubling(
    store: PostgresStore, postgres_url: str
) -> None:
    assert await add(store, "kept") is not None
    with psycopg.connect(postgres_url, autocommit=True) as admin:  # the store's sessions ended by the server
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
    with pytest.raises(psycopg.OperationalError):  # fails clearly, never sent again on another connection
        await add(store, "cut")
    store._pool._held.get().down_until = 0.0  # the second in which calls fail at once, over
    assert await add(store, "kept") is None  # looked up again: still kept once
    assert await store.status("cut") is None  # the call that failed wrote nothing
    assert await add(store, "cut") is not None
    assert await store.due(NOW, 10) == ["kept", "cut"]


async def test_a_parked_event_is_listed_with_the_body_it_was_stored_with(store: PostgresStore) -> None:
    body = b'{"id": "parked", "data": "\\u00e9"}'
    assert await store.add("parked", body, subject=None, updated_at=None, now=NOW) is not None
    assert await store.claim("parked", "me", NOW, 30) is not None
    await store.park("parked", "me", attempts=3, error="ValueError: boom", now=NOW)
    (failed,) = await store.failed(10)
    assert (failed.id, failed.body, failed.attempts, failed.error) == ("parked", body, 3, "ValueError: boom")
    assert type(failed.body) is bytes  # what a replay tool writes back or decodes as it is


async def held_back(store: PostgresStore, admin: psycopg.AsyncConnection[Any], waiting: int) -> None:
    """Until `waiting` of the store's adds wait on the row `admin` inserted and has not committed (bounded)."""
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
    for _ in range(500):
        await admin.execute("SELECT pg_stat_clear_snapshot()")  # else read once per transaction
        row = await (await admin.execute(query)).fetchone()
        if row is not None and row[0] >= waiting:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"fewer than {waiting} adds waited for the held row")


def hold(store: PostgresStore) -> str:
    """An insert of event `held`, the unique id an add of it waits on while uncommitted."""
    values = "(id, body, status, not_before) VALUES ('held', '', 'pending', now())"
    return f"INSERT INTO {quoted(store.schema)}.webhook_events {values}"


async def test_a_step_waiting_on_another_transaction_leaves_the_stores_other_calls_answered(
    store: PostgresStore, postgres_url: str
) -> None:
    async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as admin:
        async with admin.transaction(force_rollback=True):
            await admin.execute(hold(store))
            waiting = asyncio.ensure_future(add(store, "held"))
            await held_back(store, admin, 1)
            assert await asyncio.wait_for(store.status("other"), 2) is None  # on a connection of its own
            assert not waiting.done()
        assert await asyncio.wait_for(waiting, 10) is not None  # the other insert rolled back: this one kept


async def test_a_step_stuck_behind_a_row_lock_fails_within_its_bound_and_its_retry_stores_once(
    monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    """Every wait is bounded: an add waiting on a row another transaction holds fails when the store's
    statement bound runs out (here 0.3 s, not its 5 s, to keep the test quick), as a clear
    OperationalError, having written nothing; retried once the row is let go, it stores the event once."""
    monkeypatch.setattr(_postgres, "STATEMENT_TIMEOUT", 0.3)
    store = PostgresStore(migrated(f"{postgres_url}?schema=edges_{uuid.uuid4().hex}"))
    store._clock = lambda: NOW
    await store.open()
    try:
        async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as admin:
            async with admin.transaction(force_rollback=True):
                await admin.execute(hold(store))  # the unique id's row, uncommitted: an add of it waits
                with pytest.raises(psycopg.OperationalError, match="statement timeout"):
                    await asyncio.wait_for(add(store, "held"), 10)  # 10 s: hanging, not slow, fails this
            store._pool._held.get().down_until = 0.0  # the second in which calls fail at once, over
            assert await store.status("held") is None  # the call that failed wrote nothing
            assert await add(store, "held") is not None  # the row let go: stored
            assert await add(store, "held") is None  # and once
            assert await store.due(NOW, 10) == ["held"]
    finally:
        await store.close()


async def test_a_step_over_its_bound_leaves_the_pool_to_the_other_calls(
    monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    """A statement cancelled at its bound answered on a live connection: unlike a cut or a restart it
    neither discards the process's pool nor fails every other call for the next second."""
    monkeypatch.setattr(_postgres, "STATEMENT_TIMEOUT", 0.3)
    store = PostgresStore(migrated(f"{postgres_url}?schema=edges_{uuid.uuid4().hex}"))
    store._clock = lambda: NOW
    await store.open()
    try:
        admin = await psycopg.AsyncConnection.connect(postgres_url, autocommit=True)
        async with admin, admin.transaction(force_rollback=True):
            await admin.execute(hold(store))
            pool = store._pool._held.get().pool
            with pytest.raises(psycopg.OperationalError, match="statement timeout"):
                await asyncio.wait_for(add(store, "held"), 10)
            assert await store.status("other") is None  # at once: no second of refusals
            assert store._pool._held.get().pool is pool
    finally:
        await store.close()


def test_the_stores_statements_are_bounded_as_every_wait_of_the_client_is() -> None:
    pool = PostgresStore("postgresql://engage@127.0.0.1:1/app")._pool
    assert pool._kwargs["options"] == f"-c statement_timeout={round(_postgres.STATEMENT_TIMEOUT * 1000)}"
    assert pool._kwargs["tcp_user_timeout"] == round(_postgres.STATEMENT_TIMEOUT * 1000)  # a cut connection too


async def test_a_urls_own_options_are_kept_beside_the_statement_bound(postgres_url: str) -> None:
    """libpq's `options` in the URL (here `-c work_mem=7MB`) still reach the server now that the store sets its
    statement bound there too: the two are joined, the URL's last (its own `statement_timeout` would win)."""
    store = PostgresStore(migrated(f"{postgres_url}?schema=edges_{uuid.uuid4().hex}&options=-c%20work_mem%3D7MB"))
    try:
        async with store._pool.connection() as connection:
            shown = [
                (await (await connection.execute(f"SHOW {name}")).fetchone())[0]
                for name in ("work_mem", "statement_timeout")
            ]
        assert shown == ["7MB", "5s"]
    finally:
        await store.close()


@pytest.mark.slow
async def test_with_every_connection_held_a_call_fails_within_three_seconds_and_nothing_doubles(
    store: PostgresStore, postgres_url: str
) -> None:
    # The store keeps up to 20 connections; a call that finds them all in use waits 3 s for one, then
    # fails, so that a delivery is answered 503 within Engage's 3 seconds' patience rather than late.
    async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as admin:
        async with admin.transaction(force_rollback=True):
            await admin.execute(hold(store))
            adds = asyncio.gather(*(add(store, "held") for _ in range(20)), return_exceptions=True)
            await held_back(store, admin, 20)
            started = asyncio.get_running_loop().time()
            with pytest.raises(psycopg.OperationalError):
                await store.status("other")
            assert 2.5 < asyncio.get_running_loop().time() - started < 3.8
        kept = [position for position in await asyncio.wait_for(adds, 10) if isinstance(position, int)]
    assert len(kept) <= 1  # the adds that ran stored the event once, whatever became of the pool
