"""`PostgresLimits` step by step, quick, on the session's real PostgreSQL: each statement it sends (a permit, the
budget's spacing, a renewal only ever later, a pause only ever later, a release announced), two connection pools
sharing one limit as two processes do, and a failure that fails the call once, within a second, without the password.

The SQL function `limit_acquire` is a module constant mutmut leaves alone: slips were planted in it by hand (see
docs/mutation.md), and these tests catch each."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import pytest

from pexip_engage_client._limiting import _postgres_limits, _redis_limits
from pexip_engage_client._limiting._limits import NoTurnInTime, SharedLimitsUnavailable
from pexip_engage_client._limiting._postgres_limits import PostgresLimits
from pexip_engage_client._shared.postgres import quoted

from ..support.postgres_server import PostgresServer, migrated

SCHEMA = "limits_steps"
SECRET = "s3cr3t-pw"


def made(postgres: PostgresServer, key: str, *, schema: str = SCHEMA, **options: Any) -> PostgresLimits:
    settings = {"max_in_flight": 2, "per_minute": 3000, "lease_seconds": 30.0} | options
    return PostgresLimits(migrated(f"{postgres.url}?schema={schema}"), key=key, **settings)


@pytest.fixture
async def limits(postgres: PostgresServer, key: str) -> AsyncIterator[PostgresLimits]:
    opened = made(postgres, key)
    yield opened
    await opened.aclose()


async def slots(limits: PostgresLimits) -> dict[str, float]:
    """The limit's holders, each with the seconds left of its lease."""
    statement = (
        "SELECT holder, extract(epoch FROM expires - clock_timestamp())::float8"  # noqa: S608 - a checked name
        f" FROM {quoted(SCHEMA)}.limit_slots WHERE name = %s"
    )
    return dict(await limits._client.rows(statement, (limits._name,)))


async def pace(limits: PostgresLimits) -> tuple[float, float]:
    """Seconds from now to the next start the budget gives, and to the end of the pause."""
    statement = (
        "SELECT extract(epoch FROM next_start - clock_timestamp())::float8,"  # noqa: S608 - a checked name
        " extract(epoch FROM paused_until - clock_timestamp())::float8"
        f" FROM {quoted(SCHEMA)}.limit_pace WHERE name = %s"
    )
    return tuple(await limits._client.row(statement, (limits._name,)))


async def ran_out(limits: PostgresLimits, holder: str) -> None:
    """Until the server's clock is past the end of `holder`'s lease (bounded)."""
    for _ in range(500):
        if (await slots(limits))[holder] <= 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{holder}'s lease never ran out")


async def acquire(
    limits: PostgresLimits, holder: str, *, most: int = 2, lease_ms: float = 30_000.0
) -> tuple[int, float]:
    granted, wait_ms = await limits._call("acquire", [], [holder, most, lease_ms, 1000.0])
    return int(granted), float(wait_ms)


async def test_a_permit_is_granted_at_its_reserved_start_and_refused_past_the_limit(limits: PostgresLimits) -> None:
    granted, wait_ms = await acquire(limits, "a")
    assert granted == 1
    assert wait_ms == pytest.approx(0, abs=50)
    granted, wait_ms = await acquire(limits, "b")  # one interval (1 s here) after the first start
    assert granted == 1
    assert 800 < wait_ms <= 1000
    leases = await slots(limits)
    assert leases["a"] == pytest.approx(30, abs=0.5)
    assert leases["b"] == pytest.approx(31, abs=0.5)  # leased from its start, not from the asking
    assert (await pace(limits))[0] == pytest.approx(2, abs=0.5)
    granted, wait_ms = await acquire(limits, "c")  # two held of two: refused until the first lease ends
    assert granted == -1
    assert wait_ms == pytest.approx(30_000, abs=500)
    assert set(await slots(limits)) == {"a", "b"}
    assert (await acquire(limits, "c", most=3))[0] == 1  # the limit is the caller's: three fit three


async def test_a_lease_run_out_is_no_longer_counted(limits: PostgresLimits) -> None:
    assert (await acquire(limits, "a", lease_ms=1.0))[0] == 1
    await ran_out(limits, "a")
    assert (await acquire(limits, "b", most=1))[0] == 1  # a's lease ended: its slot is free
    assert set(await slots(limits)) == {"b"}


