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

from importlib import import_module as _import_module
from importlib.util import find_spec as _find_spec
from typing import TYPE_CHECKING as _TYPE_CHECKING

if _TYPE_CHECKING:
    from ._clock import FakeClock
    from ._enterprise import FakeEnterprise
    from ._events import appointment_event, callback_request_event
    from ._fake import FakeClient, FakePexipEngage, RecordedCall
    from ._webhooks import (
        ENGAGE_DEVELOPMENT_RETRY_SCHEDULE,
        ENGAGE_RETRY_SCHEDULE,
        DeliveryAttempt,
        FakeWebhooks,
        WebhookAttempt,
        WebhookSender,
    )

# Loaded on first use: the pytest plugin imports this package, and a test session that uses no
# fake must not pay for the spec, jsonschema and the fake's modules.
_MODULES = {
    "._clock": ("FakeClock",),
    "._enterprise": ("FakeEnterprise",),
    "._events": ("appointment_event", "callback_request_event"),
    "._fake": ("FakeClient", "FakePexipEngage", "RecordedCall"),
    "._webhooks": (
        "ENGAGE_DEVELOPMENT_RETRY_SCHEDULE",
        "ENGAGE_RETRY_SCHEDULE",
        "DeliveryAttempt",
        "FakeWebhooks",
        "WebhookAttempt",
        "WebhookSender",
    ),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        _check_extra()
        return getattr(_import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _check_extra() -> None:
    """The fake validates with jsonschema: say how to get it, rather than fail later on its bare name.

    Checked when a name is first used, not on import: the pytest plugin in this package is loaded
    by every pytest run of an installation with or without the extra, and must not fail there.
    """
    if _find_spec("jsonschema") is None:  # pragma: no cover - depends on the installation
        raise ImportError(
            'pexip_engage_client.testing needs the "testing" extra: pip install "pexip-engage-client[testing]"'
        )


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ENGAGE_DEVELOPMENT_RETRY_SCHEDULE",
    "ENGAGE_RETRY_SCHEDULE",
    "DeliveryAttempt",
    "FakeClient",
    "FakeClock",
    "FakeEnterprise",
    "FakePexipEngage",
    "FakeWebhooks",
    "RecordedCall",
    "WebhookAttempt",
    "WebhookSender",
    "appointment_event",
    "callback_request_event",
]
