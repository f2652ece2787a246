"""What a receiver needs of a store: one Protocol, met by the memory, SQLite, Redis and PostgreSQL stores.

Every step that decides who handles an event is one atomic operation of the store, so that receiver
processes sharing it agree without talking; a claim's lease hands a dead process's event to the
next. It is an event's turn when no other event of its appointment (`subject`) is in a handler under
a running lease and none older by `(updatedAt, arrival)` waits (docs/webhooks.md, "Order"). What the
store has *seen* of a subject outlives the purge. Times are seconds since the epoch, from the receiver.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

Outcome = Literal["handled", "stale", "unhandled"]
NO_UPDATED_AT = -(2**63)  # where an event without updatedAt sorts among its subject's: first
RECONCILED = "reconciled:"  # the start of the ids reconcile gives; no delivery may carry one


def reconciled_id(subject: str, updated_at: int) -> str:
    """The id of the change of appointment `subject` at `updated_at` (microseconds) found by
    reconciling: the same in every process, so that two reconciles keep it once."""
    return f"{RECONCILED}{subject}:{updated_at}"


def unordered_id(subject: str | None, digest: str) -> str:
    """The id of a reconciled change whose order is unknown (`updatedAt` or `id` unreadable): named by
    what the appointment holds (`digest`), so that two reconciles keep it once."""
    return f"{RECONCILED}{subject or ''}:unordered:{digest}"


async def purged(batch: Callable[[], Awaitable[int]]) -> int:
    """How many `batch()` forgot in all, called again while it forgets a whole batch (1000), so that
    one call never holds a table or keys long."""
    total = count = await batch()
    while count >= 1000:
        count = await batch()
        total += count
    return total


def twin_of(subject: str | None, updated_at: int | None) -> str | None:
    """The id of the reconciled event a delivery of this change would repeat, if it can have one."""
    return None if subject is None or updated_at is None else reconciled_id(subject, updated_at)


Status = Literal["pending", "handling", "handled", "stale", "unhandled", "failed"]
# What a store keeps count of: deliveries refused (their cause), and handler failures (the exception's type).
Noted = Literal["refused", "error"]


@dataclass(frozen=True)
class OrderKey:
    """Where an event sits in its appointment's history: `updatedAt` (microseconds), then arrival."""

    subject: str  # the appointment's id
    updated_at: int | None  # None: the event carries no updatedAt, so it cannot be ordered
    position: int

    def older_than(self, newest: tuple[int, int] | None) -> bool:
        if newest is None or self.updated_at is None:
            return False
        return (self.updated_at, self.position) < newest


@dataclass(frozen=True)
class StoredEvent:
    """An event as a claim hands it out."""

    id: str
    body: bytes
    position: int
    attempts: int  # handler attempts that failed so far
    subject: str | None  # the appointment's id, for ordering
    updated_at: int | None
    newest: tuple[int, int] | None = None  # (updatedAt, position) of the subject's newest handled event


@dataclass(frozen=True)
class FailedEvent:
    """An event whose handler failed every attempt: kept, visible, and replayable.

    Attributes:
        id: The event's id (pass it to `WebhookReceiver.replay`).
        body: The event as received.
        attempts: How many times the handler ran.
        error: The last failure, as `ExceptionType: message`.
        failed_at: When it was parked (seconds since the epoch).
    """

    id: str
    body: bytes
    attempts: int
    error: str
    failed_at: float


@dataclass(frozen=True)
class StoreTallies:
    """What a store holds now and what it kept of failures, for `pexip-engage webhooks status`.

    Never a secret or an event's body: a refusal by its cause, an error by its exception's type.

    Attributes:
        waiting: Events pending (or delayed for a retry) or in a handler.
        failed: Events parked after their handler failed every attempt.
        refused: Deliveries refused (401 without the secret, 400, 413, ...) since the store was made.
        last_refused_at: When the last one was refused (seconds since the epoch), None if none was.
        last_refused: Why, in a few words ("wrong or missing key", "body too large", ...).
        last_error_at: When a handler last failed (seconds since the epoch), None if none did.
        last_error: The type of its exception (`TimeoutError`).
    """

    waiting: int
    failed: int
    refused: int = 0
    last_refused_at: float | None = None
    last_refused: str | None = None
    last_error_at: float | None = None
    last_error: str | None = None


async def note_quietly(store: object, what: Noted, kind: str, now: float) -> None:
    """`store.note(...)`, when the store can: a store written before `note` existed keeps no tallies, and a
    failure to note (the store down) is not the failure being noted, whose own path reports it."""
    note = getattr(store, "note", None)
    if note is None:
        return
    with contextlib.suppress(Exception):  # see above: what was noted is logged where it happened
        await note(what, kind, now)


