"""A plan's directory rows, Engage's listing, and its changes and conflicts kept in a temporary SQLite file and
read back a page at a time, so that planning a big directory holds little more than a page (docs/provisioning.md,
"Big directories"). A scratch file, not a room's store (no migrations, no WAL, nothing shared): hence not
`_shared.sqlite`'s `SQLiteFile`. It lives in a 0700 folder of its own, created 0600 without a journal, removed
when its lists are collected or the process exits; a forked child opens its own connection and leaves it to the
parent to remove.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from itertools import chain, islice
from typing import Any, ClassVar, TypeVar, overload

from .._base.processes import PerProcess
from ._input import DesiredRow
from ._keys import UNIQUE, folded

T = TypeVar("T")

# Items written or read at once: a page held, whatever the list's length.
PAGE = 100


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

    def run(self, statement: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """`statement` once, its rows returned."""
        with self._lock.get():
            return self._connection.get().execute(statement, parameters).fetchall()

    def run_many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """`statement` once for each of `rows`, in one transaction (a page written at once)."""
        with self._lock.get(), self._connection.get() as connection:
            connection.executemany(statement, rows)


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

    def __repr__(self) -> str:  # (a count, never the items: a task's or a log's repr of a plan reads none back)
        return f"<{self._count} items kept on disk>"

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
            self._spill.run_many(
                f"INSERT INTO {self._table} (position, data) VALUES (?, ?)",  # noqa: S608 - our table
                [(first + at, json.dumps(self._write(item), ensure_ascii=False)) for at, item in enumerate(pending)],
            )


class Directory:
    """A directory's rows as read and checked, and Engage's employees as listed, kept in a `Spill` of their own (a
    plan's, once made) and read back a page at a time: planning holds a page of each, whatever their number. Each row
    and employee keeps the folded values of its unique fields (`_keys.UNIQUE`) to find rows that share one, the
    listed employees of a key, and those whose key no row gives. A rejected row keeps its key alone (text). Every
    statement names our own tables and columns (`UNIQUE`'s); values are bound."""

    def __init__(self, key: str) -> None:
        self.spill, self.key = Spill(), key
        self.names: dict[str, None] = {}  # the fields the rows give, in order
        columns = ", ".join(f"{field} TEXT" for field in UNIQUE)
        self.spill.run(
            "CREATE TABLE rows (row INTEGER PRIMARY KEY, data TEXT NOT NULL, problems TEXT NOT NULL, "
            f"rejected INTEGER NOT NULL, {columns})"
        )
        self.spill.run(f"CREATE TABLE listing (position INTEGER PRIMARY KEY, data TEXT NOT NULL, {columns})")
        for table, field in ((table, field) for table in ("rows", "listing") for field in UNIQUE):
            self.spill.run(f"CREATE INDEX {table}_{field} ON {table} ({field})")
        self._listed = 0

    def keep(self, rows: Iterable[DesiredRow]) -> None:
        """`rows` written, a page at a time; a row with problems is rejected."""
        each = iter(rows)
        while page := list(islice(each, PAGE)):
            self.spill.run_many(
                f"INSERT INTO rows VALUES (?, ?, ?, ?, {', '.join('?' * len(UNIQUE))})",  # noqa: S608 - (placeholders)
                [(row.row, _dumps(self._kept(row)), _dumps(row.problems), bool(row.problems), *_folded(row.fields))
                 for row in page],
            )  # fmt: skip
            self.names.update(dict.fromkeys(name for row in page for name in row.fields))

    def _kept(self, row: DesiredRow) -> dict[str, Any]:
        value = row.fields.get(self.key)
        return row.fields if not row.problems else {self.key: value} if isinstance(value, str) else {}

    def rejected(self) -> Iterator[DesiredRow]:
        """The rows with problems, in order."""
        return self._rows("problems != '[]'")

    def sharing(self, field: str) -> Iterator[tuple[DesiredRow, list[int]]]:
        """Each group of rows not rejected that give one value of `field` (folded), in order of its first row: that
        row, and the numbers of them all; each group rejected as it is read."""
        while groups := self.spill.run(
            f"SELECT group_concat(row) FROM rows WHERE NOT rejected AND {field} IS NOT NULL GROUP BY {field} "  # noqa: S608 - our columns
            f"HAVING count(*) > 1 ORDER BY min(row) LIMIT {PAGE}"
        ):
            numbers = [sorted(map(int, group.split(","))) for (group,) in groups]
            self.spill.run(f"UPDATE rows SET rejected = 1 WHERE row IN ({','.join(map(str, chain(*numbers)))})")  # noqa: S608
            first = {row.row: row for row in self._rows(f"row IN ({','.join(str(group[0]) for group in numbers)})")}
            yield from ((first[group[0]], group) for group in numbers)

    def valid(self) -> Iterator[list[DesiredRow]]:
        """The rows not rejected, a page at a time, in order."""
        each = self._rows("NOT rejected")
        while page := list(islice(each, PAGE)):
            yield page

    def valid_count(self) -> int:
        return int(self.spill.run("SELECT count(*) FROM rows WHERE NOT rejected")[0][0])

    def _rows(self, where: str) -> Iterator[DesiredRow]:
        last = 0
        while page := self.spill.run(
            f"SELECT row, data, problems FROM rows WHERE ({where}) AND row > ? ORDER BY row LIMIT {PAGE}",  # noqa: S608
            (last,),
        ):
            yield from (DesiredRow(row, json.loads(data), json.loads(problems)) for row, data, problems in page)
            last = page[-1][0]

    def keep_listed(self, employees: Sequence[dict[str, Any]]) -> None:
        """Employees of Engage's listing written, in the listing's order."""
        first, self._listed = self._listed, self._listed + len(employees)
        self.spill.run_many(
            f"INSERT INTO listing VALUES (?, ?, {', '.join('?' * len(UNIQUE))})",  # noqa: S608 - (placeholders)
            [(first + at, _dumps(item), *_folded(item)) for at, item in enumerate(employees)],
        )

    def listed(self, where: str = "1", parameters: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The listed employees (those `where` selects), in the listing's order."""
        last = -1
        while page := self.spill.run(
            f"SELECT position, data FROM listing WHERE ({where}) AND position > ? ORDER BY position LIMIT {PAGE}",  # noqa: S608
            (*parameters, last),
        ):
            yield from (json.loads(data) for _, data in page)
            last = page[-1][0]

    def listed_with(self, field: str, values: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The listed employees whose `field` is one of `values` (folded)."""
        return self.listed(f"{field} IN (SELECT value FROM json_each(?))", (_dumps(list(values)),))  # noqa: S608

    def unlisted_keys(self) -> Iterator[dict[str, Any]]:
        """The listed employees with a key (text) that no row gives."""
        key = self.key
        return self.listed(f"{key} IS NOT NULL AND {key} NOT IN (SELECT {key} FROM rows WHERE {key} IS NOT NULL)")  # noqa: S608


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _folded(fields: Mapping[str, Any]) -> list[str | None]:
    return [folded(value) if isinstance(value := fields.get(field), str) else None for field in UNIQUE]
