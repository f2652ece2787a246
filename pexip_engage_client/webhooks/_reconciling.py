"""`WebhookReceiver.reconcile`: catching up on the changes whose deliveries were lost.

The window is listed by the house's one consistent listing (`_shared/listing.py`; `meta.totalCount` never read),
each appointment compared with the latest the store has seen of it by the store's own atomic step
(`add_reconciled`): docs/webhooks.md, "Catching up after an outage"; answers unlike openapi.yaml:
docs/spec-drift.md, "reconcile".
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._base.answer_fields import Unread
from .._base.timing import aware_window
from .._generated.models import Appointment
from .._limiting._lanes import lane
from .._runtime.lenient import model_field
from .._shared._sync.listing import read_consistently as read_consistently_sync
from .._shared.bridge import running_loop
from .._shared.listing import Listing, read_consistently
from ..errors import UnusableAnswerError
from ._arguments import positive_seconds
from ._parse import epoch_micros
from ._reconciled import reconciled_body
from ._replaying import StoreFromThread, own_store
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import WebhookStore
from ._stores._contract import reconciled_id, unordered_id

if TYPE_CHECKING:
    from .._client import PexipEngage
    from .._sync._client import SyncPexipEngage


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
        without_updated_at: Appointments the API gave without a readable `updatedAt`: each is handed over
            with its order unknown (counted in `order_unknown` too, and in `handed_over` or `already_seen`).
        order_unknown: Appointments handed over (or already seen so) with their order unknown: their
            `updatedAt` or `id` could not be read (`delivery.order_known` False).
    """

    appointments: int
    handed_over: int
    already_seen: int
    without_updated_at: int = 0
    order_unknown: int = 0

    def __add__(self, other: ReconcileResult) -> ReconcileResult:
        return ReconcileResult(*(mine + theirs for mine, theirs in zip(astuple(self), astuple(other), strict=True)))


_NONE = ReconcileResult(0, 0, 0)
_LIST = "getAppointments"  # the answer reconcile reads
_PAGE = 100  # appointments asked for per page
# reconcile_sync's appointments handed to the store's loop in one call: a few hops for a big window, and a
# bound on what waits in memory meanwhile (a test lowers it to cross it with a few appointments).
_AT_ONCE = 1000
logger = logging.getLogger(__name__)


def _items(page: Any) -> tuple[list[Appointment], None]:
    """A page's appointments (its total never read: the listing goes to an empty page); refused when its `data`
    cannot be read: the window's appointments cannot be known, and a reconcile that skipped them would say it
    caught up."""
    data = model_field(lambda: page.data, pointer="/data", operation=_LIST)
    if isinstance(data, Unread):
        raise UnusableAnswerError(
            feature="reconcile",
            operation=data.operation or _LIST,
            pointer=data.pointer,
            kind=data.kind,
            needed="to know which appointments the window holds",
        )
    return list(data), None


def _identity(appointment: Appointment) -> str:
    """An appointment's identity at a page boundary: its id, else (unreadable) what it holds."""
    subject = model_field(lambda: appointment.id, pointer="/data/*/id", operation=_LIST)
    return subject if isinstance(subject, str) else "unread:" + _digest(appointment)


def _said(listing: Listing[Appointment], start: datetime, end: datetime) -> None:
    """A listing that could not be made whole is said: an appointment may have been missed (the next finds it)."""
    if not listing.complete:
        logger.warning(
            "reconcile's listing of %s to %s is not whole (%s): an appointment added or removed meanwhile may be"
            " missed, until the next reconcile",
            start.isoformat(),
            end.isoformat(),
            listing.reason,
        )


