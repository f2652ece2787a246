"""Which handler an event goes to: the handlers a receiver was given (`on`, `forward`), and its observers.

Each handler is kept as the receiver calls it, awaited (a plain `def` runs in `_threads.py`'s pool).
`Delivery` is what a handler is told beside the event, `Arrival` what an observer is told.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from .._base.arguments import returns_coroutine
from .._generated.models import Appointment, AppointmentWebhookEvent, CallbackRequestWebhookEvent
from ._arguments import positive_seconds
from ._parse import UnknownWebhookEvent, WebhookEvent
from ._reconciled import ReconciledAppointmentEvent
from ._threads import HandlerThreads, ThreadedHandler

if TYPE_CHECKING:
    from ._forward import ForwardedEvent, Sink, Until

logger = logging.getLogger("pexip_engage_client.webhooks")

EventT = TypeVar(  # one of the event classes a handler is registered for
    "EventT", AppointmentWebhookEvent, CallbackRequestWebhookEvent, UnknownWebhookEvent, ReconciledAppointmentEvent
)
_EVENT_CLASSES = (AppointmentWebhookEvent, CallbackRequestWebhookEvent, UnknownWebhookEvent, ReconciledAppointmentEvent)


@dataclass(frozen=True)
class Delivery:
    """What a handler is told about the event it handles, beside the event itself.

    Attributes:
        event_id: The event's id (the same on every delivery Engage makes of it).
        position: Where the event arrived among all events of the store (1, 2, ...).
        attempt: 1 on the first run of the handler, 2 on its first retry, ...
        stale: True when an event of the same appointment that is newer (by its `updatedAt`,
            then by arrival when equal) was handled before this one was delivered. Stale events
            reach a handler only with `WebhookReceiver(handle_stale=True)`.
        appointment: With `verify_by_fetch=True`, the appointment as the API returns it now; else None
            (None too when the event's appointment `id` could not be read).
        reconciled: True for a change `reconcile` found (a `ReconciledAppointmentEvent`), not delivered.
        order_known: False when the event could not be placed in its appointment's order (its
            `updatedAt` or appointment `id` unreadable, or not an appointment's): docs/webhooks.md, "Order".
    """

    event_id: str
    position: int
    attempt: int
    stale: bool
    appointment: Appointment | None = None
    reconciled: bool = False
    order_known: bool = True


@dataclass(frozen=True)
class Arrival:
    """One delivery the receiver accepted, as `observe` callbacks see it (before any handler runs)."""

    event: WebhookEvent
    position: int | None  # None: a duplicate of an event already stored
    duplicate: bool


Handler: TypeAlias = Callable[[EventT, Delivery], Awaitable[None]] | Callable[[EventT, Delivery], None]
AnyHandler: TypeAlias = Callable[[Any, Delivery], Awaitable[None]]  # as the receiver calls it: awaited


class Handlers:
    """One receiver's handlers, by event class and by appointment event type, and its observers."""

    def __init__(self, threads: HandlerThreads) -> None:
        self._threads = threads
        self._by_class: dict[type, AnyHandler] = {}
        self._by_event_type: dict[str, AnyHandler] = {}
        self._observers: list[Callable[[Arrival], None]] = []

    def __bool__(self) -> bool:
        """Whether any handler is registered (observers do not count)."""
        return bool(self._by_class or self._by_event_type)

    def on(self, kind: type[EventT] | str) -> Callable[[Any], Any]:
        """The decorator registering the handler of `kind` (see `WebhookReceiver.on`)."""
        registry: dict[Any, AnyHandler] = self._by_event_type if isinstance(kind, str) else self._by_class
        key: type | str = str(kind) if isinstance(kind, str) else kind
        if not key:
            raise ValueError("kind must be an event class or an appointment event type such as 'ACCEPT'")
        if not isinstance(key, str) and key not in _EVENT_CLASSES:
            raise ValueError(
                "kind must be AppointmentWebhookEvent, CallbackRequestWebhookEvent, ReconciledAppointmentEvent"
                f" or a type, not {kind!r}"
            )

        def register(handler: Handler[Any]) -> Handler[Any]:
            registry[key] = self._awaitable(handler)
            return handler

        return register

    def _awaitable(self, handler: Callable[[Any, Delivery], Awaitable[None] | None]) -> AnyHandler:
        """The handler as the receiver calls it: an async one as it is, a plain one run in the threads."""
        if _check_handler(handler):
            return cast("AnyHandler", handler)
        return ThreadedHandler(handler, self._threads)

    def observe(self, callback: Callable[[Arrival], None]) -> None:
        self._observers.append(callback)

    def notify(self, arrival: Arrival) -> None:
        """Tell each observer of `arrival`; what one raises is logged and ignored."""
        for observer in self._observers:
            try:
                observer(arrival)
            except Exception:
                logger.exception("a webhook observer failed")

    def forward(
        self, sink: Sink | Callable[[ForwardedEvent], object], until: Until, retry_for: float, max_backoff: float
    ) -> None:
        """Make forwarding to `sink` the handler of every event class (see `WebhookReceiver.forward`)."""
        from ._forward import Forwarder  # noqa: PLC0415 - loaded by those who forward

        if self:
            raise ValueError("forward(sink) handles every event: call it before registering handlers with on()")
        maxlen = getattr(sink, "maxlen", None)
        if until == "enqueued" and maxlen is not None:
            raise ValueError(
                f"a sink that trims its stream to maxlen={maxlen} drops the oldest entries whether a consumer read "
                "them or not, and until='enqueued' settles events as soon as they are added: unread events would be "
                "lost without a trace. Use until='processed' (an event is then settled only once acknowledged: one "
                "trimmed unread is retried, then parked where failed() shows it), or maxlen=None and trim what your "
                "group acknowledged yourself (XTRIM ... MINID)"
            )
        retry_for = positive_seconds("retry_for", retry_for)
        max_backoff = positive_seconds("max_backoff", max_backoff)
        forwarder = Forwarder(sink, until, retry_for=retry_for, max_backoff=max_backoff)
        for kind in _EVENT_CLASSES:
            self._by_class[kind] = forwarder

    def handler_for(self, event: WebhookEvent | ReconciledAppointmentEvent) -> AnyHandler | None:
        """The handler of `event`: its appointment event type's, else its class's, else None; a reconciled
        change its own class's first, then as a GENERIC_UPDATE appointment event's (`_reconciled.py`)."""
        if isinstance(event, ReconciledAppointmentEvent):
            own = self._by_class.get(ReconciledAppointmentEvent)
            if own is not None:
                return own
        if isinstance(event, AppointmentWebhookEvent | ReconciledAppointmentEvent):
            by_type = self._by_event_type.get(str(event.data.event_type))
            if by_type is not None:
                return by_type
        if isinstance(event, ReconciledAppointmentEvent):
            return self._by_class.get(AppointmentWebhookEvent)
        return self._by_class.get(type(event))


def _check_handler(handler: Callable[..., Any]) -> bool:
    """Whether the handler is async; TypeError if it cannot be called as `handler(event, delivery)`."""
    expected = "a webhook handler is `async def handler(event, delivery)` or `def handler(event, delivery)`"
    if not callable(handler):
        raise TypeError(f"{expected}; {handler!r} is not callable")
    try:
        inspect.signature(handler).bind(None, None)
    except TypeError:
        raise TypeError(f"{expected}; {handler!r} takes {inspect.signature(handler)}") from None
    except ValueError:  # no signature to read (a builtin): let it be
        pass
    return returns_coroutine(handler)
