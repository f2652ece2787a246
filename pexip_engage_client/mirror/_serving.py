"""The mirror served: its ASGI face (the receiver's, whose lifespan runs the whole mirror, with the probes), and `run`.

`run` serves that face within the bounds of every port (`_shared/health.py`) on a socket it binds itself, so
that a port in use is an error of its own, and stops on SIGTERM or SIGINT: the server first (no delivery taken
any more, those in flight answered), then the mirror, with nothing half-applied (`AppointmentMirror.stop`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Protocol

from .._shared.health import Receive, Scope, Send, listening_socket, serve, with_probes
from .._shared.metrics import Reading
from .._shared.signals import stop_signals_to

if TYPE_CHECKING:
    from ..webhooks import WebhookReceiver

logger = logging.getLogger("pexip_engage_client.mirror")
EXTRA_HINT = 'the mirror is served with uvicorn: pip install "pexip-engage-client[mirror]"'
_UNAVAILABLE = b'{"error":"the appointment mirror could not start"}'


class Mirror(Protocol):
    """What is served of an `AppointmentMirror`."""

    async def health(self) -> tuple[bool, dict[str, Any]]: ...
    async def _readings(self) -> list[Reading]: ...

    @property
    def receiver(self) -> WebhookReceiver: ...
    @property
    def started(self) -> bool: ...
    async def start(self) -> None: ...
    async def stop(self, *, grace: float = 10.0) -> None: ...


class MirrorApp:
    """The receiver's ASGI application with the probes; its lifespan (or its first request) starts the mirror,
    and the lifespan's end stops it."""

    def __init__(self, mirror: Mirror) -> None:
        self._mirror = mirror
        self._receiver_app = mirror.receiver.asgi_app()
        self._served = with_probes(self._deliveries, mirror.health, mirror._readings)

    def __repr__(self) -> str:
        return f"MirrorApp({self._mirror!r})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        else:
            await self._served(scope, receive, send)

    async def _deliveries(self, scope: Scope, receive: Receive, send: Send) -> None:
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
    """Serve the mirror on `host:port` (None: serve nothing) until SIGTERM or SIGINT, then stop it. Whatever it cannot
    run without (the `mirror` extra, the port) is refused before anything is made (its database)."""
    if port is not None:
        try:
            import uvicorn  # noqa: F401, PLC0415 - the `mirror` extra
        except ImportError:
            raise ImportError(EXTRA_HINT) from None
    listening = None if port is None else listening_socket(host, port, "the appointment mirror")
    stopping = asyncio.Event()
    try:
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


async def _serve(mirror: Mirror, listening: Any, stopping: asyncio.Event) -> None:
    """Serve the receiver and the probes on `listening` until `stopping` is set."""
    host, port = listening.getsockname()[:2]
    logger.info("the appointment mirror listens on http://%s:%d/?key=<the secret>", host, port)
    await serve(MirrorApp(mirror), listening, stopping=stopping)  # started and stopped here: no lifespan
