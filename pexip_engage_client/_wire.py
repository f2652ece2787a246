"""One HTTP exchange as the request pipeline sees it, and the sender that carries it over httpx.

The pipeline (`_request.py`) decides what to send and what an answer means; a *sender* only moves
bytes: `await sender.send(OutgoingRequest) -> ReceivedResponse`. Failures are raised as httpx's
transport exceptions whichever library sends, because the retry rules depend on their classes
(a connect error never reached the server; a read error may have).

Two senders exist, chosen by `PexipEngage(http_backend=...)`. `HttpxSender`, here, works with any
httpx client or transport: the default, a configured `http_client`, the test fake. `AiohttpSender`
(`_aiohttp_sender.py`, the `fast` extra) talks to aiohttp directly: building httpx's request, URL
and response objects costs more per call than parsing the answer, so the fast path builds none
unless someone asks for one (`ReceivedResponse.http_response`).

Both behave the same wherever they can: the same TLS trust (`_tls.py`) and proxies
(`_proxies.py`), no cookies, no `.netrc`, no redirects followed, bounded bodies and a deadline per
attempt (`_body.py`), at most `max_connections` exchanges at once (later calls queue in the client,
so the pool timeout only counts once a call may really use the pool), and one resend on a fresh
connection when a reused keep-alive connection turns out to have been closed by the server before
it answered (the server never processed the request, whatever its method).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, Protocol

import httpx

from ._body import ACCEPT_ENCODING, BodyReader, BodyTooLarge, too_large, within_deadline
from ._proxies import ProxySettings
from ._tls import is_certificate_error
from ._version import VERSION

# Sent by the senders the client creates; a caller's own http_client keeps its User-Agent.
USER_AGENT = f"pexip-engage-client/{VERSION}"

# At most this many exchanges at once per client (and connections in its pool); later calls queue.
DEFAULT_MAX_CONNECTIONS = 100
# The largest body a client accepts, once decoded.
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
# Idle keep-alive connections are closed after this many seconds: before the idle timeouts of common
# load balancers and proxies (60 s and more), so that a request rarely meets a connection they closed.
KEEPALIVE_EXPIRY = 15.0
# How often one attempt is sent again because a reused connection was found closed before any answer.
STALE_CONNECTION_RESENDS = 3


class TLSCertificateError(httpx.ConnectError):
    """The server's certificate is not trusted, or is not the host's: retrying cannot help."""


class Gate:
    """At most `limit` exchanges at once; later ones wait their turn, first come, first served.

    What `asyncio.Semaphore` does, minus its cost on the path every request takes: passing an open
    gate is one comparison (`try_enter`), with no coroutine and no scan of the waiters.
    """

    __slots__ = ("_free", "_waiting")

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()

    def try_enter(self) -> bool:
        """Take a place if one is free and nobody is waiting for it."""
        if self._free and not self._waiting:
            self._free -= 1
            return True
        return False

    async def enter(self) -> None:
        """Take a place, waiting for one if need be."""
        if self.try_enter():
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.cancelled():
                with contextlib.suppress(ValueError):  # leave() may have dropped it already
                    self._waiting.remove(turn)
            else:  # a place was handed over just before the cancellation: pass it on
                self.leave()
            raise

    def leave(self) -> None:
        """Give a place back: straight to the first in line, if anyone is waiting."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1


