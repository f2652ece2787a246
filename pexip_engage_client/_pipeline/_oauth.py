"""OAuth 2.0 client credentials, the way the API documents it: one Keycloak realm per enterprise.

The pipeline's authenticator (`_auth.Authenticator`); caching, renewal, the shared token request and redaction
as docs/configuration.md#authentication says. A call waits for the shared request at most its attempt's time,
without cancelling it for the others. No local variable a traceback can hold has the secret or a token: tokens
stay `Secret`s, and an error's copy of an answer has them taken out."""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple
from urllib.parse import quote_plus, urlencode

from .._base.answer_fields import Unread, json_field
from .._base.arguments import is_number
from .._base.is_async import is_async
from .._base.lazy_httpx import httpx2
from .._base.loggers import logged_path, logger
from .._base.processes import per_process
from .._errors import ErrorItem
from .._runtime.json_types import has_utf8_form
from .._runtime.options import attempt_seconds
from .._senders._base import OutgoingRequest, ReceivedResponse, Send
from ._auth import Secret, TokenRequestFailed, is_header_value
from ._decode import NotJSONError, loads
from ._error_mapping import token_refused
from ._retry import RETRYABLE_STATUSES

# When a token is renewed, and what lifetime its answer's `expires_in` gives it: docs/configuration.md#authentication.
RENEW_BEFORE_EXPIRY = 30.0  # at most half its lifetime
DEFAULT_LIFETIME = 60.0  # for an `expires_in` that makes no sense: renewed soon rather than never
MAX_LIFETIME = 24 * 3600.0  # a token is never kept for ever
# The fields of a token endpoint's answer that hold a token: an error never keeps them.
_TOKEN_FIELDS = ("access_token", "refresh_token", "id_token")
_REDACTED = b"<redacted>"


# NamedTuples: a dataclass takes seven times as long to create, paid at every start-up.
class _Token(NamedTuple):
    secret: Secret
    expires_at: float  # on time.monotonic()'s clock


class _Answer(NamedTuple):
    """What the token endpoint's answer says: a token to send (kept secret), or why there is none."""

    token: Secret | None
    unusable: str = ""  # why `token` is None, never its value
    expires_in: object = None


class _Refused(Exception):  # noqa: N818 - internal: each waiting call raises its own AuthenticationError
    """The token endpoint refused the request, or answered without a usable token (see `item`)."""

    def __init__(self, status_code: int, item: ErrorItem) -> None:
        super().__init__(item.message)
        self.status_code = status_code
        self.item = item


