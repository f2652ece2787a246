"""Webhook events handed to a Redis Stream, read by a consumer group: each event once, in order.

Runs offline: with REDIS_URL set it uses that Redis; else it starts a throwaway redis-server (it
must be on PATH) for the run. The fake API delivers its events to the receiver in process, each
twice; two consumers of one group process them, each event once, an appointment's in order.
"""

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import AsyncGenerator
from typing import Any

import redis.asyncio

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage, appointment_event

# --8<-- [start:imports]
from pexip_engage_client.webhooks import ForwardedEvent, RedisStreamSink, WebhookReceiver

# --8<-- [end:imports]


# --8<-- [start:consumer]
async def consume(redis_url: str, name: str) -> None:
    """One consumer of the group `billing` (run as many as you like, in as many processes)."""
    client = redis.asyncio.Redis.from_url(redis_url)
    with contextlib.suppress(redis.ResponseError):  # BUSYGROUP: the group exists already
        await client.xgroup_create("engage-events", "billing", id="0", mkstream=True)
    while True:
        read: Any = await client.xreadgroup("billing", name, {"engage-events": ">"}, count=10, block=1000)
        for _, entries in read:
            for entry_id, fields in entries:
                forwarded = ForwardedEvent.from_dict(fields)
                print(f"{name}: {forwarded.event_id} of {forwarded.appointment_id}")
                await client.xack("engage-events", "billing", entry_id)  # now the receiver sends the next


# --8<-- [end:consumer]


def receiver_for(redis_url: str) -> WebhookReceiver:
    # --8<-- [start:receiver]
    receiver = WebhookReceiver(store="sqlite:///engage-events.db", secret="test-key")
    receiver.forward(RedisStreamSink(redis_url, "engage-events", group="billing"))
    # --8<-- [end:receiver]
    return receiver


@contextlib.asynccontextmanager
async def a_redis() -> AsyncGenerator[str]:
    """REDIS_URL, or a redis-server of this run's own on a free port."""
    if "REDIS_URL" in os.environ:
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("set REDIS_URL, or put redis-server on PATH")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: ASYNC220, S603 - redis-server from PATH, once, before anything else runs
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.asyncio.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                await client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.05)
        await client.aclose()
        yield url
    finally:
        server.terminate()
        server.wait()


async def main() -> None:
    fake = FakePexipEngage()
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with a_redis() as redis_url:
        receiver = receiver_for(redis_url)
        sender = fake.deliver_webhooks(receiver.asgi_app(), key="test-key")
        sender.duplicates = 1  # each event twice: the stream gets it once
        consumers = [asyncio.create_task(consume(redis_url, f"consumer-{n}")) for n in range(2)]
        with tempfile.TemporaryDirectory() as directory:
            os.chdir(directory)  # where sqlite:///engage-events.db goes, here a scratch directory
            async with receiver, PexipEngage("acme", token="test", transport=fake) as engage:
                await engage.appointments.accept_appointment(appointment_id)
                # Engage sends CANCEL when an appointment is cancelled; the fake's API cancels none, so send it.
                sender.send(appointment_event(fake.appointments[appointment_id], "CANCEL"))
                await sender.drain()
                await receiver.join()
        for consumer in consumers:
            consumer.cancel()
        await asyncio.gather(*consumers, return_exceptions=True)


if __name__ == "__main__":
    asyncio.run(main())
