"""Each command needs only the extra its help names: run in a process where every other extra's modules
cannot be imported (as in an install of that extra alone), against a real PostgreSQL or redis-server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pexip_engage_cli._postgres_migrate import rooms

from ..support.postgres_server import PostgresServer, application_role, postgres_server
from ..support.redis_server import redis_server
from ..support.spec import ROOT

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


def run_with_only(extra: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`pexip-engage ARGUMENTS` in a new interpreter where the modules of every extra but `extra` are unimportable."""
    blocked = [module for name, modules in EXTRAS.items() if name != extra for module in modules]
    program = (
        "import sys\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # an import of it, or of a module in it, raises ImportError\n"
        "from pexip_engage_cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", program, *arguments],
        check=False, capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT,
    )  # fmt: skip


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
    assert [room for (room,) in rows] == ["leases", "limits", "mcp", "mirror", "webhooks"]


def test_without_the_postgres_extra_a_postgres_command_names_it(server: PostgresServer) -> None:
    refused = run_with_only("mcp", "postgres", "migrate", "--url", f"{server.url}?schema=no_extra")
    assert refused.returncode != 0
    assert "pip install 'pexip-engage-client[postgres]'" in refused.stderr


def test_limits_prepare_on_redis_needs_the_redis_extra_alone(tmp_path: Path) -> None:
    with redis_server(tmp_path) as url:
        prepared = run_with_only("redis", "limits", "prepare", "--url", url, "--timeout", "1")
    assert prepared.returncode == 0, prepared.stderr
