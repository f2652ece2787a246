"""Webhooks in a Starlette application: the receiver's ASGI app as a `Route` (not a `Mount`, which
answers the path without a slash with a redirect), its handlers started and stopped by the lifespan.

Served by uvicorn (`uvicorn myapp:app --no-access-log`: the access log would show `?key=`). Run as
a script, uvicorn serves it on a free loopback port and the fake API delivers its events there.
"""

import asyncio
import os
import tempfile
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# --8<-- [start:app]
store = os.environ.get("ENGAGE_WEBHOOK_STORE") or f"sqlite:///{tempfile.mkdtemp()}/events.db"  # a demo file if unset
receiver = WebhookReceiver(store, secret=os.environ.get("ENGAGE_WEBHOOK_KEY", "test-key"))
webhooks = receiver.asgi_app()


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncGenerator[None]:
    async with receiver:  # the handlers run while the application does
        yield


routes = [Route("/engage-webhooks", webhooks), Route("/engage-webhooks/", webhooks)]
app = Starlette(lifespan=lifespan, routes=routes)
# --8<-- [end:app]


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id}, received by the Starlette route")


async def main() -> None:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, access_log=False, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn's Server has no event to wait on
        if serving.done():
            raise SystemExit("uvicorn did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(f"http://127.0.0.1:{port}/engage-webhooks?key=test-key")
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment_id)
    await sender.drain()
    await receiver.join()
    await sender.aclose()
    print("answers:", [attempt.status for attempt in sender.attempts])
    server.should_exit = True
    await serving


if __name__ == "__main__":
    asyncio.run(main())
