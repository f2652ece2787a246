"""Each store's blocking insert (no event loop), for the WSGI face and `receive_sync`: the store's own
SQL or Lua, its own file or keys, so that what a WSGI process stores the receiver's handling loop
(in another process) finds and handles like anything it stored itself. Hand-written: not a
generated sync twin.

A memory store is its own insert (`MemoryStore.add_sync`). An insert belongs to the process that
opened it (a forked child's receiver opens its own): each is closed, when its receiver is dropped,
by that process only.
"""

from __future__ import annotations

import time
import weakref
from typing import Protocol, cast

from ..._base._sync._redis import RedisScripts
from ..._base.processes import generation
from ._contract import WebhookStore
from ._postgres import MIGRATIONS, PostgresStore
from ._postgres import add_arguments as postgres_arguments
from ._redis import _ADD, MAX_CONNECTIONS, RedisStore, add_arguments, from_now
from ._sqlite import GroupCommit, SQLiteStore, close_in, connect, transaction


class SyncIntake(Protocol):
    """A store's insert without an event loop, safe to call from several threads at once."""

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        """`WebhookStore.add`, blocking: the event's arrival position, or None if the id is known."""
        ...


def has_intake(store: WebhookStore) -> bool:
    """Whether `open_intake` can give this store a synchronous insert."""
    return isinstance(store, SQLiteStore | RedisStore | PostgresStore) or callable(getattr(store, "add_sync", None))


def open_intake(store: WebhookStore) -> SyncIntake:
    """The synchronous insert of `store`, connected (raises what connecting raises)."""
    if isinstance(store, SQLiteStore):
        return SQLiteIntake(store.path)
    if isinstance(store, RedisStore):
        return RedisIntake(store._url, store._base)  # the async store's own settings
    if isinstance(store, PostgresStore):
        return PostgresIntake(store)
    if callable(getattr(store, "add_sync", None)):  # a MemoryStore, or a store of the user's
        return cast(SyncIntake, store)
    raise TypeError(
        f"{store!r} has no synchronous insert (an `add_sync` method): use sqlite:///, redis:// or postgresql://"
    )


class SQLiteIntake:
    def __init__(self, path: str) -> None:
        self.path = path
        self._connection = connection = connect(path)
        self._adds = GroupCommit(lambda work: transaction(connection, work))
        # Closed when the receiver (which a WSGI app never closes) is dropped, not left for the
        # collector (3.13 warns of that).
        weakref.finalize(self, close_in, generation(), connection)

    def __repr__(self) -> str:
        return f"SQLiteIntake(path={self.path!r})"

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        return self._adds.write(self._adds.queue((event_id, body, subject, updated_at, now)))


class RedisIntake:
    def __init__(self, url: str, base: str) -> None:
        # As the async store: a caller waits for a free connection rather than fail past 100, and a
        # Redis stopped or cut off fails the insert within about a second.
        user = "WebhookReceiver's Redis store"
        self._redis = RedisScripts(url, {"add": _ADD}, max_connections=MAX_CONNECTIONS, user=user)
        self._base = base
        weakref.finalize(self, self._redis.close)  # the client's own process only: a forked child's closes none
        self._redis.client.ping()

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        span = from_now(now)
        keys, args = add_arguments(self._base, event_id, body, subject=subject, updated_at=updated_at, span=span)
        position = self._redis.run("add", keys, args)
        return None if position is None else int(position)


class PostgresIntake:
    def __init__(self, store: PostgresStore) -> None:
        from ..._base._sync.postgres import Pool  # noqa: PLC0415 - the postgres extra, present since the store was made

        self._add = store._sql.add
        # As the async store's, without an event loop: a caller waits for a free connection (up to 10 s) past 20.
        self._pool = Pool(store._url, MIGRATIONS, size=20, wait=10.0)
        with self._pool.connection():  # connected, and the tables made, now
            pass
        weakref.finalize(self, self._pool.close)  # the pool's own process only: a forked child's closes none

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        arguments = postgres_arguments(event_id, body, subject, updated_at)
        row = self._pool.row(self._add, {**arguments, "span": now - time.time()})
        return None if row is None or row[0] is None else int(row[0])
