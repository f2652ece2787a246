"""A receiver process that dies by SIGKILL while forwarding, for tests/webhooks/test_forward.py.

    python -m tests.support.forward_crash STORE_URL REDIS_URL before|after EVENTS

It stores EVENTS appointment events (printing each id once it is acknowledged), forwarding to a
Redis Stream; the first forwarding kills the process before the sink is called (`before`) or right
after the sink added the entry, before the receiver could record it (`after`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import ForwardedEvent, RedisStreamSink, WebhookReceiver

SECRET = "crash-key-s3cr3t"
STREAM, GROUP = "crash-events", "crash-group"


class DyingSink:
    def __init__(self, sink: RedisStreamSink, when: str) -> None:
        self.sink = sink
        self.when = when

    async def send(self, event: ForwardedEvent) -> None:
        if self.when == "after":
            await self.sink.send(event)
        os.kill(os.getpid(), signal.SIGKILL)

    async def processed(self, event: ForwardedEvent) -> None:
        await self.sink.processed(event)


async def main(store: str, redis_url: str, when: str, count: int) -> None:
    receiver = WebhookReceiver(store, secret=SECRET, lease=1.0)
    receiver.forward(DyingSink(RedisStreamSink(redis_url, STREAM, group=GROUP), when))
    async with receiver:
        for number in range(count):
            body = appointment_event({"id": f"appointment-{number % 3}"}, event_id=f"crash-{number}")
            answer = await receiver.receive(body, key=SECRET)
            if answer.status == 202:
                print(f"crash-{number}", flush=True)
        await asyncio.sleep(30)  # the forwarding kills the process long before


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
