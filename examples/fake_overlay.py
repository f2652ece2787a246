"""The fake plays an API that differs from the spec (an overlay: appointments come without
`hybrid`), and the client reads it and records the difference. Runs offline."""

import asyncio

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    # --8<-- [start:overlay]
    overlay = {
        "overlay": "1.0.0",
        "info": {"title": "appointments come without hybrid", "version": "1"},
        "actions": [
            {"target": "$['components']['schemas']['Appointment']['required'][?@ == 'hybrid']", "remove": True},
        ],
    }
    fake = FakePexipEngage(overlay=overlay)
    appointment = fake.add_appointment()  # seeded without `hybrid`: no longer required, so not filled in
    # GET /appointments/{id} and GET /appointments now answer it without `hybrid`
    # --8<-- [end:overlay]
    fake.add_token("my-token")

    async with PexipEngage("acme", token="my-token", transport=fake, strict_responses=False) as engage:
        read = await engage.appointments.get_appointment_by_id(appointment["id"])
        print(read.id, "read, without hybrid")
        records = engage.spec_drift.records()
        print([(record.operation, record.pointer, record.kind) for record in records])
        # [('getAppointmentById', '/data/hybrid', 'missing')]
        if [(record.pointer, record.kind) for record in records] != [("/data/hybrid", "missing")]:
            raise SystemExit("the overlaid fake's answer was not read, or its difference not recorded")


if __name__ == "__main__":
    asyncio.run(main())
