"""A long-running command's port (`mirror run`, `webhooks listen`, `webhooks worker --port`, `mcp --http`): its
health probes, and the bounds on what a stranger can hold there, served by uvicorn with its own settings.

The probes (docs/deploying.md, "Health") ask for no secret and tell none: `GET /livez` answers 200 while the
process's event loop runs; `GET /readyz` (and `/healthz`, the same) 200 or 503 with a short JSON body, from what
the process can recover from itself (its database, its credentials with Engage, its own progress). A request
without the secret changes neither: refused deliveries are counted and shown, never made unreadiness.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Literal, TypeVar

from . import metrics
from .metrics import Readings
from .signals import stop_signals_to

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Readiness = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
T = TypeVar("T")

LIVENESS, READINESS = "/livez", ("/readyz", "/healthz")

# What a stranger can hold on a port (docs/deploying.md, "Bounds"): a request must arrive whole (head and body)
# within REQUEST_TIMEOUT seconds of its connection or of the answer before it; a kept-alive connection idles
# KEEP_ALIVE seconds; past MAX_CONNECTIONS open connections a request is answered 503; a head holds at most
# MAX_HEAD bytes. Each app bounds its body: a receiver's `max_body_size`, the MCP SDK's own (4 MiB).
REQUEST_TIMEOUT_VARIABLE = "PEXIP_ENGAGE_REQUEST_TIMEOUT"
REQUEST_TIMEOUT, KEEP_ALIVE, MAX_CONNECTIONS, MAX_HEAD = 10.0, 5, 1000, 16 * 1024


def with_probes(app: ASGIApp | None, readiness: Readiness, readings: Readings | None = None) -> ASGIApp:
    """`app` (None: nothing but the probes) answering `GET`/`HEAD` of `/livez`, `/readyz` and `/healthz` first, and
    of `/metrics`: this process's metrics and `readings()`, read then (`metrics.py`); never a change to the others."""

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path")
        asked = scope["type"] == "http" and scope.get("method") in ("GET", "HEAD")
        if asked and path in (LIVENESS, *READINESS):
            ready, document = (True, {"status": "alive"}) if path == LIVENESS else await _checked(readiness)
            await _answer(send, 200 if ready else 503, document)
        elif asked and path == metrics.PATH:
            scraped = await metrics.scrape(readings)
            await (_answer(send, 501, {"error": metrics.MISSING}) if scraped is None else _answer(send, 200, *scraped))
        elif app is not None:
            await app(scope, receive, send)
        elif scope["type"] == "http":
            await _answer(send, 404, {"error": f"this port answers {LIVENESS}, {READINESS[0]} and {metrics.PATH} only"})

    return served


async def _checked(readiness: Readiness) -> tuple[bool, dict[str, Any]]:
    try:
        return await readiness()
    except Exception as error:  # a check that cannot be made is the answer: by its class, never its text
        return False, {"status": "failing", "failures": [f"readiness unknown: {type(error).__name__}"]}


async def _answer(send: Send, status: int, document: dict[str, Any] | bytes, kind: str = "application/json") -> None:
    """`document` as JSON (or bytes of `kind`) with `status`; never cached."""
    body = document if isinstance(document, bytes) else json.dumps(document, separators=(",", ":")).encode()
    headers = [(b"content-type", kind.encode()), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def readiness_answer(
    failures: list[str], document: dict[str, Any], refused: dict[str, int] | None = None
) -> tuple[bool, dict[str, Any]]:
    """A readiness answer: ready when nothing failed; `document` with its status, the failures, and the deliveries
    refused by this process by cause (shown, never a failure)."""
    document = {"status": "failing" if failures else "ok", **document}
    if refused is not None:
        document |= {"refusedDeliveries": sum(refused.values()), "refusedByCause": refused}
    if failures:
        document["failures"] = failures
    return not failures, document


def listening_socket(host: str, port: int, command: str) -> socket.socket:
    """A TCP socket bound to `host:port` (0: a free port) for the server to listen on; OSError naming both."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except (OSError, OverflowError) as error:
        listening.close()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OSError(f"{command} cannot listen on {host}:{port}: {reason}") from None
    return listening


async def serve(
    app: ASGIApp,
    listening: socket.socket,
    *,
    stopping: asyncio.Event | None = None,
    lifespan: Literal["on", "off"] = "off",
) -> None:
    """Serve `app` on `listening` with uvicorn, within the bounds above, until SIGTERM or SIGINT: uvicorn's own
    handling, which stops the server and then raises the signal again, to the handler put in place here. Given
    `stopping`, until it is set: the caller takes the signals, so the server runs on a thread of its own, where
    uvicorn takes none, and `app` runs on the caller's loop (where its stores live).
    """
    import uvicorn  # noqa: PLC0415 - an extra's (`mirror`, `mcp`)

    timeout = float(os.environ.get(REQUEST_TIMEOUT_VARIABLE) or REQUEST_TIMEOUT)

    def server(served: ASGIApp) -> uvicorn.Server:
        protocol, bounded = _in_time(served, timeout)
        return uvicorn.Server(
            uvicorn.Config(
                bounded, lifespan=lifespan, log_level="warning", access_log=False, http=protocol, ws="none",
                proxy_headers=False, timeout_keep_alive=KEEP_ALIVE, limit_concurrency=MAX_CONNECTIONS,
                h11_max_incomplete_event_size=MAX_HEAD,
            )
        )  # fmt: skip

    if stopping is None:
        with stop_signals_to(lambda _signum: None):
            await server(app).serve(sockets=[listening])
        return
    apart = server(_on_loop(app, asyncio.get_running_loop()))
    serving = asyncio.ensure_future(asyncio.to_thread(lambda: asyncio.run(apart.serve(sockets=[listening]))))
    stopped = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        apart.should_exit = True  # no new connection; the requests in flight are answered
        stopped.cancel()
        await serving


def _on_loop(app: ASGIApp, loop: asyncio.AbstractEventLoop) -> ASGIApp:
    """`app` run on `loop` for a server on another thread's loop: each call, and each message, passed across."""

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        here = asyncio.get_running_loop()

        async def received() -> MutableMapping[str, Any]:
            return await _across(receive(), here)

        async def sent(message: MutableMapping[str, Any]) -> None:
            await _across(send(message), here)

        await _across(app(scope, received, sent), loop)

    return served


def _across(step: Awaitable[T], loop: asyncio.AbstractEventLoop) -> Awaitable[T]:
    """`step` run on `loop`, awaited here; cancelled there when cancelled here."""

    async def run() -> T:
        return await step

    return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(run(), loop))


