"""One contract, four stores (memory, SQLite, Redis and PostgreSQL on real servers): what the receiver relies on.

The times given here stand for a receiver's clock reading NOW, NOW + 6, ... The memory and SQLite
stores keep them as given; the Redis and PostgreSQL stores keep each as its span from the
receiver's clock laid on the server's own (`TIME`, `clock_timestamp()`), so their clock is frozen
at NOW here, and the spans are the times' distances from NOW while the server's clock moves on as
it does.
"""

from __future__ import annotations

import asyncio

import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import OrderKey, store_from_url
from pexip_engage_client.webhooks._stores._contract import reconciled_id
from pexip_engage_client.webhooks._stores._postgres import PostgresStore
from pexip_engage_client.webhooks._stores._redis import RedisStore

NOW = 1_700_000_000.0


def frozen(store: WebhookStore) -> WebhookStore:
    """The store, its receiver's clock (for the Redis and PostgreSQL stores) stopped at NOW."""
    if isinstance(store, RedisStore | PostgresStore):
        store._clock = lambda: NOW
    return store


@pytest.fixture
def store(store: WebhookStore) -> WebhookStore:
    return frozen(store)


async def add(store: WebhookStore, event_id: str, now: float = NOW, subject: str | None = None) -> int:
    position = await store.add(event_id, b'{"id": "%s"}' % event_id.encode(), subject=subject, updated_at=None, now=now)
    assert position is not None
    return position


async def test_an_event_is_kept_once_per_id_with_increasing_positions(store: WebhookStore) -> None:
    first = await add(store, "a")
    assert await store.add("a", b"again", subject=None, updated_at=None, now=NOW) is None
    second = await add(store, "b")
    assert second > first
    claimed = await store.claim("a", "me", NOW, 30)
    assert claimed is not None
    assert (claimed.id, claimed.body, claimed.position, claimed.attempts) == ("a", b'{"id": "a"}', first, 0)


async def test_concurrent_adds_of_one_id_keep_it_once(store: WebhookStore) -> None:
    positions = await asyncio.gather(
        *(store.add("same", b"{}", subject=None, updated_at=None, now=NOW) for _ in range(20))
    )
    assert len([position for position in positions if position is not None]) == 1


async def test_only_one_owner_claims_an_event(store: WebhookStore) -> None:
    await add(store, "a")
    claims = await asyncio.gather(*(store.claim("a", f"owner-{n}", NOW, 30) for n in range(10)))
    assert len([claim for claim in claims if claim is not None]) == 1
    assert await store.status("a") == "handling"
    assert await store.claim("unknown", "me", NOW, 30) is None


async def test_an_expired_lease_lets_another_owner_claim_and_the_first_cannot_settle(store: WebhookStore) -> None:
    await add(store, "a")
    assert await store.claim("a", "dead", NOW, 5) is not None
    assert await store.due(NOW + 1, 10) == []
    assert await store.claim("a", "other", NOW + 1, 30) is None  # the lease still runs
    assert await store.due(NOW + 6, 10) == ["a"]
    assert await store.claim("a", "other", NOW + 6, 30) is not None
    await store.settle("a", "dead", "handled", order=None, now=NOW + 7)
    assert not await store.renew("a", "dead", NOW + 100)
    assert await store.status("a") == "handling"  # still the second owner's
    assert await store.renew("a", "other", NOW + 100)
    await store.settle("a", "other", "handled", order=None, now=NOW + 8)
    assert await store.status("a") == "handled"
    assert await store.due(NOW + 1000, 10) == []


async def test_due_lists_pending_events_by_arrival_and_not_claimed_ones(store: WebhookStore) -> None:
    for name in ("c", "a", "b"):
        await add(store, name)
    assert await store.due(NOW - 1, 10) == []  # stored later than that
    assert await store.due(NOW, 10) == ["c", "a", "b"]
    assert await store.due(NOW, 2) == ["c", "a"]
    await store.claim("a", "me", NOW, 30)
    assert await store.due(NOW, 10) == ["c", "b"]


async def test_a_retry_waits_for_its_time_then_parking_and_replay(store: WebhookStore) -> None:
    await add(store, "a")
    await store.claim("a", "me", NOW, 30)
    await store.retry("a", "me", attempts=1, not_before=NOW + 10, error="ValueError: boom")
    assert await store.status("a") == "pending"
    assert await store.due(NOW + 5, 10) == []
    claimed = await store.claim("a", "me", NOW + 10, 30)
    assert claimed is not None
    assert claimed.attempts == 1
    await store.park("a", "me", attempts=2, error="ValueError: boom again", now=NOW + 11)
    assert await store.status("a") == "failed"
    assert await store.due(NOW + 1000, 10) == []
    (failed,) = await store.failed(10)
    assert (failed.id, failed.attempts, failed.error) == ("a", 2, "ValueError: boom again")
    if isinstance(store, RedisStore | PostgresStore):  # by the server's clock, a moment apart
        assert failed.failed_at == pytest.approx(NOW + 11, abs=1.0)
    else:
        assert failed.failed_at == NOW + 11
    assert await store.replay("a", NOW + 20)
    assert not await store.replay("a", NOW + 20)  # no longer parked
    assert await store.failed(10) == []
    claimed = await store.claim("a", "me", NOW + 20, 30)
    assert claimed is not None
    assert claimed.attempts == 0


