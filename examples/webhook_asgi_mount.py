"""The receiver inside a FastAPI (or Starlette) application, whose lifespan starts and stops it.

Runs offline: uvicorn serves the application on a free loopback port, and the fake API delivers
its events there over HTTP. Needs FastAPI (`pip install fastapi`), which brings Starlette.
"""

import asyncio
from collections.abc import AsyncGenerator

import httpx2
import uvicorn

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

receiver = WebhookReceiver("memory://", secret="test-key")


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id}, received by the application")


# --8<-- [start:mount]
from contextlib import asynccontextmanager  # noqa: E402 - the lines the docs show start here

from fastapi import FastAPI  # noqa: E402
from starlette.routing import BaseRoute, Route  # noqa: E402


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[None]:
    async with receiver:  # routed apps get no lifespan events of their own
        yield


webhooks = receiver.asgi_app()
# A Route per form of the URL given to Engage: Mount("/engage-webhooks", ...) would answer the
# path without a slash with a redirect, which Engage counts as a failed delivery.
routes: list[BaseRoute] = [Route("/engage-webhooks", webhooks), Route("/engage-webhooks/", webhooks)]
api = FastAPI(lifespan=lifespan, routes=routes)  # with Starlette: Starlette(lifespan=lifespan, routes=routes)
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
    # The URL with a trailing slash is answered the same way.
    async with httpx2.AsyncClient() as client:
        body = appointment_event(fake.appointments[appointment_id], "CANCEL")
        url = f"http://127.0.0.1:{port}/engage-webhooks/"
        response = await client.post(
            url, params={"key": "test-key"}, content=body, headers={"Content-Type": "application/json"}
        )
    await receiver.join()
    print("with a trailing slash:", response.status_code)
    server.should_exit = True
    await serving  # the lifespan's shutdown stops the receiver


if __name__ == "__main__":
    asyncio.run(main())
