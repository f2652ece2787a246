"""The sender that carries an exchange over httpx2: any httpx2 client or transport.

It works with the default pool it configures, a caller's `http_client`, or a transport such as the
test fake; it honours the client's configuration (proxies, limits, hooks) and adds what every
sender guarantees (the `Sender` protocol, `_senders/__init__.py`): bounded bodies, the attempt's
deadline, the `max_connections` gate and the stale-connection rule.

Its own pool and client take a private path when the installed httpx2 and httpcore2 are ones it was
written for (`_httpcore_internals.py`, the one module that touches their private parts, decides once,
when the sender is made): httpcore2's pool with a cheaper assignment pass, and the client's transport
called directly; otherwise httpx2's public path, `AsyncClient.send` on httpcore2's own pool.

What happened to each request, it learns from its own pool on the private path (`_PromptAssignment`
says whether the request got a pooled connection or a new one), and otherwise, or when it must
know whether a write's headers were written, from httpcore2's trace (the `trace` request
extension). On its own pool the attempt's deadline starts there, as the exchange begins (see
`_deadline.py`); a caller's transport may report nothing (the test fake, `MockTransport`), so there
it starts with the attempt's turn. On its own pool an exchange runs in the caller's task; on a
caller's transport, in a task of its own that a cancelled caller leaves to finish (`_shielded`).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable, Coroutine
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import ModuleType
from typing import Any

import httpx2

from . import _httpcore_internals
from ._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    IDEMPOTENT_METHODS,
    KEEPALIVE_EXPIRY,
    STALE_CONNECTION_RESENDS,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from ._body import ACCEPT_ENCODING, OverLimit
from ._deadline import AttemptDeadline, Deadlines
from ._failures import detached, lost_after_sending
from ._gate import Gate
from ._httpx_body import already_read, astuple, body_reader, refused, streamed
from ._proxies import ProxySettings


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
        pool_reports: bool = False,
        direct: httpx2.AsyncBaseTransport | None = None,
        stack: ModuleType = httpx2,
    ) -> None:
        self._client = client
        # httpx2, or httpx for a caller's httpx client or transport (the legacy path): whose
        # errors to catch and how to read its responses. What leaves the sender is httpx2's.
        self._legacy = stack is not httpx2
        # (httpx2's too on the legacy path: what `lost_after_sending` makes of httpx's is httpx2's)
        self._failures: tuple[type[Exception], ...] = (stack.TransportError, httpx2.TransportError, UndeliveredBody)
        self._stale: tuple[type[Exception], ...] = (stack.RemoteProtocolError, stack.ReadError, stack.WriteError)
        self._not_read: type[Exception] = stack.ResponseNotRead
        self._owns_client = owns_client
        # The transport of a client this sender configured itself (`create`), which it calls
        # directly: see `_sending`.
        self._direct = direct
        self._max_response_size = max_response_size
        self._gate = Gate(max_connections)
        self._deadlines = Deadlines()
        self._late: set[asyncio.Future[Any]] = set()  # exchanges whose caller went away, finishing
        # Whether the transport is httpcore2's, which reports when each exchange begins (see _ExchangeTrace).
        self._traced = traced
        # Whether its pool is a _PromptAssignment, which tells each exchange the connection it was given.
        self._pool_reports = pool_reports

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
        # On an httpx2 and httpcore2 it was written for, the private path: the sender's own pools take
        # the prompt assignment, and its client's transport is called directly (_httpcore_internals).
        traced = transport is None
        # A caller's transport is only called directly: httpcore2's parts (and httpcore2) are not needed.
        if stack is not httpx2:
            private = False
        elif traced:
            private = _httpcore_internals.private_path_fits()
        else:
            private = _httpcore_internals.direct_call_fits()
        pool_reports = traced and private
        if transport is None:
            transport = _pooled_transport(
                ssl_context(), ProxySettings.from_environment(), max_connections, prompt=private
            )
        client = stack.AsyncClient(
            transport=transport,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # proxies come from ProxySettings; .netrc is never read
            cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # an API client keeps no cookies
        )
        return cls(
            client, owns_client=True, max_connections=max_connections, max_response_size=max_response_size,
            traced=traced, pool_reports=pool_reports, direct=transport if private else None, stack=stack,
        )  # fmt: skip

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING  # what BodyReader decodes
        slot = _Slot()
        failure: Exception
        started = time.perf_counter()  # what `elapsed` counts from, as httpx2's does: the wait for a connection too
        if not self._gate.try_enter():  # while a place is free, as it nearly always is, no coroutine to wait in
            await self._gate.enter()
        try:
            with self._deadlines.attempt(request) as deadline:
                loop = asyncio.get_running_loop()
                if not self._traced:
                    deadline.start(loop)
                response = await self._response_head(request, slot, deadline)
                deadline.start(loop)  # the body's time, should the transport have reported nothing
                deadline.status = response.status_code
                try:
                    refused(response)
                    return await self._read(request, response)
                finally:
                    await response.aclose()
                    if self._direct is not None:  # what httpx2's client would have recorded on closing it
                        _httpcore_internals.record_elapsed(response, started)
        except self._failures as exc:
            failure = detached(exc)
        finally:
            if not slot.handed_over:
                self._gate.leave()
        raise failure  # out of the except block: the original is not kept as its __context__

    async def _response_head(self, request: OutgoingRequest, slot: _Slot, deadline: AttemptDeadline) -> httpx2.Response:
        """Send, and wait for the status and headers; again when a reused connection was found closed."""
        resends = 0
        caller = asyncio.current_task()
        # A request that may be sent twice needs to know only whether its connection was a pooled
        # one, which the pool tells it (when it is ours); httpcore2's trace, which calls back twice
        # for every step of every exchange, is kept for those that must not be, to learn whether
        # their headers were written.
        reported = self._pool_reports and request.method in IDEMPOTENT_METHODS
        while True:
            trace = _ExchangeTrace(deadline if self._traced else None, caller)
            sending = self._sending(request, {_httpcore_internals.EXCHANGE: trace} if reported else {"trace": trace})
            try:
                if self._pool_reports:  # our own pool: a cancelled exchange leaves it whole (_PromptAssignment)
                    return await sending
                return await self._shielded(sending, slot)
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

    def _sending(self, request: OutgoingRequest, extensions: dict[str, Any]) -> Coroutine[Any, Any, httpx2.Response]:
        """The exchange up to the response head, for the caller to await.

        A client this sender configured itself, on the private path, has its transport called
        directly (`_httpcore_internals.send_direct`); any other is sent through, so that a
        caller's configuration applies.
        """
        if self._direct is not None:
            return _httpcore_internals.send_direct(self._client, self._direct, request, extensions)
        # As a tuple: what httpx2's client and httpx's (the legacy path) both read, from either kind of timeout.
        http_request = self._client.build_request(
            request.method, request.url, headers=request.headers, content=request.content,
            timeout=astuple(request.timeout), extensions=extensions,
        )  # fmt: skip
        # auth=None: the pipeline sets Authorization itself; stream=True: the body is read here,
        # bounded; redirects are never followed, whatever the client was configured with.
        return self._client.send(http_request, auth=None, stream=True, follow_redirects=False)

    async def _shielded(self, sending: Coroutine[Any, Any, httpx2.Response], slot: _Slot) -> httpx2.Response:
        """The exchange up to the response head, in a task of its own that the caller's cancellation does not reach.

        httpcore2's own pool loses a place for good when a request is cancelled after a connection
        was made for it and before it was opened (an open upstream bug), so on a transport that may
        be one, a caller that goes away (cancelled, or past the deadline) leaves the exchange to
        finish, and its response is closed then.
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
        self._deadlines.close()
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


