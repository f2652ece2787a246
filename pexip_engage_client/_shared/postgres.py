"""PostgreSQL, the client's one way to it: its URLs, a pool per process under one failure rule, and each room's tables.

A URL is libpq's plus `schema` (default `pexip_engage`). A room's `Migrations` run only at deploy, by
`pexip-engage postgres migrate` as the schema's owner, each step once under an advisory lock; at run time nothing is
created: a pool's first connection refuses a schema missing or behind (`check_version`), so the application's role
needs no right to create (docs/deploying.md). A released step is never edited. psycopg 3 (the `postgres` extra) is
imported only by its users.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from .._base.processes import PerProcess
from .._base.redaction import POSTGRES_SCHEMES, redacted_url
from .._base.shared_urls import described_error, split_url

SCHEMES = POSTGRES_SCHEMES  # written in redaction.py, which reads them too
EXTRA_HINT = 'a postgresql:// URL needs the "postgres" extra: pip install "pexip-engage-client[postgres]"'


# SQLSTATEs of a schema, table or function missing: the tables dropped under a running process, which
# makes them again rather than fail until restarted.
TABLES_GONE = frozenset({"3F000", "42P01", "42883"})


def quoted(schema: str) -> str:
    """The schema's name as SQL: checked by `split_url`, quoted all the same."""
    return f'"{schema}"'


@dataclass(frozen=True)
class Migrations:
    """A room's tables: its steps in order (`{schema}` is the quoted schema's name), each run once.

    `room` names the row of the `migrations` table counting them. `shared`: the steps' numbers in
    the one list of every room's steps that earlier releases ran (a schema they made has a
    `migrations` row without a room: how far that list ran); a room with no row yet counts those run.
    """

    room: str
    steps: tuple[str, ...]
    shared: tuple[int, ...] = ()


_PREPARE = [
    "SELECT pg_advisory_xact_lock(hashtext(%s))",
    "CREATE SCHEMA IF NOT EXISTS {schema}",
    "CREATE TABLE IF NOT EXISTS {schema}.migrations (version integer NOT NULL)",
    # Only where missing (a schema of an earlier release): an ALTER needs the table's owner.
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '{schema}.migrations'::regclass AND attname = 'room')
        THEN ALTER TABLE {schema}.migrations ADD COLUMN room text UNIQUE; END IF;
    END $$""",
]


def _versions(rows: list[Any]) -> dict[str | None, int]:
    """The `migrations` table's rows (each as JSON: a table of an earlier release has no `room`) by room."""
    return {row.get("room"): int(row["version"]) for (row,) in rows}


def _done(versions: dict[str | None, int], migrations: Migrations) -> int:
    """How many of the room's steps `versions` says were run (a room with no row yet: the shared list's)."""
    return versions.get(migrations.room, sum(1 for step in migrations.shared if step <= versions.get(None, 0)))


async def migrate(connection: Any, schema: str, migrations: Migrations) -> int:
    """Run the room's steps not yet run, in one transaction (on a psycopg connection); how many ran.
    DDL: only `pexip-engage postgres migrate` (and tests standing in for it) calls this."""
    name = quoted(schema)
    async with connection.transaction():
        for statement in _PREPARE:
            lock = (f"pexip_engage migrations {schema}",) if "%s" in statement else None
            await connection.execute(statement.format(schema=name), lock)
        versions = _versions(
            await (await connection.execute(f"SELECT to_jsonb(m) FROM {name}.migrations AS m")).fetchall()
        )
        done = _done(versions, migrations)
        for step in migrations.steps[done:]:
            await connection.execute(step.format(schema=name).encode())
        if migrations.room not in versions or done < len(migrations.steps):
            await connection.execute(
                f"INSERT INTO {name}.migrations (room, version) VALUES (%s, %s)"
                " ON CONFLICT (room) DO UPDATE SET version = excluded.version",
                (migrations.room, len(migrations.steps)),
            )
    return len(migrations.steps) - done


# The rights an application's role needs, and no more: to reach the schema, read and write the rows
# of its tables, and draw from their sequences (identity columns). The functions' EXECUTE is PUBLIC's
# by default; it is granted too, for a database whose DBA revoked that.
APPLICATION_RIGHTS = (
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {schema} TO {role}",
    # What later steps make (run by this same owner) is the role's too, without another --grant.
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT EXECUTE ON FUNCTIONS TO {role}",
)


