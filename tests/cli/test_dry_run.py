"""`--dry-run`: a write command prints the request exactly as it would be sent and sends nothing, no token
request either (the served fake's call log stays empty), and exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

from pexip_engage_cli import _table
from pexip_engage_cli._app import build_parser
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._resources import collections, normalise_concrete
from pexip_engage_client.testing._server import serve

from ..fake.test_fake_spec import _collections_named_by
from ..support.cli import Cli
from ..support.loopback import serve as serve_app
from ..support.served_fake import serving
from ..support.spec import ROOT
from .test_cli import _answer, _read_body
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
        "ENTERPRISE": "acme",
        "BASE_URL": root,
        "AUTH_URL": root,
        "CLIENT_ID": "cli",
        "CLIENT_SECRET": SECRET,
    }.items():
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


@pytest.mark.usefixtures("clean_environment")
def test_webhooks_send_dry_run_prints_each_delivery_and_posts_nothing(cli: Cli) -> None:
    received: list[tuple[bytes, dict[str, str]]] = []

    async def receiver(scope: Any, receive: Any, send: Any) -> None:
        headers = {name.decode(): value.decode() for name, value in scope["headers"]}
        received.append((await _read_body(receive), headers))
        await _answer(send, 204)

    with serve_app(receiver) as url:
        argv = [
            "webhooks",
            "send",
            "--to",
            f"{url}/hooks?key=receiver-secret",
            "--event-type",
            "CREATE",
            "--event-type",
            "CANCEL",
            "--duplicates",
            "1",
            "--header",
            "X-Receiver-Key=h3ader-secret",
        ]
        dry = cli(*argv, "--dry-run")
        assert dry.code == 0, dry.err
        assert received == []
        assert "nothing was sent (4 deliveries)" in dry.err
        sent = cli(*argv)
        assert sent.code == 0, sent.err
    shown = [json.loads(line) for line in dry.out.splitlines()]
    assert len(shown) == len(received) == 4
    for document, (body, headers) in zip(shown, received, strict=True):
        assert (document["method"], document["url"]) == ("POST", f"{url}/hooks?key=<redacted>")
        assert document["headers"]["x-receiver-key"] == "<redacted>"
        assert document["headers"]["content-type"] == headers["content-type"] == "application/json"
        assert "authorization" not in document["headers"]
        event = json.loads(body)
        assert document["body"]["data"]["eventType"] == event["data"]["eventType"]  # (ids are drawn per run)
        assert document["body"].keys() == event.keys()
    assert [document["body"]["data"]["eventType"] for document in shown] == ["CREATE", "CREATE", "CANCEL", "CANCEL"]
    assert shown[0]["body"] == shown[1]["body"]  # a duplicate: the same event, id and all
    assert "receiver-secret" not in dry.out + dry.err
    assert "h3ader-secret" not in dry.out + dry.err


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
            **variables,
            "PYTHONPATH": str(ROOT),
            "PEXIP_ENGAGE_ENTERPRISE": "acme",
            "PEXIP_ENGAGE_BASE_URL": root,
            "PEXIP_ENGAGE_AUTH_URL": root,
            "PEXIP_ENGAGE_CLIENT_ID": "cli",
            "PEXIP_ENGAGE_CLIENT_SECRET": SECRET,
        }
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "lead-segments",
                "create-lead-segment",
                "--body",
                '{"code": "VIP"}',
                "--dry-run",
            ],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["body"] == {"code": "VIP"}
        assert fake.requests == []
        assert fake.token_requests == []
        assert SECRET not in done.stdout + done.stderr
        # The same process without --dry-run does reach it: the call log above could have shown one.
        sent = subprocess.run(
            [
                sys.executable,
                "-m",
                "pexip_engage_cli",
                "lead-segments",
                "create-lead-segment",
                "--body",
                '{"code": "VIP"}',
            ],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )
        assert sent.returncode == 0, sent.stderr
        assert len(fake.token_requests) == 1
        assert [call.operation_id for call in fake.calls] == ["createLeadSegment"]


CONTROL_TOKEN = "control-token-that-must-never-print"
EMPLOYEE = {"email": "dry@example.com", "firstName": "Dry"}


def cli_environment(root: str) -> dict[str, str]:
    """The command line's environment, pointed at the served fake with client credentials (a call would ask
    the token endpoint first)."""
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    return {
        **variables,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_AUTH_URL": root,
        "PEXIP_ENGAGE_CLIENT_ID": "cli",
        "PEXIP_ENGAGE_CLIENT_SECRET": SECRET,
    }


@pytest.mark.end_to_end
def test_a_dry_run_against_fake_serve_is_not_in_its_call_log(tmp_path: Path) -> None:
    """`fake serve` in a process of its own, as a team in another language runs it: after the dry run, its call
    log (`GET /_fake/calls`) holds no call and no token request, and the dry run's create is not there; the same
    command without --dry-run is in the log as exactly the request the dry run printed."""
    (tmp_path / "control").write_text(CONTROL_TOKEN + "\n")
    control = {"Authorization": f"Bearer {CONTROL_TOKEN}"}
    with serving("--client", f"cli:{SECRET}", "--control-token-file", str(tmp_path / "control")) as (root, _):
        environment = cli_environment(root)

        def run(*argv: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "pexip_engage_cli", *argv],
                capture_output=True,
                text=True,
                env=environment,
                timeout=60,
                check=False,
            )

        def call_log() -> dict[str, Any]:
            answer = httpx2.get(f"{root}/_fake/calls", headers=control, timeout=10)
            assert answer.status_code == 200, answer.text
            log: dict[str, Any] = answer.json()["data"]
            return log

        create = ("employees", "create-employee", "--body", json.dumps(EMPLOYEE))
        dry = run(*create, "--dry-run", "-o", "yaml")
        assert dry.returncode == 0, dry.stderr
        shown = yaml.safe_load(dry.stdout)
        assert shown["body"] == EMPLOYEE
        assert call_log() == {"calls": [], "tokenRequests": []}
        assert run(*create).returncode == 0
        log = call_log()
        assert len(log["tokenRequests"]) == 1
        [call] = log["calls"]
        assert (call["method"], root + call["path"], call["body"]) == (shown["method"], shown["url"], shown["body"])
        assert (call["operationId"], call["status"]) == ("createEmployee", 201)
        listed = run("employees", "get-employees", "--email", "dry@example.com", "--all", "-o", "json")
        assert [employee["firstName"] for employee in json.loads(listed.stdout)] == ["Dry"]
        assert httpx2.post(f"{root}/_fake/reset", headers=control, timeout=10).status_code == 200
        assert call_log() == {"calls": [], "tokenRequests": []}


# A suite in another language, as plain Python (`-I -S`: no site-packages, so the client cannot be imported): it
# runs the command line as any program would, and reads the served fake's call log with urllib.
OTHER_LANGUAGE = r"""
import json, subprocess, sys, urllib.request

