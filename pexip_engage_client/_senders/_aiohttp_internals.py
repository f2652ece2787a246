"""The aiohttp sender's private path: aiohttp's connector, request and response driven without `ClientSession`.

Nothing else in the package touches a part of aiohttp that aiohttp does not document.

What it works around: aiohttp offers no public way to send a request but `ClientSession`, whose
request method prepares per call what this client never uses (redirects, cookies, authentication,
trace hooks, middlewares, a total timeout, its own resend of an idempotent request, an attempt
`max_retries` does not count) at a cost larger than all of this client's own work per call; there
is no upstream issue or option to switch those off. Here the exchange `ClientSession._request`
makes on a connection is made directly (`ConnectorPath._exchange`), in the order it makes it, and:

- `TCPConnector._create_connection`, the connector's step that opens a new connection, is
  overridden to mark the request's attempt as one on a new connection: the stale-connection rule
  needs to know, and an exchange on a pooled connection pays nothing for it;
- before a write goes out on a pooled connection, its socket is looked at (`Connection.transport`):
  one the server closed is not used, so that a write never goes out on it;
- the connection's `ResponseHandler` read timeout is armed only while a body is still arriving
  after its head (`bound_silence`), and the body stream's `is_eof()` and `total_bytes` tell the size
  of one that came whole with its head (`arrived_size`).

Written for aiohttp 3.10 to 3.14 (`make test-floors` runs it on 3.10.11, the declared floor, and the
other targets on the pinned 3.14). `private_path_fits()` decides once, at the first request, whether the
installed aiohttp is one of those and still has every part used here with the shape used; when not,
the sender takes aiohttp's public path, `ClientSession` (`_aiohttp_session.py`).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import select
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

import aiohttp
from aiohttp.client_proto import ResponseHandler
from aiohttp.client_reqrep import ClientRequest, ClientResponse
from yarl import URL

from ._aiohttp_errors import as_httpx_error
from ._base import (
    IDEMPOTENT_METHODS,
    KEEPALIVE_EXPIRY,
    STALE_CONNECTION_RESENDS,
    AnyTimeout,
    Known,
    OutgoingRequest,
    known_release,
)
from ._failures import lost_after_sending
from ._proxies import ProxySettings

if TYPE_CHECKING:
    import ssl

    from aiohttp.connector import Connection
    from aiohttp.tracing import Trace

# The aiohttp releases this module was written for: (major, minor), from, up to and including.
KNOWN: Known = ((3, 10), (3, 14))


class Attempt(Protocol):
    """What this path reads and writes of the sender's attempt."""

    new_connection: bool


# Gives an attempt its turn: None when it had one or got one at once, else what to await for it.
Turn = Callable[[Any], Awaitable[None] | None]


@functools.cache
def private_path_fits() -> bool:
    """Whether the installed aiohttp is one this path was written for, with each part it uses as it uses it."""
    return known_release(aiohttp.__version__, KNOWN) and _shapes_hold()


def _parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


# The methods of aiohttp's this path calls or overrides, and the parameters it passes: exactly those
# of a list, at least those of a set.
_SIGNATURES: tuple[tuple[type[Any], str, list[str] | frozenset[str]], ...] = (
    (aiohttp.TCPConnector, "_create_connection", ["self", "req", "traces", "timeout"]),
    (aiohttp.BaseConnector, "connect", ["self", "req", "traces", "timeout"]),
    (
        ResponseHandler,
        "set_response_params",
        frozenset({"skip_payload", "read_until_eof", "auto_decompress", "max_line_size", "max_field_size"}),
    ),
    (ResponseHandler, "start_timeout", ["self"]),
    (ClientRequest, "__init__", frozenset({"headers", "data", "loop", "proxy"})),
    (ClientRequest, "send", ["self", "conn"]),
    (ClientResponse, "start", ["self", "connection"]),
)


