"""Webhook handlers by event class and by event type, an observer, and the SQLite store.

Runs offline: the fake API delivers its events to the receiver in process, each twice; the
observer sees both deliveries, the handler runs once. The receiver's module is what
`uvicorn myapp.webhooks:app` would serve.
"""

import asyncio
import os
import tempfile

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event

# --8<-- [start:imports]
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# --8<-- [end:imports]


class settings:  # noqa: N801 - your application's settings (Django's, pydantic-settings', ...); a stand-in here
    ENGAGE_WEBHOOK_KEY = "test-key"


# --8<-- [start:receiver]
receiver = WebhookReceiver(store="sqlite:///engage-events.db", secret=settings.ENGAGE_WEBHOOK_KEY)


@receiver.on(AppointmentWebhookEvent)  # every appointment event
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id} (attempt {delivery.attempt})")


@receiver.on("CANCEL")  # one appointment event type: chosen over the class's handler
async def cancelled(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"cancelled: {event.data.appointment.id}")


app = receiver.asgi_app()
# --8<-- [end:receiver]


async def main() -> None:
    # --8<-- [start:observe]
    receiver.observe(lambda arrival: print(arrival.event.id, "duplicate" if arrival.duplicate else "new"))
    # --8<-- [end:observe]
    # --8<-- [start:fake]
    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(receiver.asgi_app(), key="test-key")  # in process
    # --8<-- [end:fake]
    sender.duplicates = 1  # each event twice: the observer sees both, the handler runs once
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)  # where sqlite:///engage-events.db goes, here a scratch directory
        async with receiver, PexipEngage("acme", token="test", transport=fake) as engage:
            await engage.appointments.accept_appointment(appointment_id)
            await sender.drain()
            await receiver.join()
            # Engage sends CANCEL when an appointment is cancelled; the fake's API cancels none, so send it.
            sender.send(appointment_event(fake.appointments[appointment_id], "CANCEL"))
            await sender.drain()
            await receiver.join()


if __name__ == "__main__":
    asyncio.run(main())
