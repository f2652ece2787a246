"""The store contract as sequences: a Hypothesis state machine drives every store beside the memory store.

Each step (add, add a reconciled change, claim, renew, settle, retry, park, replay, purge, time
passing) runs on the store under test and on `MemoryStore`, the contract's reference, and what
each answers must agree: who may claim what and when, the order of an appointment's events, what
is due, parked, replayed and forgotten. Invariants hold on both after every step: one event of an
appointment handled at a time, arrival positions that only grow. Arrival positions are compared by
the events they name, since a store may number them its own way.

Leases last x.5 seconds and time passes in whole seconds, so that no step lands exactly on a lease's
end: the Redis and PostgreSQL stores measure spans on the server's clock, which moves meanwhile.
Examples are drawn the same on every run (tests/conftest.py's profile); a failing sequence prints
as the steps to paste into a test.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from pexip_engage_client.webhooks import WebhookStore
from pexip_engage_client.webhooks._stores import OrderKey, StoredEvent, store_from_url
from pexip_engage_client.webhooks._stores._contract import reconciled_id
from pexip_engage_client.webhooks._stores._memory import MemoryStore
from pexip_engage_client.webhooks._stores._postgres import PostgresStore
from pexip_engage_client.webhooks._stores._redis import RedisStore

from ..support.stores import store_url

T = TypeVar("T")
NOW = 1_700_000_000.0
IDS = st.sampled_from([f"e{number}" for number in range(6)])
SUBJECTS = st.sampled_from([None, "s1", "s2"])
UPDATED = st.one_of(st.none(), st.integers(1, 4))
OWNERS = st.sampled_from(["o1", "o2"])
LEASES = st.sampled_from([2.5, 10.5])
OUTCOMES = st.sampled_from(["handled", "stale", "unhandled"])


class StoreMachine(RuleBasedStateMachine):
    """Each example opens a store of its own from `new_store` (set by `run_machine`)."""

    new_store: Callable[[], WebhookStore]

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.now = NOW
        self.reference: WebhookStore = MemoryStore()
        self.store = self.new_store()
        if isinstance(self.store, RedisStore | PostgresStore):
            self.store._clock = lambda: NOW  # times as spans from NOW
        self.run(self.store.open())
        self.ids_at: list[dict[int, str]] = [{}, {}]  # per store: position -> event id
        self.claimed: dict[str, tuple[StoredEvent, StoredEvent]] = {}  # id -> what each store handed out
        self.leases: dict[str, tuple[str | None, float]] = {}  # id -> (subject, lease end) while claimed

    def teardown(self) -> None:
        self.run(self.store.close())
        self.loop.close()

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(step)

    def both(self, call: Callable[[WebhookStore], Coroutine[Any, Any, T]]) -> tuple[T, T]:
        return self.run(call(self.reference)), self.run(call(self.store))

    def agree(self, call: Callable[[WebhookStore], Coroutine[Any, Any, T]]) -> T:
        expected, actual = self.both(call)
        assert actual == expected
        return expected

    def added(self, event_id: str, positions: tuple[int | None, int | None]) -> None:
        assert (positions[0] is None) == (positions[1] is None), f"one store kept {event_id}, the other did not"
        for store, position in enumerate(positions):
            if position is not None:
                assert all(position > earlier for earlier in self.ids_at[store]), "positions only grow"
                self.ids_at[store][position] = event_id

    @rule(event_id=IDS, subject=SUBJECTS, updated_at=UPDATED)
    def add(self, event_id: str, subject: str | None, updated_at: int | None) -> None:
        body = f'{{"id": "{event_id}"}}'.encode()
        self.added(
            event_id,
            self.both(lambda store: store.add(event_id, body, subject=subject, updated_at=updated_at, now=self.now)),
        )

    @rule(subject=st.sampled_from(["s1", "s2"]), updated_at=st.integers(1, 4))
    def add_reconciled(self, subject: str, updated_at: int) -> None:
        event_id = reconciled_id(subject, updated_at)
        self.added(
            event_id,
            self.both(
                lambda store: store.add_reconciled(
                    event_id, b"{}", subject=subject, updated_at=updated_at, now=self.now
                )
            ),
        )

    def known(self) -> list[str]:
        return sorted(set(self.ids_at[0].values()))

    @precondition(lambda self: self.ids_at[0])
    @rule(data=st.data(), owner=OWNERS, lease=LEASES)
    def claim(self, data: st.DataObject, owner: str, lease: float) -> None:
        event_id = data.draw(st.sampled_from(self.known()))
        expected, actual = self.both(lambda store: store.claim(event_id, owner, self.now, lease))
        assert (expected is None) == (actual is None), f"claim of {event_id}: {expected} against {actual}"
        if expected is None or actual is None:
            return
        assert self.shown(expected, 0) == self.shown(actual, 1)
        self.claimed[event_id] = (expected, actual)
        self.leases[event_id] = (expected.subject, self.now + lease)

    def shown(self, event: StoredEvent, store: int) -> tuple[Any, ...]:
        newest = None if event.newest is None else (event.newest[0], self.ids_at[store].get(event.newest[1]))
        return (
            event.id,
            event.body,
            self.ids_at[store][event.position],
            event.attempts,
            event.subject,
            event.updated_at,
            newest,
        )

    @precondition(lambda self: self.claimed)
    @rule(data=st.data(), owner=OWNERS, extra=LEASES)
    def renew(self, data: st.DataObject, owner: str, extra: float) -> None:
        event_id = data.draw(st.sampled_from(sorted(self.claimed)))
        if self.agree(lambda store: store.renew(event_id, owner, self.now + extra)):
            self.leases[event_id] = (self.claimed[event_id][0].subject, self.now + extra)

    def ended(self, event_id: str, owner: str, answers: tuple[str | None, str | None]) -> None:
        assert answers[0] == answers[1], f"whose turn next: {answers[0]} against {answers[1]}"
        if self.run(self.reference.status(event_id)) == "handling":
            return  # not this owner's claim: the step was refused, the holder keeps it
        self.claimed.pop(event_id, None)
        self.leases.pop(event_id, None)

    @precondition(lambda self: self.claimed)
    @rule(data=st.data(), owner=OWNERS, outcome=OUTCOMES, ordered=st.booleans())
    def settle(self, data: st.DataObject, owner: str, outcome: Any, ordered: bool) -> None:
        event_id = data.draw(st.sampled_from(sorted(self.claimed)))
        events = self.claimed[event_id]

        def order(store: int) -> OrderKey | None:
            event = events[store]
            return OrderKey(event.subject, event.updated_at, event.position) if ordered and event.subject else None

        answers = (
            self.run(self.reference.settle(event_id, owner, outcome, order=order(0), now=self.now)),
            self.run(self.store.settle(event_id, owner, outcome, order=order(1), now=self.now)),
        )
        self.ended(event_id, owner, answers)

    @precondition(lambda self: self.claimed)
    @rule(data=st.data(), owner=OWNERS, delay=st.sampled_from([0.0, 3.0]))
    def retry(self, data: st.DataObject, owner: str, delay: float) -> None:
        event_id = data.draw(st.sampled_from(sorted(self.claimed)))
        self.agree(lambda store: store.retry(event_id, owner, attempts=1, not_before=self.now + delay, error="E: x"))
        self.ended(event_id, owner, (None, None))

    @precondition(lambda self: self.claimed)
    @rule(data=st.data(), owner=OWNERS)
    def park(self, data: st.DataObject, owner: str) -> None:
        event_id = data.draw(st.sampled_from(sorted(self.claimed)))
        self.ended(
            event_id,
            owner,
            self.both(lambda store: store.park(event_id, owner, attempts=3, error="E: y", now=self.now)),
        )

    @precondition(lambda self: self.ids_at[0])
    @rule(data=st.data())
    def replay(self, data: st.DataObject) -> None:
        event_id = data.draw(st.sampled_from(self.known()))
        self.agree(lambda store: store.replay(event_id, self.now))

    @rule(ago=st.sampled_from([0.0, 2.0, 20.0]))
    def purge(self, ago: float) -> None:
        self.agree(lambda store: store.purge(self.now - ago + 0.5))

    @rule(seconds=st.integers(1, 6))
    def time_passes(self, seconds: int) -> None:
        self.now += seconds
        for event_id, (_, until) in list(self.leases.items()):
            if until <= self.now:
                self.leases.pop(event_id)

    @invariant()
    def due_status_and_parked_agree(self) -> None:
        self.agree(lambda store: store.due(self.now, 20))
        for event_id in self.known():
            self.agree(lambda store, event_id=event_id: store.status(event_id))  # type: ignore[misc]
        expected, actual = self.both(lambda store: store.failed(20))
        assert [(f.id, f.attempts, f.error) for f in actual] == [(f.id, f.attempts, f.error) for f in expected]
        if not isinstance(self.store, RedisStore | PostgresStore):  # they keep it as a span on the server's
            # clock, which moved on meanwhile by however long the steps took (tests/webhooks/test_store_contract.py)
            assert [f.failed_at for f in actual] == [f.failed_at for f in expected]

    @invariant()
    def one_event_of_an_appointment_handled_at_a_time(self) -> None:
        running = [subject for subject, until in self.leases.values() if subject and until > self.now]
        assert len(running) == len(set(running)), f"two events of one appointment handled at once: {running}"


def run_machine(new_store: Callable[[], WebhookStore], examples: int) -> None:
    machine = type("Machine", (StoreMachine,), {"new_store": staticmethod(new_store)})
    run_state_machine_as_test(machine, settings=settings(max_examples=examples, stateful_step_count=25))


@pytest.mark.slow
def test_the_sqlite_store_follows_the_contract_in_any_sequence(tmp_path: Path) -> None:
    files = iter(range(10_000))
    run_machine(lambda: store_from_url(f"sqlite:///{tmp_path}/events-{next(files)}.db"), examples=100)


@pytest.mark.slow
@pytest.mark.end_to_end
@pytest.mark.parametrize("kind", ["redis", "postgres"])
def test_the_shared_stores_follow_the_contract_in_any_sequence(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    run_machine(lambda: store_from_url(store_url(kind, tmp_path, request)), examples=15)
