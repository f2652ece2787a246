"""`memory://`: the store for tests, in one process; nothing survives it.

Each method runs without suspending, so on one event loop it is atomic as the contract asks; each
also holds a lock while it runs, so that the WSGI face's inserts (on the bridge's loop thread)
can share the store with a receiver's event loop in the same process (written out in each method, not
as a decorator, which mutmut would leave unmutated: docs/mutation.md). A forked child gets a new
lock (a parent thread may have held the old one at the fork: `PerProcess`) and a copy of the events.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..._base.processes import PerProcess
from ..._leasing._claims import Claim
from ._contract import (
    NO_UPDATED_AT,
    FailedEvent,
    Noted,
    OrderKey,
    Outcome,
    Status,
    StoredEvent,
    StoreTallies,
    tallies_of,
    twin_of,
)


@dataclass
class _Row:
    id: str
    body: bytes
    position: int
    subject: str | None
    updated_at: int | None
    status: Status = "pending"
    attempts: int = 0
    not_before: float = 0.0
    claim: Claim = field(default_factory=Claim)  # a handler's, while `handling`
    error: str = ""
    settled_at: float = 0.0

    @property
    def turn(self) -> tuple[int, int]:
        return (NO_UPDATED_AT if self.updated_at is None else self.updated_at, self.position)


class MemoryStore:
    def __init__(self) -> None:
        self._lock = PerProcess(threading.RLock)
        self._rows: dict[str, _Row] = {}
        self._newest: dict[str, tuple[int, int]] = {}
        self._waiting: dict[str, set[str]] = {}  # subject -> ids of its pending and handling events
        self._seen: dict[str, int] = {}  # subject -> the latest updatedAt of an event kept
        self._position = 0
        self._noted: dict[str, tuple[int, float, str]] = {}  # what -> (count, the last's time, its kind)

    def __repr__(self) -> str:
        return "MemoryStore()"

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        with self._lock.get():
            if event_id in self._rows:
                return None
            twin = twin_of(subject, updated_at)
            if twin is not None and twin != event_id and twin in self._rows:
                return None  # a delivery of a change reconcile already kept
            self._position += 1
            self._rows[event_id] = _Row(event_id, body, self._position, subject, updated_at, not_before=now)
            if subject is not None:
                self._waiting.setdefault(subject, set()).add(event_id)
                if updated_at is not None:
                    self._seen[subject] = max(updated_at, self._seen.get(subject, NO_UPDATED_AT))
            return self._position

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        with self._lock.get():
            # What was kept is enough: purge never clears `_seen`, and a handled order is its kept event's own.
            if self._seen.get(subject, NO_UPDATED_AT) >= updated_at:
                return None
            # The lock is reentrant, and add does not suspend either.
            return await self.add(event_id, body, subject=subject, updated_at=updated_at, now=now)

    def _claimable(self, row: _Row, now: float) -> bool:
        due = (row.status == "pending" and row.not_before <= now) or (
            row.status == "handling" and not row.claim.running(now)
        )
        return due and self._its_turn(row, now)

    def _its_turn(self, row: _Row, now: float) -> bool:
        if row.subject is None:
            return True
        for other_id in self._waiting.get(row.subject, ()):
            other = self._rows[other_id]
            if other is row:
                continue
            if self._running(other, now) or other.turn < row.turn:
                return False
        return True

    def _next(self, subject: str | None, now: float) -> str | None:
        if subject is None:
            return None
        waiting = [self._rows[event_id] for event_id in self._waiting.get(subject, ())]
        head = min(waiting, key=lambda row: row.turn, default=None)
        return head.id if head is not None and self._claimable(head, now) else None

    def _end(self, row: _Row, owner: str, status: Status, now: float) -> str | None:
        """Ends `row`'s claim, out of its subject's turns; the event whose turn it now is, if it is due."""
        row.claim.let_go(owner)
        row.status, row.settled_at = status, now
        if row.subject is not None:
            waiting = self._waiting.get(row.subject, set())
            waiting.discard(row.id)
            if not waiting:
                self._waiting.pop(row.subject, None)
        return self._next(row.subject, now)

    async def due(self, now: float, limit: int) -> list[str]:
        with self._lock.get():
            found = [row for row in self._rows.values() if self._claimable(row, now)]
            found.sort(key=lambda row: row.position)
            return [row.id for row in found[:limit]]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        with self._lock.get():
            row = self._rows.get(event_id)
            if row is None or not self._claimable(row, now) or not row.claim.take(owner, now, now + lease):
                return None
            row.status = "handling"
            newest = None if row.subject is None else self._newest.get(row.subject)
            return StoredEvent(row.id, row.body, row.position, row.attempts, row.subject, row.updated_at, newest)

    def _held(self, event_id: str, owner: str) -> _Row | None:
        row = self._rows.get(event_id)
        return row if row is not None and row.status == "handling" and row.claim.holder == owner else None

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        with self._lock.get():
            row = self._rows.get(event_id)
            return row is not None and row.status == "handling" and row.claim.renew(owner, until)

    async def holders(self, now: float) -> set[str]:
        with self._lock.get():
            return {str(row.claim.holder) for row in self._rows.values() if self._running(row, now)}

    async def let_go(self, owner: str, now: float) -> int:
        with self._lock.get():
            return sum(row.claim.let_go(owner) for row in self._rows.values() if self._running(row, now))

    @staticmethod
    def _running(row: _Row, now: float) -> bool:
        return row.status == "handling" and row.claim.running(now)

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        with self._lock.get():
            row = self._held(event_id, owner)
            if row is None:
                return None
            if outcome == "handled" and order is not None and order.updated_at is not None:
                key = (order.updated_at, order.position)
                if key > self._newest.get(order.subject, (NO_UPDATED_AT, 0)):
                    self._newest[order.subject] = key
            return self._end(row, owner, outcome, now)

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        with self._lock.get():
            row = self._held(event_id, owner)
            if row is not None:
                row.claim.let_go(owner)
                row.status, row.attempts, row.not_before, row.error = "pending", attempts, not_before, error

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        with self._lock.get():
            row = self._held(event_id, owner)
            if row is None:
                return None
            row.attempts, row.error = attempts, error
            return self._end(row, owner, "failed", now)

    async def failed(self, limit: int) -> list[FailedEvent]:
        with self._lock.get():
            rows = sorted((row for row in self._rows.values() if row.status == "failed"), key=lambda row: row.position)
            return [FailedEvent(row.id, row.body, row.attempts, row.error, row.settled_at) for row in rows[:limit]]

    async def replay(self, event_id: str, now: float) -> bool:
        with self._lock.get():
            row = self._rows.get(event_id)
            if row is None or row.status != "failed":
                return False
            row.status, row.attempts, row.not_before = "pending", 0, now
            if row.subject is not None:
                self._waiting.setdefault(row.subject, set()).add(row.id)
            return True

    async def status(self, event_id: str) -> Status | None:
        with self._lock.get():
            row = self._rows.get(event_id)
            return None if row is None else row.status

    async def purge(self, before: float) -> int:
        with self._lock.get():
            settled = ("handled", "stale", "unhandled")
            old = [key for key, row in self._rows.items() if row.status in settled and row.settled_at < before]
            for key in old:
                del self._rows[key]
            return len(old)

    async def note(self, what: Noted, kind: str, now: float) -> None:
        with self._lock.get():
            count = self._noted.get(what, (0, 0.0, ""))[0]
            self._noted[what] = (count + 1, now, kind)

    async def tallies(self) -> StoreTallies:
        with self._lock.get():
            statuses = [row.status for row in self._rows.values()]
            waiting = sum(status in ("pending", "handling") for status in statuses)
            return tallies_of(waiting, statuses.count("failed"), dict(self._noted))
