"""Which HTTP library a caller's `transport=` or `http_client=` belongs to: httpx2, or httpx (the legacy path).

A caller's httpx objects are sent through as before, with a `DeprecationWarning`
(docs/migrating-to-httpx2.md); httpx is looked for in `sys.modules` only. The `Legacy...` protocols
are the parts of httpx's the public annotations accept, so checking a program needs no httpx.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any, Protocol

from .._base.caller_warnings import warn_at_caller
from .._base.lazy_httpx import httpx2

LEGACY_WARNING = (
    "{what} is an httpx object: httpx is no longer maintained and this client now sends through httpx2. "
    "It still works (the `httpx` extra); pass an httpx2 object instead (`import httpx2`: the same API). "
    "Responses and errors the client hands back are of httpx2's classes: `isinstance(..., httpx.Response)` "
    "and `except httpx.ConnectError` no longer match them. See docs/migrating-to-httpx2.md."
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
    """The library `value` comes from (httpx2, or httpx after a `DeprecationWarning`); else `ValueError`."""
    if isinstance(value, getattr(httpx2, kind)):
        return httpx2
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(value, getattr(httpx, kind)):
        warn_at_caller(LEGACY_WARNING.format(what=parameter), DeprecationWarning)
        return httpx
    raise ValueError(f"{parameter} must be an httpx2.{kind} (or httpx's, the legacy path); got {type(value).__name__}")
