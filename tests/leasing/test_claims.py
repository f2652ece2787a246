"""The one claim (`_leasing/_claims.py`), one contract on every backend: memory, SQLite, PostgreSQL and Redis (a key of
its own, and two fields of a record's hash, as the webhook store keeps it).

Each backend is driven by its own form of the claim (`Claim`, `SqlClaim`'s SQL, `_redis.CLAIM`'s functions) on a
clock the test moves ahead (`ahead`): given to memory and SQLite, added to the server's own clock by PostgreSQL and
Redis, as the stores add a receiver's span. The memory and SQLite cases run in `make check`.
"""

from __future__ import annotations

import inspect
import sqlite3
import uuid
from collections.abc import AsyncIterator
from typing import Any, Protocol

import psycopg
import pytest
import redis.asyncio

from pexip_engage_client._leasing import _holders
from pexip_engage_client._leasing._claims import Claim, SqlClaim
from pexip_engage_client._leasing._holders import EVENT_CLAIM, MIRROR_CLAIM, host
from pexip_engage_client._limiting._redis_limits import RedisLimits
from pexip_engage_client._shared._redis import CLAIM
from pexip_engage_client.webhooks import WebhookReceiver

T0 = 1_700_000_000.0
GONE = f"{host()}:{2**22 + 1}:abcdef12"  # a process of this host that no longer runs (no PID is this high)
ELSEWHERE = f"another-host:{2**22 + 1}:abcdef12"


class Claims(Protocol):
    """A backend's claims by key, on a clock `ahead` seconds past its own."""

    ahead: float

    async def take(self, key: str, holder: str, seconds: float) -> bool: ...
    async def renew(self, key: str, holder: str, seconds: float) -> bool: ...
    async def let_go(self, key: str, holder: str) -> bool: ...
    async def holder(self, key: str) -> str | None: ...


class MemoryClaims:
    def __init__(self) -> None:
        self.ahead, self._claims = 0.0, dict[str, Claim]()

    async def take(self, key: str, holder: str, seconds: float) -> bool:
        now = T0 + self.ahead
        return self._claims.setdefault(key, Claim()).take(holder, now, now + seconds)

    async def renew(self, key: str, holder: str, seconds: float) -> bool:
        return self._claims.setdefault(key, Claim()).renew(holder, T0 + self.ahead + seconds)

    async def let_go(self, key: str, holder: str) -> bool:
        return self._claims.setdefault(key, Claim()).let_go(holder)

    async def holder(self, key: str) -> str | None:
        claim = self._claims.setdefault(key, Claim())
        return claim.holder if claim.running(T0 + self.ahead) else None


ROW = SqlClaim("holder", "until")


class SQLiteClaims:
    """A row per key, its end in seconds on the caller's clock (as the webhook store keeps a lease)."""

    def __init__(self) -> None:
        self.ahead = 0.0
        self._db = sqlite3.connect(":memory:", isolation_level=None)
        self._db.execute("CREATE TABLE claims (key TEXT PRIMARY KEY, holder TEXT, until REAL NOT NULL DEFAULT 0)")

    def _changed(self, sql: str, args: tuple[Any, ...]) -> bool:
        return self._db.execute(sql, args).rowcount == 1

    async def take(self, key: str, holder: str, seconds: float) -> bool:
        now = T0 + self.ahead
        self._db.execute("INSERT INTO claims (key) VALUES (?) ON CONFLICT DO NOTHING", (key,))
        sql = f"UPDATE claims SET {ROW.take('?', '?')} WHERE key = ? AND {ROW.free('?')}"  # noqa: S608
        return self._changed(sql, (holder, now + seconds, key, now))

    async def renew(self, key: str, holder: str, seconds: float) -> bool:
        sql = f"UPDATE claims SET {ROW.renew('?')} WHERE key = ? AND {ROW.held_by('?')}"  # noqa: S608
        return self._changed(sql, (T0 + self.ahead + seconds, key, holder))

    async def let_go(self, key: str, holder: str) -> bool:
        return self._changed(f"UPDATE claims SET {ROW.let_go()} WHERE key = ? AND {ROW.held_by('?')}", (key, holder))  # noqa: S608

    async def holder(self, key: str) -> str | None:
        sql = f"SELECT holder FROM claims WHERE key = ? AND {ROW.running('?')}"  # noqa: S608
        found = self._db.execute(sql, (key, T0 + self.ahead)).fetchone()
        return None if found is None else str(found[0])


