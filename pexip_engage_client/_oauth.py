"""OAuth 2.0 client credentials, the way the API documents it: one Keycloak realm per enterprise.

`ClientCredentialsAuth` is an `httpx.Auth`: the token request is yielded from the auth flow, so it
goes through the same client and transport as the API call (a proxy, or the test fake, serves
both). Tokens are cached and renewed shortly before they expire; concurrent calls share one
renewal; a 401 from the API renews once and replays the call once (the server refused it, so it
was not processed). Neither the client secret nor a token ever appears in a repr, log or error.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncGenerator, Generator, Sequence
from dataclasses import dataclass

import httpx

from ._auth import Secret
from ._logging import logger
from .errors import AuthenticationError, ErrorItem

# Renew this long before the token's stated expiry (at most half its lifetime), so that a token
# never expires between being attached and being checked by the server.
RENEW_BEFORE_EXPIRY = 30.0


@dataclass(frozen=True)
class _Token:
    secret: Secret
    expires_at: float  # on time.monotonic()'s clock


class ClientCredentialsAuth(httpx.Auth):
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

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("PexipEngage is async-only; use httpx.AsyncClient")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self._token
        if token is None or token.expires_at <= time.monotonic():
            async with self._lock:  # one renewal for every call waiting on it
                token = self._token
                if token is None or token.expires_at <= time.monotonic():
                    token = await self._fetch(request, (yield self._token_request(request)))
        request.headers["Authorization"] = f"Bearer {token.secret.reveal()}"
        response = yield request
        if response.status_code != 401:
            return
        # The server refused this token (revoked, or rotated early): renew once, replay once.
        async with self._lock:
            if self._token is token:
                self._token = None
                logger.info("HTTP 401 from %s; renewing the access token once", request.url.path)
                token = await self._fetch(request, (yield self._token_request(request)))
            elif self._token is not None:
                token = self._token
        request.headers["Authorization"] = f"Bearer {token.secret.reveal()}"
        yield request

    def _token_request(self, request: httpx.Request) -> httpx.Request:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self._client_secret.reveal(),
        }
        if self._scopes:
            form["scope"] = self._scopes
        headers = {"Accept": "application/json"}
        if "X-Correlation-Id" in request.headers:
            headers["X-Correlation-Id"] = request.headers["X-Correlation-Id"]
        return httpx.Request("POST", self.token_url, data=form, headers=headers, extensions=request.extensions)

    async def _fetch(self, request: httpx.Request, response: httpx.Response) -> _Token:
        """Read the token endpoint's answer into a cached token, or raise AuthenticationError."""
        body = await response.aread()
        try:
            document = json.loads(body)
        except ValueError:
            document = None
        if not isinstance(document, dict):
            document = {}
        value, lifetime = document.get("access_token"), document.get("expires_in")
        if response.status_code != 200 or not isinstance(value, str) or not value:
            raise self._refusal(request, response, document)
        if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or lifetime <= 0:
            lifetime = 60.0  # RFC 6749 makes expires_in optional; renew soon rather than never
        margin = min(RENEW_BEFORE_EXPIRY, lifetime / 2)
        self._token = _Token(Secret(value), time.monotonic() + lifetime - margin)
        logger.debug("access token obtained for %s, valid for %.0f s", self.client_id, lifetime)
        return self._token

    def _refusal(
        self, request: httpx.Request, response: httpx.Response, document: dict[str, object]
    ) -> AuthenticationError:
        # Only the OAuth error fields are kept: a token endpoint's body may hold a token.
        code = document.get("error")
        description = document.get("error_description")
        item = ErrorItem(
            message=description if isinstance(description, str) else "the token endpoint refused the request",
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
