"""Async client for the Pexip Engage REST API.

    from pexip_engage_client import PexipEngage

    async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
        appointment = await engage.appointments.get_appointment_by_id("123")
        async for employee in engage.employees.get_employees(limit=100):
            ...

The models (`pexip_engage_client.models`) and the operations are generated from openapi.yaml;
the client, its errors (`pexip_engage_client.errors`), the webhook parser
(`pexip_engage_client.webhooks`) and the test fake (`pexip_engage_client.testing`) are written by
hand around them.
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

from . import errors, models
from ._client import PexipEngage
from ._config import Environment
from ._error_codes import ErrorCode
from ._governor import Governor
from ._limits import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE
from ._logging import configure_from_environment as _configure_logging
from ._retry import RetryPolicy
from ._runtime import UNSET, ApiResponse, AsyncPages, Page, RequestOptions, Unset
from ._telemetry._events import ErrorEvent, EventHooks, RequestEvent, ResponseEvent, RetryEvent

_configure_logging()

if _TYPE_CHECKING:
    from . import webhooks

    __version__: str  # the installed distribution's version (see _version.installed_version)
    from ._runtime._sync.pages import SyncPages
    from ._runtime._sync.pagination import Page as SyncPage
    from ._sync._client import PexipEngageSync
    from ._sync._governor import GovernorSync

# The sync client and its parts, loaded on first use: async programs never pay for them.
_SYNC = {
    "GovernorSync": ("._sync._governor", "GovernorSync"),
    "PexipEngageSync": ("._sync._client", "PexipEngageSync"),
    "SyncPage": ("._runtime._sync.pagination", "Page"),
    "SyncPages": ("._runtime._sync.pages", "SyncPages"),
}


def __getattr__(name: str) -> object:
    # `webhooks` loads the event models on first use: only applications receiving webhooks pay for them.
    if name == "webhooks":
        return _import_module(f"{__name__}.webhooks")
    if name == "__version__":  # read from the installed metadata only when asked
        from ._version import installed_version  # noqa: PLC0415

        return installed_version()
    if name in _SYNC:
        module, attribute = _SYNC[name]
        return getattr(_import_module(module, __name__), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "__version__", "webhooks", *_SYNC})


__all__ = [
    "DOCUMENTED_MAX_IN_FLIGHT",
    "DOCUMENTED_PER_MINUTE",
    "UNSET",
    "ApiResponse",
    "AsyncPages",
    "Environment",
    "ErrorCode",
    "ErrorEvent",
    "EventHooks",
    "Governor",
    "GovernorSync",
    "Page",
    "PexipEngage",
    "PexipEngageSync",
    "RequestEvent",
    "RequestOptions",
    "ResponseEvent",
    "RetryEvent",
    "RetryPolicy",
    "SyncPage",
    "SyncPages",
    "Unset",
    "errors",
    "models",
    "webhooks",
]
