"""The test kit: the webhook sender from sync tests, seed times relative to now, and the pytest plugin's fixtures."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakeClock, FakePexipEngage, WebhookSender, appointment_event
from pexip_engage_client.testing._relative_times import relative_time
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.spec import ROOT

SECRET = "kit-key-s3cr3t"
PLUGIN = "pexip_engage_client.testing.pytest_plugin"
# A Thursday, three days before the clocks go forward in Brussels (29 March 2026, 02:00 -> 03:00).
NOW = datetime(2026, 3, 26, 10, 17, 5, 123456, tzinfo=UTC)


# --- The webhook sender from sync code --------------------------------------------------------------


def test_a_sync_test_sends_and_waits_and_the_receiver_handles() -> None:
    """From code without an event loop (a Starlette TestClient's test, a Django test): no `RuntimeError`."""
    receiver = WebhookReceiver("memory://", secret=SECRET)
    heard: list[str] = []

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        heard.append(str(event.data.event_type))

    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(receiver.asgi_app(), key=SECRET, time_scale=0.01)
    appointment = fake.add_appointment(status="INCOMING_REQUEST")
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        engage.appointments.accept_appointment(appointment["id"])
    sender.send(appointment_event(fake.appointments[appointment["id"]], "GENERIC_UPDATE"))  # sent by the test itself
    sender.wait(timeout=10)
    sender.run(receiver.join(), timeout=10)
    assert sorted(heard) == ["ACCEPT", "GENERIC_UPDATE"]
    assert [attempt.status for attempt in sender.attempts] == [202, 202]
    assert sender.pending == 0
    sender.run(receiver.stop())
    sender.close()


def _fake_loop_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "FakePexipEngage"}


def test_a_fake_dropped_ends_its_loop_thread_but_not_while_its_webhook_sender_is_held() -> None:
    """A suite that makes a fake per sync test keeps no thread (nor its loop's sockets) per test; the
    sender a test kept still delivers on the loop it shares with the dropped fake."""
    receiver = WebhookReceiver("memory://", secret=SECRET)
    before = _fake_loop_threads()
    fake = FakePexipEngage()
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        engage.employees.get_employees()
    [thread] = _fake_loop_threads() - before
    sender = fake.deliver_webhooks(receiver.asgi_app(), key=SECRET, time_scale=0.01)
    del fake, engage
    gc.collect()
    sender.send(appointment_event({"id": "a-1"}, "CREATE"))  # on the dropped fake's loop: still running
    sender.wait(timeout=10)
    assert [attempt.status for attempt in sender.attempts] == [202]
    sender.run(receiver.stop(), timeout=10)
    assert thread.is_alive()
    del sender
    gc.collect()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_a_sender_of_its_own_delivers_from_sync_code_on_a_thread_of_its_own() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    sender = WebhookSender(receiver.asgi_app(), key=SECRET, time_scale=0.01)
    sender.send(appointment_event({"id": "a-1"}, "CREATE"))
    sender.wait(timeout=10)
    assert [attempt.status for attempt in sender.attempts] == [202]
    sender.run(receiver.stop())
    sender.close()


async def test_waiting_inside_the_loop_that_delivers_says_to_await_drain() -> None:
    """Where blocking truly cannot work (it would stop the deliveries it waits for), the error says what to call."""
    receiver = WebhookReceiver("memory://", secret=SECRET)
    sender = WebhookSender(receiver.asgi_app(), key=SECRET, time_scale=0.01)
    sender.send(appointment_event({"id": "a-1"}, "CREATE"))
    with pytest.raises(RuntimeError, match=r"in async code, `await sender.drain\(\)`"):
        sender.wait(timeout=1)
    with pytest.raises(RuntimeError, match=r"`await sender.aclose\(\)`"):
        sender.close()
    await sender.drain()
    assert [attempt.status for attempt in sender.attempts] == [202]
    await sender.aclose()
    await receiver.stop()


# --- Seed times relative to now ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "2026-03-26T10:17:05.123Z"),
        ("+1h", "2026-03-26T11:17:05.123Z"),
        ("-30m", "2026-03-26T09:47:05.123Z"),
        ("+1d2h", "2026-03-27T12:17:05.123Z"),
        ("now+1w-1d", "2026-04-01T10:17:05.123Z"),
        ("+7d 09:00 Europe/Brussels", "2026-04-02T07:00:00.000Z"),  # after the change: UTC+2
        ("+2d 09:00 Europe/Brussels", "2026-03-28T08:00:00.000Z"),  # before it: UTC+1
        ("+7d Europe/Brussels", "2026-04-02T09:17:05.123Z"),  # 11:17 on the wall clock, a week on
        ("+3d 02:30 Europe/Brussels", "2026-03-29T01:30:00.000Z"),  # skipped: read the gap's hour later, 03:30
        ("today 09:00 America/New_York", "2026-03-26T13:00:00.000Z"),
        ("+1d 09:00", "2026-03-27T09:00:00.000Z"),  # UTC unless a zone is named
        ("today", "2026-03-26"),  # a date, for a date field
        ("today+7d Europe/Brussels", "2026-04-02"),
        ("Ada", None),
        ("09:00", None),
        ("+32 470 12 34 56", None),
        ("2030-01-07T09:00:00Z", None),
    ],
)
def test_relative_times_name_the_time_from_now(text: str, expected: str | None) -> None:
    assert relative_time(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+1d2h 09:00", "a time of day takes a shift in days or weeks only"),
        ("+1d 09:00 Mars/Base", "'Mars/Base' is not an IANA time zone"),
    ],
)
def test_a_relative_time_that_names_no_time_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        relative_time(text, NOW)


