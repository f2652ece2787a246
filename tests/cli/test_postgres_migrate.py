"""`pexip-engage postgres migrate` against a real PostgreSQL: the client's tables made once, in the
named schema only, and the password never printed."""

from __future__ import annotations

import psycopg
import pytest

from pexip_engage_cli._postgres_migrate import rooms

from ..support.cli import Cli
from ..support.postgres_server import postgres_server

SECRET = "s3cr3t-pw"


@pytest.mark.end_to_end
def test_migrate_makes_the_tables_once_in_the_named_schema_and_never_prints_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli = Cli(capsys)
    with postgres_server() as server:
        url = server.url.replace("postgres@", f"postgres:{SECRET}@")  # trust auth: any password is taken
        # `--timeout 1`: the settle of the lease state that ends a migrate waits out one lease of the clients'
        # timeout (36 s with the default 35 s); that wait is tests/limits/test_limits_prepare.py's to prove.
        first = cli("postgres", "migrate", "--url", url, "--schema", "engage_tables", "--timeout", "1")
        again = cli("postgres", "migrate", "--url", url, "--schema", "engage_tables", "--timeout", "1")
        bad = cli("postgres", "migrate", "--url", url, "--schema", "Robert'); DROP")
        down = cli("postgres", "migrate", "--url", url.replace(f":{server.port}/", ":1/"))
        with psycopg.connect(server.url) as connection:
            tables = connection.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
                " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
            ).fetchall()
    assert (first.code, again.code) == (0, 0)
    steps = sum(len(room.steps) for room in rooms())  # every room's, as the release holds them
    assert f"{steps} step(s) run, {steps} in all" in first.out
    assert "0 step(s) run" in again.out
    assert {schema for schema, _ in tables} == {"engage_tables"}  # nothing made elsewhere (public stays empty)
    assert {"webhook_events", "limit_slots", "leases", "mcp_confirmations", "appointments", "migrations"} <= {
        n for _, n in tables
    }
    assert bad.code == 2
    assert "--schema" in bad.err
    assert down.code == 4  # cannot be reached
    assert "<redacted>" in down.err
    for run in (first, again, bad, down):
        assert SECRET not in run.out + run.err


def test_a_url_libpq_cannot_read_is_refused_as_url_without_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    # The review's probe: libpq's "invalid percent-encoded token: "se%zzs3cr3t-pw"" was printed whole.
    run = Cli(capsys)("postgres", "migrate", "--url", f"postgresql://u:se%zz{SECRET}@127.0.0.1:1/db")
    assert run.code == 2
    assert run.err.startswith("pexip-engage: error: --url: the PostgreSQL URL postgresql://u:<redacted>@")
    assert "zz" not in run.err + run.out


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://127.0.0.1:1/db?pass%77ord=se%zz{SECRET}",  # the name percent-encoded, as libpq decodes it
        f"postgresql://127.0.0.1:1/db?%70assword=se+{SECRET}%zz",
        f"postgresql://127.0.0.1:1/db?ssl%70assword=se%zz{SECRET}",
        f"postgresql://127.0.0.1:1/db?pass%7word={SECRET}",  # a malformed name: libpq refuses it, by its name
        f"postgresql://u:{SECRET}@x@127.0.0.1:1/db",  # libpq's password ends at the first '@'
        f"postgresql://u:{SECRET}@127.0.0.1:port/db",
    ],
)
def test_every_form_of_a_url_it_refuses_is_told_without_the_password(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Cli(capsys)("postgres", "migrate", "--url", url)
    assert run.code == 2
    assert run.err.startswith("pexip-engage: error: --url: ")
    assert SECRET not in run.err + run.out


@pytest.mark.parametrize("schema", ["a&b", "a#b", "a&schema=zz", "Upper"])
def test_a_schema_is_checked_as_given_never_spliced_into_a_url(schema: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = Cli(capsys)("postgres", "migrate", "--url", "postgresql://u@127.0.0.1:1/db", "--schema", schema)
    assert run.code == 2
    assert run.err.startswith(f"pexip-engage: error: --schema: {schema!r} is not a schema name")


def test_the_urls_schema_is_the_urls_fault_and_a_given_schema_overrides_it(capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(capsys)
    url = "postgresql://u@127.0.0.1:1/db?schema=Bad-One"
    alone = cli("postgres", "migrate", "--url", url)
    overridden = cli("postgres", "migrate", "--url", url, "--schema", "good_one")
    assert alone.code == 2
    assert alone.err.startswith("pexip-engage: error: --url: schema: 'Bad-One' is not a schema name")
    assert overridden.code == 4  # past every check: the database (port 1) cannot be reached
    assert "migrating postgresql://u@127.0.0.1:1/db?schema=Bad-One failed: OperationalError" in overridden.err


def test_migrate_runs_every_rooms_tables_each_once_as_the_engine_names_them() -> None:
    """`rooms()` takes the client's rooms from the engine's face (`_shared/postgres_rooms.py`), by name: each name holds
    a `Migrations`, and every module-level `MIGRATIONS` of either package (a PostgreSQL room's tables; SQLite's are
    named `SQLITE_MIGRATIONS`) is among them, so a room whose tables were left unnamed (or a name left behind by a move)
    fails here, not at a deploy."""
    import ast

    from pexip_engage_client._shared.postgres import Migrations
    from pexip_engage_client._shared.postgres_rooms import ROOMS

    from ..support.spec import ROOT

    declared = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for package in ("pexip_engage_client", "pexip_engage_cli")
        for path in (ROOT / package).rglob("*.py")
        if "_sync" not in path.parts
        for source in [path.read_text(encoding="utf-8")]
        if "MIGRATIONS" in source  # a module that cannot assign it is not parsed
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["MIGRATIONS"]  # SQLite's: SQLITE_MIGRATIONS
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "Migrations"
    )
    run = rooms()
    assert all(isinstance(tables, Migrations) for tables in run)
    assert sorted(tables.room for tables in run) == sorted({tables.room for tables in run})  # each once
    assert sorted([*ROOMS, "pexip_engage_cli._mcp_tables"]) == declared
