"""The answers to a delivery (`Answer`) and the rules it passes before it is stored, with no I/O, so
that no two faces answer one delivery differently: the receiver decides an answer, a face writes it.
Each face calls them in one order: `before_body`, the body read up to the limit (`too_large` past
it), `check`, the insert, `ACCEPTED`/`DUPLICATE`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from .._base.answer_fields import Unread
from .._base.arguments import ENGAGE_ID_MAX_LENGTH, is_engage_id
from .._generated.models import AppointmentWebhookEvent
from .._runtime.lenient import model_field
from ._parse import InvalidWebhookError, WebhookEvent, read_event
from ._stores._contract import RECONCILED, micros

if TYPE_CHECKING:
    from ._settings import Settings


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to one delivery: `status` and a short `reason` (never a secret).

    A refusal also says its `cause` in a few words (the log names it: "wrong or missing key",
    "body too large", ...), and `event_id`, the refused event's id when the body was read and held one.
    """

    status: int
    reason: str
    cause: str = field(default="", compare=False)
    event_id: str | None = field(default=None, compare=False)

    @property
    def body(self) -> bytes:
        """The JSON body: `{"status": reason}` for a success, `{"error": reason}` for a refusal."""
        return json.dumps({"status" if self.status < 400 else "error": self.reason}).encode()

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers to answer with: the body's type and length, and `Allow: POST` on a 405."""
        headers = [("content-type", "application/json"), ("content-length", str(len(self.body)))]
        return [*headers, ("allow", "POST")] if self.status == 405 else headers


UNAUTHENTIC = Answer(
    401, "the request must carry the shared secret as the query parameter `key`", cause="wrong or missing key"
)
NOT_POST = Answer(405, "webhook deliveries are POSTed", cause="not a POST")
UNSUPPORTED_TYPE = Answer(415, "the body must be sent as application/json", cause="not application/json")
STORE_UNREACHABLE = Answer(503, "the receiver's store cannot be reached; retry later")
NOT_STORED = Answer(503, "the event could not be stored; retry later")
ACCEPTED = Answer(202, "accepted")
DUPLICATE = Answer(200, "duplicate: already received")


@dataclass(frozen=True)
class Checked:
    """A delivery that passed every check: its event, and where it sits in its appointment's order."""

    event: WebhookEvent
    subject: str | None  # the appointment's id
    updated_at: int | None  # the appointment's updatedAt in microseconds


def key_of(query: str) -> str | None:
    """The `key` parameter of a query string (latin-1 text, as ASGI and WSGI servers give it)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return next((value for name, value in pairs if name == "key"), None)


def too_large(limit: int) -> Answer:
    return Answer(413, f"the body is larger than {limit} bytes", cause="body too large")


def before_body(method: str, authentic: bool, content_length: str | None, limit: int) -> Answer | None:
    """The refusal owed before the body is read, if any: an unauthenticated sender, or one declaring
    too large a body, costs nothing but its headers."""
    if method != "POST":
        return NOT_POST
    if not authentic:
        return UNAUTHENTIC
    declared = (content_length or "").strip()
    if declared.isdigit() and int(declared) > limit:
        return too_large(limit)
    return None


def check(body: bytes, content_type: str | None, settings: Settings) -> Checked | Answer:
    """The event a body holds, or the refusal it is owed (415, 413, 400 with the reason); one unlike
    openapi.yaml is kept unless strict (Engage drops an event after its third refusal)."""
    max_body_size, future_tolerance = settings.max_body_size, settings.future_tolerance
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        return UNSUPPORTED_TYPE
    if len(body) > max_body_size:
        return too_large(max_body_size)
    try:
        event = read_event(body, strict=settings.strict_responses, spec_drift=settings.spec_drift)
    except InvalidWebhookError as error:
        return Answer(400, str(error), cause="not a webhook event")
    subject, updated_at = order_of(event)
    refusal = _unstorable(event.id, subject, updated_at, future_tolerance)
    if refusal is not None:
        cause, reason = refusal
        return Answer(400, f"invalid webhook event: {reason}", cause=cause, event_id=_shown_id(event.id))
    return Checked(event, subject, updated_at)


def _unstorable(
    event_id: str, subject: str | None, updated_at: int | None, future_tolerance: float
) -> tuple[str, str] | None:
    """Why an event cannot be kept (the cause, the reason), or None: no store can key on a lone surrogate,
    and a far-future updatedAt would silence its appointment (docs/webhooks.md, "Order")."""
    if event_id.startswith(RECONCILED):  # the ids reconcile gives its changes: a delivery must not take one
        return "not a webhook event", f"id starts with {RECONCILED!r}, which only reconciled changes carry"
    for name, value in (("id", event_id), ("data.appointment.id", subject)):
        if value is not None and not _is_text(value):
            reason = f"{name} holds a lone surrogate character (an escape such as \\ud800 that is not text)"
            return "not a webhook event", reason
    if subject is not None and not is_engage_id(subject):  # one that names no appointment must not wait for a read
        return "not an appointment id", (
            f"data.appointment.id is not an id Engage gives (1 to {ENGAGE_ID_MAX_LENGTH} letters, digits, - or _;"
            f" this one has {len(subject):,} characters)"
        )
    if updated_at is not None and updated_at > (time.time() + future_tolerance) * 1_000_000:
        return "updatedAt ahead of this clock", (
            f"data.appointment.updatedAt is more than {future_tolerance:g} s ahead of this receiver's"
            " clock; an event from the future would make every later change of its appointment stale"
        )
    return None


def _shown_id(event_id: str) -> str | None:
    """The event id as a log may show it: None for one that is not text (a lone surrogate)."""
    return event_id if _is_text(event_id) else None


def _is_text(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def order_of(event: WebhookEvent) -> tuple[str | None, int | None]:
    """The appointment an event orders against, and its `updatedAt` in microseconds (None if absent)."""
    if not isinstance(event, AppointmentWebhookEvent):
        return None, None
    # Fields that could not be read (docs/spec-drift.md): no id orders against none, no updatedAt is never stale.
    appointment_id = model_field(lambda: event.data.appointment.id, pointer="/data/appointment/id")
    if not isinstance(appointment_id, str):
        return None, None
    updated = model_field(lambda: event.data.appointment.updated_at, pointer="/data/appointment/updatedAt")
    return appointment_id, None if isinstance(updated, Unread) else micros(updated)
