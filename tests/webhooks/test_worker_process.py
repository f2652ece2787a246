"""`pexip-engage webhooks worker module:receiver` as real processes, on a SQLite file and on a real
redis-server, handling what this test process stored (as a web process would: `start(handle=False)`
and `receive()`): two workers share the work, each event once, each appointment's events in order;
SIGTERM lets the handler in flight finish and settle, and exits 0; SIGKILL loses nothing, as the
lease brings the event back to another worker."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import WebhookReceiver
from pexip_engage_client.webhooks._stores import Status, store_from_url

from ..support.loopback import free_port, wait_until_listening
from ..support.receiver_process import ROOT
from ..support.stores import store_url
from ..support.worker_receiver import SECRET
from . import test_reconcile as outage

# Starts processes and redis-server: left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.slow, pytest.mark.main_python_only]

START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
RECEIVER = "tests.support.worker_receiver:receiver"
JSON = {"Content-Type": "application/json"}


def change(appointment: int, step: int) -> bytes:
    updated = (START + timedelta(seconds=step)).isoformat().replace("+00:00", "Z")
    return appointment_event(
        {"id": f"appointment-{appointment}", "updatedAt": updated},
        "GENERIC_UPDATE",
        event_id=f"event-{appointment}-{step}",
    )


def store_events(store: str, bodies: list[bytes]) -> Counter[int]:
    """What a web process does: store and acknowledge, run no handler."""

    async def storing() -> Counter[int]:
        receiver = WebhookReceiver(store, secret=SECRET)
        await receiver.start(handle=False)
        try:
            return Counter([(await receiver.receive(body, key=SECRET)).status for body in bodies])
        finally:
            await receiver.stop()

    return asyncio.run(storing())


def statuses(store: str, event_ids: list[str]) -> Counter[Status | None]:
    async def reading() -> Counter[Status | None]:
        opened = store_from_url(store)
        await opened.open()
        try:
            return Counter([await opened.status(event_id) for event_id in event_ids])
        finally:
            await opened.close()

    return asyncio.run(reading())


class Workers:
    """Worker processes of one test, each with its log; all killed at the end."""

    def __init__(self, store: str, record: Path, directory: Path) -> None:
        self.store, self.record, self.directory = store, record, directory
        self.processes: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(
        self, *options: str, delay: float = 0.0, lease: float = 30.0, grace: float = 25.0
    ) -> subprocess.Popen[bytes]:
        log = self.directory / f"worker-{len(self.processes)}.log"
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            WORKER_STORE=self.store,
            WORKER_RECORD=str(self.record),
            WORKER_DELAY=str(delay),
            WORKER_LEASE=str(lease),
        )
        with log.open("wb") as stderr:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pexip_engage_cli",
                    "webhooks",
                    "worker",
                    RECEIVER,
                    "--grace",
                    str(grace),
                    *options,
                ],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        self.processes.append((process, log))
        wait_for(lambda: "webhook worker started" in log.read_text() or process.poll() is not None, 30)
        assert process.poll() is None, log.read_text()
        return process

    def log(self, process: subprocess.Popen[bytes]) -> str:
        return next(log for started, log in self.processes if started is process).read_text()

    def stop_all(self) -> None:
        for process, _ in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait()


@pytest.fixture
def workers(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Workers]:
    kind = request.node.callspec.params["kind"]
    started = Workers(store_url(kind, tmp_path, request), tmp_path / "runs.txt", tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.02)


def runs(record: Path, kind: str = "end") -> list[list[str]]:
    """The record's lines of one kind, in the order they were written: event, appointment, updatedAt, pid, stale."""
    lines = record.read_text().splitlines() if record.exists() else []
    return [line.split()[1:] for line in lines if line.startswith(f"{kind} ")]


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_two_workers_share_the_events_each_once_in_order(kind: str, workers: Workers) -> None:
    appointments, changes = 12, 8
    first_batch = [change(a, s) for a in range(appointments) for s in range(changes)]
    random.Random(43).shuffle(first_batch)  # noqa: S311 - an order for a test
    # Stored before any worker runs, shuffled, each twice: the store puts them in order.
    assert store_events(workers.store, first_batch + first_batch) == {202: len(first_batch), 200: len(first_batch)}
    # Two handlers at once each: twelve appointments' events are more than one worker takes at a time.
    one = workers.start("--concurrency", "2", delay=0.01)
    two = workers.start("--concurrency", "2", delay=0.01)
    # Stored while both run: changes of new appointments, in order, as Engage usually sends them.
    second_batch = [change(a, s) for s in range(changes) for a in range(appointments, 2 * appointments)]
    assert store_events(workers.store, second_batch) == {202: len(second_batch)}
    expected = {f"event-{a}-{s}" for a in range(2 * appointments) for s in range(changes)}
    wait_for(lambda: len(runs(workers.record)) >= len(expected), 60)
    for process in (one, two):
        process.send_signal(signal.SIGTERM)
    assert [one.wait(timeout=30), two.wait(timeout=30)] == [0, 0]
    handled = runs(workers.record)
    assert Counter(run[0] for run in handled) == Counter(dict.fromkeys(expected, 1))
    assert [run for run in handled if run[4] != "0"] == []  # none stale
    by_appointment: dict[str, list[str]] = {}
    for _, appointment, updated, _, _ in handled:
        by_appointment.setdefault(appointment, []).append(updated)
    assert all(times == sorted(times) for times in by_appointment.values())
    assert {run[3] for run in handled} == {str(one.pid), str(two.pid)}  # both took part
    # An appointment's events were never in two handlers at once, across the two processes.
    open_by_appointment: Counter[str] = Counter()
    for line in workers.record.read_text().splitlines():
        what, _, appointment, *_ = line.split()
        open_by_appointment[appointment] += 1 if what == "start" else -1
        assert open_by_appointment[appointment] in (0, 1)
    assert statuses(workers.store, sorted(expected)) == {"handled": len(expected)}
    for process in (one, two):
        log = workers.log(process)
        assert "webhook worker stopped" in log
        assert SECRET not in log


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_sigterm_lets_the_handler_in_flight_finish_and_settle_then_exits_0(kind: str, workers: Workers) -> None:
    worker = workers.start(delay=1.5)
    assert store_events(workers.store, [change(0, 0)]) == {202: 1}
    wait_for(lambda: len(runs(workers.record, "start")) == 1, 20)
    worker.send_signal(signal.SIGTERM)
    wait_for(lambda: "webhook worker stopping" in workers.log(worker), 10)
    # Stored once the worker is stopping: it claims nothing more.
    assert store_events(workers.store, [change(1, 0)]) == {202: 1}
    assert worker.wait(timeout=20) == 0
    assert [run[0] for run in runs(workers.record)] == ["event-0-0"]  # finished, after the signal
    assert statuses(workers.store, ["event-0-0", "event-1-0"]) == {"handled": 1, "pending": 1}
    log = workers.log(worker)
    assert "SIGTERM; no more events are claimed" in log
    assert "waiting up to 25 s" in log
    assert "webhook worker stopped" in log


