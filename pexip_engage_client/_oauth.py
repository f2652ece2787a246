"""OAuth 2.0 client credentials, the way the API documents it: one Keycloak realm per enterprise.

`ClientCredentialsAuth` is the pipeline's authenticator (see `_auth.Authenticator`): the token
request goes out through the same sender as the API call (a proxy, or the test fake, serves both).
Tokens are cached and renewed shortly before they expire; concurrent calls share one renewal; after
a 401 the pipeline asks for one renewal and replays the call once (the server refused it, so it was
not processed). Neither the client secret nor a token ever appears in a repr, log or error.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ._auth import Secret, TokenRequestFailed
from ._logging import logger
from ._wire import OutgoingRequest, ReceivedResponse, Send
from .errors import AuthenticationError, ErrorItem

if TYPE_CHECKING:
    import httpx
else:
    from ._runtime.lazy_httpx import httpx  # executed on first use

# Renew this long before the token's stated expiry (at most half its lifetime), so that a token
# never expires between being attached and being checked by the server.
RENEW_BEFORE_EXPIRY = 30.0
# The lifetime of a token whose answer gives none that makes sense (RFC 6749 makes expires_in
# optional): renewed soon rather than never.
DEFAULT_LIFETIME = 60.0
# The longest lifetime believed. A server that states more (up to a JSON number too large for a
# float) is asked again a day later: a token is never kept for ever.
MAX_LIFETIME = 24 * 3600.0


@dataclass(frozen=True)
class _Token:
    secret: Secret
    expires_at: float  # on time.monotonic()'s clock


class ClientCredentialsAuth:
    """Fetches, caches and renews access tokens with the client-credentials grant."""

    def __init__(self, *, token_url: str, client_id: str, client_secret: str, scopes: Sequence[str] | None) -> None:
        if not client_id or not client_secret:
            raise ValueError("client_id and client_secret must both be non-empty")
        self.token_url = token_url
        self.client_id = client_id
        self._client_secret = Secret(client_secret)
        self._scopes = " ".join(scopes) if scopes else None
        self._token: _Token | None = None
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return (
            f"ClientCredentialsAuth(token_url={self.token_url!r}, client_id={self.client_id!r}, "
            "client_secret=<redacted>)"
        )

    def ready_token(self) -> str | None:
        token = self._token
        return token.secret.reveal() if token is not None and token.expires_at > time.monotonic() else None

    async def token(self, request: OutgoingRequest, send: Send) -> str:
        ready = self.ready_token()
        if ready is not None:
            return ready
        async with self._lock:  # one renewal for every call waiting on it
            ready = self.ready_token()  # another call may have renewed it meanwhile
            return ready if ready is not None else (await self._fetch(request, send)).secret.reveal()

    async def renew(self, rejected: str, request: OutgoingRequest, send: Send) -> str | None:
        # The server refused this token (revoked, or rotated early).
        async with self._lock:
            current = self._token
            if current is not None and current.secret.reveal() != rejected:
                return current.secret.reveal()  # another call renewed it meanwhile
            self._token = None
            logger.info("HTTP 401 for %s %s; renewing the access token once", request.method, request.url)
            return (await self._fetch(request, send)).secret.reveal()

    def _token_request(self, request: OutgoingRequest) -> OutgoingRequest:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self._client_secret.reveal(),
        }
        if self._scopes:
            form["scope"] = self._scopes
        headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        if "X-Correlation-Id" in request.headers:
            headers["X-Correlation-Id"] = request.headers["X-Correlation-Id"]
        return OutgoingRequest("POST", self.token_url, headers, urlencode(form).encode(), request.timeout)

    async def _fetch(self, request: OutgoingRequest, send: Send) -> _Token:
        """Ask the token endpoint for a token and cache it.

        Raises AuthenticationError when the endpoint refuses or answers something unreadable, and
        TokenRequestFailed when it does not answer at all.
        """
        try:
            response = await send(self._token_request(request))
        except httpx.TransportError as exc:
            raise TokenRequestFailed(exc, self.token_url) from exc
        try:
            document = json.loads(response.content)
        except ValueError:
            document = None
        unreadable = not isinstance(document, dict)
        if not isinstance(document, dict):
            document = {}
        value, lifetime = document.get("access_token"), document.get("expires_in")
        if response.status_code != 200 or not isinstance(value, str) or not value:
            raise self._refusal(request, response, document, unreadable=unreadable)
        lifetime = token_lifetime(lifetime)
        margin = min(RENEW_BEFORE_EXPIRY, lifetime / 2)
        self._token = _Token(Secret(value), time.monotonic() + lifetime - margin)
        logger.debug("access token obtained for %s, valid for %.0f s", self.client_id, lifetime)
        return self._token

    def _refusal(
        self, request: OutgoingRequest, response: ReceivedResponse, document: dict[str, object], *, unreadable: bool
    ) -> AuthenticationError:
        # Only the OAuth error fields are kept: a token endpoint's body may hold a token.
        code = document.get("error")
        description = document.get("error_description")
        if isinstance(description, str):
            message = description
        elif response.status_code != 200:
            message = "the token endpoint refused the request"
        elif unreadable:
            message = "the token endpoint's answer is not a JSON object"
        else:
            message = "the token endpoint's answer holds no access_token"
        item = ErrorItem(
            message=message,
            code=code if isinstance(code, str) else "token_request_failed",
            type="oauth",
            status_code=str(response.status_code),
            raw={key: document[key] for key in ("error", "error_description") if key in document},
        )
        return AuthenticationError(
            status_code=response.status_code,
            errors=(item,),
            body=json.dumps(item.raw).encode(),
            correlation_id=request.headers.get("X-Correlation-Id", ""),
            method="POST",
            url=self.token_url,
        )


def token_lifetime(expires_in: object) -> float:
    """Seconds a token may be used, from its answer's `expires_in`: always a sane number.

    A positive number is believed up to `MAX_LIFETIME` (a JSON integer of any size: it is compared,
    never converted to a float); a string of digits counts as its number, as some servers send one.
    Anything else, including what is not finite (Python's json reads NaN and Infinity) or not
    positive, counts as not given: `DEFAULT_LIFETIME`.
    """
    if isinstance(expires_in, str) and expires_in.isascii() and expires_in.isdigit():
        # Ten digits or more are beyond the maximum anyway, and int() refuses thousands of them.
        expires_in = int(expires_in) if len(expires_in) < 10 else MAX_LIFETIME
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | float) or not 0 < expires_in < math.inf:
        return DEFAULT_LIFETIME
    return float(min(expires_in, MAX_LIFETIME))
