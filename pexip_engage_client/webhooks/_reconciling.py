"""`WebhookReceiver.reconcile`: catching up on the changes whose deliveries were lost.

Engage gives a delivery three attempts within about 50 seconds, and the API has neither a replay of
events nor an "updated since" filter. What it has is `getAppointments` with `from`/`to`: every
appointment whose time lies in a window, with its `updatedAt`. A receiver that was down longer than
Engage's retries reads that window, every page (through the client, so within the API's limits),
and compares each appointment's `updatedAt` with the latest its store has seen of it (by any
delivery, handled or not, or an earlier reconcile). Each change the store never saw is added to it
as a `ReconciledAppointmentEvent`, under an id made of the appointment's id and its `updatedAt`: the
store's own atomic step decides (`add_reconciled`), so that reconciles running in several processes
at once add each change once, and a delivery of that change arriving later is a duplicate. From
there it is an event like any: handled once, in its appointment's order, retried and parked.

What it cannot see: a change outside the window; an appointment changed twice or more while the
receiver was down (only its latest state is handed over); and every entity other than appointments.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from .._generated.models import Appointment
from ._arguments import positive_seconds
from ._reconciled import reconciled_body
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import WebhookStore, store_from_url
from ._stores._contract import reconciled_id

if TYPE_CHECKING:
    from .._client import PexipEngage
    from .._sync._client import SyncPexipEngage

_T = TypeVar("_T")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ReconcileResult:
    """What one `reconcile` found.

    Attributes:
        appointments: Appointments read in the window.
        handed_over: Changes the store had never seen, now in it for the handlers (as
            `ReconciledAppointmentEvent`). Reconciles running at once in several processes
            each count only the changes they added: the sum is the changes handed over.
        already_seen: Appointments whose latest change the store had seen (delivered, or handed
            over by an earlier or concurrent reconcile).
        without_updated_at: Appointments the API gave without an `updatedAt`, which cannot be compared.
    """

    appointments: int
    handed_over: int
    already_seen: int
    without_updated_at: int = 0

    def __add__(self, other: ReconcileResult) -> ReconcileResult:
        return ReconcileResult(
            self.appointments + other.appointments,
            self.handed_over + other.handed_over,
            self.already_seen + other.already_seen,
            self.without_updated_at + other.without_updated_at,
        )


def window(start: object, end: object) -> tuple[datetime, datetime]:
    """The window checked: two timezone-aware datetimes, `start` before `end`; ValueError naming the argument."""
    first, last = _aware("start", start), _aware("end", end)
    if not first < last:
        raise ValueError("start must be before end")
    return first, last


def _aware(name: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (e.g. datetime.now(UTC)), not a naive datetime")
    return value


def micros(moment: object) -> int | None:
    """An `updatedAt` in microseconds since the epoch, as the store orders by it (None if it is not a datetime)."""
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:  # a time without an offset is read as UTC
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // timedelta(microseconds=1)


class _Tally:
    def __init__(self) -> None:
        self.appointments = self.handed_over = self.already_seen = self.without_updated_at = 0

    def result(self) -> ReconcileResult:
        return ReconcileResult(self.appointments, self.handed_over, self.already_seen, self.without_updated_at)


class Reconciler:
    """One receiver's reconciling (see `WebhookReceiver.reconcile`)."""

    def __init__(self, settings: Settings, scheduler: Scheduler) -> None:
        self._settings = settings
        self._scheduler = scheduler

    async def reconcile(self, engage: PexipEngage, start: datetime, end: datetime) -> ReconcileResult:
        start, end = window(start, end)
        _check_store(self._settings.store)
        tally = _Tally()
        async with self._opened() as store:
            async for appointment in engage.appointments.get_appointments(from_=start, to=end):
                await self._hand_over(store, appointment, tally)
        return tally.result()

    async def _hand_over(self, store: WebhookStore, appointment: Appointment, tally: _Tally) -> None:
        """Adds `appointment`'s change to the store unless it has seen it; counts what happened."""
        tally.appointments += 1
        updated = micros(appointment.updated_at)
        if updated is None:
            tally.without_updated_at += 1
            return
        event_id = reconciled_id(appointment.id, updated)
        body = reconciled_body(event_id, appointment)
        position = await store.add_reconciled(
            event_id, body, subject=appointment.id, updated_at=updated, now=time.time()
        )
        if position is None:
            tally.already_seen += 1
            return
        tally.handed_over += 1
        self._scheduler.enqueue(event_id)  # handled at once when this process handles; else at the next look

    def _opened(self) -> _OpenedStore:
        """The store to write to: the receiver's own while it runs in this process; else one of its own
        from the same URL, open for this call (as `failed_sync` does), so that the receiver is not started."""
        settings, scheduler = self._settings, self._scheduler
        if scheduler.started:
            return _OpenedStore(settings.store, close=False)
        url = settings._store_url
        if url is not None and not url.startswith("memory:"):
            return _OpenedStore(store_from_url(url), close=True)
        return _OpenedStore(settings.store, close=False)  # memory:// keeps its events in that very object

    def reconcile_sync(
        self, engage: SyncPexipEngage, start: datetime, end: datetime, timeout: float
    ) -> ReconcileResult:
        """`reconcile` from a thread without an event loop: the pages read with the sync client here,
        each page's changes handed to the store on the receiver's loop, or on a loop of a helper thread."""
        start, end = window(start, end)
        _check_store(self._settings.store)
        timeout = positive_seconds("timeout", timeout)
        if self._scheduler.loop is not None and _running_loop() is self._scheduler.loop:
            raise RuntimeError("reconcile_sync called from the receiver's own event loop: await reconcile() instead")
        tally = _Tally()
        pages = engage.appointments.get_appointments(from_=start, to=end)
        page: list[Appointment] = []
        with _StoreThread(self, timeout) as writer:
            for appointment in pages:
                page.append(appointment)
                if len(page) >= 1000:
                    writer.hand_over(page, tally)
                    page = []
            writer.hand_over(page, tally)
        return tally.result()


