"""`http_backend="one-shot"`: each request on a connection of its own, closed once its answer is read.

HTTP/1.1 through h11 on asyncio's streams; when httpx2 runs, and why: docs/choosing-the-sender.md.
A connection is never reused, so nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import SplitResult, urlsplit

import h11

from .._base.lazy_httpx import httpx2
from .._senders._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from .._senders._body import OverLimit, decoded
from .._senders._deadline import AttemptDeadline
from .._senders._heads import MAX_RESPONSE_HEAD, read_head

if TYPE_CHECKING:
    import ssl
    from collections.abc import Awaitable, Callable

T = TypeVar("T")

_CHUNK = 64 * 1024
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})  # sent with Content-Length: 0 when they have no body, as httpx2 does


class OneShotSender:
    """Sends each request on a new connection (`Connection: close`) and reads its answer to the end."""

    def __init__(
        self,
        *,
        ssl_context: Callable[[], ssl.SSLContext],
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._tls = functools.cache(ssl_context)  # made for the first https request: a plain http program needs none
        self._max_response_size = max_response_size
        self._turns = asyncio.Semaphore(max_connections)

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # No local holds the headers: a frame of this method may be in a traceback, and they hold the token.
        if "User-Agent" not in request.headers:
            request.headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = "identity"  # a short program's answers are small: no decoder to load
        failure: Exception
        async with self._turns:  # the wait for a turn does not count against the deadline
            started = time.perf_counter()
            try:
                async with AttemptDeadline(request) as deadline:  # however slowly the server drips bytes
                    deadline.start()
                    return await self._exchange(request, _Answer(self._max_response_size, deadline), started)
            except (httpx2.TransportError, UndeliveredBody) as exc:  # the names are read only on a failure
                from .._senders._failures import detached  # noqa: PLC0415 - it runs httpx2, which a failure has loaded already

                failure = detached(exc)
        raise failure  # out of the except block: the original is not its __context__

    async def _exchange(self, request: OutgoingRequest, answer: _Answer, started: float) -> ReceivedResponse:
        timeout = request.timeout
        url = urlsplit(request.url)  # read once, for the connection and the request line
        outgoing = _written(answer.connection, request, url)
        reader, writer = await self._connect(url, timeout.connect)
        try:
            writer.write(outgoing)
            await _within(writer.drain(), timeout.write, "the request was not written", "Write")
            try:
                return await answer.read(request, reader, timeout.read, started)
            except httpx2.TransportError as exc:  # read only on a failure: the request was written
                from .._senders._failures import lost_after_sending  # noqa: PLC0415 - as `detached` above

                raise lost_after_sending(exc) from None
        finally:
            writer.close()
            await _closed(writer, timeout.connect)

    async def _connect(
        self, url: SplitResult, seconds: float | None
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        https = url.scheme == "https"
        host = url.hostname or ""
        connecting = asyncio.open_connection(
            host, url.port or (443 if https else 80), ssl=self._tls() if https else None
        )
        return await _within(connecting, seconds, f"no connection to {host}", "Connect")

    async def aclose(self) -> None:  # every connection is closed when its exchange ends
        pass


def _written(connection: h11.Connection, request: OutgoingRequest, url: SplitResult) -> bytes:
    """The request as h11 writes it: Host, the body's length and `Connection: close` added.

    Host is the URL's host and port alone: never a `user:password@` before them (RFC 9110, 7.2).
    """
    headers = [("Host", url.netloc.rpartition("@")[2])]
    headers += [(name, value) for name, value in request.headers.items() if name.lower() not in ("host", "connection")]
    content = request.content or b""
    if request.content is not None or request.method in _WITH_BODY:
        headers.append(("Content-Length", str(len(content))))
    headers.append(("Connection", "close"))
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    try:
        written = connection.send(h11.Request(method=request.method, target=target, headers=headers))
        if content:
            written += connection.send(h11.Data(data=content))
        return written + connection.send(h11.EndOfMessage())
    except h11.LocalProtocolError as exc:  # a header h11 will not write (a line break in a value)
        message = str(exc)
    raise httpx2.LocalProtocolError(message)  # out of the except block: h11's error holds the header


class _Answer:
    """One answer read through h11: its head (after any interim 1xx), then its body, bounded.

    Each read waits at most the read timeout, as httpx2's does; the whole, the attempt's deadline.
    """

    __slots__ = ("_deadline", "_limit", "connection")

    def __init__(self, limit: int, deadline: AttemptDeadline) -> None:
        self._limit = limit
        self._deadline = deadline  # told the status once the head has arrived: past it then, the body was too slow
        self.connection = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_RESPONSE_HEAD)

    async def read(
        self, request: OutgoingRequest, reader: asyncio.StreamReader, seconds: float | None, started: float
    ) -> ReceivedResponse:
        head = await self._next(reader, seconds)
        while isinstance(head, h11.InformationalResponse):  # 100, 103; h11 refuses a 101 nobody asked for
            head = await self._next(reader, seconds)
        if not isinstance(head, h11.Response):  # what h11 gives a client before its answer's head
            raise httpx2.RemoteProtocolError(f"no answer's head ({type(head).__name__})")
        headers = head.headers.raw_items()
        refusal, over_limit, encoding = read_head(headers, self._limit)
        if refusal is not None:
            raise httpx2.RemoteProtocolError(refusal)
        self._deadline.status = head.status_code
        if over_limit:
            raise BodyTooLarge(request, head.status_code, self._limit)  # refused before reading it
        chunks: list[bytes] = []
        size = 0
        while isinstance(event := await self._next(reader, seconds), h11.Data):
            size += len(event.data)
            if size > self._limit:
                raise BodyTooLarge(request, head.status_code, self._limit)
            chunks.append(bytes(event.data))  # h11 hands a bytearray
        if not isinstance(event, h11.EndOfMessage):
            raise httpx2.RemoteProtocolError(f"the answer's body ended early ({type(event).__name__})")
        raw = b"".join(chunks)
        try:
            content, decoding_error = decoded(raw, encoding, self._limit)  # httpx2 only for an encoded body
        except OverLimit:
            raise BodyTooLarge(request, head.status_code, self._limit) from None
        return ReceivedResponse(
            head.status_code,
            headers,
            content,
            request,
            decoding_error=decoding_error,
            raw_content=raw,
            http_version=f"HTTP/{head.http_version.decode()}",
            elapsed=time.perf_counter() - started,
        )

    async def _next(self, reader: asyncio.StreamReader, seconds: float | None) -> object:
        """h11's next event of the answer, reading from the connection while it needs more."""
        failure = None
        try:
            while (event := self.connection.next_event()) is h11.NEED_DATA:
                self.connection.receive_data(await _within(reader.read(_CHUNK), seconds, "no answer", "Read"))
            return event
        except h11.RemoteProtocolError as exc:  # an answer it will not read: the message says why
            failure = str(exc)
        raise httpx2.RemoteProtocolError(failure)  # out of the except block, as in `send`


async def _closed(writer: asyncio.StreamWriter, seconds: float | None) -> None:
    """Wait (at most `seconds`) for the socket to be released, so that none is left open once `send` returns."""
    with contextlib.suppress(OSError, TimeoutError):
        async with asyncio.timeout(seconds):
            await writer.wait_closed()


async def _within(operation: Awaitable[T], seconds: float | None, late: str, step: str) -> T:
    """`operation`'s result, or httpx2's timeout or error for `step` ("Connect", "Write", "Read")."""
    try:
        async with asyncio.timeout(seconds):
            return await operation
    except TimeoutError:
        raise getattr(httpx2, f"{step}Timeout")(f"{late} within {seconds} s") from None
    except OSError as exc:  # refused, unreachable, no such host, an untrusted certificate; reset, broken pipe
        raise getattr(httpx2, f"{step}Error")(str(exc) or type(exc).__name__) from exc
