"""`memory://`: the store for tests, in one process; nothing survives it.

Each method runs without awaiting, so on one event loop it is atomic as the contract asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._contract import FailedEvent, OrderKey, Outcome, Status, StoredEvent


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
    owner: str | None = None
    lease_until: float = 0.0
    error: str = ""
    settled_at: float = 0.0


class MemoryStore:
    def __init__(self) -> None:
        self._rows: dict[str, _Row] = {}
        self._newest: dict[str, tuple[int, int]] = {}
        self._locks: dict[str, tuple[str, float]] = {}
        self._position = 0

    def __repr__(self) -> str:
        return "MemoryStore()"

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        if event_id in self._rows:
            return None
        self._position += 1
        self._rows[event_id] = _Row(event_id, body, self._position, subject, updated_at, not_before=now)
        return self._position

    def _claimable(self, row: _Row, now: float) -> bool:
        return (row.status == "pending" and row.not_before <= now) or (
            row.status == "handling" and row.lease_until <= now
        )

    async def due(self, now: float, limit: int) -> list[str]:
        found = [row for row in self._rows.values() if self._claimable(row, now)]
        found.sort(key=lambda row: row.position)
        return [row.id for row in found[:limit]]

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        row = self._rows.get(event_id)
        if row is None or not self._claimable(row, now):
            return None
        row.status, row.owner, row.lease_until = "handling", owner, now + lease
        return StoredEvent(row.id, row.body, row.position, row.attempts, row.subject, row.updated_at)

    def _held(self, event_id: str, owner: str) -> _Row | None:
        row = self._rows.get(event_id)
        return row if row is not None and row.status == "handling" and row.owner == owner else None

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        row = self._held(event_id, owner)
        if row is None:
            return False
        row.lease_until = until
        return True

    async def lock(self, subject: str, owner: str, now: float, lease: float) -> bool:
        holder = self._locks.get(subject)
        if holder is not None and holder[0] != owner and holder[1] > now:
            return False
        self._locks[subject] = (owner, now + lease)
        return True

    async def unlock(self, subject: str, owner: str) -> None:
        holder = self._locks.get(subject)
        if holder is not None and holder[0] == owner:
            del self._locks[subject]

    async def newest(self, subject: str) -> tuple[int, int] | None:
        return self._newest.get(subject)

    async def settle(self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float) -> None:
        row = self._held(event_id, owner)
        if row is None:
            return
        row.status, row.owner, row.settled_at = outcome, None, now
        if outcome == "handled" and order is not None and order.updated_at is not None:
            key = (order.updated_at, order.position)
            if key > self._newest.get(order.subject, (-(2**62), 0)):
                self._newest[order.subject] = key

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        row = self._held(event_id, owner)
        if row is not None:
            row.status, row.owner, row.attempts, row.not_before, row.error = (
                "pending",
                None,
                attempts,
                not_before,
                error,
            )

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> None:
        row = self._held(event_id, owner)
        if row is not None:
            row.status, row.owner, row.attempts, row.error, row.settled_at = "failed", None, attempts, error, now

    async def failed(self, limit: int) -> list[FailedEvent]:
        rows = sorted((row for row in self._rows.values() if row.status == "failed"), key=lambda row: row.position)
        return [FailedEvent(row.id, row.body, row.attempts, row.error, row.settled_at) for row in rows[:limit]]

    async def replay(self, event_id: str, now: float) -> bool:
        row = self._rows.get(event_id)
        if row is None or row.status != "failed":
            return False
        row.status, row.attempts, row.not_before = "pending", 0, now
        return True

    async def status(self, event_id: str) -> Status | None:
        row = self._rows.get(event_id)
        return None if row is None else row.status

    async def purge(self, before: float) -> int:
        settled = ("handled", "stale", "unhandled")
        old = [key for key, row in self._rows.items() if row.status in settled and row.settled_at < before]
        for key in old:
            del self._rows[key]
        return len(old)
