"""The receiver of bench/webhooks_worker.py, for its worker processes and its web process alike,
configured by environment variables.

BENCH_STORE    the store URL
BENCH_HANDLER  "nothing": handlers return at once, once BENCH_GATE exists (held until then, so
               that every worker is running when the clock starts); "sleep": each sleeps 10 s
BENCH_GATE     the file whose creation lets the "nothing" handlers go
BENCH_RECORD   where a worker appends, as it exits, "<events handled> <first> <last>" (time.time())

Workers: `pexip-engage webhooks worker bench._worker_app:receiver`; the web face:
`uvicorn bench._worker_app:app` (it only stores and acknowledges).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import time
from pathlib import Path

from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

SECRET = "bench-key"  # noqa: S105 - a loopback-only test key

receiver = WebhookReceiver(os.environ["BENCH_STORE"], secret=SECRET)
app = receiver.asgi_app(handle=False)
_gate = Path(os.environ.get("BENCH_GATE", os.devnull))
_sleeping = os.environ.get("BENCH_HANDLER") == "sleep"
_handled = {"count": 0.0, "first": 0.0, "last": 0.0}
_open = False


@receiver.on(AppointmentWebhookEvent)
async def handle(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    global _open  # noqa: PLW0603 - one flag per process, read by every handler
    if _sleeping:
        await asyncio.sleep(10)
        return
    while not _open:
        _open = _gate.exists()  # noqa: ASYNC240 - one stat of a local file, until the gate opens
        if not _open:
            await asyncio.sleep(0.005)
    now = time.time()
    _handled["count"] += 1
    _handled["first"] = _handled["first"] or now
    _handled["last"] = now


@atexit.register
def _record() -> None:
    record = os.environ.get("BENCH_RECORD")
    if record and _handled["count"]:
        with open(record, "a") as file:
            file.write(f"{int(_handled['count'])} {_handled['first']} {_handled['last']}\n")
