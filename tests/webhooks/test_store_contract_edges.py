"""The store contract at its edges, on every store: slips in a store's steps that the contract's main
tests (test_store_contract.py) let pass.

Each was planted by hand in the Redis store's Lua scripts (which mutmut, mutating Python, does not
reach) and passed every quick test: a lease renewed that the due list still reports as run out, a
retry still listed among the leases, a due list longer than asked, a purge that counts what it
forgot again, a claim before a retry's time, a settle that names an event whose time has not come,
and what was seen of an appointment lowered by an older delivery (a change then handed over twice).
"""

from __future__ import annotations

import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import OrderKey
from pexip_engage_client.webhooks._stores._contract import reconciled_id
from pexip_engage_client.webhooks._stores._postgres import PostgresStore
from pexip_engage_client.webhooks._stores._redis import RedisStore

NOW = 1_700_000_000.0
T1, T2, T3 = 1_700_000_000_000_000, 1_700_000_001_000_000, 1_700_000_002_000_000


@pytest.fixture
def store(store: WebhookStore) -> WebhookStore:
    """The store, its receiver's clock (for the Redis and PostgreSQL stores) stopped at NOW."""
    if isinstance(store, RedisStore | PostgresStore):
        store._clock = lambda: NOW
    return store


async def add(store: WebhookStore, event_id: str, *, now: float = NOW) -> None:
    assert await store.add(event_id, b"{}", subject=None, updated_at=None, now=now) is not None


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
