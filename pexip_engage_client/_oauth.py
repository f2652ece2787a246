"""OAuth 2.0 client credentials, the way the API documents it: one Keycloak realm per enterprise.

`ClientCredentialsAuth` is the pipeline's authenticator (see `_auth.Authenticator`): the token
request goes out through the same sender as the API call (a proxy, or the test fake, serves both).
Tokens are cached and renewed shortly before they expire; concurrent calls share one renewal; after
a 401 the pipeline asks for one renewal and replays the call once (the server refused it, so it was
not processed).

Neither the client secret nor a token ever appears in a repr, log or error, nor in a local
variable of a frame that a traceback can hold (error reporters show those): tokens stay `Secret`s,
the token endpoint's answer is read by a function that raises nothing, and what an error keeps of
an answer has the client secret and any token taken out.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus, urlencode

from ._auth import Secret, TokenRequestFailed, is_header_value
from ._logging import logger
from ._wire import OutgoingRequest, Send
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
# The fields of a token endpoint's answer that hold a token: an error never keeps them.
_TOKEN_FIELDS = ("access_token", "refresh_token", "id_token")
_REDACTED = b"<redacted>"


@dataclass(frozen=True)
class _Token:
    secret: Secret
    expires_at: float  # on time.monotonic()'s clock


@dataclass(frozen=True, slots=True)
class _Answer:
    """What the token endpoint's answer says, the token kept secret."""

    is_object: bool  # the body is a JSON object
    token: Secret | None  # its access_token, when that is a non-empty string
    expires_in: object


class ClientCredentialsAuth:
    """Fetches, caches and renews access tokens with the client-credentials grant."""

    def __init__(self, *, token_url: str, client_id: str, client_secret: str, scopes: Sequence[str] | None) -> None:
        if not client_id or not client_secret:
            raise ValueError("client_id and client_secret must both be non-empty")
        for name, value in (("client_id", client_id), ("client_secret", client_secret)):
            if not _encodable(value):  # (say, undecodable bytes in an environment variable)
                raise ValueError(f"{name} must be text that UTF-8 can encode (it holds a lone surrogate)")
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

    def ready_token(self) -> Secret | None:
        token = self._token
        return token.secret if token is not None and token.expires_at > time.monotonic() else None

    async def token(self, request: OutgoingRequest, send: Send) -> Secret:
        ready = self.ready_token()
        if ready is not None:
            return ready
        async with self._lock:  # one renewal for every call waiting on it
            ready = self.ready_token()  # another call may have renewed it meanwhile
            return ready if ready is not None else (await self._fetch(request, send)).secret

    async def renew(self, rejected: Secret, request: OutgoingRequest, send: Send) -> Secret | None:
        # The server refused this token (revoked, or rotated early).
        async with self._lock:
            current = self._token
            if current is not None and current.secret is not rejected:
                return current.secret  # another call renewed it meanwhile
            self._token = None
            logger.info("HTTP 401 for %s %s; renewing the access token once", request.method, request.url)
            return (await self._fetch(request, send)).secret

    def _token_request(self, request: OutgoingRequest) -> OutgoingRequest:
        form = {"grant_type": "client_credentials", "client_id": self.client_id}
        if self._scopes:
            form["scope"] = self._scopes
        headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        if "X-Correlation-Id" in request.headers:
            headers["X-Correlation-Id"] = request.headers["X-Correlation-Id"]
        # The client secret goes straight into the body: no local variable holds it.
        return OutgoingRequest(
            "POST", self.token_url, headers,
            urlencode({**form, "client_secret": self._client_secret.reveal()}).encode(), request.timeout,
        )  # fmt: skip

    async def _fetch(self, request: OutgoingRequest, send: Send) -> _Token:
        """Ask the token endpoint for a token and cache it.

        Raises AuthenticationError when the endpoint refuses or answers something unreadable, and
        TokenRequestFailed when it does not answer at all.
        """
        try:
            response = await send(self._token_request(request))
        except httpx.TransportError as exc:
            raise TokenRequestFailed(exc, self.token_url) from exc
        status = response.status_code
        answer = _read_answer(response.content)
        if status != 200 or answer.token is None or not is_header_value(answer.token):
            raise self._refusal(request, status, answer, response.content)
        lifetime = token_lifetime(answer.expires_in)
        margin = min(RENEW_BEFORE_EXPIRY, lifetime / 2)
        self._token = _Token(answer.token, time.monotonic() + lifetime - margin)
        logger.debug("access token obtained for %s, valid for %.0f s", self.client_id, lifetime)
        return self._token

    def _refusal(self, request: OutgoingRequest, status: int, answer: _Answer, content: bytes) -> AuthenticationError:
        # Only the OAuth error fields are kept, read from the body without secrets: a token endpoint
        # may echo the client secret, and its body may hold a token.
        document = _json_object(self._kept_body(content)) or {}
        code = document.get("error")
        description = document.get("error_description")
        if isinstance(description, str):
            message = description
        elif status != 200:
            message = "the token endpoint refused the request"
        elif not answer.is_object:
            message = "the token endpoint's answer is not a JSON object"
        elif answer.token is None:
            message = "the token endpoint's answer holds no access_token"
        else:
            message = "the token endpoint's access_token cannot be sent in a header (it is not visible ASCII)"
        item = ErrorItem(
            message=message,
            code=code if isinstance(code, str) else "token_request_failed",
            type="oauth",
            status_code=str(status),
            raw={key: document[key] for key in ("error", "error_description") if key in document},
        )
        return AuthenticationError(
            status_code=status,
            errors=(item,),
            body=json.dumps(item.raw).encode(),
            correlation_id=request.headers.get("X-Correlation-Id", ""),
            method="POST",
            url=self.token_url,
        )

    def _kept_body(self, content: bytes) -> bytes:
        """A token endpoint's body as an error may keep it: without the client secret, nor any token.

        A server may echo the form it was sent (plain or form-encoded). Tokens are cut out of a JSON
        object; a body that names a token field in any other form is dropped whole.
        """
        content = content.replace(self._client_secret.reveal().encode(), _REDACTED)
        content = content.replace(quote_plus(self._client_secret.reveal()).encode(), _REDACTED)
        if not any(field.encode() in content for field in _TOKEN_FIELDS):
            return content
        document = _json_object(content)
        if document is None:
            return b""
        return json.dumps({key: value for key, value in document.items() if key not in _TOKEN_FIELDS}).encode()


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


def _read_answer(content: bytes) -> _Answer:
    """The token endpoint's answer, read by a function that raises nothing: its locals hold the token."""
    document = _json_object(content)
    if document is None:
        return _Answer(is_object=False, token=None, expires_in=None)
    value = document.get("access_token")
    token = Secret(value) if isinstance(value, str) and value else None
    return _Answer(is_object=True, token=token, expires_in=document.get("expires_in"))


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False  # not raised on: the error holds the text, which may be the client secret
    return True


def _json_object(content: bytes) -> dict[str, Any] | None:
    """The body as a JSON object; None when it is not JSON, not an object, or nested too deep to read."""
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None
