"""A Redis or PostgreSQL outage (the server stopped mid-run) is answered 503 and logged as one line per kind
of failure and interval, with a count: never a traceback per event."""

from __future__ import annotations

import asyncio
import logging
from contextlib import ExitStack
from pathlib import Path

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

from ..support.postgres_server import migrated, postgres_server
from ..support.redis_server import redis_server

SECRET = "outage-key-s3cr3t"


@pytest.mark.soak  # a broker outage, for real
@pytest.mark.parametrize("kind", ["redis", "postgres"])
async def test_a_redis_outage_logs_a_counted_line_per_kind_not_a_traceback_per_event(
    kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    started = asyncio.Event()
    with ExitStack() as server, caplog.at_level(logging.INFO, "pexip_engage_client.webhooks"):
        if kind == "redis":
            url = server.enter_context(redis_server(tmp_path))
        else:  # its own server, stopped below as redis-server is
            url = migrated(server.enter_context(postgres_server()).url)
        receiver = WebhookReceiver(url, secret=SECRET, poll_interval=0.02, lease=2.0)

        @receiver.on(AppointmentWebhookEvent)
        async def slow(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            started.set()
            await asyncio.sleep(0.3)  # settles after the outage has begun

        async with receiver:
            for n in range(20):
                body = appointment_event({"id": f"appointment-{n}"}, event_id=f"before-{n}")
                assert (await receiver.receive(body, key=SECRET)).status == 202
            await started.wait()
            server.close()  # the server stops
            answers = [
                (await receiver.receive(appointment_event({"id": "a"}, event_id=f"during-{n}"), key=SECRET)).status
                for n in range(200)
            ]
            await asyncio.sleep(1.0)  # the workers and the poller meet the outage too
    assert answers == [503] * 200
    records = [record for record in caplog.records if record.name == "pexip_engage_client.webhooks"]
    assert [record for record in records if record.exc_info] == []
    lines = [record.getMessage() for record in records]
    assert len(lines) <= 8, lines  # a first line and a count per kind (adding, reading, settling)
    assert any("storing an event 199 more times" in line for line in lines), lines
