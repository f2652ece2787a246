"""A receiver for the worker-process tests (`pexip-engage webhooks worker tests.support.worker_receiver:receiver`),
configured by environment variables.

    WORKER_STORE   the store URL
    WORKER_RECORD  a file each handler run appends two lines to: `start EVENT APPOINTMENT UPDATED PID`
                   when it begins and `end ...` when it is done (one short O_APPEND write each, so
                   lines of several processes never interleave, and the file's order is theirs)
    WORKER_DELAY   seconds each handler sleeps between the two (a busy handler)
    WORKER_LEASE   the receiver's lease in seconds
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path

from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Delivery,
    ReconciledAppointmentEvent,
    WebhookReceiver,
)

SECRET = "worker-key-s3cr3t"  # a loopback-only test key

receiver = WebhookReceiver(
    os.environ.get("WORKER_STORE", "memory://"),
    secret=SECRET,
    lease=float(os.environ.get("WORKER_LEASE", "30")),
    poll_interval=0.05,
    retry_backoff=0.1,
)
record = Path(os.environ.get("WORKER_RECORD", os.devnull))
delay = float(os.environ.get("WORKER_DELAY", "0"))


def _write(line: str) -> None:
    descriptor = os.open(record, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    appointment = event.data.appointment
    at = appointment.updated_at
    assert isinstance(at, datetime)
    what = f"{event.id} {appointment.id} {at.isoformat()} {os.getpid()} {int(delivery.stale)}\n"
    _write(f"start {what}")
    if delay:
        await asyncio.sleep(delay)
    _write(f"end {what}")


@receiver.on(ReconciledAppointmentEvent)
async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
    """A change found by reconcile: recorded as a delivered one is (its event id starts `reconciled:`)."""
    at = event.appointment.updated_at
    assert isinstance(at, datetime)
    what = f"{event.id} {event.appointment.id} {at.isoformat()} {os.getpid()} {int(delivery.stale)}\n"
    _write(f"start {what}")
    if delay:
        await asyncio.sleep(delay)
    _write(f"end {what}")


def make_receiver() -> WebhookReceiver:
    """For `module:function()`."""
    return receiver


not_a_receiver = object()


wsgi = receiver.wsgi_app()  # the web face: `gunicorn tests.support.worker_receiver:wsgi`
