"""`postgresql://user@host/db?schema=name`: a store in the application's own database (the `postgres` extra).

Each step is one transaction, its locks and clock as docs/webhooks.md, "Stores", describes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import cast

from ..._base.redaction import redacted_url
from ..._leasing._claims import SqlClaim
from ..._shared.postgres import Migrations, Pool, quoted
from ._contract import (
    NO_UPDATED_AT,
    FailedEvent,
    Noted,
    OrderKey,
    Outcome,
    Status,
    StoredEvent,
    StoreTallies,
    purged,
    tallies_of,
    twin_of,
)

_FIRST = f"'{NO_UPDATED_AT}'::bigint"  # where an event without updatedAt sorts: first
# A handler's claim on an event: the one claim (`_leasing/_claims.py`), in the event's row.
_CLAIM = SqlClaim("owner", "lease_until")


def _turn(events: str, moment: str) -> str:
    """SQL true when it is event `e`'s subject's turn at `moment`: no other event of the subject in a
    handler under a running claim, and none older by (updatedAt, arrival) waiting."""
    return f"""NOT EXISTS (
        SELECT 1 FROM {events} AS o WHERE o.subject = e.subject AND o.status IN ('pending', 'handling')
        AND o.id <> e.id
        AND ((o.status = 'handling' AND {_CLAIM.of("o").running(moment)})
             OR (coalesce(o.updated_at, {_FIRST}), o.position) < (coalesce(e.updated_at, {_FIRST}), e.position)))"""


# The steps that decide, each one function: one round trip. An event `e` can be claimed at
# `moment` when it is due (pending and its time has come, or handling under a claim that ended)
# and it is its subject's turn.
_CLAIMABLE = f"""((e.status = 'pending' AND e.not_before <= moment)
        OR (e.status = 'handling' AND {_CLAIM.of("e").free("moment")}))
    AND {_turn("{schema}.webhook_events", "moment")}"""
_NEXT_TURN = f"""
        IF subject_of IS NULL THEN RETURN NULL; END IF;
        RETURN (SELECT e.id FROM {{schema}}.webhook_events AS e
            WHERE e.subject = subject_of AND e.status IN ('pending', 'handling') AND {_CLAIMABLE}
            ORDER BY coalesce(e.updated_at, {_FIRST}), e.position LIMIT 1);"""
_WEBHOOK_FUNCTIONS = f"""
    -- Claim: the row locked, or given up at once if another step has it (SKIP LOCKED); then the
    -- subject's advisory lock for the rest of the transaction, so that two events of one
    -- appointment are never claimed at once (the turn's check sees the last claim).
    CREATE OR REPLACE FUNCTION {{schema}}.webhook_claim(p_id text, p_owner text, p_span float8, p_lease float8)
    RETURNS TABLE (claimed_id text, claimed_body bytea, claimed_position bigint, claimed_attempts integer,
                   claimed_subject text, claimed_updated_at bigint, newest_at bigint, newest_position bigint)
    LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
        subject_of text;
        moment timestamptz;
    BEGIN
        SELECT e.subject INTO subject_of FROM {{schema}}.webhook_events AS e WHERE e.id = p_id FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN RETURN; END IF;
        IF subject_of IS NOT NULL THEN
            PERFORM pg_advisory_xact_lock(hashtext('{{schema}} ' || subject_of));
        END IF;
        moment := clock_timestamp() + make_interval(secs => p_span);
        RETURN QUERY UPDATE {{schema}}.webhook_events AS e
            SET status = 'handling', {_CLAIM.take("p_owner", "moment + make_interval(secs => p_lease)")}
            WHERE e.id = p_id AND {_CLAIMABLE}
            RETURNING e.id, e.body, e.position, e.attempts, e.subject, e.updated_at,
                (SELECT n.updated_at FROM {{schema}}.webhook_newest AS n WHERE n.subject = e.subject),
                (SELECT n.position FROM {{schema}}.webhook_newest AS n WHERE n.subject = e.subject);
    END $$;
    -- End: settled with an outcome, or parked as failed (with its attempts and error), only while the claim is
    -- the caller's; a handled event moves its subject's newest forward; returns the event whose turn has come.
    CREATE OR REPLACE FUNCTION {{schema}}.webhook_end(
        p_id text, p_owner text, p_status text, p_span float8, p_attempts integer, p_error text,
        p_subject text, p_updated_at bigint, p_position bigint
    ) RETURNS text LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
        subject_of text;
        moment timestamptz := clock_timestamp() + make_interval(secs => p_span);
    BEGIN
        UPDATE {{schema}}.webhook_events SET status = p_status, {_CLAIM.let_go()}, settled_at = moment,
                attempts = coalesce(p_attempts, attempts), error = coalesce(p_error, error)
            WHERE id = p_id AND status = 'handling' AND {_CLAIM.held_by("p_owner")} RETURNING subject INTO subject_of;
        IF NOT FOUND THEN RETURN NULL; END IF;
        IF p_status = 'handled' AND p_updated_at IS NOT NULL THEN
            INSERT INTO {{schema}}.webhook_newest AS n (subject, updated_at, position)
                VALUES (p_subject, p_updated_at, p_position)
                ON CONFLICT (subject) DO UPDATE SET updated_at = excluded.updated_at, position = excluded.position
                WHERE (n.updated_at, n.position) < (excluded.updated_at, excluded.position);
        END IF;{_NEXT_TURN}
    END $$;
"""

# Add: a delivery is a duplicate when its change's reconciled twin is kept; a reconciled change is
# kept only when nothing of its subject as recent was seen. The lock makes two inserts of one
# appointment take turns, and each statement after it reads a snapshot of its own, so the second
# sees what the first kept (one statement's snapshot, taken before the lock, would not).
_WEBHOOK_ADD = """
    CREATE FUNCTION {schema}.webhook_add(
        p_id text, p_body bytea, p_subject text, p_updated_at bigint, p_span float8, p_twin text, p_reconciled boolean
    ) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
        added bigint;
    BEGIN
        IF p_subject IS NOT NULL AND p_updated_at IS NOT NULL THEN
            PERFORM pg_advisory_xact_lock(hashtext('{schema}'), hashtext(p_subject));
            IF p_reconciled THEN
                IF EXISTS (SELECT 1 FROM {schema}.webhook_seen
                           WHERE subject = p_subject AND updated_at >= p_updated_at)
                   OR EXISTS (SELECT 1 FROM {schema}.webhook_newest
                              WHERE subject = p_subject AND updated_at >= p_updated_at) THEN
                    RETURN NULL;
                END IF;
            ELSIF EXISTS (SELECT 1 FROM {schema}.webhook_events WHERE id = p_twin) THEN
                RETURN NULL;
            END IF;
        END IF;
        INSERT INTO {schema}.webhook_events (id, body, subject, updated_at, status, not_before)
            VALUES (p_id, p_body, p_subject, p_updated_at, 'pending', clock_timestamp() + make_interval(secs => p_span))
            ON CONFLICT (id) DO NOTHING RETURNING position INTO added;
        IF added IS NOT NULL AND p_subject IS NOT NULL AND p_updated_at IS NOT NULL THEN
            INSERT INTO {schema}.webhook_seen AS n (subject, updated_at) VALUES (p_subject, p_updated_at)
                ON CONFLICT (subject) DO UPDATE SET updated_at = excluded.updated_at
                WHERE n.updated_at < excluded.updated_at;
        END IF;
        RETURN added;
    END $$;
"""

# The store's tables (`_shared/postgres.py` runs them), times the database's clock: hosts whose clocks
# disagree still agree. Steps 1 and 5 of the one list earlier releases ran. The functions that decide are a
# step of their own, the last, written from the claim's SQL: a schema of any earlier step ends with them.
MIGRATIONS = Migrations(
    "webhooks",
    (
        """
        CREATE TABLE {schema}.webhook_events (
            position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL UNIQUE,
            body bytea NOT NULL,
            subject text,
            updated_at bigint,
            status text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            not_before timestamptz NOT NULL,
            owner text,
            lease_until timestamptz NOT NULL DEFAULT '-infinity',
            error text NOT NULL DEFAULT '',
            settled_at timestamptz
        );
        CREATE INDEX webhook_events_pending ON {schema}.webhook_events (position) WHERE status = 'pending';
        CREATE INDEX webhook_events_handling ON {schema}.webhook_events (lease_until) WHERE status = 'handling';
        CREATE INDEX webhook_events_settled ON {schema}.webhook_events (settled_at)
            WHERE status IN ('handled', 'stale', 'unhandled');
        CREATE INDEX webhook_events_failed ON {schema}.webhook_events (position) WHERE status = 'failed';
        CREATE INDEX webhook_events_turns ON {schema}.webhook_events (subject, position)
            WHERE status IN ('pending', 'handling');
        CREATE TABLE {schema}.webhook_newest (
            subject text PRIMARY KEY, updated_at bigint NOT NULL, position bigint NOT NULL
        );
        """,
        # what the store has seen of each appointment, kept after the event (reconcile compares with it)
        """
        CREATE TABLE {schema}.webhook_seen (subject text PRIMARY KEY, updated_at bigint NOT NULL);
        """
        + _WEBHOOK_ADD,
        # what the receivers noted: deliveries refused and handler failures, counted, and the last one's
        # time (the receiver's clock) and kind; never a secret or a body
        """
        CREATE TABLE {schema}.webhook_noted (
            what text PRIMARY KEY, count bigint NOT NULL, last_at float8 NOT NULL, kind text NOT NULL
        );
        """,
        # when an event was settled, never null, as in SQLite (tests/webhooks/test_dialects.py): an event not
        # settled yet has the start of time, as a lease never taken
        """
        UPDATE {schema}.webhook_events SET settled_at = '-infinity' WHERE settled_at IS NULL;
        ALTER TABLE {schema}.webhook_events
            ALTER COLUMN settled_at SET DEFAULT '-infinity', ALTER COLUMN settled_at SET NOT NULL;
        """,
        _WEBHOOK_FUNCTIONS,
    ),
    shared=(1, 5),
)

# A moment as the database sees it: its own clock now, plus the receiver's span to that moment.
_AT = "(clock_timestamp() + make_interval(secs => %(span)s))"
_HELD = f"id = %(id)s AND status = 'handling' AND {_CLAIM.held_by('%(owner)s')}"


class _Sql:
    """The store's statements with its schema's table names written in."""

    def __init__(self, schema: str) -> None:
        s = quoted(schema)
        events = f"{s}.webhook_events"
        turn = _turn(events, _AT)
        add = (
            f"SELECT {s}.webhook_add(%(id)s::text, %(body)s::bytea, %(subject)s::text, %(updated_at)s::bigint,"
            " %(span)s::float8, %(twin)s::text, {})"
        )
        self.add, self.add_reconciled = add.format("false"), add.format("true")
        self.due = f"""SELECT id FROM (
            (SELECT e.id, e.position FROM {events} AS e WHERE e.status = 'pending' AND e.not_before <= {_AT}
                AND {turn} ORDER BY e.position LIMIT %(limit)s)
            UNION ALL
            (SELECT e.id, e.position FROM {events} AS e WHERE e.status = 'handling'
                AND {_CLAIM.of("e").free(_AT)} AND {turn} ORDER BY e.position LIMIT %(limit)s)
        ) AS found ORDER BY position LIMIT %(limit)s"""
        self.claim = f"SELECT * FROM {s}.webhook_claim(%(id)s, %(owner)s, %(span)s, %(lease)s)"
        self.renew = f"UPDATE {events} SET {_CLAIM.renew(_AT)} WHERE {_HELD}"
        running = f"status = 'handling' AND {_CLAIM.running(_AT)}"
        self.holders = f"SELECT DISTINCT {_CLAIM.holder} FROM {events} WHERE {running}"
        self.let_go = f"UPDATE {events} SET {_CLAIM.let_go(_AT)} WHERE {running} AND {_CLAIM.held_by('%(owner)s')}"
        self.end = (
            f"SELECT {s}.webhook_end(%(id)s, %(owner)s, %(status)s, %(span)s, %(attempts)s, %(error)s,"
            " %(subject)s, %(at)s, %(position)s)"
        )
        self.retry = (
            f"UPDATE {events} SET status = 'pending', {_CLAIM.let_go()}, attempts = %(attempts)s,"
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
        self.purge = f"""DELETE FROM {events} WHERE position IN (
            SELECT position FROM {events} WHERE status IN ('handled', 'stale', 'unhandled')
            AND settled_at < {_AT} LIMIT 1000)"""
        self.note = (
            f"INSERT INTO {s}.webhook_noted AS n (what, count, last_at, kind) VALUES (%(what)s, 1, %(at)s, %(kind)s)"
            " ON CONFLICT (what) DO UPDATE SET count = n.count + 1, last_at = excluded.last_at, kind = excluded.kind"
        )
        self.counts = f"""SELECT (SELECT count(*) FROM {events} WHERE status IN ('pending', 'handling')),
            (SELECT count(*) FROM {events} WHERE status = 'failed')"""
        self.noted = f"SELECT what, count, last_at, kind FROM {s}.webhook_noted"


# How long a statement may wait (on a row or lock another transaction holds) or a cut connection take
# to fail: every wait is bounded. Longer than a call's wait for a connection, so that statements
# failing never cut that wait short, and far above a step's time (milliseconds: docs/webhooks.md).
STATEMENT_TIMEOUT = 5.0


class PostgresStore:
    def __init__(self, url: str) -> None:
        self._url, self._display = url, redacted_url(url)
        # A call waits up to 3 s for a connection, then fails: the delivery is answered 503 in time.
        self._pool = Pool(url, MIGRATIONS, size=20, wait=3.0, statement_timeout=STATEMENT_TIMEOUT)
        self.schema = self._pool.schema
        self._sql = _Sql(self.schema)

    def __repr__(self) -> str:
        return f"PostgresStore({self._display!r})"

    _clock: Callable[[], float] = staticmethod(time.time)

    def _span(self, moment: float) -> float:
        return moment - self._clock()

    async def open(self) -> None:
        async with self._pool.connection():
            pass

    async def close(self) -> None:
        await self._pool.aclose()

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        return await self._insert(self._sql.add, event_id, body, subject, updated_at=updated_at, now=now)

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        return await self._insert(self._sql.add_reconciled, event_id, body, subject, updated_at=updated_at, now=now)

    async def _insert(
        self, statement: str, event_id: str, body: bytes, subject: str | None, *, updated_at: int | None, now: float
    ) -> int | None:
        twin, span = twin_of(subject, updated_at), self._span(now)
        arguments = {"id": event_id, "body": body, "subject": subject, "updated_at": updated_at, "twin": twin}
        row = await self._pool.row(statement, {**arguments, "span": span})
        return None if row is None or row[0] is None else int(row[0])

    async def due(self, now: float, limit: int) -> list[str]:
        return [row[0] for row in await self._pool.rows(self._sql.due, {"span": self._span(now), "limit": limit})]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        args = {"id": event_id, "owner": owner, "span": self._span(now), "lease": lease}
        row = await self._pool.row(self._sql.claim, args)
        if row is None:
            return None
        newest = None if row[6] is None else (int(row[6]), int(row[7]))
        return StoredEvent(row[0], bytes(row[1]), int(row[2]), int(row[3]), row[4], row[5], newest)

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        args = {"id": event_id, "owner": owner, "span": self._span(until)}
        return await self._pool.changed(self._sql.renew, args) == 1

    async def holders(self, now: float) -> set[str]:
        return {str(row[0]) for row in await self._pool.rows(self._sql.holders, {"span": self._span(now)})}

    async def let_go(self, owner: str, now: float) -> int:
        return await self._pool.changed(self._sql.let_go, {"owner": owner, "span": self._span(now)})

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        subject, at, position = (order.subject, order.updated_at, order.position) if order else (None, None, None)
        at = at if outcome == "handled" else None
        return await self._end(event_id, owner, outcome, now, subject=subject, at=at, position=position)

    async def _end(self, event_id: str, owner: str, status: Status, now: float, **more: object) -> str | None:
        """End the claim (`webhook_end`): the id of the event whose turn has come, or None."""
        args = {"attempts": None, "error": None, "subject": None, "at": None, "position": None, **more}
        row = await self._pool.row(
            self._sql.end, {"id": event_id, "owner": owner, "status": status, **args, "span": self._span(now)}
        )
        return None if row is None or row[0] is None else str(row[0])

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        args = {"id": event_id, "owner": owner, "attempts": attempts, "error": error}
        await self._pool.changed(self._sql.retry, {**args, "span": self._span(not_before)})

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        return await self._end(event_id, owner, "failed", now, attempts=attempts, error=error)

    async def failed(self, limit: int) -> list[FailedEvent]:
        rows = await self._pool.rows(self._sql.failed, {"limit": limit})
        now = self._clock()  # each time settled, as an age on the database's clock, put on this machine's
        return [FailedEvent(row[0], bytes(row[1]), int(row[2]), row[3], now + float(row[4])) for row in rows]

    async def replay(self, event_id: str, now: float) -> bool:
        return await self._pool.changed(self._sql.replay, {"id": event_id, "span": self._span(now)}) == 1

    async def status(self, event_id: str) -> Status | None:
        row = await self._pool.row(self._sql.status, {"id": event_id})
        return None if row is None else cast(Status, row[0])

    async def purge(self, before: float) -> int:
        return await purged(lambda: self._pool.changed(self._sql.purge, {"span": self._span(before)}))

    async def note(self, what: Noted, kind: str, now: float) -> None:
        await self._pool.changed(self._sql.note, {"what": what, "at": now, "kind": kind})

    async def tallies(self) -> StoreTallies:
        counts = await self._pool.row(self._sql.counts)
        noted = {row[0]: (row[1], row[2], row[3]) for row in await self._pool.rows(self._sql.noted)}
        waiting, failed = (0, 0) if counts is None else (int(counts[0]), int(counts[1]))
        return tallies_of(waiting, failed, noted)
