"""`WebhookReceiver`: check, parse, store, answer; then hand each event to its handler once.

The answer never waits for a handler: Engage gives a delivery 3 seconds, and a handler may take
longer. What makes that safe is the store: an event is acknowledged only once it is stored, and
handlers run from the store (claim, handle, settle), so a process that dies between the two leaves
the event pending for the next one. Everything here is free of any web framework; `asgi_app()`
(see `_asgi.py`) is the first adapter.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import inspect
import logging
import os
import random
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast, overload

from .._base.processes import in_child_after_fork
from .._generated.models import Appointment, AppointmentWebhookEvent, CallbackRequestWebhookEvent
from ._answer import UNAUTHENTIC, Answer
from ._arguments import grace_seconds, is_name, positive_int, positive_seconds
from ._failures import FailureLog
from ._intake import NOT_STORED, STORE_UNREACHABLE, check, stored
from ._parse import UnknownWebhookEvent, WebhookEvent, parse_event
from ._retries import RetrySchedule
from ._stores import FailedEvent, OrderKey, StoredEvent, WebhookStore, store_from_url
from ._threads import HandlerThreads, ThreadedHandler

if TYPE_CHECKING:
    from .._client import PexipEngage
    from ._asgi import ASGIApp
    from ._forward import ForwardedEvent, Sink, Until
    from ._stores._blocking_insert import SyncIntake
    from ._wsgi import WSGIApplication

logger = logging.getLogger("pexip_engage_client.webhooks")

MiB = 1024 * 1024
# The kinds of store failure the log counts apart.
_OPENING, _STORING, _READING, _HANDLING = (
    "opening",
    "storing an event",
    "reading due events",
    "handling an event (claim, renew or settle)",
)
# What a delivery is answered when the store fails at a step.
_REFUSALS = {_OPENING: STORE_UNREACHABLE, _STORING: NOT_STORED}

_E = TypeVar("_E", AppointmentWebhookEvent, CallbackRequestWebhookEvent, UnknownWebhookEvent)
_T = TypeVar("_T")


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
        appointment: With `verify_by_fetch=True`, the appointment as the API returns it now; else None.
    """

    event_id: str
    position: int
    attempt: int
    stale: bool
    appointment: Appointment | None = None


@dataclass(frozen=True)
class Arrival:
    """One delivery the receiver accepted, as `observe` callbacks see it (before any handler runs)."""

    event: WebhookEvent
    position: int | None  # None: a duplicate of an event already stored
    duplicate: bool


# A handler is `async def handler(event, delivery)`, or a plain `def` run in the receiver's threads.
Handler: TypeAlias = Callable[[_E, Delivery], Awaitable[None]] | Callable[[_E, Delivery], None]
AppointmentHandler: TypeAlias = (
    Callable[[AppointmentWebhookEvent, Delivery], Awaitable[None]] | Callable[[AppointmentWebhookEvent, Delivery], None]
)
_AnyHandler: TypeAlias = Callable[[Any, Delivery], Awaitable[None]]  # as the receiver calls it: awaited
# What the decorators take and give back, the function's own type kept: a test can call a plain
# handler and get None, or await an async one, with no union of the two to narrow first.
_AppointmentH = TypeVar("_AppointmentH", bound=Callable[[AppointmentWebhookEvent, Delivery], Awaitable[None] | None])
_CallbackH = TypeVar("_CallbackH", bound=Callable[[CallbackRequestWebhookEvent, Delivery], Awaitable[None] | None])
_UnknownH = TypeVar("_UnknownH", bound=Callable[[UnknownWebhookEvent, Delivery], Awaitable[None] | None])


