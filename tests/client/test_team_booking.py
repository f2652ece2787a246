"""A branch booked at once: 12 customers, 3 advisers free for 2 slots, make exactly 6 appointments.

Each customer reads the branch, proposes and books with its own key, all at the same time. The fake refuses a
time an adviser's defined availability has no room for (422 `APPOINTMENT_NO_AVAILABILITY`) as Engage does for one
adviser, with no scripted fault: `book_first` moves on to the next adviser, then the next slot.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from pexip_engage_client import Booked, Candidates, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

ADVISERS = ("emp-a", "emp-b", "emp-c")


def seeded() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="office-1")
    fake.add_subject(id="subject-1")
    for who in ADVISERS:
        fake.add_employee(id=who, timeZone="UTC", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}])
        fake.add_defined_availability(  # 09:00-11:00: two hour-long slots, one appointment at a time
            start="2030-01-07T09:00:00Z",
            end="2030-01-07T11:00:00Z",
            employee={"id": who},
            office={"id": "office-1"},
            subject={"id": "subject-1"},
            meetingType="VIDEO",
            maxConcurrentAppointments=1,
        )
    for n in range(12):
        fake.add_customer(id=f"customer-{n}")
    return fake


def body(key: str, customer: str) -> dict[str, object]:
    return {
        "externalId": key,
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": customer, "type": "CUSTOMER"}],
    }


async def customer(engage: PexipEngage, n: int, order: str) -> Booked:
    team = await engage.availability.team_free_busy(
        "office-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z", subject_id="subject-1"
    )
    proposal = Candidates.from_team(team, 60, step=60, order=order)
    return await engage.availability.book_first(proposal, body(f"web-{n}", f"customer-{n}"))


def adviser_of(appointment: dict[str, Any]) -> str:
    return str(next(p["participant"]["id"] for p in appointment["appointmentParticipants"] if p["type"] == "EMPLOYEE"))


async def test_twelve_customers_at_once_make_six_appointments_and_no_adviser_is_booked_twice_at_a_time() -> None:
    for order in ("earliest", "fair"):
        fake = seeded()
        async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
            results = await asyncio.gather(*(customer(engage, n, order) for n in range(12)), return_exceptions=True)
        booked = [r for r in results if isinstance(r, Booked)]
        told = [r for r in results if isinstance(r, errors.NoSlotBookedError)]
        assert (len(booked), len(told)) == (6, 6), [r for r in results if not isinstance(r, Booked | Exception)]
        held = Counter((adviser_of(a), a["start"][:16]) for a in fake.appointments.values())
        assert held == {(who, at): 1 for who in ADVISERS for at in ("2030-01-07T09:00", "2030-01-07T10:00")}
        assert all(not t.may_have_created and t.refused for t in told)


async def test_a_retry_of_each_attempt_books_nothing_more() -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        first = await asyncio.gather(*(customer(engage, n, "earliest") for n in range(3)))
        again = await asyncio.gather(*(customer(engage, n, "earliest") for n in range(3)))
    assert [str(b.outcome) for b in again] == ["found"] * 3
    assert [b.appointment.id for b in again] == [b.appointment.id for b in first]
    assert len(fake.appointments) == 3


async def test_a_retry_proposing_nothing_finds_what_the_first_run_booked() -> None:
    fake = seeded()
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        first = await asyncio.gather(*(customer(engage, n, "fair") for n in range(6)))  # the branch is full
        assert len(fake.appointments) == 6
        again = [await customer(engage, n, "fair") for n in range(6)]  # each re-proposes: no time is left
        with pytest.raises(errors.NoSlotBookedError) as none:
            await customer(engage, 6, "fair")  # another attempt: its key holds nothing
        with pytest.raises(errors.NoSlotBookedError):
            await engage.availability.book_first([], body("web-0", "customer-7"))  # the key, another customer's
    assert [(str(b.outcome), b.candidate) for b in again] == [("found", None)] * 6
    assert [b.appointment.id for b in again] == [b.appointment.id for b in first]
    assert not none.value.refused
    assert {r.code for r in none.value.reasons} == {"max_concurrent_reached"}
    assert len(fake.appointments) == 6
