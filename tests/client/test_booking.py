"""`engage.availability.book_first`: the first candidate Engage accepts, booked once, against the fake.

The fake keeps defined availability (docs/testing.md), so "taken" is Engage's own answer here:
422 `APPOINTMENT_NO_AVAILABILITY` for a time its blocks have no room left for.
"""

from __future__ import annotations

import pickle
from collections.abc import AsyncIterator
from typing import Any

import pytest

from pexip_engage_client import Candidates, EnsureOutcome, ErrorCode, PexipEngage, errors
from pexip_engage_client._scheduling._booking import taken
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.add_office(id="office-1")
    fake.add_subject(id="subject-1")
    fake.add_customer(id="customer-1")
    fake.add_customer(id="customer-2")
    fake.add_employee(
        id="emp-1", timeZone="Europe/Brussels", officeRelations=[{"role": "AGENT", "office": {"id": "office-1"}}]
    )
    fake.add_defined_availability(
        start="2030-01-07T08:00:00Z",
        end="2030-01-07T11:00:00Z",
        employee={"id": "emp-1"},
        office={"id": "office-1"},
        subject={"id": "subject-1"},
        meetingType="VIDEO",
    )
    return fake


@pytest.fixture
async def engage(fake: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=fake) as client:
        yield client


def request(key: str, customer: str = "customer-1", **fields: Any) -> dict[str, Any]:
    """A booking body as a front end sends it: the customer and the attempt's key; the candidate does the rest."""
    return {
        "externalId": key,
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": customer, "type": "CUSTOMER"}],
        **fields,
    }


async def proposal(engage: PexipEngage) -> Candidates:
    view = await engage.availability.free_busy("emp-1", start="2030-01-07T00:00:00Z", end="2030-01-08T00:00:00Z")
    return Candidates.from_free_busy(view, 60, step=60)  # 09:00, 10:00, 11:00 in Brussels


def hold(fake: FakePexipEngage, start: str, end: str, customer: str = "customer-2") -> None:
    """Someone else books `[start, end)` first (after the proposal was made)."""
    fake.add_appointment(
        start=start,
        end=end,
        status="ACCEPTED",
        subject={"id": "subject-1"},
        office={"id": "office-1"},
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": customer}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "emp-1"}, "type": "EMPLOYEE"},
        ],
    )


def creates(fake: FakePexipEngage) -> int:
    return len(fake.calls_to("createAppointment"))


