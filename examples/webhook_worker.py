"""Web processes that only store and acknowledge, and a worker process that runs the handlers.

Runs offline: this script serves the web face with uvicorn on a free loopback port, starts
`pexip-engage webhooks worker webhook_worker:receiver` (this very module) as a second process, has
the fake API deliver its events to the web face over HTTP, waits until the worker has handled
them, and stops the worker with SIGTERM, as a process manager would.
"""

import asyncio
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import uvicorn

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# The demo's store, in a temporary folder the worker inherits through the environment.
FOLDER = tempfile.mkdtemp() if __name__ == "__main__" else ""
if FOLDER:
    os.environ["ENGAGE_WEBHOOK_STORE"] = f"sqlite:///{FOLDER}/events.db"

# --8<-- [start:receiver]
# One module for both: web processes serve `app`, workers import `receiver` and run its handlers.
receiver = WebhookReceiver(
    os.environ["ENGAGE_WEBHOOK_STORE"],  # sqlite:///... on one machine, redis://... across machines
    secret=os.environ.get("ENGAGE_WEBHOOK_KEY", "test-key"),
)


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    appointment = event.data.appointment
    print(f"{event.data.event_type.value} {appointment.id}, handled by the worker", flush=True)


app = receiver.asgi_app(handle=False)  # store and acknowledge; never run a handler in the web process
# --8<-- [end:receiver]


async def main() -> None:
    # Like `uvicorn webhook_worker:app --port 0 --no-access-log`: port 0 picks a free port.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, access_log=False, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:  # uvicorn's Server has no event to wait on
        if serving.done():
            raise SystemExit("uvicorn did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    # As a process manager would run `pexip-engage webhooks worker webhook_worker:receiver`:
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "pexip_engage_cli",
        "webhooks",
        "worker",
        "webhook_worker:receiver",
        "--app-dir",
        str(Path(__file__).parent),
        "--grace",
        "20",
        "--log-level",
        "warning",
    )

    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(f"http://127.0.0.1:{port}/?key=test-key", duplicates=1)
    requested = [fake.add_appointment(status="INCOMING_REQUEST")["id"] for _ in range(3)]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        for appointment_id in requested:
            await engage.appointments.accept_appointment(appointment_id)
    await sender.drain()
    await sender.aclose()
    print("the web process answered:", sorted(attempt.status or 0 for attempt in sender.attempts), flush=True)

    event_ids = {attempt.event_id for attempt in sender.attempts}
    deadline = time.monotonic() + 30
    while [await receiver.store.status(event_id) for event_id in event_ids] != ["handled"] * len(event_ids):
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not handle the events")
        await asyncio.sleep(0.05)
    worker.send_signal(signal.SIGTERM)  # what systemd, Docker and Kubernetes send to stop it
    print("the worker exited with", await worker.wait())
    server.should_exit = True
    await serving


if __name__ == "__main__":
    try:
        asyncio.run(main())
    finally:
        shutil.rmtree(FOLDER)