root, token, command, environment = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])

def calls():
    request = urllib.request.Request(root + "/_fake/calls", headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())["data"]

def run(*options):
    done = subprocess.run(command + list(options), capture_output=True, text=True, env=environment, timeout=60)
    return done.returncode, done.stdout

report = {}
report["dry"] = run("--dry-run", "-o", "json")
report["after_dry"] = calls()
report["sent"] = run("-o", "json")[0]
report["after_sent"] = calls()
report["client_loaded"] = any(name.startswith("pexip_engage") for name in sys.modules)
print(json.dumps(report))
"""


@pytest.mark.end_to_end
def test_a_dry_run_checked_from_a_process_that_does_not_import_the_client(tmp_path: Path) -> None:
    (tmp_path / "control").write_text(CONTROL_TOKEN + "\n")
    (tmp_path / "seed.yaml").write_text("employees:\n  - {id: e1, firstName: Ada, email: ada@example.com}\n")
    options = (
        "--seed",
        str(tmp_path / "seed.yaml"),
        "--client",
        f"cli:{SECRET}",
        "--control-token-file",
        str(tmp_path / "control"),
    )
    command = [
        sys.executable,
        "-m",
        "pexip_engage_cli",
        "employees",
        "update-employee-by-id",
        "e1",
        "--body",
        '{"lastName": "Lovelace"}',
    ]
    with serving(*options) as (root, output):
        ran = subprocess.run(
            [
                sys.executable,
                "-I",
                "-S",
                "-c",
                OTHER_LANGUAGE,
                root,
                CONTROL_TOKEN,
                json.dumps(command),
                json.dumps(cli_environment(root)),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={"PATH": os.environ.get("PATH", "")},
        )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    report = json.loads(ran.stdout)
    assert report["client_loaded"] is False
    code, printed = report["dry"]
    assert code == 0
    shown = json.loads(printed)
    assert report["after_dry"] == {"calls": [], "tokenRequests": []}
    assert report["sent"] == 0
    [call] = report["after_sent"]["calls"]
    assert (call["method"], root + call["path"], call["query"]) == (shown["method"], shown["url"], "")
    assert (call["operationId"], call["body"], call["status"]) == ("updateEmployeeById", shown["body"], 200)
    assert shown["body"] == {"lastName": "Lovelace"}
    assert len(report["after_sent"]["tokenRequests"]) == 1
    assert SECRET not in ran.stdout + "".join(output)
    assert CONTROL_TOKEN not in "".join(output)
