"""A webhook receiver, tried against the fake API, which delivers Engage's events to it."""

import asyncio

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# In production: store="sqlite:///events.db", your own secret, and receiver.asgi_app() served by uvicorn.
receiver = WebhookReceiver("memory://", secret="change-me")


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    appointment = event.data.appointment
    print(f"{event.data.event_type.value} {appointment.id}, updated at {appointment.updated_at}")


async def main() -> None:
    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(receiver.asgi_app(), key="change-me", duplicates=2)  # each event 3 times
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with receiver, PexipEngage("acme", token="test", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment_id)
        await sender.drain()  # every delivery answered
        await receiver.join()  # every event handled


if __name__ == "__main__":
    asyncio.run(main())
