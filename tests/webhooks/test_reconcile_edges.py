"""`WebhookReceiver.reconcile` at its edges: what tests/webhooks/test_reconcile*.py pass by.

Only the window is read; `reconcile_sync` counts every batch it hands to the store's loop and walks
pages without a total to an empty one as `reconcile` does; a change handed over reaches a running
receiver's handler at once, not a poll later; a change whose order is unknown still waits for its
appointment's event in a handler; an unordered change's id is the same whatever order the API gives
its fields in, and in every version (a store keeps it); a running receiver's store is used as it is,
and an unstarted one's is left closed; the refusals name what they refuse. Each is a one-line slip
in `_reconciling.py` that the other tests let through (`make mutation`, docs/mutation.md).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import (
    Delivery,
    ReconciledAppointmentEvent,
    ReconcileResult,
    WebhookReceiver,
    _reconciling,
)
from pexip_engage_client.webhooks._stores._memory import MemoryStore
from pexip_engage_client.webhooks._stores._sqlite import SQLiteStore

from ..support.rewriting import Rewriting, on
from .test_reconcile import END, SECRET, START, seed
from .test_reconcile_drift import NULL, one_of, planted


def before_the_window(fake: FakePexipEngage) -> None:
    begins = START - timedelta(days=3)
    fake.add_appointment(
        status="INCOMING_REQUEST",
        start=begins.isoformat().replace("+00:00", "Z"),
        end=(begins + timedelta(minutes=30)).isoformat().replace("+00:00", "Z"),
    )


def lenient(transport: Any) -> PexipEngage:
    return PexipEngage("acme", token="t", transport=transport, strict_responses=False)


def lenient_sync(transport: Any) -> SyncPexipEngage:
    return SyncPexipEngage("acme", token="t", transport=transport, strict_responses=False)


# --- The window, the pages and the batches, with and without an event loop ---------------------------


async def test_only_the_window_is_read() -> None:
    fake = FakePexipEngage()
    seed(fake, 3)  # and one after the window
    before_the_window(fake)
    receiver = WebhookReceiver("memory://", secret=SECRET)
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        assert await receiver.reconcile(engage, start=START, end=END) == ReconcileResult(3, 3, 0)


def test_reconcile_sync_reads_only_the_window() -> None:
    fake = FakePexipEngage()
    seed(fake, 3)
    before_the_window(fake)
    receiver = WebhookReceiver("memory://", secret=SECRET)
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        assert receiver.reconcile_sync(engage, start=START, end=END) == ReconcileResult(3, 3, 0)


def test_reconcile_sync_walks_pages_without_a_total_to_an_empty_one() -> None:
    fake = FakePexipEngage()
    seed(fake, 5)

    def capped(body: Any) -> Any:
        body["data"] = body["data"][:2]
        del body["meta"]["totalCount"]
        return body

    receiver = WebhookReceiver("memory://", secret=SECRET)
    with lenient_sync(Rewriting(fake, on("GET", "/appointments", capped))) as engage:
        assert receiver.reconcile_sync(engage, start=START, end=END) == ReconcileResult(5, 5, 0)


def test_reconcile_sync_counts_and_hands_over_every_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_reconciling, "_AT_ONCE", 2)  # 5 appointments: two batches of 2, then 1
    fake = FakePexipEngage()
    ids = seed(fake, 5)
    store = MemoryStore()
    receiver = WebhookReceiver(store, secret=SECRET)
    with SyncPexipEngage("acme", token="t", transport=fake) as engage:
        assert receiver.reconcile_sync(engage, start=START, end=END) == ReconcileResult(5, 5, 0)
        assert receiver.reconcile_sync(engage, start=START, end=END) == ReconcileResult(5, 0, 5)
    due = asyncio.run(store.due(time.time() + 1, 10))
    assert sorted(event_id.split(":")[1] for event_id in due) == sorted(ids)


def test_reconcile_sync_stops_on_a_page_whose_data_cannot_be_read_naming_it() -> None:
    fake = FakePexipEngage()
    seed(fake, 2)

    def change(body: Any) -> Any:
        body["data"] = None
        return body

    receiver = WebhookReceiver("memory://", secret=SECRET)
    with (
        lenient_sync(Rewriting(fake, on("GET", "/appointments", change))) as engage,
        pytest.raises(errors.UnusableAnswerError) as caught,
    ):
        receiver.reconcile_sync(engage, start=START, end=END)
    error = caught.value
    assert (error.feature, error.operation, error.pointer, error.kind) == (
        "reconcile",
        "getAppointments",
        "/data",
        "null",
    )
    assert error.needed == "to know which appointments the window holds"
    assert str(error).endswith("and it is needed to know which appointments the window holds (docs/spec-drift.md)")


async def test_a_page_repeated_at_the_next_offset_ends_the_walk_though_its_appointments_hold_unread_fields(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An API that ignores `offset` and answers without `updatedAt`: the repeated page is told by what
    it holds, a field left unread included, and the walk ends with its warning, each change handed over once."""
    fake = FakePexipEngage()
    seed(fake, 3)

    def undated(body: Any) -> Any:
        for item in body["data"]:
            item["updatedAt"] = None
        return body

    receiver = WebhookReceiver("memory://", secret=SECRET)
    transport = Rewriting(fake, on("GET", "/appointments", undated), ignored=("offset",))
    with caplog.at_level(logging.WARNING):
        async with lenient(transport) as engage:
            result = await receiver.reconcile(engage, start=START, end=END)
    assert result == ReconcileResult(3, 3, 0, without_updated_at=3, order_unknown=3)
    assert "the same page at the next offset" in caplog.text