@pytest.mark.parametrize("kind", ["sqlite"])
def test_sigterm_after_the_grace_leaves_the_event_leased_for_the_next_worker(kind: str, workers: Workers) -> None:
    worker = workers.start(delay=30, lease=1.0, grace=0.3)
    assert store_events(workers.store, [change(0, 0)]) == {202: 1}
    wait_for(lambda: len(runs(workers.record, "start")) == 1, 20)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=20) == 0
    assert "handlers still running after 0.3 s are cancelled" in workers.log(worker)
    assert statuses(workers.store, ["event-0-0"]) == {"handling": 1}
    workers.start(lease=1.0)
    wait_for(lambda: len(runs(workers.record)) == 1, 20)
    # The handler writes its line before the worker settles the event: the status follows soon after.
    wait_for(lambda: statuses(workers.store, ["event-0-0"]) == {"handled": 1}, 20)


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_sigkill_mid_handler_loses_nothing_another_worker_handles_it_after_the_lease(
    kind: str, workers: Workers
) -> None:
    killed = workers.start(delay=30, lease=1.0)
    bodies = [change(a, 0) for a in range(3)]
    assert store_events(workers.store, bodies) == {202: 3}
    wait_for(lambda: len(runs(workers.record, "start")) == 3, 20)
    survivor = workers.start(lease=1.0)
    time.sleep(1.5)  # longer than the lease: the first worker renews its claims while it lives
    assert {run[3] for run in runs(workers.record, "start")} == {str(killed.pid)}
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(timeout=10) == -signal.SIGKILL
    ids = [f"event-{a}-0" for a in range(3)]
    wait_for(lambda: len(runs(workers.record)) == 3, 20)  # once the dead worker's leases ran out
    assert sorted(run[0] for run in runs(workers.record)) == ids
    assert {run[3] for run in runs(workers.record)} == {str(survivor.pid)}
    # The handler writes its line before the worker settles the event: the status follows soon after.
    wait_for(lambda: statuses(workers.store, ids) == {"handled": 3}, 20)
    assert len(runs(workers.record)) == 3  # settled by the survivor's own claims, none handled twice


@pytest.mark.parametrize("kind", ["sqlite"])
def test_sigint_stops_as_sigterm_does(kind: str, workers: Workers) -> None:
    worker = workers.start(delay=1.0)
    assert store_events(workers.store, [change(0, 0)]) == {202: 1}
    wait_for(lambda: len(runs(workers.record, "start")) == 1, 20)
    worker.send_signal(signal.SIGINT)
    assert worker.wait(timeout=20) == 0
    assert [run[0] for run in runs(workers.record)] == ["event-0-0"]
    assert statuses(workers.store, ["event-0-0"]) == {"handled": 1}
    assert "SIGINT; no more events are claimed" in workers.log(worker)


