"""`http_backend="one-shot"`: each request on a connection of its own, closed once its answer is read.

For a program that sends a request or two and ends (a command line, a cron job, a serverless
function's cold start) a connection pool gains nothing, and loading httpx2 costs more than the rest
of such a program: its package loads urllib.request, http.cookiejar, email and idna, and its pool
httpcore2, h11 and anyio on the first request. This sender speaks HTTP/1.1 on asyncio's streams and
`ssl` and makes no httpx2 object: a call through it runs httpx2 (`_base/lazy_httpx.py`) only when it
fails (the errors are httpx2's classes, which the retry rules read) or when someone reads an
answer's `headers` or `http_response`.

It keeps the contract of `_base.Sender` with the parts the aiohttp sender uses: at most
`max_connections` exchanges at once (a semaphore), each attempt within its deadline (`_deadline.py`), the
body's Content-Encoding undone within `max_response_size` (`BodyReader`), and what it raises made
fresh (`_failures.detached`, loaded with httpx2 by the first failure). A connection is never reused,
so it never sends a request twice. It connects directly: the client refuses it while a proxy
variable is set (`_client._choose_sender`).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import SplitResult, urlsplit

from ._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from ._body import ACCEPT_ENCODING, BodyReader, OverLimit
from ._deadline import AttemptDeadline

if TYPE_CHECKING:
    import ssl
    from collections.abc import AsyncIterator, Awaitable, Callable

    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use: on a failure

T = TypeVar("T")

# Larger heads are refused (httpx2 takes up to 100 KiB).
_HEAD_LIMIT = 256 * 1024
_CHUNK = 64 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})
_STATUS_LINE = re.compile(rb"HTTP/1\.([01]) (\d{3})(?: .*)?", re.DOTALL)
# A name without spaces around it (RFC 9110 allows none before the colon), then the value.
_HEADER_LINE = re.compile(rb"([^:\s]|[^:\s][^:]*[^:\s]):(.*)", re.DOTALL)
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
        self._ssl_context = ssl_context  # made for the first https request: a plain http program never needs one
        self._tls: ssl.SSLContext | None = None
        self._max_response_size = max_response_size
        self._turns = asyncio.Semaphore(max_connections)

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # Set here, so that the request shows what was sent. No local holds the headers: a frame of
        # this method may be in a traceback, and they hold the token.
        if "User-Agent" not in request.headers:
            request.headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        await self._turns.acquire()  # the wait for a turn does not count against the deadline
        started = time.perf_counter()
        attempt = AttemptDeadline(request)
        failure: Exception
        try:
            async with attempt:
                attempt.start()
                return await self._exchange(request, attempt, started)
        except (httpx2.TransportError, UndeliveredBody) as exc:  # the names are read only on a failure
            from ._failures import detached  # noqa: PLC0415 - it runs httpx2, which a failure has loaded already

            failure = detached(exc)
        finally:
            self._turns.release()
        # Out of the except block, so that the original is not kept as its __context__.
        raise failure

    async def _exchange(self, request: OutgoingRequest, attempt: AttemptDeadline, started: float) -> ReceivedResponse:
        timeout = request.timeout
        url = urlsplit(request.url)  # read once, for the connection and the request line
        reader, writer = await self._connect(url, timeout.connect)
        try:
            writer.write(_head(request, url) + (request.content or b""))
            await _within(writer.drain(), timeout.write, "the request was not written", _write_errors)
            try:
                return await self._answer(request, _Answer(reader, timeout.read), attempt, started)
            except httpx2.TransportError as exc:  # read only on a failure: the request was written
                from ._failures import lost_after_sending  # noqa: PLC0415 - as `detached` above

                raise lost_after_sending(exc) from None
        finally:
            writer.close()
            await _closed(writer, timeout.connect)

    async def _answer(
        self, request: OutgoingRequest, answer: _Answer, attempt: AttemptDeadline, started: float
    ) -> ReceivedResponse:
        """The answer read to its end: its body decoded, and bounded by `max_response_size`."""
        version, status, headers = await answer.head()
        attempt.status = status  # past the deadline now, the body was too slow
        content, body = b"", None
        if request.method != "HEAD" and status not in _NO_BODY_STATUSES:
            fields = {name.lower(): value for name, value in headers}
            encoding = fields.get(b"content-encoding")
            body = BodyReader(None if encoding is None else encoding.decode("latin-1"), self._max_response_size)
            try:
                async for chunk in answer.body(fields, self._max_response_size):
                    body.feed(chunk)
                content = body.content  # ending the decoding may still find the body too large
            except OverLimit:
                raise BodyTooLarge(request, status, self._max_response_size) from None
        return ReceivedResponse(
            status, headers, content, request,
            decoding_error=None if body is None else body.decoding_error,
            raw_content=None if body is None else body.raw_content,
            http_version=(1, version), elapsed=time.perf_counter() - started,
        )  # fmt: skip

    async def _connect(
        self, url: SplitResult, seconds: float | None
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        https = url.scheme == "https"
        host = url.hostname or ""
        # With a TLS context, asyncio checks the certificate against the host.
        connecting = asyncio.open_connection(
            host, url.port or (443 if https else 80), ssl=self._context() if https else None
        )
        return await _within(connecting, seconds, f"no connection to {host}", _connect_errors)

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = self._ssl_context()
        return self._tls

    async def aclose(self) -> None:
        pass  # it keeps no connection


async def _closed(writer: asyncio.StreamWriter, seconds: float | None) -> None:
    """Wait for the connection's socket to be released, so that none is left open once `send` returns
    (asyncio closes it on a later turn of the loop); at most `seconds`, as a TLS peer may not answer."""
    with contextlib.suppress(OSError, TimeoutError):
        async with asyncio.timeout(seconds):
            await writer.wait_closed()


def _head(request: OutgoingRequest, url: SplitResult) -> bytes:
    """The request line and headers, with Host, the body's length, and `Connection: close`."""
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    lines = [f"{request.method} {target} HTTP/1.1", f"Host: {url.netloc}"]
    lines += [
        f"{name}: {value}" for name, value in request.headers.items() if name.lower() not in ("host", "connection")
    ]
    if request.content is not None or request.method in _WITH_BODY:
        lines.append(f"Content-Length: {len(request.content or b'')}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


class _Answer:
    """The bytes of the answer as they arrive on the connection.

    Each read waits at most the read timeout for more bytes, as httpx2's does: a server that sends
    slowly but steadily is bounded by the attempt's deadline (`_deadline.py`), not by the read timeout.
    """

    __slots__ = ("_buffer", "_reader", "_seconds")

    def __init__(self, reader: asyncio.StreamReader, seconds: float | None) -> None:
        self._reader = reader
        self._seconds = seconds
        self._buffer = bytearray()

    async def _more(self) -> bool:
        """Read what arrives next into the buffer; False once the server has closed the connection."""
        chunk = await _within(self._reader.read(_CHUNK), self._seconds, "no answer", _read_errors)
        self._buffer += chunk
        return bool(chunk)

    async def _needed(self) -> None:
        if not await self._more():
            raise httpx2.RemoteProtocolError("the server closed the connection mid-answer")

    async def through(self, separator: bytes) -> bytes:
        """The bytes up to and including the next `separator` (a line, a head)."""
        searched = 0
        while (end := self._buffer.find(separator, searched)) < 0:
            if len(self._buffer) > _HEAD_LIMIT:
                raise httpx2.RemoteProtocolError("the answer's head is too large")
            searched = max(0, len(self._buffer) - len(separator) + 1)
            await self._needed()
        end += len(separator)
        taken = bytes(self._buffer[:end])
        del self._buffer[:end]
        return taken

    async def exactly(self, size: int) -> AsyncIterator[bytes]:
        """The next `size` bytes, as they arrive."""
        while size > 0:
            if not self._buffer:
                await self._needed()
            chunk = bytes(self._buffer[:size])
            del self._buffer[: len(chunk)]
            size -= len(chunk)
            yield chunk

    async def to_the_close(self) -> AsyncIterator[bytes]:
        """Everything up to the server's close."""
        while self._buffer or await self._more():
            chunk = bytes(self._buffer)
            self._buffer.clear()
            yield chunk

    async def head(self) -> tuple[int, int, list[tuple[bytes, bytes]]]:
        """The HTTP/1 minor version, status and headers of the answer, after any interim (1xx) ones."""
        while True:
            head = await self.through(b"\r\n\r\n")
            status_line, *header_lines = head[:-4].split(b"\r\n")
            status = _STATUS_LINE.fullmatch(status_line)
            if status is None:
                raise httpx2.RemoteProtocolError(f"not an HTTP/1 status line: {status_line[:80]!r}")
            headers = []
            for line in header_lines:
                header = _HEADER_LINE.fullmatch(line)
                if header is None:
                    raise httpx2.RemoteProtocolError(f"malformed header line: {line[:80]!r}")
                headers.append((header[1], header[2].strip()))
            if not 100 <= int(status[2]) < 200:
                return int(status[1]), int(status[2]), headers

    def body(self, fields: dict[bytes, bytes], limit: int) -> AsyncIterator[bytes]:
        """The body as sent, framed as its headers say: chunked, of a Content-Length, or up to the close."""
        if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
            return self._chunked()
        length = fields.get(b"content-length")
        if length is None:
            return self.to_the_close()
        if not length.strip().isdigit():
            raise httpx2.RemoteProtocolError(f"bad Content-Length: {length[:40]!r}")
        if int(length) > limit:  # refused before reading it (BodyReader's OverLimit, at once)
            raise OverLimit
        return self.exactly(int(length))

    async def _chunked(self) -> AsyncIterator[bytes]:
        while True:
            size_text = (await self.through(b"\r\n")).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise httpx2.RemoteProtocolError(f"bad chunk size: {size_text[:40]!r}") from None
            if size == 0:
                while await self.through(b"\r\n") != b"\r\n":
                    pass  # trailers, unused
                return
            async for chunk in self.exactly(size):
                yield chunk
            if await self.through(b"\r\n") != b"\r\n":
                raise httpx2.RemoteProtocolError("a chunk longer than its size")


# The httpx2 errors of each step, when it took too long and when the socket failed; functions, so
# that httpx2 runs only once something failed.
def _connect_errors() -> tuple[type[httpx2.TimeoutException], type[httpx2.NetworkError]]:
    return httpx2.ConnectTimeout, httpx2.ConnectError


def _write_errors() -> tuple[type[httpx2.TimeoutException], type[httpx2.NetworkError]]:
    return httpx2.WriteTimeout, httpx2.WriteError


def _read_errors() -> tuple[type[httpx2.TimeoutException], type[httpx2.NetworkError]]:
    return httpx2.ReadTimeout, httpx2.ReadError


async def _within(
    operation: Awaitable[T],
    seconds: float | None,
    late: str,
    errors: Callable[[], tuple[type[httpx2.TimeoutException], type[httpx2.NetworkError]]],
) -> T:
    """`operation`'s result, or the httpx2 error for what went wrong: the first of `errors()` (`late`,
    "within N s") when it took more than `seconds`, the second when the socket failed."""
    try:
        async with asyncio.timeout(seconds):
            return await operation
    except TimeoutError:
        raise errors()[0](f"{late} within {seconds} s") from None
    except OSError as exc:  # refused, unreachable, no such host, an untrusted certificate; reset, broken pipe
        raise errors()[1](str(exc) or type(exc).__name__) from exc
