"""The one claim in Redis (`_shared/_redis.py`: `take`, `renew`, `let_go`) on the session's real redis-server, quick.

Its Lua scripts hold the Redis lease's promise (a holder extends and gives up only its own claim, for
the time it asks, and a claim of a lost state is never extended): constants mutmut leaves alone, so
these quick tests run each step on a real server (slips planted by hand: docs/mutation.md). The sync
twin (`_shared/_sync/_redis.py`) carries the same scripts: its last test runs them through its functions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import redis
import redis.asyncio

from pexip_engage_client._shared import _redis
from pexip_engage_client._shared._sync import _redis as _redis_sync

LONG = 60_000  # ms: a claim that cannot run out during a test
SHORT = 2_000  # ms: a claim's first life, told from LONG by its PTTL


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[redis.asyncio.Redis]:
    made = redis.asyncio.Redis.from_url(redis_url)
    yield made
    await made.aclose()


async def test_a_claim_is_its_first_takers_for_the_time_it_asked(client: redis.asyncio.Redis, key: str) -> None:
    assert await _redis.take(client, key, "first", SHORT)
    assert not await _redis.take(client, key, "second", LONG)  # held: the second taker gets nothing
    assert await client.get(key) == b"first"
    assert 0 < await client.pttl(key) <= SHORT


async def test_its_holder_extends_it_to_the_time_asked_from_now(client: redis.asyncio.Redis, key: str) -> None:
    await _redis.take(client, key, "holder", SHORT)
    assert await _redis.renew(client, key, "holder", LONG) == 1
    assert LONG // 2 < await client.pttl(key) <= LONG
    assert await _redis.renew(client, key, "holder", SHORT) == 1  # shortened too: the time asked, from now
    assert 0 < await client.pttl(key) <= SHORT
    assert await client.get(key) == b"holder"


async def test_another_token_neither_extends_nor_takes_it(client: redis.asyncio.Redis, key: str) -> None:
    await _redis.take(client, key, "holder", SHORT)
    assert await _redis.renew(client, key, "other", LONG) == 0
    assert await _redis.renew(client, key, "holde", LONG) == 0  # a prefix of the token is another token
    assert 0 < await client.pttl(key) <= SHORT
    assert await client.get(key) == b"holder"
    assert await _redis.renew(client, f"{key}:gone", "holder", LONG) == 0  # run out: nothing to extend
    assert not await client.exists(f"{key}:gone")  # nor made again


async def test_with_a_marker_it_is_extended_only_while_the_marker_holds_its_value(
    client: redis.asyncio.Redis, key: str
) -> None:
    marker = f"{key}:epoch"
    await client.set(marker, "epoch-1")
    await _redis.take(client, key, "holder", SHORT)
    assert await _redis.renew(client, key, "holder", LONG, (marker, "epoch-0")) == -1  # another state's claim
    assert 0 < await client.pttl(key) <= SHORT
    assert await _redis.renew(client, key, "other", LONG, (marker, "epoch-1")) == 0  # not the holder's: first
    assert 0 < await client.pttl(key) <= SHORT
    assert await client.pttl(marker) == -1  # the marker is read, never given a life
    assert await _redis.renew(client, key, "holder", LONG, (marker, "epoch-1")) == 1
    assert LONG // 2 < await client.pttl(key) <= LONG
    assert await client.pttl(marker) == -1
    await client.delete(marker)  # a state lost: the marker gone
    assert await _redis.renew(client, key, "holder", LONG, (marker, "epoch-1")) == -1


async def test_only_its_holder_gives_it_up(client: redis.asyncio.Redis, key: str) -> None:
    await _redis.take(client, key, "holder", LONG)
    assert not await _redis.let_go(client, key, "other")
    assert not await _redis.let_go(client, key, "holde")
    assert await client.get(key) == b"holder"  # another's release leaves it, whole
    assert LONG // 2 < await client.pttl(key) <= LONG
    assert await _redis.let_go(client, key, "holder")
    assert not await client.exists(key)
    assert not await _redis.let_go(client, key, "holder")  # given up already: nothing to give
    assert await _redis.take(client, key, "next", SHORT)  # free for the next taker at once


def test_the_sync_twins_scripts_do_the_same(redis_url: str, key: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        assert _redis_sync.take(client, key, "holder", SHORT)
        assert not _redis_sync.take(client, key, "other", SHORT)
        assert _redis_sync.renew(client, key, "other", LONG) == 0
        assert 0 < client.pttl(key) <= SHORT
        assert _redis_sync.renew(client, key, "holder", LONG, (f"{key}:epoch", "e")) == -1
        client.set(f"{key}:epoch", "e")
        assert _redis_sync.renew(client, key, "holder", LONG, (f"{key}:epoch", "e")) == 1
        assert LONG // 2 < client.pttl(key) <= LONG
        assert not _redis_sync.let_go(client, key, "other")
        assert client.get(key) == b"holder"
        assert _redis_sync.let_go(client, key, "holder")
        assert not client.exists(key)
    finally:
        client.close()
