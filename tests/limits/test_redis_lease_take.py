"""`RedisLeases`' take (`_leasing/_lease.py`'s Lua `_TAKE`) on a real redis-server, in the quick loop.

The script decides who holds a turn, its fence and whether its taker must settle after a lost state:
a constant mutmut leaves alone, run before only by `end_to_end` suites (tests/limits/test_shared_ensure.py),
so slips planted in it by hand passed `make check`. Each step here, on a database of its own (the epoch
marker is one per database). The confirm and release it pairs with: tests/limits/test_redis_timed_claim.py.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from pexip_engage_client._leasing._lease import EPOCH_KEY, Busy, Held, LeaseLostError, RedisLeases
from pexip_engage_client._shared._redis import redis_client

from ..support.lease_state import aged_lease_state

WEEK_MS = 7 * 24 * 3600 * 1000


@pytest.fixture
def url(redis_url: str) -> str:
    return redis_url.rsplit("/", 1)[0] + "/5"  # a database of its own: its epoch marker is these tests'


@pytest.fixture
async def leases(url: str) -> AsyncIterator[RedisLeases]:
    aged_lease_state(url)  # in use for long: nothing to settle unless a test loses the state
    made = RedisLeases(redis_client(url), "Redis at a test")
    yield made
    await made.aclose()


def held(taken: Held | Busy) -> Held:
    assert isinstance(taken, Held), taken
    return taken


async def test_a_take_holds_the_key_for_its_time_with_a_fence_kept_a_week(leases: RedisLeases, key: str) -> None:
    first = held(await leases.take(key, "first", 5))
    assert first.settle_seconds == 0
    client = leases._client
    assert await client.get(key) == f"first/{first.fence}/{first.epoch}".encode()
    assert 0 < await client.pttl(key) <= 5000
    assert WEEK_MS - 60_000 < await client.pttl(f"{key}:fence") <= WEEK_MS  # an idle key's counter goes after a week
    busy = await leases.take(key, "second", 60)
    assert isinstance(busy, Busy)
    assert busy.left_seconds is not None
    assert 1 < busy.left_seconds <= 5  # the holder's lease left, in seconds
    assert await client.get(key) == f"first/{first.fence}/{first.epoch}".encode()


async def test_a_token_that_starts_the_holders_is_another_taker(leases: RedisLeases, key: str) -> None:
    first = held(await leases.take(key, "ab", 5))
    assert isinstance(await leases.take(key, "a", 5), Busy)
    assert isinstance(await leases.take(key, "ab/", 5), Busy)
    await leases.confirm(first, 5)  # still the first holder's


async def test_a_take_with_its_own_token_is_its_turn_again_extended(leases: RedisLeases, key: str) -> None:
    first = held(await leases.take(key, "mine", 1))
    again = held(await leases.take(key, "mine", 60))  # an EVAL sent again after a read timeout
    assert (again.fence, again.epoch) == (first.fence, first.epoch)
    assert 30_000 < await leases._client.pttl(key) <= 60_000


async def test_each_new_holder_gets_a_greater_fence(leases: RedisLeases, key: str) -> None:
    fences = []
    for token in ("one", "two", "three"):
        taken = held(await leases.take(key, token, 5))
        fences.append(taken.fence)
        await leases.release(taken)
    assert fences[0] < fences[1] < fences[2]


async def test_a_lost_state_makes_its_takers_settle_and_its_holders_lose_their_turn(
    leases: RedisLeases, key: str
) -> None:
    before = held(await leases.take(key, "mine", 5))
    await leases._client.delete(EPOCH_KEY)  # a restart empty, FLUSHALL: the epoch marker gone
    other = held(await leases.take(f"{key}-other", "other", 5))
    assert other.epoch != before.epoch
    assert 4.5 < other.settle_seconds <= 5  # a create confirmed before the loss may still be in flight
    with pytest.raises(LeaseLostError, match="lost"):
        await leases.confirm(before, 5)
    again = held(await leases.take(key, "mine", 5))  # its own token, of the old state: a new turn
    assert again.epoch == other.epoch
    assert again.fence > before.fence
    assert 2 < again.settle_seconds <= 5
    await leases.confirm(again, 5)


async def test_a_marker_younger_than_a_lease_settles_its_taker_for_the_rest(url: str, key: str) -> None:
    aged_lease_state(url, age=2)
    leases = RedisLeases(redis_client(url), "Redis at a test")
    try:
        taken = held(await leases.take(f"{key}-{uuid.uuid4().hex}", "t", 5))
        assert 1 < taken.settle_seconds <= 3  # 5 s of a lease, 2 of them gone (and a stall on a loaded machine)
        assert taken.epoch.startswith("aged@")  # the marker as read, its birth on Redis's clock
    finally:
        await leases.aclose()
