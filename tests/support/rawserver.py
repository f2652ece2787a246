"""A loopback server that answers every request with the same bytes, exactly as given: `raw_server`.

Its own thread and plain sockets, so that a client on any event loop, a thread or another process
(the command line) can be pointed at it. It reads a request's head and its Content-Length's worth of
body, writes the answer (whole, or in pieces of `piece` bytes), then closes the connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class RawServer:
    url: str
    requests: list[bytes] = field(default_factory=list)


def _request(connection: socket.socket) -> bytes:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        if not chunk:
            return received
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in lines if line.startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@contextmanager
def raw_server(answer: bytes, *, piece: int | None = None) -> Iterator[RawServer]:
    """Serve `answer` to every request on 127.0.0.1; `piece`: write it that many bytes at a time."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)  # a backstop only: a stop wakes the accept at once (below)
    server = RawServer(f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()

    def serve_one(connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):
            connection.settimeout(10)
            server.requests.append(_request(connection))
            step = piece or len(answer) or 1
            for start in range(0, len(answer), step):
                connection.sendall(answer[start : start + step])
            connection.shutdown(socket.SHUT_WR)
            with contextlib.suppress(OSError):  # let the client read to the end before the socket goes
                while connection.recv(65536):
                    pass

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if stop.is_set():  # the stop's own wake-up connection
                connection.close()
                return
            threading.Thread(target=serve_one, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        # A connection of its own wakes the accept: waiting out the accept's timeout instead cost
        # each test 0.2 s (171 of them in `make check`).
        with contextlib.suppress(OSError), socket.create_connection(listener.getsockname()[:2], timeout=5):
            pass
        thread.join(5)
        listener.close()