# --- The receiver's store, and its handlers ---------------------------------------------------------


class Looked(MemoryStore):
    """A memory store that says when a receiver's poller first looked for due events."""

    def __init__(self) -> None:
        super().__init__()
        self.looked = asyncio.Event()

    async def due(self, now: float, limit: int) -> list[str]:
        found = await super().due(now, limit)
        self.looked.set()
        return found


async def test_a_change_handed_over_reaches_a_running_receivers_handler_at_once_not_a_poll_later() -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 2)
    store = Looked()
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=600)
    handled: list[bool] = []
    both = asyncio.Event()

    @receiver.on(ReconciledAppointmentEvent)
    async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
        handled.append(delivery.order_known)
        if len(handled) == 2:
            both.set()

    async with receiver, lenient(Rewriting(fake, one_of(ids[1], planted(NULL, "updatedAt")))) as engage:
        async with asyncio.timeout(10):
            await store.looked.wait()  # the poller's first look is over: its next is 600 s away
        await receiver.reconcile(engage, start=START, end=END)
        async with asyncio.timeout(10):
            await both.wait()  # no join(): it would wake the poller
    assert sorted(handled) == [False, True]  # the change in its order, and the one whose order is unknown


async def test_a_change_whose_order_is_unknown_waits_for_its_appointments_event_in_a_handler() -> None:
    fake = FakePexipEngage()
    (appointment,) = seed(fake, 1)
    store = MemoryStore()
    assert await store.add("delivered", b"{}", subject=appointment, updated_at=1, now=time.time()) is not None
    assert await store.claim("delivered", "a-handler", time.time(), 600) is not None
    receiver = WebhookReceiver(store, secret=SECRET)
    async with lenient(Rewriting(fake, one_of(appointment, planted(NULL, "updatedAt")))) as engage:
        result = await receiver.reconcile(engage, start=START, end=END)
    assert result == ReconcileResult(1, 1, 0, without_updated_at=1, order_unknown=1)
    assert await store.due(time.time(), 10) == []  # one event of an appointment in a handler at a time
    following = await store.settle("delivered", "a-handler", "handled", order=None, now=time.time())
    assert following is not None
    assert following.startswith(f"reconciled:{appointment}:unordered:")


def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, SQLiteStore]]:
    """The SQLite stores' opens and closes, in order, each with its store."""
    steps: list[tuple[str, SQLiteStore]] = []
    opening, closing = SQLiteStore.open, SQLiteStore.close

    async def opened(self: SQLiteStore) -> None:
        steps.append(("open", self))
        await opening(self)

    async def closed(self: SQLiteStore) -> None:
        steps.append(("close", self))
        await closing(self)

    monkeypatch.setattr(SQLiteStore, "open", opened)
    monkeypatch.setattr(SQLiteStore, "close", closed)
    return steps


async def test_a_running_receivers_reconcile_adds_to_its_open_store_without_a_second_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = counted(monkeypatch)
    fake = FakePexipEngage()
    seed(fake, 2)
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET)
    async with receiver, PexipEngage("acme", token="t", transport=fake) as engage:
        assert await receiver.reconcile(engage, start=START, end=END) == ReconcileResult(2, 2, 0)
        assert len({id(store) for _, store in steps}) == 1  # the receiver's own, opened at its start
        assert ("close", steps[0][1]) not in steps


async def test_reconcile_without_a_running_receiver_closes_the_store_it_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = counted(monkeypatch)
    fake = FakePexipEngage()
    seed(fake, 2)
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET)
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        assert await receiver.reconcile(engage, start=START, end=END) == ReconcileResult(2, 2, 0)
    # Nothing left open on this loop for a receiver started later, on another.
    assert [step for step, _ in steps] == ["open", "close"]
    assert steps[0][1] is steps[1][1]


# --- An unordered change's id -------------------------------------------------------------------------


