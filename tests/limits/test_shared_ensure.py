"""Ensures of one external id across processes, against the served fake and a real redis-server.

Two processes of 100 concurrent ensures each leave one appointment: the tasks of a process take
turns by a lock of their own, the processes by a lease in the shared Redis. A process killed
(SIGKILL) after its POST reached the fake and before the answer leaves its lease to expire; run
again, the ensure finds what the killed one created.
"""

from __future__ import annotations

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

from pexip_engage_client import errors
from pexip_engage_client._ensure_lock import EnsureLocks, lease_key
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import seed_references

ROOT = Path(__file__).resolve().parents[2]


def start_worker(base_url: str, redis_url: str, *arguments: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.limits._ensure_worker", base_url, "--redis", redis_url, *arguments],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
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
def test_a_process_killed_between_its_post_and_the_answer_leaves_one_appointment_when_run_again(
    redis_url: str,
) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    # The POST lands at once and its answer never comes (the fake stays silent past any timeout).
    fake.fail("createAppointment", delay=60.0, commit=True)
    key = f"ensure-{uuid.uuid4().hex}"
    with serve(fake) as base_url:
        # Its lease lasts its one step's time: (0 retries + 1) x 2 s + 1 s.
        killed = start_worker(base_url, redis_url, "--key", key, "--timeout", "2", "--max-retries", "0")
        go(killed)
        wait_until(lambda: appointments_with(fake, "CRM-1") == 1, timeout=30)
        os.kill(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=30)
        assert killed.returncode == -signal.SIGKILL
        started = time.monotonic()
        again = start_worker(base_url, redis_url, "--key", key, "--timeout", "10")
        go(again)
        assert outcomes(again) == Counter({"found": 1})
    assert time.monotonic() - started < 15
    assert appointments_with(fake, "CRM-1") == 1
    assert len(fake.calls_to("createAppointment")) == 1


# --- The lease itself ----------------------------------------------------------------------------


@pytest.mark.end_to_end
async def test_a_lease_makes_another_process_wait_and_expires_when_its_holder_is_gone(redis_url: str) -> None:
    """Two clients' turns (as two processes have: separate local locks) on one key, through Redis."""
    key = lease_key("acme", "createAppointment", f"CRM-{uuid.uuid4().hex}")
    first, second = EnsureLocks(), EnsureLocks()
    async with first.hold(key, call_seconds=5, lease_seconds=5, redis_url=redis_url):
        with pytest.raises(errors.APITimeoutError, match="another process holds the lease"):
            async with second.hold(key, call_seconds=0.2, lease_seconds=5, redis_url=redis_url):
                pass
    async with second.hold(key, call_seconds=0.2, lease_seconds=5, redis_url=redis_url):
        pass  # released by its holder: taken at once
    # A holder that never releases (a killed process): its lease ends by its expiry, on Redis's clock.
    gone = first.hold(key, call_seconds=5, lease_seconds=0.3, redis_url=redis_url)
    await gone.__aenter__()
    started = time.monotonic()
    async with second.hold(key, call_seconds=5, lease_seconds=5, redis_url=redis_url):
        waited = time.monotonic() - started
    assert 0.1 < waited < 3
    await gone.__aexit__(None, None, None)  # its connection (its lease is long gone, and stays the other's)


@pytest.mark.end_to_end
async def test_without_redis_an_ensure_takes_its_turn_in_its_process_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    key = lease_key("acme", "createAppointment", "CRM-1")
    async with EnsureLocks().hold(key, call_seconds=5, lease_seconds=5, redis_url="redis://:s3cret@127.0.0.1:1/0"):
        pass
    assert "cannot be reached" in caplog.text
    assert "s3cret" not in caplog.text
