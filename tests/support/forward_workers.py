"""The team's side of a queue, for tests/webhooks/test_forward.py: a Celery app and an arq worker
whose task records each event it processes, in processing order, in a Redis list.

Both read their Redis from FORWARD_REDIS_URL. A record is JSON: [event id, appointment id,
updatedAt, stale]. Each task takes a little time, so that several run at once in the worker.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any

import redis
from arq.connections import RedisSettings
from celery import Celery  # type: ignore[import-untyped]

from pexip_engage_client.webhooks import AppointmentWebhookEvent, ForwardedEvent

REDIS_URL = os.environ.get("FORWARD_REDIS_URL", "redis://127.0.0.1:6379/0")
PROCESSED = "forward-test:processed"
TASK_SECONDS = 0.002


def record(message: dict[str, Any]) -> str:
    forwarded = ForwardedEvent.from_dict(message)
    event = forwarded.event
    assert isinstance(event, AppointmentWebhookEvent)
    updated = event.data.appointment.updated_at
    time.sleep(TASK_SECONDS)
    at = updated.isoformat(timespec="milliseconds").replace("+00:00", "Z")  # type: ignore[union-attr]
    entry = json.dumps([forwarded.event_id, forwarded.appointment_id, at, forwarded.stale])
    redis.Redis.from_url(REDIS_URL).rpush(PROCESSED, entry)
    return forwarded.event_id


app = Celery("forward_workers", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(broker_connection_retry_on_startup=True, worker_hijack_root_logger=False)
app.task(name="forward.record")(record)


async def arq_record(ctx: dict[str, Any], message: dict[str, Any]) -> str:
    return await asyncio.to_thread(record, message)


class WorkerSettings:
    """`arq tests.support.forward_workers.WorkerSettings`"""

    functions = [arq_record]  # noqa: RUF012 - arq reads these class attributes
    redis_settings = RedisSettings.from_dsn(REDIS_URL)
    max_jobs = 8
    poll_delay = 0.01
    keep_result = 3600
