"""A long-running command's port (`mirror run`, `webhooks listen`, `webhooks worker --port`, `mcp --http`): its
health probes, and the bounds on what a stranger can hold there, served by uvicorn with its own settings.

The probes (docs/deploying.md, "Health") ask for no secret and tell none: `GET /livez` answers 200 while the
process's event loop runs; `GET /readyz` (and `/healthz`, the same) 200 or 503 with a short JSON body, from what
the process can recover from itself (its database, its credentials with Engage, its own progress). A request
without the secret changes neither: refused deliveries are counted and shown, never made unreadiness.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from typing import Any, Literal

from .signals import stop_signals_to

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Readiness = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]

LIVENESS, READINESS = "/livez", ("/readyz", "/healthz")

# What a stranger can hold on a port (docs/deploying.md, "Bounds"): a request must arrive whole (head and body)
# within REQUEST_TIMEOUT seconds of its connection or of the answer before it; a kept-alive connection idles
# KEEP_ALIVE seconds; past MAX_CONNECTIONS open connections a request is answered 503; a head holds at most
# MAX_HEAD bytes. Each app bounds its body: a receiver's `max_body_size`, the MCP SDK's own (4 MiB).
REQUEST_TIMEOUT_VARIABLE = "PEXIP_ENGAGE_REQUEST_TIMEOUT"
REQUEST_TIMEOUT, KEEP_ALIVE, MAX_CONNECTIONS, MAX_HEAD = 10.0, 5, 1000, 16 * 1024


def with_probes(app: ASGIApp | None, readiness: Readiness) -> ASGIApp:
    """`app` (None: nothing but the probes) answering `GET`/`HEAD` of `/livez`, `/readyz` and `/healthz` first."""

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path")
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD") and path in (LIVENESS, *READINESS):
            ready, document = (True, {"status": "alive"}) if path == LIVENESS else await _checked(readiness)
            await _answer(send, 200 if ready else 503, document)
        elif app is not None:
            await app(scope, receive, send)
        elif scope["type"] == "http":
            await _answer(send, 404, {"error": f"this port answers {LIVENESS} and {READINESS[0]} only"})

    return served


async def _checked(readiness: Readiness) -> tuple[bool, dict[str, Any]]:
    try:
        return await readiness()
    except Exception as error:  # a check that cannot be made is the answer: by its class, never its text
        return False, {"status": "failing", "failures": [f"readiness unknown: {type(error).__name__}"]}


async def _answer(send: Send, status: int, document: dict[str, Any]) -> None:
    """`document` as JSON with `status`; never cached."""
    body = json.dumps(document, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
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
    """Serve `app` on `listening` within the bounds above until `stopping` is set (None: until SIGTERM or SIGINT).

    The server takes no signal itself: the command's own handling (a worker's grace, the mirror's stop) has them.
    """
    import uvicorn  # noqa: PLC0415 - an extra's (`mirror`, `mcp`)

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            yield

    timeout = float(os.environ.get(REQUEST_TIMEOUT_VARIABLE) or REQUEST_TIMEOUT)
    config = uvicorn.Config(
        app, lifespan=lifespan, log_level="warning",
        access_log=False, http=_request_in_time(timeout), timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=MAX_CONNECTIONS, h11_max_incomplete_event_size=MAX_HEAD,
    )  # fmt: skip
    server = Server(config)
    signalled = asyncio.Event() if stopping is None else stopping
    with stop_signals_to(lambda _signum: signalled.set(), enabled=stopping is None):
        serving = asyncio.create_task(server.serve(sockets=[listening]))
        stopped = asyncio.create_task(signalled.wait())
        try:
            await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            server.should_exit = True  # no new connection; the requests in flight are answered
            stopped.cancel()
            await serving


def _request_in_time(timeout: float) -> type[asyncio.Protocol]:
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request has not arrived whole `timeout` seconds
    after the connection opened or the last answer was sent: uvicorn bounds only the idle time between requests,
    so a head sent halfway would hold its connection for ever. Where the request stands is h11's own state."""
    import h11  # noqa: PLC0415
    from uvicorn.protocols.http.h11_impl import H11Protocol  # noqa: PLC0415

    class RequestInTime(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def _arm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
            self._deadline = self.loop.call_later(timeout, self._too_late)

        def _too_late(self) -> None:
            if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
                self.transport.close()

    return RequestInTime
