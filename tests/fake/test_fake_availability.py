"""The fake keeps defined availability: a booking outside every block, or past a block's
`maxConcurrentAppointments`, is refused with 422 `APPOINTMENT_NO_AVAILABILITY` (docs/testing.md)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from pexip_engage_client import ErrorCode, PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

EMPLOYEE, OFFICE, SUBJECT = "emp-1", "office-1", "subject-1"


def seeded(fake: FakePexipEngage, **block: Any) -> None:
    fake.add_employee(id=EMPLOYEE, officeRelations=[{"role": "AGENT", "office": {"id": OFFICE}}])
    fake.add_office(id=OFFICE)
    fake.add_subject(id=SUBJECT)
    fake.add_customer(id="customer-1")
    fake.add_defined_availability(
        **{
            "start": "2030-01-07T09:00:00Z",
            "end": "2030-01-07T12:00:00Z",
            "employee": {"id": EMPLOYEE},
            "office": {"id": OFFICE},
            "subject": {"id": SUBJECT},
            "meetingType": "VIDEO",
            **block,
        }
    )


def body(start: str, end: str, **fields: Any) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "officeId": OFFICE,
        "subjectId": SUBJECT,
        "meetingType": "VIDEO",
        "appointmentParticipants": [
            {"role": "PRIMARY", "participantId": fields.pop("customer", "customer-1"), "type": "CUSTOMER"},
            {"role": "PRIMARY", "participantId": EMPLOYEE, "type": "EMPLOYEE"},
        ],
        **fields,
    }


async def refused(engage: PexipEngage, **kwargs: Any) -> errors.BusinessValidationError:
    with pytest.raises(errors.BusinessValidationError) as raised:
        await engage.appointments.create_appointment(body=body(**kwargs))
    return raised.value


async def test_a_booking_outside_every_block_is_refused(fake: FakePexipEngage, engage: PexipEngage) -> None:
    seeded(fake)
    for start, end in [
        ("2030-01-07T08:00:00Z", "2030-01-07T09:00:00Z"),  # before the block
        ("2030-01-07T11:30:00Z", "2030-01-07T12:30:00Z"),  # past its end
        ("2030-01-08T09:00:00Z", "2030-01-08T10:00:00Z"),  # another day
    ]:
        error = await refused(engage, start=start, end=end)
        assert error.status_code == 422
        assert error.codes == [ErrorCode.APPOINTMENT_NO_AVAILABILITY]
        assert error.errors[0].type == "BUSINESS_VALIDATION"
    assert fake.appointments == {}
    made = await engage.appointments.create_appointment(body=body("2030-01-07T11:00:00Z", "2030-01-07T12:00:00Z"))
    assert made.status == "ACCEPTED"  # the block's last hour, back to back with its end


async def test_a_block_offers_only_its_office_subject_and_meeting_type(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    seeded(fake)
    fake.add_office(id="office-2")
    fake.add_subject(id="subject-2")
    hour = {"start": "2030-01-07T09:00:00Z", "end": "2030-01-07T10:00:00Z"}
    for other in ({"meetingType": "PHONE"}, {"officeId": "office-2"}, {"subjectId": "subject-2"}):
        with pytest.raises(errors.BusinessValidationError, match="APPOINTMENT_NO_AVAILABILITY"):
            await engage.appointments.create_appointment(body={**body(**hour), **other})
    assert (await engage.appointments.create_appointment(body=body(**hour))).id


async def test_max_concurrent_appointments_is_kept_and_cancelled_ones_give_time_back(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    seeded(fake, maxConcurrentAppointments=2)
    nine = {"start": "2030-01-07T09:00:00Z", "end": "2030-01-07T10:00:00Z"}
    first = await engage.appointments.create_appointment(body=body(**nine))
    await engage.appointments.create_appointment(body=body(**nine))
    await refused(engage, **nine)
    # Back to back is no overlap; two that overlap one another in turn never hold three at once.
    await engage.appointments.create_appointment(body=body("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z"))
    await refused(engage, start="2030-01-07T09:30:00Z", end="2030-01-07T10:30:00Z")
    fake.appointments[first.id]["status"] = "CANCELLED"
    assert (
        await engage.appointments.create_appointment(
            body=body(start="2030-01-07T09:30:00Z", end="2030-01-07T10:00:00Z")
        )
    ).id


async def test_a_trailing_buffer_holds_time(fake: FakePexipEngage, engage: PexipEngage) -> None:
    seeded(fake)
    await engage.appointments.create_appointment(
        body=body("2030-01-07T09:00:00Z", "2030-01-07T09:45:00Z", trailingBufferTime=15)
    )
    await refused(engage, start="2030-01-07T09:50:00Z", end="2030-01-07T10:30:00Z")
    assert (await engage.appointments.create_appointment(body=body("2030-01-07T10:00:00Z", "2030-01-07T10:30:00Z"))).id


async def test_without_defined_availability_the_fake_books_as_before(
    fake: FakePexipEngage, engage: PexipEngage
) -> None:
    seeded(fake)
    fake.add_employee(id="emp-2")  # no block of their own: free whenever asked
    other = body("2030-01-08T03:00:00Z", "2030-01-08T04:00:00Z")
    other["appointmentParticipants"][1]["participantId"] = "emp-2"
    for _ in range(3):
        assert (await engage.appointments.create_appointment(body=other)).id


async def test_a_reschedule_is_held_to_availability_as_a_create_is(fake: FakePexipEngage, engage: PexipEngage) -> None:
    seeded(fake)
    made = await engage.appointments.create_appointment(body=body("2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z"))
    moved = await engage.appointments.reschedule_appointment(
        made.id, body={"start": "2030-01-07T09:30:00Z", "end": "2030-01-07T10:30:00Z"}
    )  # its own old time does not count against it
    assert moved.to_dict()["start"].startswith("2030-01-07T09:30:00")
    with pytest.raises(errors.BusinessValidationError, match="APPOINTMENT_NO_AVAILABILITY"):
        await engage.appointments.reschedule_appointment(
            made.id, body={"start": "2030-01-07T12:00:00Z", "end": "2030-01-07T13:00:00Z"}
        )
    assert fake.appointments[made.id]["start"].startswith("2030-01-07T09:30:00")


async def test_a_hundred_concurrent_creates_at_one_slot_make_one(fake: FakePexipEngage) -> None:
    seeded(fake, maxConcurrentAppointments=1)
    hour = body("2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        results = await asyncio.gather(
            *(engage.appointments.create_appointment(body=hour) for _ in range(100)), return_exceptions=True
        )
    made = [r for r in results if not isinstance(r, BaseException)]
    refusals = [r for r in results if isinstance(r, errors.BusinessValidationError)]
    assert (len(made), len(refusals)) == (1, 99)
    assert all(r.codes == [ErrorCode.APPOINTMENT_NO_AVAILABILITY] for r in refusals)
    assert len(fake.appointments) == 1


def test_creates_from_many_threads_at_one_slot_make_one(fake: FakePexipEngage) -> None:
    seeded(fake, maxConcurrentAppointments=1)
    hour = body("2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z")
    made: list[str] = []
    refused_codes: list[list[str]] = []

    def book(engage: SyncPexipEngage) -> None:
        try:
            made.append(engage.appointments.create_appointment(body=hour).id)
        except errors.BusinessValidationError as error:
            refused_codes.append(error.codes)

    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:
        threads = [threading.Thread(target=book, args=(engage,)) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert (len(made), len(refused_codes)) == (1, 19)
    assert len(fake.appointments) == 1
