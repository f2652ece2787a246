"""Test helpers for code that uses `pexip_engage_client`.

`FakePexipEngage` is an in-memory, stateful fake of the API that plugs into `PexipEngage` as an
httpx transport, so tests run without network or credentials::

    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        accepted = await engage.appointments.accept_appointment(appointment_id)
"""

from ._fake import FakePexipEngage

__all__ = ["FakePexipEngage"]
