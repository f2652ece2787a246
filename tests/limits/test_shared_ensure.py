"""Ensures of one external id across processes, against the served fake and a real redis-server.

Two processes of 100 concurrent ensures each leave one appointment: the tasks of a process take
turns by a lock of their own, the processes by a lease in the shared Redis. A process killed
(SIGKILL) after its POST reached the fake and before the answer leaves its lease to expire; run
again, the ensure finds what the killed one created.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pexip_engage_client._base._lease import (
    EPOCH_KEY,
    LOST_KEY,
    Busy,
    Held,
    LeaseLostError,
    LeaseUnreachableError,
    RedisLeases,
)
from pexip_engage_client._base._redis import redis_client
from pexip_engage_client._ensure_lock import lease_key
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import seed_references

ROOT = Path(__file__).resolve().parents[2]


def start_worker(base_url: str, redis_url: str, *arguments: str, lock_dir: Path | None = None) -> subprocess.Popen[str]:
    lock_dirs = {} if lock_dir is None else {"PEXIP_ENGAGE_LOCK_DIR": str(lock_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.limits._ensure_worker", base_url, "--redis", redis_url, *arguments],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), **lock_dirs),
    )  # fmt: skip
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
def test_two_processes_of_a_hundred_concurrent_ensures_leave_one_appointment(redis_url: str) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    key = f"ensure-{uuid.uuid4().hex}"
    with serve(fake) as base_url:
        processes = [start_worker(base_url, redis_url, "--key", key, "--count", "100") for _ in range(2)]
        for process in processes:
            go(process)
        results = [outcomes(process) for process in processes]
    total = sum(results, Counter())
    assert total == Counter({"created": 1, "found": 199}), results
    assert appointments_with(fake, "CRM-1") == 1
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
@pytest.mark.slow
@pytest.mark.parametrize(("shared", "timeout"), [("redis", "5"), ("redis", "default"), ("this host", "5")])
def test_a_process_killed_right_after_its_post_costs_the_rerun_nothing_but_a_look_up(
    redis_url: str, shared: str, timeout: str, tmp_path: Path
) -> None:
    """SIGKILL right after the POST leaves the killed process's lease (Redis) or nothing (a lock file):
    the rerun, of the same timeout, looks up while it waits, and finds the appointment within its time."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    # The POST lands at once and its answer never comes (the fake stays silent past any timeout).
    fake.fail("createAppointment", delay=600.0, commit=True)
    key = f"ensure-{uuid.uuid4().hex}"
    url = redis_url if shared == "redis" else ""
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


# --- The lease itself ----------------------------------------------------------------------------


@pytest.mark.end_to_end
async def test_a_redis_lease_is_one_holders_and_expires_when_its_holder_is_gone(redis_url: str) -> None:
    """Two backends (as two processes have) on one key, through Redis: busy, released, expired."""
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    first, second = (RedisLeases(redis_client(redis_url), "Redis") for _ in range(2))
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
        # A holder that never releases (a killed process): its lease ends by its expiry, on Redis's clock.
        await asyncio.sleep(0.4)
        again = await first.take(key, "first-again", 5)
        assert isinstance(again, Held)
        with pytest.raises(LeaseLostError):
            await second.confirm(taken, 5)
    finally:
        await first.aclose()
        await second.aclose()


@pytest.mark.end_to_end
async def test_a_redis_that_lost_its_state_is_told_by_its_epoch_and_makes_takers_settle(redis_url: str) -> None:
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    leases = RedisLeases(redis_client(redis_url), "Redis")
    try:
        held = await leases.take(key, "before", 5)
        assert isinstance(held, Held)
        await leases._client.delete(EPOCH_KEY, LOST_KEY)  # as FLUSHALL or a restart would (the key stays)
        with pytest.raises(LeaseLostError, match="lost"):
            await leases.confirm(held, 5)
        await leases.release(held)
        after = await leases.take(key, "after", 5)
        assert isinstance(after, Held)
        assert after.epoch != held.epoch
        assert 4.5 < after.settle_seconds <= 5  # a create confirmed before the loss may still be in flight
        other = RedisLeases(redis_client(redis_url), "Redis")  # a process that never saw the old epoch
        try:
            await leases.release(after)
            told = await other.take(key, "other", 5)
            assert isinstance(told, Held)
            assert told.settle_seconds > 4
        finally:
            await other.aclose()
    finally:
        await leases.aclose()


@pytest.mark.end_to_end
async def test_an_unreachable_redis_is_an_error_never_a_turn(redis_url: str) -> None:
    leases = RedisLeases(redis_client("redis://:s3cret@127.0.0.1:1/0"), "Redis redis://:<redacted>@127.0.0.1:1/0")
    with pytest.raises(LeaseUnreachableError) as caught:
        await leases.take("k", "t", 5)
    assert "s3cret" not in str(caught.value)
    await leases.aclose()
