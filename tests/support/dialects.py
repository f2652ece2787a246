"""A room's tables as each dialect made them, column by column: what tests/*/test_dialects.py compare.

Each room declares its tables once per dialect (SQLite's steps, PostgreSQL's steps), and each engine makes
them (`_shared/sqlite.py`, `_shared/postgres.py`); read back from the databases, they must name the same tables
and columns, each as nullable in both, and of types that stand for each other (the room's mapping)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from contextlib import closing
from pathlib import Path

from pexip_engage_client._base.shared_urls import split_url
from pexip_engage_client._shared._sync.postgres import migrate_blocking
from pexip_engage_client._shared.postgres import Migrations
from pexip_engage_client._shared.sqlite import connect

# A column: its table, its name; its type as the dialect declares it, and whether it may be null.
Columns = dict[tuple[str, str], tuple[str, bool]]


def sqlite_columns(path: Path, migrations: Migrations) -> Columns:
    """The columns of the tables the engine makes in a new file with the room's steps (not its version's table).

    A primary key counts as NOT NULL: SQL says so; SQLite lets a NULL into one that is not an INTEGER
    PRIMARY KEY only as a bug kept for compatibility, which no room's writes rely on."""
    with closing(connect(str(path), migrations)) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name not in ("sqlite_sequence", f"{migrations.room}_migrations")
        ]
        found: Columns = {}
        for table in tables:
            for _, name, declared, notnull, _, key in db.execute(f'PRAGMA table_info("{table}")'):
                found[table, name] = (declared.upper(), not (notnull or key))
    return found


def postgres_columns(url: str, migrations: Migrations) -> Columns:
    """The columns of the tables the engine makes in a new schema with the room's steps (not `migrations`)."""
    import psycopg

    conninfo, _ = split_url(url)
    schema = f"dialects_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        migrate_blocking(connection, schema, migrations)
        rows = connection.execute(
            "SELECT table_name, column_name, udt_name, is_nullable = 'YES' FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name <> 'migrations'",
            (schema,),
        ).fetchall()
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return {(table, name): (udt, nullable) for table, name, udt, nullable in rows}


def differences(
    sqlite: Columns, postgres: Columns, types: Mapping[str, set[str]], table: Callable[[str], str] = str
) -> list[str]:
    """Where the dialects disagree: a column one lacks, nullability, or a type the mapping does not pair.
    `types`: the PostgreSQL types each SQLite type may stand for; `table`: SQLite's table name as PostgreSQL's."""
    found = []
    renamed = {(table(name), column): shape for (name, column), shape in sqlite.items()}
    for key in sorted(renamed.keys() | postgres.keys()):
        where = ".".join(key)
        if key not in renamed:
            found.append(f"{where}: in PostgreSQL only")
        elif key not in postgres:
            found.append(f"{where}: in SQLite only")
        else:
            (lite, lite_null), (pg, pg_null) = renamed[key], postgres[key]
            if lite_null != pg_null:
                found.append(f"{where}: nullable in {'SQLite' if lite_null else 'PostgreSQL'} only")
            if pg not in types.get(lite, set()):
                found.append(f"{where}: {lite} in SQLite, {pg} in PostgreSQL")
    return found