def tallies_of(waiting: int, failed: int, noted: dict[str, tuple[int, float, str]]) -> StoreTallies:
    """A store's tallies from its counts and what it noted: `what` -> (count, the last's time, its kind)."""
    refused, error = noted.get("refused"), noted.get("error")
    return StoreTallies(
        waiting=waiting,
        failed=failed,
        refused=0 if refused is None else int(refused[0]),
        last_refused_at=None if refused is None else float(refused[1]),
        last_refused=None if refused is None else refused[2],
        last_error_at=None if error is None else float(error[1]),
        last_error=None if error is None else error[2],
    )


@runtime_checkable
class LetsGoOfHolders(Protocol):
    """What a store offers a receiver that starts, to let go at once of the claims of a process of its host that
    no longer runs (`_leasing`: `EVENT_CLAIM.let_go_early`), rather than wait out their leases. The package's
    stores have it; a store of the caller's own without it leaves such claims to their leases."""

    async def holders(self, now: float) -> set[str]:
        """The owners of the claims whose leases still run at `now`."""

    async def let_go(self, owner: str, now: float) -> int:
        """Let go of `owner`'s running claims at `now` (claimable, in their turn; `owner` renews and settles none of
        them); how many. Atomic per event: a claim taken meanwhile by another owner is never touched."""


class WebhookStore(Protocol):
    """Where a `WebhookReceiver` keeps events; see the module's notes for what must be atomic."""

    async def open(self) -> None:
        """Connect and create what is missing (tables, scripts); called by `WebhookReceiver.start`."""

    async def close(self) -> None: ...

    async def add(
        self, event_id: str, body: bytes, *, subject: str | None, updated_at: int | None, now: float
    ) -> int | None:
        """Keep a new event as pending and return its arrival position; None if the id is known."""

    async def add_reconciled(
        self, event_id: str, body: bytes, *, subject: str, updated_at: int, now: float
    ) -> int | None:
        """Keep a change found by reconciling as `add` keeps a delivery, unless the id is known or the
        store has seen an event of `subject` with an `updatedAt` at or after `updated_at` (one it
        keeps, or its subject's newest handled); its position, else None. Atomic as `add` is."""

    async def due(self, now: float, limit: int) -> list[str]:
        """Ids of events that can be claimed now (pending and due, or with an expired lease, and
        their subject's turn), oldest arrival first."""

    async def claim(self, event_id: str, owner: str, now: float, lease: float) -> StoredEvent | None:
        """Hand the event to `owner` until `now + lease`, if it can be claimed now and it is its
        subject's turn; else None. The event carries its subject's newest handled (updatedAt, position)."""

    async def renew(self, event_id: str, owner: str, until: float) -> bool:
        """Extend `owner`'s claim; False when it is no longer theirs."""

    async def settle(
        self, event_id: str, owner: str, outcome: Outcome, *, order: OrderKey | None, now: float
    ) -> str | None:
        """End the claim with `outcome`; a handled event with an `order` moves its subject's newest
        forward. Returns the id of the subject's event whose turn it now is, if it is due."""

    async def retry(self, event_id: str, owner: str, *, attempts: int, not_before: float, error: str) -> None:
        """End the claim after a failed attempt: pending again from `not_before`."""

    async def park(self, event_id: str, owner: str, *, attempts: int, error: str, now: float) -> str | None:
        """End the claim after the last failed attempt: failed until replayed, and no longer in its
        subject's turns. Returns the id of the subject's event whose turn it now is, if it is due."""

    async def failed(self, limit: int) -> list[FailedEvent]:
        """Parked events, oldest first."""

    async def replay(self, event_id: str, now: float) -> bool:
        """Make a parked event pending again (its attempts start over); False if it is not parked."""

    async def status(self, event_id: str) -> Status | None:
        """Where the event is (None: never stored, or forgotten after the retention time)."""

    async def purge(self, before: float) -> int:
        """Forget settled events settled before `before` (their ids no longer dedupe); how many."""

    async def note(self, what: Noted, kind: str, now: float) -> None:
        """Keep one more `what` (a delivery refused, a handler failed), of `kind`, at `now`: counted, and
        the last one's time and kind. Atomic, so that processes sharing the store count together."""

    async def tallies(self) -> StoreTallies:
        """How many events wait and are parked, and what `note` kept."""