class _ExchangeTrace:
    """Told by httpcore2 what happens to one request: where it went out, and whether it was written.

    It also starts the attempt's deadline (when given one) as the exchange begins: when a connection
    is being opened for it, or its headers are being written on a reused one. Until then the request
    waits in httpcore2's pool, bounded by httpx2's pool timeout.
    """

    __slots__ = ("_caller", "_deadline", "new_connection", "sent", "written")

    def __init__(self, deadline: AttemptDeadline | None, caller: asyncio.Task[Any] | None) -> None:
        self._deadline = deadline
        self._caller = caller  # the task in the attempt's `with` block: the deadline cancels it
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

    def assigned(self, reused: bool) -> None:
        """Told by the pool (`_PromptAssignment`) that the exchange begins, on a pooled connection or a new one."""
        self.sent = True
        self.new_connection = not reused
        self._begin()

    def _begin(self) -> None:
        if self._deadline is not None and self._caller is not None:
            self._deadline.start(self._caller.get_loop(), self._caller)
            self._deadline = None

    def caller_left(self) -> None:
        """The caller no longer waits for this exchange: its deadline is no longer this trace's to start."""
        self._deadline = None

    @property
    def reused(self) -> bool:
        """Sent on a connection from the pool (False when the transport reports nothing)."""
        return self.sent and not self.new_connection


def _pooled_transport(
    ssl_context: Any, proxies: ProxySettings, max_connections: int, *, prompt: bool
) -> httpx2.AsyncBaseTransport:
    """The sender's own transport; with `prompt`, its pools take `_httpcore_internals`' assignment pass."""
    # As many keep-alive connections as connections: httpx2 keeps 20 by default, and at 64 calls in
    # flight then opens a new connection for almost every request.
    limits = httpx2.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=KEEPALIVE_EXPIRY
    )

    def transport(proxy: str | None) -> httpx2.AsyncHTTPTransport:
        pooled = httpx2.AsyncHTTPTransport(verify=ssl_context, limits=limits, proxy=proxy, trust_env=False)
        if prompt:
            _httpcore_internals.prompt_pool(pooled)
        return pooled

    direct = transport(None)
    if proxies:
        # Each proxy's transport is made when first used, of the same httpcore2 as the direct one.
        return _ProxyRouter(direct, proxies, transport)
    return direct


class _ProxyRouter(httpx2.AsyncBaseTransport):
    """Sends each request directly or through the proxy `ProxySettings` names for its origin."""

    def __init__(
        self,
        direct: httpx2.AsyncBaseTransport,
        proxies: ProxySettings,
        transport: Callable[[str], httpx2.AsyncBaseTransport],
    ) -> None:
        self._direct = direct
        self._proxies = proxies
        self._transport = transport
        self._via: dict[str, httpx2.AsyncBaseTransport] = {}

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        proxy = self._proxies.proxy_for_origin(request.url.scheme, request.url.netloc.decode("ascii"))
        if proxy is None:
            return await self._direct.handle_async_request(request)
        if proxy not in self._via:
            self._via[proxy] = self._transport(proxy)
        return await self._via[proxy].handle_async_request(request)

    async def aclose(self) -> None:
        for transport in [self._direct, *self._via.values()]:
            await transport.aclose()
