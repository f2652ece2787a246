"""Failures show: `mirror run` whose first call Engage refuses (credentials, enterprise) exits 1 at once, naming
them, so that a service manager's restart loop shows; `mirror check` of a table no catch-up ever finished on
says so first: its differences are that, not drift."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror, MirrorStatus
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.loopback import free_port
from ..support.mirror import ROOT, SECRET, seed, seed_references


@pytest.mark.end_to_end
def test_check_of_a_table_that_never_caught_up_says_so_before_the_differences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = f"sqlite:///{tmp_path}/mirror.db"

    async def opened_never_caught_up() -> None:  # the tables of a `mirror run` whose every catch-up was refused
        mirror = AppointmentMirror(database, secret=SECRET, catch_up_every=None)
        assert await mirror.forget_cursor("none") is False  # a write: the tables made (a read makes none)
        await mirror.receiver.start(handle=False)  # and the events' file beside them
        await mirror.receiver.stop()
        assert (await mirror.status()).last_catch_up is None
        await mirror.stop()

    asyncio.run(opened_never_caught_up())
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 3, starting=datetime.now(UTC) + timedelta(days=2))
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    with serve(fake) as base_url:
        run = Cli(capsys)("mirror", "check", "--database", database, "--base-url", base_url, "--enterprise", "acme")
    assert run.code == 1
    assert run.err.startswith("the mirror never caught up (no catch-up finished on this table")
    assert "pexip-engage: error: the mirror never caught up" in run.err  # the summary, last, says it again
    assert "3 appointment(s) differ" in run.err


@pytest.mark.end_to_end
@pytest.mark.parametrize("refused", ["enterprise", "token"])
def test_mirror_run_whose_first_call_is_refused_exits_1_at_once_naming_the_enterprise(
    tmp_path: Path, refused: str
) -> None:
    fake = FakePexipEngage()
    if refused == "token":
        fake.fail("getAppointments", status=401, times=100)
    enterprise = "not-acme" if refused == "enterprise" else "acme"
    command = [
        sys.executable,
        "-m",
        "pexip_engage_cli",
        "mirror",
        "run",
        "--database",
        f"sqlite:///{tmp_path}/mirror.db",
        "--port",
        str(free_port()),
        "--enterprise",
        enterprise,
    ]
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_TOKEN": "a-wrong-token-value",
        "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET,
    }
    with serve(fake) as base_url:
        began = time.monotonic()
        ran = subprocess.run(
            [*command, "--base-url", base_url], env=environment, capture_output=True, text=True, timeout=60, check=False
        )
    assert ran.returncode == 1, ran.stderr
    assert time.monotonic() - began < 30  # within that call, not after retries
    assert f"mirror run: Engage refused its first call, for enterprise {enterprise!r}" in ran.stderr
    assert "a-wrong-token-value" not in ran.stderr + ran.stdout


async def test_a_catch_up_that_fails_after_a_good_start_is_kept_and_status_shows_it(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=datetime.now(UTC) + timedelta(days=2))
    fake.fail("getAppointments", status=403, times=2)  # the first catch-up and its retry are refused
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake, max_retries=0) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=0.05)
        async with mirror:
            async with asyncio.timeout(30):
                await mirror.join()  # the catch-up that worked, after the refused ones
        reader = AppointmentMirror(database, secret=SECRET)  # as another process reads it
        status = await reader.status()
        await reader.stop()
    assert status.last_catch_up is not None
    assert status.last_error is not None
    assert status.last_error["what"] == "catching up"
    assert status.last_error["error"].startswith("PermissionDeniedError: ")
    assert status.last_error["inARow"] in (1, 2)
    assert datetime.fromisoformat(status.last_error["at"]) <= status.last_catch_up.finished_at


@pytest.mark.end_to_end
def test_a_database_that_cannot_be_reached_is_named_in_one_line_without_its_password() -> None:
    port = free_port()  # nothing listens there
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "mirror",
            "status",
            "--database",
            f"postgresql://app:pg-s3cr3t@127.0.0.1:{port}/crm?schema=reporting",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 4  # cannot be reached (docs/cli.md, "Exit codes")
    assert ran.stderr.count("\n") == 1, ran.stderr  # the command's one line: no pool warning, no thread's
    assert f"(on postgresql://app:<redacted>@127.0.0.1:{port}/crm, schema reporting)" in ran.stderr
    assert "pg-s3cr3t" not in ran.stderr + ran.stdout


@pytest.mark.end_to_end
def test_mirror_run_on_a_database_that_cannot_be_reached_exits_4_with_no_stray_lines() -> None:
    """It sets logging up (its own lines at --log-level info), and psycopg's pool warned of each failed connection
    (the driver's text, two lines each) and of a worker it stopped: "couldn't stop thread ... within 0 seconds"."""
    port = free_port()  # nothing listens there
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "mirror",
            "run",
            "--port",
            "0",
            "--database",
            f"postgresql://app:pg-s3cr3t@127.0.0.1:{port}/crm?schema=reporting",
        ],
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PEXIP_ENGAGE_TOKEN": "t",
            "PEXIP_ENGAGE_ENTERPRISE": "acme",
            "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = ran.stdout + ran.stderr
    assert ran.returncode == 4, output
    assert "psycopg" not in output
    assert "couldn't stop" not in output
    assert [line for line in output.splitlines() if " INFO " not in line] == [
        f"pexip-engage: error: the mirror stopped: OperationalError: connection failed: connection to server at"
        f' "127.0.0.1", port {port} failed: Connection refused Is the server running on that host and accepting TCP/IP'
        f" connections? (on postgresql://app:<redacted>@127.0.0.1:{port}/crm, schema reporting)"
    ]
    assert "pg-s3cr3t" not in output


