"""`pexip-engage postgres migrate` against a real PostgreSQL: the client's tables made once, in the
named schema only, and the password never printed."""

from __future__ import annotations

import psycopg
import pytest

from ..support.cli import Cli
from ..support.postgres_server import postgres_server

pytestmark = pytest.mark.end_to_end

SECRET = "s3cr3t-pw"


def test_migrate_makes_the_tables_once_in_the_named_schema_and_never_prints_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli = Cli(capsys)
    with postgres_server() as server:
        url = server.url.replace("postgres@", f"postgres:{SECRET}@")  # trust auth: any password is taken
        first = cli("postgres", "migrate", "--url", url, "--schema", "engage_tables")
        again = cli("postgres", "migrate", "--url", url, "--schema", "engage_tables")
        bad = cli("postgres", "migrate", "--url", url, "--schema", "Robert'); DROP")
        down = cli("postgres", "migrate", "--url", url.replace(f":{server.port}/", ":1/"))
        with psycopg.connect(server.url) as connection:
            tables = connection.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
                " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
            ).fetchall()
    assert (first.code, again.code) == (0, 0)
    assert "3 step(s) run" in first.out
    assert "0 step(s) run" in again.out
    assert {schema for schema, _ in tables} == {"engage_tables"}  # nothing made elsewhere (public stays empty)
    assert {"webhook_events", "limit_slots", "leases", "migrations"} <= {name for _, name in tables}
    assert bad.code == 2
    assert "--schema" in bad.err
    assert down.code == 1
    assert "<redacted>" in down.err
    for run in (first, again, bad, down):
        assert SECRET not in run.out + run.err
