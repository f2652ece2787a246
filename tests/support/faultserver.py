"""A scripted HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for fault-injection tests.

It runs on its own event loop in a thread, speaks just enough HTTP/1.1 by hand to be able to break
it (reset a connection, cut a body short, stall), and answers the n-th request with the n-th
scripted fault (the last one repeats). It counts the requests it has read, and the connections it
has opened and closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

_CHUNK = 64 * 1024


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
        close: Close the connection after reading the request, without answering.
        zeros: Instead of `body`, this many zero bytes, written as they go (`chunked` or with a length).
        chunked: Send the body with chunked transfer encoding.
        endless: Send chunked zeros until the client goes away.
        drip: Send the body one byte every `drip` seconds.
        pause: (bytes, seconds): send that many body bytes, fall silent for that long, then send
            the rest, keeping the connection.
    """

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False
    truncate_to: int | None = None
    close: bool = False
    zeros: int | None = None
    chunked: bool = False
    endless: bool = False
    drip: float | None = None
    pause: tuple[int, float] | None = None


class FaultServer:
    """Serves `script`; over TLS with `tls`; closes a kept-alive connection idle for `idle_close` seconds."""

    def __init__(
        self, script: list[Fault], *, tls: ssl.SSLContext | None = None, idle_close: float | None = None
    ) -> None:
        self.script = script
        self.requests: list[tuple[str, str]] = []  # (method, path) of each request read
        self.heads: list[bytes] = []  # the request line and header lines of each, as received
        self.headers: list[dict[str, str]] = []  # the headers of each request read (names lower-cased)
        self.connections = 0
        self.closed_connections = 0  # counted once closed: the client's socket has the close by then
        self.port = 0
        self._tls = tls
        self._idle_close = idle_close
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self._tls))
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
        self.connections += 1
        served = 0
        try:
            while True:
                if self._idle_close is not None and served:  # an idle keep-alive connection
                    try:
                        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self._idle_close)
                    except TimeoutError:
                        return  # idle too long: closed, as a load balancer does
                else:
                    head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                }
                await reader.readexactly(int(headers.get("content-length", "0")))
                fault = self.script[min(len(self.requests), len(self.script) - 1)]
                self.requests.append((method, path))
                self.heads.append(head)
                self.headers.append(headers)
                served += 1
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.close:
                    return
                if fault.zeros is not None or fault.endless or fault.drip is not None:
                    await self._stream(writer, fault)
                    return
                if fault.reset:
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                headers = {"Content-Type": "application/json", "Content-Length": str(len(fault.body)), **fault.headers}
                status_line = f"HTTP/1.1 {fault.status} Whatever\r\n"
                writer.write((status_line + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode())
                if not await self._write_body(writer, fault):
                    return
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError, ssl.SSLError):
            pass  # the client went away, or the server is shutting down
        finally:
            writer.close()
            # Closed once its socket is: its FIN (or reset) has been sent. (Stopping the server
            # cancels this wait too, and a handler ends quietly, as above.)
            with contextlib.suppress(ConnectionError, ssl.SSLError, asyncio.CancelledError):
                await writer.wait_closed()
            self.closed_connections += 1

    @staticmethod
    async def _write_body(writer: asyncio.StreamWriter, fault: Fault) -> bool:
        """Write a body of known length as the fault says; False when the connection must end."""
        if fault.truncate_to is not None:
            writer.write(fault.body[: fault.truncate_to])
            await writer.drain()
            return False
        if fault.pause is not None:
            sent, silence = fault.pause
            writer.write(fault.body[:sent])
            await writer.drain()
            await asyncio.sleep(silence)
            writer.write(fault.body[sent:])
        else:
            writer.write(fault.body)
        await writer.drain()
        return True

    async def _stream(self, writer: asyncio.StreamWriter, fault: Fault) -> None:
        """A body written as it goes: zeros (with a length, or chunked, or endless), or a drip."""
        body = fault.body if fault.zeros is None else b""
        framing = (
            "Transfer-Encoding: chunked"
            if fault.chunked or fault.endless
            else f"Content-Length: {fault.zeros if fault.zeros is not None else len(body)}"
        )
        extra = "".join(f"{k}: {v}\r\n" for k, v in fault.headers.items())
        writer.write(
            f"HTTP/1.1 {fault.status} OK\r\nContent-Type: application/json\r\n{framing}\r\n{extra}\r\n".encode()
        )
        if fault.drip is not None:
            for byte in body:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(fault.drip)
            return
        remaining = fault.zeros or 0
        while fault.endless or remaining > 0:
            chunk = bytes(min(_CHUNK, remaining) if not fault.endless else _CHUNK)
            remaining -= len(chunk)
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if fault.chunked or fault.endless else chunk)
            await writer.drain()
        if fault.chunked:
            writer.write(b"0\r\n\r\n")
            await writer.drain()

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault server did not start")

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


@contextmanager
def fault_server(
    *script: Fault, tls: ssl.SSLContext | None = None, idle_close: float | None = None
) -> Iterator[FaultServer]:
    server = FaultServer(list(script), tls=tls, idle_close=idle_close)
    server.start()
    try:
        yield server
    finally:
        server.stop()
