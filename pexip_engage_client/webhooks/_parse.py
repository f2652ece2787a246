"""What a delivery holds: its body read into a typed event (`parse_event`), and where the event sits in its
appointment's order (`order_of`: the appointment and its `updatedAt` in microseconds since the epoch, as every
store and reconcile order by it)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .._base._refs import packaged_spec
from .._base.answer_fields import Unread
from .._configuration._config import strict_responses_requested
from .._generated.models import AppointmentWebhookEvent, CallbackRequestWebhookEvent
from .._pipeline._decode import NotJSONError, loads
from .._pipeline._differences import differences
from .._runtime import read_lenient, unread_fields
from .._runtime.lenient import model_field
from ..errors import PexipEngageError
from ..spec_drift import SpecDrift

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

_MODELS: dict[str, type[AppointmentWebhookEvent] | type[CallbackRequestWebhookEvent]] = {
    "Appointment": AppointmentWebhookEvent,
    "Callback Request": CallbackRequestWebhookEvent,
}


def parse_event(body: bytes | str, *, strict: bool | None = None) -> WebhookEvent:
    """Parse a webhook request body into its typed event.

    An event that differs from openapi.yaml (a field the spec calls required absent, a null, a value
    of another JSON type) is read all the same, as the client reads answers: a field that could not
    be read raises `errors.UnreadableFieldError` when read, and `to_dict()` gives back what was sent.
    `strict=True` (or, when left out, `PEXIP_ENGAGE_STRICT_RESPONSES=1`) refuses it instead.

    Raises:
        InvalidWebhookError: The body is not JSON, is not an object, has no event `id` or `entity`,
            its `data` could not be read, or (strict) it does not match the documented shape of its
            entity's events; the message names the field and what is wrong with it. Nothing else is
            raised, whatever the body holds.
    """
    return read_event(body, strict=strict_responses_requested(strict))


def read_event(body: bytes | str, *, strict: bool, spec_drift: SpecDrift | None = None) -> WebhookEvent:
    """`parse_event`, with what differs from openapi.yaml recorded in `spec_drift` (the receiver's)."""
    raw = _received_bytes(body)
    document = _event_object(raw)
    model = _MODELS.get(document["entity"])
    if model is None:
        return UnknownWebhookEvent(document)
    refused: Exception | None = None
    try:
        event: AppointmentWebhookEvent | CallbackRequestWebhookEvent = model.from_dict(document)
    except Exception as exc:  # the generated parser raises whatever Python raises
        event, refused = read_lenient(model, document, webhook_operation(model.__name__)), exc
    _observe(spec_drift, event)
    if refused is not None and (strict or "data" in unread_fields(event)):  # nothing to hand over without its data
        raise InvalidWebhookError(_shape_problem(refused), raw) from refused
    return event


def _event_object(raw: bytes) -> dict[str, Any]:
    """The body's JSON object, with its `id` and `entity` strings; InvalidWebhookError else."""
    try:
        document = loads(raw)
    except NotJSONError as exc:  # a depth json.loads cannot follow is reported here too
        raise InvalidWebhookError(f"the body could not be decoded as JSON ({exc})", raw) from None
    if type(document) is not dict:
        raise InvalidWebhookError(f"the body is not an event object (got a JSON {type(document).__name__})", raw)
    for field in ("id", "entity"):
        value = document.get(field)
        if type(value) is not str:
            problem = (
                f"the required field {field} is missing"
                if value is None
                else f"{field} must be a string, not {type(value).__name__}"
            )
            raise InvalidWebhookError(problem, raw)
    return document


def _observe(spec_drift: SpecDrift | None, event: object) -> None:
    if spec_drift is not None:
        found = differences(event)
        if found:
            spec_drift.observe(webhook_operation(type(event).__name__), found)


def _received_bytes(body: object) -> bytes:
    """The body as bytes, as `InvalidWebhookError.body` keeps it; refuses what no request body can be."""
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    if isinstance(body, str):
        try:
            return body.encode()
        except UnicodeEncodeError:  # text decoded from bytes that were not UTF-8 (errors="surrogateescape")
            raise InvalidWebhookError(
                "the body holds a lone surrogate character: it was not UTF-8 text, so it is not JSON",
                body.encode(errors="surrogatepass"),
            ) from None
    raise InvalidWebhookError(f"the body must be the bytes (or text) received, not {type(body).__name__}", b"")


def _shape_problem(exc: Exception) -> str:
    """What the generated parser refused, as it says it: the models name the field's whole path."""
    if type(exc) is KeyError and exc.args and isinstance(exc.args[0], str):  # `src_dict["name"]` found nothing
        return f"the required field {exc.args[0]} is missing"
    return str(exc)


@functools.cache
def webhook_operation(model: str) -> str:
    """The operationId of the webhook whose body is the schema `model` (`postAppointment`); else `model`: the operation
    a difference of an event is recorded under in `receiver.spec_drift`."""
    reference = f"#/components/schemas/{model}"
    for item in packaged_spec().get("webhooks", {}).values():
        for operation in item.values() if isinstance(item, dict) else ():
            content = (operation.get("requestBody") or {}).get("content", {}) if isinstance(operation, dict) else {}
            if any((media.get("schema") or {}).get("$ref") == reference for media in content.values()):
                return str(operation.get("operationId", model))
    return model


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class EventOrder:
    """Where an event sits among its appointment's: `subject` (the appointment's id) and `updated_at` (its
    `updatedAt` in microseconds since the epoch); None where the event names none or it could not be read."""

    subject: str | None = None
    updated_at: int | None = None


def order_of(event: WebhookEvent) -> EventOrder:
    """The appointment an event orders against, and its `updatedAt` (docs/webhooks.md, "Order")."""
    if not isinstance(event, AppointmentWebhookEvent):
        return EventOrder()
    # Fields that could not be read (docs/spec-drift.md): no id orders against none, no updatedAt is never stale.
    appointment_id = model_field(lambda: event.data.appointment.id, pointer="/data/appointment/id")
    if not isinstance(appointment_id, str):
        return EventOrder()
    updated = model_field(lambda: event.data.appointment.updated_at, pointer="/data/appointment/updatedAt")
    return EventOrder(appointment_id, None if isinstance(updated, Unread) else epoch_micros(updated))


def epoch_micros(moment: object) -> int | None:
    """An `updatedAt` in microseconds since the epoch, as stores order by it (None if it is not a datetime; one
    without an offset is read as UTC)."""
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(microseconds=1)
