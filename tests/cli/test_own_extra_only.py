"""Each command needs only the extra its help names: run in a process where every other extra's modules
cannot be imported (as in an install of that extra alone), against a real PostgreSQL or redis-server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pexip_engage_cli._postgres_migrate import rooms
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.loopback import free_port
from ..support.postgres_server import PostgresServer, application_role, migrated, postgres_server
from ..support.redis_server import redis_server
from ..support.spec import ROOT
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

# Each extra's top-level modules (pyproject.toml's [project.optional-dependencies]).
EXTRAS = {
    "httpx": ("httpx",),
    "testing": ("jsonschema", "yaml", "jsonpath"),
    "otel": ("opentelemetry",),
    "redis": ("redis",),
    "postgres": ("psycopg", "psycopg_pool"),
    "mcp": ("mcp",),
    "mirror": ("uvicorn",),
}
# What an extra installs beyond its own: the MCP SDK depends on jsonschema, opentelemetry-api and uvicorn, so
# an install of the `mcp` extra alone has them.
BROUGHT = {"mcp": ("jsonschema", "opentelemetry", "uvicorn")}


def _program(extras: tuple[str, ...]) -> str:
    """A program running `pexip-engage ARGV` where the modules of every extra but `extras` are unimportable."""
    brought = {module for extra in extras for module in BROUGHT.get(extra, ())}
    blocked = [
        module for name, modules in EXTRAS.items() if name not in extras for module in modules if module not in brought
    ]
    return (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # an import of it, or of a module in it, raises ImportError\n"
        "from pexip_engage_cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )


def run_with_only(
    extra: str | tuple[str, ...], *arguments: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`pexip-engage ARGUMENTS` in a new interpreter where the modules of every extra but `extra` (one, or
    several) are unimportable."""
    extras = (extra,) if isinstance(extra, str) else extra
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", _program(extras), *arguments],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=ROOT,
        input=stdin,
    )


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with postgres_server() as running:
        yield running


def test_postgres_migrate_and_every_postgres_command_need_the_postgres_extra_alone(server: PostgresServer) -> None:
    application_role(server)
    url = f"{server.url}?schema=only_postgres"
    migrate = run_with_only("postgres", "postgres", "migrate", "--url", url, "--grant", "app", "--timeout", "1")
    prepare = run_with_only("postgres", "limits", "prepare", "--url", url, "--timeout", "1")
    status = run_with_only("postgres", "mirror", "status", "--database", url)
    failed = run_with_only("postgres", "webhooks", "failed", "--store", url)
    for done in (migrate, prepare, status, failed):
        assert done.returncode == 0, done.stderr
    steps = sum(len(migrations.steps) for migrations in rooms())  # every room's, as the release holds them
    assert f"{steps} step(s) run, {steps} in all; role app granted its rights" in migrate.stdout
    with psycopg.connect(server.url) as connection:
        rows = connection.execute("SELECT room FROM only_postgres.migrations ORDER BY room").fetchall()
    assert [room for (room,) in rows] == ["availability", "leases", "limits", "mcp", "mirror", "webhooks"]


def test_without_the_postgres_extra_a_postgres_command_names_it(server: PostgresServer) -> None:
    refused = run_with_only("mcp", "postgres", "migrate", "--url", f"{server.url}?schema=no_extra")
    assert refused.returncode != 0
    assert "pip install 'pexip-engage-client[postgres]'" in refused.stderr


def test_limits_prepare_on_redis_needs_the_redis_extra_alone(tmp_path: Path) -> None:
    with redis_server(tmp_path) as url:
        prepared = run_with_only("redis", "limits", "prepare", "--url", url, "--timeout", "1")
    assert prepared.returncode == 0, prepared.stderr


def test_mirror_run_on_postgresql_needs_the_mirror_and_postgres_extras_alone(
    server: PostgresServer, tmp_path: Path
) -> None:
    """Started with only the extras its help names, it catches up, answers its health path, and stops on SIGTERM."""
    app_url = application_role(server)  # migrated by the owner, run as the application's role
    migrated(f"{server.url}?schema=only_mirror", role="app")
    url = f"{app_url}?schema=only_mirror"
    fake = FakePexipEngage()
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_TOKEN": "t",
        "PEXIP_ENGAGE_WEBHOOK_SECRET": "s3cr3t-key",
    }
    with serve(fake) as base_url, (tmp_path / "log").open("w+") as log:
        command = [
            sys.executable,
            "-c",
            _program(("mirror", "postgres")),
            "mirror",
            "run",
            "--database",
            url,
            "--port",
            str(port),
            "--base-url",
            base_url,
            "--enterprise",
            "acme",
        ]
        running = subprocess.Popen(command, env=environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: _healthy(port) or running.poll() is not None, 60)
            answered = _healthy(port)
        finally:
            running.send_signal(signal.SIGTERM)
            try:
                code = running.wait(timeout=30)
            except subprocess.TimeoutExpired:
                running.kill()
                running.wait()
                raise
        log.seek(0)
        output = log.read()
    assert answered, output
    assert code == 0, output
    assert "No module named" not in output


