"""The check right before a create's POST: a turn lost between its take and the send stops the POST (issue 69, point 5).

The promise that matters most in `ensure_*`: a create is sent only while its turn is still its own,
confirmed right before the bytes leave (`_ensure_lock.Turn.before_send`). A check that only renewed
(and carried on when the renewal failed) would pass every test in which nothing happens between the
take and the send; here another holder takes the turn over while the ensure's look-up is answered,
and makes the resource itself, as a process that found the lease expired would. An in-process lease
backend stands for Redis, PostgreSQL or the lock files: the check is the same call on each.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest

from pexip_engage_client import EnsureOutcome, Governor, PexipEngage
from pexip_engage_client._leasing._lease import Busy, Held
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.ensure_bodies import APPOINTMENT, seed_references
from ..support.in_process_leases import InProcessLeases


class StealableLeases(InProcessLeases):
    """Turns in this process, which a test can give to another holder (`steal`) as an expired lease's taker would."""

    def __init__(self) -> None:
        super().__init__()
        self.taken: list[Held] = []

    async def take(self, key: str, token: str, seconds: float) -> Held | Busy:
        got = await super().take(key, token, seconds)
        if isinstance(got, Held):
            self.taken.append(got)
        return got

    def steal(self) -> None:
        """The last turn taken, released and taken by another holder at once (it expired, say, and was taken over)."""
        self._release_now(self.taken[-1])
        self._held[self.taken[-1].key] = "another holder"  # what its take would write: the turn is the thief's

    def give_back(self) -> None:
        self._held.clear()


@pytest.fixture
def leases(monkeypatch: pytest.MonkeyPatch) -> StealableLeases:
    """The lease backend of the ensures of this test's clients (they share no governor's backend: lock files else)."""
    backend = StealableLeases()
    monkeypatch.setattr("pexip_engage_client._ensuring._ensure_lock.FileLeases", lambda: backend)
    return backend


def thief_creates(fake: FakePexipEngage) -> Any:
    """The other holder's create: the appointment the body describes, made while it held the turn."""
    return fake.add_appointment(
        externalId=APPOINTMENT["externalId"],
        start=APPOINTMENT["start"],
        end=APPOINTMENT["end"],
        subject={"id": "subject-9"},
        office={"id": "office-3"},
        meetingType="VIDEO",
        appointmentParticipants=[
            {"role": "PRIMARY", "type": "EMPLOYEE", "participant": {"id": "employee-1"}},
            {"role": "PRIMARY", "type": "CUSTOMER", "participant": {"id": "customer-1"}},
        ],
    )


def _appointments(fake: FakePexipEngage) -> Counter[str]:
    return Counter(str(item.get("externalId")) for item in fake.appointments.values())


async def test_a_turn_taken_over_between_the_look_up_and_the_create_stops_the_post(leases: StealableLeases) -> None:
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    thief_made: list[Any] = []

    def taken_over_while_looking(enterprise: Any, query: Mapping[str, Any]) -> None:
        if not thief_made:
            thief_made.append(True)
            leases.steal()  # the ensure's look-up is being served: the turn is another holder's now
            asyncio.get_running_loop().call_soon(made_by_the_thief)  # once the page is served

    def made_by_the_thief() -> None:
        thief_made.append(thief_creates(fake))
        leases.give_back()  # the other holder is done: its create landed after this look-up was served

    fake.before_list("getAppointments", taken_over_while_looking)
    async with PexipEngage("acme", token=TOKEN, transport=fake, timeout=2, max_retries=0) as engage:
        result = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert fake.calls_to("createAppointment") == [], "a create was sent under a turn another holder had taken"
    assert (result.outcome, _appointments(fake)) == (EnsureOutcome.FOUND, Counter({"CRM-1": 1}))


async def test_a_turn_lost_while_the_create_waits_for_the_governors_turn_stops_the_post(
    leases: StealableLeases,
) -> None:
    """The check runs after every wait of the attempt, inside the governor's turn, not before the wait: a lease
    taken over while the create waited for its turn (or its token) is found lost right before the bytes leave."""
    fake = seed_references(FakePexipEngage(max_in_flight=None, per_minute=None))
    sends: list[int] = []

    class StolenWhileWaiting(Governor):
        async def send(self, attempt: Any, status_of: Any, within: float | None = None) -> Any:
            sends.append(len(sends))
            if len(sends) == 2:  # the create's turn (the look-up's was the first): another holder takes over meanwhile
                leases.steal()
                thief_creates(fake)
                leases.give_back()
            return await super().send(attempt, status_of, within)

    governor = StolenWhileWaiting.unlimited()
    async with PexipEngage("acme", token=TOKEN, transport=fake, governor=governor, timeout=2, max_retries=0) as engage:
        result = await engage.appointments.ensure_appointment(APPOINTMENT)
    assert fake.calls_to("createAppointment") == [], "a create was sent under a turn lost while it waited"
    assert (result.outcome, _appointments(fake)) == (EnsureOutcome.FOUND, Counter({"CRM-1": 1}))
