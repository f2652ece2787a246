"""Webhooks in a Django project: a WSGI view that stores (a receiver process handles), and an async
view that stores and handles in the web process.

A one-file project, so that it runs as it is; in yours the settings are settings.py's and the views
and `urlpatterns` go in views.py and urls.py. Served by gunicorn (`gunicorn -k gthread --threads 8
webhook_django:application`) the WSGI view is used; by uvicorn (`uvicorn webhook_django:asgi`) the
async one may be. Run as a script, the standard library's WSGI server serves the project, the fake
API delivers its events to the WSGI view, then the receiver handles them.
"""

import asyncio
import os
import tempfile
import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "example-only"),
    MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],  # what csrf_exempt below is for
    # Your settings.py's: read by the receiver when it first needs them, not when it is built.
    ENGAGE_WEBHOOK_STORE=os.environ.get("ENGAGE_WEBHOOK_STORE") or f"sqlite:///{tempfile.mkdtemp()}/events.db",
    ENGAGE_WEBHOOK_KEY=os.environ.get("ENGAGE_WEBHOOK_KEY", "test-key"),
)

# --8<-- [start:views]
from django.http import HttpRequest, HttpResponse  # noqa: E402 - the lines the docs show start here
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from pexip_engage_client.webhooks import Answer, AppointmentWebhookEvent, Delivery, WebhookReceiver  # noqa: E402

# Functions, not values: the settings are read on first use, so importing this module (which
# `manage.py migrate` or `collectstatic` may do) needs no webhook settings at all.
receiver = WebhookReceiver(store=lambda: settings.ENGAGE_WEBHOOK_STORE, secret=lambda: settings.ENGAGE_WEBHOOK_KEY)


def respond(answer: Answer) -> HttpResponse:
    return HttpResponse(answer.body, status=answer.status, headers=dict(answer.headers))


def engage_webhooks(request: HttpRequest) -> HttpResponse:
    """Under a WSGI server: checks and stores the delivery, runs no handler."""
    key, content_type, source = (
        request.GET.get("key"),
        request.headers.get("Content-Type"),
        request.META.get("REMOTE_ADDR"),
    )
    return respond(receiver.receive_sync(request.body, key=key, content_type=content_type, source=source))


async def engage_webhooks_async(request: HttpRequest) -> HttpResponse:
    """Under an ASGI server: checks and stores the delivery; the receiver's handlers run in this process."""
    key, content_type, source = (
        request.GET.get("key"),
        request.headers.get("Content-Type"),
        request.META.get("REMOTE_ADDR"),
    )
    return respond(await receiver.receive(request.body, key=key, content_type=content_type, source=source))


urlpatterns = [
    path("engage-webhooks", csrf_exempt(require_POST(engage_webhooks))),
    path("engage-webhooks-async", csrf_exempt(require_POST(engage_webhooks_async))),
]
# --8<-- [end:views]


# --8<-- [start:handler]
@receiver.on(AppointmentWebhookEvent)
def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
    # A plain function: it runs in one of the receiver's threads, so the ORM's blocking calls are
    # fine here (Appointment.objects.update_or_create(...), say), with no sync_to_async.
    print(f"{event.data.event_type.value} {event.data.appointment.id}, stored by the Django view")


# --8<-- [end:handler]


application = get_wsgi_application()
asgi = get_asgi_application()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the access line would show ?key=
        return None


async def main() -> None:
    server = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)
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
    async with receiver:  # the receiver process: handles what the WSGI view stored
        await receiver.join()


if __name__ == "__main__":
    asyncio.run(main())
