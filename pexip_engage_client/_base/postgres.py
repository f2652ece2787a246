"""PostgreSQL as the shared backend: its URLs, and the client's tables, made on first use by one migration list.

A URL is libpq's (`postgresql://user:password@host:5432/database?sslmode=require`, or `postgres://`),
plus one parameter of the client's own, `schema` (default `pexip_engage`): the schema that holds
the client's tables, made if missing. The client creates and alters nothing outside it.

The tables are made by the steps of `MIGRATIONS`, in order, each once: the schema's `migrations`
table records how many have run. Whoever runs them first (a receiver, a governor, a lease, or
`pexip-engage postgres migrate`) does so in one transaction under a transaction-scoped advisory
lock named after the schema, so that processes starting together do not race; the others find
them done. A step is never edited once released: a change is a new step.

psycopg 3 (the `postgres` extra) is imported only by those who use a `postgresql://` URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .redaction import UNREADABLE, redacted_url, secret_values

SCHEMES = ("postgresql", "postgres")
DEFAULT_SCHEMA = "pexip_engage"
EXTRA_HINT = 'a postgresql:// URL needs the "postgres" extra: pip install "pexip-engage-client[postgres]"'
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")

# The webhook store's steps that decide, each one function: one round trip (see the store's module).
# An event `e` can be claimed at `moment` when it is due (pending and its time has come, or handling
# under a lease that ran out) and it is its subject's turn: no other event of the subject in a
# handler under a running lease, and none older by (updatedAt, arrival) waiting.
_CLAIMABLE = """((e.status = 'pending' AND e.not_before <= moment)
        OR (e.status = 'handling' AND e.lease_until <= moment))
    AND NOT EXISTS (
        SELECT 1 FROM {schema}.webhook_events AS o
        WHERE o.subject = e.subject AND o.status IN ('pending', 'handling') AND o.id <> e.id
        AND ((o.status = 'handling' AND o.lease_until > moment)
             OR (coalesce(o.updated_at, '-9223372036854775808'::bigint), o.position)
                < (coalesce(e.updated_at, '-9223372036854775808'::bigint), e.position)))"""
_NEXT_TURN = f"""
        IF subject_of IS NULL THEN RETURN NULL; END IF;
        RETURN (SELECT e.id FROM {{schema}}.webhook_events AS e
            WHERE e.subject = subject_of AND e.status IN ('pending', 'handling') AND {_CLAIMABLE}
            ORDER BY coalesce(e.updated_at, '-9223372036854775808'::bigint), e.position LIMIT 1);"""
_WEBHOOK_FUNCTIONS = f"""
    -- Claim: the row locked, or given up at once if another step has it (SKIP LOCKED); then the
    -- subject's advisory lock for the rest of the transaction, so that two events of one
    -- appointment are never claimed at once (the turn's check sees the last claim).
    CREATE FUNCTION {{schema}}.webhook_claim(p_id text, p_owner text, p_span float8, p_lease float8)
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
            SET status = 'handling', owner = p_owner, lease_until = moment + make_interval(secs => p_lease)
            WHERE e.id = p_id AND {_CLAIMABLE}
            RETURNING e.id, e.body, e.position, e.attempts, e.subject, e.updated_at,
                (SELECT n.updated_at FROM {{schema}}.webhook_newest AS n WHERE n.subject = e.subject),
                (SELECT n.position FROM {{schema}}.webhook_newest AS n WHERE n.subject = e.subject);
    END $$;
    -- Settle: only while the claim is the caller's; the subject's newest handled moves forward;
    -- returns the event whose turn has come, if it is due.
    CREATE FUNCTION {{schema}}.webhook_settle(
        p_id text, p_owner text, p_outcome text, p_span float8,
        p_subject text, p_updated_at bigint, p_position bigint
    ) RETURNS text LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
        subject_of text;
        moment timestamptz := clock_timestamp() + make_interval(secs => p_span);
    BEGIN
        UPDATE {{schema}}.webhook_events SET status = p_outcome, owner = NULL, settled_at = moment
            WHERE id = p_id AND status = 'handling' AND owner = p_owner RETURNING subject INTO subject_of;
        IF NOT FOUND THEN RETURN NULL; END IF;
        IF p_outcome = 'handled' AND p_updated_at IS NOT NULL THEN
            INSERT INTO {{schema}}.webhook_newest AS n (subject, updated_at, position)
                VALUES (p_subject, p_updated_at, p_position)
                ON CONFLICT (subject) DO UPDATE SET updated_at = excluded.updated_at, position = excluded.position
                WHERE (n.updated_at, n.position) < (excluded.updated_at, excluded.position);
        END IF;{_NEXT_TURN}
    END $$;
    -- Park: failed until replayed, out of its subject's turns; returns the event whose turn has come.
    CREATE FUNCTION {{schema}}.webhook_park(p_id text, p_owner text, p_attempts integer, p_error text, p_span float8)
    RETURNS text LANGUAGE plpgsql AS $$
    #variable_conflict use_column
    DECLARE
        subject_of text;
        moment timestamptz := clock_timestamp() + make_interval(secs => p_span);
    BEGIN
        UPDATE {{schema}}.webhook_events
            SET status = 'failed', owner = NULL, attempts = p_attempts, error = p_error, settled_at = moment
            WHERE id = p_id AND status = 'handling' AND owner = p_owner RETURNING subject INTO subject_of;
        IF NOT FOUND THEN RETURN NULL; END IF;{_NEXT_TURN}
    END $$;
"""

# Add: a delivery (p_reconciled false) is a duplicate when the reconciled event of its change (its
# twin) is kept; a change found by reconciling is kept only when nothing of its subject as recent
# was seen. Two such inserts of one appointment run one after the other under its change lock
# (transaction-scoped; the two-key form, apart from the claims' subject locks), and each statement
# after the lock reads under a snapshot of its own: whichever comes second sees what the first
# kept. A statement's single snapshot, taken before any lock, would let both keep the change.
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

# The client's tables, step by step; `{schema}` is the quoted schema name. Times are the database's
# (timestamptz, from clock_timestamp()), never a client's: hosts whose clocks disagree still agree.
MIGRATIONS: tuple[str, ...] = (
    # 1: the webhook store (pexip_engage_client/webhooks/_stores/_postgres.py)
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
    """
    + _WEBHOOK_FUNCTIONS,
    # 2: the shared limits (pexip_engage_client/_postgres_limits.py): one row per limit's name
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
    # 3: leases (turns of ensures, the provisioning lock; _base/_postgres_leases.py): a row per key,
    # its fence growing with each turn given; the epoch marker names this state (see _base/_lease.py).
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
    -- (1, fence, epoch, ms to settle) when taken, (0, ms left, epoch, ms to settle) when busy. A marker
    -- younger than the lease is a new state (first use, or the old one lost): the taker settles the
    -- rest. A lease that carries p_token is the caller's own (a take run twice): taken, its fence kept.
    CREATE FUNCTION {schema}.lease_take(
        p_key text, p_token text, p_ms bigint, p_new_epoch text,
        OUT taken integer, OUT number bigint, OUT epoch_now text, OUT settle_ms bigint
    ) LANGUAGE plpgsql AS $$
    DECLARE
        moment timestamptz := clock_timestamp();
        marker {schema}.lease_epoch%ROWTYPE;
        lease {schema}.leases%ROWTYPE;
    BEGIN
        INSERT INTO {schema}.lease_epoch (epoch, made) VALUES (p_new_epoch, moment) ON CONFLICT DO NOTHING;
        SELECT * INTO marker FROM {schema}.lease_epoch;
        epoch_now := marker.epoch;
        settle_ms := greatest(0, p_ms - (extract(epoch FROM moment - marker.made) * 1000)::bigint);
        INSERT INTO {schema}.leases (key) VALUES (p_key) ON CONFLICT DO NOTHING;
        SELECT * INTO lease FROM {schema}.leases WHERE key = p_key FOR UPDATE;
        IF lease.token = p_token AND lease.epoch = marker.epoch AND lease.expires > moment THEN
            UPDATE {schema}.leases SET expires = moment + make_interval(secs => p_ms / 1000.0) WHERE key = p_key;
            taken := 1;
            number := lease.fence;
            RETURN;
        END IF;
        IF lease.token IS NOT NULL AND lease.expires > moment THEN
            taken := 0;
            number := (extract(epoch FROM lease.expires - moment) * 1000)::bigint;
            RETURN;
        END IF;
        UPDATE {schema}.leases SET token = p_token, fence = lease.fence + 1, epoch = marker.epoch,
            expires = moment + make_interval(secs => p_ms / 1000.0), about = NULL WHERE key = p_key;
        taken := 1;
        number := lease.fence + 1;
    END $$;
    -- 1 when still held (and extended), 0 when the lease is not this holder's, -1 when the epoch changed.
    CREATE FUNCTION {schema}.lease_confirm(p_key text, p_token text, p_fence bigint, p_epoch text, p_ms bigint)
    RETURNS integer LANGUAGE plpgsql AS $$
    BEGIN
        IF (SELECT epoch FROM {schema}.lease_epoch) IS DISTINCT FROM p_epoch THEN RETURN -1; END IF;
        UPDATE {schema}.leases SET expires = clock_timestamp() + make_interval(secs => p_ms / 1000.0)
            WHERE key = p_key AND token = p_token AND fence = p_fence AND epoch = p_epoch
            AND expires > clock_timestamp();
        IF FOUND THEN RETURN 1; END IF;
        RETURN 0;
    END $$;
    """,
    # 4: the MCP server's spent confirmations (pexip_engage_cli/_mcp/_spent_postgres.py): a row per
    # confirmation, claimed by the INSERT that makes it; its answer for the repeats, until it expires.
    """
    CREATE TABLE {schema}.mcp_confirmations (
        key text PRIMARY KEY,
        answer text NOT NULL,
        expires timestamptz NOT NULL
    );
    CREATE INDEX mcp_confirmations_expires ON {schema}.mcp_confirmations (expires);
    """,
    # 5: what the webhook store has seen of each appointment, the latest updatedAt of an event it
    # kept, after the event itself is forgotten (WebhookReceiver.reconcile compares with it); and
    # the insert of a delivery or a reconciled change that decides between the two
    """
    CREATE TABLE {schema}.webhook_seen (subject text PRIMARY KEY, updated_at bigint NOT NULL);
    """
    + _WEBHOOK_ADD,
)


def is_postgres_url(url: object) -> bool:
    return isinstance(url, str) and urlsplit(url).scheme.lower() in SCHEMES


def split_url(url: str, schema: str | None = None) -> tuple[str, str]:
    """The URL libpq reads (without `schema`, which it would refuse) and the schema's name, checked:
    `schema` when given (the URL's `?schema=` is then not read), else the URL's, else the default.

    Raises `ValueError` naming the parameter for a schema that is not a plain lowercase identifier
    (it is written into SQL, so it is checked rather than trusted) or a port that is not a number
    (libpq would find out only at connect), and, never quoting the URL, for a URL libpq could not read.
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = checked_schema(
        next((value for name, value in query if name == "schema"), DEFAULT_SCHEMA) if schema is None else schema
    )
    # The rest of the query as written (decoding and encoding again would change what libpq reads),
    # and the URL written out rather than by urlunsplit, which drops the empty authority of postgresql:///db.
    rest = "&".join(pair for pair in parts.query.split("&") if pair and unquote(pair.partition("=")[0]) != "schema")
    conninfo = f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else "")
    _check_readable(url, conninfo)
    _check_ports(url, parts.netloc, query)
    return conninfo, schema


def checked_schema(schema: str) -> str:
    """`schema` when it is a schema name the client makes; `ValueError` starting `schema:` otherwise."""
    if not _IDENTIFIER.fullmatch(schema):
        raise ValueError(
            f"schema: {schema!r} is not a schema name the client makes"
            " (lowercase letters, digits and _, not starting with a digit, at most 63)"
        )
    return schema


def _check_readable(url: str, conninfo: str) -> None:
    """`ValueError`, never quoting the URL, when libpq could not read it: found now, not at connect,
    where its message would quote what it could not read (a password, whole)."""
    if redacted_url(url) == UNREADABLE:
        raise ValueError(f"the PostgreSQL URL cannot be used: {UNREADABLE} (percent-encode '#', '/', '?' and '@')")
    try:
        import psycopg  # noqa: PLC0415 - the extra; without it the caller's require_psycopg says so
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415
    except ImportError:
        return
    try:
        conninfo_to_dict(conninfo)
    except psycopg.Error as error:
        raise ValueError(
            f"the PostgreSQL URL {redacted_url(url)} cannot be read by libpq: {described_error(error, url)}"
        ) from None


def _check_ports(url: str, netloc: str, query: list[tuple[str, str]]) -> None:
    """`ValueError` starting `port:` when a port (the authority's, one per host, or `?port=`) is not
    a number from 1 to 65535: a mistake refused now, as redis-py refuses it, rather than met after a
    pool's timeout. Only the redacted URL is quoted."""
    hosts = netloc.rpartition("@")[2]
    written = [host.rpartition("]")[2].partition(":")[2] for host in hosts.split(",") if ":" in host.rpartition("]")[2]]
    written += [port for name, value in query if name == "port" for port in value.split(",")]
    for port in written:
        if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
            raise ValueError(
                f"port: the PostgreSQL URL {redacted_url(url)} names a port that is not a number from 1 to 65535"
            )


def described_error(error: BaseException, url: str) -> str:
    """A psycopg error as it may be shown: its class, its SQLSTATE, and its text only when that holds
    none of `url`'s passwords (libpq quotes a value it could not read whole: 'invalid
    percent-encoded token: "se%zzcret"'), nor when the URL cannot be read (its password may be anywhere)."""
    shown = type(error).__name__
    state = getattr(error, "sqlstate", None)
    if state:
        shown += f" (SQLSTATE {state})"
    text = " ".join(str(error).split())
    if not text or redacted_url(url) == UNREADABLE or any(secret in text for secret in secret_values(url)):
        return shown
    return f"{shown}: {text}"


# SQLSTATEs of a schema, table or function missing: the client's tables dropped under a running
# process, which made them earlier and so no longer checks; it makes them again (the first use of a
# new state: the leases' takers settle) rather than fail until restarted.
TABLES_GONE = frozenset({"3F000", "42P01", "42883"})


def tables_gone(error: BaseException) -> bool:
    """Whether psycopg's `error` says the client's schema, a table or a function of it is missing."""
    return getattr(error, "sqlstate", None) in TABLES_GONE


def quoted(schema: str) -> str:
    """The schema's name as SQL: checked by `split_url`, quoted all the same."""
    return f'"{schema}"'


def migration_statements(schema: str, done: int) -> list[str]:
    """The steps still to run after `done`, each with the statement that records it."""
    name = quoted(schema)
    return [
        MIGRATIONS[step].format(schema=name) + f"; UPDATE {name}.migrations SET version = {step + 1}"
        for step in range(done, len(MIGRATIONS))
    ]


_PREPARE = [
    "SELECT pg_advisory_xact_lock(hashtext(%s))",
    "CREATE SCHEMA IF NOT EXISTS {schema}",
    "CREATE TABLE IF NOT EXISTS {schema}.migrations (version integer NOT NULL)",
    "INSERT INTO {schema}.migrations SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM {schema}.migrations)",
]


async def migrate(connection: Any, schema: str) -> int:
    """Run the steps not yet run, in one transaction (psycopg's `AsyncConnection`); how many ran."""
    async with connection.transaction():
        for statement in _PREPARE:
            await connection.execute(statement.format(schema=quoted(schema)), _params(statement, schema))
        cursor = await connection.execute(f"SELECT version FROM {quoted(schema)}.migrations")
        done = (await cursor.fetchone())[0]
        steps = migration_statements(schema, done)
        for step in steps:
            await connection.execute(step.encode())
    return len(steps)


def migrate_blocking(connection: Any, schema: str) -> int:
    """`migrate` on psycopg's blocking `Connection`."""
    with connection.transaction():
        for statement in _PREPARE:
            connection.execute(statement.format(schema=quoted(schema)), _params(statement, schema))
        done = connection.execute(f"SELECT version FROM {quoted(schema)}.migrations").fetchone()[0]
        steps = migration_statements(schema, done)
        for step in steps:
            connection.execute(step.encode())
    return len(steps)


def _params(statement: str, schema: str) -> tuple[str, ...] | None:
    return (f"pexip_engage migrations {schema}",) if "%s" in statement else None  # the advisory lock's key


def require_psycopg() -> None:
    """Raise an `ImportError` that names the extra when psycopg is missing."""
    try:
        import psycopg  # noqa: F401, PLC0415 - the extra is imported only by those who use it
        import psycopg_pool  # noqa: F401, PLC0415
    except ImportError:
        raise ImportError(EXTRA_HINT) from None
