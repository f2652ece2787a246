"""A test of your own code against the fake API, as `pytest examples/test_with_the_fake.py` runs it.

It needs pytest and pytest-asyncio; the mark below makes pytest-asyncio run the async test in any
of its modes (with `asyncio_mode = "auto"` in your pytest configuration, it can go).
"""

from datetime import UTC, datetime

import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client.testing import FakeClock, FakePexipEngage


async def confirm_waiting_appointments(engage: PexipEngage) -> list[str]:
    """The code under test: accept every appointment still waiting for an answer."""
    confirmed: list[str] = []
    # Read whole before answering: each one accepted leaves the filter, which shifts the later pages.
    waiting = [appointment async for appointment in engage.appointments.get_appointments(status=["INCOMING_REQUEST"])]
    for appointment in waiting:
        try:
            await engage.appointments.accept_appointment(appointment.id)
        except errors.BusinessValidationError as error:
            if ErrorCode.APPOINTMENT_STATUS_INVALID not in error.codes:
                raise
            continue  # answered elsewhere in the meantime: try again next round
        confirmed.append(appointment.id)
    return confirmed


@pytest.mark.asyncio
async def test_waiting_appointments_are_confirmed_and_a_refusal_is_retried_next_round() -> None:
    clock = FakeClock(datetime(2030, 1, 6, 9, 0, tzinfo=UTC))
    fake = FakePexipEngage(clock=clock)
    # OAuth as in production: the fake issues 300-second tokens to this client.
    fake.add_client("scheduler", "s3cret", scopes=["engage:appointments:readWrite"], expires_in=300)
    # Seeding: each is checked against the spec's Appointment schema.
    first = fake.add_appointment(status="INCOMING_REQUEST")
    second = fake.add_appointment(status="INCOMING_REQUEST", meeting_type="VIDEO")
    fake.add_appointment(status="CANCELLED")
    # Fault injection: the next accept is refused with a business error.
    fake.fail("acceptAppointment", code=ErrorCode.APPOINTMENT_STATUS_INVALID, arguments={"allowedStates": []})

    async with PexipEngage("acme", client_id="scheduler", client_secret="s3cret", transport=fake) as engage:
        assert await confirm_waiting_appointments(engage) == [second["id"]]
        clock.advance(hours=1)  # no sleeping: the token has expired, and timestamps move on
        assert await confirm_waiting_appointments(engage) == [first["id"]]

    # Recorded requests, by operationId: three accepts, the first one refused.
    accepts = fake.calls_to("acceptAppointment")
    assert [call.response.status_code for call in accepts if call.response] == [422, 200, 200]
    assert accepts[-1].request.url.path.endswith(f"/appointments/{first['id']}/_actions/accept")
    assert fake.appointments[first["id"]]["status"] == "ACCEPTED"
    # Stamped on the fake's clock: an hour on, and a millisecond after each write before it.
    assert fake.appointments[first["id"]]["updatedAt"] == clock.iso() == "2030-01-06T10:00:00.003Z"
    assert len(fake.token_requests) == 2  # the expired token was renewed
