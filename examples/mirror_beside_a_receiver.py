"""The mirror beside a webhook receiver you already run: your handler goes on as it was, and tells the mirror.

Your receiver keeps its store, its URL and its handlers; each appointment event is also handed to
`mirror.notice(event)`, which notes the appointment for a read in the mirror's database. A mirror
running on that database (here in the same process; or `pexip-engage mirror run --no-serve`) reads
and applies it. The fake API plays Engage.
"""

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

folder = tempfile.mkdtemp()

# --8<-- [start:beside]
receiver = WebhookReceiver(f"sqlite:///{folder}/events.db", secret="change-me")  # the one you have
mirror = AppointmentMirror(f"sqlite:///{folder}/mirror.db", secret="change-me")  # its own receiver unused


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"your handler: {event.data.event_type.value} {event.data.appointment.id}")
    await mirror.notice(event)  # the mirror reads the appointment (a page of them at a time) and applies it


# --8<-- [end:beside]


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_subject(id="subject-1")
    fake.add_office(id="office-1")
    begins = datetime.now(UTC) + timedelta(days=1)
    appointment_id = fake.add_appointment(
        start=f"{begins:%Y-%m-%dT%H:%M:%S.000Z}",
        end=f"{begins + timedelta(minutes=30):%Y-%m-%dT%H:%M:%S.000Z}",
        subject={"id": "subject-1"},
        office={"id": "office-1"},
        status="INCOMING_REQUEST",
        meetingType="VIDEO",
    )["id"]
    sender = fake.deliver_webhooks(receiver.asgi_app(), key="change-me")
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        mirror.client = engage
        # --8<-- [start:running]
        async with receiver, mirror:  # in your application's lifespan: both run beside each other
            # --8<-- [end:running]
            await engage.appointments.accept_appointment(appointment_id)
            await sender.drain()
            await receiver.join()
            await mirror.join()
            row = await mirror.get(appointment_id)  # the table's row, as any SQL of yours would read it
            if row is not None:
                print(f"the mirror's row: {row.id} {row.status}, updated at {row.updated_at}")


if __name__ == "__main__":
    asyncio.run(main())
