"""Errors and retries: typed errors with everything the server said, retries of what is safe to
send again, and the log lines that say why. Runs offline against the fake API."""

import asyncio
import logging

from pexip_engage_client import ErrorCode, PexipEngage, RetryPolicy, errors
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    appointment_id = fake.add_appointment(status="CANCELLED")["id"]
    # Short waits between attempts, so that the example runs quickly.
    quick = RetryPolicy(initial_delay=0.01, max_delay=0.05)

    # --8<-- [start:logging]
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    logging.getLogger("pexip_engage_client").setLevel(logging.DEBUG)
    # --8<-- [end:logging]

    async with PexipEngage("acme", token="my-token", transport=fake) as client:
        engage = client.with_options(retry=quick)
        # --8<-- [start:catch]
        try:
            await engage.appointments.accept_appointment(appointment_id)
        except errors.BusinessValidationError as error:  # 422
            print(error.status_code, error.codes, error.errors[0].arguments)
            print("correlation id for support:", error.correlation_id)
            if ErrorCode.APPOINTMENT_STATUS_INVALID in error.codes:
                print("a cancelled appointment cannot be accepted")
        except errors.APIError as error:  # any other status the API answered
            print(error.status_code, error.body)
        except errors.APIConnectionError as error:  # no answer (APITimeoutError: none in time)
            print("no answer from", error.url)
        # --8<-- [end:catch]

        # --8<-- [start:retried]
        fake.fail("getAppointmentById", status=503, times=2)  # two failures, then an answer
        appointment = await engage.appointments.get_appointment_by_id(appointment_id)  # retried twice
        print(appointment.status)

        fake.fail("acceptAppointment", status=503)  # a POST is not sent twice after a 503
        try:
            await engage.appointments.accept_appointment(appointment_id)
        except errors.ServerError as error:
            print(error.status_code, error.correlation_id)
        # --8<-- [end:retried]

        # --8<-- [start:not-found]
        try:
            await engage.appointments.get_appointment_by_id("no-such-appointment")
        except errors.NotFoundError as error:
            print(error.method, error.url, error.status_code, error.errors[0].message)
        # --8<-- [end:not-found]


asyncio.run(main())
