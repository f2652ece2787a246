"""Reading appointments by id, a page of them at a time, and the loop that reads what events named.

A webhook event says which appointment changed, not its status, start or end: each is read. The
events' appointments wait in `mirror_pending`, one row each however many events named it; the loop
takes them a page at a time (`getAppointments` with `id=...`, one request for up to `page_size` of
them) once they have been quiet for `quiet` seconds, so that a burst of one appointment's events
makes one read. An id the page does not hold is read alone (`getAppointment`): a 404 is "gone".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from contextlib import aclosing
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from .._base.processes import per_process
from .._leasing._holders import MIRROR_CLAIM, new_holder
from .._shared.failures import Backoff, FailureLog, Telling
from ..errors import BadRequestError, BusinessValidationError, NotFoundError
from . import _tables
from ._rows import MirroredAppointment, row_from

if TYPE_CHECKING:
    from .. import PexipEngage
    from ._database import Database

logger = logging.getLogger("pexip_engage_client.mirror")


async def read_ids(
    engage: PexipEngage, ids: list[str], now: datetime, *, gone: set[str] | frozenset[str] = frozenset()
) -> list[MirroredAppointment | str]:
    """The rows the API gives for `ids` (one request for them all), and the ids of those that read as
    gone: an id the page does not hold (or holds without a readable `id`) is read alone, unless it is
    in `gone` (known to have read as gone)."""
    found, ignored = await _page_of(engage, ids, now)
    reads: list[MirroredAppointment | str] = list(found.values())
    for missing in (appointment_id for appointment_id in ids if appointment_id not in found):
        if missing in gone and not ignored:
            reads.append(missing)
        else:
            reads += await _alone(engage, missing, now)
    return reads


async def _page_of(engage: PexipEngage, ids: list[str], now: datetime) -> tuple[dict[str, MirroredAppointment], bool]:
    """The rows of a page asked for by `ids`, and whether the API ignored the filter (it stops the walk there:
    no walk through every appointment)."""
    wanted, found = set(ids), dict[str, MirroredAppointment]()
    async with aclosing(engage.appointments.get_appointments(id=ids, limit=len(ids)).items()) as appointments:
        async for appointment in appointments:
            row = row_from(appointment, now)
            if row is None:  # read alone, where the id asked for names it
                continue
            if row.id not in wanted:
                _FilterIgnored.warn()
                return found, True
            found[row.id] = row
    return found, False


async def _alone(engage: PexipEngage, appointment_id: str, now: datetime) -> list[MirroredAppointment | str]:
    """One appointment read by its id: its row, its id when it reads as gone (404), or nothing when the
    API answered for another appointment (left as it was)."""
    try:
        appointment = await engage.appointments.get_appointment_by_id(appointment_id)
    except NotFoundError:
        return [appointment_id]
    row = row_from(appointment, now, asked=appointment_id)
    return [row] if row is not None and row.id == appointment_id else []


class _FilterIgnored:
    warned = False

    @classmethod
    def warn(cls) -> None:
        if not cls.warned:
            cls.warned = True
            logger.warning(
                "getAppointments answered appointments that were not asked for by id: each is read alone"
                " (getAppointment), one request per appointment"
            )


def failure_log(what: str, first: float = 0.5, cap: float = 30.0, jitter: float = 0.2) -> FailureLog:
    """A loop's failures as two lines an outage (the first, and how many followed once it works again), and
    the wait before its next try: from `first` seconds, doubling, at most `cap`, less up to `jitter` of it."""
    telling = Telling(
        logger,
        "the mirror failed {what} ({problem}); tried again",
        again="the mirror failed {what} {in_a_row} times in a row; it works again",
        given={"what": what},
    )
    return FailureLog(telling, backoff=Backoff(first, cap, jitter))


class Reader:
    """Reads the appointments events named, as they wait in `mirror_pending`, and applies the answers."""

    # Its claims name this process: a mirror made before a fork (gunicorn's --preload) reads in each child, and
    # a child that dies holding a read must be told dead at once (`_holders.py`), not by the process it forked from.
    _holder = per_process(lambda _: new_holder())

    def __init__(
        self,
        database: Database,
        client: Callable[[], PexipEngage],
        *,
        page_size: int,
        quiet: float,
        poll_interval: float,
        on_applied: Callable[[_tables.Applied], None],
    ) -> None:
        self._database = database
        self._client = client
        self._page_size = page_size
        self._quiet = quiet
        self._poll_interval = poll_interval
        self._on_applied = on_applied
        self._woken: asyncio.Event | None = None
        self._failures = failure_log("reading the appointments events named")
        self._stopping = False
        self.busy = False

    @property
    def holder(self) -> str:
        """What this process's claims are held under."""
        return str(self._holder)

    def wake(self) -> None:
        """An event named an appointment: read it once it has been quiet for a moment."""
        if self._woken is not None:
            self._woken.set()

    def stop_soon(self) -> None:
        """Take no more appointments to read after the page in hand."""
        self._stopping = True
        self.wake()

    async def run(self) -> None:
        """Read until `stop_soon` or cancelled (a cancelled read's transaction ends in its thread: `_database.py`)."""
        self._woken, self._stopping = asyncio.Event(), False
        while not self._stopping:
            try:
                read = await self.read_waiting()
            except Exception as error:  # the API or the database: the events wait in the table
                await asyncio.sleep(self._failures.failed(error))
                continue
            self._failures.worked()
            if read:
                continue  # more may wait
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._poll_interval):
                    await self._woken.wait()
            if self._woken.is_set() and not self._stopping:
                self._woken.clear()
                await asyncio.sleep(self._quiet)  # the rest of a burst comes in meanwhile

    async def read_waiting(self) -> int:
        """One page of the appointments waiting, read and applied; how many were taken."""
        dialect = self._database.dialect
        # Longer than a page's read (a slower one at worst read twice); a process killed holding it lets go
        # after it, or at once to a process of its host (`_tables.take`).
        lease = MIRROR_CLAIM.seconds + self._quiet

        taken, asked_at = await self._database.run(
            partial(_tables.take, dialect, limit=self._page_size, quiet=self._quiet, lease=lease, holder=self._holder)
        )
        if not taken:
            return 0
        self.busy = True
        try:
            reads, refused = await self._read(list(taken))
        except BaseException:  # its appointments wait again, their claim let go (the database down too: it runs out)
            with contextlib.suppress(Exception):
                await asyncio.shield(self._database.run(partial(_tables.let_go_of, ids=list(taken))))
            self.busy = False
            raise
        try:
            applied = await self._database.run(
                lambda statements: _tables.apply(
                    dialect, statements, reads, taken, asked_at=asked_at, origin="event", refused=refused
                )
            )
        finally:
            self.busy = False
        self._on_applied(applied)
        return len(taken)

    async def _read(self, ids: list[str]) -> tuple[list[MirroredAppointment | str], dict[str, str]]:
        """The page of `ids` read, and the ids refused (id: why). When the page is refused (a URL the client
        will not build, a 400, a 422: an id no appointment can have, which an event may name), each is read
        alone at once, and an id refused alone is set aside with a WARNING naming it: it must not hold up
        the others, now or after a restart."""
        engage = self._client()
        try:
            return await read_ids(engage, ids, datetime.now(UTC)), {}
        except REFUSED:
            pass
        reads: list[MirroredAppointment | str] = []
        refused: dict[str, str] = {}
        for appointment_id in ids:
            try:
                reads += await read_ids(engage, [appointment_id], datetime.now(UTC))
            except REFUSED as error:
                refused[appointment_id] = f"{type(error).__name__}: {error}"
                logger.warning(
                    "the mirror set aside appointment %s, which an event named: %s (%s); never read from an event"
                    " again, counted as refused in `mirror status`",
                    shown_id(appointment_id),
                    "the client will not ask for it" if isinstance(error, ValueError) else "the API refuses to read it",
                    type(error).__name__,
                )
        return reads, refused


# What refuses to read an id whatever is tried again: the client (a URL it will not build: `ArgumentError`, a
# ValueError) or the API (400, 422). No library error is a ValueError.
REFUSED = (ValueError, BadRequestError, BusinessValidationError)


def shown_id(appointment_id: str) -> str:
    """An id as a log shows it: quoted, and cut short when long (its length said)."""
    if len(appointment_id) <= 80:
        return repr(appointment_id)
    return f"{appointment_id[:40]!r}... ({len(appointment_id):,} characters)"


def spawn(work: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
    return asyncio.create_task(work, name=f"pexip-engage-mirror {name}")
