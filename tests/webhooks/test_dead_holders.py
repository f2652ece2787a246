"""A dead holder's claims (the one lease's rule, `_leasing`: `EVENT_CLAIM`): every store tells which owners hold
running claims and lets one's go at once, and a receiver that starts lets go of those of a process of its host that
no longer runs, rather than wait out their lease; a living holder's, or another host's, wait for their lease."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from pexip_engage_client._leasing._holders import host, new_holder
from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver, WebhookStore
from pexip_engage_client.webhooks._stores import store_from_url
from pexip_engage_client.webhooks._stores._contract import LetsGoOfHolders

from .test_store_contract import NOW, add, frozen

GONE = f"{host()}:{2**22 + 1}:abcdef12/0"  # no process has this number (above Linux's PID_MAX_LIMIT)
SECRET = "dead-holders-secret"


@pytest.fixture
def store(store: WebhookStore) -> WebhookStore:
    return frozen(store)


async def test_a_store_names_the_owners_of_running_claims_and_lets_one_go(store: WebhookStore) -> None:
    assert isinstance(store, LetsGoOfHolders)
    for event_id in ("a", "b", "c"):
        await add(store, event_id)
    assert await store.claim("a", "gone", NOW, 30) is not None
    assert await store.claim("b", "gone", NOW, 30) is not None
    assert await store.claim("c", "alive", NOW, 30) is not None
    assert await store.holders(NOW) == {"gone", "alive"}
    assert await store.due(NOW, 10) == []
    assert await store.let_go("gone", NOW) == 2
    assert await store.holders(NOW) == {"alive"}
    assert sorted(await store.due(NOW + 0.001, 10)) == ["a", "b"]  # claimable at once, no lease waited out
    assert await store.renew("c", "alive", NOW + 30)  # the other owner's claim untouched
    assert await store.claim("a", "next", NOW + 0.001, 30) is not None  # as a lease that ran out: another's to take
    assert not await store.renew("a", "gone", NOW + 30)  # and no longer the dead one's
    assert await store.let_go("gone", NOW) == 0  # a claim taken meanwhile by another owner is never touched
    assert await store.holders(NOW) == {"alive", "next"}


async def test_a_claim_that_ran_out_is_no_holders_and_is_not_let_go_again(store: WebhookStore) -> None:
    assert isinstance(store, LetsGoOfHolders)
    await add(store, "a")
    assert await store.claim("a", "gone", NOW, 5) is not None
    assert await store.holders(NOW + 6) == set()
    assert await store.let_go("gone", NOW + 6) == 0


@pytest.mark.parametrize("kind", ["dead here", "alive here", "elsewhere"])
async def test_a_receiver_that_starts_takes_over_only_a_dead_holders_claims(kind: str, tmp_path: object) -> None:
    holder = {"dead here": GONE, "alive here": new_holder() + "/0", "elsewhere": f"elsewhere:{2**22 + 1}:abcdef12/0"}[
        kind
    ]
    url = f"sqlite:///{tmp_path}/events.db"
    store = store_from_url(url)
    await store.open()
    body = appointment_event({"id": "appointment-1"}, event_id="held")
    assert await store.add("held", body, subject=None, updated_at=None, now=time.time()) is not None
    assert await store.claim("held", holder, time.time(), 60.0) is not None  # a lease far longer than the test
    await store.close()

    handled = asyncio.Event()
    receiver = WebhookReceiver(url, secret=SECRET, poll_interval=0.02)

    @receiver.on(AppointmentWebhookEvent)
    async def on_change(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.set()

    async with receiver:
        # The dead one's at once (bounded: a loaded machine); the others not within a second of polls every 20 ms.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(handled.wait(), 10.0 if holder == GONE else 1.0)
    # Only a holder of this host whose process is gone is let go; this process's and another host's wait.
    assert handled.is_set() == (holder == GONE)
