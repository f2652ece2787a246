"""A receiver process for the end-to-end webhook tests, configured by environment variables.

    WEBHOOK_STORE    the store URL
    WEBHOOK_RECORD   a file each handling appends one line to: event id, appointment id, updatedAt, stale
    WEBHOOK_BLOCK    while this file exists, handlers block (to hold acknowledged, unhandled events)
    WEBHOOK_LEASE    the receiver's lease in seconds
    WEBHOOK_HANDLER_DELAY  seconds each handler sleeps before recording (a busy handler)

Run as `uvicorn tests.support.webhook_app:app`.
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path

from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from .receiver_process import SECRET

receiver = WebhookReceiver(
    os.environ["WEBHOOK_STORE"],
    secret=SECRET,
    lease=float(os.environ.get("WEBHOOK_LEASE", "30")),
    poll_interval=0.1,
    handle_stale=True,
)
record = Path(os.environ["WEBHOOK_RECORD"])
block = Path(os.environ.get("WEBHOOK_BLOCK", "/nonexistent"))
delay = float(os.environ.get("WEBHOOK_HANDLER_DELAY", "0"))


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    # A file, not an Event: the test in another process holds the handlers with it.
    while block.exists():  # noqa: ASYNC110, ASYNC240 - one stat of a local file
        await asyncio.sleep(0.02)
    if delay:
        await asyncio.sleep(delay)
    appointment = event.data.appointment
    at = appointment.updated_at
    assert isinstance(at, datetime)
    updated = at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    line = f"{event.id} {appointment.id} {updated} {int(delivery.stale)}\n"
    # One write of one short line with O_APPEND: lines from several processes never interleave.
    descriptor = os.open(record, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)


app = receiver.asgi_app()
