"""Receive the webhook events Pexip Engage POSTs to your server.

Engage delivers each event at least once, in any order, and gives a delivery 3 seconds before it
retries (twice, then the event is lost). `WebhookReceiver` does the receiving side: it checks the
shared secret, parses, stores the event and answers at once, then hands each event to its handler
once (across duplicate deliveries and several processes sharing a store; at least once after a
store failure at settle), in the order of the appointment's `updatedAt`, retrying a failing handler
and parking it as failed at the end::

    from pexip_engage_client.webhooks import AppointmentWebhookEvent, Delivery, WebhookReceiver

    receiver = WebhookReceiver(store="sqlite:///events.db", secret=os.environ["ENGAGE_WEBHOOK_KEY"])

    @receiver.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        ...

    app = receiver.asgi_app()   # run with uvicorn, or route in Starlette/FastAPI
    wsgi = receiver.wsgi_app()  # or under gunicorn, in Django/Flask: stores only; a receiver
                                # process on the same store (`async with receiver:`) handles

`parse_event` alone turns a body into its typed event. Parsing is not authentication: anyone who
can reach the URL can send a well-formed event; Engage signs nothing, so the secret in the URL
(and `verify_by_fetch=True`) is what tells its deliveries apart.
"""

from .._generated.models import AppointmentWebhookEvent, CallbackRequestWebhookEvent
from ._answer import Answer
from ._forward import ForwardedEvent, Sink
from ._handlers import Arrival, Delivery
from ._parse import InvalidWebhookError, UnknownWebhookEvent, WebhookEvent, parse_event
from ._receiver import WebhookReceiver
from ._reconciled import ReconciledAppointmentEvent
from ._reconciling import ReconcileResult
from ._sinks import ArqSink, CelerySink, RedisStreamSink
from ._stores import FailedEvent, WebhookStore

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
    "UnknownWebhookEvent",
    "WebhookEvent",
    "WebhookReceiver",
    "WebhookStore",
    "parse_event",
]
