"""Test helpers for code that uses `pexip_engage_client`.

`FakePexipEngage` is an in-memory, stateful fake of every operation in openapi.yaml that plugs
into `PexipEngage` as an httpx2 transport, so tests run without network or credentials::

    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        accepted = await engage.appointments.accept_appointment(appointment_id)

Seeding it, scripting faults, serving it over HTTP (`fake.serve()`, `pexip-engage fake serve`):
docs/testing.md. It needs the `testing` extra (`pip install "pexip-engage-client[testing]"`).
"""

from importlib.util import find_spec as _find_spec

# The fake validates with jsonschema: say how to get it, rather than fail later on its bare name.
if _find_spec("jsonschema") is None:  # pragma: no cover - depends on the installation
    raise ImportError(
        'pexip_engage_client.testing needs the "testing" extra: pip install "pexip-engage-client[testing]"'
    )

from ._clock import FakeClock
from ._enterprise import FakeEnterprise
from ._events import appointment_event, callback_request_event
from ._fake import FakeClient, FakePexipEngage, RecordedCall
from ._webhooks import (
    ENGAGE_DEVELOPMENT_RETRY_SCHEDULE,
    ENGAGE_RETRY_SCHEDULE,
    DeliveryAttempt,
    WebhookAttempt,
    WebhookSender,
)

__all__ = [
    "ENGAGE_DEVELOPMENT_RETRY_SCHEDULE",
    "ENGAGE_RETRY_SCHEDULE",
    "DeliveryAttempt",
    "FakeClient",
    "FakeClock",
    "FakeEnterprise",
    "FakePexipEngage",
    "RecordedCall",
    "WebhookAttempt",
    "WebhookSender",
    "appointment_event",
    "callback_request_event",
]
