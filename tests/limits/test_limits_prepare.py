"""`pexip-engage limits prepare`: a fresh backend settled at deploy, before the first ensures (issue 69, point 4).

On a Redis or a PostgreSQL the turns have never used, 3 processes ensuring 150 ids at once got
`EnsureTurnError` for every call within the first second (the documented settle of one lease), and
later calls waited up to a lease. Here the command runs first, as a deploy step; then the fault
suite's workers (`_ensure_fault_worker.py`: 3 processes x 16 tasks, the same 48 ids, the first 16 of each
process at once on the fresh backend) must make 48 appointments with no error, none of them waiting for a
settle; and the command run again on the settled backend returns at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import seed_references
from ..support.postgres_server import migrated, postgres_server
from ..support.redis_server import redis_server
from .test_ensure_faults import WORKER, _read, _say

pytestmark = [pytest.mark.slow, pytest.mark.end_to_end]

PROCESSES, TASKS, TIMEOUT = 3, 16, 5.0
IDS = PROCESSES * TASKS  # each id ensured by the 3 processes at once, 16 at a time: the turns contended from the start
LEASE = 2 * TIMEOUT + 1  # the workers' lease: connect plus read timeouts, and a second


@contextmanager
def _fresh(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "redis":
        with redis_server(tmp_path) as url:
            yield url
    else:
        with postgres_server() as postgres:
            yield migrated(f"{postgres.url}?schema=fresh_{uuid.uuid4().hex[:12]}")


def _prepare(url: str, *command: str) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pexip_engage_client", *command, "--url", url, "--timeout", str(TIMEOUT)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started, done.stdout


def _worker(base_url: str, url: str, log: Path) -> subprocess.Popen[str]:
    with log.open("ab") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                base_url,
                url,
                "--key",
                uuid.uuid4().hex,
                "--ids",
                str(IDS),
                "--tasks",
                str(TASKS),
                "--timeout",
                str(TIMEOUT),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(WORKER.parents[2])),
            cwd=WORKER.parents[2],
        )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.parametrize("backend", ["redis", "postgres"])
def test_after_prepare_the_first_ensures_on_a_fresh_backend_neither_fail_nor_wait(backend: str, tmp_path: Path) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=48, per_minute=None, latency=0.05))
    with _fresh(backend, tmp_path) as url, serve(fake) as base_url:
        took, said = _prepare(url, "limits", "prepare")
        assert LEASE - 0.5 < took < LEASE + 5, (took, said)  # one settle, waited out once
        assert "settled after" in said
        again, said_again = _prepare(url, "limits", "prepare")
        assert "already settled" in said_again  # no lease waited out (its time is the command's start: load-bound)
        workers = [_worker(base_url, url, tmp_path / f"worker-{n}.log") for n in range(PROCESSES)]
        for worker in workers:
            _say(worker, "go")
        results = [_read(worker) for worker in workers]
        for worker in workers:
            worker.communicate(timeout=30)
    failed = [failure for result in results for failure in result["failed"].values()]
    longest = max(ended - started for result in results for started, ended, _ in result["spans"])
    per_id = Counter(str(item.get("externalId")) for item in fake.appointments.values())
    print(
        f"\n{backend}: prepare took {took:.1f} s, again {again:.1f} s; {len(fake.appointments)} appointments, "
        f"{len(failed)} errors; the longest ensure {longest:.2f} s"
    )
    assert failed == []
    assert len(fake.appointments) == IDS
    assert set(per_id.values()) == {1}
    assert longest < LEASE - 4, longest  # none waited out a settle (a lease of 11 s)


@pytest.mark.parametrize("backend", ["postgres"])
def test_postgres_migrate_settles_the_lease_state_too(backend: str, tmp_path: Path) -> None:
    with _fresh(backend, tmp_path) as url:
        took, said = _prepare(url, "postgres", "migrate")
        assert "step(s) run" in said
        assert "settled after" in said
        assert took > LEASE - 0.5
        again, said_again = _prepare(url, "limits", "prepare")
        assert "already settled" in said_again
        assert again < 3


def test_prepare_on_a_database_that_cannot_be_reached_names_it_once_in_one_line() -> None:
    """Host, port, database and schema, said once (the pool's failure said where, and the lease said it again)."""
    from ..support.loopback import free_port
    from ..support.spec import ROOT

    port = free_port()  # nothing listens there
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "limits",
            "prepare",
            "--timeout",
            "1",
            "--url",
            f"postgresql://app:pg-s3cr3t@127.0.0.1:{port}/crm?schema=reporting",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 4, ran.stderr
    assert ran.stderr.count("\n") == 1, ran.stderr
    assert ran.stderr.count(f"(on postgresql://app:<redacted>@127.0.0.1:{port}/crm, schema reporting)") == 1
    assert "pg-s3cr3t" not in ran.stderr + ran.stdout