def _healthy(port: int) -> bool:
    """Whether `GET /healthz` on 127.0.0.1:`port` answers 200 with a catch-up done."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return answer.status == 200 and json.loads(answer.read()).get("lastCatchUp") is not None
    except (OSError, ValueError):
        return False


def test_mcp_needs_the_mcp_extra_alone() -> None:
    """Over stdio, as an MCP client starts it: it answers `initialize` and lists its tools, then ends with its
    input. Its input stays open until the tools are listed, as a client's does: the SDK drops a request still
    in hand when its input ends."""
    messages: list[dict[str, Any]] = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "test", "version": "1"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_TOKEN": "t", "PEXIP_ENGAGE_ENTERPRISE": "acme"}
    with subprocess.Popen(
        [sys.executable, "-c", _program(("mcp",)), "mcp"],
        env=environment,
        cwd=ROOT,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as served:
        answers, errors = _listed(served, messages)
    assert served.returncode == 0, errors
    assert "serverInfo" in answers[1]["result"]
    assert any(tool["name"] == "get_appointment" for tool in answers[2]["result"]["tools"])


def _listed(served: subprocess.Popen[str], messages: list[dict[str, Any]]) -> tuple[dict[int, Any], str]:
    """The answers to `messages` by id, then what the server wrote to stderr once its input ended."""
    timer = threading.Timer(120, served.kill)  # bounds every read below
    timer.start()
    try:
        assert served.stdin is not None
        assert served.stdout is not None
        served.stdin.write("".join(json.dumps(message) + "\n" for message in messages))
        served.stdin.flush()
        answers: dict[int, Any] = {}
        asked = {message["id"] for message in messages if "id" in message}
        while not asked <= answers.keys() and (line := served.stdout.readline()):
            answer = json.loads(line)
            answers[answer["id"]] = answer
        _, errors = served.communicate(input="")  # ends its input: it stops
        return answers, errors
    finally:
        timer.cancel()


# What each command's help says it needs (issue 95: "each command with the extras its help names"), and the runs
# above and below run each with only those.
HELP_NAMES = {
    ("postgres", "migrate"): ("postgres",),
    ("limits", "prepare"): ("redis", "postgres"),
    ("mirror", "run"): ("mirror", "postgres"),
    ("webhooks", "listen"): ("mirror", "redis", "postgres"),
    ("mcp",): ("mcp",),
}


@pytest.mark.parametrize("command", list(HELP_NAMES), ids=[" ".join(command) for command in HELP_NAMES])
def test_each_commands_help_names_the_extras_it_needs(command: tuple[str, ...]) -> None:
    shown = run_with_only((), *command, "--help")
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())  # argparse wraps the lines
    for extra in HELP_NAMES[command]:
        assert f"the `{extra}` extra" in said or f"the {extra} extra" in said, (extra, said)


@pytest.mark.parametrize("extras", [("mirror",), ("mirror", "postgres")], ids=["sqlite", "postgresql"])
def test_webhooks_listen_needs_the_extras_its_help_names_alone(
    server: PostgresServer, tmp_path: Path, extras: tuple[str, ...]
) -> None:
    """Served with uvicorn, which the `mirror` extra brings; it answers its health path and stops on SIGTERM. Without
    it, it says which extra to install."""
    if "postgres" in extras:
        store = f"{application_role(server)}?schema=only_listen"
        migrated(f"{server.url}?schema=only_listen", role="app")
    else:
        store = f"sqlite:///{tmp_path}/events.db"
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": "s3cr3t-key"}
    command = ["webhooks", "listen", "--port", str(port), "--store", store]
    with (tmp_path / "log").open("w+") as log:
        running = subprocess.Popen(
            [sys.executable, "-c", _program(extras), *command],
            env=environment,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(lambda: _answers(port) or running.poll() is not None, 60)
            answered = _answers(port)
        finally:
            running.send_signal(signal.SIGTERM)
            try:
                running.wait(timeout=30)
            except subprocess.TimeoutExpired:
                running.kill()
                running.wait()
                raise
        log.seek(0)
        output = log.read()
    assert answered, output
    assert "No module named" not in output
    refused = run_with_only(tuple(extra for extra in extras if extra != "mirror"), *command, env=environment)
    assert refused.returncode != 0
    assert "pip install 'pexip-engage-client[mirror]'" in refused.stderr


def _answers(port: int) -> bool:
    """Whether `GET /healthz` on 127.0.0.1:`port` answers 200."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False
