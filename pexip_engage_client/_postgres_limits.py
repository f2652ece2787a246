"""`PostgresLimits`: the shared limits of `RedisLimits`, kept in PostgreSQL for teams that run no Redis.

The same three pieces of state, as rows of the schema the URL names (`?schema=`, default
`pexip_engage`; made on first use by `_base/postgres.py`'s migration steps): `limit_slots`, one row
per slot lease with its expiry; `limit_pace`, per limit the earliest start of the next request
(GCRA's theoretical arrival time) and the end of any pause. A permit is one call of the function
`limit_acquire`, which locks the limit's pace row (the takers of one limit take turns for the
milliseconds it runs) and reads `clock_timestamp()` once it holds it: every time is the database's,
so machines whose clocks disagree still agree. A freed slot is announced with `NOTIFY`, which a
waiting process `LISTEN`s to (polling covers a lost one); everything else, from the waiting and
the renewing to the fork handling and the fallback when the database fails, is `RedisLimits`'s.

A slot is a row with an expiry, never a session's lock: a connection that drops (a restart,
`pg_terminate_backend`) takes nothing with it, and a process that stopped keeps its slots until
their leases end, as with Redis.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from ._base.postgres import described_error, migrate, quoted, require_psycopg, split_url, tables_gone
from ._redis_limits import _LISTEN_IDLE, _SLOT_POLL, RedisLimits, SharedLimitsUnavailable

logger = logging.getLogger("pexip_engage_client")

__all__ = ["PostgresLimits", "SharedLimitsUnavailable"]

# How long a failing database may take to say so (seconds): a request waiting for its slot must not
# hang on it. libpq's connect_timeout counts whole seconds, 2 at least.
_CONNECT_TIMEOUT = 2
_COMMAND_TIMEOUT_MS = 1000


class PostgresLimits(RedisLimits):
    """Calls in flight, a per-minute budget and pauses, shared through PostgreSQL by every process using `key`.

    Args:
        url: The PostgreSQL URL (`postgresql://` or `postgres://`, as libpq reads it, with `schema=`).
        key: What the processes sharing one limit have in common (one per enterprise and API host).
        max_in_flight: At most this many requests on their way at once, over all processes.
        per_minute: At most this many requests start in any 60 seconds, over all processes.
        lease_seconds: How long a slot outlives a process that died holding it, at least.
        prefix: The start of the limit's name in the tables.

    Raises:
        ImportError: The `postgres` extra is not installed.
        ValueError: An argument is out of range.
    """

    _backend_name = "PostgreSQL"

    def _connect_to(self, url: str, *, key: str, prefix: str) -> None:
        require_psycopg()
        import psycopg  # noqa: PLC0415 - the extra is imported only by those who use it

        self._errors = (psycopg.Error, OSError)
        self._conninfo, self._schema = split_url(url)
        self._name = f"{prefix}:{key}"
        # A channel is an identifier of at most 63 bytes: the limit's name, hashed.
        self._notify_channel = (
            "pexip_engage_" + hashlib.sha256(f"{self._schema} {self._name}".encode()).hexdigest()[:32]
        )
        s = quoted(self._schema)
        self._sql = {
            "acquire": f"SELECT granted, wait_ms FROM {s}.limit_acquire(%s, %s, %s, %s, %s)",
            "release": (
                f"WITH gone AS (DELETE FROM {s}.limit_slots WHERE name = %s AND holder = %s RETURNING 1)"
                " SELECT pg_notify(%s, '1') FROM gone"
            ),
            # Only ever later: a lease taken for a long request keeps its own expiry.
            "renew": (
                f"UPDATE {s}.limit_slots SET expires = greatest(expires, clock_timestamp()"
                " + make_interval(secs => %s / 1000)) WHERE name = %s AND holder = ANY(%s)"
                " AND expires > clock_timestamp() RETURNING holder"
            ),
            # The later end of a pause wins; the budget restarts after it.
            "pause": (
                f"INSERT INTO {s}.limit_pace AS p (name, next_start, paused_until)"
                " VALUES (%s, clock_timestamp() + make_interval(secs => %s / 1000),"
                " clock_timestamp() + make_interval(secs => %s / 1000))"
                " ON CONFLICT (name) DO UPDATE SET paused_until = greatest(p.paused_until, excluded.paused_until),"
                " next_start = greatest(p.next_start, excluded.next_start)"
                " RETURNING extract(epoch FROM paused_until - clock_timestamp())::float8 * 1000"
            ),
            "paused": (
                "SELECT coalesce((SELECT extract(epoch FROM paused_until - clock_timestamp())::float8 * 1000"
                f" FROM {s}.limit_pace WHERE name = %s), 0)"
            ),
        }

    def _described(self, error: BaseException) -> str:
        return described_error(error, self._conninfo)

    def _new_client(self) -> Any:
        return _Pool(self._conninfo, self._schema)

    async def _call(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """The operation the Redis script of that name does, answered in its shape."""
        if script == "acquire":
            lease, max_in_flight, lease_ms, interval_ms = args
            row = await self._client.fetch_one(
                self._sql["acquire"], (self._name, lease, max_in_flight, lease_ms, interval_ms)
            )
            return [row[0], row[1]]
        if script == "release":
            await self._client.fetch_one(self._sql["release"], (self._name, args[0], self._notify_channel))
            return 1
        if script == "renew":
            lease_ms, *held = args
            kept = await self._client.fetch_all(self._sql["renew"], (lease_ms, self._name, held))
            return sorted(set(held) - {row[0] for row in kept})
        if script == "pause":
            row = await self._client.fetch_one(self._sql["pause"], (self._name, args[0], args[0]))
            return row[0]
        row = await self._client.fetch_one(self._sql["paused"], (self._name,))
        return row[0]

    async def _listen(self) -> None:
        """Wake this process's waiter when any process announces a freed slot (`LISTEN`; polling covers a failure).

        It stops after a while with no waiter; the next wait for a slot starts it again.
        """
        import psycopg  # noqa: PLC0415 - present: checked when made

        _, _, freed = self._local()
        idle = 0.0
        try:
            async with await psycopg.AsyncConnection.connect(
                self._conninfo, autocommit=True, connect_timeout=_CONNECT_TIMEOUT
            ) as connection:
                await connection.execute(f'LISTEN "{self._notify_channel}"')
                while idle < _LISTEN_IDLE and not self._closed:
                    async for _ in connection.notifies(timeout=_SLOT_POLL, stop_after=1):
                        freed.set()
                    idle = 0.0 if self._waiting else idle + _SLOT_POLL
        except self._errors as error:
            logger.debug("shared limits: no announcements of freed slots (polling instead): %s", self._described(error))


class _Pool:
    """One process's psycopg pool of the shared limits, opened (and the tables made) on first use."""

    def __init__(self, conninfo: str, schema: str) -> None:
        self._conninfo, self._schema = conninfo, schema
        self._pool: Any = None
        self._migrated = False

    def _new_pool(self) -> Any:
        from psycopg_pool import AsyncConnectionPool  # noqa: PLC0415 - present: checked when made

        return AsyncConnectionPool(
            self._conninfo,
            min_size=1,
            max_size=8,
            open=False,
            timeout=_COMMAND_TIMEOUT_MS / 1000,
            kwargs={
                "autocommit": True,
                "connect_timeout": _CONNECT_TIMEOUT,
                # A statement, or a cut connection, fails within a second rather than hang a request.
                "options": f"-c statement_timeout={_COMMAND_TIMEOUT_MS}",
                "tcp_user_timeout": _COMMAND_TIMEOUT_MS,
            },
            name="pexip-engage-limits",
        )

    async def _ready(self) -> Any:
        if self._pool is None:
            # Not waiting for the connections: a database down now is a call that fails within its
            # timeout (the governor falls back), and the next call makes a new pool.
            self._pool = self._new_pool()
            await self._pool.open(wait=False)
        if not self._migrated:
            async with self._pool.connection() as connection:
                await migrate(connection, self._schema)
            self._migrated = True
        return self._pool

    async def fetch_one(self, statement: str, args: tuple[Any, ...]) -> Any:
        rows = await self.fetch_all(statement, args)
        return rows[0] if rows else None

    async def fetch_all(self, statement: str, args: tuple[Any, ...]) -> list[Any]:
        """The statement's rows; once more on a new pool if a pooled connection turned out dead.

        After a restart every pooled connection is dead, and the pool's own reconnecting backs off
        for seconds: a new pool connects at once. (Checking each connection as it is handed out
        would cost a round trip a permit.) At worst a permit granted just before its answer was
        lost is taken twice: the first lease then ends on its own, a slot lent out for a lease's
        time, never one too many. Tables found missing (the schema dropped) are made again first.
        """
        import psycopg  # noqa: PLC0415 - present: checked when made

        try:
            return await _rows(await self._ready(), statement, args)
        except psycopg.OperationalError:
            await self.aclose()
        except psycopg.Error as error:
            if not tables_gone(error):
                raise
            self._migrated = False
        return await _rows(await self._ready(), statement, args)

    async def aclose(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close(timeout=0)


async def _rows(pool: Any, statement: str, args: tuple[Any, ...]) -> list[Any]:
    async with pool.connection() as connection:
        rows: list[Any] = await (await connection.execute(statement, args)).fetchall()
        return rows
