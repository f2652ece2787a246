"""The fake served over real HTTP on loopback, with the standard library only.

Each connection gets a thread (`ThreadingHTTPServer`), but every request is handled by the fake on
one event loop thread, so the fake's state needs no locks. A scripted dropped connection closes the
socket without an answer.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from ._fake import FakePexipEngage

LOOPBACK = "127.0.0.1"
# Connections the kernel completes and queues before the server accepts them (the standard
# library's 5 leaves a burst of clients waiting for SYN retransmissions, for up to half a minute).
LISTEN_BACKLOG = 1024


class FakeServer:
    """An HTTP server on 127.0.0.1 answering with a fake's answers."""

    def __init__(self, fake: FakePexipEngage, port: int = 0) -> None:
        self.fake = fake
        self._loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self._loop.run_forever, name="fake-api-loop", daemon=True)
        self._http = _HTTPServer((LOOPBACK, port), _handler_for(self))

    @property
    def url(self) -> str:
        """The server's root, e.g. `http://127.0.0.1:8080` (the API is below `/enterprises/<name>`)."""
        return f"http://{LOOPBACK}:{self._http.server_address[1]}"

    def serve_forever(self) -> None:
        self._loop_thread.start()
        try:
            self._http.serve_forever()
        finally:
            self._http.server_close()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._loop_thread.join(timeout=10)
            self._loop.close()

    def shutdown(self) -> None:
        self._http.shutdown()

    def answer(self, request: httpx.Request) -> httpx.Response:
        """The fake's answer to a request (raises httpx.RemoteProtocolError for a dropped connection)."""
        return asyncio.run_coroutine_threadsafe(self.fake.handle_async_request(request), self._loop).result()


@contextmanager
def serve(fake: FakePexipEngage, port: int = 0) -> Iterator[str]:
    """Serve `fake` on 127.0.0.1 (a free port by default) for the block; yields the root URL."""
    server = FakeServer(fake, port)
    thread = threading.Thread(target=server.serve_forever, name="fake-api-http", daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        thread.join(timeout=10)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG


def _handler_for(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms wait for an ACK

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the fake records every call itself."""

        def _handle(self) -> None:
            body = self._read_body()
            try:
                request = httpx.Request(
                    self.command, server.url + self.path, headers=list(self.headers.items()), content=body
                )
            except Exception:  # a request line httpx cannot make a URL of
                self._send(httpx.Response(400, json={"errors": [_bad_request("The request URL is not valid")]}))
                return
            try:
                response = server.answer(request)
            except httpx.RemoteProtocolError:
                self.close_connection = True  # the scripted fault: no answer at all
                return
            self._send(response)

        def _read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks: list[bytes] = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""

        def _send(self, response: httpx.Response) -> None:
            content = response.content
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if self.command != "HEAD":  # a HEAD answer has the headers of a body, but no body
                self.wfile.write(content)

        def __getattr__(self, name: str) -> object:
            """`do_<METHOD>` for any method, so that the fake (not the server) answers it (405)."""
            if name.startswith("do_"):
                return self._handle
            raise AttributeError(name)

    return Handler


def _bad_request(message: str) -> dict[str, str]:
    return {"message": message, "code": "BAD_REQUEST", "type": "BAD_REQUEST", "statusCode": "400"}
