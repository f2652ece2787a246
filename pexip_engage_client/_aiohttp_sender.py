"""The `fast` extra (`pip install pexip-engage-client[fast]`, then `http_backend="aiohttp"`).

httpx's connection pool and its per-request objects (URL parsing, request and response models)
cost several times what parsing the answer does; aiohttp's C-accelerated HTTP parser does not.
This sender hands aiohttp the already-encoded URL, the final headers and the body bytes, and
returns status, raw headers and body without building an httpx object.

It is configured to behave as the httpx sender does (see `_wire.py`): the same TLS context and
proxies, `trust_env` off (no `.netrc`, and no lookups in a worker thread on every request), no
cookies, header limits raised to what httpx accepts, and aiohttp's own resend of an idempotent
request switched off (it would add an attempt that `max_retries` does not count; the stale
connection rule below covers what it was for, for every method).

aiohttp's failures are translated into the httpx exceptions they correspond to, because the retry
rules depend on the difference between a request that never left (connect errors) and one that
may have reached the server (read errors).
"""

from __future__ import annotations

import asyncio
import weakref
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import aiohttp
import httpx
from yarl import URL

from ._body import ACCEPT_ENCODING, BodyReader, BodyTooLarge, too_large, within_deadline
from ._proxies import ProxySettings
from ._wire import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    KEEPALIVE_EXPIRY,
    STALE_CONNECTION_RESENDS,
    USER_AGENT,
    OutgoingRequest,
    ReceivedResponse,
    TLSCertificateError,
)

if TYPE_CHECKING:
    import ssl

    from aiohttp.client_reqrep import ClientRequest
    from aiohttp.connector import Connection
    from aiohttp.tracing import Trace

# Response header limits at least as generous as httpx's (which takes up to 100 KiB of headers):
# real responses carry 9 KB cookies and 200 headers; aiohttp's defaults (8,190 bytes, 128) refuse them.
MAX_HEADER_LINE = 64 * 1024
MAX_HEADERS = 512


class _Attempt:
    """What the connector tells the sender about one exchange: did it reuse a pooled connection?"""

    __slots__ = ("reused",)

    def __init__(self) -> None:
        self.reused = False


_current_attempt: ContextVar[_Attempt | None] = ContextVar("pexip_engage_attempt", default=None)


