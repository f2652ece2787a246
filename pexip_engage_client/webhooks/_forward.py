"""`WebhookReceiver.forward(sink)`: handing each stored event to the team's own queue, the store as outbox.

The forwarder is the handler of every event class, under the same claim, lease, order and retries
as any handler (docs/webhooks.md, "What forwarding guarantees").
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol, TypeAlias, runtime_checkable

from .._base.arguments import returns_coroutine
from .._base.timing import backoff
from .._generated.models import AppointmentWebhookEvent
from ._failures import forwarding_failures
from ._parse import UnknownWebhookEvent, WebhookEvent
from ._reconciled import ReconciledAppointmentEvent, parse_stored
from ._retries import RetrySchedule

logger = logging.getLogger("pexip_engage_client.webhooks")

Until: TypeAlias = Literal["processed", "enqueued"]


@dataclass(frozen=True)
class ForwardedEvent:
    """What a sink hands to the queue for one event, and what the queue's consumer reads back.

    Attributes:
        event_id: The event's id: the dedup key (Celery's task id, arq's job id, the Stream's dedup key).
        appointment_id: The appointment the event is about: the ordering key (None for other entities).
        position: Where the event arrived among all events of the receiver's store (1, 2, ...).
        attempt: 1 on the first forwarding of the event, 2 on its first retry, ...
        stale: True when a newer event of the same appointment was forwarded before this one
            (forwarded only with `WebhookReceiver(handle_stale=True)`).
        body: The event as JSON text; `event` parses it.
    """

    event_id: str
    appointment_id: str | None
    position: int
    attempt: int
    stale: bool
    body: str

    @property
    def event(self) -> WebhookEvent | ReconciledAppointmentEvent:
        """The typed event (`AppointmentWebhookEvent`, ..., `ReconciledAppointmentEvent`), parsed from `body`."""
        return parse_stored(self.body.encode())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict: what the Celery and arq sinks pass as the task's one argument."""
        return asdict(self)

    @classmethod
    def from_dict(cls, message: Mapping[str, Any] | Mapping[bytes, Any]) -> ForwardedEvent:
        """Read back `to_dict()`'s dict, or a Redis Stream entry's fields (bytes or text values).

        Raises:
            ValueError: A field is missing or is not what `to_dict` writes.
        """
        text = {text_of(key): text_of(value) for key, value in message.items()}
        try:
            appointment = text["appointment_id"]
            stale = text["stale"]
            return cls(
                event_id=str(text["event_id"]),
                appointment_id=appointment or None,
                position=int(text["position"]),
                attempt=int(text["attempt"]),
                stale=stale in (True, "1", "true", "True"),
                body=str(text["body"]),
            )
        except KeyError as missing:
            raise ValueError(f"message: a forwarded event has no {missing.args[0]!r} field") from None


def text_of(value: Any) -> Any:
    """`value` decoded when it is bytes (a Redis reply without `decode_responses`), else as it is."""
    return value.decode() if isinstance(value, bytes) else value


@runtime_checkable
class Sink(Protocol):
    """Where `WebhookReceiver.forward` hands events: `CelerySink`, `ArqSink`, `RedisStreamSink`, or your own.

    `send` must be safe to call again for the same event (after a crash, or a retry): a sink that
    can, makes the queue drop the second copy (by `event_id`). `processed` returns once the queue's
    consumer has finished the event and raises when it failed or is not done in time.
    """

    async def send(self, event: ForwardedEvent) -> None: ...

    async def processed(self, event: ForwardedEvent) -> None: ...


class CallableSink:
    """A function as a sink, sync (run in a thread) or async: when it returns, the event is processed."""

    def __init__(self, function: Callable[[ForwardedEvent], object]) -> None:
        if not callable(function):
            raise TypeError(f"sink must be a Sink or a callable taking a ForwardedEvent, not {function!r}")
        self._function = function
        self._is_async = returns_coroutine(function)

    def __repr__(self) -> str:
        return f"CallableSink({self._function!r})"

    async def send(self, event: ForwardedEvent) -> None:
        if self._is_async:
            result = self._function(event)
            if inspect.isawaitable(result):
                await result
        else:
            await asyncio.to_thread(self._function, event)

    async def processed(self, event: ForwardedEvent) -> None:
        return None


class Forwarder:
    """The receiver's handler of every event once `forward(sink)` is called."""

    logs_its_failures = True  # once per outage (`forwarding_failures`)

    def __init__(
        self, sink: Sink | Callable[[ForwardedEvent], object], until: Until, *, retry_for: float, max_backoff: float
    ) -> None:
        if until not in ("processed", "enqueued"):
            raise ValueError(f"until must be 'processed' or 'enqueued', not {until!r}")
        self.sink = sink if isinstance(sink, Sink) else CallableSink(sink)
        self.until = until
        self.retries = RetrySchedule.lasting(retry_for, cap=max_backoff)
        self.outage = forwarding_failures(logger, self.sink, retry_for)

    async def __call__(self, event: WebhookEvent | ReconciledAppointmentEvent, delivery: Any) -> None:
        forwarded = ForwardedEvent(
            delivery.event_id, _appointment_id(event), delivery.position, delivery.attempt, delivery.stale, _json(event)
        )
        try:
            await self.sink.send(forwarded)
            if self.until == "processed":
                await self.sink.processed(forwarded)
        except Exception as error:
            self.outage.failed(error)
            raise
        self.outage.worked()


def _appointment_id(event: WebhookEvent | ReconciledAppointmentEvent) -> str | None:
    if isinstance(event, AppointmentWebhookEvent | ReconciledAppointmentEvent):
        return event.data.appointment.id
    return None


def _json(event: WebhookEvent | ReconciledAppointmentEvent) -> str:
    document = event.raw if isinstance(event, UnknownWebhookEvent) else event.to_dict()
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


async def wait_until(done: Callable[[], Awaitable[bool]], *, within: float, what: str) -> None:
    """Polls `done()` (every 2 ms, backing off to every 50 ms) until true; TimeoutError after `within` s."""
    delay = 0.002
    try:
        async with asyncio.timeout(within):
            while not await done():
                await asyncio.sleep(delay)
                delay = backoff(delay, 2, 0.05)
    except TimeoutError:
        raise TimeoutError(f"{what} was not processed within {within:g} s") from None