def _accepts_parameters(function: Any, expected: list[str] | frozenset[str]) -> bool:
    parameters = _parameters(function)
    return parameters == expected if isinstance(expected, list) else expected <= set(parameters)


def _shapes_hold() -> bool:
    """Every private part used here exists, with the parameters passed to it."""
    try:
        session_request = aiohttp.ClientSession._request.__code__
        # The steps, in _request itself or (aiohttp 3.12 on) in a function nested in it.
        session_steps = [session_request.co_names] + [
            const.co_names for const in session_request.co_consts if inspect.iscode(const)
        ]
        return (
            all(_accepts_parameters(getattr(owner, name), expected) for owner, name, expected in _SIGNATURES)
            and inspect.iscoroutinefunction(aiohttp.TCPConnector._create_connection)
            and "_create_connection" in aiohttp.BaseConnector.connect.__code__.co_names
            # ClientSession still makes its exchange this way (this path does what it would do).
            and all(
                any(step in names for names in session_steps)
                for step in ("connect", "set_response_params", "send", "start")
            )
            and isinstance(ResponseHandler.__dict__.get("read_timeout"), property)
            and ResponseHandler.__dict__["read_timeout"].fset is not None
            and hasattr(aiohttp.StreamReader, "total_bytes")  # a slot, or (3.10) a class attribute
        )
    except (AttributeError, TypeError, ValueError):
        return False


def _parser_settings(max_line_size: int, max_headers: int) -> dict[str, Any]:
    """The response parser's header limits as this aiohttp's ResponseHandler takes them.

    aiohttp 3.10 to 3.12 (and early 3.13) take no `max_headers`: their parser's count limit is
    already far above ours.
    """
    settings: dict[str, Any] = {"max_line_size": max_line_size, "max_field_size": max_line_size}
    if "max_headers" in _parameters(ResponseHandler.set_response_params):
        settings["max_headers"] = max_headers
    return settings


class _Request(ClientRequest):
    """aiohttp's request, with the attempt it belongs to: the connector tells it when it opens a connection for it."""

    attempt: Attempt


class _Connector(aiohttp.TCPConnector):
    """aiohttp's TCPConnector, which marks the attempts it opens a new connection for."""

    async def _create_connection(
        self,
        req: ClientRequest,
        traces: list[Trace],
        timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 - aiohttp's signature
    ) -> ResponseHandler:
        if isinstance(req, _Request):
            req.attempt.new_connection = True
        return await super()._create_connection(req, traces, timeout)


