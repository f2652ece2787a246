"""Handling one event: claim it, run its handler under a renewed lease, and settle, retry or park it.

The settle that ends a turn names the event whose turn it starts (docs/webhooks.md, "Order").
"""

from __future__ import annotations

import logging
import random
import time

from .._base.answer_fields import Unread
from .._generated.models import Appointment, AppointmentWebhookEvent
from .._leasing._holders import EVENT_CLAIM
from .._leasing._lease import Renewing
from .._runtime.lenient import model_field
from .._shared.metrics import Instrument
from ._handlers import AnyHandler, Delivery, Handlers
from ._parse import WebhookEvent
from ._reconciled import ReconciledAppointmentEvent, parse_stored
from ._retries import RetrySchedule
from ._settings import Settings
from ._stores import OrderKey, StoredEvent, note_quietly

logger = logging.getLogger("pexip_engage_client.webhooks")
HANDLER_FAILURES = Instrument(
    "counter", "pexip_engage.webhooks.handler_failures", "{failure}", "Handler runs that raised: retried, or parked."
)


class HandlerRunner:
    """Runs one receiver's handlers, one claimed event at a time per call of `handle`."""

    def __init__(self, settings: Settings, handlers: Handlers) -> None:
        self._settings = settings
        self._handlers = handlers
        self._random = random.Random()  # noqa: S311 - jitter of retry delays, not security

    async def handle(self, event_id: str, owner: str) -> str | None:
        """Handle `event_id` as `owner` if it is its turn; returns the event whose turn its outcome started."""
        settings = self._settings
        store, lease = settings.store, settings.lease
        stored = await store.claim(event_id, owner, time.time(), lease)
        if stored is None:
            return None  # handled, being handled, or not its turn yet
        async with Renewing(lambda: store.renew(event_id, owner, time.time() + lease), EVENT_CLAIM.renew_every(lease)):
            event = parse_stored(stored.body, strict=settings.strict_responses)
            order = None if stored.subject is None else OrderKey(stored.subject, stored.updated_at, stored.position)
            stale = order is not None and order.older_than(stored.newest)
            handler = self._handlers.handler_for(event)
            if stale and not settings.handle_stale:
                return await store.settle(stored.id, owner, "stale", order=order, now=time.time())
            if handler is None:
                if isinstance(event, ReconciledAppointmentEvent):
                    logger.warning(
                        "webhook event %s: a change found by reconcile, and no handler of ReconciledAppointmentEvent,"
                        " GENERIC_UPDATE or AppointmentWebhookEvent; settled as unhandled",
                        stored.id,
                    )
                return await store.settle(stored.id, owner, "unhandled", order=order, now=time.time())
            return await self._run(handler, event, stored, stale=stale, order=order, owner=owner)

    async def _run(
        self,
        handler: AnyHandler,
        event: WebhookEvent | ReconciledAppointmentEvent,
        stored: StoredEvent,
        *,
        stale: bool,
        order: OrderKey | None,
        owner: str,
    ) -> str | None:
        """Runs the handler; returns the event whose turn its outcome started, if any."""
        settings = self._settings
        attempt = stored.attempts + 1
        try:
            appointment = await self._fetch(event) if settings.verify_by_fetch else None
            reconciled = isinstance(event, ReconciledAppointmentEvent)
            known = order is not None and order.updated_at is not None
            await handler(event, Delivery(stored.id, stored.position, attempt, stale, appointment, reconciled, known))
        except Exception as error:  # a cancel (stop) is no Exception: the event stays claimed
            problem = f"{type(error).__name__}: {error}"
            await note_quietly(settings.store, "error", type(error).__name__, time.time())
            # The forwarder keeps its own schedule, and its own log.
            schedule: RetrySchedule | None = getattr(handler, "retries", None)
            if schedule is None:
                schedule = RetrySchedule(settings.retry_backoff, settings.max_retry_backoff, settings.max_attempts)
            parked = attempt >= schedule.attempts
            HANDLER_FAILURES(1, {"outcome": "parked" if parked else "retried", "error.type": type(error).__name__})
            if parked:
                logger.error("webhook event %s: the handler failed %d times; parked (%s)", stored.id, attempt, problem)
                return await settings.store.park(stored.id, owner, attempts=attempt, error=problem, now=time.time())
            delay = schedule.delay(attempt, self._random.random())
            if not getattr(handler, "logs_its_failures", False):
                logger.warning(
                    "webhook event %s: the handler failed (%s); retrying in %.1f s", stored.id, problem, delay
                )
            not_before = time.time() + delay
            await settings.store.retry(stored.id, owner, attempts=attempt, not_before=not_before, error=problem)
            return None
        return await settings.store.settle(stored.id, owner, "handled", order=None if stale else order, now=time.time())

    async def _fetch(self, event: WebhookEvent | ReconciledAppointmentEvent) -> Appointment | None:
        client = self._settings.client
        if client is None or not isinstance(event, AppointmentWebhookEvent | ReconciledAppointmentEvent):
            return None
        appointment_id = model_field(lambda: event.data.appointment.id)
        if isinstance(appointment_id, Unread):  # nothing to fetch it by: `delivery.appointment` is None
            return None
        return await client.appointments.get_appointment_by_id(appointment_id)