def _check_store(store: WebhookStore) -> None:
    """A store of the user's own written before reconcile existed has no `add_reconciled`: said before any read."""
    if not callable(getattr(store, "add_reconciled", None)):
        raise TypeError(
            f"reconcile needs a store with `add_reconciled` (see WebhookStore); {store!r} has none:"
            " use sqlite:///, redis://, postgresql:// or memory://"
        )


class _OpenedStore:
    def __init__(self, store: WebhookStore, *, close: bool) -> None:
        self._store, self._close = store, close

    async def __aenter__(self) -> WebhookStore:
        await self._store.open()
        return self._store

    async def __aexit__(self, *exc_info: object) -> None:
        if self._close:
            await self._store.close()


class _StoreThread:
    """Where `reconcile_sync` writes: the receiver's running loop, or a loop of a helper thread that
    holds a store of its own open for the whole call."""

    def __init__(self, reconciler: Reconciler, timeout: float) -> None:
        self._reconciler, self._timeout = reconciler, timeout
        self._helper: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._store: WebhookStore | None = None
        self._opened: _OpenedStore | None = None

    def __enter__(self) -> _StoreThread:
        scheduler = self._reconciler._scheduler
        running = scheduler.loop
        if scheduler.started and running is not None and running.is_running():
            self._loop = running
            self._store = self._reconciler._settings.store
            return self
        self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pexip-engage-webhook-reconcile")
        self._loop = self._helper.submit(asyncio.new_event_loop).result()
        self._opened = self._reconciler._opened()
        self._store = self._run(self._opened.__aenter__())
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._opened is not None:
                self._run(self._opened.__aexit__(None, None, None))
        finally:
            if self._helper is not None and self._loop is not None:
                self._helper.submit(self._loop.close).result()
                self._helper.shutdown(wait=True)

    def _run(self, work: Awaitable[_T]) -> _T:
        loop = self._loop
        assert loop is not None  # noqa: S101 - set by __enter__
        if self._helper is not None:
            return self._helper.submit(
                loop.run_until_complete, asyncio.wait_for(_awaited(work), self._timeout)
            ).result()
        if _running_loop() is loop:
            raise RuntimeError("called from the receiver's own event loop: await reconcile() instead")
        return asyncio.run_coroutine_threadsafe(_awaited(work), loop).result(self._timeout)

    def hand_over(self, page: list[Appointment], tally: _Tally) -> None:
        store, reconciler = self._store, self._reconciler
        assert store is not None  # noqa: S101 - set by __enter__

        async def each() -> None:
            for appointment in page:
                await reconciler._hand_over(store, appointment, tally)

        if page:
            self._run(each())


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable
