"""What a feed of the change log needs of the mirror, and nothing more: its one door to the mirror's tables.

A feed (the warehouse's dlt source) holds a cursor of its own as a change hook does, reads the log after a
number, reads the table for a full reload, and moves its cursor only to a number its destination has
committed. Every statement it runs reads, but those on its cursor (`mirror_cursors`): it runs as a role that
may only read the mirror and move its own cursor. The calls are plain (a dlt resource is a plain generator),
each one transaction on the mirror's own database engine, run on an event loop of the feed's own.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

from .._leasing._holders import MIRROR_CLAIM, new_holder
from ..errors import PexipEngageError
from . import _tables
from ._database import Statements, database_from_url
from ._hooks import checked_cursor
from ._rows import MirroredAppointment

_T = TypeVar("_T")
_LEASE = MIRROR_CLAIM.seconds


class ChangeLogGapError(PexipEngageError):
    """The changes `first` to `last` left the mirror's log before the feed of cursor `cursor` loaded them
    (pruned past a cursor not held for longer than the retention, or a cursor dropped): loading on would
    leave a hole in the warehouse, so nothing is loaded. A full reload (`pexip-engage mirror export
    --full-reload`, `dlt_source(..., full_reload=True)`) loads the table whole and goes on from there."""

    def __init__(self, first: int, last: int, cursor: str) -> None:
        self.first: int = first
        self.last: int = last
        self.cursor: str = cursor
        super().__init__(
            f"the mirror's log no longer holds changes {first} to {last}, which the warehouse of cursor {cursor!r}"
            " has not loaded (pruned, or the cursor dropped or unheld for longer than the change retention):"
            " nothing was loaded; run a full reload (`pexip-engage mirror export --full-reload`), which loads the"
            " mirror's table whole and goes on from it"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.first, self.last, self.cursor))


class CursorHeldError(PexipEngageError):
    """Another process exports through this cursor now: one at a time moves it."""


@dataclass(frozen=True)
class LogState:
    """Where the log stands: its newest change, the first one kept after a number, and what the mirror
    last proved of itself (its last catch-up and check, as `mirror status` shows them)."""

    last: int
    first_after: int | None
    catch_up: dict[str, Any] | None
    check: dict[str, Any] | None


class ChangeFeed:
    """The mirror's log and table, read for one feed, through the cursor `cursor` it holds while open."""

    def __init__(self, database: str, cursor: str) -> None:
        self.cursor = checked_cursor(cursor)
        self._database = database_from_url(database)
        self._holder = new_holder()
        self._loop = asyncio.Runner()
        self.position = 0

    def _run(self, work: Callable[[Statements], _T]) -> _T:
        return self._loop.run(self._database.read(work))  # a mirror's database missing is refused, never made

    def open(self) -> int:
        """Hold the cursor (or renew it); where it stands. `CursorHeldError` when another process holds it; one of
        this host that no longer runs (a loader killed) is let go of first, as a mirror starting does."""
        hold = partial(_tables.hold_cursor, self._database.dialect, name=self.cursor, holder=self._holder, lease=_LEASE)
        held = self._run(hold)
        if held is None:
            cursors = self._run(partial(_tables.cursors, self._database.dialect, retention=timedelta(0)))
            holder = next((cursor.holder for cursor in cursors if cursor.name == self.cursor), None)
            if holder is not None and MIRROR_CLAIM.let_go_early(holder):
                self._run(lambda statements: _tables.let_go(statements, self.cursor, holder))
                held = self._run(hold)
        if held is None:
            raise CursorHeldError(f"another process exports through the mirror's cursor {self.cursor!r} now")
        self.position = held
        return held

    def state(self, after: int) -> LogState:
        def read(statements: Statements) -> LogState:
            last = int(statements.rows("SELECT last FROM mirror_sequence")[0][0])
            first = statements.rows("SELECT min(sequence) FROM appointment_changes WHERE sequence > ?", [after])[0][0]
            kept = dict(statements.rows("SELECT name, value FROM mirror_state WHERE name IN ('catch_up', 'check')"))
            return LogState(
                last,
                None if first is None else int(first),
                *(json.loads(kept[name]) if name in kept else None for name in ("catch_up", "check")),
            )

        return self._run(read)

    def changes(self, after: int, limit: int) -> list[_tables.Change]:
        return self._run(partial(_tables.changes_after, self._database.dialect, sequence=after, limit=limit))

    def rows(self, after: str, limit: int) -> list[MirroredAppointment]:
        """The table's rows, by id after `after`: a full reload's."""
        return self._run(partial(_tables.rows_after, self._database.dialect, after=after, limit=limit))

    def advance(self, sequence: int) -> None:
        """The cursor moved to `sequence`, which the destination has committed (never back); retention may
        prune the changes it passed."""
        if sequence > self.position:
            _tables_advance = partial(
                _tables.advance, self._database.dialect, name=self.cursor, holder=self._holder, lease=_LEASE
            )
            if not self._run(partial(_tables_advance, sequence=sequence)):
                raise CursorHeldError(f"the mirror's cursor {self.cursor!r} was taken by another process")
            self.position = sequence

    def close(self) -> None:
        """The cursor let go and the database closed."""
        try:
            self._run(lambda statements: _tables.let_go(statements, self.cursor, self._holder))
        finally:
            self._loop.run(self._database.close())
            self._loop.close()
