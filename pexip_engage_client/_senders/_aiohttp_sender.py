"""The `fast` extra (`pip install pexip-engage-client[fast]`, then `http_backend="aiohttp"`).

httpx's connection pool and its per-request objects (URL parsing, request and response models) cost
more than parsing the answer does; aiohttp's C-accelerated HTTP parser does not. This sender hands
aiohttp the already-encoded URL, the final headers and the body bytes, and returns status, raw
headers and body without building an httpx object.

It uses aiohttp's connection layer (its connector, request and response) without its
`ClientSession`: the session's request method prepares what this client never uses (redirects,
cookies, authentication, trace hooks, middlewares, a total timeout, its own resend of an idempotent
request) at a cost per call larger than all of this client's own work, and is the reason a client on
top of it could not be as quick as a bare `session.get`. What the session would have done for a
request like ours is done here, in the order it does it (`_AiohttpInternals.exchange`).

It is configured to behave as the httpx sender does (see `_senders/__init__.py`): the same TLS
context and proxies, no `.netrc`, no cookies, header limits raised to what httpx accepts, and no
resend that `max_retries` does not count (the stale-connection rule covers what aiohttp's was for).

Every step on the way of each request is kept cheaper than aiohttp's own, because timers cost more
than anything else per call (each is a Python object on the event loop's heap, set and cancelled):

- the attempt's deadline (connect plus read timeouts) is kept by `_deadline.Deadlines`, with no
  timer of its own, started when the call's turn comes; it replaces aiohttp's `total` timeout,
  which would start before the wait for a connection and costs a timer per call. It also bounds
  the wait for the response head (httpx ends that wait sooner, after the read timeout);
- the read timeout, which httpx restarts with every chunk, is armed only while a body is still
  arriving after its head: a small answer that came whole with its head never sets that timer;
- stale connections are recognised by marking the attempts that open a new connection, which costs
  nothing on a reused one; before a request that is not idempotent goes out on a reused connection,
  the sender looks whether the server has closed it (see `_senders/__init__.py`), which costs one
  system call that an idempotent request, sent again if need be, does not pay.

Calls beyond `max_connections` wait for their turn in our `Gate`, first come, first served, after
aiohttp's request object is made (aiohttp's own queue lets a newly arrived request take a
connection that a waiting one was just woken for). Waiting after making it matters for speed: a
finished call's garbage and its successor's allocations then fall in the same turn of the event
loop, and CPython's cyclic collector, which runs after so many allocations, runs far less often
under a queue.

aiohttp's failures are translated into the httpx exceptions they correspond to, because the retry
rules depend on the difference between a request that never left (connect errors) and one that
may have reached the server (read errors).
"""

from __future__ import annotations

import asyncio
import select
import time
from typing import TYPE_CHECKING

import aiohttp
from aiohttp.client_reqrep import ClientRequest, ClientResponse
from aiohttp.hdrs import CONTENT_ENCODING
from yarl import URL