def _in_time(app: ASGIApp, timeout: float) -> tuple[type[asyncio.Protocol], ASGIApp]:
    """uvicorn's HTTP/1.1 protocol and `app`, each wrapped, so that a connection whose request has not arrived whole
    `timeout` seconds after the connection opened, or after the answer before it, is closed.

    uvicorn bounds only the idle time between requests (its keep-alive timer starts after an answer, and any byte
    received stops it), so a head sent halfway would hold its connection for ever. The bound is kept with what
    uvicorn and asyncio publish, nothing of uvicorn's inside: its `http` setting takes the protocol class it runs,
    here one holding uvicorn's own and passing it every call of asyncio's `Protocol` interface, which arms the
    connection's deadline when it opens; the application sees the request once its head has arrived
    (`scope["client"]` names the connection), disarms the deadline once the body has arrived too (at once for a
    request without one), and arms it again once it has answered. A server with its own header timeout (granian,
    in Rust, runs its own workers; hypercorn's `read_timeout` restarts with each read) would be a second server
    beside the one the `mirror` and `mcp` extras bring.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol  # noqa: PLC0415 - what uvicorn's `http="h11"` names

    connections: dict[tuple[str, int], InTime] = {}

    class InTime(asyncio.Protocol):
        def __init__(self, **settings: Any) -> None:  # what uvicorn makes its protocol with, passed on
            self._served = H11Protocol(**settings)
            self._transport: asyncio.BaseTransport | None = None
            self._peer: tuple[str, int] | None = None
            self._deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self._transport, self._peer = transport, _peer(transport.get_extra_info("peername"))
            if self._peer is not None:
                connections[self._peer] = self
            self.arm()
            self._served.connection_made(transport)  # type: ignore[arg-type] # a socket's: an asyncio.Transport

        def data_received(self, data: bytes) -> None:
            self._served.data_received(data)

        def eof_received(self) -> None:  # as uvicorn's: the transport closes itself
            self._served.eof_received()

        def connection_lost(self, exc: Exception | None) -> None:
            self.disarm()
            if self._peer is not None and connections.get(self._peer) is self:
                del connections[self._peer]
            self._served.connection_lost(exc)

        def pause_writing(self) -> None:
            self._served.pause_writing()

        def resume_writing(self) -> None:
            self._served.resume_writing()

        def arm(self) -> None:
            self.disarm()
            if self._transport is not None and not self._transport.is_closing():
                self._deadline = asyncio.get_running_loop().call_later(timeout, self._transport.close)

        def disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

    async def bounded(scope: Scope, receive: Receive, send: Send) -> None:
        connection = connections.get(_peer(scope.get("client")) or ("", 0))
        if connection is None:  # the lifespan
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        if b"transfer-encoding" not in headers and headers.get(b"content-length", b"0").strip() == b"0":
            connection.disarm()  # no body to wait for

        async def received() -> MutableMapping[str, Any]:
            message = await receive()
            if not message.get("more_body"):
                connection.disarm()
            return message

        try:
            await app(scope, received, send)
        finally:
            connection.arm()

    return InTime, bounded


def _peer(address: object) -> tuple[str, int] | None:
    """A TCP peer's host and port, as uvicorn names it in `scope["client"]`; None for another kind."""
    if isinstance(address, tuple | list) and len(address) >= 2:
        return str(address[0]), int(address[1])
    return None