async def grant(connection: Any, schema: str, role: str) -> None:
    """Give `role` the application's rights on the schema (`APPLICATION_RIGHTS`), in one transaction;
    psycopg's `UndefinedObject` when there is no such role."""
    from psycopg import sql  # noqa: PLC0415 - present: the caller connected with it

    async with connection.transaction():
        for statement in APPLICATION_RIGHTS:
            await connection.execute(
                sql.SQL(statement).format(schema=sql.Identifier(schema), role=sql.Identifier(role))
            )


async def check_version(connection: Any, schema: str, migrations: Migrations, shown: str) -> None:
    """Read (never make) the room's version in the schema; `SchemaNotMigratedError` when the schema, its
    `migrations` table or the room's steps are missing or behind. `shown`: the database, redacted."""
    from .postgres_errors import SchemaNotMigratedError  # noqa: PLC0415 - the extra, present with the pool

    name = quoted(schema)
    needed = len(migrations.steps)
    found = await (
        await connection.execute(
            "SELECT to_regnamespace(%s) IS NOT NULL, to_regclass(%s) IS NOT NULL", (name, f"{name}.migrations")
        )
    ).fetchone()
    if not found[0]:
        missing = f"schema {schema} does not exist in {shown}"
    elif not found[1]:
        missing = f"schema {schema} of {shown} has no migrations table"
    else:
        versions = _versions(
            await (await connection.execute(f"SELECT to_jsonb(m) FROM {name}.migrations AS m")).fetchall()
        )
        done = _done(versions, migrations)
        if done >= needed:  # a later release's steps are only ever additions
            return
        raise SchemaNotMigratedError(
            f"schema {schema} of {shown}: the {migrations.room} tables are at version {done}, this release"
            f" needs version {needed}: run `pexip-engage postgres migrate` (as the schema's owner)"
        )
    raise SchemaNotMigratedError(
        f"{missing}: the {migrations.room} tables are at version none, this release needs version {needed}:"
        " run `pexip-engage postgres migrate` (as the schema's owner), or check the URL's ?schema="
    )


@dataclass
class _Held:
    """A process's pool of a `Pool`, and what it learnt."""

    pool: Any = None
    checked: bool = False  # the room's version read, and current
    down_until: float = 0.0  # time.monotonic() before which calls fail at once
    down_because: str = ""


