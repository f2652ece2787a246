"""Free/busy: an employee's busy time, defined availability and free time in a window, across a DST
change (29 March 2026 in Amsterdam). Runs offline against the fake API."""

import asyncio

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    office_id = fake.add_office()["id"]
    employee_id = fake.add_employee(
        timeZone="Europe/Amsterdam", officeRelations=[{"role": "AGENT", "office": {"id": office_id}}]
    )["id"]
    fake.seed(
        {
            "defined_availability": [
                {  # 00:00-06:00 in Amsterdam: 5 hours, the clocks go forward at 02:00
                    "start": "2026-03-28T23:00:00Z",
                    "end": "2026-03-29T04:00:00Z",
                    "employee": {"id": employee_id},
                    "office": {"id": office_id},
                    "subject": {"id": "subject-1"},
                    "meetingType": "VIDEO",
                }
            ]
        }
    )
    fake.add_appointment(
        start="2026-03-29T00:30:00Z",
        end="2026-03-29T01:30:00Z",
        status="ACCEPTED",
        trailingBufferTime=15,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": employee_id}, "type": "EMPLOYEE"},
            {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
        ],
    )

    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        # --8<-- [start:free-busy]
        view = await engage.availability.free_busy(
            employee_id, start="2026-03-29T00:00:00+01:00", end="2026-03-29T12:00:00+02:00"
        )
        print(view.time_zone)  # Europe/Amsterdam: the employee's zone
        for busy in view.busy:  # appointments that hold time, busy calendar events
            print("busy", busy.kind, busy.status, busy.start.isoformat(), busy.end.isoformat())
        for free in view.free:  # defined availability less busy time, per office, subject and meeting type
            print("free", free.meeting_type, free.start.isoformat(), free.end.isoformat())
        # --8<-- [end:free-busy]

        # --8<-- [start:zone]
        in_new_york = view.in_zone("America/New_York")  # the same instants, shown in another zone
        print(in_new_york.free[0].start.isoformat())  # 2026-03-28T19:00:00-04:00
        print([b.kind for b in view.overlaps_busy("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z")])  # ["appointment"]
        # --8<-- [end:zone]


asyncio.run(main())
