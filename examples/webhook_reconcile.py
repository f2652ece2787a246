"""Catching up after an outage: the changes Engage gave up delivering, handed to the handlers by reconcile.

The fake API delivers to a receiver that answers 503 (down) while an appointment changes, until
Engage's three attempts are spent; `reconcile` then reads the appointments and hands the change over.
"""

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, WebhookSender

# --8<-- [start:handler]
from pexip_engage_client.webhooks import Delivery, ReconciledAppointmentEvent, WebhookReceiver

receiver = WebhookReceiver("memory://", secret=["new-secret", "old-secret"])  # either is accepted


@receiver.on(ReconciledAppointmentEvent)
async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
    appointment = event.appointment  # as getAppointments returns it now
    print(f"caught up on {appointment.id}, updated at {appointment.updated_at}")


# --8<-- [end:handler]


async def down(
    scope: MutableMapping[str, Any],
    receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
    send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
) -> None:
    """A receiver that is down: every delivery answered 503."""
    await send({"type": "http.response.start", "status": 503, "headers": []})
    await send({"type": "http.response.body", "body": b""})


async def main() -> None:
    fake = FakePexipEngage()
    fake.webhooks = WebhookSender(down, key="new-secret", time_scale=0.001)  # Engage's 3 attempts, 1000x faster
    begins = datetime.now(UTC) + timedelta(days=1)
    start, end = (f"{moment:%Y-%m-%dT%H:%M:%S.000Z}" for moment in (begins, begins + timedelta(hours=1)))
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST", start=start, end=end)["id"]
    async with receiver, PexipEngage("acme", token="test", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment_id)
        await fake.webhooks.drain()
        print(f"deliveries lost: {len(fake.webhooks.lost)}")
        # --8<-- [start:reconcile]
        now = datetime.now(UTC)
        result = await receiver.reconcile(engage, start=now - timedelta(days=1), end=now + timedelta(days=90))
        print(f"{result.appointments} read, {result.handed_over} handed over, {result.already_seen} already seen")
        # --8<-- [end:reconcile]
        await receiver.join()


if __name__ == "__main__":
    asyncio.run(main())