class WebhookReceiver:
    """Receives Engage's webhook deliveries: answers each within milliseconds, handles each event once
    (at least once: again after a store failure at settle), an appointment's events in order.

        receiver = WebhookReceiver(store="sqlite:///events.db", secret=os.environ["ENGAGE_WEBHOOK_KEY"])

        @receiver.on(AppointmentWebhookEvent)
        async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None: ...

        app = receiver.asgi_app()        # uvicorn module:app, or mounted in Starlette/FastAPI

    Engage is told the URL with the secret as its `key` query parameter
    (`https://example.com/engage-webhooks?key=<secret>`).

    Args:
        store: `"sqlite:///path.db"` (embedded, survives restarts), `"redis://host:6379/0"` (shared by
            receivers on several machines; the `redis` extra), `"memory://"` (tests), or a
            `WebhookStore`.
        secret: The shared secret every delivery must carry as `key`; compared in constant time.
        concurrency: How many handlers run at once in this process.
        handler_threads: Threads for the handlers written as plain functions (`def`, not `async
            def`): at most this many of them run at once. Default: `concurrency`.
        max_body_size: Larger bodies are refused with 413 before they are read whole.
        max_attempts: Runs of a failing handler before the event is parked (see `failed()`).
        retry_backoff: Seconds before the first retry; doubled for each further one, up to
            `max_retry_backoff`, with some jitter.
        lease: Seconds a claim on an event lasts without renewal. A process that dies while handling
            leaves its events to whoever runs next, once their lease has run out; a running handler
            renews its lease, so it may run longer.
        handle_stale: Hand stale appointment events to handlers too (with `delivery.stale` set);
            by default they are recorded and not handled.
        verify_by_fetch: Before handling an appointment event, read the appointment through
            `client` and give it to the handler as `delivery.appointment`: what the handler acts on
            then comes from the API, not from whoever sent the request.
        client: The `PexipEngage` client `verify_by_fetch` reads with.
        poll_interval: Seconds between looks at the store for events to handle that this process did
            not receive itself (retries, events left by a stopped process, other processes' events).
        queue_size: Events waiting in this process for a free handler; more wait in the store.
        retention: Seconds a settled event is remembered (and deduplicated against) before it is
            forgotten; Engage stops retrying about 50 seconds after the first delivery.
        future_tolerance: Seconds an appointment's `updatedAt` may be ahead of this machine's clock;
            an event further in the future is refused with 400, since it would make every later
            change of its appointment stale.
    """

    def __init__(
        self,
        store: str | WebhookStore | Callable[[], str | WebhookStore] = "sqlite:///pexip-engage-webhooks.db",
        *,
        secret: str | Callable[[], str],
        concurrency: int = 16,
        handler_threads: int | None = None,
        max_body_size: int = MiB,
        max_attempts: int = 5,
        retry_backoff: float = 1.0,
        max_retry_backoff: float = 300.0,
        lease: float = 30.0,
        handle_stale: bool = False,
        verify_by_fetch: bool = False,
        client: PexipEngage | None = None,
        poll_interval: float = 1.0,
        queue_size: int | None = None,
        retention: float = 7 * 24 * 3600.0,
        future_tolerance: float = 3600.0,
    ) -> None:
        if not callable(secret):
            _check_secret(secret)
        self.concurrency: int = positive_int("concurrency", concurrency)
        self._threads = HandlerThreads(
            self.concurrency if handler_threads is None else positive_int("handler_threads", handler_threads)
        )
        self._threads_follow_concurrency = handler_threads is None  # run_worker(concurrency=) resizes them
        self.max_body_size: int = positive_int("max_body_size", max_body_size)
        self.max_attempts: int = positive_int("max_attempts", max_attempts)
        self.retry_backoff: float = positive_seconds("retry_backoff", retry_backoff)
        self.max_retry_backoff: float = positive_seconds("max_retry_backoff", max_retry_backoff)
        self.lease: float = positive_seconds("lease", lease)
        self.poll_interval: float = positive_seconds("poll_interval", poll_interval)
        self.retention: float = positive_seconds("retention", retention)
        self.future_tolerance: float = positive_seconds("future_tolerance", future_tolerance)
        if verify_by_fetch and client is None:
            raise ValueError("verify_by_fetch=True needs client=PexipEngage(...) to read the appointment with")
        if queue_size is not None:
            positive_int("queue_size", queue_size)
        # Settings read on first use (`store=lambda: settings.X`): importing the module that builds the
        # receiver needs none of them (Django's `manage.py migrate` runs without the webhook settings).
        self._store_source = store
        self._secret_source = secret
        self._store: WebhookStore | None = None
        self._store_url: str | None = None  # the sync face's own store is made from it
        if isinstance(store, str) or hasattr(store, "claim"):
            _ = self.store  # given as it is: checked now, as any other argument
        self._loop: asyncio.AbstractEventLoop | None = None  # the loop start() ran in
        self._secret: bytes | None = None
        self.handle_stale = handle_stale
        self.verify_by_fetch = verify_by_fetch
        self.client = client
        self._failures = FailureLog(logger)
        self._queue_size = queue_size  # None: 4 * concurrency, whatever concurrency is at start
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._by_class: dict[type, _AnyHandler] = {}
        self._by_event_type: dict[str, _AnyHandler] = {}
        self._unknown: _AnyHandler | None = None
        self._observers: list[Callable[[Arrival], None]] = []
        self._ready: asyncio.Queue[str] | None = None
        self._queued: set[str] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._in_handling: set[asyncio.Task[None]] = set()
        self._closing = False
        self._more_due = False  # the last look at the store found as many due events as it took
        self._started = False
        self._start_lock: asyncio.Lock | None = None
        self._wake: asyncio.Event | None = None
        self._random = random.Random()  # noqa: S311 - jitter of retry delays, not security
        self._intake: SyncIntake | None = None  # the store's blocking insert (WSGI face, receive_sync)
        self._intake_lock = threading.Lock()
        self._fork_hook = in_child_after_fork(self._forget_parent)

    def _forget_parent(self) -> None:
        """In a forked child: start afresh, as a receiver never started (see `_base/processes.py`).

        The parent's handling belongs to its event loop, which does not run here; its blocking
        insert holds the parent's connections and locks (one a parent thread may have held at the
        fork, for ever in the child). The child gets its own owner id, so that its claims are never
        taken for its parent's. Its first delivery (or `start()`) opens the store for this process.
        """
        self._started, self._closing, self._more_due = False, False, False
        self._loop = self._start_lock = self._ready = self._wake = None
        self._tasks, self._in_handling, self._queued = [], set(), set()
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._failures = FailureLog(logger)
        self._intake = None  # dropped, never closed here: see _stores/_blocking_insert.py
        self._intake_lock = threading.Lock()

    def __repr__(self) -> str:
        store = "<read on first use>" if self._store is None and callable(self._store_source) else repr(self.store)
        return f"WebhookReceiver(store={store}, secret=<redacted>, concurrency={self.concurrency})"

    @property
    def store(self) -> WebhookStore:
        """Where the events are kept: built from the `store` argument on first use."""
        if self._store is None:
            source = self._store_source
            if callable(source) and not hasattr(source, "claim"):  # a function giving the URL or store
                source = _setting("store", source)
            if isinstance(source, str):
                self._store_url = source
                self._store = store_from_url(source)
            else:
                self._store = cast("WebhookStore", source)
        return self._store

    @store.setter
    def store(self, store: WebhookStore) -> None:
        self._store = store

    def _secret_bytes(self) -> bytes:
        if self._secret is None:
            secret = self._secret_source
            if callable(secret):
                secret = _check_secret(_setting("secret", secret))
            self._secret = secret.encode()
        return self._secret

    # --- Handlers -----------------------------------------------------------------------------

    @overload
    def on(self, kind: type[AppointmentWebhookEvent] | str) -> Callable[[_AppointmentH], _AppointmentH]: ...

    @overload
    def on(self, kind: type[CallbackRequestWebhookEvent]) -> Callable[[_CallbackH], _CallbackH]: ...

    @overload
    def on(self, kind: type[UnknownWebhookEvent]) -> Callable[[_UnknownH], _UnknownH]: ...

    def on(self, kind: type[_E] | str) -> Callable[[Any], Any]:
        """Register the handler of an event class (`AppointmentWebhookEvent`, `CallbackRequestWebhookEvent`)
        or of one appointment event type (`"ACCEPT"`, `AppointmentEventType.CANCEL`, ...).

        A handler is `async def handler(event, delivery: Delivery) -> None`, or a plain `def`
        (Django's ORM, a blocking client), which runs in one of the receiver's `handler_threads`
        threads with the same order, retries and parking. The handler of the event type, when
        there is one, is chosen over the class's. An event with no handler is acknowledged and kept
        as unhandled. The decorator returns the function as it was given.

        Raises:
            TypeError: The handler is not callable as `handler(event, delivery)`.
        """
        if isinstance(kind, str):
            key = str(kind)
            if not key:
                raise ValueError("kind must be an event class or an appointment event type such as 'ACCEPT'")

            def by_type(handler: AppointmentHandler) -> AppointmentHandler:
                self._by_event_type[key] = self._awaitable(handler)
                return handler

            return by_type
        if kind not in (AppointmentWebhookEvent, CallbackRequestWebhookEvent, UnknownWebhookEvent):
            raise ValueError(
                f"kind must be AppointmentWebhookEvent, CallbackRequestWebhookEvent or a type, not {kind!r}"
            )

        def by_class(handler: Handler[Any]) -> Handler[Any]:
            self._by_class[kind] = self._awaitable(handler)
            return handler

        return by_class

    def on_unknown(self, handler: _UnknownH) -> _UnknownH:
        """Register the handler of events of an entity this client does not know yet (async or plain)."""
        self._by_class[UnknownWebhookEvent] = self._awaitable(handler)
        return handler

    def _awaitable(self, handler: Callable[[Any, Delivery], Awaitable[None] | None]) -> _AnyHandler:
        """The handler as the receiver calls it: an async one as it is, a plain one run in the threads."""
        if _check_handler(handler):
            return cast("_AnyHandler", handler)
        return ThreadedHandler(handler, self._threads)

    def observe(self, callback: Callable[[Arrival], None]) -> None:
        """Call `callback` with each accepted delivery, once it is stored (e.g. to print it).

        It runs before the answer is sent: keep it quick. What it raises is logged and ignored.
        """
        self._observers.append(callback)

    def forward(
        self,
        sink: Sink | Callable[[ForwardedEvent], object],
        *,
        until: Until = "processed",
        retry_for: float = 600.0,
        max_backoff: float = 15.0,
    ) -> None:
        """Hand every stored event to your queue (`CelerySink`, `ArqSink`, `RedisStreamSink`, or a
        function taking a `ForwardedEvent`), at least once, the event id as its dedup key.

        Forwarding becomes the handler of every event class, with the same claims, order, retries
        and parking: an event is settled only once the sink took it, so one a process did not
        forward before it stopped is forwarded again. `until="processed"` holds an appointment's
        next event back until the queue's consumer finished this one (in order, whatever the
        number of consumers); `until="enqueued"` settles once the queue has it. A handler
        registered for an event type or class (`on`) takes those events off the forwarder.

        A forwarding that fails (the queue's broker down or restarting, a task that failed, an entry
        not acknowledged in time) is retried from 1 s, doubling up to `max_backoff` seconds apart, for
        at least `retry_for` seconds, before the event is parked (`failed()`, `replay()`); the
        appointment's later events wait behind it meanwhile, so that they reach the queue after it.
        An outage is logged as one warning when it starts and one line when the queue takes events
        again. (The receiver's `max_attempts` and backoff are its handlers'.)

        Raises:
            ValueError: Handlers are already registered, or the receiver already forwards; `retry_for`
                or `max_backoff` is not a positive number of seconds; or the
                sink trims its queue on each add (`RedisStreamSink(maxlen=...)`) while `until` is
                "enqueued", which would drop events no consumer has read, without a trace.
        """
        from ._forward import Forwarder, as_sink  # noqa: PLC0415 - loaded by those who forward

        if self._by_class or self._by_event_type:
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
        forwarder = Forwarder(as_sink(sink), until, retry_for=retry_for, max_backoff=max_backoff)
        for kind in (AppointmentWebhookEvent, CallbackRequestWebhookEvent, UnknownWebhookEvent):
            self._by_class[kind] = forwarder

    def _handler_for(self, event: WebhookEvent) -> _AnyHandler | None:
        if isinstance(event, AppointmentWebhookEvent):
            by_type = self._by_event_type.get(str(event.data.event_type))
            if by_type is not None:
                return by_type
        return self._by_class.get(type(event))

    # --- Lifecycle ----------------------------------------------------------------------------

    async def __aenter__(self) -> WebhookReceiver:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self, *, handle: bool = True) -> None:
        """Open the store and start the handlers (the ASGI app does it on its first request or at lifespan start).

        With `handle=False` only the store is opened: this process stores and acknowledges events,
        and worker processes (`run_worker`, `pexip-engage webhooks worker`) run their handlers.
        """
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if self._started:
                return
            await self.store.open()
            self._loop = asyncio.get_running_loop()
            self._closing = False
            if not handle:
                self._ready = None
                self._started = True
                return
            ready = self._ready = asyncio.Queue(self._queue_size or 4 * self.concurrency)
            wake = self._wake = asyncio.Event()
            self._queued.clear()
            owner = self._owner
            self._tasks = [asyncio.create_task(self._work(ready, f"{owner}/{n}")) for n in range(self.concurrency)]
            self._tasks.append(asyncio.create_task(self._poll(ready, wake)))
            self._started = True

    async def stop(self, *, grace: float = 0.0) -> None:
        """Stop handling and close the store. Handlers still running are cancelled: their events
        stay claimed until their lease runs out, then are handled again (by this or another process).

        With `grace` (seconds), no event is claimed any more, and the handlers already running get
        that long to finish and have their events settled before the rest are cancelled.
        """
        grace = grace_seconds(grace)
        if not self._started:
            return
        if grace > 0:
            await self._drain(grace)
        self._started = False
        # The flag as well as the cancel: a store's client library may swallow a cancel (during an
        # outage, say), and the poller must still end, or stop() would wait for it for ever.
        self._closing = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self._threads.shut_down()
        self._failures.flush()
        await self.store.close()

    async def _drain(self, grace: float) -> None:
        """Stop claiming, and wait up to `grace` seconds for the handlers running to end."""
        self._closing = True
        running = set(self._in_handling)
        for task in self._tasks:
            if task not in running:
                task.cancel()  # the poller and the idle workers: what they hold is pending in the store
        if not running:
            return
        _, late = await asyncio.wait(running, timeout=grace)
        if late:
            logger.warning(
                "stopping: %d handlers still running after %g s are cancelled; their events are handled"
                " again once their lease (%g s) runs out",
                len(late),
                grace,
                self.lease,
            )

    @property
    def in_flight(self) -> int:
        """How many events this process is handling now (claimed, in a handler, or being settled)."""
        return len(self._in_handling)

    async def join(self) -> None:
        """Wait until no event waits for or is in a handler in this process, and none is due in the store.

        For tests (bound it with `asyncio.timeout`): an event whose retry is scheduled later is not waited for.
        Started with `handle=False`, it waits until no event is due in the store: the workers have taken them all.
        """
        while True:
            if self._started and not self._queued and not self._in_handling:
                if not await self.store.due(time.time(), 1):
                    return
                self._nudge()
            await asyncio.sleep(0.01)

    # --- Receiving ----------------------------------------------------------------------------

    def authentic(self, key: str | None) -> bool:
        """Whether `key` (the request's `key` query parameter) is the secret, compared in constant time."""
        return key is not None and hmac.compare_digest(key.encode("utf-8", "surrogateescape"), self._secret_bytes())

    async def receive(self, body: bytes, *, key: str | None, content_type: str | None = "application/json") -> Answer:
        """Check, parse and store one delivery, and say how to answer it; the framework-free core.

        2xx only once the event is stored (or was already); 401 without the secret, 415 for a body
        that is not JSON, 413 for one over `max_body_size`, 400 for one that is not an event, 503
        when the store fails (so Engage retries).
        """
        if not self.authentic(key):
            return UNAUTHENTIC
        return await self._accept(body, content_type)

    async def _accept(self, body: bytes, content_type: str | None, *, handle: bool = True) -> Answer:
        """`receive` once the secret is checked: what the ASGI app calls, so that the key goes no further.

        `handle` is how the receiver starts if it has not yet (see `start`)."""
        checked = check(body, content_type, max_body_size=self.max_body_size, future_tolerance=self.future_tolerance)
        if isinstance(checked, Answer):
            return checked
        event = checked.event
        if not self._started:
            try:
                await self.start(handle=handle)
            except Exception as error:
                return self._refused(_OPENING, error)
        try:
            position = await self.store.add(
                event.id, body, subject=checked.subject, updated_at=checked.updated_at, now=time.time()
            )
        except Exception as error:
            return self._refused(_STORING, error)
        if position is not None:
            self._enqueue(event.id)
        return self._stored(event, position)

    def receive_sync(self, body: bytes, *, key: str | None, content_type: str | None = "application/json") -> Answer:
        """`receive` without an event loop, for WSGI views (Django, Flask): the same checks and answers,
        and the same durable insert, done with the store's synchronous client; no handler runs here.

        The events it stores are handled by a receiver running its handlers on the same store (see
        docs/webhooks.md). Safe to call from several threads at once.
        """
        if not self.authentic(key):
            return UNAUTHENTIC
        return self._accept_sync(body, content_type)

    def _accept_sync(self, body: bytes, content_type: str | None) -> Answer:
        """`receive_sync` once the secret is checked: `_accept` up to the answer, on the store's sync client."""
        checked = check(body, content_type, max_body_size=self.max_body_size, future_tolerance=self.future_tolerance)
        if isinstance(checked, Answer):
            return checked
        try:
            intake = self._sync_intake()
        except Exception as error:
            return self._refused(_OPENING, error)
        event = checked.event
        try:
            position = intake.add_sync(
                event.id, body, subject=checked.subject, updated_at=checked.updated_at, now=time.time()
            )
        except Exception as error:
            return self._refused(_STORING, error)
        return self._stored(event, position)

    # The two faces' steps around the insert, so that they answer and log alike.

    def _refused(self, step: str, error: Exception) -> Answer:
        """The store failed to open or to store: counted in the failure log, and answered 503 so that Engage retries."""
        self._failures.failed(step, error)
        return _REFUSALS[step]

    def _stored(self, event: WebhookEvent, position: int | None) -> Answer:
        """The store has the event (`position` None: it had it already): told to the observers, answered 202 or 200."""
        self._failures.succeeded(_STORING)
        self._notify(Arrival(event, position, position is None))
        return stored(position)

    def _sync_intake(self) -> SyncIntake:
        """The store's synchronous insert, opened once for every thread; not kept when opening fails."""
        with self._intake_lock:
            if self._intake is None:
                from ._stores._blocking_insert import open_intake  # noqa: PLC0415 - loads when a sync face is used

                self._intake = open_intake(self.store)
            return self._intake

    def _notify(self, arrival: Arrival) -> None:
        for observer in self._observers:
            try:
                observer(arrival)
            except Exception:
                logger.exception("a webhook observer failed")

    def _enqueue(self, event_id: str) -> None:
        # A full queue loses nothing: the event waits in the store, and the poller finds it.
        if self._ready is None or event_id in self._queued:
            return
        try:
            self._ready.put_nowait(event_id)
        except asyncio.QueueFull:
            return
        self._queued.add(event_id)

    def _nudge(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def _poll(self, ready: asyncio.Queue[str], wake: asyncio.Event) -> None:
        last_purge = 0.0
        while not self._closing:
            try:
                room = ready.maxsize - ready.qsize()
                if room > 0:
                    due = await self.store.due(time.time(), room)
                    for event_id in due:
                        self._enqueue(event_id)
                    # As many as there was room for: more may be due. A worker process learns of
                    # events only here, so look again once the queue runs low, not a poll later.
                    self._more_due = len(due) == room
                if time.time() - last_purge > 3600:
                    last_purge = time.time()
                    await self.store.purge(last_purge - self.retention)
                self._failures.succeeded(_READING)
            except Exception as error:  # a cancel (stop) is no Exception: it ends the loop
                self._failures.failed(_READING, error)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await wake.wait()
            wake.clear()

    async def _work(self, ready: asyncio.Queue[str], owner: str) -> None:
        # Each worker is its own owner: the lock on an appointment's events must keep out the
        # other workers of this process as much as those of other processes.
        task = asyncio.current_task()
        assert task is not None  # noqa: S101 - a task of start()
        while not self._closing:
            event_id = await ready.get()
            self._in_handling.add(task)
            if self._more_due and ready.qsize() <= ready.maxsize // 4:
                self._more_due = False
                self._nudge()
            self._queued.discard(event_id)
            try:
                await self._handle(event_id, owner)
                self._failures.succeeded(_HANDLING)
            except Exception as error:  # a cancel is no Exception: it goes on to end the worker
                # The store failed: the claim runs out and the event is handled again later.
                self._failures.failed(_HANDLING, error)
            finally:
                self._in_handling.discard(task)

    async def _handle(self, event_id: str, owner: str) -> None:
        # The store hands out an appointment's events one at a time, in the order of their
        # updatedAt: a claim fails while it is not this event's turn, and the settle that ends the
        # turn before it names it, so that it is queued again at once.
        stored = await self.store.claim(event_id, owner, time.time(), self.lease)
        if stored is None:
            return  # handled, being handled, or not its turn yet
        async with self._renewed(lambda now: self.store.renew(event_id, owner, now + self.lease)):
            event = parse_event(stored.body)
            order = None
            if stored.subject is not None:
                order = OrderKey(stored.subject, stored.updated_at, stored.position)
            stale = order is not None and order.older_than(stored.newest)
            handler = self._handler_for(event)
            if stale and not self.handle_stale:
                following = await self.store.settle(stored.id, owner, "stale", order=order, now=time.time())
            elif handler is None:
                following = await self.store.settle(stored.id, owner, "unhandled", order=order, now=time.time())
            else:
                following = await self._run(handler, event, stored, stale=stale, order=order, owner=owner)
        if following is not None:
            self._enqueue(following)

    @contextlib.asynccontextmanager
    async def _renewed(self, renew: Callable[[float], Awaitable[object]]) -> AsyncIterator[None]:
        """Calls `renew(now)` every lease / 3 while the block runs, and not once it has ended."""

        async def renewing() -> None:
            while True:
                await asyncio.sleep(self.lease / 3)
                await renew(time.time())

        task = asyncio.create_task(renewing())
        try:
            yield
        finally:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                # The renewal's own cancellation ends here; this task's (a stop) goes on.
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise

    async def _run(
        self,
        handler: _AnyHandler,
        event: WebhookEvent,
        stored: StoredEvent,
        *,
        stale: bool,
        order: OrderKey | None,
        owner: str,
    ) -> str | None:
        """Runs the handler; returns the event whose turn its outcome started, if any."""
        attempt = stored.attempts + 1
        try:
            appointment = await self._fetch(event) if self.verify_by_fetch else None
            await handler(event, Delivery(stored.id, stored.position, attempt, stale, appointment))
        except Exception as error:  # a cancel (stop) is no Exception: the event stays claimed
            problem = f"{type(error).__name__}: {error}"
            # The forwarder keeps a schedule of its own, and logs its failures once an outage.
            schedule: RetrySchedule | None = getattr(handler, "retries", None)
            if schedule is None:
                schedule = RetrySchedule(self.retry_backoff, self.max_retry_backoff, self.max_attempts)
            if attempt >= schedule.attempts:
                logger.error("webhook event %s: the handler failed %d times; parked (%s)", stored.id, attempt, problem)
                return await self.store.park(stored.id, owner, attempts=attempt, error=problem, now=time.time())
            delay = schedule.delay(attempt, self._random.random())
            if not getattr(handler, "logs_its_failures", False):
                logger.warning(
                    "webhook event %s: the handler failed (%s); retrying in %.1f s", stored.id, problem, delay
                )
            await self.store.retry(stored.id, owner, attempts=attempt, not_before=time.time() + delay, error=problem)
            return None
        return await self.store.settle(stored.id, owner, "handled", order=None if stale else order, now=time.time())

    async def _fetch(self, event: WebhookEvent) -> Appointment | None:
        if not isinstance(event, AppointmentWebhookEvent) or self.client is None:
            return None
        return await self.client.appointments.get_appointment_by_id(event.data.appointment.id)

    # --- Failed events ------------------------------------------------------------------------

    async def failed(self, limit: int = 100) -> list[FailedEvent]:
        """Events whose handler failed `max_attempts` times, oldest first."""
        if not self._started:
            await self.start()
        return await self.store.failed(limit)

    async def replay(self, event_id: str) -> bool:
        """Hand a failed event to its handler again (attempts start over); False if it is not parked."""
        if not self._started:
            await self.start()
        replayed = await self.store.replay(event_id, time.time())
        if replayed:
            self._enqueue(event_id)
        return replayed

    def failed_sync(self, limit: int = 100, *, timeout: float = 30.0) -> list[FailedEvent]:
        """`failed()` without an event loop: for Django views, management commands, scripts and shells.

        In a process whose receiver is running (its ASGI app, a worker), it asks that receiver's
        loop from this thread; elsewhere it opens the store for this call only, on a loop of its
        own in a helper thread, so it works from a thread that runs a loop too (a notebook).

        Raises:
            TimeoutError: The store did not answer within `timeout` seconds.
        """
        return self._blocking(lambda store: store.failed(limit), timeout)

    def replay_sync(self, event_id: str, *, timeout: float = 30.0) -> bool:
        """`replay()` without an event loop (see `failed_sync`); False if the event is not parked.

        A receiver running in this process handles the event at once; otherwise whichever process
        handles the store's events (a worker, a web process) finds it due at its next look.
        """
        replayed = self._blocking(lambda store: store.replay(event_id, time.time()), timeout)
        loop = self._loop
        if replayed and self._started and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._enqueue, event_id)
        return replayed

    def _blocking(self, operation: Callable[[WebhookStore], Awaitable[_T]], timeout: float) -> _T:
        timeout = positive_seconds("timeout", timeout)
        loop = self._loop
        if self._started and loop is not None and loop.is_running():
            if _running_loop() is loop:
                raise RuntimeError("called from the receiver's own event loop: await failed() or replay() instead")
            return asyncio.run_coroutine_threadsafe(_awaited(operation(self.store)), loop).result(timeout)
        # A store of its own from the same URL, so the receiver's (unstarted) store keeps no state of
        # this loop; but memory:// keeps its events in that very object.
        url = self._store_url
        store = store_from_url(url) if url is not None and not url.startswith("memory:") else self.store

        async def once() -> _T:
            await store.open()
            try:
                return await asyncio.wait_for(_awaited(operation(store)), timeout)
            finally:
                await store.close()

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pexip-engage-webhook-sync") as helper:
            return helper.submit(asyncio.run, once()).result()  # once() is bounded by `timeout` itself

    async def run_worker(
        self, *, grace: float = 25.0, concurrency: int | None = None, stop_signals: bool = True
    ) -> None:
        """Run this process as a worker: handle the events that web processes store, until SIGTERM or SIGINT.

        No HTTP is served. The handlers run as they would behind `asgi_app()`, with the same order
        per appointment, leases, retries and parking; workers sharing a store share its events, and
        never run two handlers of one event at once. `asyncio.run(receiver.run_worker())` is a
        worker process; `pexip-engage webhooks worker module:receiver` is one from the command line.

        Args:
            grace: Seconds the handlers running at a stop signal get to finish and settle their
                events; what is still running then is cancelled and stays claimed until its lease
                runs out, when another worker handles it. Keep it below your platform's kill
                timeout (`docker stop`: 10 s, Kubernetes: 30 s). A second signal ends it at once.
            concurrency: How many handlers this worker runs at once, instead of the receiver's
                `concurrency` (which the web processes importing the same receiver do not use); the
                threads of its plain handlers too, unless the receiver was given `handler_threads`.
            stop_signals: Stop on SIGTERM and SIGINT (in the main thread, where the event loop can
                take signals); with False, cancel the call to stop (without grace).

        Raises:
            ValueError: `grace` is negative or not a number, or `concurrency` not a positive integer;
                or the receiver has no handler (a worker would settle every event as unhandled, and
                the worker with the handlers would never see them).
        """
        from ._worker import run_worker  # noqa: PLC0415 - only workers load it

        if not (self._by_class or self._by_event_type):
            raise ValueError(
                f"{self!r} has no handlers, so a worker would settle every stored event as unhandled: "
                "register them with @receiver.on(...) (or receiver.forward(sink)) in the module that "
                "builds the receiver, and name that receiver"
            )

        if concurrency is not None:
            concurrency = positive_int("concurrency", concurrency)
            if self._started:
                raise RuntimeError("run_worker(concurrency=...) must be called before the receiver is started")
            self.concurrency = concurrency
            if self._threads_follow_concurrency:  # the pool is made on first use: not yet
                self._threads.size = concurrency
        await run_worker(self, grace=grace, stop_signals=stop_signals)

    def asgi_app(self, *, handle: bool = True) -> ASGIApp:
        """This receiver as an ASGI application: served by uvicorn, or routed in Starlette/FastAPI
        with `Route(path, app)` (see docs/webhooks.md: `Mount` redirects the path without a slash).

        With `handle=False` the web process only stores and acknowledges: its handlers run in
        worker processes (`run_worker`, `pexip-engage webhooks worker`)."""
        from ._asgi import ReceiverApp  # noqa: PLC0415 - the adapter loads when used

        return ReceiverApp(self, handle=handle)

    def wsgi_app(self) -> WSGIApplication:
        """This receiver as a WSGI application (PEP 3333, no framework): served by gunicorn, mounted
        in Django or Flask. It checks and stores each delivery and answers as `asgi_app()` does; it
        runs no handler (see `receive_sync`)."""
        from ._stores._blocking_insert import has_intake  # noqa: PLC0415 - the adapter loads when used
        from ._wsgi import ReceiverWSGIApp  # noqa: PLC0415

        if not has_intake(self.store):
            raise TypeError(
                f"the WSGI face needs a store with a synchronous insert (`add_sync`); {self.store!r} has none"
            )
        return ReceiverWSGIApp(self)


def _check_secret(secret: object) -> str:
    if not is_name(secret):
        raise ValueError("secret must be a non-empty string (the `key` Engage's webhook URL carries)")
    return secret


def _setting(name: str, read: Callable[[], _T]) -> _T:
    """A setting given as a function, read now; its failure names the argument it was for."""
    try:
        return read()
    except Exception as exc:
        raise ValueError(f"WebhookReceiver's {name} could not be read: {type(exc).__name__}: {exc}") from exc


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


def _check_handler(handler: Callable[..., Any]) -> bool:
    """Whether the handler is async; TypeError if it cannot be called as `handler(event, delivery)`,
    which would fail on every event."""
    expected = "a webhook handler is `async def handler(event, delivery)` or `def handler(event, delivery)`"
    if not callable(handler):
        raise TypeError(f"{expected}; {handler!r} is not callable")
    call = getattr(handler, "__call__", None)  # noqa: B004 - an object with an async __call__ counts too
    is_async = inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(call)
    try:
        inspect.signature(handler).bind(None, None)
    except TypeError:
        raise TypeError(f"{expected}; {handler!r} takes {inspect.signature(handler)}") from None
    except ValueError:  # no signature to read (a builtin): let it be
        pass
    return is_async
