"""Exactly one appointment per external id, whatever Redis does meanwhile (issue 59, point 1).

Three processes of 16 tasks each ensure the same external ids against the served fake (0.2 s per
answer) through a real redis-server, which a fault strikes mid-run: restarted empty, FLUSHALL,
stopped (SIGSTOP) for 3 s, or cut off for 3 s by a TCP proxy between the workers and Redis; or the
worker creating holds its look-ups' answers longer than a lease, so that its creates sit between
their look-up and their send while the others take the turns over (the check right before the POST
must stop them). The fake keeps the workers' shared limit of 24 in flight, so that a fallback to
each process's own limits meets 429s, which no ensure may raise bare. The ids
that failed are ensured again once the fault is over, as a user would. Each run must leave exactly
one appointment per id, and every failure must be an `EnsureError` naming its id and saying whether
a create may have happened. `ENSURE_FAULT_CODE=/path/to/checkout` runs the workers on another checkout's client (how
the figures of the issue were reproduced on main).
"""

from __future__ import annotations

import contextlib
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
from typing import Any

import psycopg
import pytest
from redis import Redis

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.ensure_bodies import seed_references
from ..support.lease_state import aged_lease_state
from ..support.postgres_server import PostgresServer, migrated, postgres_server
from ..support.tcp_proxy import TcpProxy, tcp_proxy
from ..support.waiting import wait_until
from ._restartable_redis import RestartableRedis, restartable_redis

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "limits" / "_ensure_fault_worker.py"
CODE = Path(os.environ.get("ENSURE_FAULT_CODE") or ROOT)
IDS, PROCESSES, TASKS = 300, 3, 16

pytestmark = [pytest.mark.soak, pytest.mark.end_to_end]  # each outage for real: minutes


def restart_empty(redis: RestartableRedis, _: TcpProxy) -> None:
    redis.stop()
    time.sleep(2)
    redis.start()


def flushall(redis: RestartableRedis, _: TcpProxy) -> None:
    with Redis.from_url(redis.url) as client:
        assert client.flushall()


def freeze(redis: RestartableRedis, _: TcpProxy) -> None:
    redis.freeze(3)


def cut(_: RestartableRedis, proxy: TcpProxy) -> None:
    proxy.cut()
    time.sleep(3)
    proxy.restore()


def no_fault(_: RestartableRedis, __: TcpProxy) -> None:
    return None


def stall_between_look_up_and_create(_: object, __: TcpProxy) -> None:
    """The worker creating pauses its look-ups' answers (SIGUSR1, `Stall` in the worker) longer than a lease:
    its creates sit between their look-up ("nothing") and their send, the other workers take the
    expired turns over and create, and when it goes on, the check right before each create's POST
    must find the turn lost (run by `_strike`, which knows the workers)."""
    raise AssertionError("run by _strike")


def _stall_the_creator(fake: FakePexipEngage) -> None:
    posts = [request for request in fake.requests if request.method == "POST"]
    os.kill(int(posts[-1].headers["X-Fault-Worker"]), signal.SIGUSR1)  # the worker holding turns now
    time.sleep(ORPHANED_LEASE_SECONDS + 2)


def _strike(fault: Callable[[Any, TcpProxy], None], backend: Any, proxy: TcpProxy, fake: FakePexipEngage) -> None:
    if fault is stall_between_look_up_and_create:
        _stall_the_creator(fake)
    else:
        fault(backend, proxy)


def _assert_every_failure_is_an_ensure_error(failures: list[dict[str, Any]]) -> None:
    """Every failure is an `EnsureError` naming its id (in `.external_id` and its message), saying whether a
    create may have landed; never a bare `RateLimitError` (issue 69, point 3)."""
    assert all(failure["error"] != "RateLimitError" for failure in failures), failures[:5]
    assert all(failure["ensure_error"] and failure["knows_id"] for failure in failures), failures[:5]
    assert all(failure["names_id"] and failure["says_if_created"] for failure in failures), failures[:5]


