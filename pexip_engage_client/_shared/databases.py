"""The client's one way to a database of a room's tables: SQLite (a file, the default) or PostgreSQL, one
transaction at a time off the event loop (the mirror's and the availability store's).

Every operation is a plain function of one transaction's `Statements`, run whole on a thread of the database's own:
a cancelled event loop never leaves a transaction half done. The backends differ only in how values go in and come
out (`Dialect`) and in their engine (`sqlite.py`, `_sync/postgres.py`), handed the room's `Migrations`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import unquote, urlsplit

from .._base.processes import PerProcess
from .._base.redaction import redacted_url
from .._base.shared_urls import is_postgres_url
from .._errors import TablesMissingError
from .postgres import Migrations, quoted
from .sqlite import SQLiteFile, holds_room

_T = TypeVar("_T")


class Statements(Protocol):
    """The statements of one transaction (`?` marks a parameter), and the database's time at its start."""

    now: datetime

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; how many rows it changed."""

    def many(self, sql: str, params: Iterable[Sequence[Any]]) -> None: ...


class Dialect(Protocol):
    """How values are written to and read from one backend's columns."""

    name: str
    for_update: str  # what locks the rows a SELECT reads for the transaction ("" in SQLite: one writer)
    skip_locked: str
    greatest: str  # the larger of two values

    def time(self, value: datetime | None) -> Any: ...
    def read_time(self, value: Any) -> datetime | None: ...
    def json(self, value: Any) -> Any: ...
    def read_json(self, value: Any) -> Any: ...
    def ids(self, value: tuple[str, ...] | None) -> Any: ...
    def read_ids(self, value: Any) -> tuple[str, ...] | None: ...

    def lock_ids(self, statements: Statements, ids: Sequence[str]) -> None:
        """Hold the appointments `ids` for the transaction, whether their rows exist or not, taken in one
        order by every process: what is decided for them is decided by one transaction at a time."""


class Database(Protocol):
    dialect: Dialect
    shown: str  # the URL without its password
    events_url: str  # where the receiver keeps its events: beside the tables

    async def run(self, work: Callable[[Statements], _T]) -> _T:
        """`work` as one transaction, on the database's thread: committed if it returns, rolled back if it raises."""

    def run_blocking(self, work: Callable[[Statements], _T]) -> _T:
        """`run` for a caller with no event loop (a sync twin's): waited for on its thread."""

    async def read(self, work: Callable[[Statements], _T]) -> _T:
        """`work`, which only reads, as `run` does; but a SQLite file, or its tables, missing is refused (never made):
        `TablesMissingError`. A PostgreSQL schema is never made by either."""

    def refuse_missing_events(self) -> None:
        """`TablesMissingError` when the receiver's events (`events_url`) are in a SQLite file that, or whose tables,
        is missing: a read opens them only when there (a PostgreSQL store refuses a schema missing itself)."""

    async def close(self) -> None: ...

    def close_blocking(self) -> None: ...


def database_from_url(url: str, tables: tuple[Migrations, Migrations]) -> Database:
    """`sqlite:///path/to/room.db` or `postgresql://user@host/db?schema=name` (or `postgres://`), holding a room's
    `tables`: its SQLite and its PostgreSQL `Migrations`."""
    if not isinstance(url, str):
        raise ValueError(f"database must be a sqlite:/// or postgresql:// URL, not {type(url).__name__}")
    if urlsplit(url).scheme == "sqlite":
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ValueError("database: a SQLite database is named sqlite:///path/to/file.db (three slashes)")
        return SQLiteDatabase(path, tables[0])
    if is_postgres_url(url):
        return PostgresDatabase(url, tables[1])
    raise ValueError(f"database must be a sqlite:/// or postgresql:// URL, not {redacted_url(url, every_value=True)}")


# --- SQLite ------------------------------------------------------------------------------------


