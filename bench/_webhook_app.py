"""The receiver process of bench/webhooks.py, configured by environment variables.

BENCH_STORE    the store URL, or "bare": an ASGI app that reads the body and answers 204 (the ceiling)
BENCH_HANDLER  "sleep": each handler sleeps 10 s; "busy": each sleeps 20 ms (handlers keep the
               store busy beside the deliveries); "record": each appends "<event id> <time.time()>"
               to BENCH_RECORD when it starts
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

SECRET = "bench-key"  # noqa: S105 - a loopback-only test key
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


async def bare(scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def receiver_app() -> Callable[..., Awaitable[None]]:
    receiver = WebhookReceiver(os.environ["BENCH_STORE"], secret=SECRET, poll_interval=0.5)
    record = os.environ.get("BENCH_RECORD", "")

    @receiver.on(AppointmentWebhookEvent)
    async def handle(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        if os.environ.get("BENCH_HANDLER") == "sleep":
            await asyncio.sleep(10)
            return
        if os.environ.get("BENCH_HANDLER") == "busy":
            await asyncio.sleep(0.02)
            return
        with open(record, "a") as file:  # noqa: ASYNC230 - one short line, the figure is the time before it
            file.write(f"{event.id} {time.time()}\n")

    return receiver.asgi_app()


app = bare if os.environ["BENCH_STORE"] == "bare" else receiver_app()
