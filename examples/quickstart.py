"""Quick start: fetch an appointment, accept it, and handle a business error.

With no configuration it runs against the embedded fake API (`make demo`): no network, no
credentials. To run it against the real API, set:

    PEXIP_ENGAGE_ENTERPRISE       your enterprise identifier, e.g. acme
    PEXIP_ENGAGE_TOKEN            an access token
    PEXIP_ENGAGE_ENVIRONMENT      production (default), staging or development
    PEXIP_ENGAGE_APPOINTMENT_ID   the appointment to show

Accepting changes the appointment, so it only happens with `--accept`.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import cast

from pexip_engage_client import Environment, ErrorCode, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


def connect() -> tuple[PexipEngage, str]:
    """A client for the real API when configured, else for a fake holding one appointment."""
    enterprise = os.environ.get("PEXIP_ENGAGE_ENTERPRISE")
    token = os.environ.get("PEXIP_ENGAGE_TOKEN")
    if enterprise and token:
        environment = os.environ.get("PEXIP_ENGAGE_ENVIRONMENT", "production")
        if environment not in ("production", "staging", "development"):
            sys.exit(f"PEXIP_ENGAGE_ENVIRONMENT must be production, staging or development, not {environment!r}")
        appointment_id = os.environ.get("PEXIP_ENGAGE_APPOINTMENT_ID")
        if not appointment_id:
            sys.exit("set PEXIP_ENGAGE_APPOINTMENT_ID to the appointment to show")
        return PexipEngage(enterprise, token=token, environment=cast(Environment, environment)), appointment_id
    print("No PEXIP_ENGAGE_ENTERPRISE / PEXIP_ENGAGE_TOKEN set: using the embedded fake API.\n")
    fake = FakePexipEngage()
    appointment = fake.add_appointment(status="INCOMING_REQUEST", meetingType="VIDEO")
    return PexipEngage("acme", token="demo-token", transport=fake), appointment["id"]


async def main(accept: bool) -> None:
    engage, appointment_id = connect()
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
    asyncio.run(main(accept="--accept" in sys.argv[1:] or not os.environ.get("PEXIP_ENGAGE_TOKEN")))
