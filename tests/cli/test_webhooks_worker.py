"""`webhooks worker MODULE:RECEIVER` finds the receiver as uvicorn finds an app, and says in one line
what is wrong with the name it was given (its runs as a process are in
tests/webhooks/test_worker_process.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pexip_engage_cli._webhooks_worker import load_receiver
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve
from pexip_engage_client.webhooks import WebhookReceiver

from ..support import worker_receiver
from ..support.cli import Cli
from ..support.loopback import free_port
from ..support.spec import ROOT

MODULE = "tests.support.worker_receiver"
SECRET_IN_URL = "redis-password-never-printed"


@pytest.fixture(autouse=True)
def _sys_path_kept() -> Iterator[None]:
    kept = list(sys.path)
    yield
    sys.path[:] = kept
    sys.modules.pop("broken_receiver", None)


def test_module_attribute_and_module_function_call_name_the_receiver() -> None:
    assert load_receiver(f"{MODULE}:receiver") is worker_receiver.receiver
    assert load_receiver(f"{MODULE}:make_receiver()") is worker_receiver.receiver
    assert isinstance(worker_receiver.receiver, WebhookReceiver)


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("receiver", "expected MODULE:RECEIVER, such as myapp.webhooks:receiver, not 'receiver'"),
        (f"{MODULE}:", f"expected MODULE:RECEIVER, such as myapp.webhooks:receiver, not '{MODULE}:'"),
        (f"{MODULE}:not-a-name", "expected MODULE:RECEIVER"),
        ("no_such_module_here:receiver", "cannot import 'no_such_module_here': no such module (from "),
        (f"{MODULE}:nothing", f"module '{MODULE}' has no attribute 'nothing'"),
        (f"{MODULE}:not_a_receiver", f"{MODULE}:not_a_receiver is not a WebhookReceiver (its type is object)"),
        (f"{MODULE}:receiver()", f"{MODULE}:receiver is not callable"),
        (f"{MODULE}:make_receiver", f"{MODULE}:make_receiver is not a WebhookReceiver (its type is function)"),
    ],
)
def test_a_name_that_is_no_receiver_is_one_line_and_exit_2(spec: str, error: str, cli: Cli) -> None:
    run = cli("webhooks", "worker", spec)
    assert run.code == 2
    assert run.err.startswith(f"pexip-engage: error: {error}")
    assert run.err.count("\n") == 1
    assert run.out == ""


def test_a_module_that_fails_to_import_is_named_with_its_error(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "broken_receiver.py").write_text("import json\nraise RuntimeError('no secret configured')\n")
    run = cli("webhooks", "worker", "broken_receiver:receiver", "--app-dir", str(tmp_path))
    assert run.code == 2
    assert run.err == ("pexip-engage: error: importing 'broken_receiver' failed: RuntimeError: no secret configured\n")
    (tmp_path / "broken_receiver.py").write_text("import no_such_dependency_here\n")
    run = cli("webhooks", "worker", "broken_receiver:receiver", "--app-dir", str(tmp_path))
    assert run.err == (
        "pexip-engage: error: importing 'broken_receiver' failed: ModuleNotFoundError:"
        " No module named 'no_such_dependency_here'\n"
    )


@pytest.mark.parametrize("grace", ["-1", "inf", "nan", "soon"])
def test_a_grace_that_is_no_finite_number_of_seconds_is_a_usage_error(grace: str, cli: Cli) -> None:
    run = cli("webhooks", "worker", f"{MODULE}:receiver", "--grace", grace)
    assert run.code == 2
    assert "argument --grace" in run.err


def test_the_worker_is_listed_and_documented_in_its_help(cli: Cli) -> None:
    listed = cli("webhooks", "--help")
    assert "worker" in listed.out
    helped = cli("webhooks", "worker", "--help")
    assert helped.code == 0
    for option in ("MODULE:RECEIVER", "--grace", "--concurrency", "--app-dir", "--log-level", "SIGTERM"):
        assert option in helped.out


def test_a_store_that_cannot_be_opened_is_one_line_and_exit_1(tmp_path: Path, cli: Cli) -> None:
    port = free_port()  # nothing listens there
    (tmp_path / "unreachable_receiver.py").write_text(
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        f"receiver = WebhookReceiver('redis://:{SECRET_IN_URL}@127.0.0.1:{port}/0', secret='s3cr3t-key')\n"
        "receiver.on_unknown(lambda event, delivery: None)\n"
    )
    run = cli("webhooks", "worker", "unreachable_receiver:receiver", "--app-dir", str(tmp_path))
    sys.modules.pop("unreachable_receiver", None)
    assert run.code == 4  # cannot be reached
    assert run.err.startswith("pexip-engage: error: the worker stopped: ConnectionError: ")
    assert run.err.count("\n") == 1
    assert SECRET_IN_URL not in run.err


def test_a_receiver_with_no_handlers_is_refused_naming_what_was_loaded(tmp_path: Path, cli: Cli) -> None:
    # A wrong MODULE:RECEIVER (say, the web module's receiver without its handlers' module) would
    # settle every stored event as unhandled, out of reach of the worker that has the handlers.
    (tmp_path / "bare_receiver.py").write_text(
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        f"receiver = WebhookReceiver('sqlite:///{tmp_path}/events.db', secret='s3cr3t-key')\n"
    )
    run = cli("webhooks", "worker", "bare_receiver:receiver", "--app-dir", str(tmp_path))
    sys.modules.pop("bare_receiver", None)
    assert run.code == 2
    assert run.err.startswith("pexip-engage: error: bare_receiver:receiver: WebhookReceiver(store=SQLiteStore(")
    assert "has no handlers" in run.err
    assert "@receiver.on(...)" in run.err
    assert not (tmp_path / "events.db").exists()  # refused before the store was opened


@pytest.mark.end_to_end
@pytest.mark.parametrize("refused", ["enterprise", "token"])
def test_a_worker_whose_catch_up_is_refused_at_its_first_call_exits_1_naming_the_enterprise(
    tmp_path: Path, refused: str
) -> None:
    """A wrong token or enterprise behind `--reconcile-every`: exit 1 within the first call (a service
    manager's restart loop shows it), naming the enterprise and never the token."""
    (tmp_path / "catching_up_receiver.py").write_text(
        "from pexip_engage_client.webhooks import WebhookReceiver\n"
        f"receiver = WebhookReceiver('sqlite:///{tmp_path}/events.db', secret='s3cr3t-key')\n"
        "receiver.on_unknown(lambda event, delivery: None)\n"
    )
    fake = FakePexipEngage()
    if refused == "token":
        fake.fail("getAppointments", status=401, times=100)
    enterprise = "not-acme" if refused == "enterprise" else "acme"
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_TOKEN": "a-wrong-token-value"}
    with serve(fake) as base_url:
        began = time.monotonic()
        ran = subprocess.run(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "webhooks",
                "worker",
                "catching_up_receiver:receiver",
                "--app-dir",
                str(tmp_path),
                "--reconcile-every",
                "10m",
                "--base-url",
                base_url,
                "--enterprise",
                enterprise,
            ],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert ran.returncode == 1, ran.stderr
    assert time.monotonic() - began < 30  # within that call, not after the catch-up's retries
    assert f"webhooks worker: Engage refused its first call, for enterprise {enterprise!r}" in ran.stderr
    assert "a-wrong-token-value" not in ran.stderr + ran.stdout
