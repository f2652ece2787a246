"""`pexip-engage webhooks failed` and `webhooks replay`: on-call work on parked events, no script needed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.cli import Cli
from ..support.open_files import READS_FILE_DESCRIPTORS, open_files

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
    assert run.code == 4  # cannot be reached (docs/cli.md, "Exit codes")
    assert "reading the store failed" in run.err
    assert "hunter2" not in run.err + run.out


@pytest.mark.usefixtures("clean_environment")
def test_output_and_columns_apply_given_before_the_command_or_after_it(cli: Cli, store: str) -> None:
    before = cli("-o", "table", "--columns", "id,error", "webhooks", "failed", "--store", store)
    assert before.code == 0, before.err
    assert before.out.splitlines()[0].split() == ["id", "error"]
    after = cli("webhooks", "failed", "--store", store, "-o", "table", "--columns", "eventType,id")
    assert after.out.splitlines()[0].split() == ["eventType", "id"]
    assert after.out.splitlines()[2].split() == ["ACCEPT", "e1"]
    mistyped = cli("webhooks", "failed", "--store", store, "-o", "table", "--columns", "id,eror")
    assert (mistyped.code, "did you mean 'error'?" in mistyped.err) == (2, True)


@pytest.mark.usefixtures("clean_environment")
def test_filters_apply_to_every_parked_event_before_the_limit_and_ignore_case(cli: Cli, store: str) -> None:
    # e1 is the oldest: a limit applied before the filter would read only e1 and show nothing.
    cancelled = cli("webhooks", "failed", "--store", store, "-o", "json", "--event-type", "cancel", "--limit", "1")
    assert [row["id"] for row in json.loads(cancelled.out)] == ["e2"]
    timed_out = cli("webhooks", "failed", "--store", store, "-o", "json", "--error", "crm DID", "--limit", "2")
    assert [row["id"] for row in json.loads(timed_out.out)] == ["e1", "e2"]


@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize("command", [["failed"], ["replay", "--all-failed"]])
def test_a_store_no_receiver_can_have_written_is_refused_not_read_as_empty(
    cli: Cli, tmp_path: Path, command: list[str]
) -> None:
    mistyped = tmp_path / "evnets.db"
    run = cli("webhooks", *command, "--store", f"sqlite:///{mistyped}")
    assert run.code == 2
    assert f"--store: no SQLite store at {mistyped}" in run.err
    assert not mistyped.exists()  # nor created by looking
    memory = cli("webhooks", *command, "--store", "memory://")
    assert memory.code == 2
    assert "memory:// store lives only in the process that made it" in memory.err


@pytest.mark.end_to_end  # a redis-server of its own
@pytest.mark.usefixtures("clean_environment")
def test_a_redis_store_is_listed_and_replayed_as_a_sqlite_one(
    cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from ..support.redis_server import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        store = f"{url}?prefix=parked-cli"
        _park(store, {"e1": "ACCEPT", "e2": "CANCEL"})
        listed = cli("webhooks", "failed", "--store", store, "-o", "jsonl", "--event-type", "CANCEL")
        assert [json.loads(line)["id"] for line in listed.out.splitlines()] == ["e2"], listed.err
        replayed = cli("webhooks", "replay", "--store", store, "--all-failed")
        assert (replayed.code, replayed.out) == (0, "replayed e1\nreplayed e2\n")
        assert json.loads(cli("webhooks", "failed", "--store", store, "-o", "json").out) == []


@READS_FILE_DESCRIPTORS
@pytest.mark.usefixtures("clean_environment")
def test_the_commands_close_the_store_they_open_in_process(cli: Cli, store: str, tmp_path: Path) -> None:
    database = tmp_path / "events.db"
    assert open_files(database) == []
    (tmp_path / "myhooks.py").write_text(
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        f"receiver = WebhookReceiver({store!r}, secret='x')\n",
        encoding="utf-8",
    )
    for argv in [
        ("webhooks", "status", "--store", store),
        ("webhooks", "failed", "--store", store),
        ("webhooks", "failed", "--receiver", "myhooks:receiver", "--app-dir", str(tmp_path)),
        ("webhooks", "status", "--receiver", "myhooks:receiver", "--app-dir", str(tmp_path)),
        ("webhooks", "replay", "--store", store, "e1"),
    ]:
        run = cli(*argv)
        assert run.code == 0, (argv, run.err)
        assert open_files(database) == [], argv