class ConnectorPath:
    """Exchanges made on aiohttp's connector: a request's response head, and what the body needs then."""

    def __init__(
        self, *, ssl_context: ssl.SSLContext, max_connections: int, max_line_size: int, max_headers: int
    ) -> None:
        self._ssl_context = ssl_context
        self._max_connections = max_connections
        self._parser = _parser_settings(max_line_size, max_headers)
        self._proxies = ProxySettings.from_environment()
        self._pool: tuple[_Connector, asyncio.AbstractEventLoop] | None = None
        self._closed = False
        # The last timeout converted to aiohttp's form: calls nearly always use the client's own.
        self._last_timeout: tuple[AnyTimeout, aiohttp.ClientTimeout] | None = None

    def _open_pool(self) -> tuple[_Connector, asyncio.AbstractEventLoop]:
        if self._closed:
            raise RuntimeError("the client is closed")  # never reopen: nothing would close it again
        connector = _Connector(limit=self._max_connections, ssl=self._ssl_context, keepalive_timeout=KEEPALIVE_EXPIRY)
        self._pool = (connector, asyncio.get_running_loop())
        return self._pool

    def _timeout(self, timeout: AnyTimeout) -> aiohttp.ClientTimeout:
        """aiohttp's form of a timeout: only the socket connect; the deadline is the sender's own."""
        last = self._last_timeout
        if last is not None and last[0] is timeout:
            return last[1]
        # No `total` and no `connect`: both would start before the call's turn has come.
        converted = aiohttp.ClientTimeout(total=None, connect=None, sock_connect=timeout.connect, sock_read=None)
        self._last_timeout = (timeout, converted)
        return converted

    async def response_head(self, request: OutgoingRequest, attempt: Attempt, turn: Turn) -> ClientResponse:
        """The response head; `turn` gives the attempt its turn (once), after aiohttp's request is made.

        Sent again, keeping its turn and its deadline, while an idempotent request failed on a
        pooled connection that the server had closed. A request that is not idempotent is never
        sent again: aiohttp buffers its writes, so once it had a connection it may have reached
        the server, and its error says so. A failure to connect is raised as it is.
        """
        resends = 0
        while True:
            try:
                return await self._exchange(request, attempt, turn)
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as failure:
                if isinstance(failure, aiohttp.ClientConnectorError):
                    raise
                reused = not attempt.new_connection
                if not (reused and request.method in IDEMPOTENT_METHODS and resends < STALE_CONNECTION_RESENDS):
                    raise lost_after_sending(as_httpx_error(failure)) from None
                resends += 1
                attempt.new_connection = False

    async def _exchange(self, request: OutgoingRequest, attempt: Attempt, turn: Turn) -> ClientResponse:
        connector, loop = self._pool or self._open_pool()
        proxy = self._proxies.proxy_for(request.url)  # None at once when no proxy is configured
        outgoing = _Request(
            request.method, URL(request.url, encoded=True),  # percent-encoded path parameters kept as they are
            headers=request.headers, data=request.content, loop=loop, proxy=None if proxy is None else URL(proxy),
        )  # fmt: skip
        outgoing.attempt = attempt
        # Taken after aiohttp's request is made: a finished call's garbage and its successor's
        # allocations then fall in the same turn of the event loop (see the sender's docstring).
        waiting = turn(attempt)
        if waiting is not None:
            await waiting
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
            return await self._send(outgoing, connection)
        except OSError as exc:  # as ClientSession reports a socket's failure
            if isinstance(exc, aiohttp.ClientError | TimeoutError):
                raise
            raise aiohttp.ClientOSError(*exc.args) from exc

    async def _connection(self, connector: _Connector, outgoing: _Request, limits: aiohttp.ClientTimeout) -> Connection:
        """A connection for `outgoing` from the pool, or a new one within the connect timeout."""
        try:
            return await connector.connect(outgoing, [], limits)
        except TimeoutError as exc:  # the socket's connect timeout, as ClientSession reports it
            if isinstance(exc, aiohttp.ClientError):
                raise
            raise aiohttp.ConnectionTimeoutError(f"Connection timeout to host {outgoing.url}") from exc

    async def _send(self, request: ClientRequest, connection: Connection) -> ClientResponse:
        """Send `request` on `connection` and read the response head, as `ClientSession` does.

        The body is left as it came: no decompression (the sender decodes, bounded), and no read
        timeout until `bound_silence` sets one. A failure closes the connection.
        """
        protocol = connection.protocol
        assert protocol is not None  # a connection the connector just gave out  # noqa: S101
        protocol.set_response_params(
            skip_payload=request.method == "HEAD", read_until_eof=True, auto_decompress=False, **self._parser
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
    def arrived_size(response: ClientResponse) -> int | None:
        """The size of a body that came whole with its head, as most small ones do; None while it is arriving."""
        body = response.content
        return body.total_bytes if body.is_eof() else None

    @staticmethod
    def bound_silence(response: ClientResponse, read_timeout: float | None) -> None:
        """While the body is still arriving, a silence longer than the read timeout ends the attempt.

        aiohttp's socket read timeout is restarted with every chunk, as httpx2's read timeout is; it
        stops at the end of the body (aiohttp drops it then) or when the connection closes.
        """
        connection = response.connection
        if read_timeout and connection is not None and connection.protocol is not None:
            connection.protocol.read_timeout = read_timeout
            connection.protocol.start_timeout()

    async def aclose(self) -> None:
        self._closed = True
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
