"""Receive the webhook events Pexip Engage POSTs to your server.

`WebhookReceiver` checks the shared secret, parses, stores the event and answers at once, then hands
each event to its handler once, in its appointment's order (what Engage sends and what the receiver
guarantees: docs/webhooks.md). For example::

    from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

    receiver = WebhookReceiver(store="sqlite:///events.db", secret=os.environ["ENGAGE_WEBHOOK_KEY"])

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        ...

    app = receiver.asgi_app()   # run with uvicorn, or route in Starlette/FastAPI
    wsgi = receiver.wsgi_app()  # or under gunicorn, in Django/Flask: stores only; a receiver
                                # process on the same store (`async with receiver:`) handles

`parse_event` alone turns a body into its typed event; parsing is not authentication
(docs/webhooks.md, "Authenticity").
"""

from .._generated.models import AppointmentWebhookEvent, CallbackRequestWebhookEvent
from ._accepting import Answer
from ._forward import ForwardedEvent, Sink
from ._handlers import Arrival, Delivery
from ._parse import InvalidWebhookError, UnknownWebhookEvent, WebhookEvent, parse_event
from ._receiver import WebhookReceiver
from ._reconciled import ReconciledAppointmentEvent
from ._reconciling import ReconcileResult
from ._sinks import ArqSink, CelerySink, RedisStreamSink
from ._stores import FailedEvent, StoreTallies, WebhookStore

__all__ = [
    "Answer",
    "AppointmentWebhookEvent",
    "ArqSink",
    "Arrival",
    "CallbackRequestWebhookEvent",
    "CelerySink",
    "Delivery",
    "FailedEvent",
    "ForwardedEvent",
    "InvalidWebhookError",
    "ReconcileResult",
    "ReconciledAppointmentEvent",
    "RedisStreamSink",
    "Sink",
    "StoreTallies",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "WebhookReceiver",
    "WebhookStore",
    "parse_event",
]
