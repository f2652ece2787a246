"""docs/deploying.md, "Running it in production", run for real: each `<!-- production -->` block, in order, against
a real PostgreSQL (its database `app`), a real redis-server and the fake API; what each command prints must be
what the page shows (`…` stands for what differs each run: times, ports).

`db.internal` and `redis.internal` are the test's servers; PEXIP_ENGAGE_BASE_URL points the commands at the fake.
The SQL block is run as the superuser; `$ export` sets the environment of the commands after it; a command ending
in `&` runs in the background until the end; `curl -s URL` is a GET; `echo $?` the last command's exit code.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.loopback import free_port, wait_until_listening
from ..support.postgres_server import postgres_server
from ..support.redis_server import redis_server
from ..support.spec import ROOT

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow, pytest.mark.main_python_only]

PAGE = ROOT / "docs" / "deploying.md"
BLOCK = re.compile(r"<!-- production(?:: (sql))? -->\n```(?:console|sql)\n(.*?)```\n", re.S)


def blocks() -> list[tuple[str, str]]:
    section = PAGE.read_text(encoding="utf-8").split("## Running it in production", 1)[1]
    return [(kind or "console", text) for kind, text in BLOCK.findall(section)]


def matches(shown: str, printed: str) -> bool:
    """Whether `printed` is what the page shows, `…` standing for anything (a line of it alone: any lines)."""
    if shown.strip() == "…":
        return True
    pattern = "".join(".*" if part == "…" else re.escape(part) for part in re.split("(…)", shown.strip()))
    return re.fullmatch(pattern, printed.strip(), re.S) is not None


class Shell:
    """The page's commands, run one after the other with the environment the page's `export`s build."""

    def __init__(self, places: dict[str, str], environment: dict[str, str]) -> None:
        self.places = places
        self.environment = environment
        self.code = 0
        self.background: list[subprocess.Popen[bytes]] = []

    def here(self, text: str) -> str:
        for written, real in self.places.items():
            text = text.replace(written, real)
        return text

    def back(self, text: str) -> str:
        for written, real in self.places.items():
            text = text.replace(real, written)
        return text

    def run(self, line: str) -> str:
        if line == "echo $?":
            return f"{self.code}\n"
        words = shlex.split(self.here(line))
        if words[0] == "export":
            for word in words[1:]:
                name, _, value = word.partition("=")
                self.environment[name] = value
            return ""
        if words[0] == "curl":
            try:
                with urllib.request.urlopen(words[-1], timeout=10) as answer:  # noqa: S310 - the test's own
                    self.code = 0
                    return str(answer.read().decode())
            except urllib.error.HTTPError as refused:
                self.code = 22
                return str(refused.read().decode())
        command = [sys.executable, "-m", "pexip_engage_cli", *words[1:]] if words[0] == "pexip-engage" else words
        if command[-1] == "&":
            process = subprocess.Popen(command[:-1], env=self.environment, cwd=ROOT)
            self.background.append(process)
            port = int(command[command.index("--port") + 1])
            wait_until_listening(port, process, line)
            return ""
        done = subprocess.run(command, env=self.environment, capture_output=True, text=True, timeout=120, check=False)
        self.code = done.returncode
        return self.back(done.stdout + done.stderr)

    def stop(self) -> None:
        for process in self.background:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def test_every_command_of_running_it_in_production_does_what_the_page_shows(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    with postgres_server() as server, redis_server(tmp_path) as redis_url, serve(fake) as base_url:
        with psycopg.connect(server.url, autocommit=True) as connection:
            connection.execute("CREATE DATABASE app")
        redis_port = redis_url.rsplit(":", 1)[1].split("/")[0]
        mirror_port = str(free_port())
        places = {
            "db.internal": f"127.0.0.1:{server.port}",
            "redis.internal:6379": f"127.0.0.1:{redis_port}",
            "127.0.0.1:8000": f"127.0.0.1:{mirror_port}",
            "--port 8000": f"--port {mirror_port}",
        }
        environment = {name: value for name, value in os.environ.items() if not name.startswith("PEXIP_ENGAGE_")} | {
            "PYTHONPATH": str(ROOT),
            "PEXIP_ENGAGE_BASE_URL": base_url,
        }
        shell = Shell(places, environment)
        ran = 0
        try:
            for kind, text in blocks():
                if kind == "sql":
                    with psycopg.connect(server.url.rsplit("/", 1)[0] + "/app", autocommit=True) as connection:
                        for statement in filter(str.strip, text.split(";")):
                            connection.execute(statement)
                    ran += 1
                    continue
                for command, shown in steps(text):
                    printed = shell.run(command)
                    assert matches(shown, printed), f"$ {command}\nthe page shows:\n{shown}\nit printed:\n{printed}"
                    ran += 1
        finally:
            shell.stop()
    assert ran >= 12


def steps(text: str) -> list[tuple[str, str]]:
    """Each `$ command` of a console block, with what the page shows after it."""
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], ""))
        else:
            command, shown = found[-1]
            found[-1] = (command, shown + line + "\n")
    return found