@dataclass(slots=True, repr=False)
class OutgoingRequest:
    """A request ready to go: absolute URL (already percent-encoded), final headers, body bytes."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None
    timeout: httpx.Timeout

    def __repr__(self) -> str:
        # Never the headers or the body: they carry the token, or the client secret of a token request.
        return f"OutgoingRequest({self.method} {self.url})"

    def to_httpx(self) -> httpx.Request:
        """The request as an `httpx.Request`, for the `httpx.Response` that shows what was sent."""
        return httpx.Request(self.method, self.url, headers=self.headers, content=self.content)


RawHeaders = httpx.Headers | Sequence[tuple[bytes, bytes]]


class ReceivedResponse:
    """The status, headers and body of one answer.

    `content` is the body with any Content-Encoding undone. When that failed, `decoding_error`
    says why and `content` holds what could be kept (the bytes as received, where the sender still
    has them). `headers` and `http_response` are httpx objects, made on first use when the sender
    did not already have them: most successful calls never look at either.
    """

    __slots__ = (
        "_headers",
        "_http_response",
        "_raw_content",
        "_sent",
        "content",
        "decoding_error",
        "request",
        "status_code",
    )

    def __init__(
        self,
        status_code: int,
        headers: RawHeaders,
        content: bytes,
        request: OutgoingRequest,
        *,
        http_response: httpx.Response | None = None,
        decoding_error: str | None = None,
        raw_content: bytes | None = None,
        sent: httpx.Request | None = None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self.decoding_error = decoding_error
        self._headers = headers
        self._http_response = http_response
        self._raw_content = raw_content  # the body as received, when it was Content-Encoded
        self._sent = sent  # the httpx request as sent, when the sender had one

    @property
    def headers(self) -> httpx.Headers:
        if not isinstance(self._headers, httpx.Headers):
            self._headers = httpx.Headers(self._headers)
        return self._headers

    @property
    def http_response(self) -> httpx.Response:
        """The answer as an `httpx.Response` (already read), with the request that was sent."""
        if self._http_response is None:
            # httpx decodes what it is given as its headers say: give it the body as received.
            # (Its size was checked when the sender decoded it.)
            received = self.content if self._raw_content is None else self._raw_content
            self._http_response = httpx.Response(
                self.status_code, headers=self.headers, content=received, request=self._sent or self.request.to_httpx()
            )
        return self._http_response


Send = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]


class Sender(Protocol):
    """Moves one request and its answer; raises `httpx.TransportError` subclasses on failure."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse: ...

    async def aclose(self) -> None: ...


class HttpxSender:
    """Sends through an `httpx.AsyncClient`, honouring its configuration (proxies, limits, hooks)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        owns_client: bool,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._client = client
        self._owns_client = owns_client
        self._max_response_size = max_response_size
        self._gate = Gate(max_connections)
        self._late: set[asyncio.Future[Any]] = set()  # exchanges whose caller went away, finishing

    @classmethod
    def create(
        cls,
        transport: httpx.AsyncBaseTransport | None,
        *,
        ssl_context: Callable[[], ssl.SSLContext],
        max_connections: int,
        max_response_size: int,
    ) -> HttpxSender:
        """A sender with a client of its own: on `transport` if given, else on a pool it configures."""
        if transport is None:
            transport = _pooled_transport(ssl_context(), ProxySettings.from_environment(), max_connections)
        client = httpx.AsyncClient(
            transport=transport,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # proxies come from ProxySettings; .netrc is never read
            cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # an API client keeps no cookies
        )
        return cls(client, owns_client=True, max_connections=max_connections, max_response_size=max_response_size)

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING  # what BodyReader decodes
        slot = _Slot()
        await self._gate.enter()
        try:
            async with within_deadline(request) as progress:
                response = await self._response_head(request, slot)
                progress.status = response.status_code
                try:
                    return await self._read(request, response)
                finally:
                    await response.aclose()
        finally:
            if not slot.handed_over:
                self._gate.leave()

    async def _response_head(self, request: OutgoingRequest, slot: _Slot) -> httpx.Response:
        """Send, and wait for the status and headers; again when a reused connection was found closed."""
        resends = 0
        while True:
            trace = _ConnectionTrace()
            http_request = self._client.build_request(
                request.method, request.url, headers=request.headers, content=request.content,
                timeout=request.timeout, extensions={"trace": trace},
            )  # fmt: skip
            # httpcore loses a pool slot when a request is cancelled while its connection is being
            # set up (an open upstream bug), so the exchange up to the response head runs in a task
            # of its own that is never cancelled: a caller that goes away (cancelled, or past the
            # deadline) leaves it to finish, and its response is closed then.
            # auth=None: the pipeline sets Authorization itself; stream=True: the body is read here,
            # bounded; redirects are never followed, whatever the client was configured with.
            exchange = asyncio.ensure_future(
                self._client.send(http_request, auth=None, stream=True, follow_redirects=False)
            )
            try:
                return await asyncio.shield(exchange)
            except asyncio.CancelledError:
                slot.handed_over = True  # released by _settle_late once the exchange is over
                self._late.add(exchange)
                exchange.add_done_callback(self._settle_late)
                raise
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                if not trace.reused or resends >= STALE_CONNECTION_RESENDS:
                    raise
                resends += 1  # the server had closed it before answering: the request was not processed
            except httpx.ConnectError as exc:
                if is_certificate_error(exc):
                    raise TLSCertificateError(str(exc)) from exc
                raise

    async def _read(self, request: OutgoingRequest, response: httpx.Response) -> ReceivedResponse:
        limit = self._max_response_size
        try:
            content = response.content  # some transports (MockTransport, the fake) answer already read
        except httpx.ResponseNotRead:
            pass
        else:
            if len(content) > limit:
                raise too_large(request, response.status_code, limit)
            return ReceivedResponse(response.status_code, response.headers, content, request, http_response=response)
        encoding = response.headers.get("Content-Encoding")
        declared = response.headers.get("Content-Length")
        if encoding is None and declared is not None and declared.isdigit() and int(declared) > limit:
            raise too_large(request, response.status_code, limit)  # refused before reading a byte
        reader = BodyReader(encoding, limit)
        try:
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
            content = reader.content
        except BodyTooLarge:
            raise too_large(request, response.status_code, limit) from None
        return ReceivedResponse(
            response.status_code, response.headers, content, request,
            decoding_error=reader.decoding_error, raw_content=reader.raw_content, sent=response.request,
        )  # fmt: skip

    def _settle_late(self, exchange: asyncio.Future[httpx.Response]) -> None:
        """An exchange whose caller went away has finished: close its response, free its slot."""
        self._late.discard(exchange)
        if exchange.cancelled() or exchange.exception() is not None:
            self._gate.leave()
            return
        closing = asyncio.ensure_future(exchange.result().aclose())
        self._late.add(closing)
        closing.add_done_callback(self._closed_late)

    def _closed_late(self, closing: asyncio.Future[None]) -> None:
        self._late.discard(closing)
        self._gate.leave()
        if not closing.cancelled():
            closing.exception()  # retrieved: a failure to close an unwanted response is of no interest

    async def aclose(self) -> None:
        late = list(self._late)
        for exchange in late:
            exchange.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if self._owns_client:
            await self._client.aclose()


class _Slot:
    """One of the sender's `max_connections` places, and whether a late exchange now holds it."""

    __slots__ = ("handed_over",)

    def __init__(self) -> None:
        self.handed_over = False


