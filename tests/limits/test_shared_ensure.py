"""Ensures of one external id across processes, against the served fake and a real redis-server.

Two processes of 100 concurrent ensures each leave one appointment: the tasks of a process take
turns by a lock of their own, the processes by a lease in the shared Redis. A process killed
(SIGKILL) after its POST reached the fake and before the answer leaves its lease to expire; run
again, the ensure finds what the killed one created; killed before its POST, the rerun outlasts
its lease (one attempt's time and a second) and creates.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from redis import Redis

from pexip_engage_client import Governor, PexipEngage, errors
from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client._ensuring._ensure_lock import KEY_PREFIX, lease_key
from pexip_engage_client._leasing._lease import (
    EPOCH_KEY,
    Busy,
    Held,
    LeaseBackend,
    LeaseLostError,
    LeaseUnreachableError,
    RedisLeases,
)
from pexip_engage_client._leasing._shared_leases import lease_seconds_for, leases_at
from pexip_engage_client._shared._redis import redis_client
from pexip_engage_client._shared.postgres import quoted
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.lease_state import aged_lease_state, own_state
from ..support.postgres_server import PostgresServer, migrated
from ..support.redis_server import redis_server
from ..support.waiting import eventually

ROOT = Path(__file__).resolve().parents[2]


def start_worker(base_url: str, redis_url: str, *arguments: str, lock_dir: Path | None = None) -> subprocess.Popen[str]:
    lock_dirs = {} if lock_dir is None else {"PEXIP_ENGAGE_LOCK_DIR": str(lock_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.limits._ensure_worker", base_url, "--redis", redis_url, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **lock_dirs),
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def go(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def outcomes(process: subprocess.Popen[str]) -> Counter[str]:
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0, f"a worker failed (exit {process.returncode})"
    return Counter(json.loads(out.strip().splitlines()[-1]))


def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    """Return once `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        time.sleep(0.01)


def appointments_with(fake: FakePexipEngage, external_id: str) -> int:
    return sum(item.get("externalId") == external_id for item in fake.appointments.values())


@pytest.mark.end_to_end
@pytest.mark.slow
def test_two_processes_of_a_hundred_concurrent_ensures_leave_one_appointment(shared_url: str) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    key = f"ensure-{uuid.uuid4().hex}"
    url = own_state(shared_url)
    aged_lease_state(url)  # a backend in use: its takers do not wait out a new state
    with serve(fake) as base_url:
        processes = [start_worker(base_url, url, "--key", key, "--count", "100") for _ in range(2)]
        for process in processes:
            go(process)
        results = [outcomes(process) for process in processes]
    total = sum(results, Counter())
    assert total == Counter({"created": 1, "found": 199}), results
    assert appointments_with(fake, "CRM-1") == 1
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
@pytest.mark.slow
@pytest.mark.parametrize(
    ("shared", "timeout"), [("redis", "5"), ("redis", "default"), ("postgres", "5"), ("this host", "5")]
)
def test_a_process_killed_right_after_its_post_costs_the_rerun_nothing_but_a_look_up(
    request: pytest.FixtureRequest, shared: str, timeout: str, tmp_path: Path
) -> None:
    """SIGKILL right after the POST leaves the killed process's lease (Redis, PostgreSQL) or nothing (a
    lock file): the rerun, of the same timeout, looks up while it waits, and finds the appointment within its time."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    # The POST lands at once and its answer never comes (the fake stays silent past any timeout).
    fake.fail("createAppointment", delay=600.0, commit=True)
    key = f"ensure-{uuid.uuid4().hex}"
    if shared == "postgres":
        url = own_state(request.getfixturevalue("postgres").url)
    else:
        url = request.getfixturevalue("redis_url") if shared == "redis" else ""
    if url:
        aged_lease_state(url)
    given = () if timeout == "default" else ("--timeout", timeout)
    with serve(fake) as base_url:
        killed = start_worker(base_url, url, "--key", key, *given, lock_dir=tmp_path)
        go(killed)
        wait_until(lambda: appointments_with(fake, "CRM-1") == 1, timeout=30)
        os.kill(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=30)
        assert killed.returncode == -signal.SIGKILL
        again = start_worker(base_url, url, "--key", key, *given, lock_dir=tmp_path)
        started = time.monotonic()
        go(again)
        assert outcomes(again) == Counter({"found": 1})
        took = time.monotonic() - started
    print(f"\nrerun after SIGKILL-after-POST ({shared}, timeout {timeout}): found in {took:.2f} s")
    assert took < 5  # well within the rerun's own time (10 s or 35 s an attempt); it waits for no lease
    assert appointments_with(fake, "CRM-1") == 1
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
@pytest.mark.slow
def test_a_process_killed_before_its_post_costs_the_rerun_one_lease_then_it_creates(
    redis_url: str, tmp_path: Path
) -> None:
    """SIGKILL while the holder's look-up is under way (its turn renewed, nothing sent to create):
    its lease outlives it by at most one lease (derived from the call's timeout: 8 s connect plus 8 s
    read and a second, so 17 s; the default timeout's 36 s proves nothing more). The rerun, of the same
    timeout, finds nothing while it waits, outlasts that lease (a waiter waits one lease of its own),
    takes the turn and creates: one appointment, not before the dead holder's lease ends (as Redis
    counts it) and soon after it, however slowly the machine runs its look-ups."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    key = f"ensure-{uuid.uuid4().hex}"
    aged_lease_state(redis_url)
    timeout = ("--timeout", "8")
    lease = lease_seconds_for(8.0)
    with Redis.from_url(redis_url) as redis, serve(fake) as base_url:
        earlier = set(redis.scan_iter(f"{KEY_PREFIX}:*"))
        killed = start_worker(base_url, redis_url, "--key", key, *timeout, lock_dir=tmp_path)
        fake.fail("getAppointments", delay=600.0)  # the holder's first look-up never answers
        go(killed)
        wait_until(lambda: any(call.fault for call in fake.calls_to("getAppointments")), timeout=30)
        os.kill(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=30)
        assert killed.returncode == -signal.SIGKILL
        (held,) = {name for name in set(redis.scan_iter(f"{KEY_PREFIX}:*")) - earlier if b":fence" not in name}
        again = start_worker(base_url, redis_url, "--key", key, *timeout, lock_dir=tmp_path)
        left = redis.pttl(held) / 1000
        started = time.monotonic()
        go(again)
        assert 0 < left <= lease
        assert outcomes(again) == Counter({"created": 1})
        took = time.monotonic() - started
    print(f"\nrerun after SIGKILL-before-POST (redis): lease {left:.2f} s left, created in {took:.2f} s")
    assert took >= left - 0.5  # the dead holder's lease was waited out (a create before it ends could double)
    assert took < left + 10  # then at once: a look-up and the create, not a second lease (17 s)
    assert appointments_with(fake, "CRM-1") == 1
    assert len(fake.calls_to("createAppointment")) == 1


# --- The lease itself ----------------------------------------------------------------------------


@pytest.mark.end_to_end
async def test_a_shared_lease_is_one_holders_and_expires_when_its_holder_is_gone(shared_url: str) -> None:
    """Two backends (as two processes have) on one key, through Redis or PostgreSQL: busy, released, expired."""
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    first, second = (leases_at(shared_url, user="a test") for _ in range(2))
    try:
        held = await first.take(key, "first", 5)
        assert isinstance(held, Held)
        busy = await second.take(key, "second", 5)
        assert isinstance(busy, Busy)
        assert busy.left_seconds is not None
        assert 4 < busy.left_seconds <= 5
        await first.release(held)
        taken = await second.take(key, "second", 0.3)  # released by its holder: taken at once
        assert isinstance(taken, Held)
        assert taken.fence > held.fence
        with pytest.raises(LeaseLostError):  # the first holder's turn is over: no create may follow
            await first.confirm(held, 5)
        # A holder that never releases (a killed process): its lease ends by its expiry, on the backend's clock.
        await asyncio.sleep(0.4)
        again = await first.take(key, "first-again", 5)
        assert isinstance(again, Held)
        with pytest.raises(LeaseLostError):
            await second.confirm(taken, 5)
    finally:
        await first.aclose()
        await second.aclose()


async def _lose_state(url: str, leases: LeaseBackend) -> None:
    """What a restart empty, FLUSHALL or dropped tables leave: no epoch marker (the leases stay)."""
    if isinstance(leases, RedisLeases):
        await leases._client.delete(EPOCH_KEY)
        return
    conninfo, schema = split_url(url)
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
        await connection.execute(f"DELETE FROM {quoted(schema)}.lease_epoch")  # noqa: S608 - a checked name


@pytest.mark.end_to_end
async def test_a_lost_state_makes_every_taker_settle_even_one_that_never_saw_the_old_one(shared_url: str) -> None:
    """A new process, client or CLI run knows no epoch: the new marker alone says the state is new."""
    url = own_state(shared_url)
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    leases = leases_at(url, user="a test")
    if isinstance(leases, RedisLeases):  # the session's redis-server: as if new
        await leases._client.delete(EPOCH_KEY)
    try:
        first = await leases.take(key, "first-use", 5)  # a backend's first use cannot be told from a loss
        assert isinstance(first, Held)
        assert 4.5 < first.settle_seconds <= 5
        await leases.release(first)
        aged_lease_state(url)
        held = await leases.take(key, "before", 5)
        assert isinstance(held, Held)
        assert held.settle_seconds == 0  # in use for long: nothing to wait for
        await _lose_state(url, leases)
        with pytest.raises(LeaseLostError, match="lost"):
            await leases.confirm(held, 5)
        await leases.release(held)
        newcomer = leases_at(url, user="a test")  # a process that never saw the old epoch
        try:
            told = await newcomer.take(key + "-other", "newcomer", 5)
            assert isinstance(told, Held)
            assert told.epoch != held.epoch
            assert 4.5 < told.settle_seconds <= 5  # a create confirmed before the loss may still be in flight
        finally:
            await newcomer.aclose()
        again = await leases.take(key, "after", 5)
        assert isinstance(again, Held)
        assert again.settle_seconds > 4
    finally:
        await leases.aclose()


@pytest.mark.end_to_end
async def test_a_dropped_schema_is_refused_naming_postgres_migrate_and_once_made_again_its_first_taker_settles(
    postgres: PostgresServer,
) -> None:
    """DROP SCHEMA ... CASCADE under a process that checked the tables: nothing makes them at run time, so its
    next confirm and take are refused, naming the schema and `postgres migrate`, never a turn on a state it
    cannot see. Migrated again, the holder of the old state learns at its confirm that it is lost, and the
    first takers of the new state wait out a lease (a create confirmed before the drop may still be in flight)."""
    url = own_state(postgres.url)
    conninfo, schema = split_url(url)
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    leases = leases_at(url, user="a test")
    try:
        aged_lease_state(url)
        held = await leases.take(key, "before", 5)
        assert isinstance(held, Held)
        assert held.settle_seconds == 0  # in use for long
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
            await connection.execute(f"DROP SCHEMA {quoted(schema)} CASCADE")
        refused = rf"schema {schema} does not exist in .*run `pexip-engage postgres migrate`"
        with pytest.raises(LeaseUnreachableError, match=refused):
            await leases.confirm(held, 5)
        with pytest.raises(LeaseUnreachableError, match=refused):
            await leases.take(key, "after", 5)
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
            assert (await (await connection.execute("SELECT to_regnamespace(%s)", (schema,))).fetchone()) == (None,)
        migrated(url)
        with pytest.raises(LeaseLostError, match="lost"):  # made again: the old epoch is gone with it
            await leases.confirm(held, 5)
        again = await leases.take(key, "after", 5)
        assert isinstance(again, Held)
        assert again.epoch != held.epoch
        assert 4 < again.settle_seconds <= 5  # the first use of the new schema: the taker settles
        other = leases_at(url, user="a test")  # a process that never saw the schema before the drop
        try:
            told = await other.take(key + "-other", "other", 5)
            assert isinstance(told, Held)
            assert told.epoch == again.epoch
            assert 4 < told.settle_seconds <= 5
        finally:
            await other.aclose()
    finally:
        await leases.aclose()


@pytest.mark.end_to_end
async def test_a_take_that_finds_its_own_token_gets_its_turn_back_not_busy(shared_url: str) -> None:
    """The take run twice (redis-py sends an EVAL again after a read timeout): the second finds its own lease."""
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    leases = leases_at(shared_url, user="a test")
    try:
        held = await leases.take(key, "mine", 5)
        assert isinstance(held, Held)
        again = await leases.take(key, "mine", 5)
        assert isinstance(again, Held)
        assert (again.token, again.fence, again.epoch) == (held.token, held.fence, held.epoch)  # the same turn
        assert isinstance(await leases.take(key, "another", 5), Busy)
        await leases.confirm(again, 5)
    finally:
        await leases.aclose()


@pytest.mark.end_to_end
async def test_an_unreachable_redis_is_an_error_never_a_turn(redis_url: str) -> None:
    leases = RedisLeases(redis_client("redis://:s3cret@127.0.0.1:1/0"), "Redis redis://:<redacted>@127.0.0.1:1/0")
    with pytest.raises(LeaseUnreachableError) as caught:
        await leases.take("k", "t", 5)
    assert "s3cret" not in str(caught.value)
    await leases.aclose()


# --- Without Redis: the host's lock files ---------------------------------------------------------


@pytest.mark.end_to_end
@pytest.mark.slow
async def test_without_redis_a_turn_another_process_holds_ends_in_an_error_naming_the_id_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Two clients (as two processes: their own locks) share this host's lock files; the second gets no turn."""
    monkeypatch.setenv("PEXIP_ENGAGE_LOCK_DIR", str(tmp_path))
    caplog.set_level(logging.INFO, logger="pexip_engage_client")
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    fake.fail("createAppointment", delay=4.0, status=400)  # the holder's create hangs, then is refused: nothing made
    body = {**APPOINTMENT, "externalId": "CRM-HELD"}
    with serve(fake) as base_url:
        async with (
            PexipEngage("acme", token="t", base_url=base_url, max_retries=0) as holder,
            PexipEngage("acme", token="t", base_url=base_url, timeout=0.5, max_retries=0) as waiter,
        ):
            holding = asyncio.ensure_future(holder.appointments.ensure_appointment(body))
            await eventually(lambda: bool(fake.calls_to("createAppointment")), 10)  # the holder is sending
            with pytest.raises(errors.EnsureTurnError) as caught:
                await waiter.appointments.ensure_appointment(body)
            with pytest.raises(errors.EnsureRefusedError) as refused:
                await holding
            assert isinstance(refused.value.__cause__, errors.BadRequestError)
    error = caught.value
    assert isinstance(error, errors.APIError)
    assert (error.external_id, error.may_have_created, error.codes) == ("CRM-HELD", False, ["ENSURE_NO_TURN"])
    assert error.url.startswith(base_url)  # the API's, not a lock file's or a Redis key's
    message = str(error)
    assert "externalId 'CRM-HELD'" in message
    assert "s waited of one lease, 2 s)" in message  # the call's 1 s (0.5 s to connect, 0.5 s to read) and 1 s
    assert "another process holding this external id's turn" in message
    assert "Nothing was created by this call: it is safe to run again" in message
    assert "turns are taken among this host's processes (lock files in " in caplog.text
    assert "need a shared Redis or PostgreSQL (PEXIP_ENGAGE_LIMITS=redis://... or postgresql://...)" in caplog.text


@pytest.mark.end_to_end
@pytest.mark.slow
async def test_a_lease_taken_over_during_the_look_up_stops_the_create_before_it_is_sent(tmp_path: Path) -> None:
    """The lease expires and another holder takes it while this one looks up (a stall): no POST leaves."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    body = {**APPOINTMENT, "externalId": f"CRM-{uuid.uuid4().hex}"}
    fake.fail("getAppointments", delay=1.0, status=503)  # the first look-up stalls; its retry answers
    with redis_server(tmp_path) as redis_url, serve(fake) as base_url:  # a Redis of its own: one lease in it
        aged_lease_state(redis_url)
        governor = Governor(shared=redis_url, rate=1000)
        try:
            async with PexipEngage(
                "acme", token="t", base_url=base_url, timeout=1, max_retries=1, governor=governor
            ) as engage:
                ensuring = asyncio.ensure_future(engage.appointments.ensure_appointment(body))
                async with redis_client(redis_url) as spy:
                    await eventually(lambda: bool(fake.calls_to("getAppointments")), 10)
                    leases = [key async for key in spy.scan_iter("pexip-engage-ensure:*") if key.count(b":") == 2]
                    assert len(leases) == 1
                    await spy.set(leases[0], b"another-holder/99/some-epoch", px=60_000)  # taken over
                with pytest.raises(errors.EnsureTurnError, match="Nothing was created by this call") as caught:
                    await ensuring
        finally:
            await governor.aclose()
    assert "another process holding this external id's lease" in str(caught.value)
    assert fake.calls_to("createAppointment") == []
