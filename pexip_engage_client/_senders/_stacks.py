"""Which HTTP library a caller's `transport=` or `http_client=` belongs to: httpx2, or httpx (the legacy path).

httpx2 is the client's own stack. httpx, its predecessor, has the same API under another import
name, but its classes are not httpx2's: a caller who still builds httpx objects (the `httpx` extra)
gets them sent through as before, with a `DeprecationWarning` that says how to move. httpx is
looked for in `sys.modules` only: a caller holding an httpx object has imported it already, and a
process that never did never imports it here.

The `Legacy...` protocols are what the public annotations accept besides httpx2's classes: the
parts of httpx's that the senders call, so that a type checker passes an httpx object without
httpx being needed to check a program that uses none.
"""

from __future__ import annotations

import sys
import warnings
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use

LEGACY_WARNING = (
    "{what} is an httpx object: httpx is no longer maintained and this client now sends through httpx2. "
    "It still works (the `httpx` extra); pass an httpx2 object instead (`import httpx2`: the same API). "
    "See docs/migrating-to-httpx2.md."
)


class LegacyAsyncTransport(Protocol):
    """An `httpx.AsyncBaseTransport` (the legacy path): what the async sender calls of it."""

    async def handle_async_request(self, request: Any) -> Any: ...

    async def aclose(self) -> None: ...


class LegacyTransport(Protocol):
    """An `httpx.BaseTransport` (the legacy path): what the sync sender calls of it."""

    def handle_request(self, request: Any) -> Any: ...

    def close(self) -> None: ...


class LegacyAsyncClient(Protocol):
    """An `httpx.AsyncClient` (the legacy path): what the async sender calls of it."""

    def build_request(self, *args: Any, **kwargs: Any) -> Any: ...

    async def send(self, *args: Any, **kwargs: Any) -> Any: ...

    async def aclose(self) -> None: ...


class LegacyClient(Protocol):
    """An `httpx.Client` (the legacy path): what the sync sender calls of it."""

    def build_request(self, *args: Any, **kwargs: Any) -> Any: ...

    def send(self, *args: Any, **kwargs: Any) -> Any: ...

    def close(self) -> None: ...


def stack_of(value: object, parameter: str, kind: str) -> ModuleType:
    """The library `value` comes from (the httpx2 module, or httpx's after a `DeprecationWarning`).

    `kind` is the class `parameter` takes ("AsyncClient", "BaseTransport", ...): anything but
    that class of httpx2's or httpx's is refused with a `ValueError` naming `parameter`.
    """
    if isinstance(value, getattr(httpx2, kind)):
        return httpx2
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(value, getattr(httpx, kind)):
        # At the caller's line: here, _client._stack_of, _choose_sender, PexipEngage.__init__, the caller.
        warnings.warn(LEGACY_WARNING.format(what=parameter), DeprecationWarning, stacklevel=5)
        return httpx
    raise ValueError(f"{parameter} must be an httpx2.{kind} (or httpx's, the legacy path); got {type(value).__name__}")
