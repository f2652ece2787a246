"""Forwarding rides out a broker restart: a Redis Stream's redis-server down 30 s, and 3 minutes, while events arrive.

300 appointment events (30 appointments, 10 changes each, each appointment's in the order they
happened) arrive at the receiver, a tenth before the broker stops and the rest spread over the
outage; the broker then starts again on its append-only file. With the receiver's defaults, every
event reaches the stream's consumer group: 0 parked, 0 lost, 0 added twice, 0 out of order within
an appointment; and the outage is logged as one warning and one line when it ends. (A retry
schedule of ~15 s in all parked 35 of 300 events in a 30 s outage, each logged as its own WARNING,
and a replayed one landed after newer events of its appointment.)

Each test lasts the outage it names, plus the time the last retries take to come round (15 s at
most apart) and the hand-off after.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as redis_asyncio
import redis.exceptions

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import ForwardedEvent, RedisStreamSink, WebhookReceiver

from ..limits._restartable_redis import RestartableRedis

# Minutes of real outage: `make soak`.
pytestmark = pytest.mark.soak

KEY = "outage-secret"
STREAM, GROUP = "engage-events", "billing"
APPOINTMENTS, CHANGES = 30, 10
BEFORE_OUTAGE = 30  # events that arrive while the broker is up
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
RECOVERY = 120.0  # seconds, after the broker is back, for every event to reach the consumer


def arrivals() -> list[tuple[str, str, bytes]]:
    """(event id, appointment id, body), in the order they arrive: each appointment's changes in order."""
    found = []
    for change in range(CHANGES):
        for number in range(APPOINTMENTS):
            event_id, appointment = f"event-{number}-{change}", f"appointment-{number}"
            updated = (START + timedelta(minutes=change)).isoformat().replace("+00:00", "Z")
            body = appointment_event({"id": appointment, "updatedAt": updated}, "GENERIC_UPDATE", event_id=event_id)
            found.append((event_id, appointment, body))
    return found


@dataclass
class Consumer:
    """The group's one consumer: it reads, records and acknowledges each entry, and rides out the outage too."""

    url: str
    seen: list[ForwardedEvent] = field(default_factory=list)  # each entry once, in the order read

    async def run(self) -> None:
        client: Any = redis_asyncio.Redis.from_url(self.url)
        read_from = "0"  # its own unacknowledged entries first (after a failed XACK), then new ones
        entries: set[bytes] = set()
        try:
            while True:
                try:
                    answer = await client.xreadgroup(GROUP, "consumer-1", {STREAM: read_from}, count=100, block=200)
                except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError):
                    read_from = "0"
                    await asyncio.sleep(0.2)
                    continue
                except redis.exceptions.ResponseError:  # NOGROUP: the sink has not made it yet
                    await asyncio.sleep(0.05)
                    continue
                messages = answer[0][1] if answer else []
                if read_from == "0" and not messages:
                    read_from = ">"
                for entry_id, fields in messages:
                    if entry_id not in entries:
                        entries.add(entry_id)
                        self.seen.append(ForwardedEvent.from_dict(fields))
                    with contextlib.suppress(redis.exceptions.ConnectionError, OSError):
                        await client.xack(STREAM, GROUP, entry_id)
        finally:
            await client.aclose()


@contextlib.asynccontextmanager
async def consuming(url: str) -> AsyncIterator[Consumer]:
    consumer = Consumer(url)
    task = asyncio.create_task(consumer.run())
    try:
        yield consumer
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def ride_out(tmp_path: Path, caplog: pytest.LogCaptureFixture, down_for: float) -> None:
    broker = RestartableRedis(tmp_path / "broker", persistent=True)
    (tmp_path / "broker").mkdir()
    broker.start()
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=KEY)
    sink = RedisStreamSink(broker.url, STREAM, group=GROUP)
    receiver.forward(sink)  # the defaults: until="processed", retried for 10 minutes, at most 15 s apart
    events = arrivals()
    caplog.set_level(logging.WARNING, logger="pexip_engage_client.webhooks")
    try:
        async with consuming(broker.url) as consumer, receiver:
            for event_id, _, body in events[:BEFORE_OUTAGE]:
                assert (await receiver.receive(body, key=KEY)).status == 202, event_id
            async with asyncio.timeout(30):
                while len(consumer.seen) < BEFORE_OUTAGE:  # noqa: ASYNC110 - the consumer's list is what changes
                    await asyncio.sleep(0.05)
            broker.stop()
            during = events[BEFORE_OUTAGE:]
            gap = down_for / len(during)
            for event_id, _, body in during:  # the rest arrive over the outage
                assert (await receiver.receive(body, key=KEY)).status == 202, event_id
                await asyncio.sleep(gap)
            broker.start()
            async with asyncio.timeout(RECOVERY):
                while len(consumer.seen) < len(events):  # noqa: ASYNC110 - the consumer's list is what changes
                    await asyncio.sleep(0.1)
                await receiver.join()
            parked = await receiver.failed()
        client: Any = redis_asyncio.Redis.from_url(broker.url)
        try:
            in_stream = Counter(ForwardedEvent.from_dict(fields).event_id for _, fields in await client.xrange(STREAM))
        finally:
            await client.aclose()
    finally:
        await sink.aclose()
        broker.stop()

    assert parked == []
    assert set(in_stream) == {event_id for event_id, _, _ in events}  # 0 lost
    assert [event_id for event_id, count in in_stream.items() if count > 1] == []  # 0 added twice
    assert Counter(seen.event_id for seen in consumer.seen) == Counter(in_stream)  # each read once
    order: dict[str, list[int]] = {}
    for seen in consumer.seen:
        assert seen.appointment_id is not None
        order.setdefault(seen.appointment_id, []).append(int(seen.event_id.rsplit("-", 1)[1]))
    assert {appointment: changes for appointment, changes in order.items() if changes != sorted(changes)} == {}
    assert not any(seen.stale for seen in consumer.seen)
    forwarding = [record.getMessage() for record in caplog.records if record.getMessage().startswith("forwarding to")]
    assert len(forwarding) == 2, forwarding  # one outage: one warning as it starts, one line as it ends
    assert "failed" in forwarding[0], forwarding
    assert "works again" in forwarding[1], forwarding
    per_event = [record for record in caplog.records if "the handler failed" in record.getMessage()]
    assert per_event == []


@pytest.mark.timeout(30 + RECOVERY + 60)
async def test_a_30_s_broker_outage_parks_loses_doubles_and_reorders_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await ride_out(tmp_path, caplog, down_for=30.0)


@pytest.mark.timeout(180 + RECOVERY + 60)
async def test_a_3_minute_broker_outage_parks_loses_doubles_and_reorders_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await ride_out(tmp_path, caplog, down_for=180.0)