class PostgresClaims:
    """A row per key, its end on the database's clock (as the leases, the mirror and the webhook store keep one)."""

    def __init__(self, connection: psycopg.AsyncConnection[Any], table: str) -> None:
        self.ahead, self._connection = 0.0, connection
        at, until = (f"(clock_timestamp() + make_interval(secs => %({name})s))" for name in ("ahead", "until"))
        key, holder = "key = %(key)s", "%(holder)s"
        self._sql = {  # a table's name of the test's own
            "insert": f"INSERT INTO {table} (key) VALUES (%(key)s) ON CONFLICT DO NOTHING",  # noqa: S608
            "take": f"UPDATE {table} SET {ROW.take(holder, until)} WHERE {key} AND {ROW.free(at)}",  # noqa: S608
            "renew": f"UPDATE {table} SET {ROW.renew(until)} WHERE {key} AND {ROW.held_by(holder)}",  # noqa: S608
            "let_go": f"UPDATE {table} SET {ROW.let_go()} WHERE {key} AND {ROW.held_by(holder)}",  # noqa: S608
            "holder": f"SELECT holder FROM {table} WHERE {key} AND {ROW.running(at)}",  # noqa: S608
        }

    async def _run(self, step: str, key: str, holder: str = "", seconds: float = 0.0) -> psycopg.AsyncCursor[Any]:
        args = {"key": key, "holder": holder, "ahead": self.ahead, "until": self.ahead + seconds}
        return await self._connection.execute(self._sql[step].encode(), args)

    async def take(self, key: str, holder: str, seconds: float) -> bool:
        await self._run("insert", key)
        return (await self._run("take", key, holder, seconds)).rowcount == 1

    async def renew(self, key: str, holder: str, seconds: float) -> bool:
        return (await self._run("renew", key, holder, seconds)).rowcount == 1

    async def let_go(self, key: str, holder: str) -> bool:
        return (await self._run("let_go", key, holder)).rowcount == 1

    async def holder(self, key: str) -> str | None:
        found = await (await self._run("holder", key)).fetchone()
        return None if found is None else str(found[0])


# Each step of `CLAIM` on KEYS[1]: ARGV[1] the holder, ARGV[2] a length, ARGV[3] the span ahead of Redis's clock,
# ARGV[4] when the claim is two fields of a hash (`owner`, `lease`), as the webhook store keeps one.
_STEPS = {
    "take": "return claim_take(KEYS[1], fields, ARGV[1], at, at + tonumber(ARGV[2])) and 1 or 0",
    "renew": "return claim_renew(KEYS[1], fields, ARGV[1], at + tonumber(ARGV[2])) and 1 or 0",
    "let_go": "return claim_let_go(KEYS[1], fields, ARGV[1], at) and 1 or 0",
    "holder": "return claim_holder(KEYS[1], fields, at)",
}
_HEAD = "local at = claim_clock() + tonumber(ARGV[3])\nlocal fields = ARGV[4] == 'hash' and {'owner', 'lease'} or nil\n"


class RedisClaims:
    def __init__(self, client: redis.asyncio.Redis, form: str) -> None:
        self.ahead, self._client, self._form = 0.0, client, form
        self._prefix = f"pexip-engage-test-{uuid.uuid4().hex}:"

    async def _step(self, step: str, key: str, holder: str = "", seconds: float = 0.0) -> Any:
        script = CLAIM + _HEAD + _STEPS[step]
        return await self._client.eval(
            script, 1, self._prefix + key, holder, repr(seconds), repr(self.ahead), self._form
        )

    async def take(self, key: str, holder: str, seconds: float) -> bool:
        return bool(await self._step("take", key, holder, seconds))

    async def renew(self, key: str, holder: str, seconds: float) -> bool:
        return bool(await self._step("renew", key, holder, seconds))

    async def let_go(self, key: str, holder: str) -> bool:
        return bool(await self._step("let_go", key, holder))

    async def holder(self, key: str) -> str | None:
        found = await self._step("holder", key)
        return None if found is None else bytes(found).decode()


@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.servers),
        pytest.param("redis key", marks=pytest.mark.servers),
        pytest.param("redis hash", marks=pytest.mark.servers),
    ]
)
async def claims(request: pytest.FixtureRequest) -> AsyncIterator[Claims]:
    if request.param == "memory":
        yield MemoryClaims()
    elif request.param == "sqlite":
        yield SQLiteClaims()
    elif request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            table = f"claims_{uuid.uuid4().hex}"
            columns = "key text PRIMARY KEY, holder text, until timestamptz NOT NULL DEFAULT '-infinity'"
            await connection.execute(f"CREATE TABLE {table} ({columns})".encode())
            yield PostgresClaims(connection, table)
            await connection.execute(f"DROP TABLE {table}".encode())
    else:
        client = redis.asyncio.Redis.from_url(request.getfixturevalue("redis_url"))
        yield RedisClaims(client, request.param.split()[1])
        await client.aclose()


