"""`postgresql://user@host/db?schema=name`: a store in the application's own database (the `postgres` extra).

Each step is one transaction, its locks and clock as docs/webhooks.md describes them; the advisory
lock goes with the transaction: it guards the claim's check, never a handler. Settling, retrying and
parking change the row only while it is still the caller's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, cast

from ..._base.postgres import described_error, migrate, quoted, require_psycopg, split_url
from ..._base.processes import PerProcess
from ..._base.redis_urls import redacted_url
from ._contract import NO_UPDATED_AT, FailedEvent, OrderKey, Outcome, Status, StoredEvent, purged, twin_of

# A moment as the database sees it: its own clock now, plus the receiver's span to that moment.
_AT = "(clock_timestamp() + make_interval(secs => %(span)s))"
_FIRST = f"'{NO_UPDATED_AT}'::bigint"  # where an event without updatedAt sorts: first
# Its subject's turn: no other of the subject in a handler under a running lease, none older waiting.
_TURN = f"""NOT EXISTS (
    SELECT 1 FROM {{events}} AS o WHERE o.subject = e.subject AND o.status IN ('pending', 'handling')
    AND o.id <> e.id
    AND ((o.status = 'handling' AND o.lease_until > {_AT})
         OR (coalesce(o.updated_at, {_FIRST}), o.position)
            < (coalesce(e.updated_at, {_FIRST}), e.position))
)"""
_HELD = "id = %(id)s AND status = 'handling' AND owner = %(owner)s"


class _Sql:
    """The store's statements with its schema's table names written in."""

    def __init__(self, schema: str) -> None:
        s = quoted(schema)
        events, self.newest = f"{s}.webhook_events", f"{s}.webhook_newest"
        self.events = events
        turn = _TURN.format(events=events)
        # The insert, what was seen of its subject moved forward, and the choice between a delivery
        # and the reconciled event of the same change: one function (`webhook_add`), one round trip.
        add = (
            f"SELECT {s}.webhook_add(%(id)s::text, %(body)s::bytea, %(subject)s::text, %(updated_at)s::bigint,"
            " %(span)s::float8, %(twin)s::text, {})"
        )
        self.add, self.add_reconciled = add.format("false"), add.format("true")
        self.due = f"""SELECT id FROM (
            (SELECT e.id, e.position FROM {events} AS e WHERE e.status = 'pending' AND e.not_before <= {_AT}
                AND {turn} ORDER BY e.position LIMIT %(limit)s)
            UNION ALL
            (SELECT e.id, e.position FROM {events} AS e WHERE e.status = 'handling' AND e.lease_until <= {_AT}
                AND {turn} ORDER BY e.position LIMIT %(limit)s)
        ) AS found ORDER BY position LIMIT %(limit)s"""
        self.claim = f"SELECT * FROM {s}.webhook_claim(%(id)s, %(owner)s, %(span)s, %(lease)s)"
        self.renew = f"UPDATE {events} SET lease_until = {_AT} WHERE {_HELD}"
        self.settle = (
            f"SELECT {s}.webhook_settle(%(id)s, %(owner)s, %(outcome)s, %(span)s, %(subject)s, %(at)s, %(position)s)"
        )
        self.park = f"SELECT {s}.webhook_park(%(id)s, %(owner)s, %(attempts)s, %(error)s, %(span)s)"
        self.retry = (
            f"UPDATE {events} SET status = 'pending', owner = NULL, attempts = %(attempts)s,"
            f" not_before = {_AT}, error = %(error)s WHERE {_HELD}"
        )
        self.failed = (
            "SELECT id, body, attempts, error,"
            " extract(epoch FROM settled_at)::float8 - extract(epoch FROM clock_timestamp())::float8"
            f" FROM {events} WHERE status = 'failed' ORDER BY position LIMIT %(limit)s"
        )
        self.replay = (
            f"UPDATE {events} SET status = 'pending', attempts = 0, not_before = {_AT}"
            " WHERE id = %(id)s AND status = 'failed'"
        )
        self.status = f"SELECT status FROM {events} WHERE id = %(id)s"
        # At most 1000 a statement, so that one call never holds the table long.
        self.purge = f"""DELETE FROM {events} WHERE position IN (
            SELECT position FROM {events} WHERE status IN ('handled', 'stale', 'unhandled')
            AND settled_at < {_AT} LIMIT 1000)"""


def add_arguments(event_id: str, body: bytes, subject: str | None, updated_at: int | None) -> dict[str, Any]:
    """The arguments of the inserts (`_Sql.add`, `_Sql.add_reconciled`) but the span."""
    twin = twin_of(subject, updated_at)
    return {"id": event_id, "body": body, "subject": subject, "updated_at": updated_at, "twin": twin}


class PostgresStore:
    def __init__(self, url: str) -> None:
        require_psycopg()
        self._display = redacted_url(url)
        self._conninfo, self.schema = split_url(url)
        self._sql = _Sql(self.schema)
        self._pool: PerProcess[_Pool] = PerProcess(lambda: _Pool(self._conninfo, self.schema))

    def __repr__(self) -> str:
        return f"PostgresStore({self._display!r})"

    # The clock the receiver's times come from: its spans to them are what the statements are given.
    _clock: Callable[[], float] = staticmethod(time.time)

    def _span(self, moment: float) -> float:
        return moment - self._clock()

    async def _connection(self) -> Any:
        pool = self._pool.get()
        await pool.opened()
        return pool.connection()

    async def open(self) -> None:
        await self._pool.get().opened()

    async def close(self) -> None:
        pool = self._pool.clear()  # None in a forked child: the parent's is not closed from here
        if pool is not None:
            await pool.close()

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        return await self._insert(self._sql.add, add_arguments(event_id, body, subject, updated_at), now)

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        arguments = add_arguments(event_id, body, subject, updated_at)
        return await self._insert(self._sql.add_reconciled, arguments, now)

    async def _insert(self, statement: str, arguments: dict[str, Any], now: float) -> int | None:
        row = await self._row(statement, {**arguments, "span": self._span(now)})
        return None if row is None or row[0] is None else int(row[0])

    async def _rows(self, statement: str, args: dict[str, Any]) -> list[Any]:
        async with await self._connection() as db:
            return list(await (await db.execute(statement, args)).fetchall())

    async def _row(self, statement: str, args: dict[str, Any]) -> Any:
        rows = await self._rows(statement, args)
        return rows[0] if rows else None

    async def _changed(self, statement: str, args: dict[str, Any]) -> int:
        """How many rows `statement` changed."""
        async with await self._connection() as db:
            return int((await db.execute(statement, args)).rowcount)

    async def due(self, now: float, limit: int) -> list[str]:
        return [row[0] for row in await self._rows(self._sql.due, {"span": self._span(now), "limit": limit})]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        args = {"id": event_id, "owner": owner, "span": self._span(now), "lease": lease}
        row = await self._row(self._sql.claim, args)
        if row is None:
            return None
        newest = None if row[6] is None else (int(row[6]), int(row[7]))
        return StoredEvent(row[0], bytes(row[1]), int(row[2]), int(row[3]), row[4], row[5], newest)

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        return await self._changed(self._sql.renew, {"id": event_id, "owner": owner, "span": self._span(until)}) == 1

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        subject, at, position = (order.subject, order.updated_at, order.position) if order else (None, None, None)
        args = {
            "id": event_id,
            "owner": owner,
            "outcome": outcome,
            "span": self._span(now),
            "subject": subject,
            "at": at if outcome == "handled" else None,
            "position": position,
        }
        return await self._following(self._sql.settle, args)

    async def _following(self, statement: str, args: dict[str, Any]) -> str | None:
        """What settle and park answer: the id of the event whose turn has come, or None."""
        row = await self._row(statement, args)
        return None if row is None or row[0] is None else str(row[0])

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        args = {"id": event_id, "owner": owner, "attempts": attempts, "error": error}
        await self._changed(self._sql.retry, {**args, "span": self._span(not_before)})

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        args = {"id": event_id, "owner": owner, "attempts": attempts, "error": error, "span": self._span(now)}
        return await self._following(self._sql.park, args)

    async def failed(self, limit: int) -> list[FailedEvent]:
        rows = await self._rows(self._sql.failed, {"limit": limit})
        now = self._clock()  # each time settled, as an age on the database's clock, put on this machine's
        return [FailedEvent(row[0], bytes(row[1]), int(row[2]), row[3], now + float(row[4])) for row in rows]

    async def replay(self, event_id: str, now: float) -> bool:
        return await self._changed(self._sql.replay, {"id": event_id, "span": self._span(now)}) == 1

    async def status(self, event_id: str) -> Status | None:
        row = await self._row(self._sql.status, {"id": event_id})
        return None if row is None else cast(Status, row[0])

    async def purge(self, before: float) -> int:
        return await purged(lambda: self._changed(self._sql.purge, {"span": self._span(before)}))


class _Pool:
    """One process's psycopg pool of the store, opened (and the tables made) on first use.

    A database that cannot be reached fails a call within `_WAIT` seconds, and every call for the
    second after that at once (a delivery is answered 503 while Engage still waits, and sent again
    later): psycopg's pool would make each caller wait its whole timeout. Each failure also
    replaces the pool: after a restart every pooled connection is dead, and the pool's own
    reconnecting backs off for seconds.
    """

    def __init__(self, conninfo: str, schema: str) -> None:
        self._conninfo, self._schema = conninfo, schema
        self.pool: Any = None
        self._migrated = False
        self._opening: asyncio.Lock | None = None
        self._down_until = 0.0  # time.monotonic() before which calls fail at once
        self._down_because = ""

    def _new_pool(self) -> Any:
        from psycopg_pool import AsyncConnectionPool  # noqa: PLC0415 - present: the store checked

        # Autocommit: a statement alone is its own transaction; the steps that need more say so.
        return AsyncConnectionPool(
            self._conninfo,
            min_size=1,
            max_size=20,
            open=False,
            timeout=_WAIT,
            kwargs={"autocommit": True, "connect_timeout": max(2, round(_WAIT))},
            name="pexip-engage-webhooks",
        )

    async def opened(self) -> Any:
        if self.pool is not None and self._migrated:
            return self.pool
        if self._opening is None:
            self._opening = asyncio.Lock()
        async with self._opening:
            if self.pool is None:
                self.pool = self._new_pool()
                await self.pool.open(wait=False)
            if not self._migrated:
                async with self.connection() as db:
                    await migrate(db, self._schema)
                self._migrated = True
        return self.pool

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[Any]:
        import psycopg  # noqa: PLC0415 - present: the store checked

        if time.monotonic() < self._down_until:
            raise psycopg.OperationalError(f"the database was not reached a moment ago: {self._down_because}")
        pool = self.pool if self.pool is not None else await self.opened()
        try:
            async with pool.connection() as db:
                yield db
        except psycopg.OperationalError as error:
            self._down_until, self._down_because = time.monotonic() + 1.0, described_error(error, self._conninfo)
            if self.pool is pool:
                self.pool = None
                await pool.close(timeout=0)
            if type(error) is psycopg.OperationalError:
                raise
            # One kind for every way of not reaching it (a session ended, the pool timing out, a
            # refused connection), as the receiver counts its failures by kind.
            raise psycopg.OperationalError(str(error)) from error

    async def close(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            await pool.close()


# How long a call waits for a connection (all in use, or the database away) before it fails.
_WAIT = 3.0
