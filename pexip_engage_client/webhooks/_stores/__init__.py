"""The receiver's stores, chosen by URL; each loads only when its scheme is used."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from ..._base.shared_urls import is_postgres_url
from ..._shared._redis import SCHEMES as REDIS_SCHEMES
from ._contract import (
    FailedEvent,
    Noted,
    OrderKey,
    Outcome,
    Status,
    StoredEvent,
    StoreTallies,
    WebhookStore,
    note_quietly,
)

__all__ = [
    "FailedEvent",
    "Noted",
    "OrderKey",
    "Outcome",
    "Status",
    "StoreTallies",
    "StoredEvent",
    "WebhookStore",
    "note_quietly",
    "open_to_read",
    "refuse_missing",
    "store_from_url",
]


def store_from_url(url: str) -> WebhookStore:
    """`memory://`, `sqlite:///relative/or//absolute/path.db`, `redis://host:6379/0` (or `rediss://`, `unix://`),
    `postgresql://user@host/db?schema=name` (or `postgres://`)."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        from ._memory import MemoryStore  # noqa: PLC0415 - each store loads when its scheme is used

        return MemoryStore()
    if scheme == "sqlite":
        path = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
        if not path:
            raise ValueError(
                "store: a SQLite store is named sqlite:///path/to/events.db (three slashes, then the path)"
            )
        from ._sqlite import SQLiteStore  # noqa: PLC0415

        return SQLiteStore(path)
    if scheme in REDIS_SCHEMES:
        from ._redis import RedisStore  # noqa: PLC0415

        return RedisStore(url)
    if is_postgres_url(url):
        from ._postgres import PostgresStore  # noqa: PLC0415

        return PostgresStore(url)
    raise ValueError("store: expected a memory://, sqlite:///, redis:// or postgresql:// URL, or a WebhookStore")


# What makes a SQLite store's file and tables: a process that takes deliveries in.
_MADE_BY = "a receiver storing deliveries"


def refuse_missing(store: WebhookStore, made_by: str = _MADE_BY) -> None:
    """For a call that only reads: a SQLite store whose file, or tables, is missing is refused (`TablesMissingError`),
    never made; the other stores make nothing a read needs (PostgreSQL's refuses a schema missing itself)."""
    from ._sqlite import SQLiteStore  # noqa: PLC0415

    if isinstance(store, SQLiteStore):
        store.refuse_missing(made_by)


async def open_to_read(store: WebhookStore, made_by: str = _MADE_BY) -> None:
    """`store.open()` for a call that only reads (`refuse_missing` first)."""
    refuse_missing(store, made_by)
    await store.open()