def test_deliveries_refused_for_a_wrong_secret_are_kept_and_mirror_status_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong secret in Engage's webhook URL refuses every delivery: counted in the table's store, by every process,
    and shown by `mirror status` after the process stopped (not only in its log)."""
    database = f"sqlite:///{tmp_path}/mirror.db"

    async def refused_twice() -> MirrorStatus:
        async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
            mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
            async with mirror:
                for _ in range(2):
                    answer = await mirror.receive(b'{"eventType": "CREATE"}', key="a-wrong-secret")
                    assert answer.status == 401
        reader = AppointmentMirror(database, secret=SECRET)  # as another process reads it
        try:
            return await reader.status()
        finally:
            await reader.stop()

    status = asyncio.run(refused_twice())
    assert (status.refused_deliveries, status.last_refusal) == (2, "wrong or missing key")
    assert status.last_refused_at is not None
    assert abs((datetime.now(UTC) - status.last_refused_at).total_seconds()) < 60
    shown = Cli(capsys)("mirror", "status", "--database", database, "-o", "json")
    assert shown.code == 0, shown.err
    assert '"refusedDeliveries": 2' in shown.out
    assert '"lastRefusal": "wrong or missing key"' in shown.out
    assert "a-wrong-secret" not in shown.out + shown.err


async def test_a_refused_start_is_kept_where_status_shows_it(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path}/mirror.db"
    made = AppointmentMirror(database, secret=SECRET)  # a mirror that ran here before: its tables and events' file
    await made.forget_cursor("none")
    await made.receiver.start(handle=False)
    await made.receiver.stop()
    await made.stop()
    refused = AppointmentMirror(database, secret=SECRET)  # no client to read with: the start is refused
    with pytest.raises(ValueError, match="needs a client"):
        await refused.start()
    await refused.stop()
    reader = AppointmentMirror(database, secret=SECRET)  # as `mirror status` in another process reads it
    status = await reader.status()
    await reader.stop()
    assert status.last_error is not None
    assert status.last_error["what"] == "starting"
    assert status.last_error["error"].startswith("ValueError: the mirror needs a client")


def test_mirror_run_without_its_server_is_refused_before_its_database_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as in an install without the `mirror` extra
    monkeypatch.setenv("PEXIP_ENGAGE_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    run = Cli(capsys)("mirror", "run", "--database", f"sqlite:///{tmp_path}/mirror.db", "--port", "0")
    assert run.code == 2, run.err
    assert "mirror run needs the mirror extra: pip install 'pexip-engage-client[mirror]'" in run.err
    assert list(tmp_path.iterdir()) == []


async def test_a_second_mirror_process_without_shared_limits_is_named_in_a_warning_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_LIMITS", raising=False)
    fake = FakePexipEngage()
    seed_references(fake)
    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        first = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        second = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)  # as another host
        async with first:
            assert "keep the API's limits alone" not in caplog.text  # one process: its limits are the API's
            async with second:
                status = await first.status()
    warned = [record.getMessage() for record in caplog.records if "keep the API's limits alone" in record.getMessage()]
    assert len(warned) == 1, caplog.text
    assert warned[0].startswith("2 processes run the mirror on this database")
    assert all(holder in warned[0] for holder in status.processes)
    assert len(status.processes) == 2
