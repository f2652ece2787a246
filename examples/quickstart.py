"""Quick start: fetch an appointment, accept it, and handle a business error.

With no configuration it runs against the embedded fake API (`make demo`): no network, no real
credentials (the fake plays the OAuth server too). To run it against the real API, set:

    PEXIP_ENGAGE_ENTERPRISE       your enterprise identifier, e.g. acme
    PEXIP_ENGAGE_CLIENT_ID        OAuth client credentials ...
    PEXIP_ENGAGE_CLIENT_SECRET    ... (or PEXIP_ENGAGE_TOKEN, an access token)
    PEXIP_ENGAGE_ENVIRONMENT      production (default), staging or development
    PEXIP_ENGAGE_APPOINTMENT_ID   the appointment to show

Accepting changes the appointment, so against the real API it only happens with `--accept`.
"""

from __future__ import annotations

import asyncio
import os
import sys

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


def connect() -> tuple[PexipEngage, str, bool]:
    """A client for the real API when configured, else for a fake holding one appointment."""
    if os.environ.get("PEXIP_ENGAGE_ENTERPRISE"):
        appointment_id = os.environ.get("PEXIP_ENGAGE_APPOINTMENT_ID")
        if not appointment_id:
            sys.exit("set PEXIP_ENGAGE_APPOINTMENT_ID to the appointment to show")
        return PexipEngage(), appointment_id, "--accept" in sys.argv[1:]  # configured from the environment
    print("No PEXIP_ENGAGE_ENTERPRISE set: using the embedded fake API.\n")
    fake = FakePexipEngage()
    fake.add_client("demo-app", "demo-secret")
    appointment = fake.add_appointment(status="INCOMING_REQUEST", meetingType="VIDEO")
    engage = PexipEngage("acme", client_id="demo-app", client_secret="demo-secret", transport=fake)
    return engage, appointment["id"], True


async def main() -> None:
    engage, appointment_id, accept = connect()
    async with engage:
        appointment = await engage.appointments.get_appointment_by_id(appointment_id)
        print(f"Appointment {appointment.id}: {appointment.status}, {appointment.meeting_type}")
        for participant in appointment.appointment_participants:
            print(f"  {participant.role:<9} {participant.type_:<8} {participant.participant.id}")
        if not accept:
            return

        accepted = await engage.appointments.accept_appointment(appointment_id)
        print(f"Accepted: status is now {accepted.status}")

        # Accepting twice breaks a business rule: the API answers 422 with a documented code.
        try:
            await engage.appointments.accept_appointment(appointment_id)
        except errors.BusinessValidationError as error:
            if ErrorCode.APPOINTMENT_STATUS_INVALID in error.codes:
                allowed = (error.errors[0].arguments or {}).get("allowedStates")
                print(f"Accepting again is refused: {error.codes[0]} (allowed states: {allowed})")
            print(f"  correlation id for support: {error.correlation_id}")


if __name__ == "__main__":
    asyncio.run(main())
