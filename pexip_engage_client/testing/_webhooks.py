"""The fake's webhook deliveries: Engage's events POSTed to a receiver, as Engage sends them.

A failed attempt (not 200, 201, 202 or 204, a lost connection, a timeout) is retried on
`ENGAGE_RETRY_SCHEDULE`; after the last the event is lost (`lost`).
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

import httpx2

from ._events import appointment_event
from ._rules import inferred_event
from ._spec import Json

ASGIApp: TypeAlias = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[MutableMapping[str, Any]]], Callable[..., Awaitable[None]]],
    Awaitable[None],
]


@dataclass(frozen=True)
class DeliveryAttempt:
    """One attempt of Engage's retry schedule: sent `delay` seconds after the previous one failed,
    given up after `timeout` seconds without an answer."""

    delay: float
    timeout: float


# The webhooks topic page: production, and the development environment's longer timeouts.
ENGAGE_RETRY_SCHEDULE = (DeliveryAttempt(0, 3), DeliveryAttempt(2, 5), DeliveryAttempt(10, 30))
ENGAGE_DEVELOPMENT_RETRY_SCHEDULE = (DeliveryAttempt(0, 5), DeliveryAttempt(2, 10), DeliveryAttempt(10, 30))

# Which event an appointment operation causes (the event types of AppointmentEventType); the
# operations openapi.yaml infers name theirs in their `x-inferred.transition` (`_rules.inferred_event`).
APPOINTMENT_EVENT_OF = {
    "createAppointment": "CREATE",
    "acceptAppointment": "ACCEPT",
    "rescheduleAppointment": "RESCHEDULE",
    "updateAppointmentById": "GENERIC_UPDATE",
    "updateAppointmentDetails": "GENERIC_UPDATE",
    "updateAppointmentMeetingType": "GENERIC_UPDATE",
}

_SUCCESS = frozenset({200, 201, 202, 204})
_Recorded = TypeVar("_Recorded")


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST the fake made: the event's id, which attempt (1-3), and the status (None: no answer)."""

    event_id: str
    attempt: int
    status: int | None
    error: str | None


class WebhookSender:
    """Delivers events to one receiver: a URL (`http://127.0.0.1:8000/hooks?key=...`) or an ASGI app.

    Args:
        to: The receiver's URL, with its `key` query parameter; or an ASGI app, then called in
            process (at `path`, with `key` if given).
        schedule: The attempts, Engage's production schedule by default.
        time_scale: Multiplies every delay and timeout (0.01 runs the schedule a hundred times faster).
        duplicates: Deliver each event this many extra times (each delivery with its own retries).
        reorder_window: Hold each delivery back a random time up to this many seconds, so later
            events may overtake earlier ones.
        delay: Hold every delivery back this many seconds.
        seed: The seed of the random draws of `reorder_window`.
        on_attempt: Called with each `WebhookAttempt` once it is answered or has failed (a server
            reports its deliveries with it).
        max_recorded: Keep only the latest this many of `attempts`, `delivered` and `lost` (all by
            default), so that a sender that runs for hours does not grow with every event.
    """

    def __init__(
        self,
        to: str | ASGIApp,
        *,
        key: str | None = None,
        path: str = "/",
        schedule: tuple[DeliveryAttempt, ...] = ENGAGE_RETRY_SCHEDULE,
        time_scale: float = 1.0,
        duplicates: int = 0,
        reorder_window: float = 0.0,
        delay: float = 0.0,
        seed: int = 0,
        on_attempt: Callable[[WebhookAttempt], None] | None = None,
        max_recorded: int | None = None,
    ) -> None:
        if max_recorded is not None and max_recorded < 0:
            raise ValueError(f"max_recorded must be 0 or more, not {max_recorded}")
        if not schedule:
            raise ValueError("schedule must hold at least one attempt")
        if time_scale <= 0 or min(duplicates, reorder_window, delay) < 0:
            raise ValueError("time_scale must be positive; duplicates, reorder_window and delay not negative")
        if isinstance(to, str):
            self._client = httpx2.AsyncClient()
            self._url = httpx2.URL(to)
        else:
            self._client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=to))
            self._url = httpx2.URL("http://receiver.invalid" + path)
        if key is not None:
            self._url = self._url.copy_merge_params({"key": key})
        self.schedule = schedule
        self.time_scale = time_scale
        self.duplicates = duplicates
        self.reorder_window = reorder_window
        self.delay = delay
        self._random = random.Random(seed)  # noqa: S311 - reproducible test schedules, not security
        self._tasks: set[asyncio.Task[None]] = set()
        self.attempts: list[WebhookAttempt] = []
        self.delivered: list[bytes] = []  # each delivery that got a 2xx answer, in order
        self.lost: list[bytes] = []  # each delivery that failed every attempt
        self.on_attempt = on_attempt
        self.max_recorded = max_recorded

    def __repr__(self) -> str:
        return f"WebhookSender(to=<receiver>, duplicates={self.duplicates}, time_scale={self.time_scale})"

    def send(self, body: bytes) -> None:
        """Deliver `body` (an event, e.g. from `testing.appointment_event`) in the background."""
        for _ in range(1 + self.duplicates):
            hold = self.delay + self._random.uniform(0, self.reorder_window)  # 0.0 for a window of 0
            task = asyncio.get_running_loop().create_task(self._deliver(body, hold))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def appointment_changed(self, operation_id: str, appointment: Json | None) -> None:
        """Deliver the event an appointment operation causes (nothing for an operation causing none)."""
        event_type = APPOINTMENT_EVENT_OF.get(operation_id) or inferred_event(operation_id)
        if event_type is not None and appointment is not None:
            self.send(appointment_event(appointment, event_type))

    async def drain(self) -> None:
        """Wait until every delivery has been answered or lost."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    async def aclose(self) -> None:
        """Stop delivering (pending deliveries are dropped) and close the HTTP client."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*list(self._tasks), return_exceptions=True)
        await self._client.aclose()

    async def _deliver(self, body: bytes, hold: float) -> None:
        if hold:
            await asyncio.sleep(hold)
        event_id = _event_id(body)
        for number, attempt in enumerate(self.schedule, start=1):
            if number > 1:
                await asyncio.sleep(attempt.delay * self.time_scale)
            status: int | None = None
            error: str | None = None
            try:
                # asyncio's timeout too: an in-process ASGI app is not bound by httpx2's timeouts.
                async with asyncio.timeout(attempt.timeout * self.time_scale):
                    response = await self._client.post(
                        self._url,
                        content=body,
                        headers={"Content-Type": "application/json"},
                        timeout=attempt.timeout * self.time_scale,
                    )
                status = response.status_code
            except (httpx2.HTTPError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            attempt_made = WebhookAttempt(event_id, number, status, error)
            record(self.attempts, attempt_made, self.max_recorded)
            if self.on_attempt is not None:
                self.on_attempt(attempt_made)
            if status in _SUCCESS:
                record(self.delivered, body, self.max_recorded)
                return
        record(self.lost, body, self.max_recorded)


def record(records: list[_Recorded], item: _Recorded, limit: int | None) -> None:
    """Append `item`, keeping only the latest `limit` (all, if None).

    Lists, not deques with a maxlen: they are public as lists, which tests index, compare with `[]`
    and clear. A bound is a server's, of a modest length: shifting it is cheap.
    """
    records.append(item)
    if limit is not None and len(records) > limit:
        del records[: len(records) - limit]


def _event_id(body: bytes) -> str:
    try:
        return str(json.loads(body).get("id"))
    except (ValueError, AttributeError):
        return ""
