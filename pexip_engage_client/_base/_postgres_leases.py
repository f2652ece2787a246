"""`PostgresLeases`: the one lease (`_lease.py`) kept in PostgreSQL, for teams that run no Redis.

A turn is a row of the `leases` table (made on first use by `postgres.py`'s migration steps, in the
URL's schema): its holder's token, its fence (one more with every turn given, never reset: the row
stays when released), the epoch it was given in, and its expiry on the database's clock
(`clock_timestamp()`): hosts whose clocks disagree still agree on whose turn runs. Taking and
confirming are each one function call, atomic under the row's lock.

Never a session's advisory lock: it vanishes with its connection (a restart, `pg_terminate_backend`,
a cut), silently to a holder busy elsewhere, while the create it guards may still be in flight. A
row with an expiry outlives its connection; a holder whose connection dropped confirms on a new one
before it sends, and learns then whether its turn still holds.

The epoch marker (`lease_epoch`) is lost only with the tables (dropped, or a backup restored from
before them); then, as with Redis, a take writes a new one, and takers wait out the longest create
a holder of the old state could still have in flight while it is younger than a lease (the first
use too: it cannot be told from a loss).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from ._lease import Held, LeaseUnreachableError, RemoteLeases, json_object, new_token
from .postgres import described_error, migrate, quoted, require_psycopg, split_url, tables_gone

# How long an unreachable database may take to say so: a waiter's look-ups go on meanwhile, and a
# holder must learn before its lease could run out that it cannot confirm.
_CONNECT_TIMEOUT = 2  # libpq counts whole seconds, 2 at least
_COMMAND_TIMEOUT_MS = 1000


class PostgresLeases(RemoteLeases):
    """Turns among every process that reaches one PostgreSQL database (the `postgres` extra)."""

    _NOT_HELD = "it expired, or was taken over"
    _STATE_LOST = "PostgreSQL state that was lost (tables dropped)"

    def __init__(self, url: str, description: str) -> None:
        require_psycopg()
        super().__init__(description)
        self._conninfo, self._schema = split_url(url)
        self._connection: Any = None  # one connection per backend, made on first use (and again after a failure)
        self._migrated = False
        s = quoted(self._schema)
        self._take_sql = f"SELECT taken, number, epoch_now, settle_ms FROM {s}.lease_take(%s, %s, %s, %s)"
        self._confirm_sql = f"SELECT {s}.lease_confirm(%s, %s, %s, %s, %s)"
        self._release_sql = f"UPDATE {s}.leases SET token = NULL, expires = '-infinity' WHERE key = %s AND token = %s"
        self._describe = f"UPDATE {s}.leases SET about = %s WHERE key = %s AND token = %s"
        self._holder = (
            f"SELECT about FROM {s}.leases WHERE key = %s AND token IS NOT NULL AND expires > clock_timestamp()"
        )

    async def _take(self, key: str, token: str, ms: int) -> Any:
        return await self._one(self._take_sql, (key, token, ms, new_token()))

    async def _confirm(self, held: Held, ms: int) -> Any:
        (kept,) = await self._one(self._confirm_sql, (held.key, held.token, held.fence, held.epoch, ms))
        return kept

    async def _release(self, held: Held) -> Any:
        return await self._one(self._release_sql, (held.key, held.token), rows=False)

    async def describe(self, held: Held, about: Mapping[str, Any], seconds: float) -> None:
        """Say who holds the turn (JSON-able `about`) beside the lease, for a waiter's message."""
        await self._one(self._describe, (json.dumps(about), held.key, held.token), rows=False)

    async def holder_of(self, key: str) -> dict[str, Any]:
        """What the key's holder said about itself (`describe`); {} when nothing readable."""
        row = await self._one(self._holder, (key,), rows=True, optional=True)
        return json_object(row[0]) if row is not None else {}

    async def aclose(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()

    async def _one(self, statement: str, args: tuple[Any, ...], *, rows: bool = True, optional: bool = False) -> Any:
        """Run `statement` on this backend's connection; its first row. Any failure drops that
        connection (the next call makes a new one) and is `LeaseUnreachableError`.

        Tables found missing (the schema dropped since this backend made them) are made again and
        the statement run once more: a take then finds a new epoch marker and settles, a confirm
        finds the state lost (`LeaseLostError`); never a turn on a state it cannot see."""
        import psycopg  # noqa: PLC0415 - present: checked when made

        try:
            return await self._once(statement, args, rows=rows, optional=optional)
        except psycopg.Error as error:
            if not tables_gone(error):
                raise self._unreachable(error) from error
            self._migrated = False
        try:
            return await self._once(statement, args, rows=rows, optional=optional)
        except (psycopg.Error, OSError) as error:
            raise self._unreachable(error) from error

    async def _once(self, statement: str, args: tuple[Any, ...], *, rows: bool, optional: bool) -> Any:
        import psycopg  # noqa: PLC0415 - present: checked when made

        connection = None
        try:
            connection = await self._connected()
            cursor = await connection.execute(statement, args)
            row = await cursor.fetchone() if rows else None
        except psycopg.Error:
            await self._drop(connection)
            raise
        except OSError as error:
            await self._drop(connection)
            raise self._unreachable(error) from error
        if rows and row is None and not optional:
            raise LeaseUnreachableError(f"{self._description} answered nothing")
        return row

    def _unreachable(self, error: BaseException) -> LeaseUnreachableError:
        # Never the driver's text as it is: libpq may quote the URL's password in it.
        return LeaseUnreachableError(f"{self._description} cannot be reached: {described_error(error, self._conninfo)}")

    async def _connected(self) -> Any:
        """The backend's connection, made now if there is none. Tasks (or threads) that find none at
        once each make one; the first kept wins and the others are closed."""
        import psycopg  # noqa: PLC0415 - present: checked when made

        current = self._connection
        if current is not None:
            return current
        made = await psycopg.AsyncConnection.connect(
            self._conninfo,
            autocommit=True,
            connect_timeout=_CONNECT_TIMEOUT,
            # A statement, or a cut connection, fails within a second rather than hang a turn.
            options=f"-c statement_timeout={_COMMAND_TIMEOUT_MS}",
            tcp_user_timeout=_COMMAND_TIMEOUT_MS,
        )
        try:
            if not self._migrated:
                await migrate(made, self._schema)
                self._migrated = True
        except BaseException:
            await made.close()
            raise
        kept = self._connection
        if kept is None:
            self._connection = made
            return made
        await made.close()
        return kept

    async def _drop(self, connection: Any) -> None:
        """Forget `connection` (if it is still the backend's) and close it: it failed."""
        if connection is None:
            return
        if self._connection is connection:
            self._connection = None
        with contextlib.suppress(Exception):  # thrown away: how it ends does not matter
            await connection.close()
