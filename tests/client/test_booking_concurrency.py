"""`book_first` under load: 100 attempts at once at one slot with room for one never book two.

Each attempt is a different person's (its own key): Engage (the fake, which keeps defined
availability) alone decides who gets the slot; every other attempt moves on to the next candidate
or says it could not (`NoSlotBookedError`). Attempts that share a key are one attempt: one booking.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from pexip_engage_client import Booked, Candidates, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


def seeded() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="office-1")
    fake.add_subject(id="subject-1")
    fake.add_employee(id="emp-1", timeZone="UTC", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}])
    fake.add_defined_availability(
        start="2030-01-07T09:00:00Z",
        end="2030-01-07T11:00:00Z",
        employee={"id": "emp-1"},
        office={"id": "office-1"},
        subject={"id": "subject-1"},
        meetingType="VIDEO",
        maxConcurrentAppointments=1,
    )
    for n in range(100):
        fake.add_customer(id=f"customer-{n}")
    return fake


def body(key: str, customer: str) -> dict[str, object]:
    return {
        "externalId": key,
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": customer, "type": "CUSTOMER"}],
    }


@pytest.mark.slow  # a hundred bookings at one slot
async def test_a_hundred_people_at_one_slot_book_one_each_slot_and_the_rest_are_told() -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        view = await engage.availability.free_busy("emp-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z")
        candidates = Candidates.from_free_busy(view, 60, step=60)  # 09:00 and 10:00: two slots for a hundred people
        assert len(candidates) == 2
        results = await asyncio.gather(
            *(engage.availability.book_first(candidates, body(f"web-{n}", f"customer-{n}")) for n in range(100)),
            return_exceptions=True,
        )
    booked = [r for r in results if isinstance(r, Booked)]
    told = [r for r in results if isinstance(r, errors.NoSlotBookedError)]
    assert (len(booked), len(told)) == (2, 98), [
        r for r in results if not isinstance(r, Booked | errors.NoSlotBookedError)
    ]
    assert Counter(a["start"][:19] for a in fake.appointments.values()) == {
        "2030-01-07T09:00:00": 1,
        "2030-01-07T10:00:00": 1,
    }
    assert {b.candidate for b in booked} == set(candidates)
    assert all([r.candidate for r in t.refused] == list(candidates) and not t.may_have_created for t in told)
    # Whoever got 10:00 was refused 09:00 first: moved on, not stopped.
    assert sorted(len(b.refused) for b in booked) == [0, 1]


async def test_a_hundred_runs_of_one_attempt_book_once() -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        view = await engage.availability.free_busy("emp-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z")
        candidates = Candidates.from_free_busy(view, 60, step=60)
        results = await asyncio.gather(
            *(engage.availability.book_first(candidates, body("web-1", "customer-1")) for _ in range(100))
        )
    assert len(fake.appointments) == 1
    assert {r.appointment.id for r in results} == set(fake.appointments)