async def unordered_ids(fake: FakePexipEngage, rewrite: Any, times: int = 1) -> tuple[list[ReconcileResult], list[str]]:
    """`times` reconciles through `rewrite` into one memory store; their counts, and the ids it keeps."""
    store = MemoryStore()
    receiver = WebhookReceiver(store, secret=SECRET)
    async with lenient(Rewriting(fake, on("GET", "/appointments", rewrite))) as engage:
        results = [await receiver.reconcile(engage, start=START, end=END) for _ in range(times)]
    return results, await store.due(time.time() + 1, 10)


async def test_an_unordered_changes_id_does_not_depend_on_the_order_its_fields_come_in() -> None:
    """JSON members have no order: an API free to send them in any order sends the same change."""
    fake = FakePexipEngage()
    seed(fake, 1)
    reads = itertools.count()  # every read, the listing's check of its last page too: the orders alternate

    def shuffled(body: Any) -> Any:
        if not body["data"]:
            return body
        (item,) = body["data"]
        item["updatedAt"] = None
        extra = {"zeta": 1, "alpha": {"y": 2, "b": 3}}
        ordered = extra if next(reads) % 2 == 0 else dict(reversed(list(extra.items())))
        body["data"] = [{**dict(reversed(list(item.items()))), **ordered}]
        return body

    results, kept = await unordered_ids(fake, shuffled, times=2)
    assert results[1] == ReconcileResult(1, 0, 1, without_updated_at=1, order_unknown=1)
    assert len(kept) == 1


async def test_an_unordered_changes_id_is_the_same_in_every_version() -> None:
    """The id is kept in the store: a reconcile after an upgrade (or beside a process not yet upgraded)
    must name a change as the one before did, or it hands every change whose order is unknown over again.
    A change to the recipe (`_reconciling._digest`) is a change of what stores hold: this literal with it."""
    fake = FakePexipEngage()
    seed(fake, 1)
    sent = {
        "id": "ap-1",
        "status": "INCOMING_REQUEST",
        "start": "2026-12-01T10:00:00.000Z",
        "updatedAt": None,
        "custom": {"b": [1, "two"], "a": None},
    }

    def fixed(body: Any) -> Any:
        if body["data"]:
            body["data"] = [dict(sent)]
        return body

    _, kept = await unordered_ids(fake, fixed)
    # sha256 of the appointment as `to_dict` writes it (its start as ISO text, +00:00), as canonical
    # JSON (keys sorted, no spaces): the first 24 hex digits.
    assert kept == ["reconciled:ap-1:unordered:a1724f8e20c58d0c3147ac1d"]


# --- The refusals name what they refuse ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (START, START, "start must be before end"),
        (START, "2026-12-02", "end must be a datetime, not str"),
        (20261201, END, "start must be a datetime, not int"),
    ],
)
async def test_a_window_is_refused_saying_exactly_why(start: Any, end: Any, message: str) -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        with pytest.raises(ValueError, match=f"^{message}$"):
            await receiver.reconcile(engage, start=start, end=end)


def test_reconcile_sync_refuses_a_timeout_naming_it() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    with (
        SyncPexipEngage("acme", token="t", transport=FakePexipEngage()) as engage,
        pytest.raises(ValueError, match=r"^timeout must be a positive number of seconds, not 0$"),
    ):
        receiver.reconcile_sync(engage, start=START, end=END, timeout=0)


async def test_reconcile_sync_on_the_receivers_loop_says_what_to_await_instead() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    async with receiver:
        with (
            SyncPexipEngage("acme", token="t", transport=FakePexipEngage()) as engage,
            pytest.raises(RuntimeError) as caught,
        ):
            receiver.reconcile_sync(engage, start=START, end=END)
    assert str(caught.value) == "reconcile_sync called from the receiver's own event loop: await reconcile() instead"


class Unreconcilable:
    """A store of one's own written before reconcile existed: no `add_reconciled` at all."""

    def __init__(self) -> None:
        self._store = MemoryStore()

    def __getattr__(self, name: str) -> Any:
        if name == "add_reconciled":
            raise AttributeError(name)
        return getattr(self._store, name)

    def __repr__(self) -> str:
        return "Unreconcilable()"


async def test_a_store_with_no_add_reconciled_at_all_is_refused_naming_it() -> None:
    receiver = WebhookReceiver(Unreconcilable(), secret=SECRET)
    fake = FakePexipEngage()
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        with pytest.raises(TypeError) as caught:
            await receiver.reconcile(engage, start=START, end=END)
    assert str(caught.value) == (
        "reconcile needs a store with `add_reconciled` (see WebhookStore); Unreconcilable() has none:"
        " use sqlite:///, redis://, postgresql:// or memory://"
    )
    assert fake.calls == []
