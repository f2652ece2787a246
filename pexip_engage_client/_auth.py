"""Authentication: how a request gets its `Authorization: Bearer <token>` header.

Built on httpx's own auth flow so that it applies to every request the client sends. The token is
kept out of every repr and message: it is a secret.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Generator

import httpx

from ._config import validate_header_value

TokenProvider = Callable[[], Awaitable[str]]
"""An async callable returning a currently valid access token (called before each request)."""


class Secret:
    """A string that never shows itself: not in repr, str, vars() of its holder, or a traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the one place that must send it."""
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__


class BearerAuth(httpx.Auth):
    """Sends a static token, or one fetched from an async provider before each request."""

    def __init__(self, token: str | TokenProvider) -> None:
        if isinstance(token, str):
            if not token:
                raise ValueError("token must not be empty")
            validate_header_value("Authorization", token)
        elif not callable(token):
            raise TypeError("token must be a string or an async callable returning one")
        self._token: Secret | TokenProvider = Secret(token) if isinstance(token, str) else token

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token=<redacted>)"

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("PexipEngage is async-only; use httpx.AsyncClient")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self._token.reveal() if isinstance(self._token, Secret) else await self._token()
        if not isinstance(token, str) or not token:
            raise ValueError("the token provider must return a non-empty string")
        request.headers["Authorization"] = f"Bearer {validate_header_value('Authorization', token)}"
        yield request
