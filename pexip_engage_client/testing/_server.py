"""The fake served over real HTTP on loopback, HTTP/1.1 read and written by h11.

Each connection gets a thread (`socketserver.ThreadingTCPServer`); every request is answered by the
fake on its own loop (`FakePexipEngage.handle_request`), but those of the control channel
(`_control.py`, when enabled). A scripted dropped connection gets no answer.

A request h11 cannot read (400) or with a body over `max_body_size` (413) the server answers
itself, in the fake's error shape, then closes the connection: what follows cannot be framed.
"""

from __future__ import annotations

import os
import socket
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from http import HTTPStatus
from typing import Any, Protocol

import h11
import httpx2

from .._base.arguments import counted
from ._control import Control
from ._errors import FakeAPIError
from ._limits import ADMISSION, FakeLimits


class ServedFake(Protocol):
    """What the server asks of the fake it serves: a protocol, as `_fake` imports this module and an import circle,
    even for types, is refused (tests/tooling/test_architecture.py)."""

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
# A request's head (its line and headers together) or any other piece h11 has not yet read whole,
# such as a chunk-size line, is bounded as the standard library bounds one line; and the headers
# are counted as it counts them (h11 bounds their bytes only).
_MAX_HEAD = 65536
_MAX_HEADERS = 100
_READ_SIZE = 64 * 1024
# What the server writes itself, whatever the fake's answer says.
_FRAMING = {b"content-length", b"transfer-encoding", b"connection"}
# How often `serve_forever` looks for a stop: a stop waits for the current look to end, and the
# standard library's 0.5 s made every stop (a test's, a `with fake.serve()` block's) last that long;
# twenty looks a second cost an idle server nothing it would notice.
_POLL_SECONDS = 0.05


class FakeServer:
    """An HTTP server on 127.0.0.1 answering with a fake's answers."""

    def __init__(
        self,
        fake: ServedFake,
        port: int = 0,
        *,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        control: Control | None = None,
    ) -> None:
        counted(max_body_size, "max_body_size", 0, "must be 0 or more bytes, not {!r}")
        self.fake = fake
        self.max_body_size = max_body_size
        self.control = control  # the control channel (`_control.py`), None when not enabled
        # Calls begun (a first byte read) and without an answer yet (what a stop reports), and calls
        # whose answer is not yet all sent (what a stop waits for, `finish_calls`).
        self._unanswered = 0
        self._unsent = 0
        self._calls_changed = threading.Condition()
        self.stopping: bool = False  # once `stop_accepting` is called: an answer then closes its connection
        try:
            self._http = _TCPServer((LOOPBACK, port), self)
        except OSError as error:  # the port in use, or not this user's to take: named, with the way out
            reason = f"cannot listen on {LOOPBACK}:{port}: {error.strerror or error}"
            raise OSError(error.errno, f"{reason}; give another port, or 0 for a free one") from None

    @property
    def url(self) -> str:
        """The server's root, e.g. `http://127.0.0.1:8080` (the API is below `/enterprises/<name>`)."""
        return f"http://{LOOPBACK}:{self._http.server_address[1]}"

    def serve_forever(self) -> None:
        try:
            self._http.serve_forever(poll_interval=_POLL_SECONDS)
        finally:
            self._http.server_close()

    def stop_accepting(self) -> None:
        """Begin a graceful stop, from any thread or a signal handler: `serve_forever` returns within
        `_POLL_SECONDS` (closing the listening socket), and the calls answered from now on close their
        connection. Then `finish_calls` waits for the calls in flight."""
        self.stopping = True
        # shutdown() waits for serve_forever to return: never in its own thread (a signal handler).
        threading.Thread(target=self._http.shutdown, name="fake-api-http-stop", daemon=True).start()

    @property
    def calls_in_flight(self) -> int:
        """Requests begun (a first byte read) and without an answer yet."""
        return self._unanswered

    def finish_calls(self, grace: float) -> int:
        """Wait up to `grace` seconds for the calls in flight to be answered, their answers sent; how
        many are not."""
        deadline = time.monotonic() + grace
        with self._calls_changed:
            while self._unsent and (left := deadline - time.monotonic()) > 0:
                self._calls_changed.wait(left)
            return self._unsent

    @contextmanager
    def call_in_flight(self) -> Iterator[Callable[[], None]]:
        """One call, from its first byte until its answer is sent; yields `answered`, called once the
        answer is ready and before it is sent.

        From then on the call no longer counts in `calls_in_flight`: a client that has its answer
        never finds its call counted, however late this thread runs on after the send (a stop
        reporting it would be wrong). `finish_calls` still waits for the send.
        """
        answer_ready = False

        def answered() -> None:
            nonlocal answer_ready
            with self._calls_changed:
                if not answer_ready:
                    answer_ready = True
                    self._unanswered -= 1

        with self._calls_changed:
            self._unanswered += 1
            self._unsent += 1
        try:
            yield answered
        finally:
            answered()
            with self._calls_changed:
                self._unsent -= 1
                self._calls_changed.notify_all()


