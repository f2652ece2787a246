"""Reconcile after an outage, from 3 processes at once sharing the store (issue 69), on a SQLite
file, a real redis-server and a real PostgreSQL.

The fake API delivers to a receiver that answers 503 while 100 appointments change, until
Engage's three attempts of every event are spent (the schedule shrunk by `time_scale`). Before
the outage 20 of them had a change delivered and handled. Then 3 processes, each with the
receiver's handlers running, reconcile the same window at once: every latest change reaches a
handler exactly once, after the change delivered before (in order per appointment), the counts of
the three add up, and a late delivery of a reconciled change is a duplicate (through the WSGI
face's blocking insert too).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, WebhookSender, appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.loopback import unavailable
from ..support.receiver_process import ROOT
from ..support.stores import store_url
from ..support.worker_receiver import SECRET
from .test_reconcile import END, START, change, lost_while_down, seed

# Starts processes, redis-server and PostgreSQL: left out of `make check`.
pytestmark = [pytest.mark.end_to_end, pytest.mark.slow, pytest.mark.main_python_only]

APPOINTMENTS = 100
DELIVERED_FIRST = 20
PROCESSES = 3


def runs(record: Path) -> list[list[str]]:
    """The handlers' `end` lines, in the order written: event, appointment, updatedAt, pid, stale."""
    return [line.split()[1:] for line in record.read_text().splitlines() if line.startswith("end ")]


async def deliver_then_lose(fake: FakePexipEngage, ids: list[str], store: str, record: Path) -> dict[str, datetime]:
    """A change of the first 20 delivered and handled; then 100 changes lost to a receiver answering 503."""
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        at = event.data.appointment.updated_at
        assert isinstance(at, datetime)
        with record.open("a") as lines:  # the line worker_receiver.py writes
            lines.write(f"end {event.id} {event.data.appointment.id} {at.isoformat()} {os.getpid()} 0\n")

    async with receiver:
        # 300 ms to answer, ample for a durable insert
        sender = fake.deliver_webhooks(receiver.asgi_app(), key=SECRET, time_scale=0.1)
        await change(fake, ids[:DELIVERED_FIRST], times=1)
        await sender.drain()
        assert len(sender.delivered) == DELIVERED_FIRST
        async with asyncio.timeout(30):
            await receiver.join()
        await sender.aclose()
    down = WebhookSender(unavailable, key=SECRET, time_scale=0.001)
    fake.webhooks = down
    latest = await change(fake, ids, times=2)
    await down.drain()
    assert len(down.lost) == 2 * APPOINTMENTS
    assert Counter(attempt.attempt for attempt in down.attempts) == {1: 200, 2: 200, 3: 200}
    await down.aclose()
    fake.webhooks = None
    return latest


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_three_processes_reconciling_at_once_hand_every_latest_change_over_once_in_order(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store = store_url(kind, tmp_path, request)
    record = tmp_path / "runs.txt"
    fake = FakePexipEngage()
    ids = seed(fake, APPOINTMENTS)
    latest = asyncio.run(deliver_then_lose(fake, ids, store, record))
    delivered_before = runs(record)
    assert len(delivered_before) == DELIVERED_FIRST

    go = tmp_path / "go"
    with fake.serve() as base_url:
        env = dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            WORKER_STORE=store,
            WORKER_RECORD=str(record),
            FAKE_URL=base_url,
            WINDOW=f"{START.isoformat()} {END.isoformat()}",
            GO_FILE=str(go),
        )
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.support.reconcile_process"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(PROCESSES)
        ]
        try:
            for process in processes:  # each one's receiver started, its client made
                assert process.stdout is not None
                assert process.stdout.readline().strip() == "ready", process.stderr
            go.touch()
            outputs = [process.communicate(timeout=120) for process in processes]
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    results = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert [result["appointments"] for result in results] == [APPOINTMENTS] * PROCESSES
    assert sum(result["handed_over"] for result in results) == APPOINTMENTS
    assert sum(result["already_seen"] for result in results) == (PROCESSES - 1) * APPOINTMENTS

    reconciled = runs(record)[DELIVERED_FIRST:]
    assert len(reconciled) == APPOINTMENTS  # exactly once each
    assert all(event.startswith("reconciled:") for event, *_ in reconciled)
    handed = {appointment: datetime.fromisoformat(at) for _, appointment, at, _, _ in reconciled}
    assert handed == latest  # the latest change of each
    assert {stale for *_, stale in reconciled} == {"0"}
    # In order per appointment: the change delivered before the outage came first, and was older.
    before = {appointment: datetime.fromisoformat(at) for _, appointment, at, _, _ in delivered_before}
    assert all(before[appointment] < latest[appointment] for appointment in before)
    assert len({pid for *_, pid, _ in reconciled}) >= 1

    # Engage's late delivery of a reconciled change is a duplicate: no handler runs again.
    async def late() -> int:
        receiver = WebhookReceiver(store, secret=SECRET)
        async with receiver, PexipEngage("acme", token="t", transport=fake) as engage:
            appointment = (await engage.appointments.get_appointment_by_id(ids[-1])).to_dict()
            body = appointment_event(appointment, "GENERIC_UPDATE", event_id="late-delivery")
            return (await receiver.receive(body, key=SECRET)).status

    assert asyncio.run(late()) == 200
    assert len(runs(record)) == DELIVERED_FIRST + APPOINTMENTS


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_the_wsgi_face_takes_a_late_delivery_of_a_reconciled_change_for_a_duplicate(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The blocking insert (WSGI, `receive_sync`) knows a reconciled change's twin as the async one does."""
    store = store_url(kind, tmp_path, request)
    fake = FakePexipEngage()
    ids = seed(fake, 3)
    latest = asyncio.run(lost_while_down(fake, ids, times=1))

    async def reconcile() -> int:
        receiver = WebhookReceiver(store, secret=SECRET)
        async with PexipEngage("acme", token="t", transport=fake) as engage:
            return (await receiver.reconcile(engage, start=START, end=END)).handed_over

    assert asyncio.run(reconcile()) == 3
    receiver = WebhookReceiver(store, secret=SECRET)
    for number, appointment_id in enumerate(ids):
        at = latest[appointment_id].isoformat().replace("+00:00", "Z")
        late = appointment_event({"id": appointment_id, "updatedAt": at}, "GENERIC_UPDATE", event_id=f"late-{number}")
        assert receiver.receive_sync(late, key=SECRET).status == 200
        newer = (latest[appointment_id] + timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
        after = appointment_event(
            {"id": appointment_id, "updatedAt": newer}, "GENERIC_UPDATE", event_id=f"new-{number}"
        )
        assert receiver.receive_sync(after, key=SECRET).status == 202
