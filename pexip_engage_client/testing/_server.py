"""The fake served over real HTTP on loopback, with the standard library only.

Each connection gets a thread (`ThreadingHTTPServer`), but every request is handled by the fake on
its own event loop thread (the one that serves `SyncPexipEngage`), so the fake's state is changed by
one thread, however many servers and sync clients share the fake. A scripted dropped connection
closes the socket without an answer.

`serve` is what `FakePexipEngage.serve()` runs: the server in a thread for a block.

What the fake never sees, the server answers itself, in the fake's error shape, and then closes
the connection (what follows a broken request cannot be framed): a request it cannot read (a bad
request line, oversized headers, a bad Content-Length or chunk size, a body cut short) gets a
400, the status the spec documents for a bad request; a body over `max_body_size` gets a 413 as
soon as its size is known, before it is read, and is never kept.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, cast

import httpx2

from ._errors import FakeAPIError
from ._limits import ADMISSION, FakeLimits


class ServedFake(Protocol):
    """What the server asks of the fake it serves (`_fake.FakePexipEngage`).

    A protocol rather than an import: `_fake` serves through this module (`FakePexipEngage.serve()`),
    and two modules that import each other, even for types, are refused (tests/tooling/test_architecture.py).
    """

    limits: FakeLimits

    def handle_request(self, request: httpx2.Request) -> httpx2.Response: ...

    def is_api_request(self, method: str, path: str) -> bool: ...


LOOPBACK = "127.0.0.1"
# nginx's default `client_max_body_size`: far above any request body of this API.
DEFAULT_MAX_BODY_SIZE = 1024 * 1024
# Connections the kernel completes and queues before the server accepts them (the standard
# library's 5 leaves a burst of clients waiting for SYN retransmissions, for up to half a minute).
LISTEN_BACKLOG = 1024
# How long a refused request may go on sending what the server will not read (see `_linger`).
LINGER_SECONDS = 5.0
_MAX_LINE = 65536  # a chunk-size line, bounded as the standard library bounds a header line
_DIGITS = re.compile(r"[0-9]+")  # strict: int() would also take `+1` and `1_0`, str.isdigit superscripts
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]+")  # strict: int(..., 16) would also take `0x1f`, `+1f`, `1_f`
_DISCARD_SIZE = 64 * 1024
# The refusals the server answers as themselves (status and error code); any other is a 400.
_REFUSALS = {413: (HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE")}
# How often `serve_forever` looks for a stop: a stop waits for the current look to end, and the
# standard library's 0.5 s made every stop (a test's, a `with fake.serve()` block's) last that long;
# twenty looks a second cost an idle server nothing it would notice.
_POLL_SECONDS = 0.05


class FakeServer:
    """An HTTP server on 127.0.0.1 answering with a fake's answers."""

    def __init__(self, fake: ServedFake, port: int = 0, *, max_body_size: int = DEFAULT_MAX_BODY_SIZE) -> None:
        if max_body_size < 0:
            raise ValueError(f"max_body_size must be 0 or more bytes, not {max_body_size}")
        self.fake = fake
        self.max_body_size = max_body_size
        # Calls read and not yet answered, for a stop that lets them finish (`finish_calls`).
        self._calls = 0
        self._calls_changed = threading.Condition()
        self.stopping = False  # once `stop_accepting` is called: an answer then closes its connection
        self._http = _HTTPServer((LOOPBACK, port), self)

    @property
    def url(self) -> str:
        """The server's root, e.g. `http://127.0.0.1:8080` (the API is below `/enterprises/<name>`)."""
        return f"http://{LOOPBACK}:{self._http.server_address[1]}"

    def serve_forever(self) -> None:
        try:
            self._http.serve_forever(poll_interval=_POLL_SECONDS)
        finally:
            self._http.server_close()

    def shutdown(self) -> None:
        """Stop `serve_forever` (from another thread) once its current poll ends, within `_POLL_SECONDS`."""
        self._http.shutdown()

    def stop_accepting(self) -> None:
        """Begin a graceful stop, from any thread or a signal handler: `serve_forever` returns within
        `_POLL_SECONDS` (closing the listening socket), and the calls answered from now on close their
        connection. Then `finish_calls` waits for the calls in flight."""
        self.stopping = True
        # shutdown() waits for serve_forever to return: never in its own thread (a signal handler).
        threading.Thread(target=self._http.shutdown, name="fake-api-http-stop", daemon=True).start()

    @property
    def calls_in_flight(self) -> int:
        """Requests read and not yet answered."""
        return self._calls

    def finish_calls(self, grace: float) -> int:
        """Wait up to `grace` seconds for the calls in flight to be answered; how many still are."""
        deadline = time.monotonic() + grace
        with self._calls_changed:
            while self._calls and (left := deadline - time.monotonic()) > 0:
                self._calls_changed.wait(left)
            return self._calls

    @contextmanager
    def call_in_flight(self) -> Iterator[None]:
        """One call in flight, from when it is read until it is answered, for `finish_calls`."""
        with self._calls_changed:
            self._calls += 1
        try:
            yield
        finally:
            with self._calls_changed:
                self._calls -= 1
                self._calls_changed.notify_all()

    def close_inherited_socket(self) -> None:
        """In a forked child: close this process's copy of the listening socket, nothing else (the
        parent's server goes on; its thread does not exist here, so `shutdown` would wait for ever)."""
        self._http.socket.close()


