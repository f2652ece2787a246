"""Webhooks in a Flask application under a WSGI server: the view stores, a receiver process handles.

In production gunicorn serves `app` (`gunicorn -k gthread --threads 8 myapp:app`) with
ENGAGE_WEBHOOK_STORE naming a store every process shares (`sqlite:///...` on one machine,
`redis://...` across several), and a process running the receiver (`async with receiver:`) handles
what the web processes stored. Run as a script, it does both in one process: the standard
library's WSGI server serves the app on a free loopback port, the fake API delivers its events
there, then the receiver handles them.
"""

import asyncio
import os
import tempfile
import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from flask import Flask

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

# --8<-- [start:app]
store = os.environ.get("ENGAGE_WEBHOOK_STORE") or f"sqlite:///{tempfile.mkdtemp()}/events.db"  # a demo file if unset
receiver = WebhookReceiver(store, secret=os.environ.get("ENGAGE_WEBHOOK_KEY", "test-key"))
webhooks = receiver.wsgi_app()  # checks, stores and answers; runs no handler
app = Flask(__name__)


@app.post("/engage-webhooks")
@app.post("/engage-webhooks/")
def engage_webhooks() -> Any:
    # Flask runs a WSGI application returned by a view: the receiver reads the body itself, no
    # further than its size limit, and answers as its own WSGI face does.
    return webhooks


@receiver.on(AppointmentWebhookEvent)
async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    print(f"{event.data.event_type.value} {event.data.appointment.id}, stored by the Flask view")


# --8<-- [end:app]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the access line would show ?key=
        return None


async def main() -> None:
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake = FakePexipEngage()
    sender = fake.deliver_webhooks(f"http://127.0.0.1:{server.server_port}/engage-webhooks?key=test-key")
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        await engage.appointments.accept_appointment(appointment_id)
    await sender.drain()
    await sender.aclose()
    server.shutdown()
    print("answers:", [attempt.status for attempt in sender.attempts])
    async with receiver:  # the receiver process: handles what the web face stored
        await receiver.join()


if __name__ == "__main__":
    asyncio.run(main())
