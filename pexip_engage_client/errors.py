"""Every error the client raises, to catch from one module. All derive from `PexipEngageError` (the tree:
docs/errors-and-retries.md); `UnreadableFieldError`, an `AttributeError`, and `InferredOperationWarning`, a
`UserWarning`, stand apart.

Each is defined where the rooms that raise it stand: a request's in `_errors.py`, an `ensure_*` call's beside them in
`_ensure_errors.py` (the ensure raises them, and booking, which builds on the core, raises and holds them too),
free/busy's and booking's in `_scheduling/_errors.py`; this module lists them all.
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING

from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    AuthServerError,
    BadRequestError,
    BusinessValidationError,
    ClientClosedError,
    ConflictError,
    ErrorItem,
    ForkedClientError,
    InferredOperationWarning,
    MiddlewareAnswerError,
    NotFoundError,
    PermissionDeniedError,
    PexipEngageError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseTooSlowError,
    ServerError,
    UnexpectedResponseError,
    UnusableAnswerError,
    WrongEventLoopError,
)
from ._runtime.lenient import UnreadableFieldError

if TYPE_CHECKING:
    from ._ensure_errors import (
        DuplicateExternalIdError,
        EnsureError,
        EnsureNoAnswerError,
        EnsureRefusedError,
        EnsureTurnError,
        EnsureUnreadableAnswerError,
        ExternalIdConflictError,
    )
    from ._scheduling._errors import FreeBusyError, NoSlotBookedError, RefusedCandidate
    from ._store_errors import TablesMissingError

# The features' errors, loaded with the first that is asked for (or raised): a program that uses no ensure, no
# free/busy or booking and reads no feature's SQLite file (a command-line call) never imports them.
_IN_ROOMS = {
    name: module
    for module, names in {
        "._ensure_errors": (
            "DuplicateExternalIdError", "EnsureError", "EnsureNoAnswerError", "EnsureRefusedError", "EnsureTurnError",
            "EnsureUnreadableAnswerError", "ExternalIdConflictError",
        ),
        "._scheduling._errors": ("FreeBusyError", "NoSlotBookedError", "RefusedCandidate"),
        "._store_errors": ("TablesMissingError",),
    }.items()
    for name in names
}  # fmt: skip


# Here, not in provisioning's room: provisioning imports the package, which imports this module.
class ProvisioningAnswerError(UnusableAnswerError):
    """`plan_employees` or `apply_plan` could not read the list of employees it was given.

    An answer of `getEmployees` without readable `data` (one employee's unreadable field leaves that one alone).
    """


__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthServerError",
    "AuthenticationError",
    "BadRequestError",
    "BusinessValidationError",
    "ClientClosedError",
    "ConflictError",
    "DuplicateExternalIdError",
    "EnsureError",
    "EnsureNoAnswerError",
    "EnsureRefusedError",
    "EnsureTurnError",
    "EnsureUnreadableAnswerError",
    "ErrorItem",
    "ExternalIdConflictError",
    "ForkedClientError",
    "FreeBusyError",
    "InferredOperationWarning",
    "MiddlewareAnswerError",
    "NoSlotBookedError",
    "NotFoundError",
    "PermissionDeniedError",
    "PexipEngageError",
    "ProvisioningAnswerError",
    "RateLimitError",
    "RefusedCandidate",
    "ResponseTooLargeError",
    "ResponseTooSlowError",
    "ServerError",
    "TablesMissingError",
    "UnexpectedResponseError",
    "UnreadableFieldError",
    "UnusableAnswerError",
    "WrongEventLoopError",
]


def __getattr__(name: str) -> object:
    if name in _IN_ROOMS:
        return getattr(_import_module(_IN_ROOMS[name], __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_IN_ROOMS})