from . import (
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
from ._body import ACCEPT_ENCODING, BodyReader, OverLimit
from ._deadline import AttemptDeadline, Deadlines
from ._failures import TLSCertificateError, detached, lost_after_sending
from ._gate import Gate
from ._proxies import ProxySettings

if TYPE_CHECKING:
    import ssl

    import httpx
    from aiohttp.client_proto import ResponseHandler
    from aiohttp.connector import Connection
    from aiohttp.tracing import Trace
else:
    from .._runtime.lazy_httpx import httpx  # executed on first use

# Response header limits at least as generous as httpx's (which takes up to 100 KiB of headers):
# real responses carry 9 KB cookies and 200 headers; aiohttp's defaults (8,190 bytes, 128) refuse them.
MAX_HEADER_LINE = 64 * 1024
MAX_HEADERS = 512


class _Attempt(AttemptDeadline):
    """One exchange, as the sender and its connector share it (through the request, `_Request.attempt`)."""

    __slots__ = ("has_place", "new_connection")

    def __init__(self, deadlines: Deadlines, request: OutgoingRequest) -> None:
        super().__init__(deadlines, request)
        self.has_place = False  # one of the Gate's places, given back by the sender
        self.new_connection = False


class _Request(ClientRequest):
    """aiohttp's request, with the attempt it belongs to: the connector tells it when it opens a connection for it."""

    attempt: _Attempt


class _AiohttpInternals(aiohttp.TCPConnector):
    """aiohttp's TCPConnector, and every use this sender makes of what aiohttp does not document.

    Nothing else in this module touches a private part of aiohttp. Each use below is checked against
    the pinned aiohttp by `tests/senders/test_senders.py` (`test_the_aiohttp_internals_hold_on_the_pinned_aiohttp`),
    so that an aiohttp that renames or reshapes one fails there, loudly, instead of quietly losing
    what it is for:

    - `_create_connection`, the connector's step that opens a new connection: overridden to mark
      the request's attempt as one on a new connection (the stale-connection rule needs to know,
      and an exchange on a pooled connection pays nothing for it);
    - the exchange `ClientSession._request` makes on a connection (`exchange`): the response
      parser's settings, `ClientRequest.send` and `ClientResponse.start`;
    - the read timeout of the connection's `ResponseHandler` (`bound_silence`);
    - the body stream's `is_eof()` and `total_bytes` (`arrived_size`).
    """

    async def _create_connection(
        self,
        req: ClientRequest,
        traces: list[Trace],
        timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 - aiohttp's signature
    ) -> ResponseHandler:
        if isinstance(req, _Request):
            req.attempt.new_connection = True
        return await super()._create_connection(req, traces, timeout)

    @staticmethod
    async def exchange(request: ClientRequest, connection: Connection) -> ClientResponse:
        """Send `request` on `connection` and read the response head, as `ClientSession` does.

        The body is left as it came: no decompression (`BodyReader` decodes, bounded), and no read
        timeout until `bound_silence` sets one. A failure closes the connection.
        """
        protocol = connection.protocol
        assert protocol is not None  # a connection the connector just gave out  # noqa: S101
        protocol.set_response_params(
            skip_payload=request.method == "HEAD",
            read_until_eof=True,
            auto_decompress=False,
            max_line_size=MAX_HEADER_LINE,
            max_field_size=MAX_HEADER_LINE,
            max_headers=MAX_HEADERS,
        )
        try:
            response = await request.send(connection)
            try:
                await response.start(connection)
            except BaseException:
                response.close()
                raise
        except BaseException:
            connection.close()
            raise
        return response

    @staticmethod
    def bound_silence(response: aiohttp.ClientResponse, read_timeout: float | None) -> None:
        """While the body is still arriving, a silence longer than the read timeout ends the attempt.

        The caller checks that the body is still arriving: most answers came whole with their head.

        aiohttp's socket read timeout is restarted with every chunk, as httpx's read timeout is; it
        stops at the end of the body (aiohttp drops it then) or when the connection closes.
        """
        connection = response.connection
        if read_timeout and connection is not None and connection.protocol is not None:
            connection.protocol.read_timeout = read_timeout
            connection.protocol.start_timeout()

    @staticmethod
    def arrived_size(body: aiohttp.StreamReader) -> int | None:
        """The size of a body that came whole with its head, as most small ones do; None while it is arriving."""
        return body.total_bytes if body.is_eof() else None


class AiohttpSender:
    """Sends through an aiohttp connector, created lazily inside the running event loop."""

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
        proxies = ProxySettings.from_environment()
        self._proxies = proxies if proxies else None
        self._gate = Gate(max_connections)
        self._deadlines = Deadlines()
        # The connector (its pool of connections) and the event loop it belongs to, once opened.
        self._pool: tuple[_AiohttpInternals, asyncio.AbstractEventLoop] | None = None
        self._closed = False
        # The last timeout converted to aiohttp's form: calls nearly always use the client's own.
        self._last_timeout: tuple[httpx.Timeout, aiohttp.ClientTimeout] | None = None

    def _open_pool(self) -> tuple[_AiohttpInternals, asyncio.AbstractEventLoop]:
        if self._closed:
            raise RuntimeError("the client is closed")  # never reopen: nothing would close it again
        connector = _AiohttpInternals(
            limit=self._max_connections, ssl=self._ssl_context, keepalive_timeout=KEEPALIVE_EXPIRY
        )
        self._pool = (connector, asyncio.get_running_loop())
        return self._pool

    def _timeout(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        """aiohttp's form of a timeout: only the socket connect; the deadline is the sender's own."""
        last = self._last_timeout
        if last is not None and last[0] is timeout:
            return last[1]
        # No `total` and no `connect`: both would start before the call's turn has come.
        converted = aiohttp.ClientTimeout(total=None, connect=None, sock_connect=timeout.connect, sock_read=None)
        self._last_timeout = (timeout, converted)
        return converted

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # Set here rather than as defaults, so that the request shows what was sent (and aiohttp adds
        # no User-Agent of its own: it only fills in headers that are absent). No local holds the
        # headers: a frame of this method may be in a traceback, and they hold the token.
        if "User-Agent" not in request.headers:
            request.headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        started = time.perf_counter()  # what `elapsed` counts from, as httpx's does: the wait for a connection too
        attempt = _Attempt(self._deadlines, request)
        failure: Exception
        try:
            with attempt:
                try:
                    response = await self._exchange(request, attempt)
                except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                    response = await self._resend_on_fresh_connection(exc, request, attempt)
                attempt.status = status = response.status
                try:
                    arrived = _AiohttpInternals.arrived_size(response.content)
                    if arrived is None:
                        _AiohttpInternals.bound_silence(response, request.timeout.read)
                    if CONTENT_ENCODING not in response.headers:  # (an istr: looked up without case folding)
                        # A plain body of known length: its size is checked, then it is read at once
                        # (aiohttp reads no more than Content-Length). One that arrived is counted.
                        length = response.content_length if arrived is None else arrived
                        if length is not None:
                            if length > self._max_response_size:  # refused before reading (more of) it
                                raise BodyTooLarge(request, status, self._max_response_size)
                            content = await response.read()
                            return ReceivedResponse(
                                status, response.raw_headers, content, request,
                                http_version=response.version, elapsed=time.perf_counter() - started,
                            )  # fmt: skip
                    content, reader = await self._read_encoded(request, response)
                    return ReceivedResponse(
                        status, response.raw_headers, content, request,
                        decoding_error=reader.decoding_error, raw_content=reader.raw_content,
                        http_version=response.version, elapsed=time.perf_counter() - started,
                    )  # fmt: skip
                finally:
                    response.release()
        except (aiohttp.ClientError, TimeoutError) as exc:  # the deadline's own error is an httpx one
            failure = _as_httpx_error(exc)
        except (httpx.TransportError, UndeliveredBody) as exc:
            failure = detached(exc)
        finally:
            if attempt.has_place:
                self._gate.leave()
        # Out of the except block, so that the original is not kept as its __context__: aiohttp's
        # frames in that one's traceback hold the headers and body.
        raise failure

    async def _exchange(self, request: OutgoingRequest, attempt: _Attempt) -> aiohttp.ClientResponse:
        """The exchange up to the response head, once the attempt's turn has come, on a pooled or a new connection."""
        connector, loop = self._pool or self._open_pool()
        proxy = self._proxies.proxy_for(request.url) if self._proxies else None
        outgoing = _Request(
            request.method, URL(request.url, encoded=True),  # percent-encoded path parameters kept as they are
            headers=request.headers, data=request.content, loop=loop, proxy=None if proxy is None else URL(proxy),
        )  # fmt: skip
        outgoing.attempt = attempt
        if not attempt.has_place:  # a resend after a stale connection keeps its place
            # While a place is free, as it nearly always is, taking it waits for nothing.
            if not self._gate.try_enter():
                await self._gate.enter()  # its time does not count against the deadline
            attempt.has_place = True
            attempt.start(loop)
        limits = self._timeout(request.timeout)
        connection = await self._connection(connector, outgoing, limits)
        # A write is never sent twice, so it must not go out on a connection the server has closed
        # while it sat in the pool: one whose close the event loop has not processed yet. (An
        # idempotent request is sent again if its connection turns out to be closed.)
        if request.method not in IDEMPOTENT_METHODS:
            while not attempt.new_connection and _closed_by_server(connection):
                connection.close()
                connection = await self._connection(connector, outgoing, limits)
        try:
            return await _AiohttpInternals.exchange(outgoing, connection)
        except OSError as exc:  # as ClientSession reports a socket's failure
            if isinstance(exc, aiohttp.ClientError | TimeoutError):
                raise
            raise aiohttp.ClientOSError(*exc.args) from exc

    async def _connection(
        self, connector: _AiohttpInternals, outgoing: _Request, limits: aiohttp.ClientTimeout
    ) -> Connection:
        """A connection for `outgoing` from the pool, or a new one within the connect timeout."""
        try:
            return await connector.connect(outgoing, [], limits)
        except TimeoutError as exc:  # the socket's connect timeout, as ClientSession reports it
            if isinstance(exc, aiohttp.ClientError):
                raise
            raise aiohttp.ConnectionTimeoutError(f"Connection timeout to host {outgoing.url}") from exc

    async def _resend_on_fresh_connection(
        self, failure: aiohttp.ClientError, request: OutgoingRequest, attempt: _Attempt
    ) -> aiohttp.ClientResponse:
        """Send an idempotent request again while it failed on a pooled connection that the server had closed.

        The resend keeps the attempt's place and its deadline. A request that is not idempotent is
        never sent again: aiohttp buffers its writes, so once it had a connection it may have
        reached the server, and its error says so (see `_senders/__init__.py`). A failure to connect
        is raised as it is.
        """
        resends = 0
        while True:
            if isinstance(failure, aiohttp.ClientConnectorError):
                raise failure
            reused = not attempt.new_connection
            if not (reused and request.method in IDEMPOTENT_METHODS and resends < STALE_CONNECTION_RESENDS):
                raise lost_after_sending(_as_httpx_error(failure))
            resends += 1
            attempt.new_connection = False
            try:
                return await self._exchange(request, attempt)
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                failure = exc

    async def _read_encoded(
        self, request: OutgoingRequest, response: aiohttp.ClientResponse
    ) -> tuple[bytes, BodyReader]:
        """A body of unknown length or with a Content-Encoding, decoded and bounded as it arrives."""
        reader = BodyReader(response.headers.get("Content-Encoding"), self._max_response_size)
        try:
            async for chunk in response.content.iter_any():
                reader.feed(chunk)
            return reader.content, reader  # ending the decoding may still find the body too large
        except OverLimit:
            raise BodyTooLarge(request, response.status, self._max_response_size) from None

    async def aclose(self) -> None:
        self._closed = True
        self._deadlines.close()
        if self._pool is not None:
            await self._pool[0].close()


def _closed_by_server(connection: Connection) -> bool:
    """Whether a pooled connection's socket is readable: an idle one has nothing to read but the server's close."""
    transport = connection.transport
    sock = None if transport is None else transport.get_extra_info("socket")
    if sock is None or sock.fileno() < 0:
        return True
    if hasattr(select, "poll"):  # select() refuses file descriptors past FD_SETSIZE
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([sock], [], [], 0)[0])  # pragma: no cover - Windows


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