def _digest(appointment: Appointment) -> str:
    """What the appointment holds, as sent, in a few characters: the id of a change whose order is unknown."""
    sent = json.dumps(appointment.to_dict(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(sent.encode()).hexdigest()[:24]


class Reconciler:
    """One receiver's reconciling (see `WebhookReceiver.reconcile`)."""

    def __init__(self, settings: Settings, scheduler: Scheduler) -> None:
        self._settings = settings
        self._scheduler = scheduler

    async def reconcile(self, engage: PexipEngage, start: datetime, end: datetime) -> ReconcileResult:
        start, end = aware_window(start, end)
        _check_store(self._settings.store)
        found = _NONE
        # The receiver's store while it runs here; else one of its own for this call, the receiver not started.
        store = self._settings.store if self._scheduler.started else own_store(self._settings)
        await store.open()

        async def fetch(offset: int, limit: int) -> tuple[list[Appointment], None]:
            with lane("background"):
                page = await engage.appointments.get_appointments(from_=start, to=end, offset=offset, limit=limit)
            return _items(page)

        async def hand_over(appointments: list[Appointment]) -> None:
            nonlocal found
            found += await self._hand_over_page(store, appointments)

        try:
            _said(await read_consistently(fetch, identity=_identity, page_size=_PAGE, hand_over=hand_over), start, end)
        finally:
            if store is not self._settings.store:
                await store.close()
        return found

    async def _hand_over(self, store: WebhookStore, appointment: Appointment) -> ReconcileResult:
        """Adds `appointment`'s change to the store unless it has seen it; what happened, counted."""
        subject = model_field(lambda: appointment.id, pointer="/data/*/id", operation=_LIST)
        updated = model_field(lambda: appointment.updated_at, pointer="/data/*/updatedAt", operation=_LIST)
        moment = None if isinstance(updated, Unread) else epoch_micros(updated)
        if isinstance(subject, Unread) or moment is None:
            return await self._hand_over_unordered(store, appointment, subject, without_updated_at=moment is None)
        event_id = reconciled_id(subject, moment)
        body = reconciled_body(event_id, appointment)
        position = await store.add_reconciled(event_id, body, subject=subject, updated_at=moment, now=time.time())
        return self._counted(event_id, position)

    async def _hand_over_unordered(
        self, store: WebhookStore, appointment: Appointment, subject: str | Unread, *, without_updated_at: bool
    ) -> ReconcileResult:
        """An appointment that cannot be placed in its order: added as a delivery without `updatedAt` is,
        under an id named by what it holds (`unordered_id`)."""
        known = None if isinstance(subject, Unread) else subject
        event_id = unordered_id(known, _digest(appointment))
        body = reconciled_body(event_id, appointment)
        position = await store.add(event_id, body, subject=known, updated_at=None, now=time.time())
        counted = self._counted(event_id, position)
        return counted + ReconcileResult(0, 0, 0, without_updated_at=int(without_updated_at), order_unknown=1)

    def _counted(self, event_id: str, position: int | None) -> ReconcileResult:
        if position is None:
            return ReconcileResult(1, handed_over=0, already_seen=1)
        self._scheduler.enqueue(event_id)  # handled at once when this process handles; else at the next look
        return ReconcileResult(1, handed_over=1, already_seen=0)

    def reconcile_sync(
        self, engage: SyncPexipEngage, start: datetime, end: datetime, timeout: float
    ) -> ReconcileResult:
        """`reconcile` from a thread without an event loop: the pages read with the sync client here,
        each page's changes handed to the store on the receiver's loop, or on a loop of a helper thread."""
        start, end = aware_window(start, end)
        _check_store(self._settings.store)
        timeout = positive_seconds("timeout", timeout)
        if self._scheduler.loop is not None and running_loop() is self._scheduler.loop:
            raise RuntimeError("reconcile_sync called from the receiver's own event loop: await reconcile() instead")
        found = _NONE
        waiting: list[Appointment] = []
        with StoreFromThread(self._settings, self._scheduler, timeout, "await reconcile()") as calls:

            def fetch(offset: int, limit: int) -> tuple[list[Appointment], None]:
                with lane("background"):
                    page = engage.appointments.get_appointments(from_=start, to=end, offset=offset, limit=limit)
                return _items(page)

            def hand_over(appointments: list[Appointment]) -> None:
                nonlocal found, waiting
                waiting += appointments
                if len(waiting) >= _AT_ONCE:
                    found += calls.run(self._hand_over_page(calls.store, waiting))
                    waiting = []

            listing = read_consistently_sync(fetch, identity=_identity, page_size=_PAGE, hand_over=hand_over)
            if waiting:
                found += calls.run(self._hand_over_page(calls.store, waiting))
        _said(listing, start, end)
        return found

    async def _hand_over_page(self, store: WebhookStore, page: list[Appointment]) -> ReconcileResult:
        found = _NONE
        for appointment in page:
            found += await self._hand_over(store, appointment)
        return found


def _check_store(store: WebhookStore) -> None:
    """A store of the user's own written before reconcile existed has no `add_reconciled`: said before any read."""
    if not callable(getattr(store, "add_reconciled", None)):
        raise TypeError(
            f"reconcile needs a store with `add_reconciled` (see WebhookStore); {store!r} has none:"
            " use sqlite:///, redis://, postgresql:// or memory://"
        )