class _ReuseReportingConnector(aiohttp.TCPConnector):
    """A TCPConnector that tells the current attempt whether its connection came from the pool."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._used: weakref.WeakSet[Any] = weakref.WeakSet()

    async def connect(
        self,
        req: ClientRequest,
        traces: list[Trace],
        timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 - aiohttp's signature
    ) -> Connection:
        connection = await super().connect(req, traces, timeout)
        protocol = connection.protocol
        attempt = _current_attempt.get()
        if attempt is not None:
            attempt.reused = protocol in self._used
        self._used.add(protocol)
        return connection


class AiohttpSender:
    """Sends with an aiohttp session, created lazily inside the running event loop."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._ssl_context = ssl_context
        self._max_connections = max_connections
        self._max_response_size = max_response_size
        self._proxies = ProxySettings.from_environment()
        self._gate = asyncio.Semaphore(max_connections)
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            if self._closed:
                raise RuntimeError("the client is closed")  # never reopen: nothing would close it again
            session = aiohttp.ClientSession(
                connector=_ReuseReportingConnector(
                    limit=self._max_connections, ssl=self._ssl_context, keepalive_timeout=KEEPALIVE_EXPIRY
                ),
                auto_decompress=False,  # BodyReader decodes, bounded, as for httpx
                cookie_jar=aiohttp.DummyCookieJar(),  # an API client keeps no cookies
                trust_env=False,  # proxies come from ProxySettings; .netrc is never read
                max_line_size=MAX_HEADER_LINE,
                max_field_size=MAX_HEADER_LINE,
                max_headers=MAX_HEADERS,
            )
            # aiohttp resends an idempotent request once by itself when its connection drops; that
            # would be an attempt `max_retries` does not count. The stale-connection rule in `send`
            # replaces it.
            session._retry_connection = False
            self._session = session
        return self._session

    def _timeout(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        """aiohttp's form of a timeout; converted once per distinct timeout (a client uses few)."""
        key = (timeout.pool, timeout.connect, timeout.read)
        converted = self._timeouts.get(key)
        if converted is None:
            converted = aiohttp.ClientTimeout(
                total=None, connect=timeout.pool, sock_connect=timeout.connect, sock_read=timeout.read
            )
            self._timeouts[key] = converted
        return converted

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # Set here rather than as session defaults, so that the request shows what was sent (and
        # aiohttp adds no User-Agent of its own: it only fills in headers that are absent).
        headers = request.headers
        if "User-Agent" not in headers:
            headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in headers:
            headers["Accept-Encoding"] = ACCEPT_ENCODING
        attempt = _Attempt()
        async with self._gate:
            reset = _current_attempt.set(attempt)
            try:
                return await self._send_within_deadline(request, attempt)
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise _as_httpx_error(exc) from exc
            finally:
                _current_attempt.reset(reset)

    async def _send_within_deadline(self, request: OutgoingRequest, attempt: _Attempt) -> ReceivedResponse:
        async with within_deadline(request) as progress:
            response = await self._response_head(request, attempt)
            progress.status = response.status
            try:
                content, reader = await self._read(request, response)
            finally:
                response.release()
        if reader is None:
            return ReceivedResponse(response.status, response.raw_headers, content, request)
        return ReceivedResponse(
            response.status, response.raw_headers, content, request,
            decoding_error=reader.decoding_error, raw_content=reader.raw_content,
        )  # fmt: skip

    async def _response_head(self, request: OutgoingRequest, attempt: _Attempt) -> aiohttp.ClientResponse:
        """Send, and wait for the status and headers; again when a reused connection was found closed."""
        session = self._client_session()
        url = URL(request.url, encoded=True)  # keep percent-encoded path parameters as they are
        proxy = self._proxies.proxy_for(request.url) if self._proxies else None
        resends = 0
        while True:
            attempt.reused = False
            try:
                return await session.request(
                    request.method, url, headers=request.headers, data=request.content, proxy=proxy,
                    allow_redirects=False, timeout=self._timeout(request.timeout),
                )  # fmt: skip
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                connect_failed = isinstance(exc, aiohttp.ClientConnectorError)
                if connect_failed or not attempt.reused or resends >= STALE_CONNECTION_RESENDS:
                    raise
                resends += 1  # the server had closed it before answering: the request was not processed

    async def _read(
        self, request: OutgoingRequest, response: aiohttp.ClientResponse
    ) -> tuple[bytes, BodyReader | None]:
        """The body, decoded, at most `max_response_size` bytes; the reader when one was needed."""
        limit = self._max_response_size
        encoding = response.headers.get("Content-Encoding")
        length = response.content_length
        if encoding is None and length is not None:
            if length > limit:
                raise too_large(request, response.status, limit)
            return await response.read(), None  # aiohttp reads no more than Content-Length
        reader = BodyReader(encoding, limit)
        try:
            async for chunk in response.content.iter_any():
                reader.feed(chunk)
            return reader.content, reader
        except BodyTooLarge:
            raise too_large(request, response.status, limit) from None

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()


def _as_httpx_error(error: aiohttp.ClientError | TimeoutError) -> httpx.TransportError:
    """The httpx exception for an aiohttp failure: the retry rules are written in httpx's terms."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(str(error))
    if isinstance(error, TimeoutError):  # aiohttp's socket read timeout
        return httpx.ReadTimeout(str(error) or "timed out")
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return TLSCertificateError(str(error))
    if isinstance(error, aiohttp.ClientConnectorError):
        return httpx.ConnectError(str(error))
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(str(error))
    return httpx.ReadError(str(error))  # includes resets (ClientOSError) after the request was sent
