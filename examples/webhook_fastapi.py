"""Webhooks in a FastAPI application, as a route of an `APIRouter`: the router's dependencies apply
to it, and a test can replace the receiver through `app.dependency_overrides`.

Served by uvicorn (`uvicorn myapp:app --no-access-log`: the access log would show `?key=`); the
receiver's handlers run in the application's process, started and stopped by its lifespan. Run as
a script, uvicorn serves it on a free loopback port and the fake API delivers its events there.
"""

import asyncio
import os
import tempfile
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Annotated

import uvicorn
from fastapi import APIRouter, Depends, FastAPI, Request, Response

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# --8<-- [start:router]
store = os.environ.get("ENGAGE_WEBHOOK_STORE") or f"sqlite:///{tempfile.mkdtemp()}/events.db"  # a demo file if unset
receiver = WebhookReceiver(store, secret=os.environ.get("ENGAGE_WEBHOOK_KEY", "test-key"))


def webhook_receiver() -> WebhookReceiver:
    return receiver


router = APIRouter()


@router.post("/engage-webhooks", include_in_schema=False)
@router.post("/engage-webhooks/", include_in_schema=False)
async def engage_webhooks(
    request: Request, receiver: Annotated[WebhookReceiver, Depends(webhook_receiver)]
) -> Response:
    # The key is read here, not declared as a parameter: a declared one would be in the schema and
    # in validation errors.
    answer = await receiver.receive(
        await request.body(),
        key=request.query_params.get("key"),
        content_type=request.headers.get("content-type"),
        source=request.client.host if request.client else None,  # a refusal is logged under it
    )
    return Response(answer.body, answer.status, headers=dict(answer.headers))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[None]:
    async with receiver:  # the handlers run while the application does
        yield


app = FastAPI(lifespan=lifespan)
app.include_router(router)
# --8<-- [end:router]


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id}, received by the FastAPI router")


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
