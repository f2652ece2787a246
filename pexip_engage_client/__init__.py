"""Async client for the Pexip Engage REST API.

    from pexip_engage_client import PexipEngage

    async with PexipEngage("acme", client_id="...", client_secret="...") as engage:
        appointment = await engage.appointments.get_appointment_by_id("123")
        async for employee in engage.employees.get_employees(limit=100):
            ...

`SyncPexipEngage` is the same client without an event loop.
"""

import os as _os
import warnings as _warnings
from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

from ._configuration._config import Environment
from ._generated.error_codes import ErrorCode
from ._pipeline._retry import RetryPolicy
from ._runtime import (
    UNSET,
    ApiResponse,
    AsyncPages,
    AtSend,
    CallNext,
    Ensured,
    EnsureOutcome,
    Middleware,
    ModelList,
    Page,
    RequestOptions,
    SyncCallNext,
    SyncMiddleware,
    Unset,
)

if _os.environ.get("PEXIP_ENGAGE_LOG"):  # the log's module loads only for a program that switches it on
    from ._listening._logging import configure_from_environment as _configure_logging

    _configure_logging()

if _TYPE_CHECKING:
    from . import errors, models, times, webhooks
    from ._client import EventHooks, PexipEngage
    from ._drift._spec_drift import SpecDrift, SpecDriftRecord
    from ._ensuring._events import EnsureEvent
    from ._limiting._governor import Governor
    from ._limiting._lanes import lane
    from ._limiting._limits import DOCUMENTED_MAX_IN_FLIGHT, DOCUMENTED_PER_MINUTE
    from ._listening._events import ErrorEvent, RequestEvent, ResponseEvent, RetryEvent
    from ._scheduling._booking import Booked
    from ._scheduling._candidates import Candidate, CandidateReason, Candidates, TeamCandidate, TeamCandidates
    from ._scheduling._free_busy import AvailabilityInterval, BusyInterval, FreeBusy, FreeInterval, Interval
    from ._scheduling._team_view import TeamFreeBusy

    __version__: str  # the installed distribution's version (see _version.installed_version)
    from ._limiting._sync._governor import SyncGovernor
    from ._runtime._sync.pagination import Page as SyncPage
    from ._runtime._sync.pagination import SyncPages
    from ._sync._client import SyncPexipEngage

    # The names of 0.x, kept until 1.0 (not in __all__: each class is listed once, by its name).
    PexipEngageSync = SyncPexipEngage
    GovernorSync = SyncGovernor

# Loaded on first use: `import pexip_engage_client` for its models, errors or times loads neither
# asyncio nor httpx2's client; a program pays for them when it makes a client.
_LAZY = {
    name: (module, name)
    for module, names in {
        "._limiting._limits": ("DOCUMENTED_MAX_IN_FLIGHT", "DOCUMENTED_PER_MINUTE"),
        "._listening._events": ("ErrorEvent", "RequestEvent", "ResponseEvent", "RetryEvent"),
        "._ensuring._events": ("EnsureEvent",),
        "._scheduling._free_busy": ("AvailabilityInterval", "BusyInterval", "FreeBusy", "FreeInterval", "Interval"),
        "._scheduling._candidates": ("Candidate", "CandidateReason", "Candidates", "TeamCandidate", "TeamCandidates"),
        "._scheduling._booking": ("Booked",),
        "._scheduling._team_view": ("TeamFreeBusy",),
        "._limiting._governor": ("Governor",),
        "._limiting._lanes": ("lane",),
        "._client": ("EventHooks", "PexipEngage"),
        "._drift._spec_drift": ("SpecDrift", "SpecDriftRecord"),
        "._limiting._sync._governor": ("SyncGovernor",),
        "._runtime._sync.pagination": ("SyncPages",),
        "._sync._client": ("SyncPexipEngage",),
    }.items()
    for name in names
} | {"SyncPage": ("._runtime._sync.pagination", "Page")}

# Old name -> new name: every public sync name starts with `Sync`. The old names
# resolve to the same classes, with a DeprecationWarning, until 1.0 removes them.
_DEPRECATED_ALIASES = {"GovernorSync": "SyncGovernor", "PexipEngageSync": "SyncPexipEngage"}


# Submodules loaded on first use: `webhooks` (the event models: only applications receiving webhooks pay for them),
# `times` (local times, a model's own reading of them loads them too), `errors` and `models` (the index of each; a call
# raises and returns the classes themselves).
_SUBMODULES = frozenset(("errors", "models", "times", "webhooks"))


def __getattr__(name: str) -> object:
    if name in _SUBMODULES:
        return _import_module(f"{__name__}.{name}")
    if name == "__version__":  # read from the installed metadata only when asked
        from ._version import installed_version  # noqa: PLC0415

        return installed_version()
    if name in _DEPRECATED_ALIASES:
        new = _DEPRECATED_ALIASES[name]
        message = f"pexip_engage_client.{name} is now {new}; the old name goes in 1.0"
        _warnings.warn(message, DeprecationWarning, stacklevel=2)
        name = new
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(_import_module(module, __name__), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "__version__", *_SUBMODULES, *_LAZY})


__all__ = [
    "DOCUMENTED_MAX_IN_FLIGHT",
    "DOCUMENTED_PER_MINUTE",
    "UNSET",
    "ApiResponse",
    "AsyncPages",
    "AtSend",
    "AvailabilityInterval",
    "Booked",
    "BusyInterval",
    "CallNext",
    "Candidate",
    "CandidateReason",
    "Candidates",
    "EnsureEvent",
    "EnsureOutcome",
    "Ensured",
    "Environment",
    "ErrorCode",
    "ErrorEvent",
    "EventHooks",
    "FreeBusy",
    "FreeInterval",
    "Governor",
    "Interval",
    "Middleware",
    "ModelList",
    "Page",
    "PexipEngage",
    "RequestEvent",
    "RequestOptions",
    "ResponseEvent",
    "RetryEvent",
    "RetryPolicy",
    "SpecDrift",
    "SpecDriftRecord",
    "SyncCallNext",
    "SyncGovernor",
    "SyncMiddleware",
    "SyncPage",
    "SyncPages",
    "SyncPexipEngage",
    "TeamCandidate",
    "TeamCandidates",
    "TeamFreeBusy",
    "Unset",
    "errors",
    "lane",
    "models",
    "times",
    "webhooks",
]