class Pool:
    """A room's psycopg pool on the database `url` names: one per process, its tables' version read on first use.

    The one failure rule: a connection that failed to answer (`OperationalError`: a restart, a cut, a
    timeout; not a statement cancelled at its bound, whose connection answered) condemns its pool
    (after a restart every pooled connection is dead), which is discarded; the call fails as
    `OperationalError` and is never sent again, so a write is never doubled, and for a second after,
    calls fail at once. Tables found missing are never made: the room's version is read again, and a
    schema dropped or behind is refused as at start (`check_version`); else the statement is run once
    more (it failed before it wrote). `wait`: seconds a call waits for a connection; `statement_timeout`:
    how long a statement, or a cut connection, may take to fail.
    """

    def __init__(self, url: str, migrations: Migrations, *, size: int, wait: float, statement_timeout: float) -> None:
        require_psycopg()
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415 - present: checked above

        self.conninfo, self.schema = split_url(url)
        self.shown = redacted_url(self.conninfo)  # host, port and database; never the password
        self._migrations = migrations
        self._size, self._wait = size, wait
        # Autocommit (the steps that need a transaction say so); libpq's connect_timeout is 2 s at least.
        self._kwargs: dict[str, Any] = {"autocommit": True, "connect_timeout": max(2, round(wait))}
        # Every room's: no wait unbounded, a statement behind another transaction's lock, or a cut connection, fails.
        # Joined to the URL's own `options`, which a keyword would replace; the URL's last, so that they win.
        ms = round(statement_timeout * 1000)
        given = conninfo_to_dict(self.conninfo).get("options") or ""
        self._kwargs |= {"options": f"-c statement_timeout={ms} {given}".strip(), "tcp_user_timeout": ms}
        self._held: PerProcess[_Held] = PerProcess(_Held)

    def described(self, error: BaseException) -> str:
        """`error` as it may be shown (`described_error`), and where: the database and the schema."""
        from .postgres_errors import SchemaNotMigratedError  # noqa: PLC0415 - present: checked when made

        if isinstance(error, SchemaNotMigratedError):  # says where itself
            return str(error)
        where = f"(on {self.shown}, schema {self.schema})"
        said = described_error(error, self.conninfo)
        return said if said.endswith(where) else f"{said} {where}"  # a pool's failure says where already: once

    def located(self, error: BaseException) -> str:
        """`error`'s text (only when it holds no password) and where: the database, redacted, and the schema."""
        shown = described_error(error, self.conninfo).partition(": ")[2] or type(error).__name__
        return f"{shown} (on {self.shown}, schema {self.schema})"

    def _new_pool(self) -> Any:
        from psycopg_pool import AsyncConnectionPool  # noqa: PLC0415 - present: checked when made

        return AsyncConnectionPool(
            self.conninfo,
            min_size=1,
            max_size=self._size,
            open=False,
            timeout=self._wait,
            kwargs=self._kwargs,
            name=f"pexip-engage-{self._migrations.room}",
        )

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Any]:
        """A connection of this process's pool, the room's tables made first, under the failure rule."""
        import psycopg  # noqa: PLC0415 - present: checked when made

        from .postgres_errors import SchemaNotMigratedError  # noqa: PLC0415 - the extra, present with the pool

        held = self._held.get()
        if time.monotonic() < held.down_until:
            raise psycopg.OperationalError(f"the database was not reached a moment ago: {held.down_because}")
        pool = held.pool
        try:
            if pool is None:
                # One connection made directly first: a refusal (a wrong password, no such database) fails at once in
                # the server's words, where the pool would wait out `wait` and say only that it got none.
                await (await psycopg.AsyncConnection.connect(self.conninfo, **self._kwargs)).close()
                pool = self._new_pool()
                await pool.open(wait=False)
                if held.pool is None:
                    held.pool = pool
                else:  # another task (or thread) made one meanwhile: the first kept wins
                    await pool.close(timeout=0)
                    pool = held.pool
            async with pool.connection() as connection:
                if not held.checked:
                    await check_version(connection, self.schema, self._migrations, self.shown)
                    held.checked = True
                yield connection
        except SchemaNotMigratedError:
            # Refused, the pool goes as after a failed connection, its workers awaited (the database answers: they
            # stop at once): a caller told to migrate may never close it, and its tasks left to the event loop's
            # end would each be a stray line at exit.
            if held.pool is pool:
                held.pool = None
            if pool is not None:
                await pool.close()
            raise
        except psycopg.OperationalError as error:
            # A statement cancelled at its bound says nothing of the connection, which answered: one
            # stuck step must not fail every other call for a second, nor cost the pool.
            if not isinstance(error, psycopg.errors.QueryCanceled):
                held.down_until, held.down_because = time.monotonic() + 1.0, self.described(error)
                if held.pool is pool:
                    held.pool = None
                if pool is not None:
                    await pool.close(timeout=0)
            # Named where: the database (its password redacted) and the schema, as a pool's timeout is not.
            raise psycopg.OperationalError(self.located(error)) from error

    async def rows(self, statement: str, args: Any = None) -> list[Any]:
        """The statement's rows (none when it returns none)."""
        return (await self._run(statement, args))[0]

    async def row(self, statement: str, args: Any = None) -> Any:
        """The statement's first row, or None."""
        return next(iter(await self.rows(statement, args)), None)

    async def changed(self, statement: str, args: Any = None) -> int:
        """How many rows the statement changed."""
        return (await self._run(statement, args))[1]

    async def _run(self, statement: str, args: Any) -> tuple[list[Any], int]:
        """The statement's rows and how many it changed."""
        import psycopg  # noqa: PLC0415 - present: checked when made

        try:
            return await self._once(statement, args)
        except psycopg.Error as error:
            if getattr(error, "sqlstate", None) not in TABLES_GONE:
                raise
            self._held.get().checked = False  # read again: a schema dropped or behind is said so
        return await self._once(statement, args)

    async def _once(self, statement: str, args: Any) -> tuple[list[Any], int]:
        async with self.connection() as connection:
            cursor = await connection.execute(statement, args)
            return ([] if cursor.description is None else list(await cursor.fetchall())), cursor.rowcount

    async def aclose(self) -> None:
        """Close this process's pool (none in a forked child: the parent's is not closed from here)."""
        held = self._held.clear()
        if held is not None and held.pool is not None:
            await held.pool.close()


def require_psycopg() -> None:
    """Raise an `ImportError` that names the extra when psycopg is missing."""
    try:
        import psycopg  # noqa: F401, PLC0415 - the extra is imported only by those who use it
        import psycopg_pool  # noqa: F401, PLC0415
    except ImportError:
        raise ImportError(EXTRA_HINT) from None
