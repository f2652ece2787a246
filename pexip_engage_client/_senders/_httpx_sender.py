"""The sender that carries an exchange over httpx2: any httpx2 client or transport.

It works with the default pool it configures, a caller's `http_client`, or a transport such as the
test fake; it honours the client's configuration (proxies, limits, hooks) and adds what every
sender guarantees (the `Sender` protocol, `_senders/__init__.py`): bounded bodies, the attempt's
deadline, the `max_connections` limit and the stale-connection rule. It uses httpx2's public API
only, and httpcore2's `trace` request extension to learn what happened to each request (whether
its connection was a pooled one, whether its headers were written). A caller's client is sent
through (`AsyncClient.send`), so that its configuration applies; the client the sender made itself
has none of what `send` adds (cookies, auth, hooks, redirects), so its transport is called
directly, as httpx2 documents transports (`handle_async_request`): `send` cost about a fifth of a call.

On its own pool the attempt's deadline starts as the exchange begins (a connection being opened,
or the request being written); a caller's transport may report nothing (the test fake,
`MockTransport`), so there it starts with the attempt's turn, and the exchange runs in a task of
its own that a cancelled caller leaves to finish (`_shielded`).
"""

from __future__ import annotations

import asyncio
import datetime
import ssl
import time
from collections.abc import Callable, Coroutine
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import ModuleType
from typing import Any

import httpx2

from ._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    IDEMPOTENT_METHODS,
    STALE_CONNECTION_RESENDS,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from ._body import ACCEPT_ENCODING, OverLimit
from ._deadline import AttemptDeadline
from ._failures import detached, lost_after_sending
from ._httpx_body import already_read, body_reader, pool_limits, refused, streamed, through_client
from ._proxies import ProxyRoutes, ProxySettings