# How long stopping waits for the server's thread: its poll ends within `_POLL_SECONDS`, and a request being
# answered (a scripted delay, latency) is left to its connection's own daemon thread.
_STOP_TIMEOUT = 10.0


@contextmanager
def serve(fake: ServedFake, port: int = 0, *, max_body_size: int = DEFAULT_MAX_BODY_SIZE) -> Iterator[str]:
    """Serve `fake` on 127.0.0.1 (a free port by default) for the block; yields the root URL."""
    server = FakeServer(fake, port, max_body_size=max_body_size)
    started_by = os.getpid()
    thread = threading.Thread(target=server.serve_forever, name=f"fake-api-http-{server.url}", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        if os.getpid() != started_by:
            server.close_inherited_socket()
        else:
            server.shutdown()
            thread.join(timeout=_STOP_TIMEOUT)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], owner: FakeServer) -> None:
        self.owner = owner  # what its handlers answer with
        super().__init__(address, _Handler)

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """Quiet for a client that went away mid-request; a traceback on stderr for a bug here."""
        if not isinstance(sys.exception(), OSError):
            super().handle_error(request, client_address)


class _RefusedRequestError(Exception):
    """A request the server answers itself: a 400, or the 413 of a body over the limit."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    """One connection's requests, answered by the fake of the server's `FakeServer`."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms wait for an ACK

    @property
    def _owner(self) -> FakeServer:
        return cast("_HTTPServer", self.server).owner

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the fake records every call itself."""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":  # `GET /`: the standard library would answer it bare
            self.send_error(HTTPStatus.BAD_REQUEST, "The request line has no HTTP version")
            return False
        return True

    def handle_expect_100(self) -> bool:
        """Refuse a body announced too large before the client sends it (curl asks, over 1 MiB)."""
        try:
            self._body_length()
        except _RefusedRequestError as refusal:
            self.send_error(refusal.status, str(refusal))
            return False
        return super().handle_expect_100()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Every refusal, the standard library's own too (its 414, 431 and 505 become a 400), as
        the fake's JSON error; then the connection closes."""
        status, code_name = _REFUSALS.get(code, (HTTPStatus.BAD_REQUEST, "BAD_REQUEST"))
        error = FakeAPIError(int(status), code_name, message or HTTPStatus(code).phrase)
        if self.request_version == "HTTP/0.9":  # a request line too broken to name a version
            self.request_version = self.protocol_version  # still, a status line and headers
        self.close_connection = True
        self._send(httpx2.Response(status, json=error.body()))
        self._linger()

    def _answer(self) -> None:
        """Read a request and send the fake's answer, counted in flight for `finish_calls` meanwhile."""
        with self._owner.call_in_flight():
            try:
                body = self._read_body()
            except _RefusedRequestError as refusal:
                self.send_error(refusal.status, str(refusal))
                return
            try:
                request = httpx2.Request(
                    self.command, self._owner.url + self.path, headers=list(self.headers.items()), content=body
                )
            except Exception:  # a request line httpx2 cannot make a URL of
                self.send_error(HTTPStatus.BAD_REQUEST, "The request URL is not valid")
                return
            # Counted in flight, by the remote address (the unit of the API's limits), from when it
            # is read until its answer is ready: before the answer is sent, so that a client that
            # has it and sends the next request never finds this one still counted.
            client = self.client_address[0]
            counted = self._owner.fake.is_api_request(self.command, request.url.path)
            admission = self._owner.fake.limits.admit(client) if counted else None
            request.extensions[ADMISSION] = admission
            try:
                response = self._owner.fake.handle_request(request)
            except httpx2.RemoteProtocolError:
                self.close_connection = True  # the scripted fault: no answer at all
                return
            finally:
                if counted and admission is None:
                    self._owner.fake.limits.done(client)
            self._send(response)

    def _body_length(self) -> int | None:
        """The body's declared length (None: chunked, not known before it is read); refused
        unless it is one number within the limit."""
        lengths = self.headers.get_all("Content-Length", [])
        codings = self.headers.get_all("Transfer-Encoding", [])
        if codings:
            # Both framings at once is how requests are smuggled past a proxy: never guess.
            if lengths:
                raise _RefusedRequestError("Content-Length and Transfer-Encoding exclude each other")
            if [coding.strip().lower() for coding in codings] != ["chunked"]:
                raise _RefusedRequestError("The only Transfer-Encoding understood is chunked")
            return None
        if not lengths:
            return 0
        if len(set(lengths)) > 1 or not _DIGITS.fullmatch(lengths[0].strip()):
            raise _RefusedRequestError("Content-Length must be one number of bytes")
        length = int(lengths[0])
        if length > self._owner.max_body_size:
            raise _too_large(self._owner.max_body_size)
        return length

    def _read_body(self) -> bytes:
        length = self._body_length()
        if length is None:
            return self._read_chunked()
        body = self.rfile.read(length)  # b"" for 0, at once
        if len(body) < length:
            raise _RefusedRequestError("The body ended before its Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(_MAX_LINE + 1)
            size_digits = line.split(b";", 1)[0].strip()  # what follows `;` is a chunk extension
            if not line.endswith(b"\n") or not _CHUNK_SIZE.fullmatch(size_digits):
                raise _RefusedRequestError("A chunk-size line is missing or not hexadecimal")
            size = int(size_digits, 16)
            if size == 0:
                break
            total += size
            if total > self._owner.max_body_size:
                raise _too_large(self._owner.max_body_size)
            chunk = self.rfile.read(size)
            if len(chunk) < size or self.rfile.readline(3) not in (b"\r\n", b"\n"):
                raise _RefusedRequestError("A chunk is not as long as its size says")
            chunks.append(chunk)
        try:
            http.client.parse_headers(self.rfile)  # the trailer section: bounded as headers are, dropped
        except http.client.HTTPException:
            raise _RefusedRequestError("The chunked body's trailer section is too large") from None
        return b"".join(chunks)

    def _send(self, response: httpx2.Response) -> None:
        content = response.content
        if self._owner.stopping:  # answered, but no next request on this connection: the server is going away
            self.close_connection = True
        self.send_response(response.status_code)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":  # a HEAD answer has the headers of a body, but no body
            self.wfile.write(content)

    def _linger(self) -> None:
        """After an early answer, read and drop what the client still sends, for a while.

        Closing a socket with unread data resets the connection, and the reset can overtake the
        answer: a client still sending its body would see its send fail instead of the 400 or
        413. Half-closing first tells it the answer is complete; nothing read here is kept.
        """
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + LINGER_SECONDS
            while (left := deadline - time.monotonic()) > 0:
                self.connection.settimeout(left)
                if not self.rfile.read1(_DISCARD_SIZE):
                    return
        except OSError:  # the client left, or went on past the deadline: close all the same
            return

    def __getattr__(self, name: str) -> object:
        """`do_<METHOD>` for any method, so that the fake (not the server) answers it (405)."""
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)


def _too_large(limit: int) -> _RefusedRequestError:
    return _RefusedRequestError(
        f"The request body is over this server's limit of {limit} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    )