class _ConnectionTrace:
    """Told by httpcore what happens to one request: whether it went out on a reused connection."""

    __slots__ = ("new_connection", "sent")

    def __init__(self) -> None:
        self.new_connection = False
        self.sent = False

    async def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.started":
            self.new_connection = True
        elif event == "http11.send_request_headers.started":
            self.sent = True

    @property
    def reused(self) -> bool:
        """Sent on a connection from the pool (False when the transport reports nothing)."""
        return self.sent and not self.new_connection


def _pooled_transport(ssl_context: Any, proxies: ProxySettings, max_connections: int) -> httpx.AsyncBaseTransport:
    # As many keep-alive connections as connections: httpx keeps 20 by default, and at 64 calls in
    # flight then opens a new connection for almost every request.
    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=KEEPALIVE_EXPIRY
    )

    def transport(proxy: str | None) -> httpx.AsyncHTTPTransport:
        return httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, proxy=proxy, trust_env=False)

    direct = transport(None)
    return _ProxyRouter(direct, proxies, transport) if proxies else direct


class _ProxyRouter(httpx.AsyncBaseTransport):
    """Sends each request directly or through the proxy `ProxySettings` names for its origin."""

    def __init__(
        self,
        direct: httpx.AsyncBaseTransport,
        proxies: ProxySettings,
        transport: Callable[[str], httpx.AsyncBaseTransport],
    ) -> None:
        self._direct = direct
        self._proxies = proxies
        self._transport = transport
        self._via: dict[str, httpx.AsyncBaseTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        proxy = self._proxies.proxy_for_origin(request.url.scheme, request.url.netloc.decode("ascii"))
        if proxy is None:
            return await self._direct.handle_async_request(request)
        if proxy not in self._via:
            self._via[proxy] = self._transport(proxy)
        return await self._via[proxy].handle_async_request(request)

    async def aclose(self) -> None:
        for transport in [self._direct, *self._via.values()]:
            await transport.aclose()
