"""Configuring the client: arguments, the environment, per-call options, raw calls.

Runs offline against the fake API (`transport=fake`); against the real API, leave `transport` out.
"""

import asyncio
import os

import httpx2

from pexip_engage_client import PexipEngage, RetryPolicy, models
from pexip_engage_client.testing import FakePexipEngage


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_client("my-client-id", "my-client-secret", scopes=["engage:appointments:readWrite"])
    appointment_id = fake.add_appointment()["id"]

    # --8<-- [start:client]
    engage = PexipEngage(
        "acme",  # enterprise: requests go to <API root>/enterprises/acme/...
        client_id="my-client-id",  # with client_secret: OAuth 2.0 tokens, fetched and renewed
        client_secret="my-client-secret",
        scopes=["engage:appointments:readWrite"],
        environment="production",  # or "staging", "development"
        timeout=httpx2.Timeout(30.0, connect=5.0),  # or seconds; per attempt; never unlimited
        max_retries=2,
        accept_language="nl",  # the default Accept-Language
        max_connections=100,  # connections open at once (the governor keeps requests in flight to 4)
        max_response_size=64 * 1024 * 1024,  # bytes of decoded body; more raises ResponseTooLargeError
        transport=fake,  # an httpx2 transport: here the fake API
    )
    # --8<-- [end:client]
    async with engage:
        # --8<-- [start:per-call]
        appointment = await engage.appointments.get_appointment_by_id(
            appointment_id,
            correlation_id="a4f0048e-c983-11ed-afa1-0242ac120002",  # else a fresh UUID4
            timeout=5,  # this call only
            max_retries=0,
            extra_headers={"X-Debug": "1"},  # may not replace Authorization, X-Correlation-Id, ...
        )
        # --8<-- [end:per-call]
        print(appointment.id, appointment.status)

        # --8<-- [start:with-options]
        patient = engage.with_options(timeout=120, max_retries=5, retry=RetryPolicy(max_retry_after=300))
        page = await patient.appointments.get_appointments()
        # --8<-- [end:with-options]
        print(len(page.data), "appointment(s)")

        # --8<-- [start:raw-calls]
        raw = await engage.get(f"/appointments/{appointment_id}")  # the decoded JSON
        typed = await engage.get(f"/appointments/{appointment_id}", cast_to=models.AppointmentResponse)
        print(raw["data"]["status"], typed.data.status)
        # --8<-- [end:raw-calls]

    # --8<-- [start:environment]
    os.environ.update(
        {
            "PEXIP_ENGAGE_ENTERPRISE": "acme",
            "PEXIP_ENGAGE_CLIENT_ID": "my-client-id",
            "PEXIP_ENGAGE_CLIENT_SECRET": "my-client-secret",
        }
    )
    async with PexipEngage(transport=fake) as from_environment:  # everything else from the environment
        print((await from_environment.appointments.get_appointment_by_id(appointment_id)).id)
    # --8<-- [end:environment]


asyncio.run(main())
