"""`pexip-engage postgres migrate`: make and bring up to date the client's tables in PostgreSQL, at deploy.

The only place the client runs DDL: at run time a feature only reads its tables' version, so the application's
role may not create (docs/cli.md, "postgres migrate"). Run as the schema's owner: each room's steps not yet run,
a transaction a room; `--grant ROLE` gives the application's role its rights; then the schema's lease state is
settled as `limits prepare` does. Never prints the password.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from ._arguments import positive_float
from ._exit import FAILURE, CommandError, failure_code, missing_extra
from ._limits_prepare import prepare

if TYPE_CHECKING:
    from pexip_engage_client._shared.postgres import Migrations

    from ._context import Context

URL_VARIABLE = "PEXIP_ENGAGE_POSTGRES_URL"


def configure(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--url", default=None, help=f"the database, postgresql://user@host/db (default: ${URL_VARIABLE})")
    add("--schema", default=None, help="the schema of its tables (default: the URL's ?schema=, else pexip_engage)")
    add(
        "--grant",
        default=None,
        metavar="ROLE",
        help="give the application's role ROLE its rights on the schema: USAGE on it, SELECT, INSERT, UPDATE,"
        " DELETE on its tables, USAGE, SELECT, UPDATE on its sequences, EXECUTE on its functions (and on what"
        " later steps make)",
    )
    add(
        "--timeout",
        type=positive_float,
        default=None,
        help="the longest timeout the processes' clients use, in seconds (default: the client's, 35 s an attempt)",
    )


def rooms() -> tuple[Migrations, ...]:
    """Every room's tables: the client's, as the PostgreSQL engine names them (`_shared/postgres_rooms.py`), then the
    command line's own (the MCP server's)."""
    from pexip_engage_client._shared.postgres_rooms import every_room  # noqa: PLC0415 - the client loads to run

    from . import _mcp_tables  # noqa: PLC0415 - not the `_mcp` package: no MCP SDK needed

    return (*every_room(), _mcp_tables.MIGRATIONS)


def migrate_schema(conninfo: str, schema: str, role: str | None = None) -> int:
    """Run every room's steps not yet run in `schema` (and give `role` its rights); how many ran. psycopg's
    errors as they are: the caller says them without the password."""
    import psycopg  # noqa: PLC0415 - the extra: checked by the caller

    from pexip_engage_client._shared._sync.postgres import grant, migrate_blocking  # noqa: PLC0415

    with psycopg.connect(conninfo, connect_timeout=10) as connection:
        ran = sum(migrate_blocking(connection, schema, room) for room in rooms())
        if role is not None:
            grant(connection, schema, role)
        connection.commit()
    return ran


def run(options: argparse.Namespace, context: Context) -> int:
    from pexip_engage_client._base.redaction import redacted_url  # noqa: PLC0415
    from pexip_engage_client._base.shared_urls import described_error, is_postgres_url  # noqa: PLC0415
    from pexip_engage_client._shared import postgres  # noqa: PLC0415 - the client loads to run

    url = options.url or os.environ.get(URL_VARIABLE, "")
    if not is_postgres_url(url):
        raise CommandError(f"--url must be a postgresql:// or postgres:// URL (or set {URL_VARIABLE})")
    try:
        postgres.require_psycopg()
    except ImportError as exc:
        raise missing_extra("postgres migrate", "postgres", exc) from None
    import psycopg  # noqa: PLC0415

    if options.grant is not None and not options.grant.strip():
        raise CommandError("--grant: give the name of the application's role")
    conninfo, schema = _split(url, options.schema)
    shown = redacted_url(url)
    try:
        ran = migrate_schema(conninfo, schema, options.grant)
    except psycopg.errors.UndefinedObject as exc:
        if options.grant is None:
            raise CommandError(f"migrating {shown} failed: {described_error(exc, url)}", failure_code(exc)) from None
        raise CommandError(f"--grant: there is no role {options.grant!r} in {shown}", FAILURE) from None
    except psycopg.Error as exc:
        # Never the driver's text as it is (libpq may quote the password); the URL is shown redacted.
        raise CommandError(f"migrating {shown} failed: {described_error(exc, url)}", failure_code(exc)) from None
    total = sum(len(room.steps) for room in rooms())
    granted = f"; role {options.grant} granted its rights" if options.grant is not None else ""
    print(f"schema {schema} of {shown}: {ran} step(s) run, {total} in all{granted}")
    return prepare(url if options.schema is None else _with_schema(url, schema), options.timeout)


def _split(url: str, given: str | None) -> tuple[str, str]:
    """The connection string and the schema: a given --schema overrides the URL's, checked as it is, never spliced
    into it ('a&b' is no schema 'a')."""
    from pexip_engage_client._base.shared_urls import split_url  # noqa: PLC0415 - the client loads to run

    try:
        return split_url(url, given)
    except ValueError as exc:  # a given schema is checked before the URL is read: its refusal names --schema
        named = given is not None and str(exc).startswith("schema: ")
        raise CommandError(f"--schema: {str(exc).removeprefix('schema: ')}" if named else f"--url: {exc}") from None


def _with_schema(url: str, schema: str) -> str:
    """`url` with `?schema=` naming `schema` (a given `--schema` wins over the URL's)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit  # noqa: PLC0415

    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != "schema"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("schema", schema)])))
