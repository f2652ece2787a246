"""Answers unlike openapi.yaml: returned with the field that differs unreadable, and recorded.

A stand-in for the real API answers an appointment without its `subject` (which the spec calls
required) and with `hybrid` as 0 (the spec says a boolean). Runs offline.
"""

import asyncio

import httpx2

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    appointment = fake.add_appointment()
    differing = {key: value for key, value in appointment.items() if key != "subject"} | {"hybrid": 0}

    def real_api(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"data": differing})

    async with PexipEngage("acme", token="my-token", transport=httpx2.MockTransport(real_api)) as engage:
        # --8<-- [start:drift]
        read = await engage.appointments.get_appointment_by_id(appointment["id"])
        print(read.id, read.status)  # the fields that match read typed
        try:
            print(read.hybrid)
        except errors.UnreadableFieldError as error:  # an AttributeError: getattr(read, "hybrid", None) is None
            print(error)  # Appointment.hybrid cannot be read: `hybrid` at /data/hybrid in getAppointmentById's body ...
        print(read["hybrid"])  # the value as sent; read.to_dict() gives back the whole answer

        for record in engage.spec_drift.records():
            print(record.operation, record.pointer, record.kind, record.expected, record.actual, record.count)
        # getAppointmentById /data/subject missing object absent 1
        # getAppointmentById /data/hybrid type boolean integer 1
        # --8<-- [end:drift]
        if read.to_dict().keys() != differing.keys() or len(engage.spec_drift.records()) != 2:
            raise SystemExit("the answer was not kept whole, or its differences were not recorded")


if __name__ == "__main__":
    asyncio.run(main())
