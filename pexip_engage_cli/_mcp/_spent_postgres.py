"""Spent confirmations in PostgreSQL, for deployments whose replicas share a database and no Redis.

A claim is one INSERT into `mcp_confirmations`: its primary key lets only the first caller's land, and a row
whose claim ended is taken over by the same statement. Its time is the database's clock, so replicas whose
clocks disagree still agree. `mcp` reads the schema's version once at start (`ready`), so a schema missing
or behind fails there rather than at the first confirmed write.
"""

from __future__ import annotations

from typing import Any

from pexip_engage_client._leasing._claims import SqlClaim
from pexip_engage_client._shared.postgres import Pool, quoted

from .._mcp_tables import MIGRATIONS
from ._spent import PENDING, ClosedWithLastSession, SpentStoreError

_CONFIRMATION = SqlClaim("answer", "expires")
_NOW = "clock_timestamp()"


class PostgresSpent(ClosedWithLastSession):
    """Spent confirmations in PostgreSQL, shared by every server process that names the same database."""

    def __init__(self, url: str) -> None:
        """`ValueError` for a URL libpq cannot read (never quoting it) or without the `postgres` extra."""
        try:
            self._pool = Pool(url, MIGRATIONS, size=4, wait=5.0, statement_timeout=5.0)
        except ImportError as exc:
            raise ValueError(str(exc)) from None
        table = f"{quoted(self._pool.schema)}.mcp_confirmations"
        until = "clock_timestamp() + make_interval(secs => %s)"
        claim = _CONFIRMATION
        self._claim = (
            f"WITH expired AS (DELETE FROM {table} WHERE {claim.free(_NOW)} AND key <> %s) "
            f"INSERT INTO {table} AS c (key, answer, expires) VALUES (%s, %s, {until}) ON CONFLICT (key) DO UPDATE"
            f" SET {claim.take('excluded.answer', 'excluded.expires')} WHERE {claim.of('c').free(_NOW)} RETURNING 1"
        )
        self._finish = f"UPDATE {table} SET answer = %s, expires = {until} WHERE key = %s"
        self._first = f"SELECT answer FROM {table} WHERE key = %s AND {claim.running(_NOW)}"

    def __repr__(self) -> str:
        return "PostgresSpent(...)"  # the URL may hold a password

    async def _aclose(self) -> None:
        # An asyncio pool belongs to its event loop: left open after its loop's last session, it keeps
        # reconnecting in it. A session that starts later opens a new one.
        await self._pool.aclose()

    async def claim(self, key: str, seconds: int) -> bool:
        return await self._run(self._claim, (key, key, PENDING, float(seconds))) is not None

    async def finish(self, key: str, answer: str, seconds: int) -> None:
        await self._run(self._finish, (answer, float(seconds), key))

    async def first(self, key: str) -> str | None:
        row = await self._run(self._first, (key,))
        return None if row is None else str(row[0])

    async def ready(self) -> None:
        """Read the table once (its version first, as every call does): `SpentStoreError` saying why when it
        cannot be used."""
        await self.first("")

    async def _run(self, statement: str, args: tuple[Any, ...]) -> Any:
        """`statement`'s first row (None when none)."""
        import psycopg  # noqa: PLC0415 - present: checked when made

        from pexip_engage_client._shared.postgres_errors import SchemaNotMigratedError  # noqa: PLC0415 - likewise

        try:
            return await self._pool.row(statement, args)
        except (SchemaNotMigratedError, psycopg.OperationalError) as exc:
            # The pool's own: what to do or what failed, and where (the database, redacted, and the schema).
            raise SpentStoreError(f"{type(exc).__name__}: {exc}") from None
        except (psycopg.Error, OSError) as exc:
            raise SpentStoreError(type(exc).__name__) from None
