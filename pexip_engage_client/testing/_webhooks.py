"""The fake's webhook deliveries: Engage's events POSTed to a receiver, as Engage sends them.

A failed attempt (not 200, 201, 202 or 204, a lost connection, a timeout) is retried on
`ENGAGE_RETRY_SCHEDULE`; after the last the event is lost (`lost`). Which loop runs a delivery:
`WebhookSender.send`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import json
import random
import threading
from collections.abc import Awaitable, Callable, Coroutine, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

import httpx2

from .._base.arguments import counted
from .._base.processes import PerProcess
from .._shared.bridge import run, running_loop, start_loop, stop_loop
from ._events import appointment_event
from ._rules import inferred_event
from ._spec import Json

if TYPE_CHECKING:
    from ..webhooks import WebhookReceiver

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
_Result = TypeVar("_Result")


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST the fake made: the event's id, which attempt (1-3), and the status (None: no answer).

    `lost` is True on the last attempt of the schedule when it failed too: Engage makes no more
    and has no replay, so that delivery is lost for good (`WebhookSender.lost` holds its body).
    `receiver`: which of the sender's receivers it went to (0: the first, or only, one).
    """

    event_id: str
    attempt: int
    status: int | None
    error: str | None
    lost: bool = False
    receiver: int = 0


