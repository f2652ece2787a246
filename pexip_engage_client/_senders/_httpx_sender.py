"""The httpx2 sender: each exchange through an `httpx2.AsyncClient`, as configured.

The client is the sender's own (`create`) or a caller's `http_client`. Its sync twin shields nothing
and checks the deadline as each chunk arrives.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Callable, Coroutine
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import ModuleType
from typing import Any

import httpx2

from .._base.is_async import is_async
from ._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    IDEMPOTENT_METHODS,
    KEEPALIVE_EXPIRY,
    MAX_KEEPALIVE,
    STALE_CONNECTION_RESENDS,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from ._body import ACCEPT_ENCODING, OverLimit, decoded
from ._deadline import AttemptDeadline
from ._heads import read_head
from ._proxies import proxy_mounts


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
        stack: ModuleType = httpx2,
    ) -> None:
        self._client = client
        # `stack`: httpx2, or httpx on the legacy path (whose errors leave the sender as httpx2's).
        self._legacy = stack.__name__ != "httpx2"
        self._failures: tuple[type[Exception], ...] = (stack.TransportError, httpx2.TransportError, UndeliveredBody)
        self._stale: tuple[type[Exception], ...] = (stack.RemoteProtocolError, stack.ReadError, stack.WriteError)
        self._owns_client = owns_client
        self._max_response_size = max_response_size
        self._turns = asyncio.Semaphore(max_connections)
        if is_async():
            self._late: set[asyncio.Future[None]] = set()  # exchanges whose caller went away, finishing
        self._traced = traced  # httpcore2's own pool, which reports when each exchange begins

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
        """A sender with a client of its own, on `transport` (from `stack`: httpx2 or httpx) or its own pool."""
        own: dict[str, Any] = {
            "headers": {"User-Agent": USER_AGENT},
            "trust_env": False,  # proxies come from `proxy_mounts`; .netrc is never read
            "cookies": CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # an API client keeps no cookies
        }
        if transport is not None:
            client = stack.AsyncClient(transport=transport, **own)
        else:
            context, limits = ssl_context(), pool_limits(max_connections)

            def through(proxy: str) -> httpx2.AsyncHTTPTransport:
                return httpx2.AsyncHTTPTransport(verify=context, limits=limits, proxy=proxy, trust_env=False)

            client = httpx2.AsyncClient(verify=context, limits=limits, mounts=proxy_mounts(through), **own)
        # Every request carries its own (the pipeline's Accept, `send`'s Accept-Encoding): httpx2's defaults for
        # them would only be replaced on each, and replacing a header costs a tenth of what the client adds to a call.
        del client.headers["Accept"], client.headers["Accept-Encoding"]
        return cls(
            client,
            owns_client=True,
            max_connections=max_connections,
            max_response_size=max_response_size,
            traced=transport is None,
            stack=stack,
        )

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING  # what `_body.decoded` decodes
        slot = _Slot()
        failure: Exception
        await self._turns.acquire()  # the wait for a turn counts against no deadline
        try:
            async with AttemptDeadline(request) as deadline:
                if not self._traced:
                    deadline.start()
                response = await self._response_head(request, slot, deadline)
                deadline.start()  # the body's time, should the transport have reported nothing
                deadline.status = response.status_code
                try:
                    return await self._read(request, response, deadline)
                finally:
                    await response.aclose()
        except self._failures as exc:
            from ._failures import detached  # noqa: PLC0415 - only on a failure (it runs httpx2's errors)

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
                if is_async():  # noqa: SIM102 - one test is kept by the sync twin: a thread is never cancelled
                    if not self._traced:  # httpcore2's own pool (2.16) drops what a cancelled request leaves
                        return await self._shielded(self._sending(request, trace), slot)
                return await self._sending(request, trace)
            except self._stale as exc:
                if (  # the stale-connection rule: docs/errors-and-retries.md
                    trace.reused
                    and resends < STALE_CONNECTION_RESENDS
                    and (not trace.written or request.method in IDEMPOTENT_METHODS)
                ):
                    resends += 1
                    continue
                if trace.written:
                    from ._failures import lost_after_sending  # noqa: PLC0415 - only on a failure (it runs httpx2's errors)

                    raise lost_after_sending(exc) from None
                raise
            finally:
                trace.caller_left()

    async def _sending(self, request: OutgoingRequest, trace: _ExchangeTrace) -> httpx2.Response:
        """The exchange up to the response head (timeouts as the documented `timeout` extension; the body bounded)."""
        timeout = request.timeout  # as the dict the extension holds, so that no `Timeout` is made for each request
        timeouts = {"connect": timeout.connect, "read": timeout.read, "write": timeout.write, "pool": timeout.pool}
        sent = self._client.build_request(
            request.method,
            request.url,
            headers=request.headers,
            content=request.content,
            extensions={"trace": trace, "timeout": timeouts},
        )
        trace.extensions = sent.extensions  # the dict httpcore2 reads the trace from, as each step begins
        response: httpx2.Response = await self._client.send(sent, auth=None, stream=True, follow_redirects=False)
        return response

    async def _shielded(self, sending: Coroutine[Any, Any, httpx2.Response], slot: _Slot) -> httpx2.Response:
        """The exchange up to the response head, in a task the caller's cancellation does not reach.

        httpcore's pool (1.0, under a caller's httpx transport) loses a place for good when a request
        is cancelled between making its connection and opening it: the exchange is left to finish.
        """
        exchange = asyncio.ensure_future(sending)
        try:
            return await asyncio.shield(exchange)
        except asyncio.CancelledError:
            slot.handed_over = True  # released by _finish_late once the exchange is over
            finishing = asyncio.ensure_future(self._finish_late(exchange))
            self._late.add(finishing)
            finishing.add_done_callback(self._late.discard)
            raise

    async def _read(
        self, request: OutgoingRequest, response: httpx2.Response, deadline: AttemptDeadline
    ) -> ReceivedResponse:
        limit = self._max_response_size
        refusal, over_limit, encoding = read_head(response.headers.raw, limit)
        if refusal is not None:  # h11 read its framing already, and refused what it finds ambiguous
            from ._failures import lost_after_sending  # noqa: PLC0415 - only on a failure (it runs httpx2's errors)

            raise lost_after_sending(httpx2.RemoteProtocolError(refusal))
        status, headers = response.status_code, response.headers
        kept = headers.raw if self._legacy else headers  # httpx's, read as httpx2's (`http_response` is httpx2's)
        if response.is_stream_consumed:  # a transport that answered with the body read (MockTransport, the fake)
            if len(response.content) > limit:
                raise BodyTooLarge(request, status, limit)
            if self._legacy:
                return ReceivedResponse(status, kept, response.content, request, streamed=response)
            return ReceivedResponse(status, headers, response.content, request, http_response=response)
        if over_limit:
            raise BodyTooLarge(request, status, limit)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_raw():
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(request, status, limit)
            chunks.append(chunk)
            if not is_async():
                deadline.check()  # a body dripping in, each chunk within the read timeout
        raw = b"".join(chunks)
        try:
            content, decoding_error = decoded(raw, encoding, limit)
        except OverLimit:
            raise BodyTooLarge(request, status, limit) from None
        return ReceivedResponse(
            status, kept, content, request, decoding_error=decoding_error, raw_content=raw, streamed=response,
        )  # fmt: skip

    async def _finish_late(self, exchange: asyncio.Future[httpx2.Response]) -> None:
        """An exchange whose caller went away: close its response once it has one, then free its slot."""
        try:
            with contextlib.suppress(Exception):  # a failure of an unwanted exchange is of no interest
                response = await exchange
                await response.aclose()
        finally:
            self._turns.release()

    async def aclose(self) -> None:
        if is_async():
            late = list(self._late)
            for exchange in late:
                exchange.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        if self._owns_client:
            await self._client.aclose()


def pool_limits(max_connections: int) -> httpx2.Limits:
    """The limits of a pool a sender makes (why these: docs/choosing-the-sender.md)."""
    return httpx2.Limits(
        max_connections=max_connections,
        max_keepalive_connections=min(max_connections, MAX_KEEPALIVE),
        keepalive_expiry=KEEPALIVE_EXPIRY,
    )


class _Slot:
    """One of the sender's `max_connections` places, and whether a late exchange now holds it."""

    __slots__ = ("handed_over",)

    def __init__(self) -> None:
        self.handed_over = False


class _ExchangeTrace:
    """Told by httpcore2's `trace` extension where one request went out and whether it was written.

    It starts the attempt's deadline (when given one) as the exchange begins; until then the request
    waits in the pool, bounded by the pool timeout. Once the headers are written it has learnt all it
    needs, and leaves the request's extensions: httpcore2 then reports none of the exchange's later
    steps (each report is a call of its own; an exchange has eight more).
    """

    __slots__ = ("_deadline", "extensions", "new_connection", "sent", "written")

    def __init__(self, deadline: AttemptDeadline | None) -> None:
        self._deadline = deadline
        self.extensions: dict[str, Any] = {}  # the sent request's, which hold this trace
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
            self.extensions.pop("trace", None)

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
