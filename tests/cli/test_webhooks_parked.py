"""`pexip-engage webhooks failed` and `webhooks replay`: on-call work on parked events, no script needed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.cli import Cli

SECRET = "parked-events-key"


def _park(url: str, events: dict[str, str]) -> None:
    """Store each (event id, event type) and fail its handler once, which parks it."""

    async def park() -> None:
        receiver = WebhookReceiver(url, secret=SECRET, poll_interval=0.02, max_attempts=1)

        @receiver.on(AppointmentWebhookEvent)
        def broken(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            raise TimeoutError(f"the CRM did not answer for {event.id}")

        async with receiver:
            for number, (event_id, event_type) in enumerate(events.items()):
                appointment = {"id": f"appointment-{number}", "updatedAt": "2026-01-01T10:00:00.000Z"}
                await receiver.receive(appointment_event(appointment, event_type, event_id=event_id), key=SECRET)
            async with asyncio.timeout(10):
                while len(await receiver.failed()) < len(events):  # noqa: ASYNC110 - the store is watched
                    await asyncio.sleep(0.01)

    asyncio.run(park())


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/events.db"
    _park(url, {"e1": "ACCEPT", "e2": "CANCEL", "e3": "ACCEPT"})
    return url


@pytest.mark.usefixtures("clean_environment")
def test_failed_lists_the_parked_events_as_json_and_filters_them(cli: Cli, store: str) -> None:
    run = cli("webhooks", "failed", "--store", store, "-o", "json")
    assert run.code == 0, run.err
    rows = json.loads(run.out)
    assert [row["id"] for row in rows] == ["e1", "e2", "e3"]
    assert rows[0]["error"] == "TimeoutError: the CRM did not answer for e1"
    assert (rows[0]["attempts"], rows[0]["eventType"], rows[0]["subject"]) == (1, "ACCEPT", "appointment-0")
    assert rows[0]["event"]["id"] == "e1"  # the whole event, in JSON
    assert rows[0]["failedAt"].endswith("Z")
    accepted = json.loads(cli("webhooks", "failed", "--store", store, "-o", "json", "--event-type", "ACCEPT").out)
    assert [row["id"] for row in accepted] == ["e1", "e3"]
    about_e2 = json.loads(cli("webhooks", "failed", "--store", store, "-o", "json", "--error", "for e2").out)
    assert [row["id"] for row in about_e2] == ["e2"]
    assert len(json.loads(cli("webhooks", "failed", "--store", store, "-o", "json", "--limit", "1").out)) == 1


@pytest.mark.usefixtures("clean_environment")
def test_failed_as_a_table_shows_what_tells_them_apart(cli: Cli, store: str) -> None:
    run = cli("webhooks", "failed", "--store", store, "-o", "table")
    header = run.out.splitlines()[0].split()
    assert header == ["id", "failedAt", "attempts", "eventType", "subject", "error"]


@pytest.mark.usefixtures("clean_environment")
def test_replay_by_id_and_all_failed(cli: Cli, store: str) -> None:
    run = cli("webhooks", "replay", "--store", store, "e2")
    assert (run.code, run.out) == (0, "replayed e2\n")
    left = json.loads(cli("webhooks", "failed", "--store", store, "-o", "json").out)
    assert [row["id"] for row in left] == ["e1", "e3"]
    missing = cli("webhooks", "replay", "--store", store, "e2", "e9")
    assert missing.code == 1
    assert missing.out == "not parked: e2\nnot parked: e9\n"
    assert "2 of 2 events were not parked" in missing.err
    every = cli("webhooks", "replay", "--store", store, "--all-failed")
    assert (every.code, every.out) == (0, "replayed e1\nreplayed e3\n")
    assert json.loads(cli("webhooks", "failed", "--store", store, "-o", "json").out) == []


@pytest.mark.usefixtures("clean_environment")
def test_the_store_can_be_named_through_the_apps_receiver(cli: Cli, store: str, tmp_path: Path) -> None:
    (tmp_path / "myhooks.py").write_text(
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        f"receiver = WebhookReceiver({store!r}, secret='x')\n",
        encoding="utf-8",
    )
    run = cli("webhooks", "failed", "--receiver", "myhooks:receiver", "--app-dir", str(tmp_path), "-o", "jsonl")
    assert run.code == 0, run.err
    assert [json.loads(line)["id"] for line in run.out.splitlines()] == ["e1", "e2", "e3"]


@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["webhooks", "failed"], "one of the arguments --store --receiver is required"),
        (["webhooks", "replay", "--store", "memory://"], "name the events to replay (ID ...) or give --all-failed"),
        (["webhooks", "replay", "--store", "memory://", "e1", "--all-failed"], "not both"),
        (["webhooks", "failed", "--store", "ftp://x"], "--store: "),
    ],
)
def test_usage_errors(cli: Cli, argv: list[str], error: str) -> None:
    run = cli(*argv)
    assert run.code == 2
    assert error in run.err


@pytest.mark.usefixtures("clean_environment")
def test_a_store_that_does_not_answer_fails_without_printing_its_password(cli: Cli) -> None:
    run = cli("webhooks", "failed", "--store", "redis://:hunter2-secret@127.0.0.1:1/0", "--timeout", "5")
    assert run.code == 1
    assert "reading the store failed" in run.err
    assert "hunter2" not in run.err + run.out