class HttpxSender:
    """Sends through an `httpx2.AsyncClient`, honouring its configuration (proxies, limits, hooks)."""

    def __init__(
        self,
        client: httpx2.AsyncClient,
        *,
        owns_client: bool,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        traced: bool = False,
        direct: httpx2.AsyncBaseTransport | None = None,
        stack: ModuleType = httpx2,
    ) -> None:
        self._client = client
        # httpx2, or httpx for a caller's httpx client or transport (the legacy path): whose
        # errors to catch and how to read its responses. What leaves the sender is httpx2's.
        self._legacy = stack.__name__ != "httpx2"  # httpx2 itself, or the deferred name for it (`_base/lazy_httpx.py`)
        # (httpx2's too on the legacy path: what `lost_after_sending` makes of httpx's is httpx2's)
        self._failures: tuple[type[Exception], ...] = (stack.TransportError, httpx2.TransportError, UndeliveredBody)
        self._stale: tuple[type[Exception], ...] = (stack.RemoteProtocolError, stack.ReadError, stack.WriteError)
        self._not_read: type[Exception] = stack.ResponseNotRead
        self._owns_client = owns_client
        self._max_response_size = max_response_size
        # First come, first served (asyncio's semaphore wakes its waiters in order).
        self._turns = asyncio.Semaphore(max_connections)
        self._late: set[asyncio.Future[Any]] = set()  # exchanges whose caller went away, finishing
        # Whether the transport is httpcore2's, which reports when each exchange begins (see _ExchangeTrace).
        self._traced = traced
        # The transport of the client this sender made itself, called directly (see the module's docstring).
        self._direct = direct

    @classmethod
    def create(
        cls,
        transport: httpx2.AsyncBaseTransport | None,
        *,
        ssl_context: Callable[[], ssl.SSLContext],
        max_connections: int,
        max_response_size: int,
        stack: ModuleType = httpx2,
    ) -> HttpxSender:
        """A sender with a client of its own: on `transport` if given, else on a pool it configures.

        `stack` is the library `transport` comes from: httpx2, or httpx (the legacy path, where
        the caller's transport is sent through httpx's own client, on its public path).
        """
        traced = transport is None
        if transport is None:
            transport = _pooled_transport(ssl_context(), ProxySettings.from_environment(), max_connections)
        client = stack.AsyncClient(
            transport=transport,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # proxies come from ProxySettings; .netrc is never read
            cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # an API client keeps no cookies
        )
        return cls(
            client, owns_client=True, max_connections=max_connections, max_response_size=max_response_size,
            traced=traced, direct=transport if stack.__name__ == "httpx2" else None, stack=stack,
        )  # fmt: skip

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING  # what BodyReader decodes
        slot = _Slot()
        failure: Exception
        await self._turns.acquire()  # the wait for a turn counts against no deadline
        started = time.perf_counter()  # what `elapsed` counts from, as httpx2's client does
        try:
            async with AttemptDeadline(request) as deadline:
                if not self._traced:
                    deadline.start()
                response = await self._response_head(request, slot, deadline)
                deadline.start()  # the body's time, should the transport have reported nothing
                deadline.status = response.status_code
                try:
                    refused(response)
                    return await self._read(request, response)
                finally:
                    await response.aclose()
                    if self._direct is not None:  # what httpx2's client records on closing a response
                        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        except self._failures as exc:
            failure = detached(exc)
        finally:
            if not slot.handed_over:
                self._turns.release()
        raise failure  # out of the except block: the original is not kept as its __context__

    async def _response_head(self, request: OutgoingRequest, slot: _Slot, deadline: AttemptDeadline) -> httpx2.Response:
        """Send, and wait for the status and headers; again when a reused connection was found closed."""
        resends = 0
        while True:
            trace = _ExchangeTrace(deadline if self._traced else None)
            try:
                if self._traced:  # httpcore2's own pool (2.16) drops what a cancelled request leaves
                    return await self._sending(request, trace)
                return await self._shielded(self._sending(request, trace), slot)
            except self._stale as exc:
                # On a reused connection the server may have closed it before the request arrived, or
                # read it and closed without answering: only what cannot be done twice is sent again.
                if (
                    trace.reused
                    and resends < STALE_CONNECTION_RESENDS
                    and (not trace.written or request.method in IDEMPOTENT_METHODS)
                ):
                    resends += 1
                    continue
                if trace.written:
                    raise lost_after_sending(exc) from None
                raise
            finally:
                trace.caller_left()

    def _sending(self, request: OutgoingRequest, trace: _ExchangeTrace) -> Coroutine[Any, Any, httpx2.Response]:
        """The exchange up to the response head: on the transport of the sender's own client, or through a caller's."""
        if self._direct is not None:
            headers = httpx2.Headers(self._client.headers)
            headers.update(request.headers)
            timeout = {"connect": request.timeout.connect, "read": request.timeout.read,
                       "write": request.timeout.write, "pool": request.timeout.pool}  # fmt: skip
            direct = httpx2.Request(
                request.method, request.url, headers=headers, content=request.content,
                extensions={"timeout": timeout, "trace": trace},
            )  # fmt: skip
            return _answered(self._direct, direct)
        sending: Coroutine[Any, Any, httpx2.Response] = through_client(self._client, request, trace)
        return sending

    async def _shielded(self, sending: Coroutine[Any, Any, httpx2.Response], slot: _Slot) -> httpx2.Response:
        """The exchange up to the response head, in a task of its own that the caller's cancellation does not reach.

        httpcore's pool (1.0, under a caller's httpx transport) loses a place for good when a request
        is cancelled after a connection was made for it and before it was opened, so on a transport
        that is not the sender's own httpcore2 pool, a caller that goes away (cancelled, or past the
        deadline) leaves the exchange to finish, and its response is closed then.
        """
        exchange = asyncio.ensure_future(sending)
        try:
            return await asyncio.shield(exchange)
        except asyncio.CancelledError:
            slot.handed_over = True  # released by _settle_late once the exchange is over
            self._late.add(exchange)
            exchange.add_done_callback(self._settle_late)
            raise

    async def _read(self, request: OutgoingRequest, response: httpx2.Response) -> ReceivedResponse:
        limit = self._max_response_size
        # httpcore2's pool streams every body; an exception per call is not free.
        if not self._traced and (whole := already_read(request, response, limit, self._not_read)) is not None:
            return whole
        try:
            reader = body_reader(response, limit)
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
            return streamed(request, response, reader, legacy=self._legacy)
        except OverLimit:
            raise BodyTooLarge(request, response.status_code, limit) from None

    def _settle_late(self, exchange: asyncio.Future[httpx2.Response]) -> None:
        """An exchange whose caller went away has finished: close its response, free its slot."""
        self._late.discard(exchange)
        if exchange.cancelled() or exchange.exception() is not None:
            self._turns.release()
            return
        closing = asyncio.ensure_future(exchange.result().aclose())
        self._late.add(closing)
        closing.add_done_callback(self._closed_late)

    def _closed_late(self, closing: asyncio.Future[None]) -> None:
        self._late.discard(closing)
        self._turns.release()
        if not closing.cancelled():
            closing.exception()  # retrieved: a failure to close an unwanted response is of no interest

    async def aclose(self) -> None:
        late = list(self._late)
        for exchange in late:
            exchange.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if self._owns_client:
            await self._client.aclose()


