"""The sync client's ensures: the async source's, turned (`_sync/_ensure.py`), with threads for tasks.

What both clients share (the fault runs, the conflicts, across processes) is tested on the async
client in tests/client/test_ensure.py and tests/limits/test_shared_ensure.py.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import (
    EnsureEvent,
    EnsureOutcome,
    EventHooks,
    RetryPolicy,
    SyncGovernor,
    SyncPexipEngage,
    errors,
)
from pexip_engage_client._ensuring._sync._ensure_lock import Turn
from pexip_engage_client._leasing._lease import Held
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.lease_state import aged_lease_state
from ..support.redis_server import redis_server
from ..support.rewriting import Rewriting, on


@pytest.fixture
def fake() -> FakePexipEngage:
    return seed_references(FakePexipEngage())


@pytest.fixture(params=["in-memory", "served"])
def engage(request: pytest.FixtureRequest, fake: FakePexipEngage) -> Iterator[SyncPexipEngage]:
    if request.param == "in-memory":
        with SyncPexipEngage("acme", token=TOKEN, transport=fake) as client:
            yield client
    else:
        with serve(fake) as root, SyncPexipEngage("acme", token=TOKEN, base_url=root) as client:
            yield client


def test_created_found_reconciled_and_refused(engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    created = engage.appointments.ensure_appointment(APPOINTMENT)
    found = engage.appointments.ensure_appointment(APPOINTMENT)
    assert (created.outcome, found.outcome) == (EnsureOutcome.CREATED, EnsureOutcome.FOUND)
    assert created.resource.id == found.resource.id
    for fault in ({"disconnect": True}, {"status": 504}):
        external_id = f"CRM-{fault}"
        fake.fail("createAppointment", commit=True, **fault)
        result = engage.appointments.ensure_appointment({**APPOINTMENT, "externalId": external_id})
        assert (result.outcome, result.resource.external_id) == (EnsureOutcome.RECONCILED, external_id)
    with pytest.raises(errors.ExternalIdConflictError):
        engage.appointments.ensure_appointment({**APPOINTMENT, "end": "2026-03-01T11:00:00Z"})
    with pytest.raises(ValueError, match=r"body\.externalId"):
        engage.employees.ensure_employee({"email": "ada@example.com"})
    assert len(fake.calls_to("createAppointment")) == 3
    assert Counter(a.get("externalId") for a in fake.appointments.values()) == Counter(
        {"CRM-1": 1, "CRM-{'disconnect': True}": 1, "CRM-{'status': 504}": 1}
    )


def test_threads_ensuring_one_external_id_create_one(fake: FakePexipEngage) -> None:
    events: list[EnsureEvent] = []
    hooks: EventHooks = {"ensure": [events.append]}
    with (
        SyncPexipEngage("acme", token=TOKEN, transport=fake, event_hooks=hooks) as engage,
        ThreadPoolExecutor(8) as pool,
    ):
        results = list(pool.map(lambda _: engage.appointments.ensure_appointment(APPOINTMENT), range(16)))
    assert Counter(r.outcome for r in results) == Counter({EnsureOutcome.CREATED: 1, EnsureOutcome.FOUND: 15})
    assert Counter(e.outcome for e in events) == Counter({"created": 1, "found": 15})
    assert len(fake.calls_to("createAppointment")) == 1


@pytest.mark.end_to_end
def test_clients_sharing_a_redis_take_turns_on_one_external_id(fake: FakePexipEngage, tmp_path: Path) -> None:
    """Two clients (each with its own turns, as two processes have), their threads, one Redis lease."""
    with redis_server(tmp_path) as redis_url, serve(fake) as root:
        aged_lease_state(redis_url)  # a Redis in use: its takers do not wait out a new state
        clients = [
            SyncPexipEngage("acme", token=TOKEN, base_url=root, governor=SyncGovernor(shared=redis_url, rate=1000))
            for _ in range(2)
        ]
        try:
            with ThreadPoolExecutor(8) as pool:
                results = list(
                    pool.map(lambda n: clients[n % 2].appointments.ensure_appointment(APPOINTMENT), range(16))
                )
        finally:
            for client in clients:
                client.close()
    assert Counter(r.outcome for r in results) == Counter({EnsureOutcome.CREATED: 1, EnsureOutcome.FOUND: 15})
    assert len(fake.calls_to("createAppointment")) == 1


def test_the_sync_ensure_keeps_the_retry_policys_max_retry_after(fake: FakePexipEngage) -> None:
    """A 429 asking for 30 s on a client that waits 2 at most: the ensure ends at once (issue 76, point 4)."""
    fake.fail("createAppointment", status=429, retry_after=30)
    policy = RetryPolicy(max_retry_after=2.0)
    with SyncPexipEngage("acme", token=TOKEN, transport=fake, timeout=60, retry=policy) as engage:
        started = time.monotonic()
        with pytest.raises(errors.EnsureRefusedError) as caught:
            engage.appointments.ensure_appointment(APPOINTMENT)
        assert time.monotonic() - started < 2.0
    assert (caught.value.retry_after, caught.value.may_have_created, caught.value.status_code) == (30.0, False, 429)


def test_the_sync_ensure_counts_its_look_up_as_it_holds_and_refuses_what_it_cannot_read(
    fake: FakePexipEngage,
) -> None:
    """A look-up without `meta.totalCount`: created once, then found; a found one without `start`: refused."""

    dropped: list[str] = []  # the fields each item loses, once the first two ensures are done

    def without_total(body: Any) -> Any:
        body["meta"].pop("totalCount")
        for item in body["data"]:
            for name in dropped:
                item.pop(name, None)
        return body

    transport = Rewriting(fake, on("GET", "/appointments", without_total))
    with SyncPexipEngage("acme", token=TOKEN, transport=transport, strict_responses=False) as engage:
        first = engage.appointments.ensure_appointment(APPOINTMENT)
        again = engage.appointments.ensure_appointment(APPOINTMENT)
        dropped.append("start")
        with pytest.raises(errors.EnsureUnreadableAnswerError) as caught:
            engage.appointments.ensure_appointment(APPOINTMENT)
    assert (first.outcome, again.outcome) == (EnsureOutcome.CREATED, EnsureOutcome.FOUND)
    assert (caught.value.pointer, caught.value.answer_operation) == ("/data/*/start", "getAppointments")
    assert len(fake.calls_to("createAppointment")) == 1


def test_a_sync_turn_is_renewed_by_a_thread_every_third_of_a_lease_until_it_is_left() -> None:
    """The sync twin keeps its lease alive on a thread of its own (the async one on a task): through any wait of
    the ensure's calls, and no longer once the turn is left, the thread then gone."""
    renewals: list[tuple[str, float]] = []
    released: list[Held] = []

    class Recording:  # the steps of a sync lease backend this test reaches
        def take(self, key: str, token: str, seconds: float) -> Held:
            return Held(key, token, 1, "epoch", 0.0)

        def renew(self, held: Held, seconds: float) -> None:
            renewals.append((threading.current_thread().name, seconds))

        def release(self, held: Held) -> None:
            released.append(held)

    turn = Turn(threading.Lock(), Recording(), "pexip-engage-ensure:test", 0.3)  # type: ignore[arg-type]
    turn.take()
    turn.keep_alive()
    deadline = time.monotonic() + 10
    while len(renewals) < 3 and time.monotonic() < deadline:  # every 0.1 s: three within 10 s on any machine
        time.sleep(0.02)
    assert renewals[:3] == [("pexip-engage-lease", 0.3)] * 3
    renewing = next(thread for thread in threading.enumerate() if thread.name == "pexip-engage-lease")
    assert renewing.daemon  # never keeps the process alive
    turn.leave()
    assert not renewing.is_alive()
    assert len(released) == 1
    renewed = len(renewals)
    time.sleep(0.25)
    assert len(renewals) == renewed  # given back, and renewed no more
