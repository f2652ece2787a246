"""1,000 appointment events, each delivered 3 times, shuffled, 16 in flight: exactly 1,000 handler
runs, and each appointment's last handled state is its newest `updatedAt`. One receiver with the
SQLite store; then two receiver processes (uvicorn) sharing one Redis."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.receiver_process import SECRET as PROCESS_SECRET
from ..support.receiver_process import receiver_process
from . import _load

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end

SECRET = "load-key-s3cr3t"


@pytest.mark.slow
async def test_one_receiver_with_sqlite_handles_each_of_1000_events_once_newest_last(tmp_path: Path) -> None:
    # In process (the ASGI app called through httpx2, no sockets): the HTTP side is checked over a
    # real server by the two-process test below and by test_bad_input.
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET, handle_stale=True, poll_interval=0.1)
    runs: list[tuple[str, str, str, bool]] = []

    @receiver.on(AppointmentWebhookEvent)
    async def record(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        runs.append((event.id, event.data.appointment.id, _load.updated_at_of(event), delivery.stale))

    async with receiver:
        transport = httpx2.ASGITransport(app=receiver.asgi_app())
        statuses = await _load.deliver(["http://receiver/hooks"], SECRET, transport=transport)
        async with asyncio.timeout(60):
            await receiver.join()
    assert Counter(statuses) == {202: 1000, 200: 2000}
    _load.check(runs)


def read_runs(record: Path) -> list[tuple[str, str, str, bool]]:
    lines = record.read_text().splitlines() if record.exists() else []
    return [(e, a, u, s == "1") for e, a, u, s in (line.split() for line in lines)]


def wait_for_runs(record: Path, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while len(read_runs(record)) < count and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.main_python_only
def test_two_receiver_processes_on_one_redis_handle_each_event_once(redis_url: str, tmp_path: Path) -> None:
    store = f"{redis_url}?prefix=two-processes"
    record = tmp_path / "runs.txt"
    with receiver_process(store, record) as first, receiver_process(store, record) as second:
        statuses = asyncio.run(_load.deliver([first, second], PROCESS_SECRET))
        wait_for_runs(record, len(_load.events()))
    # Read once both processes have stopped (SIGTERM: the handlers in flight finish first), so
    # that a duplicate handling still under way cannot be missed by reading too early.
    runs = read_runs(record)
    assert Counter(statuses) == {202: 1000, 200: 2000}
    _load.check(runs)
