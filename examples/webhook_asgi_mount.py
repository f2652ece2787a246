"""The receiver mounted in a larger ASGI application, whose lifespan starts and stops it.

`Router` stands in for Starlette or FastAPI (neither is needed here): it has their constructor's
`lifespan=` and their `mount(path, app)`, and like them it does not pass lifespan events to
mounted apps. Runs offline: uvicorn serves the application on a free loopback port, and the fake
API delivers its events there over HTTP.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import uvicorn

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class Router:
    """A minimal ASGI application: mounted apps by path prefix, and a lifespan."""

    def __init__(self, lifespan: Callable[["Router"], AbstractAsyncContextManager[None]]) -> None:
        self.lifespan = lifespan
        self.mounts: list[tuple[str, ASGIApp]] = []

    def mount(self, path: str, app: ASGIApp) -> None:
        self.mounts.append((path.rstrip("/"), app))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await receive()  # lifespan.startup
            async with self.lifespan(self):
                await send({"type": "lifespan.startup.complete"})
                await receive()  # lifespan.shutdown
            await send({"type": "lifespan.shutdown.complete"})
            return
        for prefix, app in self.mounts:
            if scope["path"] == prefix or scope["path"].startswith(prefix + "/"):
                await app({**scope, "root_path": prefix, "path": scope["path"][len(prefix) :] or "/"}, receive, send)
                return
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})


receiver = WebhookReceiver("memory://", secret="test-key")


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id}, received by the mounted app")


# --8<-- [start:mount]
@asynccontextmanager
async def lifespan(app: Router) -> AsyncIterator[None]:
    async with receiver:
        yield


api = Router(lifespan=lifespan)
api.mount("/engage-webhooks", receiver.asgi_app())
# --8<-- [end:mount]


async def main() -> None:
    # Like `uvicorn myapp:api --port 0 --no-access-log`: port 0 picks a free port.
    server = uvicorn.Server(uvicorn.Config(api, host="127.0.0.1", port=0, access_log=False, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn's Server has no event to wait on
        if serving.done():
            raise SystemExit("uvicorn did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    fake = FakePexipEngage()
    # --8<-- [start:fake-server]
    sender = fake.deliver_webhooks(f"http://127.0.0.1:{port}/engage-webhooks?key=test-key")  # or a running server
    # --8<-- [end:fake-server]
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment_id)
    await sender.drain()
    await receiver.join()
    await sender.aclose()
    print("answers:", [attempt.status for attempt in sender.attempts])
    server.should_exit = True
    await serving  # the lifespan's shutdown stops the receiver


if __name__ == "__main__":
    asyncio.run(main())