@pytest.mark.parametrize("kind", ["sqlite"])
def test_a_second_signal_ends_the_grace_at_once(kind: str, workers: Workers) -> None:
    worker = workers.start(delay=30, lease=1.0)
    assert store_events(workers.store, [change(0, 0)]) == {202: 1}
    wait_for(lambda: len(runs(workers.record, "start")) == 1, 20)
    worker.send_signal(signal.SIGTERM)
    wait_for(lambda: "webhook worker stopping" in workers.log(worker), 10)
    signalled = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=20) == 0
    assert time.monotonic() - signalled < 10  # not the 25 s grace, nor the 30 s handler
    assert "SIGTERM again; not waiting for the handlers running" in workers.log(worker)
    assert runs(workers.record) == []
    assert statuses(workers.store, ["event-0-0"]) == {"handling": 1}  # back once its lease runs out


@pytest.mark.parametrize("kind", ["sqlite"])
def test_concurrency_bounds_the_handlers_running_at_once(kind: str, workers: Workers) -> None:
    worker = workers.start("--concurrency", "2", delay=0.3)
    assert store_events(workers.store, [change(a, 0) for a in range(6)]) == {202: 6}
    wait_for(lambda: len(runs(workers.record)) == 6, 20)
    running, most = 0, 0
    for line in workers.record.read_text().splitlines():
        running += 1 if line.startswith("start ") else -1
        most = max(most, running)
    assert most == 2
    assert "up to 2 handlers at once" in workers.log(worker)


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_the_wsgi_face_stores_and_workers_handle_each_event_a_sigkill_loses_none(kind: str, workers: Workers) -> None:
    """200 events delivered twice to `wsgi_app()` under gunicorn; the worker handling them is
    killed once midway, and the one started after it handles the rest and what the first held."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), WORKER_STORE=workers.store, WORKER_RECORD=os.devnull)
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-k",
            "gthread",
            "--threads",
            "4",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "tests.support.worker_receiver:wsgi",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, web, "gunicorn")
        first = workers.start(delay=0.02, lease=1.0)
        bodies = [change(a, s) for s in range(4) for a in range(50)]
        answers: Counter[int] = Counter()
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for body in bodies + bodies:
                response = client.post("/", params={"key": SECRET}, content=body, headers=JSON)
                answers[response.status_code] += 1
                if len(runs(workers.record)) >= 40 and first.poll() is None:
                    first.send_signal(signal.SIGKILL)  # midway, handlers in flight
                    first.wait()
                    workers.start(lease=1.0)
        assert answers == {202: 200, 200: 200}
        expected = {f"event-{a}-{s}" for a in range(50) for s in range(4)}
        wait_for(lambda: {run[0] for run in runs(workers.record)} == expected, 60)
        wait_for(lambda: statuses(workers.store, sorted(expected)) == {"handled": 200}, 20)
    finally:
        web.terminate()
        web.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL
    handled = runs(workers.record)
    twice = [event for event, count in Counter(run[0] for run in handled).items() if count > 1]
    assert len(twice) <= 16  # at most what the killed worker had in its handlers: at least once
    assert [run for run in handled if run[4] != "0"] == []  # none stale
    first_end: dict[str, list[str]] = {}
    seen: set[str] = set()
    for event, appointment, updated, _, _ in handled:
        if event not in seen:
            seen.add(event)
            first_end.setdefault(appointment, []).append(updated)
    assert all(times == sorted(times) for times in first_end.values())


def test_the_worker_command_catches_up_on_its_schedule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`webhooks worker --reconcile-every`: the changes lost while the receiver answered 503 reach the
    worker's handlers without an operator, read with the connection settings of every command."""
    fake = FakePexipEngage()
    ids = outage.seed(fake, 10)
    latest = asyncio.run(outage.lost_while_down(fake, ids, times=1))
    store = f"sqlite:///{tmp_path}/events.db"
    record = tmp_path / "runs.txt"
    now = datetime.now(UTC)
    start, end = int((outage.START - now).total_seconds()) - 3600, int((outage.END - now).total_seconds())
    workers = Workers(store, record, tmp_path)
    with fake.serve() as base_url:
        monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "test-token")  # the worker process's credentials
        workers.start(
            "--reconcile-every",
            "1h",
            f"--reconcile-from={start}s",
            f"--reconcile-to={end}s",
            "--enterprise",
            "acme",
            "--base-url",
            base_url,
        )
        log = workers.directory / "worker-0.log"
        try:
            wait_for(lambda: len(runs(record)) >= len(ids), 30)
            # The handlers run as the reconcile hands each change over, so the last may end before the
            # reconcile logs its count: wait for the line rather than kill the worker before it is written.
            wait_for(lambda: "changes handed over" in log.read_text(), 10)
        finally:
            workers.stop_all()
    handled = {appointment: datetime.fromisoformat(at) for _, appointment, at, _, _ in runs(record)}
    assert handled == latest
    assert "10 changes handed over" in log.read_text()
