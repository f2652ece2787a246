"""`PostgresLeases`: the one lease (`_lease.py`) kept in PostgreSQL, for teams that run no Redis.

A turn is a row of the `leases` table, the one claim on the database's clock (`_claims.py`), never a session's
advisory lock (why: docs/safe-writes.md, "A PostgreSQL lease"); the `lease_epoch` row is lost only with the tables.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .._shared.postgres import Migrations, Pool, quoted
from ._claims import SqlClaim
from ._lease import Held, LeaseUnreachableError, RemoteLeases, json_object, new_token

# The lease's row is the one claim (`_claims.py`): held by `token` until `expires`, on the database's clock.
LEASE = SqlClaim("token", "expires")
_FOR = "make_interval(secs => p_ms / 1000.0)"
_HELD = LEASE.of("lease")  # the row read into the function's variable

MIGRATIONS = Migrations(
    "leases",
    (
        """
        CREATE TABLE {schema}.leases (
            key text PRIMARY KEY,
            token text,
            fence bigint NOT NULL DEFAULT 0,
            epoch text NOT NULL DEFAULT '',
            expires timestamptz NOT NULL DEFAULT '-infinity',
            about text
        );
        CREATE TABLE {schema}.lease_epoch (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            epoch text NOT NULL,
            made timestamptz NOT NULL
        );
        """,
        f"""
        -- (1, fence, epoch, ms to settle) when taken, (0, ms left, epoch, ms to settle) when busy. A marker
        -- younger than the lease is a new state (first use, or the old one lost): the taker settles the
        -- rest. A lease that carries p_token is the caller's own (a take run twice): taken, its fence kept.
        CREATE OR REPLACE FUNCTION {{schema}}.lease_take(
            p_key text, p_token text, p_ms bigint, p_new_epoch text,
            OUT taken integer, OUT number bigint, OUT epoch_now text, OUT settle_ms bigint
        ) LANGUAGE plpgsql AS $$
        DECLARE
            moment timestamptz := clock_timestamp();
            marker {{schema}}.lease_epoch%ROWTYPE;
            lease {{schema}}.leases%ROWTYPE;
        BEGIN
            INSERT INTO {{schema}}.lease_epoch (epoch, made) VALUES (p_new_epoch, moment) ON CONFLICT DO NOTHING;
            SELECT * INTO marker FROM {{schema}}.lease_epoch;
            epoch_now := marker.epoch;
            settle_ms := greatest(0, p_ms - (extract(epoch FROM moment - marker.made) * 1000)::bigint);
            INSERT INTO {{schema}}.leases (key) VALUES (p_key) ON CONFLICT DO NOTHING;
            SELECT * INTO lease FROM {{schema}}.leases WHERE key = p_key FOR UPDATE;
            IF {_HELD.held_by("p_token")} AND lease.epoch = marker.epoch AND {_HELD.running("moment")} THEN
                UPDATE {{schema}}.leases SET {LEASE.renew(f"moment + {_FOR}")} WHERE key = p_key;
                taken := 1;
                number := lease.fence;
                RETURN;
            END IF;
            IF {_HELD.running("moment")} THEN
                taken := 0;
                number := (extract(epoch FROM lease.expires - moment) * 1000)::bigint;
                RETURN;
            END IF;
            UPDATE {{schema}}.leases SET {LEASE.take("p_token", f"moment + {_FOR}")}, fence = lease.fence + 1,
                epoch = marker.epoch, about = NULL WHERE key = p_key;
            taken := 1;
            number := lease.fence + 1;
        END $$;
        -- 1 when still held (and extended), 0 when the lease is not this holder's, -1 when the epoch changed.
        CREATE OR REPLACE FUNCTION {{schema}}.lease_confirm(
            p_key text, p_token text, p_fence bigint, p_epoch text, p_ms bigint
        ) RETURNS integer LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT epoch FROM {{schema}}.lease_epoch) IS DISTINCT FROM p_epoch THEN RETURN -1; END IF;
            UPDATE {{schema}}.leases SET {LEASE.renew(f"clock_timestamp() + {_FOR}")}
                WHERE key = p_key AND {LEASE.held_by("p_token")} AND {LEASE.running("clock_timestamp()")}
                AND fence = p_fence AND epoch = p_epoch;
            IF FOUND THEN RETURN 1; END IF;
            RETURN 0;
        END $$;
        """,
    ),
    shared=(3,),
)


class PostgresLeases(RemoteLeases):
    """Turns among every process that reaches one PostgreSQL database (the `postgres` extra)."""

    _NOT_HELD = "it expired, or was taken over"
    _STATE_LOST = "PostgreSQL state that was lost (tables dropped)"

    def __init__(self, url: str, description: str) -> None:
        # A holder must learn before its lease could run out that it cannot confirm.
        self._pool = Pool(url, MIGRATIONS, size=4, wait=1.0, statement_timeout=1.0)
        super().__init__(description)
        s = quoted(self._pool.schema)
        self._take_sql = f"SELECT taken, number, epoch_now, settle_ms FROM {s}.lease_take(%s, %s, %s, %s)"
        self._confirm_sql = f"SELECT {s}.lease_confirm(%s, %s, %s, %s, %s)"
        self._release_sql = f"UPDATE {s}.leases SET {LEASE.let_go()} WHERE key = %s AND {LEASE.held_by('%s')}"
        self._describe = f"UPDATE {s}.leases SET about = %s WHERE key = %s AND {LEASE.held_by('%s')}"
        self._holder = f"SELECT about FROM {s}.leases WHERE key = %s AND {LEASE.running('clock_timestamp()')}"

    async def _take(self, key: str, token: str, ms: int) -> Any:
        return await self._one(self._take_sql, (key, token, ms, new_token()))

    async def _confirm(self, held: Held, ms: int) -> Any:
        (kept,) = await self._one(self._confirm_sql, (held.key, held.token, held.fence, held.epoch, ms))
        return kept

    async def _release(self, held: Held) -> Any:
        return await self._one(self._release_sql, (held.key, held.token), optional=True)

    async def describe(self, held: Held, about: Mapping[str, Any], seconds: float) -> None:
        """Say who holds the turn (JSON-able `about`) beside the lease, for a waiter's message."""
        await self._one(self._describe, (json.dumps(about), held.key, held.token), optional=True)

    async def holder_of(self, key: str) -> dict[str, Any]:
        """What the key's holder said about itself (`describe`); {} when nothing readable."""
        row = await self._one(self._holder, (key,), optional=True)
        return json_object(row[0]) if row is not None else {}

    async def aclose(self) -> None:
        await self._pool.aclose()

    async def _one(self, statement: str, args: tuple[Any, ...], *, optional: bool = False) -> Any:
        """The statement's first row (the pool's failure rule: `postgres.Pool`); any failure is
        `LeaseUnreachableError`, and tables made again after a loss settle a take or lose a confirm."""
        import psycopg  # noqa: PLC0415 - present: the pool checked

        from .._shared.postgres_errors import SchemaNotMigratedError  # noqa: PLC0415 - the extra, present likewise

        try:
            row = await self._pool.row(statement, args)
        except (psycopg.Error, OSError) as error:
            # Never the driver's text as it is: libpq may quote the URL's password in it.
            reason = self._pool.described(error)
            if isinstance(error, SchemaNotMigratedError):  # reached, but its tables are missing or behind
                problem = f"schema {self._pool.schema} is not migrated: {reason}"
                raise LeaseUnreachableError(f"{self._description}: {problem}") from error
            raise LeaseUnreachableError(f"{self._description} cannot be reached: {reason}") from error
        if row is None and not optional:
            raise LeaseUnreachableError(f"{self._description} answered nothing")
        return row