async def test_a_renewal_only_ever_moves_a_lease_later_and_names_the_ones_lost(
    limits: PostgresLimits, postgres: PostgresServer, key: str
) -> None:
    await acquire(limits, "a")
    other = made(postgres, key + "-other")
    try:
        await acquire(other, "a")  # the same holder under another limit: not renewed by this one's
        assert await limits._call("renew", [], [60_000.0, "a", "gone"]) == ["gone"]
        assert (await slots(limits))["a"] == pytest.approx(60, abs=0.5)
        assert (await slots(other))["a"] == pytest.approx(30, abs=0.5)
        assert await limits._call("renew", [], [1_000.0, "a"]) == []  # shorter: the later end kept
        assert (await slots(limits))["a"] == pytest.approx(60, abs=0.5)
    finally:
        await other.aclose()
    await acquire(limits, "short", most=3, lease_ms=1.0)
    await ran_out(limits, "short")
    assert await limits._call("renew", [], [60_000.0, "short"]) == ["short"]  # run out: lost, not revived


async def test_a_pause_holds_every_permit_and_is_only_ever_moved_later(limits: PostgresLimits) -> None:
    assert await limits._call("paused", [], []) == (0,)  # no row yet: no pause
    await limits._call("pause", [], [2_000.0])
    await limits._call("pause", [], [500.0])  # a shorter one keeps the longer
    (left_ms,) = await limits._call("paused", [], [])
    assert left_ms == pytest.approx(2_000, abs=300)
    next_start, paused = await pace(limits)
    assert next_start == pytest.approx(2, abs=0.3)
    assert paused == pytest.approx(2, abs=0.3)
    granted, wait_ms = await acquire(limits, "a")
    assert granted == 0
    assert wait_ms == pytest.approx(2_000, abs=300)
    assert await slots(limits) == {}


async def test_a_pause_moves_the_next_start_only_later(limits: PostgresLimits) -> None:
    await acquire(limits, "a")  # the next start 1 s away
    await limits._call("pause", [], [2_000.0])
    assert (await pace(limits))[0] == pytest.approx(2, abs=0.3)  # the budget restarts after the pause
    await limits._call("pause", [], [500.0])
    assert (await pace(limits))[0] == pytest.approx(2, abs=0.3)  # never earlier


async def test_a_release_frees_only_its_own_slot(limits: PostgresLimits) -> None:
    await acquire(limits, "a")
    await acquire(limits, "b")
    await limits._call("release", [], ["a", limits._channel])
    assert set(await slots(limits)) == {"b"}


async def listening(postgres: PostgresServer, channel: str) -> None:
    """Until a session of the server has run `LISTEN` on `channel` (bounded)."""
    async with await psycopg.AsyncConnection.connect(postgres.url, autocommit=True) as admin:
        query = "SELECT count(*) FROM pg_stat_activity WHERE query = %s"
        for _ in range(500):
            await admin.execute("SELECT pg_stat_clear_snapshot()")
            row = await (await admin.execute(query, (f'LISTEN "{channel}"',))).fetchone()
            if row is not None and row[0]:
                return
            await asyncio.sleep(0.01)
    raise AssertionError(f"nobody listened on {channel}")


