"""Authentication: the bearer token each request carries in its `Authorization` header.

A static token or a token provider lives here; OAuth client credentials in `_oauth.py`. Tokens travel as `Secret`s,
never plain strings in a variable, which a traceback's frames would show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from .._base.lazy_httpx import httpx2
from .._runtime.options import validate_header_value
from .._senders._base import OutgoingRequest, ReceivedResponse, Send

TokenProvider = Callable[[], Awaitable[str]]
"""An async callable returning a currently valid access token (called before each request)."""


class Authenticator(Protocol):
    """Where the pipeline gets bearer tokens. `send` reaches the network the API call will use."""

    def ready_token(self) -> Secret | None:
        """A valid token at hand, without waiting; None when `token` must be awaited (most calls need not)."""

    async def token(self, request: OutgoingRequest, send: Send) -> Secret:
        """A token for this request."""

    async def renew(self, rejected: Secret, request: OutgoingRequest, send: Send) -> Secret | None:
        """A new token after the server answered 401 to `rejected`, or None if there is no other."""

    async def aclose(self) -> None:
        """Stop whatever is still in flight: the client is closing, and none of its calls waits for it."""


class TokenRequestFailed(Exception):  # noqa: N818 - internal: the pipeline turns it into an APIConnectionError
    """No token from the token endpoint `url`, for a reason that another attempt may not meet. `error`: no answer;
    `response`: a temporary failure status, kept without any secret; neither: the call waited `waited` seconds for a
    request still in flight. Retried for any method."""

    def __init__(
        self,
        url: str,
        *,
        error: httpx2.TransportError | None = None,
        response: ReceivedResponse | None = None,
        waited: float = 0.0,
    ) -> None:
        self.error = error
        self.response = response
        self.waited = waited
        self.url = url
        super().__init__(f"POST {url}: {self.reason}")

    @property
    def reason(self) -> str:
        """What went wrong, as the logs say it."""
        if self.error is not None:
            return type(self.error).__name__
        if self.response is not None:
            return f"HTTP {self.response.status_code}"
        return f"no token within the attempt's {self.waited:g} s"


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


class BearerAuth:
    """Sends a static token, or one fetched from an async provider before each request."""

    def __init__(self, token: str | TokenProvider) -> None:
        self._token: Secret | TokenProvider
        if isinstance(token, str):
            if not token:
                raise ValueError("token must not be empty")
            validate_header_value("Authorization", token)
            self._token = Secret(token)
        elif callable(token):
            self._token = token
        else:
            raise ValueError("token must be a string or an async callable returning one")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token=<redacted>)"

    def ready_token(self) -> Secret | None:
        return self._token if isinstance(self._token, Secret) else None

    async def token(self, request: OutgoingRequest, send: Send) -> Secret:
        if isinstance(self._token, Secret):
            return self._token
        provided = await self._token()
        if not isinstance(provided, str) or not provided:
            raise ValueError("the token provider must return a non-empty string")
        token = Secret(provided)
        del provided  # from here on, the token is in this frame only as a Secret
        if not is_header_value(token):
            raise ValueError(
                "the token provider returned a token that cannot be sent in a header: only visible ASCII "
                "characters, with spaces or tabs between them"
            )
        return token

    async def renew(self, rejected: Secret, request: OutgoingRequest, send: Send) -> Secret | None:
        return None  # the caller's token was refused; the 401 is theirs to see

    async def aclose(self) -> None:
        return None  # nothing of its own in flight: a token provider's call belongs to the call awaiting it


def is_header_value(token: Secret) -> bool:
    """Whether the token can be sent in the Authorization header (a CR or LF in it would add a header)."""
    try:
        validate_header_value("Authorization", token.reveal())
    except ValueError:
        # Not raised on: the error's traceback holds the token, in the checking function's locals.
        return False
    return True
