"""Safe writes: `ensure_appointment` creates an appointment once per external id, whatever happens to
the answers, and says what it did. Runs offline against the fake API."""

import asyncio

from pexip_engage_client import EnsureOutcome, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    subject_id, office_id = fake.add_subject()["id"], fake.add_office()["id"]
    employee_id, customer_id = fake.add_employee()["id"], fake.add_customer()["id"]

    async with PexipEngage("acme", token="my-token", transport=fake) as engage:
        # --8<-- [start:ensure]
        booking = {
            "externalId": "CRM-4711",  # your own id for this booking: the key
            "start": "2026-03-01T10:00:00Z",
            "end": "2026-03-01T10:30:00Z",
            "subjectId": subject_id,
            "officeId": office_id,
            "meetingType": "VIDEO",
            "appointmentParticipants": [
                {"role": "PRIMARY", "participantId": employee_id, "type": "EMPLOYEE"},
                {"role": "PRIMARY", "participantId": customer_id, "type": "CUSTOMER"},
            ],
        }
        result = await engage.appointments.ensure_appointment(booking)
        appointment = result.resource  # an Appointment
        if result.outcome is not EnsureOutcome.FOUND:  # CREATED, or RECONCILED after a lost answer
            print("booked", appointment.id)
        # --8<-- [end:ensure]

        # --8<-- [start:again]
        again = await engage.appointments.ensure_appointment(booking)  # a retrying task, a second worker
        print(again.outcome, again.resource.id == appointment.id)  # found True: nothing was sent
        # --8<-- [end:again]

        # --8<-- [start:conflict]
        try:
            await engage.appointments.ensure_appointment({**booking, "start": "2026-03-02T10:00:00Z"})
        except errors.ExternalIdConflictError as error:
            print(error.existing_id, error.differences)  # ... ('start',): nothing was sent
        # --8<-- [end:conflict]

        # --8<-- [start:testing]
        fake.fail("createAppointment", status=504, commit=True)  # created, then the answer is lost
        result = await engage.appointments.ensure_appointment({**booking, "externalId": "CRM-4712"})
        print(result.outcome)  # reconciled: the look-up found what the lost create made
        print(sorted(a["externalId"] for a in fake.appointments.values()))  # ['CRM-4711', 'CRM-4712']
        # --8<-- [end:testing]


asyncio.run(main())
