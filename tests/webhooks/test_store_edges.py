"""The store contract at its edges, on every store: slips in a store's steps that
tests/webhooks/test_store_contract.py's walks let pass.

A lease and a retention end at their instant; a renewed lease holds to its new end; a replayed event
takes its turn among its appointment's again; the latest change seen is the latest, whatever order
deliveries came in; a reconciled change is kept as a delivery is (its body, its appointment, its
time); parked events list oldest first; positions count 1, 2, ... as `Delivery.position` documents.
Each is a one-line slip in a store that the walks of the contract let through (`make mutation`,
docs/mutation.md). The edges at an instant run on the stores that keep times as given (memory,
SQLite): the Redis and PostgreSQL stores measure spans on the server's clock, which moves meanwhile.

The rest were planted by hand in the Redis store's Lua scripts (which mutmut, mutating Python, does not
reach) and passed every quick test: a lease renewed that the due list still reports as run out, a
retry still listed among the leases, a due list longer than asked, a purge that counts what it
forgot again, a claim before a retry's time, a settle that names an event whose time has not come,
and what was seen of an appointment lowered by an older delivery (a change then handed over twice).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import OrderKey, store_from_url
from pexip_engage_client.webhooks._stores._contract import reconciled_id
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from .test_store_contract import NOW, T1, T2, T3, add, add_change, frozen


@pytest.fixture
def store(store: WebhookStore) -> WebhookStore:
    return frozen(store)


@pytest.fixture(params=["memory", "sqlite"])
async def as_given(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[WebhookStore]:
    """A store that keeps the receiver's times as given, so that a step can land on a lease's end."""
    opened = store_from_url("memory://" if request.param == "memory" else f"sqlite:///{tmp_path}/events.db")
    await opened.open()
    yield opened
    await opened.close()


async def test_positions_count_from_one_as_delivery_position_says(store: WebhookStore) -> None:
    assert [await add(store, name) for name in ("a", "b", "c")] == [1, 2, 3]


async def test_a_reconciled_change_is_kept_as_a_delivery_is(store: WebhookStore) -> None:
    event_id = reconciled_id("s", T2)
    assert await store.add_reconciled(event_id, b'{"found": 1}', subject="s", updated_at=T2, now=NOW) is not None
    assert await store.due(NOW - 1, 10) == []  # due from when it was kept
    assert await store.due(NOW, 10) == [event_id]
    claimed = await store.claim(event_id, "me", NOW, 30)
    assert claimed is not None
    assert (claimed.body, claimed.subject, claimed.updated_at) == (b'{"found": 1}', "s", T2)
    # Kept in its appointment's turns: an older delivery of it goes first, a newer one after.
    await store.settle(event_id, "me", "handled", order=OrderKey("s", T2, claimed.position), now=NOW)
    await add_change(store, "newer", T3, subject="s")
    assert await store.due(NOW, 10) == ["newer"]


async def test_what_was_seen_is_the_latest_change_whatever_order_deliveries_came_in(store: WebhookStore) -> None:
    await add_change(store, "latest", T3, subject="s")
    await add_change(store, "late-older", T1, subject="s")  # an older change delivered late
    assert await store.add_reconciled(reconciled_id("s", T2), b"{}", subject="s", updated_at=T2, now=NOW) is None


async def test_the_newest_handled_bounds_a_reconciled_change_by_its_time_not_its_position(
    store: WebhookStore,
) -> None:
    for name in ("x1", "x2", "x3", "x4", "x5"):  # positions past the small times below
        await add(store, name)
    order = await add_change(store, "first", 1, subject="s")
    await store.claim("first", "me", NOW, 30)
    await store.settle("first", "me", "handled", order=order, now=NOW)
    assert order.position > 3
    assert await store.add_reconciled(reconciled_id("s", 3), b"{}", subject="s", updated_at=3, now=NOW) is not None


async def test_a_renewed_lease_holds_to_its_new_end(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "me", NOW, 5) is not None
    assert await store.renew("a", "me", NOW + 20)
    assert await store.due(NOW + 10, 10) == []
    assert await store.claim("a", "other", NOW + 10, 30) is None
    assert await store.due(NOW + 21, 10) == ["a"]


async def test_parked_events_list_oldest_first_with_their_bodies(store: WebhookStore) -> None:
    for name in ("a", "b", "c"):
        await add(store, name)
        await store.claim(name, "me", NOW, 30)
    for name in ("c", "a", "b"):  # parked in another order than they arrived
        await store.park(name, "me", attempts=3, error=f"E: {name}", now=NOW)
    failed = await store.failed(10)
    assert [(event.id, event.body, event.error) for event in failed] == [
        (name, b'{"id": "%s"}' % name.encode(), f"E: {name}") for name in ("a", "b", "c")
    ]
    assert [event.id for event in await store.failed(2)] == ["a", "b"]


async def test_a_replayed_event_waits_its_turn_among_its_appointments_again(store: WebhookStore) -> None:
    await add_change(store, "first", T1, subject="s")
    await store.claim("first", "me", NOW, 30)
    assert await store.park("first", "me", attempts=3, error="E: x", now=NOW) is None
    await add_change(store, "second", T2, subject="s")
    assert await store.replay("first", NOW)
    assert await store.due(NOW, 10) == ["first"]  # older: the second waits for it again
    assert await store.claim("second", "me", NOW, 30) is None
    assert await store.claim("first", "me", NOW, 30) is not None
    assert await store.settle("first", "me", "handled", order=None, now=NOW) == "second"


async def test_purge_forgets_stale_and_unhandled_events_too(store: WebhookStore) -> None:
    for name, outcome in (("stale", "stale"), ("unhandled", "unhandled")):
        await add(store, name)
        await store.claim(name, "me", NOW, 30)
        await store.settle(name, "me", outcome, order=None, now=NOW)  # type: ignore[arg-type]
    assert await store.purge(NOW + 1) == 2
    assert await store.status("stale") is None


async def test_a_lease_ends_at_its_instant(as_given: WebhookStore) -> None:
    store = as_given
    await add(store, "a")
    await store.claim("a", "dead", NOW, 5)
    assert await store.due(NOW + 5, 10) == ["a"]
    assert await store.claim("a", "other", NOW + 5, 30) is not None


async def test_an_appointments_turn_passes_at_the_instant_its_holders_lease_ends(as_given: WebhookStore) -> None:
    store = as_given
    await add_change(store, "held", T2, subject="s")
    await store.claim("held", "dead", NOW, 5)
    await add_change(store, "older", T1, subject="s")  # arrived while "held" was in a handler
    assert await store.claim("older", "other", NOW + 4, 30) is None
    assert await store.claim("older", "other", NOW + 5, 30) is not None


async def test_purge_keeps_an_event_settled_at_the_instant_given(as_given: WebhookStore) -> None:
    store = as_given
    await add(store, "a")
    await store.claim("a", "me", NOW, 30)
    await store.settle("a", "me", "handled", order=None, now=NOW)
    assert await store.purge(NOW) == 0  # settled *before* the instant only
    assert await store.purge(NOW + 0.5) == 1


async def test_the_memory_store_forgets_an_appointments_turns_once_none_waits() -> None:
    """memory:// runs in a test process for its whole life: an appointment settled leaves nothing behind."""
    store = MemoryStore()
    assert repr(store) == "MemoryStore()"
    await add_change(store, "one", T1, subject="s")
    await add_change(store, "two", T2, subject="s")
    await store.claim("one", "me", NOW, 30)
    assert await store.settle("one", "me", "handled", order=None, now=NOW) == "two"
    await store.claim("two", "me", NOW, 30)
    assert await store.park("two", "me", attempts=3, error="E: x", now=NOW) is None
    assert store._waiting == {}


