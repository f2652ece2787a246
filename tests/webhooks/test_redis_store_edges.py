"""The Redis store's own edges, against a real redis-server: its URL, its keys, and a Redis that restarts.

The contract (tests/webhooks/test_store_contract.py) says what every store does; here is what only
the Redis one can get wrong. Its keys are a format: receivers of two releases share one Redis during
an upgrade, and a Redis written by the last release is read by this one, so their names are pinned.
A Redis that restarts empty, or is flushed, loses what it held (docs/webhooks.md: keep it persistent):
the store then looks its scripts up again and finds nothing, and a worker still holding a lost
event learns that its lease is gone; nothing comes back to be handled twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis import exceptions as redis_errors

from pexip_engage_client.webhooks._stores import OrderKey, store_from_url
from pexip_engage_client.webhooks._stores._redis import RedisStore, _split_prefix

from ..limits._restartable_redis import RestartableRedis, restartable_redis

NOW = 1_700_000_000.0


def frozen(url: str) -> RedisStore:
    """A Redis store whose receiver's clock reads NOW (the scripts add spans from it to Redis's TIME)."""
    store = store_from_url(url)
    assert isinstance(store, RedisStore)
    store._clock = lambda: NOW
    return store


@pytest.fixture
def prefix() -> str:
    return f"edges-{uuid.uuid4().hex}"


@pytest.fixture
async def store(redis_url: str, prefix: str) -> AsyncIterator[RedisStore]:
    opened = frozen(f"{redis_url}?prefix={prefix}")
    await opened.open()
    yield opened
    await opened.close()


async def keys(store: RedisStore, prefix: str) -> set[str]:
    """The keys under `prefix:`, without it."""
    found = await store._scripts.client.keys(f"{prefix}:*")
    return {bytes(key).decode().removeprefix(f"{prefix}:") for key in found}


# The URL: `?prefix=` is the store's, the rest redis-py's.


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://host:6379/0", ("redis://host:6379/0", "pexip-engage-webhooks")),
        ("redis://host:6379/0?prefix=mine", ("redis://host:6379/0", "mine")),
        ("redis://host/0?max_connections=5&prefix=mine&db=2", ("redis://host/0?max_connections=5&db=2", "mine")),
        ("unix:///run/redis.sock?prefix=mine", ("unix:///run/redis.sock", "mine")),
        ("redis://host/0?prefix=", ("redis://host/0", "")),
        ("redis://host/0?prefix=mine&client_name=", ("redis://host/0?client_name=", "mine")),
    ],
)
def test_the_prefix_is_taken_out_of_the_url_and_the_rest_kept(url: str, expected: tuple[str, str]) -> None:
    assert _split_prefix(url) == expected


async def test_a_store_without_a_prefix_keeps_its_keys_under_the_default_one(redis_url: str) -> None:
    store = frozen(redis_url)
    event_id = f"no-prefix-{uuid.uuid4().hex}"
    await store.open()
    try:
        assert store._base == "pexip-engage-webhooks:"
        assert await store.add(event_id, b"{}", subject=None, updated_at=None, now=NOW) is not None
        assert await store._scripts.client.exists(f"pexip-engage-webhooks:event:{event_id}") == 1
    finally:
        await store._scripts.client.delete(f"pexip-engage-webhooks:event:{event_id}")
        await store.close()


def test_the_store_shows_its_url_without_the_password() -> None:
    assert (
        repr(RedisStore("redis://:hunter2@host:1/0?prefix=p")) == "RedisStore('redis://:<redacted>@host:1/0?prefix=p')"
    )


def test_without_the_redis_extra_the_store_says_which_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # as if it were not installed
    expected = 'WebhookReceiver\'s Redis store needs the "redis" extra: pip install "pexip-engage-client[redis]"'
    with pytest.raises(ImportError) as refused:
        RedisStore("redis://127.0.0.1:1/0")
    assert str(refused.value) == expected


async def test_a_call_that_finds_every_connection_in_use_waits_for_one(redis_url: str, prefix: str) -> None:
    # docs/webhooks.md, "Stores": it waits rather than fails with redis-py's "Too many connections".
    store = frozen(f"{redis_url}?prefix={prefix}&max_connections=1")
    try:
        positions = await asyncio.gather(
            *(store.add(f"e{n}", b"{}", subject=None, updated_at=None, now=NOW) for n in range(5))
        )
        assert sorted(positions) == [1, 2, 3, 4, 5]  # type: ignore[type-var]
    finally:
        await store.close()


def test_the_pool_holds_100_connections_unless_the_url_says() -> None:
    # docs/webhooks.md, "Stores": 100 deliveries in flight beside the handlers; `?max_connections=` wins.
    assert RedisStore("redis://127.0.0.1:1/0")._scripts.client.connection_pool.max_connections == 100
    named = RedisStore("redis://127.0.0.1:1/0?max_connections=7&prefix=p")
    assert named._scripts.client.connection_pool.max_connections == 7


# The keys: a format shared with other releases.


async def test_the_keys_are_named_as_every_release_names_them(store: RedisStore, prefix: str) -> None:
    assert await store.add("a", b"{}", subject="ap", updated_at=1_000, now=NOW) is not None
    assert await keys(store, prefix) == {"event:a", "position", "delayed", "turns:ap", "seen"}
    assert await store.due(NOW, 10) == ["a"]  # moves `a` from `delayed` to `pending`
    assert await keys(store, prefix) == {"event:a", "position", "pending", "turns:ap", "seen"}
    claimed = await store.claim("a", "me", NOW, 30)
    assert claimed is not None
    assert await keys(store, prefix) == {"event:a", "position", "handling", "turns:ap", "seen", "holders"}
    order = OrderKey("ap", 1_000, claimed.position)
    assert await store.settle("a", "me", "handled", order=order, now=NOW) is None
    assert await keys(store, prefix) == {"event:a", "position", "settled", "seen", "newest"}
    assert await store.add("b", b"{}", subject=None, updated_at=None, now=NOW) is not None
    assert await store.claim("b", "me", NOW, 30) is not None
    await store.retry("b", "me", attempts=1, not_before=NOW + 5, error="x")
    assert "delayed" in await keys(store, prefix)
    assert await store.claim("b", "me", NOW + 5, 30) is not None
    assert await store.park("b", "me", attempts=2, error="x", now=NOW + 5) is None
    assert await keys(store, prefix) == {"event:a", "event:b", "position", "settled", "seen", "newest", "failed"}


async def test_what_an_earlier_release_handled_is_not_reconciled_again(store: RedisStore, prefix: str) -> None:
    # An earlier release kept each appointment's newest handled event ("updatedAt:position") but no `seen`.
    t1, t2, t3 = 1_700_000_000_000_000, 1_700_000_001_000_000, 1_700_000_002_000_000
    await store._scripts.client.hset(f"{prefix}:newest", "s", f"{t2}:7")
    for updated in (t1, t2):
        assert (
            await store.add_reconciled(f"reconciled:s:{updated}", b"{}", subject="s", updated_at=updated, now=NOW)
            is None
        )
    assert await store.add_reconciled(f"reconciled:s:{t3}", b"{}", subject="s", updated_at=t3, now=NOW) is not None


async def test_an_event_of_no_appointment_is_claimed_with_no_subject_nor_time(store: RedisStore) -> None:
    assert await store.add("a", b"{}", subject=None, updated_at=None, now=NOW) is not None
    claimed = await store.claim("a", "me", NOW, 30)
    assert claimed is not None
    assert (claimed.subject, claimed.updated_at, claimed.newest) == (None, None, None)


async def test_a_handled_event_without_updated_at_is_no_appointments_newest(store: RedisStore) -> None:
    # An appointment's event that carries no `updatedAt` cannot be ordered: handling it moves nothing.
    assert await store.add("timeless", b"{}", subject="ap", updated_at=None, now=NOW) is not None
    claimed = await store.claim("timeless", "me", NOW, 30)
    assert claimed is not None
    assert claimed.updated_at is None
    order = OrderKey("ap", None, claimed.position)
    assert await store.settle("timeless", "me", "handled", order=order, now=NOW) is None
    assert await store.add("next", b"{}", subject="ap", updated_at=1_000, now=NOW) is not None
    following = await store.claim("next", "me", NOW, 30)
    assert following is not None
    assert following.newest is None


async def test_failed_lists_up_to_the_limit_in_arrival_order(store: RedisStore) -> None:
    for name in ("c", "a", "b"):
        assert await store.add(name, b"{}", subject=None, updated_at=None, now=NOW) is not None
        assert await store.claim(name, "me", NOW, 30) is not None
        assert await store.park(name, "me", attempts=1, error=f"for {name}", now=NOW) is None
    assert [(failed.id, failed.body) for failed in await store.failed(2)] == [("c", b"{}"), ("a", b"{}")]
    assert [failed.error for failed in await store.failed(3)] == ["for c", "for a", "for b"]
    assert [failed.id for failed in await store.failed(1)] == ["c"]


async def test_a_parked_event_whose_key_redis_dropped_is_left_out_of_failed(store: RedisStore) -> None:
    # An evicted key (maxmemory) or one deleted by hand: the others are still listed.
    for name in ("gone", "kept"):
        assert await store.add(name, b"{}", subject=None, updated_at=None, now=NOW) is not None
        assert await store.claim(name, "me", NOW, 30) is not None
        await store.park(name, "me", attempts=1, error="x", now=NOW)
    await store._scripts.client.delete(store._event + "gone")
    assert [failed.id for failed in await store.failed(10)] == ["kept"]


async def test_failed_at_is_the_moment_parked_by_this_machines_clock(store: RedisStore) -> None:
    # Redis's TIME said (seconds, microseconds); the receiver's clock read NOW meanwhile: Redis was
    # that far ahead, and the moment it kept for the park is moved back by as much.
    assert await store.add("a", b"{}", subject=None, updated_at=None, now=NOW) is not None
    assert await store.claim("a", "me", NOW, 30) is not None
    await store.park("a", "me", attempts=1, error="x", now=NOW)
    parked = float(await store._scripts.client.hget(store._event + "a", "settled"))

    async def time() -> tuple[int, int]:
        return 1_700_000_100, 750_000

    store._scripts.client.time = time
    (failed,) = await store.failed(10)
    assert failed.failed_at == pytest.approx(parked - (1_700_000_100.75 - NOW), abs=1e-6)


# A Redis that restarts empty, or is flushed.


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RestartableRedis]:
    with restartable_redis(tmp_path) as server:
        yield server


async def held(redis: RestartableRedis) -> RedisStore:
    """A store on `redis` holding `a` in a handler (owner "me") and `b` waiting behind it, both of appointment ap."""
    store = frozen(redis.url)
    await store.open()
    for name, updated in (("a", 1_000), ("b", 2_000)):
        assert await store.add(name, b"{}", subject="ap", updated_at=updated, now=NOW) is not None
    assert await store.claim("a", "me", NOW, 30) is not None
    return store


async def forgets_all(store: RedisStore, order: OrderKey) -> None:
    """What the store does after its Redis lost everything: the worker holding `a` learns its lease is
    gone, and no step brings back an event nor hands one out."""
    assert not await store.renew("a", "me", NOW + 60)
    assert await store.settle("a", "me", "handled", order=order, now=NOW) is None
    await store.retry("a", "me", attempts=1, not_before=NOW, error="x")
    assert await store.park("a", "me", attempts=1, error="x", now=NOW) is None
    assert not await store.replay("a", NOW)
    assert [await store.status(name) for name in ("a", "b")] == [None, None]
    assert await store.due(NOW + 3600, 10) == []
    assert await store.claim("b", "me", NOW, 30) is None
    assert await store.failed(10) == []
    assert await keys(store, "pexip-engage-webhooks") == set()


@pytest.mark.end_to_end
@pytest.mark.parametrize("fault", ["restart", "flushall"])
async def test_after_redis_lost_its_keys_nothing_is_handed_out_twice(redis: RestartableRedis, fault: str) -> None:
    store = await held(redis)
    try:
        if fault == "restart":
            redis.stop()
            redis.start()  # empty, its scripts forgotten too: they are loaded again
            # redis-py before 6 fails the first call on a connection the restart cut, where later ones
            # reconnect and send it again: a failed call stores nothing, which is what is asserted below.
            with contextlib.suppress(redis_errors.ConnectionError):
                await store._scripts.client.ping()
        else:
            await store._scripts.client.flushall()
        await forgets_all(store, OrderKey("ap", 1_000, 1))
        # A delivery sent again is kept anew (the store has seen nothing), once.
        assert await store.add("a", b"{}", subject="ap", updated_at=1_000, now=NOW) == 1
        assert await store.add("a", b"{}", subject="ap", updated_at=1_000, now=NOW) is None
        assert await store.due(NOW, 10) == ["a"]
    finally:
        await store.close()


@pytest.mark.end_to_end
async def test_scripts_flushed_are_loaded_again_and_the_events_kept(redis: RestartableRedis) -> None:
    store = await held(redis)
    try:
        await store._scripts.client.script_flush()
        assert await store.renew("a", "me", NOW + 60)
        assert await store.settle("a", "me", "handled", order=OrderKey("ap", 1_000, 1), now=NOW) == "b"
        assert await store.claim("b", "other", NOW, 30) is not None
        assert await store.status("a") == "handled"
    finally:
        await store.close()
