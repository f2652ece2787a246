"""The mirror's tables, once per dialect, in the client's one database engine (`_shared/databases.py`)."""

from __future__ import annotations

from .._shared import databases
from .._shared.databases import Database, Dialect, PostgresDatabase, SQLiteDatabase, Statements
from .._shared.postgres import Migrations

__all__ = ["MIGRATIONS", "SQLITE_MIGRATIONS", "Database", "Dialect", "PostgresDatabase", "SQLiteDatabase", "Statements"]


def database_from_url(url: str) -> Database:
    """`sqlite:///path/to/mirror.db` or `postgresql://user@host/db?schema=name` (or `postgres://`), with the mirror's
    tables."""
    return databases.database_from_url(url, (SQLITE_MIGRATIONS, MIGRATIONS))


# Each step once, in order, recorded in `mirror_migrations` (`_shared/sqlite.py`); a released step is never edited.
SQLITE_MIGRATIONS = Migrations(
    "mirror",
    (
        """
    CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        status TEXT,
        start TEXT,
        "end" TEXT,
        updated_at TEXT,
        office_id TEXT,
        subject_id TEXT,
        employee_ids TEXT,
        customer_ids TEXT,
        external_id TEXT,
        document TEXT NOT NULL,
        unreadable TEXT,
        gone_at TEXT,
        read_at TEXT NOT NULL,
        sequence INTEGER NOT NULL
    );
    CREATE INDEX appointments_read_at ON appointments (read_at);
    CREATE INDEX appointments_updated_at ON appointments (updated_at);
    CREATE TABLE appointment_changes (
        sequence INTEGER PRIMARY KEY,
        appointment_id TEXT NOT NULL,
        before TEXT,
        after TEXT NOT NULL,
        applied_at TEXT NOT NULL
    );
    CREATE INDEX appointment_changes_applied_at ON appointment_changes (applied_at);
    CREATE TABLE mirror_sequence (last INTEGER NOT NULL);
    INSERT INTO mirror_sequence (last) VALUES (0);
    CREATE TABLE mirror_pending (
        id TEXT PRIMARY KEY,
        noticed_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        newest TEXT,
        claimed_until TEXT,
        claimed_by TEXT
    );
    CREATE TABLE mirror_cursors (name TEXT PRIMARY KEY, sequence INTEGER NOT NULL, holder TEXT, held_until TEXT);
    CREATE TABLE mirror_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
        # The kind of change that last wrote a row; the ids set aside as unreadable; when a cursor was last held.
        """
    ALTER TABLE appointments ADD COLUMN change_kind TEXT;
    CREATE TABLE mirror_refused (id TEXT PRIMARY KEY, reason TEXT NOT NULL, refused_at TEXT NOT NULL);
    ALTER TABLE mirror_cursors ADD COLUMN held_at TEXT;
    CREATE INDEX appointments_start ON appointments (start);
    """,
        # When the change that last wrote a row was asked for, and what read it (an event, a catch-up).
        """
    ALTER TABLE appointments ADD COLUMN changed_at TEXT;
    ALTER TABLE appointments ADD COLUMN origin TEXT;
    """,
    ),
)


MIGRATIONS = Migrations(
    "mirror",
    (
        """
        CREATE TABLE {schema}.appointments (
            id text PRIMARY KEY,
            status text,
            start timestamptz,
            "end" timestamptz,
            updated_at timestamptz,
            office_id text,
            subject_id text,
            employee_ids text[],
            customer_ids text[],
            external_id text,
            document jsonb NOT NULL,
            unreadable text[],
            gone_at timestamptz,
            read_at timestamptz NOT NULL,
            sequence bigint NOT NULL
        );
        CREATE INDEX appointments_read_at ON {schema}.appointments (read_at);
        CREATE INDEX appointments_updated_at ON {schema}.appointments (updated_at);
        CREATE TABLE {schema}.appointment_changes (
            sequence bigint PRIMARY KEY,
            appointment_id text NOT NULL,
            before jsonb,
            after jsonb NOT NULL,
            applied_at timestamptz NOT NULL
        );
        CREATE INDEX appointment_changes_applied_at ON {schema}.appointment_changes (applied_at);
        CREATE TABLE {schema}.mirror_sequence (last bigint NOT NULL);
        INSERT INTO {schema}.mirror_sequence (last) VALUES (0);
        CREATE TABLE {schema}.mirror_pending (
            id text PRIMARY KEY,
            noticed_at timestamptz NOT NULL,
            version bigint NOT NULL,
            newest timestamptz,
            claimed_until timestamptz,
            claimed_by text
        );
        CREATE TABLE {schema}.mirror_cursors (
            name text PRIMARY KEY, sequence bigint NOT NULL, holder text, held_until timestamptz
        );
        CREATE TABLE {schema}.mirror_state (name text PRIMARY KEY, value text NOT NULL);
        """,
        """
        ALTER TABLE {schema}.appointments ADD COLUMN change_kind text;
        CREATE TABLE {schema}.mirror_refused (
            id text PRIMARY KEY, reason text NOT NULL, refused_at timestamptz NOT NULL
        );
        ALTER TABLE {schema}.mirror_cursors ADD COLUMN held_at timestamptz;
        CREATE INDEX appointments_start ON {schema}.appointments (start);
        """,
        """
        ALTER TABLE {schema}.appointments ADD COLUMN changed_at timestamptz;
        ALTER TABLE {schema}.appointments ADD COLUMN origin text;
        """,
    ),
)
