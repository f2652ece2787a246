"""Each store's blocking insert (no event loop), for the WSGI face and `receive_sync`: the store's own
SQL or Lua, its own file or keys, so that what a WSGI process stores the receiver's handling loop
(in another process) finds and handles like anything it stored itself. Hand-written: not a
generated sync twin.

- SQLite: stdlib sqlite3 on a connection of its own, the async store's schema and insert
  (`_sqlite.connect`, `_sqlite.insert_events`), one `BEGIN IMMEDIATE` transaction synced in full.
  Threads that add at once share a transaction (group commit): the first to get the connection
  inserts every add waiting and syncs once; the others find theirs done.
- Redis: redis-py's synchronous client, the async store's `_ADD` script and keys (`add_arguments`),
  a blocking pool shared by the threads.
- memory: the store object itself (`MemoryStore.add_sync`, under its lock): events stay in this
  process, and only a receiver running in it handles them.

An insert belongs to the process that opened it: its connection, pool and locks are the parent's
in a forked child, where a lock a parent thread held at the fork is held for ever. The receiver
opens a new one in the child (`WebhookReceiver`'s fork hook); the parent's SQLite connection is
kept unclosed there (`leave_unclosed`), never closed from the child.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from ..._base.processes import generation
from ..._base.redis_urls import redis_from_url
from ._contract import WebhookStore
from ._redis import _ADD, RedisStore, add_arguments
from ._sqlite import FORK_GATE, NewEvent, SQLiteStore, connect, insert_events, leave_unclosed


class SyncIntake(Protocol):
    """A store's insert without an event loop, safe to call from several threads at once."""

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        """`WebhookStore.add`, blocking: the event's arrival position, or None if the id is known."""
        ...


def has_intake(store: WebhookStore) -> bool:
    """Whether `open_intake` can give this store a synchronous insert."""
    return isinstance(store, SQLiteStore | RedisStore) or callable(getattr(store, "add_sync", None))


def open_intake(store: WebhookStore) -> SyncIntake:
    """The synchronous insert of `store`, connected (raises what connecting raises)."""
    if isinstance(store, SQLiteStore):
        return SQLiteIntake(store.path)
    if isinstance(store, RedisStore):
        return RedisIntake(store._url, store._base)  # the async store's own settings
    if callable(getattr(store, "add_sync", None)):  # a MemoryStore, or a store of the user's
        return cast(SyncIntake, store)
    raise TypeError(f"{store!r} has no synchronous insert (an `add_sync` method): use sqlite:/// or redis://")


@dataclass
class _Waiting:
    event: NewEvent
    done: bool = False
    position: int | None = None
    error: Exception | None = None


@dataclass
class SQLiteIntake:
    path: str
    _connection: sqlite3.Connection = field(init=False, repr=False)
    _waiting: list[_Waiting] = field(init=False, default_factory=list, repr=False)
    _queue_lock: threading.Lock = field(init=False, default_factory=threading.Lock, repr=False)
    _writing: threading.Lock = field(init=False, default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self._connection = connect(self.path)
        # The intake lives as long as its receiver, which a WSGI app never closes: the connection
        # is closed when the receiver is dropped, not left for the collector (3.13 warns of that);
        # by the process that opened it only.
        weakref.finalize(self, _close_in, generation(), self._connection)

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        mine = _Waiting((event_id, body, subject, updated_at, now))
        with self._queue_lock:
            self._waiting.append(mine)
        with self._writing:
            if not mine.done:  # nobody took it into their transaction while this thread waited
                with self._queue_lock:
                    batch, self._waiting = self._waiting, []
                self._commit(batch)
        if mine.error is not None:
            raise mine.error
        return mine.position

    def _commit(self, batch: list[_Waiting]) -> None:
        db = self._connection
        try:
            with FORK_GATE:
                db.execute("BEGIN IMMEDIATE")
                try:
                    positions = insert_events(db, [waiting.event for waiting in batch])
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except Exception as error:  # every add of the batch failed with it
            for waiting in batch:
                waiting.error, waiting.done = error, True
            return
        for waiting, position in zip(batch, positions, strict=True):
            waiting.position, waiting.done = position, True


def _close_in(made_in: int, connection: sqlite3.Connection) -> None:
    """Close `connection` in the process that made it; in a forked child, keep it unclosed."""
    if generation() == made_in:
        with FORK_GATE:
            connection.close()
    else:
        leave_unclosed(connection)


class RedisIntake:
    def __init__(self, url: str, base: str) -> None:
        import redis  # noqa: PLC0415 - the redis extra, present since the async store was made

        # As the async store: a caller waits for a free connection rather than fail past 100.
        pool = redis_from_url(redis.BlockingConnectionPool.from_url, url, max_connections=100, timeout=10)
        self._redis: Any = redis.Redis(connection_pool=pool)
        self._base = base
        self._add = self._redis.register_script(_ADD)
        # As the SQLite insert: its connections are closed when the receiver is dropped (redis-py
        # closes sockets only in the process that opened them).
        weakref.finalize(self, pool.disconnect)
        self._redis.ping()

    def add_sync(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        keys, args = add_arguments(self._base, event_id, body, subject=subject, updated_at=updated_at, now=now)
        position = self._add(keys=keys, args=args)
        return None if position is None else int(position)
