"""`receiver.reconcile` against answers unlike openapi.yaml (issue 75): nothing skipped, the order said.

The in-memory fake behind a transport that rewrites its answers with one difference each
(`tests/support/rewriting.py`), read leniently. An appointment whose `updatedAt` or `id` cannot be
read is handed over (once for what it holds), its handler told `delivery.order_known` is False; a
page without a readable total is walked on to an empty one; a page whose `data` cannot be read
stops the reconcile with `UnusableAnswerError`. The table these prove is docs/spec-drift.md's "reconcile".
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Delivery,
    ReconciledAppointmentEvent,
    ReconcileResult,
    WebhookReceiver,
)

from ..support.rewriting import Rewrite, Rewriting, on
from ..support.stores import store_url
from .test_reconcile import END, SECRET, START, seed

ABSENT, NULL, NUMBER, TEXT = "absent", "null", "number", "text"
DIFFERENCES = [ABSENT, NULL, NUMBER, TEXT]


def planted(how: str, name: str) -> Callable[[dict[str, Any]], None]:
    def change(item: dict[str, Any]) -> None:
        if how == ABSENT:
            item.pop(name, None)
        else:
            item[name] = {NULL: None, NUMBER: 1764000000, TEXT: "yesterday, late"}[how]

    return change


def one_of(appointment_id: str, change: Callable[[dict[str, Any]], None]) -> Rewrite:
    """The look-up's answers with `change` made to the appointment `appointment_id` only."""

    def apply(body: Any) -> Any:
        for item in body["data"]:
            if item.get("id") == appointment_id:
                change(item)
        return body

    return on("GET", "/appointments", apply)


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return "memory://" if request.param == "memory" else f"sqlite:///{tmp_path}/events.db"


class Handed:
    """What the handler of reconciled changes was given: (event id, order known)."""

    def __init__(self, receiver: WebhookReceiver) -> None:
        self.over: list[tuple[str, bool]] = []

        @receiver.on(ReconciledAppointmentEvent)
        async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
            self.over.append((event.id, delivery.order_known))


async def reconciled(fake: FakePexipEngage, store: str, rewrite: Rewrite) -> tuple[ReconcileResult, Handed, Any]:
    """One reconcile through the drifted answers, its changes handled; then a second one's counts."""
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)
    handed = Handed(receiver)
    transport = Rewriting(fake, rewrite)
    async with receiver, PexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
        result = await receiver.reconcile(engage, start=START, end=END)
        async with asyncio.timeout(10):
            await receiver.join()
        again = await receiver.reconcile(engage, start=START, end=END)
    return result, handed, again


# --- An appointment whose updatedAt or id cannot be read: handed over, its order unknown -------------


@pytest.mark.parametrize("how", DIFFERENCES)
async def test_an_appointment_without_a_readable_updated_at_is_handed_over_with_its_order_unknown(
    store: str, how: str
) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 5)
    result, handed, again = await reconciled(fake, store, one_of(ids[2], planted(how, "updatedAt")))
    assert result == ReconcileResult(5, handed_over=5, already_seen=0, without_updated_at=1, order_unknown=1)
    assert len(handed.over) == 5
    unknown = [event_id for event_id, known in handed.over if not known]
    assert len(unknown) == 1
    assert unknown[0].startswith(f"reconciled:{ids[2]}:unordered:")
    # What it holds has not changed: the next reconcile has seen it, as the others.
    assert again == ReconcileResult(5, handed_over=0, already_seen=5, without_updated_at=1, order_unknown=1)


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_an_appointment_without_a_readable_id_is_handed_over_with_its_order_unknown(store: str, how: str) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 5)
    result, handed, _ = await reconciled(fake, store, one_of(ids[0], planted(how, "id")))
    assert result == ReconcileResult(5, handed_over=5, already_seen=0, order_unknown=1)
    unknown = [event_id for event_id, known in handed.over if not known]
    assert len(unknown) == 1
    assert unknown[0].startswith("reconciled::unordered:")


async def test_verify_by_fetch_gives_no_appointment_for_one_without_a_readable_id() -> None:
    """Nothing to fetch it by: the handler runs (once, not retried for it), `delivery.appointment` None."""
    fake = FakePexipEngage()
    ids = seed(fake, 2)
    fetched: list[tuple[str, bool, object]] = []
    transport = Rewriting(fake, one_of(ids[0], planted(ABSENT, "id")))
    async with PexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
        receiver = WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02, verify_by_fetch=True, client=engage)

        @receiver.on(ReconciledAppointmentEvent)
        async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
            fetched.append((event.id, delivery.order_known, delivery.appointment))

        async with receiver:
            await receiver.reconcile(engage, start=START, end=END)
            async with asyncio.timeout(10):
                await receiver.join()
    assert len(fetched) == 2
    unordered = [appointment for event_id, known, appointment in fetched if not known]
    assert unordered == [None]
    assert all(appointment is not None for _, known, appointment in fetched if known)