async def test_a_claim_is_its_takers_until_its_end(claims: Claims) -> None:
    assert await claims.holder("k") is None  # never held: free
    assert await claims.take("k", "a", 30)
    assert await claims.holder("k") == "a"
    assert not await claims.take("k", "b", 30)  # busy
    assert not await claims.take("k", "a", 60)  # for its holder too: it keeps its claim by renewing it
    assert await claims.holder("k") == "a"
    assert await claims.take("other", "b", 30)  # another key: a claim of its own


async def test_a_holder_renews_its_claim_for_the_time_it_asks_from_now_and_no_one_else_can(claims: Claims) -> None:
    assert await claims.take("k", "a", 30)
    claims.ahead = 20
    assert not await claims.renew("k", "b", 60)
    assert not await claims.renew("k", "a/", 60)  # a name that starts with the holder's is another holder
    assert await claims.renew("k", "a", 30)  # to 50
    claims.ahead = 49
    assert await claims.holder("k") == "a"
    assert not await claims.take("k", "b", 30)
    assert await claims.renew("k", "a", 5)  # shortened too: the time asked, from now (to 54)
    claims.ahead = 54
    assert await claims.holder("k") is None


async def test_a_claim_let_go_is_free_at_once_and_no_longer_its_holders_to_renew(claims: Claims) -> None:
    assert await claims.take("k", "a", 30)
    assert not await claims.let_go("k", "b")  # not its claim: left whole
    assert await claims.holder("k") == "a"
    assert await claims.let_go("k", "a")
    assert await claims.holder("k") is None
    assert not await claims.renew("k", "a", 30)  # let go: not renewed, however soon
    assert not await claims.let_go("k", "a")  # nothing more to give
    assert await claims.take("k", "b", 30)  # free for the next taker at once
    assert not await claims.renew("k", "a", 30)
    assert await claims.holder("k") == "b"


async def test_a_claim_ends_at_its_end_and_is_then_another_takers(claims: Claims) -> None:
    assert await claims.take("k", "a", 30)
    claims.ahead = 29
    assert await claims.holder("k") == "a"
    assert not await claims.take("k", "b", 30)
    claims.ahead = 30  # free at its end
    assert await claims.holder("k") is None
    assert await claims.take("k", "b", 30)
    assert not await claims.renew("k", "a", 30)  # the claim is another's now
    assert not await claims.let_go("k", "a")
    assert await claims.holder("k") == "b"


async def taken_over(claims: Claims, key: str, holder: str, terms: _holders.Terms) -> bool:
    """What a finder does (a receiver or a mirror that starts): a holder its terms let go early (`let_go_early`) is
    let go on its behalf, then the claim is taken."""
    if terms.let_go_early(holder):
        assert await claims.let_go(key, holder)
    return await claims.take(key, "next", 30)


async def test_a_dead_holders_claim_is_taken_over_as_its_terms_say(claims: Claims) -> None:
    """A process of this host that no longer runs, whose work ended with it, at once; a living one, another host's,
    or one whose request may still be at the server (`ENSURE`), only at the claim's end."""
    alive = _holders.new_holder()
    for key, holder in (("dead", GONE), ("sent", GONE), ("remote", ELSEWHERE), ("alive", alive)):
        assert await claims.take(key, holder, 3600)
    assert await taken_over(claims, "dead", GONE, EVENT_CLAIM)
    assert await claims.holder("dead") == "next"
    assert not await taken_over(claims, "sent", GONE, _holders.ENSURE)
    assert not await taken_over(claims, "remote", ELSEWHERE, MIRROR_CLAIM)
    assert not await taken_over(claims, "alive", alive, EVENT_CLAIM)
    claims.ahead = 3600
    for key, holder in (("sent", GONE), ("remote", ELSEWHERE), ("alive", alive)):
        assert await taken_over(claims, key, holder, _holders.ENSURE)


def test_the_public_defaults_are_the_terms_lengths() -> None:
    """A public signature shows its default as a number: it must be the one its kind of lease states."""
    assert inspect.signature(WebhookReceiver.__init__).parameters["lease"].default == EVENT_CLAIM.seconds
    assert inspect.signature(RedisLimits.__init__).parameters["lease_seconds"].default == _holders.SLOT.seconds
