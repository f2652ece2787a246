"""`pexip-engage fake serve` as its documentation shows it: a served fake with a registered OAuth
client, called by the command line with that client's credentials."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ..support.spec import ROOT

# Starts servers, processes or redis-server: left out of `make check`.
pytestmark = pytest.mark.end_to_end

CLIENT_SECRET = "fake-serve-secret-that-must-never-print"


@contextmanager
def served(*options: str) -> Iterator[str]:
    """`pexip-engage fake serve --port 0 OPTIONS` in a process of its own; yields its root URL."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/enterprises/acme", banner)
        assert found, banner + (server.stderr.read() if server.stderr and server.poll() is not None else "")
        yield found.group(1)
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=10)
        assert "Traceback" not in errors


def cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    return subprocess.run(
        [sys.executable, "-m", "pexip_engage_cli", *argv], capture_output=True, text=True, check=False,
        env={**variables, "PYTHONPATH": str(ROOT), **(env or {})},
    )  # fmt: skip


@pytest.mark.main_python_only
def test_the_documented_client_option_registers_a_client_whose_tokens_the_fake_issues(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    with served("--client", f"app:{CLIENT_SECRET}") as root:
        connection = ["--enterprise", "acme", "--base-url", root, "--auth-url", root, "--client-id", "app"]
        created = cli(
            *connection, "--client-secret-file", str(secret_file),
            "lead-segments", "create-lead-segment", "--body", '{"code": "FROM-CLI"}', "-o", "json",
        )  # fmt: skip
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["code"] == "FROM-CLI"
        wrong = tmp_path / "wrong"
        wrong.write_text("not-the-secret\n")
        refused = cli(*connection, "--client-secret-file", str(wrong), "employees", "get-employees")
        assert refused.returncode != 0
        assert CLIENT_SECRET not in created.stdout + created.stderr + refused.stdout + refused.stderr


def test_an_abbreviated_option_is_not_taken_for_a_longer_one() -> None:
    # `--client` is fake serve's own option; elsewhere it is no prefix of --client-id & co.
    run = cli("--client=x", "employees", "get-employees", env={"PEXIP_ENGAGE_TOKEN": "t"})
    assert run.returncode == 2
    assert "ambiguous" not in run.stderr
    assert "unrecognized arguments: --client=x" in run.stderr
    run = cli("employees", "get-employees", "--enterp=acme", env={"PEXIP_ENGAGE_TOKEN": "t"})
    assert run.returncode == 2
    assert "unrecognized arguments: --enterp=acme" in run.stderr
