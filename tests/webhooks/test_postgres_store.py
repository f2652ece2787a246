"""The PostgreSQL store's own promises beyond the contract (test_store_contract.py): what the parked
list hands out, and the pool's bounds. Each guards a slip `make mutation` makes in
`_stores/_postgres.py` that the contract's tests pass."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pexip_engage_client.webhooks._stores import store_from_url
from pexip_engage_client.webhooks._stores._postgres import PostgresStore

from ..support.stores import store_url


@pytest.fixture
async def store(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[PostgresStore]:
    opened = store_from_url(store_url("postgres", tmp_path, request))
    assert isinstance(opened, PostgresStore)
    await opened.open()
    yield opened
    await opened.close()


async def test_the_parked_list_hands_out_each_event_with_its_body(store: PostgresStore) -> None:
    await store.add("parked", b'{"n": 1}', subject=None, updated_at=None, now=store._clock())
    assert await store.claim("parked", "me", store._clock(), 30) is not None
    assert await store.park("parked", "me", attempts=3, error="ValueError: no", now=store._clock()) is None
    (failed,) = await store.failed(10)
    assert (failed.id, failed.body, failed.attempts, failed.error) == ("parked", b'{"n": 1}', 3, "ValueError: no")


def test_a_call_waits_up_to_3_seconds_for_one_of_20_connections() -> None:
    # Within Engage's 3 seconds a delivery is stored or answered 503 (docs/webhooks.md); 20 connections
    # stay well under PostgreSQL's default of 100 shared with the application.
    pool = PostgresStore("postgresql://user@localhost/db")._pool
    assert (pool._size, pool._wait) == (20, 3.0)
