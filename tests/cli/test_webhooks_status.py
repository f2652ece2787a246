"""`pexip-engage webhooks status`: what a store holds and kept of failures, as an operator reads it after the fact:
deliveries refused to `webhooks listen` (a wrong secret in Engage), parked events and the last handler failure."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.cli import Cli
from ..support.loopback import free_port, wait_until_listening
from ..support.spec import ROOT

SECRET = "status-secret-never-printed"


def _fail_one_and_refuse_two(url: str) -> None:
    async def work() -> None:
        receiver = WebhookReceiver(url, secret=SECRET, poll_interval=0.02, max_attempts=1)

        @receiver.on(AppointmentWebhookEvent)
        def broken(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            raise TimeoutError(f"the CRM did not answer ({SECRET})")

        async with receiver:
            appointment = {"id": "appointment-1", "updatedAt": "2026-01-01T10:00:00.000Z"}
            await receiver.receive(appointment_event(appointment, "ACCEPT", event_id="e1"), key=SECRET)
            await receiver.receive(appointment_event(appointment, "CANCEL", event_id="e2"), key="wrong")
            await receiver.receive(b"not json", key=SECRET, content_type="text/plain")
            async with asyncio.timeout(10):
                while not await receiver.failed():  # noqa: ASYNC110 - the store is watched
                    await asyncio.sleep(0.01)

    asyncio.run(work())


@pytest.mark.usefixtures("clean_environment")
def test_status_counts_what_waits_what_is_parked_and_the_refusals(cli: Cli, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path}/events.db"
    _fail_one_and_refuse_two(store)
    run = cli("webhooks", "status", "--store", store, "-o", "json")
    assert run.code == 0, run.err
    status = json.loads(run.out)
    assert (status["waiting"], status["failed"], status["refusedDeliveries"]) == (0, 1, 2)
    assert status["lastRefusal"] == "not application/json"  # the last refusal, by its cause
    assert status["lastError"] == "TimeoutError"
    assert status["lastRefusedAt"].endswith("Z")
    assert status["lastErrorAt"].endswith("Z")
    assert SECRET not in run.out + run.err
    table = cli("webhooks", "status", "--store", store)
    assert table.code == 0
    assert "refusedDeliveries" in table.out


@pytest.mark.usefixtures("clean_environment")
def test_status_of_a_store_that_is_not_there_is_refused(cli: Cli, tmp_path: Path) -> None:
    run = cli("webhooks", "status", "--store", f"sqlite:///{tmp_path}/typo.db")
    assert run.code != 0
    assert "no SQLite store at" in run.err
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.slow
@pytest.mark.end_to_end
@pytest.mark.main_python_only
def test_listen_keeps_a_wrong_secret_in_its_store_for_status_to_show(
    clean_environment: Path, cli: Cli, tmp_path: Path
) -> None:
    store = f"sqlite:///{tmp_path}/events.db"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
    listener = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port), "--store", store],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        wait_until_listening(port, listener, "the listener")
        refused = cli("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key=status-wrong-s3cr3t")
        assert refused.code == 1
    finally:
        listener.send_signal(signal.SIGINT)
        out, err = listener.communicate(timeout=20)
    run = cli("webhooks", "status", "--store", store, "-o", "json")  # after the listener stopped: kept
    assert run.code == 0, run.err
    status = json.loads(run.out)
    assert status["refusedDeliveries"] >= 1
    assert status["lastRefusal"] == "wrong or missing key"
    for secret in (SECRET, "status-wrong-s3cr3t"):
        assert secret not in out + err + run.out + run.err