async def test_a_changed_appointment_whose_order_is_unknown_is_handed_over_again(store: str) -> None:
    """Named by what it holds: once it holds something else, it is a change of its own."""
    fake = FakePexipEngage()
    ids = seed(fake, 2)
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)
    handed = Handed(receiver)
    transport = Rewriting(fake, one_of(ids[0], planted(ABSENT, "updatedAt")))
    async with receiver, PexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
        first = await receiver.reconcile(engage, start=START, end=END)
        fake.appointments[ids[0]]["internalNotes"] = "moved"
        second = await receiver.reconcile(engage, start=START, end=END)
        async with asyncio.timeout(10):
            await receiver.join()
    assert (first.handed_over, second.handed_over, second.already_seen) == (2, 1, 1)
    assert [known for _, known in handed.over].count(False) == 2


# --- The pages: walked on without a total -----------------------------------------------------------


@pytest.mark.parametrize("how", [ABSENT, NULL, TEXT])
async def test_pages_without_a_readable_total_are_walked_to_an_empty_one(store: str, how: str) -> None:
    """A server that caps pages at 2 and gives no total: every appointment of the window is handed over."""
    fake = FakePexipEngage()
    ids = seed(fake, 5)

    def capped(body: Any) -> Any:
        body["data"] = body["data"][:2]
        planted(how, "totalCount")(body["meta"])
        return body

    result, handed, _ = await reconciled(fake, store, on("GET", "/appointments", capped))
    assert result == ReconcileResult(5, handed_over=5, already_seen=0)
    assert sorted(event_id.split(":")[1] for event_id, _ in handed.over) == sorted(ids)
    assert all(known for _, known in handed.over)


async def test_a_page_repeated_at_every_offset_ends_the_walk_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An API that ignores `offset`: what it gives is handed over once, and the walk ends, said so."""
    fake = FakePexipEngage()
    seed(fake, 3)
    transport = Rewriting(fake, ignored=("offset",))
    receiver = WebhookReceiver("memory://", secret=SECRET)
    with caplog.at_level(logging.WARNING):
        async with PexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
            result = await receiver.reconcile(engage, start=START, end=END)
    assert result == ReconcileResult(3, handed_over=3, already_seen=0)
    assert "the same page at the next offset" in caplog.text


@pytest.mark.parametrize("how", [ABSENT, NULL, NUMBER])
async def test_a_page_whose_data_cannot_be_read_stops_the_reconcile_naming_it(how: str) -> None:
    fake = FakePexipEngage()
    seed(fake, 2)

    def change(body: Any) -> Any:
        planted(how, "data")(body)
        return body

    receiver = WebhookReceiver("memory://", secret=SECRET)
    transport = Rewriting(fake, on("GET", "/appointments", change))
    async with PexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
        with pytest.raises(errors.UnusableAnswerError) as caught:
            await receiver.reconcile(engage, start=START, end=END)
    error = caught.value
    assert (error.feature, error.operation, error.pointer) == ("reconcile", "getAppointments", "/data")
    assert "getAppointments" in str(error)


# --- Without an event loop, and a delivered event ----------------------------------------------------


def test_reconcile_sync_hands_over_an_appointment_without_updated_at_too(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 3)
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET)
    transport = Rewriting(fake, one_of(ids[1], planted(NULL, "updatedAt")))
    with SyncPexipEngage("acme", token="t", transport=transport, strict_responses=False) as engage:
        result = receiver.reconcile_sync(engage, start=START, end=END)
    assert result == ReconcileResult(3, handed_over=3, already_seen=0, without_updated_at=1, order_unknown=1)


async def test_a_delivered_event_without_updated_at_is_handled_with_its_order_unknown() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02)
    seen: list[bool] = []

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        seen.append(delivery.order_known)

    fake = FakePexipEngage()
    appointment = fake.add_appointment(status="INCOMING_REQUEST")
    dated = appointment_event(appointment, "ACCEPT", event_id="dated")
    undated_event = json.loads(appointment_event(appointment, "ACCEPT", event_id="undated"))
    del undated_event["data"]["appointment"]["updatedAt"]  # the helper fills what the spec requires
    undated = json.dumps(undated_event).encode()
    async with receiver:
        for body in (dated, undated):
            assert (await receiver.receive(body, key=SECRET)).status < 300
        async with asyncio.timeout(10):
            await receiver.join()
    assert sorted(seen) == [False, True]


# --- The shared stores (real servers) ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.end_to_end
@pytest.mark.parametrize("kind", ["redis", "postgres"])
async def test_the_shared_stores_hand_over_what_cannot_be_ordered_too(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 4)

    def change(body: Any) -> Any:
        for item in body["data"]:
            if item.get("id") == ids[0]:
                item.pop("updatedAt")
            elif item.get("id") == ids[1]:
                item["id"] = None
        return body

    url = store_url(kind, tmp_path, request)
    result, handed, again = await reconciled(fake, url, on("GET", "/appointments", change))
    assert result == ReconcileResult(4, handed_over=4, already_seen=0, without_updated_at=1, order_unknown=2)
    assert sorted(known for _, known in handed.over) == [False, False, True, True]
    assert again == ReconcileResult(4, handed_over=0, already_seen=4, without_updated_at=1, order_unknown=2)
