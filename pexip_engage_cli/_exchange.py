"""The command line's HTTP exchange: each request on a connection of its own, closed after it.

A command that sends one request (and perhaps one for a token) and exits gains nothing from a
connection pool, and httpx2's default transport costs most of such a process's start-up: its first
request imports httpcore2, h11 and anyio, more than the client's own modules together. This
transport speaks HTTP/1.1 on asyncio's streams and `ssl`, through httpx2's public transport
interface, so the client above it (auth, retries, limits, errors, decoding) is the same.

It is used only where it fits: a command that sends few requests, with no proxy configured (the
library's sender reads the `*_proxy` variables; this one does not). Walks (`--all`), provisioning
and `--debug` use the library's default sender. Servers are trusted as the library trusts them:
certifi's CAs plus the system's (`SSL_CERT_FILE`, `SSL_CERT_DIR`).

It reports what it did through the `trace` request extension, as httpcore2 does, so that the
client knows whether a request had been written when a connection failed (a write is then not
sent again).
"""

from __future__ import annotations

import asyncio
import os
import re
import ssl
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

    import httpx2

    Trace = Callable[[str, dict[str, Any]], Awaitable[None]]
else:  # the client's deferred httpx2, which reads its version without importlib.metadata
    from pexip_engage_client._base.lazy_httpx import httpx2

T = TypeVar("T")

# Larger heads are refused (asyncio's stream limit, raised from its default of 64 KiB).
_HEAD_LIMIT = 256 * 1024
_CHUNK = 64 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})
_STATUS_LINE = re.compile(rb"HTTP/1\.[^ ]* (\d{3})")
# A name without spaces around it (RFC 9110 allows none before the colon), then the value.
_HEADER_LINE = re.compile(rb"([^:\s]|[^:\s][^:]*[^:\s]):(.*)", re.DOTALL)
# The httpx2 errors of each step of an exchange: when it took too long, when the socket failed.
_CONNECT = (httpx2.ConnectTimeout, httpx2.ConnectError)
_WRITE = (httpx2.WriteTimeout, httpx2.WriteError)
_READ = (httpx2.ReadTimeout, httpx2.ReadError)


