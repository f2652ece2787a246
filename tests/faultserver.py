"""A scripted HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for fault-injection tests.

It runs on its own event loop in a thread, speaks just enough HTTP/1.1 by hand to be able to break
it (reset a connection, cut a body short, stall), and answers the n-th request with the n-th
scripted fault (the last one repeats). It counts the requests it has read.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fault:
    """What to do with one request.

    Attributes:
        status: The status line's code.
        body: The body to send.
        headers: Extra response headers.
        delay: Seconds to wait before answering.
        reset: Abort the connection with a TCP reset instead of answering.
        truncate_to: Declare the full length but send only this many body bytes, then close.
    """

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False
    truncate_to: int | None = None


class FaultServer:
    def __init__(self, script: list[Fault]) -> None:
        self.script = script
        self.requests: list[tuple[str, str]] = []  # (method, path) of each request read
        self.heads: list[bytes] = []  # the request line and header lines of each, as received
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.run_until_complete(server.wait_closed())
        self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                length = next(
                    (int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")), 0
                )
                await reader.readexactly(length)
                fault = self.script[min(len(self.requests), len(self.script) - 1)]
                self.requests.append((method, path))
                self.heads.append(head)
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.reset:
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                headers = {"Content-Type": "application/json", "Content-Length": str(len(fault.body)), **fault.headers}
                status_line = f"HTTP/1.1 {fault.status} Whatever\r\n"
                writer.write((status_line + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode())
                if fault.truncate_to is not None:
                    writer.write(fault.body[: fault.truncate_to])
                    await writer.drain()
                    return
                writer.write(fault.body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away, or the server is shutting down
        finally:
            writer.close()

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault server did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


@contextmanager
def fault_server(*script: Fault) -> Iterator[FaultServer]:
    server = FaultServer(list(script))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A loopback port with nothing listening on it (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
