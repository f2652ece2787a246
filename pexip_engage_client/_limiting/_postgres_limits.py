"""`PostgresLimits`: the shared limits of `RedisLimits`, kept in PostgreSQL for teams that run no Redis.

Only the store's calls are its own (docs/limits.md#postgresql-instead-of-redis): the waiting, the renewing and the
fallback when the database fails are `RedisLimits`'s.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .._base.loggers import logger
from .._shared.postgres import Migrations, Pool, quoted
from ._redis_limits import _LISTEN_IDLE, _SLOT_POLL, PREFIX, RedisLimits

MIGRATIONS = Migrations(
    "limits",
    (
        """
        CREATE TABLE {schema}.limit_slots (
            name text NOT NULL,
            holder text NOT NULL,
            expires timestamptz NOT NULL,
            PRIMARY KEY (name, holder)
        );
        CREATE TABLE {schema}.limit_pace (
            name text PRIMARY KEY,
            next_start timestamptz NOT NULL,
            paused_until timestamptz NOT NULL DEFAULT 'epoch'  -- never -infinity: its span to now is read
        );
        -- One permit in one round trip: (1, ms to its reserved start), (0, ms of pause left) or
        -- (-1, ms until the first slot's lease ends). The pace row's lock makes the takers of one limit
        -- take turns; the clock is read after it is granted.
        CREATE FUNCTION {schema}.limit_acquire(
            p_name text, p_holder text, p_max integer, p_lease_ms float8, p_interval_ms float8,
            OUT granted integer, OUT wait_ms float8
        ) LANGUAGE plpgsql AS $$
        DECLARE
            pace {schema}.limit_pace%ROWTYPE;
            moment timestamptz;
            held integer;
            first_end timestamptz;
            start_at timestamptz;
        BEGIN
            INSERT INTO {schema}.limit_pace (name, next_start) VALUES (p_name, 'epoch') ON CONFLICT DO NOTHING;
            SELECT * INTO pace FROM {schema}.limit_pace WHERE name = p_name FOR UPDATE;
            moment := clock_timestamp();
            IF pace.paused_until > moment THEN
                granted := 0;
                wait_ms := extract(epoch FROM pace.paused_until - moment)::float8 * 1000;
                RETURN;
            END IF;
            DELETE FROM {schema}.limit_slots WHERE name = p_name AND expires <= moment;
            SELECT count(*), min(expires) INTO held, first_end FROM {schema}.limit_slots WHERE name = p_name;
            IF held >= p_max THEN
                granted := -1;
                wait_ms := extract(epoch FROM first_end - moment)::float8 * 1000;
                RETURN;
            END IF;
            start_at := greatest(moment, pace.next_start);
            UPDATE {schema}.limit_pace SET next_start = start_at + make_interval(secs => p_interval_ms / 1000)
                WHERE name = p_name;
            INSERT INTO {schema}.limit_slots (name, holder, expires)
                VALUES (p_name, p_holder, start_at + make_interval(secs => p_lease_ms / 1000));
            granted := 1;
            wait_ms := extract(epoch FROM start_at - moment)::float8 * 1000;
        END $$;
        """,
    ),
    shared=(2,),
)


class PostgresLimits(RedisLimits):
    """`RedisLimits` through PostgreSQL: `url` is libpq's (`postgresql://`, with `schema=`), and `ImportError` says the
    `postgres` extra is missing."""

    _backend_name = "PostgreSQL"

    def _connect_to(self, url: str, key: str) -> None:
        # A statement, or a cut connection, fails within a second: the governor falls back to its local limits.
        self._client = pool = Pool(url, MIGRATIONS, size=8, wait=1.0, statement_timeout=1.0)
        import psycopg  # noqa: PLC0415 - present: the pool checked

        self._errors = (psycopg.Error, OSError)
        self._described = pool.described
        self._name = f"{PREFIX}:{key}"
        # A channel is an identifier of at most 63 bytes: the limit's name, hashed.
        self._channel = "pexip_engage_" + hashlib.sha256(f"{pool.schema} {self._name}".encode()).hexdigest()[:32]
        s = quoted(pool.schema)
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
                f"INSERT INTO {s}.limit_pace AS p (name, next_start, paused_until) SELECT name, until, until FROM"
                " (SELECT %s::text AS name, clock_timestamp() + make_interval(secs => %s / 1000) AS until) AS asked"
                " ON CONFLICT (name) DO UPDATE SET paused_until = greatest(p.paused_until, excluded.paused_until),"
                " next_start = greatest(p.next_start, excluded.next_start)"
            ),
            "paused": (
                "SELECT coalesce((SELECT extract(epoch FROM paused_until - clock_timestamp())::float8 * 1000"
                f" FROM {s}.limit_pace WHERE name = %s), 0)"
            ),
        }

    async def _call(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """The operation the Redis script of that name does (on the limit's rows, not `keys`), answered in its shape:
        a row for a list, the leases no longer held for `renew`."""
        if script != "renew":
            return await self._client.row(self._sql[script], (self._name, *args))
        lease_ms, *held = args
        kept = await self._client.rows(self._sql["renew"], (lease_ms, self._name, held))
        return sorted(set(held) - {row[0] for row in kept})

    async def _listen(self) -> None:
        """`RedisLimits._listen` through `LISTEN`, woken by the `NOTIFY` of a release."""
        freed = self._freed
        idle = 0.0
        try:
            async with self._client.connection() as connection:
                await connection.execute(f'LISTEN "{self._channel}"')
                while idle < _LISTEN_IDLE and not self._closed:
                    async for _ in connection.notifies(timeout=_SLOT_POLL, stop_after=1):
                        freed.set()
                    idle = 0.0 if self._waiting else idle + _SLOT_POLL
                await connection.execute("UNLISTEN *")  # back to the pool as it came
        except self._errors as error:
            logger.debug("shared limits: no announcements of freed slots (polling instead): %s", self._described(error))
