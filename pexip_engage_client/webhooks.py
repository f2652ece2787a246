"""Parse the webhook events Pexip Engage POSTs to your server.

    from pexip_engage_client.webhooks import parse_event

    event = parse_event(request_body)          # bytes or str, exactly as received
    if already_processed(event.id):            # the same id on every delivery attempt
        return 200
    match event:
        case AppointmentWebhookEvent():        # event.data.event_type, event.data.appointment
            ...
        case CallbackRequestWebhookEvent():    # event.data.callback_request
            ...

Delivery is at least once and unordered: treat `event.id` as the idempotency key, and compare
timestamps such as the appointment's `updatedAt` to order changes. Answer with 200, 201, 202 or
204 quickly; anything else makes Engage retry (three attempts within about 50 seconds).
Parsing is as lenient as for API responses: unknown fields and enum values are kept. The typed
parts are those the event pages document: the appointment's subject (with its group and
translations), office and participants (`WebhookEmployeeParticipant` or
`WebhookCustomerParticipant`, told apart by `type`; `WebhookOtherParticipant` for any other type),
and the callback request's subject and office.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ._generated.models import AppointmentWebhookEvent, CallbackRequestWebhookEvent
from .errors import PexipEngageError

__all__ = [
    "AppointmentWebhookEvent",
    "CallbackRequestWebhookEvent",
    "InvalidWebhookError",
    "UnknownWebhookEvent",
    "WebhookEvent",
    "parse_event",
]


class InvalidWebhookError(PexipEngageError):
    """A webhook body that is not a readable event. `body` keeps what was received."""

    def __init__(self, reason: str, body: bytes) -> None:
        self.body = body
        super().__init__(f"invalid webhook event: {reason}")


class UnknownWebhookEvent:
    """An event of an entity this client does not know yet; nothing of it is dropped.

    Attributes:
        id: The event's ID, the idempotency key.
        entity: The entity the event is about, as sent.
        raw: The whole event as received.
    """

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.id: str = raw["id"]
        self.entity: str = str(raw.get("entity"))
        self.raw = raw

    def __repr__(self) -> str:
        return f"UnknownWebhookEvent(id={self.id!r}, entity={self.entity!r})"


WebhookEvent = AppointmentWebhookEvent | CallbackRequestWebhookEvent | UnknownWebhookEvent

_PARSERS: dict[str, Callable[[Mapping[str, Any]], AppointmentWebhookEvent | CallbackRequestWebhookEvent]] = {
    "Appointment": AppointmentWebhookEvent.from_dict,
    "Callback Request": CallbackRequestWebhookEvent.from_dict,
}


def parse_event(body: bytes | str) -> WebhookEvent:
    """Parse a webhook request body into its typed event.

    Raises:
        InvalidWebhookError: The body is not JSON, has no event `id`, or does not match the
            documented shape of its entity's events.
    """
    raw = body.encode() if isinstance(body, str) else body
    try:
        document = json.loads(raw)
    except ValueError:
        raise InvalidWebhookError("the body is not JSON", raw) from None
    if not isinstance(document, Mapping) or not isinstance(document.get("id"), str):
        raise InvalidWebhookError("the body is not an event object with an id", raw)
    parser = _PARSERS.get(document.get("entity"))  # type: ignore[arg-type]
    if parser is None:
        return UnknownWebhookEvent(document)
    try:
        return parser(document)
    # The generated parser reports a shape it does not expect with whatever Python raises.
    except Exception as exc:
        raise InvalidWebhookError(f"{type(exc).__name__}: {exc}", raw) from exc