class _SQLiteDialect:
    """Times as ISO 8601 text in UTC with an offset, of one width (`2026-12-01T09:00:00.000000+00:00`), so
    that text order is time order; JSON and id lists as JSON text."""

    name = "sqlite"
    for_update = ""
    skip_locked = ""
    greatest = "max"

    def time(self, value: datetime | None) -> str | None:
        return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def read_time(self, value: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    def json(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)

    def read_json(self, value: Any) -> Any:
        return None if value is None else json.loads(value)

    def ids(self, value: tuple[str, ...] | None) -> str | None:
        return None if value is None else self.json(list(value))

    def read_ids(self, value: Any) -> tuple[str, ...] | None:
        return None if value is None else tuple(json.loads(value))

    def lock_ids(self, statements: Statements, ids: Sequence[str]) -> None:
        """Nothing more: every transaction is `BEGIN IMMEDIATE`, the file's one writer."""


class _SQLiteStatements:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.now = datetime.now(UTC)  # one machine: its clock is the database's

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, params).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._connection.execute(sql, params).rowcount

    def many(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        self._connection.executemany(sql, params)


# The webhook store's room in the events' file (its `SQLITE_MIGRATIONS`, which the shared room may not import).
_EVENTS_ROOM = "webhooks"


class SQLiteDatabase:
    """`sqlite:///path`: one connection per process on a thread of its own (WAL, each commit synced in full).

    Several processes may share the file, as the webhook store's SQLite file is shared: each
    transaction is `BEGIN IMMEDIATE`, so they take turns. The receiver's events live in a file beside
    it (`mirror.events.db` for `mirror.db`).
    """

    dialect: Dialect = _SQLiteDialect()

    def __init__(self, path: str, tables: Migrations) -> None:
        self.path = path
        self.shown = f"sqlite:///{path}"
        # A file of their own beside the table's: taking in a delivery never waits for a page being applied
        # (SQLite has one writer per file), nor a page for a delivery.
        table = Path(path)
        self._events_path = str(table.with_name(table.stem + ".events" + (table.suffix or ".db")))
        self.events_url = "sqlite:///" + self._events_path
        self._file = SQLiteFile(path, tables, thread_name=f"pexip-engage-{tables.room}-sqlite")
        self._room = tables.room

    def __repr__(self) -> str:
        return f"SQLiteDatabase({self.path!r})"

    async def run(self, work: Callable[[Statements], _T]) -> _T:
        return await self._file.run(lambda connection: work(_SQLiteStatements(connection)))

    def run_blocking(self, work: Callable[[Statements], _T]) -> _T:
        return self._file.run_blocking(lambda connection: work(_SQLiteStatements(connection)))

    def refuse_missing_events(self) -> None:
        if not holds_room(self._events_path, _EVENTS_ROOM):
            raise TablesMissingError(self._events_path, _EVENTS_ROOM, "`mirror run`")

    async def read(self, work: Callable[[Statements], _T]) -> _T:
        if self._file.connection is None and not holds_room(self.path, self._room):
            raise TablesMissingError(self.path, self._room, "`mirror run`")
        return await self.run(work)

    async def close(self) -> None:
        await self._file.close()

    def close_blocking(self) -> None:
        self._file.close_blocking()


# --- PostgreSQL ---------------------------------------------------------------------------------


class _PostgresDialect:
    """Times as `timestamptz`, documents as `jsonb`, id lists as `text[]`."""

    name = "postgres"
    for_update = " FOR UPDATE"
    skip_locked = " FOR UPDATE SKIP LOCKED"
    greatest = "GREATEST"

    def time(self, value: datetime | None) -> datetime | None:
        return value

    def read_time(self, value: Any) -> datetime | None:
        return value  # type: ignore[no-any-return]

    def json(self, value: Any) -> Any:
        from psycopg.types.json import Jsonb  # noqa: PLC0415 - the `postgres` extra, present once connected

        return None if value is None else Jsonb(value)

    def read_json(self, value: Any) -> Any:
        return value

    def ids(self, value: tuple[str, ...] | None) -> list[str] | None:
        return None if value is None else list(value)

    def read_ids(self, value: Any) -> tuple[str, ...] | None:
        return None if value is None else tuple(value)

    def lock_ids(self, statements: Statements, ids: Sequence[str]) -> None:
        """A transaction-scoped advisory lock per id, in the order of their keys (no two processes wait on
        each other in a cycle), one statement after another: a row that does not exist yet has no row lock."""
        keys = sorted({_lock_key(appointment_id) for appointment_id in ids})
        if keys:
            statements.many("SELECT pg_advisory_xact_lock(?)", [(key,) for key in keys])


def _lock_key(appointment_id: str) -> int:
    """The advisory lock's 64-bit key of an appointment (the same in every process; two ids that share one
    only take turns)."""
    digest = hashlib.blake2b(f"pexip-engage mirror appointment {appointment_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class _PostgresStatements:
    def __init__(self, connection: Any, schema: str) -> None:
        self._connection = connection
        # The tables by their bare names, for this transaction only; and the database's clock, which every
        # host shares (a catch-up on one and a read on another are ordered by it).
        found = connection.execute(
            "SELECT set_config('search_path', %s, true), clock_timestamp()", (quoted(schema),)
        ).fetchone()
        self.now: datetime = found[1]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._connection.execute(_marks(sql), params).fetchall())

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self._connection.execute(_marks(sql), params).rowcount)

    def many(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(_marks(sql), list(params))


def _marks(sql: str) -> str:
    """`?` parameters as psycopg's `%s` (the mirror's SQL holds no other `?` nor `%`)."""
    return sql.replace("?", "%s")


class PostgresDatabase:
    """`postgresql://...?schema=name`: the tables in the schema (`pexip_engage` by default), through the
    client's one pool per process and its failure rule; transactions on a few threads of the mirror's own."""

    dialect: Dialect = _PostgresDialect()

    def __init__(self, url: str, tables: Migrations) -> None:
        from ._sync.postgres import Pool  # noqa: PLC0415 - the `postgres` extra, named when missing

        self._pool = Pool(url, tables, size=4, wait=3.0, statement_timeout=10.0)
        self.schema = self._pool.schema
        self.shown = redacted_url(url)
        self.events_url = url  # tables of their own in the same schema; row locks, no contention
        self._threads: PerProcess[ThreadPoolExecutor] = PerProcess(
            lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix=f"pexip-engage-{tables.room}-postgres")
        )

    def __repr__(self) -> str:
        return f"PostgresDatabase({self.shown!r})"

    async def run(self, work: Callable[[Statements], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._threads.get(), self._transaction, work)

    def run_blocking(self, work: Callable[[Statements], _T]) -> _T:
        return self._threads.get().submit(self._transaction, work).result()

    async def read(self, work: Callable[[Statements], _T]) -> _T:
        return await self.run(work)  # the schema's version is read, never made: `Pool`

    def refuse_missing_events(self) -> None:
        """Nothing to ask here: the events' store reads the schema's version when opened, and never makes it."""

    def _transaction(self, work: Callable[[Statements], _T]) -> _T:
        with self._pool.connection() as connection, connection.transaction():
            return work(_PostgresStatements(connection, self.schema))

    async def close(self) -> None:
        await asyncio.to_thread(self.close_blocking)

    def close_blocking(self) -> None:
        threads = self._threads.clear()
        if threads is not None:  # the transactions in flight end first (committed or rolled back), then the pool
            threads.shutdown(wait=True)
            self._pool.close()
