"""The appointment life-cycle actions: cancel, complete, no-show, request an alternative date, reopen.

openapi.yaml infers them (the copied documentation does not show them): the first call of each in a
process issues an `InferredOperationWarning`, silenced here once it has been read.
Runs offline against the fake API (`transport=fake`); against the real API, leave `transport` out.
"""

import asyncio
import warnings
from datetime import timedelta

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    start = fake.clock.now() + timedelta(days=1)
    for appointment_id in ("a-1", "a-2"):
        fake.add_appointment(
            id=appointment_id, status="ACCEPTED", start=start.isoformat(), end=(start + timedelta(hours=1)).isoformat()
        )

    # --8<-- [start:silence]
    # Read once, then silenced: the operation is inferred, and this program relies on it knowingly.
    warnings.filterwarnings("ignore", category=errors.InferredOperationWarning)
    # --8<-- [end:silence]
    async with PexipEngage("acme", token="test-token", transport=fake) as engage:
        # --8<-- [start:cancel]
        cancelled = await engage.appointments.cancel_appointment(
            "a-1",
            extra_body={"message": "The office is closed that day."},  # a field the spec does not model
        )
        print(cancelled.id, cancelled.status)  # a-1 CANCELLED
        try:
            await engage.appointments.cancel_appointment("a-1")  # already cancelled
        except errors.BusinessValidationError as error:
            if ErrorCode.APPOINTMENT_STATUS_INVALID in error.codes:
                print("allowed from:", error.errors[0].arguments)  # {'allowedStates': [...]}
        # --8<-- [end:cancel]

        # --8<-- [start:complete]
        try:
            await engage.appointments.complete_appointment("a-2")  # it starts tomorrow
        except errors.BusinessValidationError as error:
            if ErrorCode.APPOINTMENT_COMPLETION_TOO_EARLY in error.codes:
                print("too early:", error.errors[0].arguments)  # {'completionAllowedDaysBeforeStart': 0}
        fake.clock.advance(days=1)
        completed = await engage.appointments.complete_appointment("a-2")
        reopened = await engage.appointments.reopen_appointment("a-2")
        print(completed.status, "then", reopened.status)  # COMPLETED then ACCEPTED
        # --8<-- [end:complete]


if __name__ == "__main__":
    asyncio.run(main())
