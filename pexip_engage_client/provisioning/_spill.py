"""A plan's changes and conflicts kept in a temporary SQLite file as they are decided and read back a page at a
time, so that deciding a big directory holds little more than a page of them (docs/provisioning.md, "Big
directories"). A scratch file, not a room's store: no migrations, no WAL, nothing shared between processes, which is
why it is not `_shared.sqlite`'s `SQLiteFile`.

The file is the plan's alone: in a folder of its own (0700, `tempfile.mkdtemp`), created 0600, without a journal
(nothing in it outlives the process), removed with its folder when its lists are collected or the process exits.
A forked child opens its own connection to it (SQLite forbids using the parent's across a fork), and leaves the
file to the parent to remove.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, ClassVar, TypeVar, overload

from .._base.processes import PerProcess

T = TypeVar("T")

# Items written or read at once: a page held, whatever the list's length.
PAGE = 500


class Spill:
    """A plan's temporary SQLite file, shared by its lists, each a table."""

    def __init__(self) -> None:
        self.folder: str = tempfile.mkdtemp(prefix="pexip-engage-plan-")
        path = os.path.join(self.folder, "plan.sqlite3")
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        self._connection = PerProcess(partial(_connect, path))
        self._lock = PerProcess(threading.Lock)  # the sync apply's threads read a plan; a forked child has its own
        self._tables = 0
        weakref.finalize(self, _remove, self.folder, os.getpid(), self._connection)

    def table(self) -> str:
        with self._lock.get():
            self._tables += 1
            name = f"list{self._tables}"
            self._connection.get().execute(f"CREATE TABLE {name} (position INTEGER PRIMARY KEY, data TEXT NOT NULL)")
        return name

    def run(self, statement: str, rows: list[tuple[Any, ...]] | None = None) -> list[Any]:
        """`statement` once (a query's rows returned), or once for each of `rows` when given."""
        with self._lock.get():
            connection = self._connection.get()
            if rows is not None:
                with connection:  # (one transaction: a page written at once)
                    connection.executemany(statement, rows)
                return []
            return connection.execute(statement).fetchall()


def _connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    return connection


def _remove(folder: str, pid: int, connection: PerProcess[sqlite3.Connection]) -> None:
    if os.getpid() == pid:
        if (made := connection.current()) is not None:
            made.close()
        shutil.rmtree(folder, ignore_errors=True)


class Spilled(Sequence[T]):
    """A list kept in a table of a `Spill`, in order: appended to (a page at a time), read back a page at a time.

    Each item is kept as the JSON of `write(item)` and read back by `read`; equal to any sequence of equal items.
    """

    def __init__(self, spill: Spill, write: Callable[[T], Any], read: Callable[[Any], T]) -> None:
        self._spill, self._write, self._read = spill, write, read
        self._table = spill.table()
        self._pending: list[T] = []
        self._count = 0

    def append(self, item: T) -> None:
        self._pending.append(item)
        self._count += 1
        if len(self._pending) >= PAGE:
            self._flush()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __iadd__(self, items: Iterable[T]) -> Spilled[T]:
        self.extend(items)
        return self

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            return self._between(start, stop) if step == 1 else [self[at] for at in range(start, stop, step)]
        if not -self._count <= index < self._count:
            raise IndexError("index out of range")
        return self._between(index % self._count, index % self._count + 1)[0]

    def __iter__(self) -> Iterator[T]:
        for start in range(0, self._count, PAGE):
            yield from self._between(start, min(start + PAGE, self._count))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes) or len(other) != self._count:
            return False
        return all(mine == theirs for mine, theirs in zip(self, other, strict=True))

    __hash__: ClassVar[None] = None  # type: ignore[assignment] # (a list's: mutable)

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple[type[list[T]], tuple[list[T]]]:
        return list, (list(self),)  # (pickled or copied, a plan's lists are lists: its file stays here)

    def _between(self, start: int, stop: int) -> list[T]:
        """The items from `start` to `stop` (0-based, stop excluded)."""
        self._flush()
        rows = self._spill.run(
            f"SELECT data FROM {self._table} WHERE position >= {int(start)} AND position < {int(stop)} "  # noqa: S608 - numbers and our table
            "ORDER BY position"
        )
        return [self._read(json.loads(data)) for (data,) in rows]

    def _flush(self) -> None:
        if self._pending:
            first = self._count - len(self._pending)
            pending, self._pending = self._pending, []
            self._spill.run(
                f"INSERT INTO {self._table} (position, data) VALUES (?, ?)",  # noqa: S608 - our table
                [(first + at, json.dumps(self._write(item), ensure_ascii=False)) for at, item in enumerate(pending)],
            )
