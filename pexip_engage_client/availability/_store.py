"""`AvailabilityStore`: the lists a branch's view is computed from, kept in a database, read again on a schedule."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime
import logging
import random
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .. import lane
from .._shared.databases import database_from_url
from . import _tables

if TYPE_CHECKING:
    from .. import PexipEngage
    from ..mirror import AppointmentMirror, MirroredAppointment

Span = tuple[datetime.datetime, datetime.datetime]
Documents = list[dict[str, Any]]  # a list's items, each its JSON object
_T = TypeVar("_T")
logger = logging.getLogger("pexip_engage_client.availability")

# A catch-up's lists count as read when read since it began: each is read once however many branches share it.
_READ_SINCE: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar("read_since", default=None)
# How many branches a catch-up reads at once (the governor keeps the limits; this bounds what waits on it).
_BRANCHES_AT_ONCE = 4
# How many lists a store keeps decoded, the least recently searched let go: about a hundred branches' lists.
_DECODED_LISTS = 4096


class AvailabilityStore:
    """What a branch's candidates need, kept beside the client (docs/booking.md, "Booking at bank scale").

    For each branch asked for: the office's defined availability, the enterprise's employees, and each
    adviser's appointments and external calendar events, read from Engage for `horizon` from the first
    window asked, kept in `database` by enterprise, and given to `team_free_busy(..., store=store)` with no
    request while they cover the window. While `async with store:` is open, every list older than
    `refresh` seconds (jittered) is read again in the background lane, and a list told of a change
    (`changed`, a refusal of `book_first(..., store=store)`, an appointment's webhook event) at once.
    With `mirror=`, appointments come from the mirror's changes instead, with no request.

    Args:
        database: `sqlite:///path/to/availability.db` (the default kind: one host) or
            `postgresql://user@host/db?schema=name` (several hosts; its table made by
            `pexip-engage postgres migrate`, never at run time).
        client: The `PexipEngage` of the enterprise.
        mirror: An `AppointmentMirror` running beside it, whose changes keep the appointments.
        horizon: How far ahead of a window's start a first read reaches.
        refresh: Seconds after which a list is read again.
    """

    def __init__(
        self,
        database: str,
        *,
        client: PexipEngage,
        mirror: AppointmentMirror | None = None,
        horizon: datetime.timedelta = datetime.timedelta(days=28),
        refresh: float = 300.0,
    ) -> None:
        if refresh <= 0 or horizon <= datetime.timedelta(0):
            raise ValueError("refresh and horizon must be more than zero")
        self._database = database_from_url(database, _tables.TABLES)
        self._dialect = self._database.dialect
        self.client = client
        self.enterprise: str = client.enterprise
        self.horizon = horizon
        self.refresh = refresh
        self._mirrored = mirror is not None
        if mirror is not None:
            mirror.on_change(self.appointment_changed, cursor=f"availability-{self.enterprise}")
        self._woken = asyncio.Event()
        self._decoded: OrderedDict[str, tuple[int, Any]] = OrderedDict()  # name: its version, as `held` decoded it
        self._refreshing: asyncio.Task[None] | None = None

    def __repr__(self) -> str:
        return f"AvailabilityStore({self._database.shown!r}, enterprise={self.enterprise!r})"

    async def __aenter__(self) -> AvailabilityStore:
        self._refreshing = asyncio.create_task(self._refresh_forever(), name="pexip-engage-availability-refresh")
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop the refresh and close the database."""
        task, self._refreshing = self._refreshing, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._database.close()

    async def held(
        self,
        name: str,
        window: Span,
        read: Callable[[Span], Awaitable[Documents]],
        decode: Callable[[Documents], _T],
    ) -> tuple[_T, Any]:
        """The items of list `name`, as `decode` gives them, and when they were read: those kept while they cover
        `window` (and, in a catch-up, were read since it began), else `read` for the window and the horizon after it,
        kept. Each version of a list is decoded once (the same `decode` for a name), while it is among the last
        `_DECODED_LISTS` searched."""
        run = self._database.run
        version, decoded = self._decoded.get(name, (None, None))  # decoded: that version's, as `decode` gave
        found = await run(partial(_tables.held, self._dialect, enterprise=self.enterprise, name=name, version=version))
        if found is not None and found.start <= window[0] and window[1] <= found.end and not found.stale:
            since = _READ_SINCE.get()
            if since is None or found.read_at >= since or (self._mirrored and name.startswith("appointments:")):
                if found.documents is not None:
                    decoded = decode(found.documents)
                return self._remember(name, found.version, cast("_T", decoded)), found.read_at
        wide = (window[0], max(window[1], window[0] + self.horizon))
        began = await run(_tables.now)
        documents = await read(wide)
        kept = await run(
            partial(
                _tables.keep,
                self._dialect,
                enterprise=self.enterprise,
                name=name,
                span=wide,
                read_at=began,
                documents=documents,
            )
        )
        return self._remember(name, kept, decode(documents)), began

    def _remember(self, name: str, version: int | None, decoded: _T) -> _T:
        """`decoded`, kept as the last searched, as version `version` of list `name` (None: not kept, a newer row
        stays)."""
        self._decoded.pop(name, None)
        if version is not None:
            self._decoded[name] = (version, decoded)
            while len(self._decoded) > _DECODED_LISTS:
                self._decoded.popitem(last=False)
        return decoded

    async def changed(self, employee_id: str) -> None:
        """The adviser's appointments and calendar events to be read again: at once while the store is open, else by
        the next search that needs them (`book_first(..., store=...)` says so of each adviser refused as taken)."""
        names = [f"appointments:{employee_id}", f"events:{employee_id}"]
        await self._database.run(partial(_tables.mark_stale, self._dialect, enterprise=self.enterprise, names=names))
        self._woken.set()

    async def appointment_event(self, event: Any) -> None:
        """A webhook handler for appointment events (`receiver.on(AppointmentWebhookEvent)`): its employees' lists
        are read again at once."""
        wire = event.to_dict() if hasattr(event, "to_dict") else event
        appointment = ((wire or {}).get("data") or {}).get("appointment") or {}
        for employee_id in _employees(appointment.get("appointmentParticipants") or ()):
            await self.changed(employee_id)

    async def appointment_changed(self, before: MirroredAppointment | None, after: MirroredAppointment) -> None:
        """The mirror's change hook (registered by `mirror=`): the appointment's item in its employees' lists, with
        no request."""
        await self._database.run(
            partial(
                _tables.put,
                self._dialect,
                enterprise=self.enterprise,
                appointment=after.document,
                before=before.employee_ids or () if before else (),
                after=() if after.gone_at is not None else after.employee_ids or (),
            )
        )

    async def catch_up(self, *, older_than: float = 0.0) -> int:
        """Read from Engage, once, every list kept (each branch's, in the background lane), or those read more than
        `older_than` seconds ago or told of a change. How many branches were read."""
        run = self._database.run
        since = await run(_tables.now) - datetime.timedelta(seconds=older_than)
        offices = await run(partial(_tables.branches, self._dialect, enterprise=self.enterprise))
        turns = asyncio.Semaphore(_BRANCHES_AT_ONCE)

        async def read(office: str, start: datetime.datetime, end: datetime.datetime) -> None:
            async with turns:
                await self.client.availability.team_free_busy(office, start=start, end=end, store=self)

        token = _READ_SINCE.set(since)
        try:
            with lane("background"):
                await asyncio.gather(*(read(*each) for each in offices))
        finally:
            _READ_SINCE.reset(token)
        return len(offices)

    async def _refresh_forever(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.refresh * random.uniform(0.8, 1.2)):  # noqa: S311 - jitter
                    await self._woken.wait()
            self._woken.clear()
            try:
                await self.catch_up(older_than=self.refresh)
            except Exception:  # the next round tries again; a search meanwhile reads what it lacks
                logger.exception("reading the availability store's lists again failed")


def _employees(participants: Iterable[Any]) -> list[str]:
    """The ids of the participants of type EMPLOYEE of an appointment's JSON object."""
    return [
        str(p["participant"]["id"])
        for p in participants
        if isinstance(p, dict)
        and p.get("type") == "EMPLOYEE"
        and isinstance(p.get("participant"), dict)
        and "id" in p["participant"]
    ]