async def _answered(transport: httpx2.AsyncBaseTransport, request: httpx2.Request) -> httpx2.Response:
    """The transport's answer to `request`, knowing its request, as `AsyncClient.send` makes it."""
    response = await transport.handle_async_request(request)
    response.request = request
    return response


class _Slot:
    """One of the sender's `max_connections` places, and whether a late exchange now holds it."""

    __slots__ = ("handed_over",)

    def __init__(self) -> None:
        self.handed_over = False


class _ExchangeTrace:
    """Told by httpcore2 what happens to one request: where it went out, and whether it was written.

    It also starts the attempt's deadline (when given one) as the exchange begins: when a connection
    is being opened for it, or its headers are being written on a reused one. Until then the request
    waits in httpcore2's pool, bounded by httpx2's pool timeout. (The `trace` request extension is
    httpcore2's documented way to be told.)
    """

    __slots__ = ("_deadline", "new_connection", "sent", "written")

    def __init__(self, deadline: AttemptDeadline | None) -> None:
        self._deadline = deadline
        self.new_connection = False
        self.sent = False  # its headers were being written
        self.written = False  # they were written (handed to the socket): the server may have them

    async def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.started":
            self.new_connection = True
            self._begin()
        elif event == "http11.send_request_headers.started":
            self.sent = True
            self._begin()
        elif event == "http11.send_request_headers.complete":
            self.written = True

    def _begin(self) -> None:
        if self._deadline is not None:
            self._deadline.start()
            self._deadline = None

    def caller_left(self) -> None:
        """The caller no longer waits for this exchange: its deadline is no longer this trace's to start."""
        self._deadline = None

    @property
    def reused(self) -> bool:
        """Sent on a connection from the pool (False when the transport reports nothing)."""
        return self.sent and not self.new_connection


def _pooled_transport(ssl_context: Any, proxies: ProxySettings, max_connections: int) -> httpx2.AsyncBaseTransport:
    """The sender's own transport: httpx2's pool, directly or through the proxy the environment names."""
    limits = pool_limits(max_connections)

    def transport(proxy: str | None) -> httpx2.AsyncHTTPTransport:
        return httpx2.AsyncHTTPTransport(verify=ssl_context, limits=limits, proxy=proxy, trust_env=False)

    direct = transport(None)
    # Each proxy's transport is made when first used, of the same httpcore2 as the direct one.
    return _ProxyRouter(ProxyRoutes(direct, proxies, transport)) if proxies else direct


class _ProxyRouter(httpx2.AsyncBaseTransport):
    """Sends each request directly or through the proxy `ProxySettings` names for its origin."""

    def __init__(self, routes: ProxyRoutes[httpx2.AsyncBaseTransport]) -> None:
        self._routes = routes

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        transport = self._routes.for_origin(request.url.scheme, request.url.netloc.decode("ascii"))
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        for transport in self._routes.every():
            await transport.aclose()
