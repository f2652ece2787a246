"""`WebhookReceiver`: check, parse, store, answer; then hand each event to its handler once.

The answer never waits for a handler (Engage gives a delivery 3 seconds): an event is acknowledged
once stored, and handlers run from the store (claim, handle, settle), so a process that dies leaves
it pending for the next. The class composes parts, each with one job: `_handlers.py`,
`_accepting.py`, `_scheduling.py`, `_running.py`, `_replaying.py`, `_reconciling.py`; they read its
settings (`_settings.py`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast, overload

from .._base.arguments import counted
from .._configuration._config import strict_responses_requested
from .._generated.models import AppointmentWebhookEvent, CallbackRequestWebhookEvent
from .._shared.bridge import run, start_loop, stop_loop
from ..spec_drift import SpecDrift
from ._accepting import UNAUTHENTIC, Acceptor, Answer
from ._arguments import grace_seconds, is_name, positive_seconds
from ._failures import store_failures
from ._handlers import Arrival, Delivery, EventT, Handlers
from ._parse import UnknownWebhookEvent
from ._reconciled import ReconciledAppointmentEvent
from ._reconciling import Reconciler, ReconcileResult
from ._replaying import Replayer
from ._running import HandlerRunner
from ._scheduling import Scheduler
from ._stores import FailedEvent, StoreTallies, WebhookStore, store_from_url
from ._threads import HandlerThreads

if TYPE_CHECKING:
    from .._client import PexipEngage
    from .._sync._client import SyncPexipEngage
    from ._asgi import ASGIApp
    from ._forward import ForwardedEvent, Sink, Until
    from ._worker import ReconcileSchedule
    from ._wsgi import WSGIApplication

logger = logging.getLogger("pexip_engage_client.webhooks")

MiB = 1024 * 1024

# One secret, or several during a rotation (the new one first): a delivery carrying any is accepted.
Secrets: TypeAlias = str | Sequence[str]

_T = TypeVar("_T")
# What the decorators take and give back, the function's own type kept: a test can call a plain
# handler and get None, or await an async one, with no union of the two to narrow first.
_AppointmentH = TypeVar("_AppointmentH", bound=Callable[[AppointmentWebhookEvent, Delivery], Awaitable[None] | None])
_CallbackH = TypeVar("_CallbackH", bound=Callable[[CallbackRequestWebhookEvent, Delivery], Awaitable[None] | None])
_UnknownH = TypeVar("_UnknownH", bound=Callable[[UnknownWebhookEvent, Delivery], Awaitable[None] | None])
_ReconciledH = TypeVar("_ReconciledH", bound=Callable[[ReconciledAppointmentEvent, Delivery], Awaitable[None] | None])


class WebhookReceiver:
    """Receives Engage's webhook deliveries: answers each within milliseconds, handles each event once
    (at least once: again after a store failure at settle), an appointment's events in order (an
    example: the module's; the guide: docs/webhooks.md).

    Engage is told the URL with the secret as its `key` query parameter
    (`https://example.com/engage-webhooks?key=<secret>`).

    Args:
        store: `"sqlite:///path.db"` (embedded, survives restarts), `"redis://host:6379/0"` (shared by
            receivers on several machines; the `redis` extra), `"memory://"` (tests), or a
            `WebhookStore`.
        secret: The shared secret every delivery must carry as `key`, compared in constant time; or
            several (`[new, old]`) while the secret is rotated: a delivery carrying any of them is
            accepted (see docs/webhooks.md, "Rotating the secret"). A function giving either is read
            on first use.
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
        strict_responses: Refuse (400) an event that differs from openapi.yaml (a field the spec
            calls required absent, a null, a value of another JSON type) rather than store it and
            hand it over with that field unreadable (`errors.UnreadableFieldError` when read).
            None (the default): `PEXIP_ENGAGE_STRICT_RESPONSES`, else False. Engage does not resend
            a refused event after its third attempt.

    Attributes:
        spec_drift: What the events received were seen to hold unlike openapi.yaml (`records()`,
            `overlay()`), as `PexipEngage.spec_drift` for answers.
    """

    def __init__(
        self,
        store: str | WebhookStore | Callable[[], str | WebhookStore] = "sqlite:///pexip-engage-webhooks.db",
        *,
        secret: Secrets | Callable[[], Secrets],
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
        strict_responses: bool | None = None,
    ) -> None:
        self.strict_responses: bool = strict_responses_requested(strict_responses)
        self.spec_drift: SpecDrift = SpecDrift()
        if not callable(secret):
            secret = _check_secrets(secret)
        self.concurrency: int = counted(concurrency, "concurrency")
        self._threads = HandlerThreads(
            self.concurrency if handler_threads is None else counted(handler_threads, "handler_threads")
        )
        self._threads_follow_concurrency = handler_threads is None  # run_worker(concurrency=) resizes them
        self.max_body_size: int = counted(max_body_size, "max_body_size")
        self.max_attempts: int = counted(max_attempts, "max_attempts")
        self.retry_backoff: float = positive_seconds("retry_backoff", retry_backoff)
        self.max_retry_backoff: float = positive_seconds("max_retry_backoff", max_retry_backoff)
        self.lease: float = positive_seconds("lease", lease)
        self.poll_interval: float = positive_seconds("poll_interval", poll_interval)
        self.retention: float = positive_seconds("retention", retention)
        self.future_tolerance: float = positive_seconds("future_tolerance", future_tolerance)
        if verify_by_fetch and client is None:
            raise ValueError("verify_by_fetch=True needs client=PexipEngage(...) to read the appointment with")
        # None: 4 * concurrency, whatever concurrency is at start
        self._queue_size = None if queue_size is None else counted(queue_size, "queue_size")
        # Settings read on first use (`store=lambda: settings.X`): importing the module that builds the
        # receiver needs none of them (Django's `manage.py migrate` runs without the webhook settings).
        self._store_source = store
        self._secret_source = secret
        self._store: WebhookStore | None = None
        self._store_url: str | None = None  # the sync face's own store is made from it
        if isinstance(store, str) or hasattr(store, "claim"):
            _ = self.store  # given as it is: checked now, as any other argument
        self._secrets: tuple[bytes, ...] | None = None
        self.handle_stale = handle_stale
        self.verify_by_fetch = verify_by_fetch
        self.client = client
        self._failures = store_failures(logger)
        self._handlers = Handlers(self._threads)
        self._scheduler = Scheduler(self, HandlerRunner(self, self._handlers).handle, self._failures)
        self._acceptor = Acceptor(self, self._secret_bytes, self._scheduler, self._handlers, self._failures)
        self._replayer = Replayer(self, self._scheduler, self.start)
        self._reconciler = Reconciler(self, self._scheduler)

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

    def _secret_bytes(self) -> tuple[bytes, ...]:
        """The secrets a delivery's key is compared with (one, or several during a rotation)."""
        if self._secrets is None:
            source = self._secret_source
            secrets = _check_secrets(_setting("secret", source)) if callable(source) else _check_secrets(source)
            self._secrets = tuple(secret.encode() for secret in secrets)
        return self._secrets

    # --- Handlers -----------------------------------------------------------------------------

    @overload
    def on(self, kind: type[AppointmentWebhookEvent] | str) -> Callable[[_AppointmentH], _AppointmentH]: ...

    @overload
    def on(self, kind: type[CallbackRequestWebhookEvent]) -> Callable[[_CallbackH], _CallbackH]: ...

    @overload
    def on(self, kind: type[UnknownWebhookEvent]) -> Callable[[_UnknownH], _UnknownH]: ...

    @overload
    def on(self, kind: type[ReconciledAppointmentEvent]) -> Callable[[_ReconciledH], _ReconciledH]: ...

    def on(self, kind: type[EventT] | str) -> Callable[[Any], Any]:
        """Register the handler of an event class (`AppointmentWebhookEvent`, `CallbackRequestWebhookEvent`,
        `ReconciledAppointmentEvent` for the changes `reconcile` finds, which go to the handler of
        `"GENERIC_UPDATE"` or of `AppointmentWebhookEvent` when they have none) or of one
        appointment event type (`"ACCEPT"`, `AppointmentEventType.CANCEL`, ...).

        A handler is `async def handler(event, delivery: Delivery) -> None`, or a plain `def`
        (Django's ORM, a blocking client), which runs in one of the receiver's `handler_threads`
        threads with the same order, retries and parking. The handler of the event type, when
        there is one, is chosen over the class's. An event with no handler is acknowledged and kept
        as unhandled. The decorator returns the function as it was given.

        Raises:
            TypeError: The handler is not callable as `handler(event, delivery)`.
        """
        return self._handlers.on(kind)

    def on_unknown(self, handler: _UnknownH) -> _UnknownH:
        """Register the handler of events of an entity this client does not know yet (async or plain)."""
        self._handlers.on(UnknownWebhookEvent)(handler)
        return handler

    def observe(self, callback: Callable[[Arrival], None]) -> None:
        """Call `callback` with each accepted delivery, once it is stored (e.g. to print it).

        It runs before the answer is sent: keep it quick. What it raises is logged and ignored.
        """
        self._handlers.observe(callback)

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

        Forwarding becomes the handler of every event class: an event is settled once the sink took
        it (`until="enqueued"`) or its consumer finished it (`"processed"`). A failed forwarding is
        retried up to `max_backoff` seconds apart for at least `retry_for` seconds, then parked. The
        rest (order, outages, what each sink guarantees): docs/webhooks.md, "Handing events to your queue".

        Raises:
            ValueError: Handlers are already registered, or the receiver already forwards; `retry_for`
                or `max_backoff` is not a positive number of seconds; or the
                sink trims its queue on each add (`RedisStreamSink(maxlen=...)`) while `until` is
                "enqueued", which would drop events no consumer has read, without a trace.
        """
        self._handlers.forward(sink, until, retry_for, max_backoff)

    # --- Lifecycle ----------------------------------------------------------------------------

    async def __aenter__(self) -> WebhookReceiver:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __enter__(self) -> WebhookReceiver:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def start(self, *, handle: bool = True) -> None:
        """Open the store and start the handlers (the ASGI app does it on its first request or at lifespan start).

        With `handle=False` only the store is opened: this process stores and acknowledges events,
        and worker processes (`run_worker`, `pexip-engage webhooks worker`) run their handlers.
        """
        await self._scheduler.start(handle=handle)

    async def stop(self, *, grace: float = 0.0) -> None:
        """Stop handling and close the store. Handlers still running are cancelled: their events
        stay claimed until their lease runs out, then are handled again (by this or another process).

        With `grace` (seconds), no event is claimed any more, and the handlers already running get
        that long to finish and have their events settled before the rest are cancelled.
        """
        if not await self._scheduler.stop(grace_seconds(grace)):
            return
        self._threads.shut_down()
        self._failures.flush()
        await self.store.close()

    async def aclose(self) -> None:
        """Stop handling, as `stop()` does, and close every store the receiver opened in this process: its
        store, and the one its sync face (`receive_sync`, the WSGI app) took deliveries in. Closing a
        closed receiver does nothing; a receiver used again opens them again.
        """
        started = self._scheduler.started
        await self.stop()
        if not started and self._store is not None:  # stop() closes it when it was started
            await self._store.close()
        await asyncio.to_thread(self._acceptor.close_intake)

    def close(self, *, timeout: float = 30.0) -> None:
        """`aclose()` without an event loop (scripts, the command line, WSGI apps at shutdown); also `with
        WebhookReceiver(...) as receiver:`. Runs on the receiver's loop when it runs in this process.

        Raises:
            TimeoutError: The stores were not closed within `timeout` seconds.
            RuntimeError: Called from the receiver's own event loop: await `aclose()` there instead.
        """
        timeout = positive_seconds("timeout", timeout)
        running = self._scheduler.loop
        if self._scheduler.started and running is not None and running.is_running():
            run(self.aclose(), running, timeout)
            return
        loop = start_loop("pexip-engage-webhook-close")
        try:
            run(self.aclose(), loop, timeout)
        finally:
            stop_loop(loop)

    @property
    def refused_deliveries(self) -> dict[str, int]:
        """How many deliveries this process refused (4xx) since it started, by cause ("wrong or missing key",
        "body too large", ...): what its health path and metrics show. The store keeps every process's
        (`tallies()`)."""
        return self._acceptor.refusals.counts()

    @property
    def in_flight(self) -> int:
        """How many events this process is handling now (claimed, in a handler, or being settled)."""
        return self._scheduler.in_flight

    async def join(self) -> None:
        """Wait until no event waits for or is in a handler in this process, and none is due in the store.

        For tests (bound it with `asyncio.timeout`): an event whose retry is scheduled later is not waited for.
        Started with `handle=False`, it waits until no event is due in the store: the workers have taken them all.
        """
        await self._scheduler.join()

    # --- Receiving ----------------------------------------------------------------------------

    def authentic(self, key: str | None) -> bool:
        """Whether `key` (the request's `key` query parameter) is the secret (or one of the secrets of a
        rotation), compared in constant time."""
        return self._acceptor.authentic(key)

    async def receive(
        self,
        body: bytes,
        *,
        key: str | None,
        content_type: str | None = "application/json",
        source: str | None = None,
    ) -> Answer:
        """Check, parse and store one delivery, and say how to answer it; the framework-free core.

        2xx only once the event is stored (or was already); 401 without the secret, 415 for a body
        that is not JSON, 413 for one over `max_body_size`, 400 for one that is not an event, 503
        when the store fails (so Engage retries). A refusal (4xx) is logged at WARNING once per
        cause and `source` (the sender's address, as your framework gives it), the rest counted.
        """
        if not self.authentic(key):
            return await self._acceptor.refused(UNAUTHENTIC, source, start=self.start)
        return await self._acceptor.accept(body, content_type, start=self.start, source=source)

    def receive_sync(
        self,
        body: bytes,
        *,
        key: str | None,
        content_type: str | None = "application/json",
        source: str | None = None,
    ) -> Answer:
        """`receive` without an event loop, for WSGI views (Django, Flask): the same checks, answers and
        logs, and the same durable insert (the store's own, through the bridge); no handler runs here.

        The events it stores are handled by a receiver running its handlers on the same store (see
        docs/webhooks.md). Safe to call from several threads at once.
        """
        if not self.authentic(key):
            return self._acceptor.refused_sync(UNAUTHENTIC, source)
        return self._acceptor.accept_sync(body, content_type, source=source)

    # --- Catching up ---------------------------------------------------------------------------

    async def reconcile(self, engage: PexipEngage, *, start: datetime, end: datetime) -> ReconcileResult:
        """Hand the handlers every change of an appointment in the window that the store never saw:
        the changes whose deliveries were lost (a receiver down longer than Engage's retries).

        Reads `getAppointments` from `start` to `end` through `engage` and adds each appointment whose
        `updatedAt` is newer than the latest the store has seen of it as a `ReconciledAppointmentEvent`,
        then handled as any event, once across processes. What it cannot see, which handler gets it
        and where it runs: docs/webhooks.md, "Catching up after an outage".

        Raises:
            ValueError: `start` or `end` is not a timezone-aware datetime, or `start` is not before `end`.
            TypeError: The store is one of your own without `add_reconciled`.
            PexipEngageError: Reading the appointments failed (what `getAppointments` raises).
        """
        return await self._reconciler.reconcile(engage, start, end)

    def reconcile_sync(
        self, engage: SyncPexipEngage, *, start: datetime, end: datetime, timeout: float = 60.0
    ) -> ReconcileResult:
        """`reconcile` without an event loop (Django views, management commands, cron scripts), with a
        `SyncPexipEngage`: the same reading, comparison and counts.

        Raises:
            TimeoutError: The store did not take a page of changes within `timeout` seconds.
        """
        return self._reconciler.reconcile_sync(engage, start, end, timeout)

    # --- Failed events ------------------------------------------------------------------------

    async def failed(self, limit: int = 100) -> list[FailedEvent]:
        """Events whose handler failed `max_attempts` times, oldest first."""
        return await self._replayer.failed(limit)

    async def replay(self, event_id: str) -> bool:
        """Hand a failed event to its handler again (attempts start over); False if it is not parked."""
        return await self._replayer.replay(event_id)

    async def tallies(self) -> StoreTallies:
        """What the store holds and kept of failures: events waiting and parked, deliveries refused (how
        many, the last one's time and cause) and the last handler failure (its time and exception type)."""
        return await self._replayer.tallies()

    def tallies_sync(self, *, timeout: float = 30.0) -> StoreTallies:
        """`tallies()` without an event loop (see `failed_sync`)."""
        return self._replayer.tallies_sync(timeout)

    def failed_sync(self, limit: int = 100, *, timeout: float = 30.0) -> list[FailedEvent]:
        """`failed()` without an event loop: for Django views, management commands, scripts and shells.

        In a process whose receiver is running (its ASGI app, a worker), it asks that receiver's
        loop from this thread; elsewhere it opens the store for this call only, on a loop of its
        own in a helper thread, so it works from a thread that runs a loop too (a notebook).

        Raises:
            TimeoutError: The store did not answer within `timeout` seconds.
        """
        return self._replayer.failed_sync(limit, timeout)

    def replay_sync(self, event_id: str, *, timeout: float = 30.0) -> bool:
        """`replay()` without an event loop (see `failed_sync`); False if the event is not parked.

        A receiver running in this process handles the event at once; otherwise whichever process
        handles the store's events (a worker, a web process) finds it due at its next look.
        """
        return self._replayer.replay_sync(event_id, timeout)

    async def run_worker(
        self,
        *,
        grace: float = 25.0,
        concurrency: int | None = None,
        stop_signals: bool = True,
        reconcile_every: float | None = None,
        reconcile_window: tuple[timedelta, timedelta] = (timedelta(days=-1), timedelta(days=90)),
        engage: PexipEngage | None = None,
    ) -> None:
        """Run this process as a worker: handle the events that web processes store, until SIGTERM or SIGINT.

        No HTTP is served; see docs/webhooks.md, "Running handlers in a worker process".

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
            reconcile_every: Seconds between catch-ups: at start, then every period, the worker
                runs `reconcile` over now + `reconcile_window`, so that changes whose deliveries
                were lost reach the handlers. None (the default): never. A failed one is logged.
            reconcile_window: The window around now that each catch-up reads, as (start, end)
                offsets: by default from a day ago to 90 days ahead (appointments by their time).
            engage: The client each catch-up reads with; by default the receiver's `client`.

        Raises:
            ValueError: `grace` is negative or not a number, or `concurrency` not a positive integer;
                or the receiver has no handler (a worker would settle every event as unhandled, and
                the worker with the handlers would never see them); or `reconcile_every` is not a
                positive number of seconds, the window's start is not before its end, or no
                client is given to reconcile with.
        """
        from ._worker import run_worker  # noqa: PLC0415 - only workers load it

        if not self._handlers:
            raise ValueError(
                f"{self!r} has no handlers, so a worker would settle every stored event as unhandled: "
                "register them with @receiver.on(...) (or receiver.forward(sink)) in the module that "
                "builds the receiver, and name that receiver"
            )

        schedule = self._reconcile_schedule(reconcile_every, reconcile_window, engage)
        if concurrency is not None:
            self._worker_concurrency(counted(concurrency, "concurrency"))
        await run_worker(self, grace=grace, stop_signals=stop_signals, reconcile=schedule)

    def _reconcile_schedule(
        self, every: float | None, window: tuple[timedelta, timedelta], engage: PexipEngage | None
    ) -> ReconcileSchedule | None:
        """`run_worker`'s catching up, its arguments checked; None without `reconcile_every`."""
        from ._worker import ReconcileSchedule  # noqa: PLC0415 - only workers load it

        if every is None:
            return None
        every = positive_seconds("reconcile_every", every)
        first, last = window
        if not (isinstance(first, timedelta) and isinstance(last, timedelta) and first < last):
            raise ValueError("reconcile_window must be two timedeltas, (start, end), the start before the end")
        client = engage if engage is not None else self.client
        if client is None:
            raise ValueError("reconcile_every needs a client to read the appointments with: engage=PexipEngage(...)")

        async def catch_up(start: datetime, end: datetime) -> ReconcileResult:
            return await self.reconcile(client, start=start, end=end)

        return ReconcileSchedule(every, (first, last), catch_up)

    def _worker_concurrency(self, concurrency: int) -> None:
        """`run_worker(concurrency=)`: the receiver's, and its threads' unless `handler_threads` was given."""
        if self._scheduler.started:
            raise RuntimeError("run_worker(concurrency=...) must be called before the receiver is started")
        self.concurrency = concurrency
        if self._threads_follow_concurrency:  # the pool is made on first use: not yet
            self._threads.size = concurrency

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
        from ._wsgi import ReceiverWSGIApp  # noqa: PLC0415 - the adapter loads when used

        if not all(callable(getattr(self.store, name, None)) for name in ("open", "add", "close")):
            raise TypeError(f"the WSGI face needs a store that can open, add and close; {self.store!r} cannot")
        return ReceiverWSGIApp(self)


def _check_secrets(secret: object) -> tuple[str, ...]:
    """The secrets as a tuple, checked; the error never shows one (only where it was and its type)."""
    if isinstance(secret, str):
        found: tuple[object, ...] = (secret,)
    elif isinstance(secret, Sequence) and not isinstance(secret, bytes | bytearray):
        found = tuple(secret)
        if not found:
            raise ValueError(
                "secret: a list of secrets must hold at least one (the `key` Engage's webhook URL carries)"
            )
    else:
        raise ValueError(
            "secret must be a non-empty string (the `key` Engage's webhook URL carries), or a list of them"
            f" during a rotation, not {type(secret).__name__}"
        )
    for index, value in enumerate(found):
        if not is_name(value):
            where = "secret" if isinstance(secret, str) else f"secret[{index}]"
            raise ValueError(f"{where} must be a non-empty string (the `key` Engage's webhook URL carries)")
    return cast("tuple[str, ...]", found)


def _setting(name: str, read: Callable[[], _T]) -> _T:
    """A setting given as a function, read now; its failure names the argument it was for."""
    try:
        return read()
    except Exception as exc:
        raise ValueError(f"WebhookReceiver's {name} could not be read: {type(exc).__name__}: {exc}") from exc
