"""The mirror served: its ASGI face (the receiver's, whose lifespan runs the whole mirror), and `run`.

`run` serves that face with uvicorn (the `mirror` extra) on a socket it binds itself, so that a
port in use is an error of its own rather than uvicorn's exit, and stops on SIGTERM or SIGINT: the
server first (no delivery taken any more, those in flight answered), then the mirror, with nothing
half-applied (`AppointmentMirror.stop`).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from .._shared.health import Deliveries, answer_health, is_probe
from .._shared.signals import stop_signals_to

if TYPE_CHECKING:
    from ..webhooks import WebhookReceiver

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger("pexip_engage_client.mirror")
EXTRA_HINT = 'the mirror is served with uvicorn: pip install "pexip-engage-client[mirror]"'
_UNAVAILABLE = b'{"error":"the appointment mirror could not start"}'


class Mirror(Protocol):
    """What is served of an `AppointmentMirror`."""

    async def health(self) -> tuple[bool, dict[str, Any]]: ...

    @property
    def receiver(self) -> WebhookReceiver: ...
    @property
    def started(self) -> bool: ...
    async def start(self) -> None: ...
    async def stop(self, *, grace: float = 10.0) -> None: ...


class MirrorApp:
    """The receiver's ASGI application; its lifespan (or its first request) starts the mirror, and the
    lifespan's end stops it."""

    def __init__(self, mirror: Mirror) -> None:
        self._mirror = mirror
        self._receiver_app = mirror.receiver.asgi_app()

    def __repr__(self) -> str:
        return f"MirrorApp({self._mirror!r})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if is_probe(scope):
            await answer_health(send, *await self._mirror.health())
            return
        if scope["type"] == "http" and not self._mirror.started:
            try:
                await self._mirror.start()
            except Exception as error:  # the database down, say: Engage tries the delivery again
                logger.warning("the appointment mirror could not start: %s: %s", type(error).__name__, error)
                await send(
                    {"type": "http.response.start", "status": 503, "headers": [(b"content-type", b"application/json")]}
                )
                await send({"type": "http.response.body", "body": _UNAVAILABLE})
                return
        await self._receiver_app(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self._mirror.start()
                except Exception as error:
                    await send({"type": "lifespan.startup.failed", "message": f"{type(error).__name__}: {error}"})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self._mirror.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def run(mirror: Mirror, *, port: int | None, host: str, grace: float) -> None:
    """Serve the mirror on `host:port` (None: serve nothing) until SIGTERM or SIGINT, then stop it."""
    listening = None if port is None else listening_socket(host, port)
    stopping = asyncio.Event()
    try:
        # uvicorn puts handlers of its own in place while it serves, and raises the signal it got again
        # once it has stopped: that reaches this one too.
        with stop_signals_to(lambda _signum: stopping.set()):
            await mirror.start()
            if listening is None:
                logger.info("the appointment mirror runs without serving: deliveries reach its database elsewhere")
                await stopping.wait()
            else:
                await _serve(mirror, listening, stopping)
            logger.info("the appointment mirror is stopping: what is in hand is finished, nothing is half-applied")
    finally:
        try:
            await mirror.stop(grace=grace)
        finally:
            if listening is not None:
                listening.close()


async def _serve(mirror: Mirror, listening: socket.socket, stopping: asyncio.Event) -> None:
    """Serve the receiver on `listening` until `stopping` is set or the server stops on a signal of its own."""
    try:
        import uvicorn  # noqa: PLC0415 - the `mirror` extra
    except ImportError:
        raise ImportError(EXTRA_HINT) from None
    # The receiver's own face: the mirror is started and stopped here, not by the lifespan.
    config = uvicorn.Config(_with_health(mirror), lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve(sockets=[listening]))
    stopped = asyncio.create_task(stopping.wait())
    host, port = listening.getsockname()[:2]
    logger.info("the appointment mirror listens on http://%s:%d/?key=<the secret>", host, port)
    try:
        await asyncio.wait({serving, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        server.should_exit = True  # no new connection; the deliveries in flight are answered
        stopped.cancel()
        await serving


def _with_health(mirror: Mirror) -> ASGIApp:
    """The receiver's own face, its refusals counted, and `GET /healthz` answered from `mirror.health()` and them."""
    app = mirror.receiver.asgi_app()
    deliveries = Deliveries()

    async def served(scope: Scope, receive: Receive, send: Send) -> None:
        if is_probe(scope):
            healthy, document = await mirror.health()
            failures = document.pop("failures", [])
            deliveries.said(document, failures)
            if failures:
                document |= {"status": "failing", "failures": failures}
            await answer_health(send, healthy and not failures, document)
            return
        await app(scope, receive, deliveries.counting(send))

    return served


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to `host:port` (0: a free port), for the server to listen on; OSError naming it."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except (OSError, OverflowError) as error:
        listening.close()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OSError(f"the appointment mirror cannot listen on {host}:{port}: {reason}") from None
    return listening