def fits(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a command may send through `OneShotTransport`: no proxy is configured."""
    return not any(name.lower().endswith("_proxy") for name in environ)


class OneShotTransport(httpx2.AsyncBaseTransport):
    """An httpx2 transport that sends each request on a new connection (`Connection: close`)."""

    def __init__(self) -> None:
        self._tls: ssl.SSLContext | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        trace: Trace = request.extensions.get("trace") or _untraced
        reader, writer = await self._connect(request, timeouts.get("connect"), trace)
        try:
            await _write(writer, request, timeouts.get("write"), trace)
            status, headers = await _read_head(reader, request, timeouts.get("read"))
        except BaseException:
            writer.close()
            raise
        bodiless = request.method == "HEAD" or status in _NO_BODY_STATUSES
        stream = _Body(reader, writer, request, None if bodiless else headers, timeouts.get("read"))
        return httpx2.Response(status, headers=headers, stream=stream, extensions={"http_version": b"HTTP/1.1"})

    async def _connect(
        self, request: httpx2.Request, seconds: float | None, trace: Trace
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        url = request.url
        await trace("connection.connect_tcp.started", {})
        https = url.scheme == "https"
        # With a TLS context, asyncio checks the certificate against the host.
        tls = self._context() if https else None
        connecting = asyncio.open_connection(url.host, url.port or (443 if https else 80), ssl=tls, limit=_HEAD_LIMIT)
        return await _within(connecting, request, seconds, f"no connection to {url.host}", _CONNECT)

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            import certifi  # noqa: PLC0415 - only an https request needs it

            self._tls = ssl.create_default_context()  # the system's CAs, or SSL_CERT_FILE / SSL_CERT_DIR
            self._tls.load_verify_locations(cafile=certifi.where())
        return self._tls


async def _untraced(event: str, info: dict[str, Any]) -> None:
    """The `trace` of a request that has none."""


async def _write(writer: asyncio.StreamWriter, request: httpx2.Request, seconds: float | None, trace: Trace) -> None:
    content = await request.aread()
    target = request.url.raw_path.decode("ascii")
    lines = [f"{request.method} {target} HTTP/1.1".encode("ascii")]
    lines += [name + b": " + value for name, value in request.headers.raw if name.lower() != b"connection"]
    lines.append(b"Connection: close")
    await trace("http11.send_request_headers.started", {})
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + content)
    await _within(writer.drain(), request, seconds, "the request was not written", _WRITE)
    await trace("http11.send_request_headers.complete", {})


async def _read_head(
    reader: asyncio.StreamReader, request: httpx2.Request, seconds: float | None
) -> tuple[int, list[tuple[bytes, bytes]]]:
    """The status and headers of the answer, after any interim (1xx) ones."""
    while True:
        head = await _within(reader.readuntil(b"\r\n\r\n"), request, seconds, "no answer", _READ)
        status_line, *header_lines = head[:-4].split(b"\r\n")
        status = _STATUS_LINE.match(status_line)
        if status is None:
            raise httpx2.RemoteProtocolError(f"not an HTTP/1 status line: {status_line[:80]!r}", request=request)
        headers = []
        for line in header_lines:
            header = _HEADER_LINE.fullmatch(line)
            if header is None:
                raise httpx2.RemoteProtocolError(f"malformed header line: {line[:80]!r}", request=request)
            headers.append((header[1], header[2].strip()))
        if not 100 <= int(status[1]) < 200:
            return int(status[1]), headers


async def _within(
    operation: Awaitable[T],
    request: httpx2.Request,
    seconds: float | None,
    late: str,
    errors: tuple[type[httpx2.TimeoutException], type[httpx2.NetworkError]],
) -> T:
    """`operation`'s result, or the httpx2 error for what went wrong: `errors[0]` (`late`, "within N s")
    when it took more than `seconds`, `errors[1]` when the socket failed."""
    try:
        async with asyncio.timeout(seconds):
            return await operation
    except TimeoutError:
        raise errors[0](f"{late} within {seconds} s", request=request) from None
    except asyncio.IncompleteReadError as exc:
        raise httpx2.RemoteProtocolError("the server closed the connection mid-answer", request=request) from exc
    except asyncio.LimitOverrunError as exc:
        raise httpx2.RemoteProtocolError("the answer's head is too large", request=request) from exc
    except OSError as exc:  # refused, unreachable, no such host, an untrusted certificate; reset, broken pipe
        raise errors[1](str(exc) or type(exc).__name__, request=request) from exc


class _Body(httpx2.AsyncByteStream):
    """The answer's body as sent (httpx2 decodes any Content-Encoding), framed as its headers say."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        request: httpx2.Request,
        headers: list[tuple[bytes, bytes]] | None,
        timeout: float | None,
    ) -> None:
        self._reader, self._writer, self._request, self._timeout = reader, writer, request, timeout
        self._headers = headers  # None: an answer without a body

    def __aiter__(self) -> AsyncIterator[bytes]:
        if self._headers is None:
            return _empty_body()
        fields = {name.lower(): value for name, value in self._headers}
        if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
            return self._chunked()
        length = fields.get(b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                raise httpx2.RemoteProtocolError(f"bad Content-Length: {length[:40]!r}", request=self._request)
            return self._exactly(int(length))
        return self._until_closed()

    def _read(self, operation: Awaitable[bytes]) -> Awaitable[bytes]:
        return _within(operation, self._request, self._timeout, "no answer", _READ)

    async def _exactly(self, length: int) -> AsyncIterator[bytes]:
        while length > 0:
            chunk = await self._read(self._reader.readexactly(min(length, _CHUNK)))
            length -= len(chunk)
            yield chunk

    async def _until_closed(self) -> AsyncIterator[bytes]:
        while chunk := await self._read(self._reader.read(_CHUNK)):
            yield chunk

    async def _chunked(self) -> AsyncIterator[bytes]:
        while True:
            line = await self._read(self._reader.readuntil(b"\r\n"))
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise httpx2.RemoteProtocolError(f"bad chunk size: {size_text[:40]!r}", request=self._request) from None
            if size == 0:
                while await self._read(self._reader.readuntil(b"\r\n")) != b"\r\n":
                    pass  # trailers, unused
                return
            yield await self._read(self._reader.readexactly(size))
            await self._read(self._reader.readexactly(2))

    async def aclose(self) -> None:
        self._writer.close()


async def _empty_body() -> AsyncIterator[bytes]:
    return
    yield  # an async generator that yields nothing