def test_seed_records_and_files_take_relative_times_on_the_fakes_clock(tmp_path: Path) -> None:
    fake = FakePexipEngage(clock=FakeClock(NOW))
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        textwrap.dedent(
            """\
            appointments:
              - {id: a-1, start: "+7d 09:00 Europe/Brussels", end: "+7d 10:00 Europe/Brussels"}
            listings: [{id: open-day}]
            listing_time_slots:
              - {listing_id: open-day, date: "today+7d Europe/Brussels", startTime: "09:00", endTime: "10:00"}
            """
        ),
        encoding="utf-8",
    )
    fake.seed_file(seed)
    assert (fake.appointments["a-1"]["start"], fake.appointments["a-1"]["end"]) == (
        "2026-04-02T07:00:00.000Z",
        "2026-04-02T08:00:00.000Z",
    )
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        [slot] = engage.listings.get_listing_time_slots("open-day")
    assert slot.date == "2026-04-02"


def test_a_bad_relative_time_in_a_seed_names_the_file_the_record_and_the_problem(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"appointments": [{"start": "+1d 09:00 Mars/Base"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"seed.json: appointments\[0\]: zone: 'Mars/Base' is not an IANA"):
        FakePexipEngage().seed_file(seed)


# --- The pytest plugin ------------------------------------------------------------------------------

_USING_THE_FIXTURES = """
import httpx2
from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage, FakeWebhooks
from pexip_engage_client.webhooks import AppointmentWebhookEvent


def test_sync(engage_fake: FakePexipEngage, engage_sync_client: SyncPexipEngage, engage_webhooks: FakeWebhooks) -> None:
    heard = []
    engage_webhooks.receiver.on(AppointmentWebhookEvent)(_noting(heard))
    appointment = engage_fake.add_appointment(status="INCOMING_REQUEST")
    engage_sync_client.appointments.accept_appointment(appointment["id"])
    engage_webhooks.wait()
    assert heard == [("ACCEPT", appointment["id"])]


async def test_async(engage_fake: FakePexipEngage, engage_client: PexipEngage, engage_webhooks: FakeWebhooks) -> None:
    heard = []
    engage_webhooks.receiver.on(AppointmentWebhookEvent)(_noting(heard))
    engage_fake.seed({"appointments": [{"id": "a-1", "status": "INCOMING_REQUEST", "start": "+1d 09:00 Europe/Brussels",
                                        "end": "+1d 10:00 Europe/Brussels"}]})
    await engage_client.appointments.accept_appointment("a-1")
    await engage_webhooks.drain()
    assert heard == [("ACCEPT", "a-1")]


def test_served(engage_fake: FakePexipEngage, engage_fake_url: str) -> None:
    employee = engage_fake.add_employee(first_name="Ada")
    answer = httpx2.get(f"{engage_fake_url}/enterprises/acme/employees/{employee['id']}",
                        headers={"Authorization": "Bearer t"})
    assert answer.json()["data"]["firstName"] == "Ada"


def _noting(heard):
    async def note(event, delivery) -> None:
        heard.append((str(event.data.event_type), event.data.appointment.id))
    return note
"""


@pytest.mark.slow
def test_the_plugins_fixtures_serve_sync_async_and_served_tests(tmp_path: Path) -> None:
    """As a user's project runs them: a test file of its own, pytest with the plugin and pytest-asyncio in auto mode."""
    (tmp_path / "test_mine.py").write_text(_USING_THE_FIXTURES, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n", encoding="utf-8"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("PEXIP_ENGAGE_")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            PLUGIN,
            "-W",
            "error",
            str(tmp_path / "test_mine.py"),
        ],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout, done.stdout


def test_the_plugin_is_loaded_only_when_asked_for() -> None:
    """No pytest11 entry point: one would make pytest rewrite the asserts of every module of the
    distribution (the whole client) in every test session of a project that installs the extra,
    changing their globals (`@py_builtins`). A project asks for it in its conftest.py (`pytest_plugins`)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "pytest11" not in project.get("entry-points", {})
    example = (ROOT / "examples" / "test_with_the_fixtures.py").read_text(encoding="utf-8")
    assert f'pytest_plugins = ["{PLUGIN}"]' in example


def test_fake_serve_seeds_relative_times_from_its_seed_file(tmp_path: Path) -> None:
    """`pexip-engage fake serve --seed FILE` (`python -m pexip_engage_client.testing`) reads them as seed_file does."""
    import argparse

    from pexip_engage_client.testing import __main__ as served

    seed = tmp_path / "seed.yaml"
    seed.write_text('appointments: [{id: a-1, start: "+1d 09:00 UTC", end: "+1d 10:00 UTC"}]\n', encoding="utf-8")
    parser = argparse.ArgumentParser()
    served.configure(parser)
    fake = served._seeded_fake(parser.parse_args(["--seed", str(seed)]), parser)
    tomorrow = fake.clock.now().date().toordinal() + 1
    start = datetime.fromisoformat(fake.appointments["a-1"]["start"])
    assert (start.date().toordinal(), start.hour, start.minute) == (tomorrow, 9, 0)
