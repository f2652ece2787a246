"""Every PostgreSQL feature as operators run it: `postgres migrate --grant app` by the schema's owner at
deploy, then each feature as `app`, a role that may create nothing (no CREATE on the database, none on
`public`, only the rights `--grant` gives). Nothing is made or altered at run time: a schema missing or
behind is refused, naming it, the versions and `postgres migrate`; a read of a mistyped schema makes
nothing (docs/deploying.md, "Running it in production")."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from pexip_engage_cli._mcp._spent_postgres import PostgresSpent
from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client._shared.postgres import Migrations, quoted
from pexip_engage_client._shared.postgres_errors import SchemaNotMigratedError
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.provisioning._lock import apply_lock
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks._stores._postgres import MIGRATIONS as WEBHOOK_MIGRATIONS
from pexip_engage_client.webhooks._stores._postgres import PostgresStore

from ..support.cli import Cli
from ..support.ensure_bodies import APPOINTMENT
from ..support.ensure_bodies import seed_references as seed_ensure_references
from ..support.lease_state import aged_lease_state
from ..support.mirror import SECRET, seed, seed_references
from ..support.postgres_server import PostgresServer, application_role, migrated, postgres_server

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

# What the role may touch, read by the owner: every object of the schema (a run-time DDL would add or alter one).
OBJECTS = (
    "SELECT c.relname, c.relkind, c.relnatts, c.relacl::text FROM pg_class AS c"
    " JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = %s ORDER BY 1"
)


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with postgres_server() as running:
        yield running


def migrated_for_app(server: PostgresServer, capsys: pytest.CaptureFixture[str] | None) -> tuple[str, str, str]:
    """A new schema, migrated by the owner with `--grant app` (the command itself, given `capsys`; else its
    function, in an event loop's test): (the owner's URL, the app's URL, the schema)."""
    schema = f"app_{uuid.uuid4().hex[:12]}"
    app = application_role(server)
    owner_url = f"{server.url}?schema={schema}"
    if capsys is None:
        migrated(owner_url, "app")
    else:
        # `--timeout 1`: the settle of the lease state that ends a migrate waits out one lease of the clients'
        # timeout (36 s with the default 35 s); that wait is tests/limits/test_limits_prepare.py's to prove.
        run = Cli(capsys)("postgres", "migrate", "--url", owner_url, "--grant", "app", "--timeout", "1")
        assert run.code == 0, run.err
        assert "role app granted its rights" in run.out
    return owner_url, f"{app}?schema={schema}", schema


def objects(server: PostgresServer, schema: str) -> list[tuple[object, ...]]:
    with psycopg.connect(server.url) as connection:
        return connection.execute(OBJECTS, (schema,)).fetchall()


def schemas(server: PostgresServer) -> set[str]:
    with psycopg.connect(server.url) as connection:
        return {row[0] for row in connection.execute("SELECT nspname FROM pg_namespace").fetchall()}


async def test_every_postgres_feature_works_as_a_role_that_may_create_nothing(
    server: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    owner_url, app_url, schema = migrated_for_app(server, None)
    aged_lease_state(owner_url)  # a state long in use: the ensure does not wait out a first lease
    before = objects(server, schema)
    # The role is what it says: it may not create, in the schema or beside it.
    conninfo, _ = split_url(app_url)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        for ddl in (f"CREATE TABLE {quoted(schema)}.x (a int)", "CREATE SCHEMA elsewhere", "CREATE TABLE public.x ()"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(ddl)

    caplog.set_level(logging.WARNING)
    fake = seed_ensure_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    seed_references(fake)
    seed(fake, 3, starting=datetime.now(UTC) + timedelta(days=3))
    # The shared limits and the ensure's turns (a lease), through the client as users call it.
    governor = Governor(shared=app_url, rate=1000)
    try:
        async with PexipEngage("acme", token="t", transport=fake, governor=governor) as engage:
            body = {**APPOINTMENT, "externalId": f"CRM-{uuid.uuid4().hex}"}
            first = await engage.appointments.ensure_appointment(body)
            again = await engage.appointments.ensure_appointment(body)
            assert (first.outcome.name, again.outcome.name) == ("CREATED", "FOUND")
            # The mirror, its receiver's webhook store in the same schema, its status and its check.
            mirror = AppointmentMirror(app_url, secret=SECRET, client=engage, catch_up_every=None)
            async with mirror:
                caught = await mirror.catch_up(everything=True)
                status = await mirror.status()
                checked = await mirror.check()
            assert caught.listed >= 3  # the three seeded (and the ensured one, when in the window)
            assert status.last_catch_up is not None
            assert checked.differences == ()
    finally:
        await governor.aclose()
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []

    async with apply_lock("acme", app_url):  # provisioning's apply lock, a lease of its own
        pass
    # The webhook store on its own: an event added, claimed and settled.
    store = PostgresStore(app_url)
    await store.open()
    try:
        assert await store.add("event-1", b"{}", subject="a-1", updated_at=1, now=1.0) is not None
        assert await store.due(2.0, 10) == ["event-1"]
        assert await store.claim("event-1", "worker", 2.0, 30.0) is not None
        await store.settle("event-1", "worker", "handled", order=None, now=3.0)
        assert await store.status("event-1") == "handled"
        # What `webhooks status` reads: a refusal noted, and counted, as the application's role.
        await store.note("refused", "wrong or missing key", 4.0)
        tallies = await store.tallies()
        assert (tallies.waiting, tallies.failed, tallies.refused, tallies.last_refused) == (
            0,
            0,
            1,
            "wrong or missing key",
        )
    finally:
        await store.close()
    # The MCP server's spent confirmations.
    spent = PostgresSpent(app_url)
    assert await spent.claim("confirmation-1", 60) is True
    assert await spent.claim("confirmation-1", 60) is False
    await spent.finish("confirmation-1", "done", 60)
    assert await spent.first("confirmation-1") == "done"
    await spent._aclose()

    with psycopg.connect(server.url) as connection:
        kept = connection.execute(
            f"SELECT (SELECT count(*) FROM {quoted(schema)}.leases), (SELECT count(*) FROM {quoted(schema)}.limit_pace)"  # noqa: S608
        ).fetchone()
    assert kept is not None
    assert kept[0] >= 2  # the ensure's turn and the apply lock were leases in the schema
    assert kept[1] >= 1  # the calls were paced by the shared limits, not per process
    assert objects(server, schema) == before  # nothing made nor altered at run time


async def test_a_schema_behind_is_refused_naming_it_the_versions_and_postgres_migrate(server: PostgresServer) -> None:
    _, app_url, schema = migrated_for_app(server, None)
    with psycopg.connect(server.url, autocommit=True) as connection:
        connection.execute(f"UPDATE {quoted(schema)}.migrations SET version = 1 WHERE room = 'webhooks'")  # noqa: S608
    before = objects(server, schema)
    store = PostgresStore(app_url)
    with pytest.raises(SchemaNotMigratedError) as refused:
        await store.open()
    await store.close()
    said = str(refused.value)
    assert f"schema {schema} of postgresql://app@127.0.0.1:{server.port}/postgres" in said
    needed = len(WEBHOOK_MIGRATIONS.steps)  # as the release holds them
    assert f"at version 1, this release needs version {needed}" in said
    assert "run `pexip-engage postgres migrate`" in said
    assert objects(server, schema) == before


MISTYPED_READS = [
    ("mirror", "status", "--database"),
    ("mirror", "check", "--database"),
    ("mirror", "cursors", "--database"),
    ("webhooks", "status", "--store"),
    ("webhooks", "failed", "--store"),
]


@pytest.mark.parametrize("command", MISTYPED_READS, ids=[" ".join(command[:2]) for command in MISTYPED_READS])
def test_a_read_of_a_mistyped_schema_makes_nothing_and_says_what_is_missing_in_one_line(
    server: PostgresServer, command: tuple[str, ...]
) -> None:
    """In a process of its own, as run: the one line is all it prints (a pool left to its event loop's end
    printed "Task was destroyed but it is pending!" and a traceback after it)."""
    import os
    import subprocess
    import sys

    from ..support.spec import ROOT

    # As the owner, who could create it: a read never does.
    typo = f"reportng_{uuid.uuid4().hex[:8]}"
    extra = ["--base-url", "http://127.0.0.1:9", "--enterprise", "acme"] if command[1] == "check" else []
    ran = subprocess.run(
        [sys.executable, "-m", "pexip_engage_cli", *command, f"{server.url}?schema={typo}", *extra],
        env={**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_TOKEN": "t"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 1
    assert f"schema {typo} does not exist in postgresql://postgres@127.0.0.1:{server.port}/postgres" in ran.stderr
    assert "pexip-engage postgres migrate" in ran.stderr
    assert ran.stderr.count("\n") == 1, ran.stderr
    assert typo not in schemas(server)


def test_what_later_steps_make_is_the_roles_too_and_a_grant_to_no_role_is_refused(
    server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url, app_url, schema = migrated_for_app(server, capsys)
    from pexip_engage_client._shared._sync.postgres import migrate_blocking

    later = Migrations("later", ("CREATE TABLE {schema}.later (id bigint GENERATED ALWAYS AS IDENTITY, a text);",))
    with psycopg.connect(server.url) as connection:  # a later release's step, run as the owner, with no --grant
        migrate_blocking(connection, schema, later)
    with psycopg.connect(split_url(app_url)[0], autocommit=True) as connection:
        connection.execute(f"INSERT INTO {quoted(schema)}.later (a) VALUES ('x')")  # noqa: S608
        assert connection.execute(f"SELECT a FROM {quoted(schema)}.later").fetchall() == [("x",)]  # noqa: S608
    cli = Cli(capsys)
    again = cli("postgres", "migrate", "--url", owner_url, "--grant", "app", "--timeout", "1")  # as above
    nobody = cli("postgres", "migrate", "--url", owner_url, "--grant", "nobody")
    assert again.code == 0
    assert "0 step(s) run" in again.out
    assert nobody.code == 1
    assert "--grant: there is no role 'nobody'" in nobody.err


def test_webhooks_listen_on_a_schema_never_migrated_exits_1_naming_it(server: PostgresServer) -> None:
    import os
    import subprocess
    import sys

    from ..support.loopback import free_port
    from ..support.spec import ROOT

    typo = f"hooks_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": "a-secret"}
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "webhooks",
            "listen",
            "--port",
            str(free_port()),
            "--store",
            f"{application_role(server)}?schema={typo}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 1, ran.stderr
    assert f"schema {typo} does not exist" in ran.stderr
    assert "pexip-engage postgres migrate" in ran.stderr
    assert typo not in schemas(server)


async def test_shared_limits_on_a_schema_never_migrated_say_so_naming_it_and_postgres_migrate(
    server: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    typo = f"limits_{uuid.uuid4().hex[:8]}"
    fake = seed_ensure_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    governor = Governor(shared=f"{application_role(server)}?schema={typo}", rate=1000)
    caplog.set_level(logging.WARNING)
    try:
        async with PexipEngage("acme", token="t", transport=fake, governor=governor) as engage:
            await engage.subjects.get_subjects()
    finally:
        await governor.aclose()
    said = " ".join(record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING)
    assert f"schema {typo} does not exist" in said
    assert "pexip-engage postgres migrate" in said
    assert typo not in schemas(server)