async def test_the_first_candidate_is_booked_with_its_time_office_subject_meeting_type_and_employee(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    candidates = await proposal(engage)
    booked = await engage.availability.book_first(candidates, request("web-1"))
    assert booked.outcome is EnsureOutcome.CREATED
    assert booked.refused == ()
    assert booked.candidate == candidates.candidates[0]
    made = fake.appointments[booked.appointment.id]
    # 09:00 in Brussels, answered as Engage writes a time: UTC, to the millisecond
    assert (made["start"], made["externalId"], made["meetingType"]) == ("2030-01-07T08:00:00.000Z", "web-1", "VIDEO")
    assert (made["office"], made["subject"]) == ({"id": "office-1"}, {"id": "subject-1"})
    primaries = {(p["type"], p["participant"]["id"]) for p in made["appointmentParticipants"] if p["role"] == "PRIMARY"}
    assert primaries == {("CUSTOMER", "customer-1"), ("EMPLOYEE", "emp-1")}


async def test_a_taken_slot_moves_on_to_the_next(fake: FakePexipEngage, engage: PexipEngage) -> None:
    candidates = await proposal(engage)
    hold(fake, "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")  # the proposal is stale: 09:00 is gone
    booked = await engage.availability.book_first(candidates, request("web-1"))
    assert booked.candidate == candidates.candidates[1]
    assert booked.outcome is EnsureOutcome.CREATED
    [refusal] = booked.refused
    assert refusal.candidate == candidates.candidates[0]
    assert ErrorCode.APPOINTMENT_NO_AVAILABILITY in refusal.error.codes
    assert not refusal.error.may_have_created
    assert len(fake.appointments) == 2


async def test_a_retry_of_the_attempt_books_nothing_more(fake: FakePexipEngage, engage: PexipEngage) -> None:
    candidates = await proposal(engage)
    hold(fake, "2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z")
    first = await engage.appointments.get_appointments()
    booked = await engage.availability.book_first(candidates, request("web-1"))
    again = await engage.availability.book_first(candidates, request("web-1"))  # the same key: the same attempt
    assert again.appointment.id == booked.appointment.id
    assert again.outcome is EnsureOutcome.FOUND
    # Retried with a proposal made since: 10:00 is its own now, so 11:00 comes first; still one booking.
    later = [candidates.candidates[2], candidates.candidates[1]]
    found = await engage.availability.book_first(later, request("web-1"))
    assert (found.appointment.id, found.outcome, found.candidate) == (booked.appointment.id, EnsureOutcome.FOUND, None)
    assert len(fake.appointments) == len(first.data) + 1


async def test_a_key_used_for_someone_else_is_not_taken_for_this_attempt(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    candidates = await proposal(engage)
    await engage.availability.book_first(candidates, request("web-1"))
    with pytest.raises(errors.ExternalIdConflictError) as raised:
        await engage.availability.book_first(candidates, request("web-1", customer="customer-2"))
    assert "primary participants" in raised.value.differences
    assert len(fake.appointments) == 1


async def test_when_every_candidate_is_taken_it_says_so_and_made_nothing(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    candidates = await proposal(engage)
    hold(fake, "2030-01-07T08:00:00Z", "2030-01-07T11:00:00Z")
    with pytest.raises(errors.NoSlotBookedError) as raised:
        await engage.availability.book_first(candidates, request("web-1"))
    error = raised.value
    assert [r.candidate for r in error.refused] == list(candidates)
    assert (error.external_id, error.may_have_created, error.status_code) == ("web-1", False, 422)
    assert error.codes[0] == "NO_SLOT_BOOKED"
    assert "each of the 3 candidates tried was refused as taken" in str(error)
    assert isinstance(error, errors.EnsureError)
    assert len(fake.appointments) == 1
    assert type(pickle.loads(pickle.dumps(error))) is errors.NoSlotBookedError  # noqa: S301 - our own bytes


async def test_with_no_candidates_it_says_why(fake: FakePexipEngage, engage: PexipEngage) -> None:
    view = await engage.availability.free_busy("emp-1", start="2030-01-08T00:00:00Z", end="2030-01-09T00:00:00Z")
    with pytest.raises(errors.NoSlotBookedError, match="no defined availability") as raised:
        await engage.availability.book_first(Candidates.from_free_busy(view, 60), request("web-1"))
    assert [r.code for r in raised.value.reasons] == ["no_defined_availability"]
    assert creates(fake) == 0


async def test_a_refusal_about_the_body_ends_the_attempt_at_once(fake: FakePexipEngage, engage: PexipEngage) -> None:
    candidates = await proposal(engage)
    no_customer = {"externalId": "web-1"}
    with pytest.raises(errors.EnsureRefusedError) as raised:
        await engage.availability.book_first(candidates, no_customer)
    assert ErrorCode.APPOINTMENT_PRIMARY_CUSTOMER_MISSING in raised.value.codes
    assert creates(fake) == 1  # every candidate would meet it: not tried again


def test_a_slot_refusal_that_may_hide_a_create_of_this_attempt_is_not_moved_on_from() -> None:
    refusal = (
        errors.ErrorItem(
            message="taken", code="APPOINTMENT_NO_AVAILABILITY", type="BUSINESS_VALIDATION", status_code="422"
        ),
    )
    plain = errors.EnsureRefusedError("refused", operation="o", external_id="k", status_code=422, refusal=refusal)
    in_doubt = errors.EnsureRefusedError(
        "refused", operation="o", external_id="k", status_code=422, refusal=refusal, may_have_created=True
    )
    assert taken(plain)
    assert not taken(in_doubt)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"appointmentParticipants": []}, "body.externalId"),
        (request("web-1", start="2030-01-07T08:00:00Z"), "body.start"),
        (request("web-1", officeId="office-2"), "body.officeId"),
        (request("web-1", meetingType="PHONE"), "body.meetingType"),
        (
            {
                "externalId": "web-1",
                "appointmentParticipants": [{"role": "PRIMARY", "participantId": "e9", "type": "EMPLOYEE"}],
            },
            "body.appointmentParticipants",
        ),
    ],
)
async def test_a_body_at_odds_with_the_candidates_is_refused_before_anything_is_sent(
    fake: FakePexipEngage, engage: PexipEngage, body: dict[str, Any], named: str
) -> None:
    candidates = await proposal(engage)
    sent = len(fake.calls)
    with pytest.raises(ValueError, match=f"^{named}: "):
        await engage.availability.book_first(candidates, body)
    assert len(fake.calls) == sent
