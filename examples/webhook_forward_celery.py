"""Webhook events handed to Celery: the receiver stores each, then sends it as a task by name.

Runs offline: Celery's in-memory broker and result backend and a worker thread stand in for your
Redis or RabbitMQ broker and `celery -A myapp worker`; the fake API delivers its events to the
receiver in process, each twice. The task runs once per event, an appointment's events in order.
"""

import asyncio
import os
import tempfile
from typing import Any

from celery import Celery  # type: ignore[import-untyped]
from celery.contrib.testing.worker import start_worker  # type: ignore[import-untyped]

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event

# --8<-- [start:imports]
from pexip_engage_client.webhooks import CelerySink, ForwardedEvent, WebhookReceiver

# --8<-- [end:imports]

# --8<-- [start:task]
# myapp/tasks.py, run by `celery -A myapp.tasks worker`. In production: broker="redis://...", and a
# result backend, which the receiver reads to know a task finished (until="processed", the default).
app = Celery("myapp", broker="memory://", backend="cache+memory://")


@app.task(name="myapp.appointment_changed")  # type: ignore[untyped-decorator]  # Celery ships no types
def appointment_changed(message: dict[str, Any]) -> None:
    forwarded = ForwardedEvent.from_dict(message)
    event = forwarded.event  # the typed event: AppointmentWebhookEvent, ...
    print(f"task: {forwarded.event_id} of {forwarded.appointment_id} ({type(event).__name__})")


# --8<-- [end:task]

# --8<-- [start:receiver]
# myapp/webhooks.py, served by `uvicorn myapp.webhooks:asgi`.
receiver = WebhookReceiver(store="sqlite:///engage-events.db", secret="test-key")
receiver.forward(CelerySink(app, "myapp.appointment_changed"))
asgi = receiver.asgi_app()
# --8<-- [end:receiver]


async def main() -> None:
    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(receiver.asgi_app(), key="test-key")
    sender.duplicates = 1  # each event twice: the task runs once
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    with tempfile.TemporaryDirectory() as directory, start_worker(app, pool="solo", perform_ping_check=False):
        os.chdir(directory)  # where sqlite:///engage-events.db goes, here a scratch directory
        async with receiver, PexipEngage("acme", token="test", transport=fake) as engage:
            await engage.appointments.accept_appointment(appointment_id)
            # Engage sends CANCEL when an appointment is cancelled; the fake's API cancels none, so send it.
            sender.send(appointment_event(fake.appointments[appointment_id], "CANCEL"))
            await sender.drain()
            await receiver.join()


if __name__ == "__main__":
    asyncio.run(main())