class WebhookSender:
    """Delivers events to receivers: URLs (`http://127.0.0.1:8000/hooks?key=...`) or ASGI apps.

    Args:
        to: The receiver's URL, with its `key` query parameter; or an ASGI app, then called in
            process (at `path`, with `key` if given); or several of them, as `fanout` says.
        fanout: With several receivers, "each" delivers every event to every one (as to two webhook
            configurations), "spread" each delivery to the next one in turn (as a load balancer
            before two hosts of one receiver): a duplicate may reach another host than the first copy.
            Every delivery makes its attempts at its own receiver.
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
        to: str | ASGIApp | Sequence[str | ASGIApp],
        *,
        fanout: Literal["each", "spread"] = "each",
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
        if max_recorded is not None:
            counted(max_recorded, "max_recorded", 0, "must be 0 or more, not {!r}")
        if not schedule:
            raise ValueError("schedule must hold at least one attempt")
        if time_scale <= 0 or min(duplicates, reorder_window, delay) < 0:
            raise ValueError("time_scale must be positive; duplicates, reorder_window and delay not negative")
        self._to: list[str | ASGIApp] = [to] if isinstance(to, str) or callable(to) else list(to)
        if not self._to or fanout not in ("each", "spread"):
            raise ValueError(f"to names no receiver, or fanout {fanout!r} is not 'each' or 'spread'")
        self.fanout = fanout
        self._turns = itertools.count()  # spread: the next delivery's receiver, modulo their number
        # An app is reached at a host of its own, which its client mounts it at (`_client`).
        urls = [
            httpx2.URL(to if isinstance(to, str) else f"http://app-{n}.invalid{path}") for n, to in enumerate(self._to)
        ]
        self._urls = [url if key is None else url.copy_merge_params({"key": key}) for url in urls]
        # An HTTP client per event loop that delivers: a client's connections belong to one loop.
        self._clients: dict[asyncio.AbstractEventLoop, httpx2.AsyncClient] = {}
        # The loop of deliveries sent from code without one (`wait`), started on first use; a fake's
        # sender uses the fake's own loop (`share_loop`), so that one receiver sees one loop.
        self._own_loop = PerProcess(lambda: start_loop("WebhookSender"))
        self._owns_loop = True
        self._always_own = False  # every delivery on that loop, even from async code (`share_loop`)
        self._pending = 0  # deliveries not yet answered or lost, on any loop
        self._idle = threading.Condition()
        self._futures: set[concurrent.futures.Future[None]] = set()
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
        receivers = f"<{len(self._to)} receivers, {self.fanout}>" if len(self._to) > 1 else "<receiver>"
        return f"WebhookSender(to={receivers}, duplicates={self.duplicates}, time_scale={self.time_scale})"

    def send(self, body: bytes) -> None:
        """Deliver `body` (an event, e.g. from `testing.appointment_event`) in the background.

        From async code, on its event loop (`await drain()` waits); from code without one, on the
        sender's own loop thread (`wait()` waits), so a sync test can send.
        """
        each = range(len(self._to))
        for _ in range(1 + self.duplicates):
            for receiver in each if self.fanout == "each" else [next(self._turns) % len(self._to)]:
                hold = self.delay + self._random.uniform(0, self.reorder_window)  # 0.0 for a window of 0
                with self._idle:
                    self._pending += 1
                delivery = self._deliver(body, hold, receiver)
                loop = None if self._always_own else running_loop()
                if loop is None:  # a sync test, a WSGI view: the sender's own loop delivers
                    future = asyncio.run_coroutine_threadsafe(delivery, self._own_loop.get())
                    self._futures.add(future)
                    future.add_done_callback(self._finished)
                    continue
                task = loop.create_task(delivery)
                self._tasks.add(task)
                task.add_done_callback(self._finished)

    def appointment_changed(self, operation_id: str, appointment: Json | None) -> None:
        """Deliver the event an appointment operation causes (nothing for an operation causing none)."""
        event_type = APPOINTMENT_EVENT_OF.get(operation_id) or inferred_event(operation_id)
        if event_type is not None and appointment is not None:
            self.send(appointment_event(appointment, event_type))

    async def drain(self) -> None:
        """Wait until every delivery has been answered or lost (in sync code: `wait()`)."""
        loop = asyncio.get_running_loop()
        while True:
            here = [task for task in list(self._tasks) if task.get_loop() is loop]
            if here:
                await asyncio.gather(*here)
            elif self.pending:  # on another loop (the sender's own, a server's): waited for in a thread
                await asyncio.to_thread(self.wait)
            else:
                return

    def wait(self, timeout: float = 30.0) -> None:
        """Block until every delivery has been answered or lost: `drain()` for code without an event loop.

        Raises:
            RuntimeError: Called from async code whose own loop runs a delivery, which blocking would
                stop: `await drain()` there instead.
            TimeoutError: Deliveries were still under way after `timeout` seconds.
        """
        loop = running_loop()
        if loop is not None and any(task.get_loop() is loop for task in list(self._tasks)):
            raise RuntimeError(
                "WebhookSender.wait() blocks, and this event loop runs deliveries it would wait for: "
                "in async code, `await sender.drain()` (`await fake.webhooks.drain()`)"
            )
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout):
                raise TimeoutError(f"{self._pending} webhook deliveries still under way after {timeout} s")

    @property
    def pending(self) -> int:
        """How many deliveries are still under way (not yet answered or lost), on any loop."""
        return self._pending

    def run(self, coroutine: Coroutine[Any, Any, _Result], timeout: float = 30.0) -> _Result:
        """The result of `coroutine`, run on the loop that delivers what sync code sends.

        For sync tests whose receiver runs there: `sender.run(receiver.join())` waits until the events
        delivered are handled. From async code, await the coroutine itself.
        """
        if running_loop() is not None:
            coroutine.close()
            raise RuntimeError("WebhookSender.run() blocks: in async code, await the coroutine instead")
        return run(coroutine, self._own_loop.get(), timeout)

    async def aclose(self) -> None:
        """Stop delivering (pending deliveries are dropped) and close the HTTP clients."""
        loop = asyncio.get_running_loop()
        await self._close_here()
        await asyncio.to_thread(self._close_elsewhere, loop)

    def close(self) -> None:
        """`aclose()` for code without an event loop: stop delivering, close the clients, end the loop thread."""
        if running_loop() is not None:
            raise RuntimeError("WebhookSender.close() blocks: in async code, `await sender.aclose()`")
        self._close_elsewhere(None)
        own = self._own_loop.clear() if self._owns_loop else None
        if own is not None:
            stop_loop(own)

    def share_loop(self, loop: PerProcess[asyncio.AbstractEventLoop], *, always: bool = False) -> None:
        """Deliver what code without an event loop sends on `loop` (the fake's), not on a thread of its own.

        The fake serves its sync clients and its served requests on its loop, whose sends deliver
        there: with this, every delivery to an in-process receiver runs on that one loop. With
        `always`, so does every delivery async code causes (the receiver then never sees the test's loop).
        """
        self._own_loop, self._owns_loop, self._always_own = loop, False, always

    def _close_elsewhere(self, this: asyncio.AbstractEventLoop | None) -> None:
        """`_close_here` on every other loop than `this` that delivers, from this thread."""
        for future in list(self._futures):  # deliveries sent from code without a loop: their tasks are cancelled
            future.cancel()
        loops = {task.get_loop() for task in list(self._tasks)} | set(self._clients)
        for loop in loops - {this}:
            if loop.is_running():
                run(self._close_here(), loop, 5)
            else:  # a stopped loop runs nothing more: its client is dropped
                self._clients.pop(loop, None)

    async def _close_here(self) -> None:
        """Cancel this loop's deliveries, wait until each has let go of its connection, then close its client: closed
        while a cancelled delivery still unwinds, it would leave that delivery's connection to the collector."""
        loop = asyncio.get_running_loop()
        here = [task for task in list(self._tasks) if task.get_loop() is loop]
        for task in here:
            task.cancel()
        await asyncio.gather(*here, return_exceptions=True)
        client = self._clients.pop(loop, None)
        if client is not None:
            await client.aclose()

    def _finished(self, done: asyncio.Task[None] | concurrent.futures.Future[None]) -> None:
        """A delivery is over (answered, lost or cancelled): no longer pending."""
        self._tasks.discard(done)
        self._futures.discard(done)
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def _client(self) -> httpx2.AsyncClient:
        """This loop's HTTP client to the receivers, made on its first delivery (each app mounted at its host)."""
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            pairs = zip(self._urls, self._to, strict=True)
            apps = {f"all://{url.host}": httpx2.ASGITransport(app=to) for url, to in pairs if not isinstance(to, str)}
            client = self._clients[loop] = httpx2.AsyncClient(mounts=apps)
        return client

    async def _deliver(self, body: bytes, hold: float, receiver: int) -> None:
        task = asyncio.current_task()
        if task is not None and task not in self._tasks:  # sent from code without a loop: known to close too
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if hold:
            await asyncio.sleep(hold)
        event_id = _event_id(body)
        for number, attempt in enumerate(self.schedule, start=1):
            if number > 1:
                await asyncio.sleep(attempt.delay * self.time_scale)
            status: int | None = None
            error: str | None = None
            try:
                status = (await self._post(body, attempt.timeout * self.time_scale, receiver)).status_code
            except (httpx2.HTTPError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            given_up = number == len(self.schedule) and status not in _SUCCESS
            attempt_made = WebhookAttempt(event_id, number, status, error, lost=given_up, receiver=receiver)
            record(self.attempts, attempt_made, self.max_recorded)
            if self.on_attempt is not None:
                self.on_attempt(attempt_made)
            if status in _SUCCESS:
                record(self.delivered, body, self.max_recorded)
                return
        record(self.lost, body, self.max_recorded)

    async def _post(self, body: bytes, seconds: float, receiver: int) -> httpx2.Response:
        """One attempt, given up after `seconds` without an answer."""
        post = self._client().post(
            self._urls[receiver], content=body, headers={"Content-Type": "application/json"}, timeout=seconds
        )
        if isinstance(self._to[receiver], str):
            # httpx2's own timeouts bound a delivery over the network. Cancelling it from outside as well
            # (asyncio.timeout) could stop it in the middle of a connect, leaving the socket to the collector.
            return await post
        async with asyncio.timeout(seconds):  # an in-process ASGI app is bound by no network timeout
            return await post


@dataclass(frozen=True)
class FakeWebhooks:
    """The receiver the fake delivers to, and the sender that delivers (`engage_webhooks`).

    The receiver runs on the fake's own event loop thread, whichever side the test is on, so one
    receiver serves sync and async tests alike: its handlers run there (collect what they see in
    plain lists; an `asyncio.Event` of the test's loop is not theirs to set).

    Attributes:
        receiver: A `WebhookReceiver` on an in-memory store, with the fake's secret.
        sender: The fake's `WebhookSender` (`fake.webhooks`): `attempts`, `delivered`, `lost`.
        secret: The key each delivery carries.
    """

    receiver: WebhookReceiver
    sender: WebhookSender
    secret: str

    def wait(self, timeout: float = 30.0) -> None:
        """Block until every event sent is delivered (or lost) and handled: for sync tests."""
        self.sender.wait(timeout)
        self.sender.run(self.receiver.join(), timeout)

    async def drain(self) -> None:
        """`wait()` for async tests: it waits in a thread, so the test's loop goes on (bound it with
        `asyncio.timeout`; the thread's own wait ends after 30 s)."""
        await asyncio.to_thread(self.wait)


def record(records: list[_Recorded], item: _Recorded, limit: int | None) -> None:
    """Append `item`, keeping only the latest `limit` (all, if None): lists, public as lists (tests index, compare
    and clear them), not deques; a bound is a server's, of a modest length, so shifting it is cheap."""
    records.append(item)
    if limit is not None and len(records) > limit:
        del records[: len(records) - limit]


def _event_id(body: bytes) -> str:
    try:
        return str(json.loads(body).get("id"))
    except (ValueError, AttributeError):
        return ""
