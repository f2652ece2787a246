"""A delivery and a reconcile of the same change, stored at the same instant, keep it once (issue 69).

Each round starts both together on two connections (the receiver's insert, or the WSGI face's
blocking insert on a thread, beside `add_reconciled`), which goes first drawn from a fixed seed;
a few rounds run at once, each of its own appointment. Whichever wins, exactly one of the two is
kept: a delivery of a change reconcile kept is its duplicate, and a change a delivery brought is
already seen. Every store decides it in one atomic step: memory under its lock, SQLite in one
`BEGIN IMMEDIATE` transaction, Redis in one script, PostgreSQL under the appointment's change lock
(`webhook_add`), without which two statements whose snapshots predate each other both keep it.
"""

from __future__ import annotations

import asyncio
import random
import uuid

import psycopg
import pytest

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores._contract import reconciled_id, twin_of
from pexip_engage_client.webhooks._stores._postgres import PostgresStore

from ..support.postgres_server import migrated
from .test_wsgi import thread_intake

ROUNDS = 200
AT_ONCE = 4  # rounds run together, on as many pairs of connections
T0 = 1_700_000_000_000_000  # an updatedAt, in microseconds
NOW = 1_700_000_000.0


@pytest.mark.parametrize("delivery_path", ["async", "blocking"])
async def test_a_delivery_and_a_reconcile_of_one_change_at_once_keep_it_once(
    store: WebhookStore, any_store_url: str, delivery_path: str
) -> None:
    draw = random.Random(69)  # noqa: S311 - a reproducible draw, not security
    intake = thread_intake(store, any_store_url) if delivery_path == "blocking" else None
    await store.add("warm", b"{}", subject=None, updated_at=None, now=NOW)  # the pool's first connection made

    async def deliver(event_id: str, subject: str, at: int) -> int | None:
        if intake is None:
            return await store.add(event_id, b"{}", subject=subject, updated_at=at, now=NOW)
        return await asyncio.to_thread(intake, event_id, b"{}", subject=subject, updated_at=at, now=NOW)

    async def one_round(round_: int, at: int, delivery_first: bool) -> tuple[int, list[bool]]:
        subject = f"ap-{round_}"
        delivery, reconciled = f"delivery-{round_}", reconciled_id(subject, at)
        steps = [
            deliver(delivery, subject, at),
            store.add_reconciled(reconciled, b"{}", subject=subject, updated_at=at, now=NOW),
        ]
        positions = await asyncio.gather(*(steps if delivery_first else steps[::-1]))
        kept_delivery, kept_reconciled = positions if delivery_first else positions[::-1]
        kept = [kept_delivery is not None, kept_reconciled is not None]
        statuses = [await store.status(delivery), await store.status(reconciled)]
        assert [status is not None for status in statuses] == kept, (round_, kept, statuses)
        return round_, kept

    rounds = [(round_, T0 + draw.randrange(1_000_000), draw.random() < 0.5) for round_ in range(ROUNDS)]
    outcomes = []
    for start in range(0, ROUNDS, AT_ONCE):  # a few rounds at a time, each its own appointment
        outcomes += await asyncio.gather(*(one_round(*arguments) for arguments in rounds[start : start + AT_ONCE]))
    twice = [(round_, kept) for round_, kept in outcomes if kept.count(True) != 1]
    assert twice == [], f"{len(twice)} of {ROUNDS} changes kept twice or never: {twice[:5]}"


# The same, step by step on PostgreSQL (quick, and without chance): one insert's transaction is held
# open after its statement ran; the other, of the same change on another connection, waits for it
# and then finds what it kept. Without the wait, both would be kept whatever the timing.


@pytest.mark.parametrize("first", ["delivery", "reconcile"])
async def test_postgres_an_insert_of_a_change_waits_for_another_of_it_still_being_stored(
    postgres_url: str, first: str
) -> None:
    store = PostgresStore(migrated(f"{postgres_url}?schema=test_{uuid.uuid4().hex}"))
    store._clock = lambda: NOW
    await store.open()
    subject, change = "ap", reconciled_id("ap", T0)

    async def then() -> int | None:  # the other insert of the change, as the store makes it
        if first == "delivery":
            return await store.add_reconciled(change, b"{}", subject=subject, updated_at=T0, now=NOW)
        return await store.add("delivery", b"{}", subject=subject, updated_at=T0, now=NOW)

    held = store._sql.add if first == "delivery" else store._sql.add_reconciled
    try:
        async with await psycopg.AsyncConnection.connect(store._pool.conninfo, autocommit=True) as db:
            async with db.transaction():
                first_id = "delivery" if first == "delivery" else change
                # The insert's arguments, as the store gives them.
                arguments = {"id": first_id, "body": b"{}", "subject": subject, "updated_at": T0, "span": 0.0}
                arguments["twin"] = twin_of(subject, T0)
                row = await (await db.execute(held, arguments)).fetchone()
                assert row is not None
                assert row[0] is not None
                second = asyncio.ensure_future(then())
                await asyncio.sleep(0.5)
                assert not second.done()  # it waits for the first's transaction
            assert await asyncio.wait_for(second, 10) is None  # and then finds the change kept
        assert await store.status("delivery" if first == "delivery" else change) == "pending"
    finally:
        await store.close()
