"""`AvailabilityStore`: the lists a branch's view is computed from, kept in a database, read again on a schedule."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime
import logging
import random
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .. import lane
from .._base.is_async import is_async
from .._base.processes import per_process
from .._base.waiting import at_once, waited_within
from .._shared.databases import Statements, database_from_url
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
# How long closing waits for the sync twin's refresh thread to end the branch it is reading (seconds).
_STOP_WAIT = 30.0
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
    With `mirror=`, appointments come from the mirror's changes instead, with no request. A forked child
    inherits no refresh: its own starts when it opens the store.

    Args:
        database: `sqlite:///path/to/availability.db` (the default kind: one host) or
            `postgresql://user@host/db?schema=name` (several hosts; its table made by
            `pexip-engage postgres migrate`, never at run time).
        client: The `PexipEngage` of the enterprise.
        mirror: An `AppointmentMirror` running beside it, whose changes keep the appointments.
        horizon: How far ahead of a window's start a first read reaches.
        refresh: Seconds after which a list is read again.
    """

    # This process's refresh (a task, or the sync twin's thread), what wakes it, and whether it is stopping.
    _refreshing: per_process[Any] = per_process(lambda self: None)
    _woken = per_process(lambda self: asyncio.Event())
    _stopping = per_process(lambda self: False)

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
        # name: its version, as `held` decoded it. The sync store's threads share it without a lock: each step is one
        # dict operation on a (version, decoded) pair, and a thread that keeps an older version costs a decode, never
        # a wrong answer (the database says when the version it names is not the newest).
        self._decoded: OrderedDict[str, tuple[int, Any]] = OrderedDict()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._database.shown!r}, enterprise={self.enterprise!r})"

    async def __aenter__(self) -> AvailabilityStore:
        name = "pexip-engage-availability-refresh"
        if is_async():
            self._refreshing = asyncio.create_task(self._refresh_forever(), name=name)
        else:
            self._refreshing = threading.Thread(target=self._refresh_forever, name=name, daemon=True)
            self._refreshing.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Stop the refresh (the branch it is reading ends first) and close the database."""
        refreshing, self._refreshing = self._refreshing, None
        if refreshing is not None:
            self._stopping = True
            self._woken.set()
            if is_async():
                refreshing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await refreshing
            else:
                refreshing.join(_STOP_WAIT)
            self._stopping = False
        if is_async():
            await self._database.close()
        else:
            self._database.close_blocking()

    async def held(
        self,
        names: Sequence[str],
        window: Span,
        read: Callable[[Span, list[str]], Awaitable[list[Documents]]],
        decode: Callable[[Documents], _T],
    ) -> list[tuple[_T, Any]]:
        """The items of each list of `names`, as `decode` gives them, and when they were read: those kept while they
        cover `window` (and, in a catch-up, were read since it began), else `read` at once for all those lists, for
        the window and the horizon after it, kept. Each version of a list is decoded once (the same `decode` for a
        name), while it is among the last `_DECODED_LISTS` searched."""
        run = self._run
        versions = {name: self._decoded.get(name, (None, None)) for name in names}  # each version's, as decoded
        asked = {name: version for name, (version, _) in versions.items()}  # looked up together: one transaction
        found = await run(partial(_tables.held, self._dialect, enterprise=self.enterprise, asked=asked))
        since = _READ_SINCE.get()
        answers: dict[str, tuple[_T, Any]] = {}
        for name, (_, decoded) in versions.items():
            kept = found[name]
            if kept is None or kept.stale or not (kept.start <= window[0] and window[1] <= kept.end):
                continue
            if since is None or kept.read_at >= since or (self._mirrored and name.startswith("appointments:")):
                items = cast("_T", decoded) if kept.documents is None else decode(kept.documents)
                answers[name] = self._remember(name, kept.version, items), kept.read_at
        unread = [name for name in names if name not in answers]
        if unread:
            wide = (window[0], max(window[1], window[0] + self.horizon))
            began = await run(_tables.now)  # before the read: a list written since then stays (`_tables.keep`)
            for name, documents in zip(unread, await read(wide, unread), strict=True):
                keep = partial(_tables.keep, self._dialect, enterprise=self.enterprise, name=name, span=wide)
                version = await run(partial(keep, read_at=began, documents=documents))
                answers[name] = self._remember(name, version, decode(documents)), began
        return [answers[name] for name in names]

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
        await self._run(partial(_tables.mark_stale, self._dialect, enterprise=self.enterprise, names=names))
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
        await self._run(
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
        run = self._run
        since = await run(_tables.now) - datetime.timedelta(seconds=older_than)
        offices = await run(partial(_tables.branches, self._dialect, enterprise=self.enterprise))

        async def read(office: str, start: datetime.datetime, end: datetime.datetime) -> None:
            if not self._stopping:
                await self.client.availability.team_free_busy(office, start=start, end=end, store=self)

        token = _READ_SINCE.set(since)
        try:
            with lane("background"):
                await at_once([partial(read, *each) for each in offices], _BRANCHES_AT_ONCE)
        finally:
            _READ_SINCE.reset(token)
        return len(offices)

    async def _run(self, work: Callable[[Statements], _T]) -> _T:
        """`work` as one transaction of the database."""
        if not is_async():
            return self._database.run_blocking(work)
        return await self._database.run(work)

    async def _refresh_forever(self) -> None:
        while True:
            await waited_within(self._woken.wait, self.refresh * random.uniform(0.8, 1.2))  # noqa: S311 - jitter
            self._woken.clear()
            if self._stopping:
                return
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