def _start(base_url: str, redis_url: str, key: str, log: Path) -> subprocess.Popen[str]:
    with log.open("ab") as stderr:  # its warnings while Redis is away: read on failure, not printed
        process = subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                base_url,
                redis_url,
                "--key",
                key,
                "--ids",
                str(IDS),
                "--tasks",
                str(TASKS),
                "--in-flight",
                str(IN_FLIGHT),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=CODE,
            env=dict(os.environ, PYTHONPATH=str(CODE)),
        )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _say(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdin is not None
    process.stdin.write(word + "\n")
    process.stdin.flush()


# A lease's length at the workers' timeout (2 s): connect + read + 1 s (`LEASE_MARGIN`, _leasing/_shared_leases.py).
# What a rerun may meet within it: a turn left to run out (its create's answer was lost in the
# fault, so it may still land), or a new state's wait (after a restart empty or FLUSHALL, every taker
# waits out a lease from the new marker: one that the workers' 4 s calls cannot cover fails at once).
ORPHANED_LEASE_SECONDS = (2.0 + 2.0) + 1.0


def _after_the_fault(workers: list[subprocess.Popen[str]]) -> list[dict[str, Any]]:
    """The failed ids ensured again once the fault is over, as a user would; a second time after the
    longest lease, when the first rerun still met a turn whose release the fault had cut off. What
    fails meanwhile must say that nothing was created; the last rerun must fail nothing."""
    results = _again(workers)
    if any(result["failed"] for result in results):
        waiting = [failure for result in results for failure in result["failed"].values()]
        assert all(failure["names_id"] and failure["says_if_created"] for failure in waiting), waiting[:5]
        time.sleep(ORPHANED_LEASE_SECONDS)
        results = _again(workers)
    return results


def _mid_run(fake: FakePexipEngage) -> None:
    """Return once a tenth of the ids are created, so that the fault strikes with ensures ended before it and
    many turns held and creates in flight (by what the fake made, not a clock a loaded machine stretches)."""
    wait_until(lambda: len(fake.appointments) >= IDS // 10, seconds=120)


def _again(workers: list[subprocess.Popen[str]]) -> list[dict[str, Any]]:
    for worker in workers:
        _say(worker, "again")
    return [_read(worker) for worker in workers]


def _read(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, f"a worker ended early (exit {process.poll()})"
    result: dict[str, Any] = json.loads(line)
    return result


# The served fake keeps the workers' shared limit (24 in flight, of the 48 tasks of the 3 workers):
# when the shared limits cannot be reached, each worker keeps them by itself, and the fake answers
# 429 beyond, which the ensures must ride out (or raise as an `EnsureError` naming the id).
IN_FLIGHT = 24
FAKE_LIMITS: dict[str, Any] = {"max_in_flight": IN_FLIGHT, "per_minute": None}


@pytest.mark.parametrize(
    "fault",
    [no_fault, restart_empty, flushall, freeze, cut, stall_between_look_up_and_create],
    ids=lambda f: f.__name__,
)
def test_each_external_id_is_created_once_whatever_redis_does(
    fault: Callable[[RestartableRedis, TcpProxy], None], tmp_path: Path
) -> None:
    fake = seed_references(FakePexipEngage(**FAKE_LIMITS, latency=0.2))
    with restartable_redis(tmp_path) as redis, tcp_proxy(redis.port) as proxy, serve(fake) as base_url:
        url = f"redis://127.0.0.1:{proxy.port if fault is cut else redis.port}/0"
        key = f"faults-{uuid.uuid4().hex}"
        aged_lease_state(url)  # in use before the fault: what the fault loses is an old state
        workers = [_start(base_url, url, key, tmp_path / f"worker-{n}.log") for n in range(PROCESSES)]
        started = time.monotonic()
        for worker in workers:
            _say(worker, "go")
        _mid_run(fake)
        struck = time.time()
        _strike(fault, redis, proxy, fake)
        over = time.time()
        first = [_read(worker) for worker in workers]
        second = _after_the_fault(workers)
        for worker in workers:
            worker.communicate(timeout=30)
    per_id = Counter(str(item.get("externalId")) for item in fake.appointments.values())
    twice = sorted(external_id for external_id, count in per_id.items() if count > 1)
    failures = [failure for result in first for failure in result["failed"].values()]
    print(
        f"\n{fault.__name__}: {len(fake.appointments)} appointments for {IDS} ids, {len(twice)} ids twice; "
        f"{len(failures)} ensures failed during the fault ({Counter((f['error'], f['cause']) for f in failures)}), "
        f"{sum(len(r['failed']) for r in second)} again after it; {time.monotonic() - started:.1f} s; "
        f"{fake.over_limits} requests answered 429 (beyond the workers' shared limit)"
    )
    assert twice == [], f"{len(twice)} ids were created more than once: {twice[:10]}"
    assert len(per_id) == IDS
    assert len(fake.appointments) == IDS
    _assert_every_failure_is_an_ensure_error(failures)
    assert [result["failed"] for result in second] == [{}] * PROCESSES
    _assert_struck_in_flight(first, struck, over, felt=fault is not no_fault)


def _assert_struck_in_flight(first: list[dict[str, Any]], struck: float, over: float, *, felt: bool) -> None:
    """The fault struck while ensures were in flight, and they felt it: some had ended before it
    began, some were under way when it began, some ended after it was over; and of those that had
    not ended when it began, some failed or took 2 s or more. Without a fault (`felt` False: only
    printed), none fails, and the longest takes well under 2 s."""
    spans = [span for result in first for span in result["spans"]]
    before = sum(ended < struck for _, ended, _ in spans)
    under_way = sum(started < struck < ended for started, ended, _ in spans)
    after = sum(ended > over for _, ended, _ in spans)
    after_it = [(ended - started, failed) for started, ended, failed in spans if ended >= struck]
    longest = max(ended - started for started, ended, _ in spans)
    print(
        f"  in flight: {before} ensures ended before the fault, {under_way} were under way when it struck, "
        f"{after} ended after it; of those after it began, {sum(f for _, f in after_it)} failed, "
        f"{sum(d >= 2 for d, f in after_it if not f)} took 2 s or more; the longest {longest:.2f} s"
    )
    if not felt:
        return
    assert before > 0, "the fault struck before any ensure had ended"
    assert under_way > 0, "no ensure was under way when the fault struck"
    assert after > 0, "every ensure had ended before the fault was over"
    assert any(failed or took >= 2 for took, failed in after_it), "no ensure in flight felt the fault"


def pg_restart(postgres: PostgresServer, _: TcpProxy) -> None:
    postgres.stop()
    time.sleep(2)
    postgres.start()


def pg_terminate(postgres: PostgresServer, _: TcpProxy) -> None:
    """Every worker's session ended by the server (`pg_terminate_backend`), the holders' among them."""
    with psycopg.connect(postgres.url, autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )


def pg_freeze(postgres: PostgresServer, _: TcpProxy) -> None:
    """The postmaster and every backend stopped (SIGSTOP) for 3 s."""
    assert postgres.process is not None
    pids = [postgres.process.pid, *_children(postgres.process.pid)]
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # a backend whose session ended since it was listed
            os.kill(pid, signal.SIGSTOP)
    time.sleep(3)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def pg_cut(_: PostgresServer, proxy: TcpProxy) -> None:
    proxy.cut()
    time.sleep(3)
    proxy.restore()


@pytest.mark.parametrize(
    "fault",
    [pg_restart, pg_terminate, pg_freeze, pg_cut, stall_between_look_up_and_create],
    ids=lambda f: f.__name__.removeprefix("pg_"),
)
def test_each_external_id_is_created_once_whatever_postgresql_does(
    fault: Callable[[PostgresServer, TcpProxy], None], tmp_path: Path
) -> None:
    # The same run as above, the turns and the shared limits in PostgreSQL (issue 60).
    fake = seed_references(FakePexipEngage(**FAKE_LIMITS, latency=0.2))
    with postgres_server() as postgres, tcp_proxy(postgres.port) as proxy, serve(fake) as base_url:
        port = proxy.port if fault is pg_cut else postgres.port
        url = migrated(f"postgresql://postgres@127.0.0.1:{port}/postgres?schema=ensure_faults")  # as at deploy
        key = f"faults-{uuid.uuid4().hex}"
        aged_lease_state(url)
        workers = [_start(base_url, url, key, tmp_path / f"worker-{n}.log") for n in range(PROCESSES)]
        for worker in workers:
            _say(worker, "go")
        _mid_run(fake)
        _strike(fault, postgres, proxy, fake)
        first = [_read(worker) for worker in workers]
        second = _after_the_fault(workers)
        for worker in workers:
            worker.communicate(timeout=30)
    per_id = Counter(str(item.get("externalId")) for item in fake.appointments.values())
    twice = sorted(external_id for external_id, count in per_id.items() if count > 1)
    failures = [failure for result in first for failure in result["failed"].values()]
    assert twice == [], f"{len(twice)} ids were created more than once: {twice[:10]}"
    assert len(per_id) == IDS
    assert len(fake.appointments) == IDS
    _assert_every_failure_is_an_ensure_error(failures)
    assert [result["failed"] for result in second] == [{}] * PROCESSES
