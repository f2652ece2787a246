"""`--dry-run`: a write command prints the request exactly as it would be sent and sends nothing, no token
request either (the served fake's call log stays empty), and exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pexip_engage_cli import _table
from pexip_engage_cli._app import build_parser
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._resources import collections, normalise_concrete
from pexip_engage_client.testing._server import serve

from ..fake.test_fake_spec import _collections_named_by
from ..support.cli import Cli
from ..support.served_fake import serving
from ..support.spec import ROOT
from .test_every_command import OPERATIONS, command_line

SECRET = "cli-secret-that-must-never-print"
# What the client sets anew for each request, and the sender's own headers (the dry run's note says so).
_PER_REQUEST = {"x-correlation-id", "authorization", "user-agent", "accept-encoding", "connection"}
WRITES = sorted(operation for operation, (_, method) in OPERATIONS.items() if method != "get")


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch, clean_environment: Path, root: str, fake: FakePexipEngage) -> str:
    """Client credentials against the served fake: a call would ask its token endpoint first."""
    fake.add_client("cli", SECRET)
    for name, value in {
        "ENTERPRISE": "acme", "BASE_URL": root, "AUTH_URL": root, "CLIENT_ID": "cli", "CLIENT_SECRET": SECRET
    }.items():  # fmt: skip
        monkeypatch.setenv(f"PEXIP_ENGAGE_{name}", value)
    return root


def test_every_write_command_has_a_dry_run_and_no_read_does() -> None:
    _, commands = build_parser([], _table.load(), everything=True)
    writes = reads = 0
    for (group, name), (parser, entry) in commands.items():
        if isinstance(entry, dict):  # a generated command: an operation, or an ensure's create
            write = not entry["http"].startswith("GET ")
            assert ("--dry-run" in parser.format_help()) is write, (group, name)
            writes, reads = writes + write, reads + (not write)
    assert writes >= len(WRITES)
    assert reads
    assert "--dry-run" in commands[("api", "")][0].format_help()


@pytest.mark.usefixtures("credentials")
def test_a_dry_run_prints_the_request_the_command_then_sends(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_employee(id="e1", firstName="Ada", email="ada@example.com")
    argv = ("employees", "update-employee-by-id", "e1", "--body", '{"lastName": "Lovelace", "firstName": "Ada"}')
    dry = cli(*argv, "--dry-run", "-o", "json")
    assert dry.code == 0, dry.err
    assert fake.requests == []
    assert fake.token_requests == []
    shown = json.loads(dry.out)
    message = cli(*argv, "--dry-run", "-o", "table")
    assert message.code == 0, message.err
    assert fake.requests == []
    assert fake.token_requests == []
    assert "nothing was sent" in dry.err
    sent = cli(*argv, "-o", "json")
    assert sent.code == 0, sent.err
    [call] = fake.calls
    request = call.request
    assert shown["method"] == request.method == "PATCH"
    assert shown["url"] == str(request.url) == f"{os.environ['PEXIP_ENGAGE_BASE_URL']}/enterprises/acme/employees/e1"
    assert shown["body"] == json.loads(request.content)
    # The message ends with the body's bytes, as they were sent.
    assert message.out.splitlines()[-1].encode() == request.content
    assert message.out.splitlines()[0] == f"PATCH {request.url}"
    for name, value in shown["headers"].items():
        if name not in _PER_REQUEST:
            assert request.headers[name] == value, name
    assert set(request.headers) - set(shown["headers"]) <= _PER_REQUEST
    assert shown["headers"]["authorization"] == "Bearer <redacted>"
    for run in (dry, message):
        assert SECRET not in run.out + run.err


@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize(
    ("argv", "method", "path"),
    [
        (("lead-segments", "create-lead-segment", "--body", '{"code": "VIP"}'), "POST", "/lead-segments"),
        (("appointments", "cancel-appointment", "a1"), "POST", "/appointments/a1/_actions/cancel"),
        (("ensure", "employee", "--body", '{"externalId": "hr-1", "email": "a@example.com"}'), "POST", "/employees"),
        (
            ("api", "DELETE", "/lead-segments/l1", "--header", "X-Api-Key=k3y-never-printed"),
            "DELETE",
            "/lead-segments/l1",
        ),
    ],
)
def test_write_commands_send_nothing(
    fake: FakePexipEngage, cli: Cli, argv: tuple[str, ...], method: str, path: str
) -> None:
    for output in ("json", "yaml", "table"):
        run = cli(*argv, "--dry-run", "-o", output)
        assert run.code == 0, run.err
        assert "k3y-never-printed" not in run.out
        assert SECRET not in run.out + run.err
    shown = json.loads(cli(*argv, "--dry-run").out)
    assert (shown["method"], shown["url"]) == (method, os.environ["PEXIP_ENGAGE_BASE_URL"] + "/enterprises/acme" + path)
    assert fake.requests == []
    assert fake.token_requests == []


@pytest.mark.slow
@pytest.mark.usefixtures("credentials")
@pytest.mark.parametrize("operation_id", WRITES)
def test_every_write_operation_sends_nothing_in_a_dry_run(operation_id: str, fake: FakePexipEngage, cli: Cli) -> None:
    path, method = OPERATIONS[operation_id]
    for collection in _collections_named_by(path):
        if normalise_concrete(collection.strip("/").split("/")) in collections():
            fake.add(collection, id="x")
    run = cli(*command_line(operation_id), "--dry-run", "-o", "json")
    assert run.code == 0, run.err
    shown = json.loads(run.out)
    assert shown["method"] == method.upper()
    assert shown["url"].startswith(os.environ["PEXIP_ENGAGE_BASE_URL"] + "/enterprises/acme/")
    assert fake.requests == []
    assert fake.token_requests == []


@pytest.mark.end_to_end
def test_a_dry_run_in_a_process_of_its_own_reaches_nothing(tmp_path: Path) -> None:
    """As cron runs it: the command line in its own process, the fake served on loopback, its call log read."""
    fake = FakePexipEngage()
    fake.add_client("cli", SECRET)
    with serve(fake) as root:
        variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        environment = {
            **variables, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_BASE_URL": root,
            "PEXIP_ENGAGE_AUTH_URL": root, "PEXIP_ENGAGE_CLIENT_ID": "cli", "PEXIP_ENGAGE_CLIENT_SECRET": SECRET,
        }  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "pexip_engage_cli", "lead-segments", "create-lead-segment", "--body",
             '{"code": "VIP"}', "--dry-run"],
            capture_output=True, text=True, env=environment, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["body"] == {"code": "VIP"}
        assert fake.requests == []
        assert fake.token_requests == []
        assert SECRET not in done.stdout + done.stderr
        # The same process without --dry-run does reach it: the call log above could have shown one.
        sent = subprocess.run(
            [sys.executable, "-m", "pexip_engage_cli", "lead-segments", "create-lead-segment", "--body",
             '{"code": "VIP"}'],
            capture_output=True, text=True, env=environment, timeout=60, check=False,
        )  # fmt: skip
        assert sent.returncode == 0, sent.stderr
        assert len(fake.token_requests) == 1
        assert [call.operation_id for call in fake.calls] == ["createLeadSegment"]


@pytest.mark.end_to_end
def test_a_dry_run_against_fake_serve_changes_nothing_there() -> None:
    """`fake serve` in a process of its own, as a team in another language runs it: the dry run's create is not
    there afterwards, and the same command without --dry-run makes it."""
    with serving("--client", f"cli:{SECRET}") as (root, _):
        variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        environment = {
            **variables, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_BASE_URL": root,
            "PEXIP_ENGAGE_AUTH_URL": root, "PEXIP_ENGAGE_CLIENT_ID": "cli", "PEXIP_ENGAGE_CLIENT_SECRET": SECRET,
        }  # fmt: skip

        def run(*argv: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "pexip_engage_cli", *argv], capture_output=True, text=True, env=environment,
                timeout=60, check=False,
            )  # fmt: skip

        create = ("employees", "create-employee", "--body", '{"email": "dry@example.com", "firstName": "Dry"}')
        listed = ("employees", "get-employees", "--email", "dry@example.com", "--all", "-o", "json")
        dry = run(*create, "--dry-run", "-o", "yaml")
        assert dry.returncode == 0, dry.stderr
        assert yaml.safe_load(dry.stdout)["body"] == {"email": "dry@example.com", "firstName": "Dry"}
        assert json.loads(run(*listed).stdout) == []
        assert run(*create).returncode == 0
        assert [employee["firstName"] for employee in json.loads(run(*listed).stdout)] == ["Dry"]