class ClientCredentialsAuth:
    """Fetches, caches and renews access tokens with the client-credentials grant."""

    # Per process (docs/deploying.md): the token request in flight, shared by its waiters, and the
    # SyncPexipEngage's turn (one thread asks, the others wait).
    _flight: per_process[asyncio.Task[_Token] | None] = per_process(lambda _: None)
    _turn = per_process(lambda _: threading.Lock())

    def __init__(self, *, token_url: str, client_id: str, client_secret: str, scopes: Sequence[str] | None) -> None:
        for name, value in (("client_id", client_id), ("client_secret", client_secret)):
            # Told, not raised on: the encoding error would hold the text, which may be the client secret.
            if not has_utf8_form(value):
                raise ValueError(f"{name} must be text that UTF-8 can encode (it holds a lone surrogate)")
        self.token_url = token_url
        self.client_id = client_id
        self._client_secret = Secret(client_secret)
        self._scopes = " ".join(scopes) if scopes else None
        self._token: _Token | None = None

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
        return ready if ready is not None else await self._shared_token(request, send)

    async def renew(self, rejected: Secret, request: OutgoingRequest, send: Send) -> Secret | None:
        # The server refused this token (revoked, or rotated early).
        current = self._token
        if current is not None and current.secret is not rejected:
            return current.secret  # another call renewed it meanwhile
        self._token = None
        if self._flight is None:
            logger.info("HTTP 401 for %s %s; renewing the access token once", request.method, logged_path(request.url))
        return await self._shared_token(request, send)

    async def aclose(self) -> None:
        flight = self._flight
        if flight is not None:
            flight.cancel()
            if is_async():
                await asyncio.wait((flight,))  # off the sender before the sender closes

    async def _shared_token(self, request: OutgoingRequest, send: Send) -> Secret:
        """The token of the token request in flight, or of a new one, waited for up to the attempt's time."""
        try:
            if not is_async():
                return await self._token_in_turn(request, send)
            flight = self._flight
            if flight is None or flight.done():
                flight = self._flight = asyncio.get_running_loop().create_task(
                    self._fetch(self._token_request(request), send), name=f"token request to {self.token_url}"
                )
                flight.add_done_callback(self._token_request_ended)
            seconds = attempt_seconds(request.timeout)
            # asyncio.wait, not wait_for: a call that stops waiting leaves the request to the others.
            await asyncio.wait((flight,), timeout=seconds)
            if not flight.done():
                raise TokenRequestFailed(self.token_url, waited=seconds)
            return flight.result().secret
        except _Refused as refused:
            refusal = refused
        raise token_refused(
            refusal.status_code, refusal.item, request.headers.get("X-Correlation-Id", ""), self.token_url
        )

    async def _token_in_turn(self, request: OutgoingRequest, send: Send) -> Secret:
        """`_shared_token` in threads: the first thread to need a token asks for it, the others wait for their turn."""
        seconds = attempt_seconds(request.timeout)
        if not self._turn.acquire(timeout=seconds):
            raise TokenRequestFailed(self.token_url, waited=seconds)
        try:
            ready = self.ready_token()  # obtained while this thread waited
            if ready is not None:
                return ready
            return (await self._fetch(self._token_request(request), send)).secret
        finally:
            self._turn.release()

    def _token_request_ended(self, flight: asyncio.Task[_Token]) -> None:
        """The shared token request is over: the next call needing a token starts another."""
        if self._flight is flight:
            self._flight = None
        if not flight.cancelled():
            flight.exception()  # retrieved, as every call waiting for it may have given up

    def _token_request(self, request: OutgoingRequest) -> OutgoingRequest:
        form = {"grant_type": "client_credentials", "client_id": self.client_id}
        if self._scopes:
            form["scope"] = self._scopes
        headers = {"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        if "X-Correlation-Id" in request.headers:
            headers["X-Correlation-Id"] = request.headers["X-Correlation-Id"]
        # The client secret goes straight into the body: no local variable holds it.
        return OutgoingRequest(
            "POST",
            self.token_url,
            headers,
            urlencode({**form, "client_secret": self._client_secret.reveal()}).encode(),
            request.timeout,
        )

    async def _fetch(self, token_request: OutgoingRequest, send: Send) -> _Token:
        """Ask the token endpoint for a token and cache it: the work of the shared flight."""
        try:
            response = await send(token_request)
        except httpx2.TransportError as exc:
            raise TokenRequestFailed(self.token_url, error=exc) from exc
        status = response.status_code
        if status in RETRYABLE_STATUSES:
            kept = ReceivedResponse(
                status, response.headers, self._kept_body(response.content), replace(token_request, content=None)
            )
            raise TokenRequestFailed(self.token_url, response=kept)
        answer = _read_answer(response.content)
        if status != 200 or answer.token is None:
            raise self._refused(status, answer, response.content)
        lifetime = token_lifetime(answer.expires_in)
        margin = min(RENEW_BEFORE_EXPIRY, lifetime / 2)
        self._token = _Token(answer.token, time.monotonic() + lifetime - margin)
        logger.debug("access token obtained for %s, valid for %.0f s", self.client_id, lifetime)
        return self._token

    def _refused(self, status: int, answer: _Answer, content: bytes) -> _Refused:
        # Only the OAuth error fields are kept, read from the body without secrets.
        document = _json_object(self._kept_body(content)) or {}
        code = document.get("error")
        description = document.get("error_description")
        if isinstance(description, str):
            message = description
        elif status != 200:
            message = "the token endpoint refused the request"
        else:
            message = answer.unusable
        item = ErrorItem(
            message=message,
            code=code if isinstance(code, str) else "token_request_failed",
            type="oauth",
            status_code=str(status),
            raw={key: document[key] for key in ("error", "error_description") if key in document},
        )
        return _Refused(status, item)

    def _kept_body(self, content: bytes) -> bytes:
        """A token endpoint's body as an error may keep it: without the client secret, nor any token. Tokens are cut out
        of a JSON object; a body naming a token field in any other form is dropped whole."""
        content = content.replace(self._client_secret.reveal().encode(), _REDACTED)
        content = content.replace(quote_plus(self._client_secret.reveal()).encode(), _REDACTED)
        if not any(field.encode() in content for field in _TOKEN_FIELDS):
            return content
        document = _json_object(content)
        if document is None:
            return b""
        return json.dumps({key: value for key, value in document.items() if key not in _TOKEN_FIELDS}).encode()


def token_lifetime(expires_in: object) -> float:
    """Seconds a token may be used, from its answer's `expires_in` (docs/configuration.md#authentication): always a
    sane number. A number is compared, never made a float before it is bounded (a huge int would not convert)."""
    if isinstance(expires_in, str) and expires_in.isascii() and expires_in.isdigit():
        # Ten digits or more are beyond the maximum anyway, and int() refuses thousands of them.
        expires_in = int(expires_in) if len(expires_in) < 10 else MAX_LIFETIME
    if not (is_number(expires_in) and 0 < expires_in < math.inf):
        return DEFAULT_LIFETIME
    return float(min(expires_in, MAX_LIFETIME))


def _read_answer(content: bytes) -> _Answer:
    """The token endpoint's answer, read by a function that raises nothing: its locals hold the token.

    A `token_type` other than bearer is refused (RFC 6749 forbids a type the client does not know); none readable
    gives no sign of another type."""
    document = _json_object(content)
    if document is None:
        return _Answer(None, "the token endpoint's answer is not a JSON object")
    value = json_field(document, "/access_token", str, operation="the token request")
    if isinstance(value, Unread) or not value:
        unread = value.describe() if isinstance(value, Unread) else "/access_token was empty"
        return _Answer(
            None, f"the token endpoint's answer holds no access token: {unread} (a non-empty string is needed)"
        )
    token_type = json_field(document, "/token_type", str)
    if isinstance(token_type, str) and token_type.lower() != "bearer":
        shown = json.dumps(token_type[:40])
        return _Answer(
            None,
            f"the token endpoint issued a token of type {shown} (/token_type): this client sends bearer tokens only",
        )
    token = Secret(value)
    if not is_header_value(token):
        return _Answer(None, "the token endpoint's access_token cannot be sent in a header (it is not visible ASCII)")
    return _Answer(token, expires_in=document.get("expires_in"))


def _json_object(content: bytes) -> dict[str, Any] | None:
    """The body as a JSON object; None when it is not JSON, not an object, or nested too deep to read."""
    try:
        document = loads(content)
    except NotJSONError:
        return None
    return document if isinstance(document, dict) else None