async def test_two_pools_sharing_a_key_never_pass_the_limit_and_a_release_wakes_the_other_at_once(
    limits: PostgresLimits, postgres: PostgresServer, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = made(postgres, key)  # another pool, as another process has
    try:
        held = [await limits.acquire(), await limits.acquire()]
        with pytest.raises(NoTurnInTime):
            await other.acquire(deadline=time.monotonic() + 0.2)
        # A waiter asks again only after a minute without an announcement (its lease's 30 s, here): woken
        # within the 10 s below, it was announced. An order of events, not a stopwatch a loaded machine fails.
        monkeypatch.setattr(_redis_limits, "_SLOT_POLL", 60.0)
        waiter = asyncio.create_task(other.acquire(deadline=time.monotonic() + 60))
        await listening(postgres, other._channel)
        await limits.release(held[0])
        lease = await asyncio.wait_for(waiter, 10)  # announced: not a poll
        assert set(await slots(limits)) == {held[1], lease}
        await other.release(lease)
    finally:
        await other.aclose()


def test_the_channel_is_an_identifier_of_its_schema_and_key(postgres: PostgresServer, key: str) -> None:
    channel = made(postgres, key)._channel
    assert len(channel.encode()) <= 63
    assert channel.startswith("pexip_engage_")
    assert made(postgres, key)._channel == channel
    assert made(postgres, key + "x")._channel != channel
    assert made(postgres, key, schema="another")._channel != channel


async def test_the_listener_stops_when_idle_and_gives_its_connection_back_listening_to_nothing(
    limits: PostgresLimits, postgres: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    poll = 0.0625  # binary fractions: idle reaches the bound exactly, as 10 s does in 0.5 s steps
    monkeypatch.setattr(_postgres_limits, "_LISTEN_IDLE", 2 * poll)
    monkeypatch.setattr(_postgres_limits, "_SLOT_POLL", poll)
    polls: list[dict[str, Any]] = []
    notifies = psycopg.AsyncConnection.notifies

    def counted(connection: psycopg.AsyncConnection[Any], **options: Any) -> Any:
        polls.append(options)
        if len(polls) == 3:
            limits._waiting = False  # the waiter has its slot: idle from this poll's end on
        return notifies(connection, **options)

    monkeypatch.setattr(psycopg.AsyncConnection, "notifies", counted)
    limits._waiting = True
    await asyncio.wait_for(limits._listen(), 3)
    assert polls == [{"timeout": poll, "stop_after": 1}] * 4  # three while waited for, then two polls idle
    async with await psycopg.AsyncConnection.connect(postgres.url, autocommit=True) as admin:
        last = "SELECT count(*) FROM pg_stat_activity WHERE query = %s"  # sessions whose last statement it is
        assert await (await admin.execute(last, (f'LISTEN "{limits._channel}"',))).fetchone() == (0,)
        assert await (await admin.execute(last, ("UNLISTEN *",))).fetchone() != (0,)


async def test_a_listener_that_cannot_connect_says_so_without_the_password(
    key: str, caplog: pytest.LogCaptureFixture
) -> None:
    limits = PostgresLimits(f"postgresql://engage:{SECRET}@127.0.0.1:1/app", key=key, max_in_flight=1, per_minute=60)
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        await asyncio.wait_for(limits._listen(), 5)  # logged, not raised: the waiter polls instead
    (said,) = [record.getMessage() for record in caplog.records if "announcements" in record.getMessage()]
    assert said.startswith("shared limits: no announcements of freed slots (polling instead): OperationalError")
    assert SECRET not in said
    await limits.aclose()


async def test_a_statement_held_up_fails_within_a_second_as_shared_limits_unavailable(
    limits: PostgresLimits, postgres: PostgresServer
) -> None:
    await acquire(limits, "a")
    async with await psycopg.AsyncConnection.connect(postgres.url) as admin:  # a transaction holding the pace row
        held = f"SELECT * FROM {quoted(SCHEMA)}.limit_pace WHERE name = %s FOR UPDATE"  # noqa: S608 - a checked name
        await admin.execute(held, (limits._name,))
        asked = time.monotonic()
        with pytest.raises(SharedLimitsUnavailable):
            await limits.acquire()
        # At least the statement's bound (a guarantee: the server counts it from after `asked`); at most
        # far less than forever, with room for a loaded machine; the bound itself is the pool's setting.
        assert 0.8 < time.monotonic() - asked < 5
    pool = limits._client
    assert (pool._size, pool._wait) == (8, 1.0)
    assert pool._kwargs["options"] == "-c statement_timeout=1000"  # within a second


async def test_a_cut_connection_fails_the_call_once_never_taking_a_permit_on_a_new_pool(
    limits: PostgresLimits, postgres: PostgresServer
) -> None:
    lease = await limits.acquire()
    with psycopg.connect(postgres.url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
    with pytest.raises(SharedLimitsUnavailable):  # the governor's local limits take the call
        await limits.acquire()
    limits._client._held.get().down_until = 0.0
    assert set(await slots(limits)) == {lease}


async def test_an_unreachable_database_fails_at_once_without_the_password(key: str) -> None:
    limits = PostgresLimits(
        f"postgresql://engage:{SECRET}@127.0.0.1:1/app?schema=x", key=key, max_in_flight=1, per_minute=60
    )
    asked = time.monotonic()
    with pytest.raises(SharedLimitsUnavailable) as raised:
        await limits.acquire()
    assert time.monotonic() - asked < 3
    assert SECRET not in str(raised.value)
    assert SECRET not in repr(limits)
    assert "PostgreSQL" in str(raised.value)
    await limits.aclose()
