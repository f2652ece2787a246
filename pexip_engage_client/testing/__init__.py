"""Test helpers for code that uses `pexip_engage_client`.

`FakePexipEngage` is an in-memory, stateful fake of every operation in openapi.yaml that plugs
into `PexipEngage` as an httpx transport, so tests run without network or credentials::

    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        accepted = await engage.appointments.accept_appointment(appointment_id)

It needs the `testing` extra (`pip install "pexip-engage-client[testing]"`) for its validator.
`python -m pexip_engage_client.testing --port 8080` serves it on 127.0.0.1.
"""

try:
    import jsonschema  # noqa: F401 - the fake validates with it; say how to get it, not just its name
except ImportError as error:  # pragma: no cover - depends on the installation
    raise ImportError(
        'pexip_engage_client.testing needs the "testing" extra: pip install "pexip-engage-client[testing]"'
    ) from error

from ._clock import FakeClock
from ._enterprise import FakeEnterprise
from ._events import appointment_event, callback_request_event
from ._fake import FakeClient, FakePexipEngage, RecordedCall

__all__ = [
    "FakeClient",
    "FakeClock",
    "FakeEnterprise",
    "FakePexipEngage",
    "RecordedCall",
    "appointment_event",
    "callback_request_event",
]