# How long stopping waits for the server's thread: its poll ends within `_POLL_SECONDS`, and a request being
# answered (a scripted delay, latency) is left to its connection's own daemon thread.
_STOP_TIMEOUT = 10.0


@contextmanager
def serve(
    fake: ServedFake, port: int = 0, *, max_body_size: int = DEFAULT_MAX_BODY_SIZE, control: Control | None = None
) -> Iterator[str]:
    """Serve `fake` on 127.0.0.1 (a free port by default) for the block; yields the root URL."""
    server = FakeServer(fake, port, max_body_size=max_body_size, control=control)
    started_by = os.getpid()
    thread = threading.Thread(target=server.serve_forever, name=f"fake-api-http-{server.url}", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        if os.getpid() != started_by:  # a forked child's copy: closed, the parent's server goes on
            server._http.socket.close()  # (its thread does not exist here: a shutdown would wait for ever)
        else:
            server._http.shutdown()  # serve_forever returns once its current poll ends
            thread.join(timeout=_STOP_TIMEOUT)


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], owner: FakeServer) -> None:
        self.owner = owner  # what its connections answer with
        super().__init__(address, _Connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet for a client that went away mid-request; a traceback on stderr for a bug here."""
        if not isinstance(sys.exception(), OSError):
            super().handle_error(request, client_address)


class _RefusedRequestError(Exception):
    """A request the server answers itself: a 400, or the 413 of a body over the limit."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


class _Connection(socketserver.BaseRequestHandler):
    """One connection's requests, read by h11 and answered by the fake of the server's `FakeServer`."""

    request: socket.socket
    server: _TCPServer
    _call: ExitStack  # the exchange's count in flight, once begun
    _answered: Callable[[], None] | None

    def handle(self) -> None:
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms wait for an ACK
        self.http = h11.Connection(h11.SERVER, max_incomplete_event_size=_MAX_HEAD)
        while self._exchange():
            self.http.start_next_cycle()

    def _exchange(self) -> bool:
        """Read a request and answer it; whether the connection may carry another."""
        try:
            with ExitStack() as self._call:
                self._answered = None
                event = self._next_event()
                if not isinstance(event, h11.Request):
                    return False  # the client closed the connection between requests
                return self._answer(event, self._counted())
        except h11.RemoteProtocolError as error:
            self._refuse(_RefusedRequestError(str(error)))
        except _RefusedRequestError as refusal:
            self._refuse(refusal)
        return False

    def _answer(self, event: h11.Request, answered: Callable[[], None]) -> bool:
        """Read a request's body and send the fake's answer; whether the connection may carry another."""
        _check_head(event)
        method, target = event.method.decode(), event.target.decode("latin-1")
        body = self._read_body(event)
        try:
            request = httpx2.Request(
                method, self.server.owner.url + target, headers=event.headers.raw_items(), content=body
            )
        except Exception:  # a request target httpx2 cannot make a URL of
            raise _RefusedRequestError("The request URL is not valid") from None
        control = self.server.owner.control
        if control is not None and control.addresses(request.url.path):
            response: httpx2.Response | None = control.answer(request)  # neither counted nor recorded
        else:
            response = self._handled(request)
        if response is None:
            return False  # the scripted fault: no answer at all
        answered()
        self._send(response, with_body=method != "HEAD", close=self.server.owner.stopping)
        return self.http.our_state is h11.DONE and self.http.their_state is h11.DONE

    def _handled(self, request: httpx2.Request) -> httpx2.Response | None:
        """The fake's answer; None for a scripted dropped connection.

        Counted in flight, by the remote address (the unit of the API's limits), from when it is
        read until its answer is ready: before the answer is sent, so that a client that has it
        and sends the next request never finds this one still counted.
        """
        fake, client = self.server.owner.fake, self.client_address[0]
        counted = fake.is_api_request(request.method, request.url.path)
        admission = fake.limits.admit(client) if counted else None
        request.extensions[ADMISSION] = admission
        try:
            return fake.handle_request(request)
        except httpx2.RemoteProtocolError:
            return None
        finally:
            if counted and admission is None:
                fake.limits.done(client)

    def _counted(self) -> Callable[[], None]:
        """Count the exchange's call in flight (`FakeServer.call_in_flight`), once; its `answered`.

        From its first byte, not once its head is whole: a stop that comes in between would miss a
        call the server has begun to read (the kernel holds no byte of it any more), and end
        without answering it.
        """
        if self._answered is None:
            self._answered = self._call.enter_context(self.server.owner.call_in_flight())
        return self._answered

    def _next_event(self) -> object:
        while (event := self.http.next_event()) is h11.NEED_DATA:
            data = self.request.recv(_READ_SIZE)  # b"": the client closed
            if data:
                self._counted()
            self.http.receive_data(data)
        return event

    def _read_body(self, request: h11.Request) -> bytes:
        """The body, refused as soon as it is known to be over the limit: by its Content-Length
        (checked by h11), before it is read, or else as the chunks come."""
        limit = self.server.owner.max_body_size
        if int(dict(request.headers).get(b"content-length", 0)) > limit:
            raise _too_large(limit)
        if self.http.they_are_waiting_for_100_continue:
            self.request.sendall(
                self.http.send(h11.InformationalResponse(status_code=100, headers=[], reason="Continue"))
            )
        body = bytearray()
        while isinstance(event := self._next_event(), h11.Data):
            body += event.data
            if len(body) > limit:
                raise _too_large(limit)
        return bytes(body)

    def _send(self, response: httpx2.Response, *, with_body: bool, close: bool) -> None:
        """The answer, with the server's framing; `close`: no next request on this connection."""
        content = response.content
        headers = [(name, value) for name, value in response.headers.raw if name.lower() not in _FRAMING]
        headers.append((b"Content-Length", str(len(content)).encode()))
        if close:
            headers.append((b"Connection", b"close"))
        head = h11.Response(status_code=response.status_code, headers=headers, reason=response.reason_phrase)
        out = self.http.send(head)
        if with_body:  # a HEAD answer has the headers of a body, but no body
            out += self.http.send(h11.Data(data=content))
        self.request.sendall(out + self.http.send(h11.EndOfMessage()))

    def _refuse(self, refusal: _RefusedRequestError) -> None:
        """Answer a request the fake never sees, in its error shape; then close the connection."""
        code = "PAYLOAD_TOO_LARGE" if refusal.status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE else "BAD_REQUEST"
        error = FakeAPIError(int(refusal.status), code, str(refusal))
        self._send(httpx2.Response(refusal.status, json=error.body()), with_body=True, close=True)
        self._linger()

    def _linger(self) -> None:
        """After an early answer, read and drop what the client still sends, for a while.

        Closing a socket with unread data resets the connection, and the reset can overtake the
        answer: a client still sending its body would see its send fail instead of the 400 or
        413. Half-closing first tells it the answer is complete; nothing read here is kept.
        """
        try:
            self.request.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + LINGER_SECONDS
            while (left := deadline - time.monotonic()) > 0:
                self.request.settimeout(left)
                if not self.request.recv(_READ_SIZE):
                    return
        except OSError:  # the client left, or went on past the deadline: close all the same
            return


def _check_head(request: h11.Request) -> None:
    """Refuse what h11 reads but the server will not: more headers than the standard library
    allows, and both framings at once, which RFC 9112 (6.3) lets a server refuse: it is how
    requests are smuggled past a proxy, and h11 would read the body as chunked and keep the
    connection open, where the RFC says it must close."""
    names = [name for name, _ in request.headers]
    if len(names) > _MAX_HEADERS:
        raise _RefusedRequestError(f"A request has at most {_MAX_HEADERS} headers")
    if b"content-length" in names and b"transfer-encoding" in names:
        raise _RefusedRequestError("Content-Length and Transfer-Encoding exclude each other")


def _too_large(limit: int) -> _RefusedRequestError:
    return _RefusedRequestError(
        f"The request body is over this server's limit of {limit} bytes", HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    )
