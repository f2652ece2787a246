"""The README's quick start: read an appointment, accept it, and handle a business error.

It runs as is, offline: `FakePexipEngage` is the API in memory, OAuth server included. Against the
real API, leave out the fake and `transport=fake`, and give your enterprise and credentials.
"""

import asyncio

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()  # the API in memory; it issues tokens to this client too
    fake.add_client("my-client-id", "my-client-secret")
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]

    async with PexipEngage(
        "acme", client_id="my-client-id", client_secret="my-client-secret", transport=fake
    ) as engage:
        appointment = await engage.appointments.get_appointment_by_id(appointment_id)
        print(appointment.status, appointment.meeting_type, appointment.start)

        await engage.appointments.accept_appointment(appointment_id)
        try:
            await engage.appointments.accept_appointment(appointment_id)  # accepted already
        except errors.BusinessValidationError as error:
            if ErrorCode.APPOINTMENT_STATUS_INVALID in error.codes:
                print("not acceptable now:", error.errors[0].arguments)


asyncio.run(main())