# Slips planted in the Redis store's Lua scripts.


async def test_a_renewed_lease_is_not_listed_as_run_out(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "me", NOW, 5) is not None
    assert await store.renew("a", "me", NOW + 100)
    assert await store.due(NOW + 6, 10) == []
    assert await store.claim("a", "other", NOW + 6, 30) is None
    assert await store.due(NOW + 101, 10) == ["a"]


async def test_a_retry_is_due_at_its_time_only_and_listed_once(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "me", NOW, 5) is not None
    await store.retry("a", "me", attempts=1, not_before=NOW + 20, error="x")
    assert await store.due(NOW + 6, 10) == []  # past the lease it had, before its retry
    assert await store.claim("a", "other", NOW + 6, 30) is None
    assert await store.due(NOW + 40, 10) == ["a"]


async def test_a_claim_before_a_retrys_time_is_refused(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "me", NOW, 30) is not None
    await store.retry("a", "me", attempts=1, not_before=NOW + 10, error="x")
    assert await store.claim("a", "me", NOW + 5, 30) is None
    assert await store.claim("a", "me", NOW + 10, 30) is not None


async def test_due_lists_no_more_than_asked_with_leases_run_out(store: WebhookStore) -> None:
    for name in ("a", "b", "c"):
        await add(store, name)
    assert await store.claim("a", "dead", NOW, 5) is not None
    assert await store.due(NOW + 6, 2) == ["a", "b"]  # by arrival, the lease that ran out among them
    assert await store.due(NOW + 6, 3) == ["a", "b", "c"]


async def test_a_purge_counts_each_event_once(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "me", NOW, 30) is not None
    assert await store.settle("a", "me", "handled", order=None, now=NOW) is None
    assert await store.purge(NOW + 1) == 1
    assert await store.purge(NOW + 1) == 0


async def test_a_settle_names_the_next_event_only_once_it_is_due(store: WebhookStore) -> None:
    assert await store.add("now", b"{}", subject="ap", updated_at=T2, now=NOW) is not None
    claimed = await store.claim("now", "me", NOW, 30)
    assert claimed is not None
    # An older change of the appointment, stored for later: its turn comes first, its time later.
    assert await store.add("later", b"{}", subject="ap", updated_at=T1, now=NOW + 50) is not None
    assert await store.settle("now", "me", "handled", order=OrderKey("ap", T2, claimed.position), now=NOW) is None
    assert await store.due(NOW + 50, 10) == ["later"]


async def test_an_older_delivery_does_not_lower_what_was_seen(store: WebhookStore) -> None:
    assert await store.add("newer", b"{}", subject="s", updated_at=T2, now=NOW) is not None
    assert await store.add("older", b"{}", subject="s", updated_at=T1, now=NOW) is not None
    # The change at T2 was delivered: reconciling it again would hand it over twice.
    assert await store.add_reconciled(reconciled_id("s", T2), b"{}", subject="s", updated_at=T2, now=NOW) is None
    assert await store.add_reconciled(reconciled_id("s", T3), b"{}", subject="s", updated_at=T3, now=NOW) is not None
