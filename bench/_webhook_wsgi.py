"""The processes of bench/webhooks_wsgi.py, configured by environment variables.

`app`: the receiver's WSGI face for gunicorn, on BENCH_STORE. Run as `python -m bench._webhook_wsgi`:
the handling process on the same store, every handler sleeping 10 s, until terminated.
"""

from __future__ import annotations

import asyncio
import os
import signal

from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

SECRET = "bench-key"  # noqa: S105 - a loopback-only test key

receiver = WebhookReceiver(os.environ["BENCH_STORE"], secret=SECRET, poll_interval=0.5)
app = receiver.wsgi_app()


@receiver.on(AppointmentWebhookEvent)
async def handle(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    await asyncio.sleep(10)


async def handle_until_terminated() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with receiver:
        print("handling", flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(handle_until_terminated())