async def add_change(store: WebhookStore, event_id: str, updated_at: int | None, subject: str = "ap") -> OrderKey:
    position = await store.add(event_id, b"{}", subject=subject, updated_at=updated_at, now=NOW)
    assert position is not None
    return OrderKey(subject, updated_at, position)


async def test_a_subjects_events_are_claimed_one_at_a_time_oldest_first(store: WebhookStore) -> None:
    later = await add_change(store, "later", 2_000)
    earlier = await add_change(store, "earlier", 1_000)  # arrived second, happened first
    await add(store, "unordered")  # no subject: never waits for a turn
    assert await store.due(NOW, 10) == ["earlier", "unordered"]
    assert await store.claim("later", "me", NOW, 30) is None  # not its turn
    claimed = await store.claim("earlier", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest is None
    newer = await add_change(store, "newer", 3_000)
    older = await add_change(store, "older", 500)  # older than the event in hand: waits for it
    assert await store.claim("older", "other", NOW, 30) is None
    assert await store.due(NOW, 10) == ["unordered"]
    assert await store.settle("earlier", "me", "handled", order=earlier, now=NOW) == "older"
    claimed = await store.claim("older", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest == (1_000, earlier.position)  # the receiver finds it stale
    assert await store.settle("older", "me", "stale", order=older, now=NOW) == "later"
    assert await store.due(NOW, 10) == ["later", "unordered"]
    claimed = await store.claim("later", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest == (1_000, earlier.position)
    assert await store.settle("later", "me", "handled", order=later, now=NOW) == "newer"
    claimed = await store.claim("newer", "me", NOW, 30)
    assert claimed is not None
    assert claimed.newest == (2_000, later.position)
    assert await store.settle("newer", "me", "handled", order=newer, now=NOW) is None


async def test_a_retry_holds_its_subject_and_parking_lets_it_go(store: WebhookStore) -> None:
    await add_change(store, "first", 1_000)
    await add_change(store, "second", 2_000)
    await store.claim("first", "me", NOW, 30)
    await store.retry("first", "me", attempts=1, not_before=NOW + 10, error="x")
    assert await store.due(NOW + 5, 10) == []  # the second waits for the first's retry
    assert await store.claim("second", "me", NOW + 5, 30) is None
    assert await store.claim("first", "me", NOW + 10, 30) is not None
    assert await store.park("first", "me", attempts=2, error="x", now=NOW + 11) == "second"
    assert await store.due(NOW + 11, 10) == ["second"]
    await store.claim("second", "me", NOW + 11, 30)
    assert await store.settle("second", "me", "handled", order=None, now=NOW + 12) is None
    assert await store.replay("first", NOW + 13)
    assert await store.due(NOW + 13, 10) == ["first"]


async def test_the_turn_of_a_dead_holder_passes_when_its_lease_runs_out(store: WebhookStore) -> None:
    await add_change(store, "held", 1_000)
    await store.claim("held", "dead", NOW, 5)
    await add_change(store, "older", 500)  # arrived while "held" was in a handler
    assert await store.claim("older", "other", NOW + 1, 30) is None  # one at a time
    assert await store.due(NOW + 6, 10) == ["older"]  # the lease ran out: oldest first again
    assert await store.claim("held", "other", NOW + 6, 30) is None
    assert await store.claim("older", "other", NOW + 6, 30) is not None


async def test_newest_moves_forward_only_with_handled_events(store: WebhookStore) -> None:
    async def handle(event_id: str, updated_at: int, outcome: str = "handled") -> tuple[int, int] | None:
        """Handles the event; returns the newest handled before it, as its claim told."""
        position = await store.add(event_id, b"{}", subject="ap", updated_at=updated_at, now=NOW)
        assert position is not None
        claimed = await store.claim(event_id, "me", NOW, 30)
        assert claimed is not None
        assert (claimed.subject, claimed.updated_at) == ("ap", updated_at)
        order = OrderKey("ap", updated_at, position)
        await store.settle(event_id, "me", outcome, order=order, now=NOW)  # type: ignore[arg-type]
        return claimed.newest

    assert await handle("e1", 2_000) is None
    newest = await handle("e2", 1_000)
    assert newest is not None
    assert newest[0] == 2_000
    assert await handle("e3", 2_000) == newest  # older: newest stays
    newest3 = await handle("e4", 9_000, "stale")  # same time, later arrival: newer
    assert newest3 is not None
    assert newest3[0] == 2_000
    assert newest3[1] > newest[1]
    assert await handle("e5", 1, "stale") == newest3  # a stale outcome never moves it


async def test_purge_forgets_settled_events_only(store: WebhookStore) -> None:
    for name in ("old", "failed", "pending"):
        await add(store, name)
    await store.claim("old", "me", NOW, 30)
    await store.settle("old", "me", "handled", order=None, now=NOW)
    await store.claim("failed", "me", NOW, 30)
    await store.park("failed", "me", attempts=1, error="x", now=NOW)
    assert await store.purge(NOW + 1) == 1
    assert await store.status("old") is None
    assert await store.status("failed") == "failed"
    assert await store.status("pending") == "pending"
    assert await store.add("old", b"{}", subject=None, updated_at=None, now=NOW) is not None


@pytest.mark.slow
async def test_a_purge_past_one_batch_forgets_and_counts_them_all(store: WebhookStore) -> None:
    # A store purges by batches of 1000 (`_contract.purged`): 1,001 settled events take two.
    settled = 1_001
    for index in range(settled):
        await add(store, f"e{index}")
        await store.claim(f"e{index}", "me", NOW, 30)
        await store.settle(f"e{index}", "me", "handled", order=None, now=NOW)
    await add(store, "pending")
    assert await store.purge(NOW + 1) == settled
    assert await store.status(f"e{settled - 1}") is None
    assert await store.status("pending") == "pending"
    assert await store.purge(NOW + 1) == 0


@pytest.mark.parametrize(
    "kind",
    [
        "sqlite",
        pytest.param("redis", marks=pytest.mark.servers),
        pytest.param("postgres", marks=pytest.mark.servers),
    ],
)
async def test_a_store_reopened_keeps_what_it_acknowledged(
    kind: str, tmp_path: object, request: pytest.FixtureRequest
) -> None:
    from ..support.stores import store_url

    url = store_url(kind, tmp_path, request)  # type: ignore[arg-type]
    first = frozen(store_from_url(url))
    await first.open()
    await add(first, "kept")
    await first.claim("kept", "died", NOW, 5)
    await first.close()
    second = frozen(store_from_url(url))
    await second.open()
    try:
        assert await second.add("kept", b"{}", subject=None, updated_at=None, now=NOW) is None
        assert await second.due(NOW + 6, 10) == ["kept"]
    finally:
        await second.close()


# Reconciling (issue 69): what the store has seen of an appointment decides whether a change found by
# reading the API is handed over; a delivery of a change handed over that way is a duplicate.

T1, T2, T3 = 1_700_000_000_000_000, 1_700_000_001_000_000, 1_700_000_002_000_000


async def test_a_reconciled_change_is_kept_only_when_nothing_as_recent_was_seen(store: WebhookStore) -> None:
    assert await store.add("delivered", b"{}", subject="s", updated_at=T2, now=NOW) is not None
    # Older than, or as old as, what a delivery brought: already seen.
    assert await store.add_reconciled(reconciled_id("s", T1), b"{}", subject="s", updated_at=T1, now=NOW) is None
    assert await store.add_reconciled(reconciled_id("s", T2), b"{}", subject="s", updated_at=T2, now=NOW) is None
    # Newer: kept once, whoever asks how often.
    newer = reconciled_id("s", T3)
    first = await store.add_reconciled(newer, b"{}", subject="s", updated_at=T3, now=NOW)
    assert first is not None
    assert await store.add_reconciled(newer, b"{}", subject="s", updated_at=T3, now=NOW) is None
    assert await store.status(newer) == "pending"
    # A never-seen appointment is kept too.
    assert await store.add_reconciled(reconciled_id("t", T1), b"{}", subject="t", updated_at=T1, now=NOW) is not None


async def test_a_delivery_of_a_change_already_reconciled_is_a_duplicate(store: WebhookStore) -> None:
    assert await store.add_reconciled(reconciled_id("s", T2), b"{}", subject="s", updated_at=T2, now=NOW) is not None
    assert await store.add("late-delivery", b"{}", subject="s", updated_at=T2, now=NOW) is None
    assert await store.status("late-delivery") is None
    # A delivery of another change of the appointment, older or newer, is kept as any.
    assert await store.add("older-delivery", b"{}", subject="s", updated_at=T1, now=NOW) is not None
    assert await store.add("newer-delivery", b"{}", subject="s", updated_at=T3, now=NOW) is not None


async def test_what_was_seen_outlives_the_purge_of_its_events(store: WebhookStore) -> None:
    await store.add("e", b"{}", subject="s", updated_at=T2, now=NOW)
    claimed = await store.claim("e", "me", NOW, 30)
    assert claimed is not None
    await store.settle("e", "me", "unhandled", order=OrderKey("s", T2, claimed.position), now=NOW)
    assert await store.purge(NOW + 3600) == 1
    assert await store.status("e") is None
    assert await store.add_reconciled(reconciled_id("s", T2), b"{}", subject="s", updated_at=T2, now=NOW) is None


async def test_concurrent_reconciles_of_one_change_keep_it_once(store: WebhookStore) -> None:
    change = reconciled_id("s", T1)
    positions = await asyncio.gather(
        *(store.add_reconciled(change, b"{}", subject="s", updated_at=T1, now=NOW) for _ in range(20))
    )
    assert len([position for position in positions if position is not None]) == 1
