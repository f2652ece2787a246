"""A catch-up: the window's appointments (or every one), then the rows the table holds not read since it began.

Why both, and what a catch-up of `everything` adds: docs/mirror.md, "No window trap". The window is listed by the
house's one consistent listing (`_shared/listing.py`); each page is applied with a moment no later than it was asked
for, which orders it against a gone mark.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeAlias

from .. import errors
from .._shared.listing import read_consistently
from . import _tables
from ._reading import read_ids
from ._rows import MirroredAppointment, row_from

if TYPE_CHECKING:
    from .. import PexipEngage
    from ..models import Appointment
    from ._database import Database, Statements

logger = logging.getLogger("pexip_engage_client.mirror")


@dataclass(frozen=True)
class CatchUpResult:
    """What one catch-up read and what it changed.

    Attributes:
        start: The window's start (appointments by their time, as `getAppointments`' `from`); None
            for a catch-up of everything.
        end: The window's end (`to`); None for a catch-up of everything.
        listed: Appointments the listing gave (the window's, or every one).
        reread: Rows outside the listing read again by id (a window's: those within the horizon;
            everything's: every one, whatever its time, gone ones too).
        added: Appointments new to the table.
        updated: Rows changed by a newer `updatedAt` (or back from gone).
        gone: Rows that read as gone (404) for the first time.
        repaired: Rows that differed from the API at the same `updatedAt` (an embedded object changed, or
            the row was changed by hand), written as the API has them: changes of their own kind
            (`after.change == "repaired"`), logged and handed to the hooks.
        unchanged: Rows the API gave as the table holds them.
        older: Reads older than the row (the row kept).
        order_unknown: Reads without a readable `updatedAt` (applied when they differed).
        unreadable: Rows written with columns stored as NULL (a field the client could not read).
        unidentified: Appointments the listing gave without a readable `id`: not stored (nothing keys a
            row), and logged; the table cannot be equal to the API while the API sends them so.
        started_at: When it began (the database's clock).
        finished_at: When it ended.
    """

    start: datetime | None
    end: datetime | None
    listed: int
    reread: int
    added: int
    updated: int
    gone: int
    repaired: int
    unchanged: int
    older: int
    order_unknown: int
    unreadable: int
    unidentified: int
    started_at: datetime
    finished_at: datetime

    @property
    def read(self) -> int:
        """Appointments read: `listed` + `reread`."""
        return self.listed + self.reread

    @property
    def changed(self) -> int:
        """Changes applied (each handed to the change hooks): `added` + `updated` + `gone` + `repaired`."""
        return self.added + self.updated + self.gone + self.repaired

    def to_json(self) -> dict[str, Any]:
        """The counts, and the times as ISO 8601 text: what `mirror status` shows of the last one."""
        return {
            name: value.isoformat() if isinstance(value, datetime) else value for name, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> CatchUpResult:
        """A result from `to_json()`'s form."""
        values = {item.name: document[item.name] for item in fields(cls)}
        for name in ("start", "end", "started_at", "finished_at"):
            values[name] = None if values[name] is None else datetime.fromisoformat(values[name])
        return cls(**values)


# What applies a page of reads asked for at a moment (no later than it; the database's clock), and counts it.
Apply: TypeAlias = Callable[[list[MirroredAppointment | str], datetime], Awaitable[None]]
Clock: TypeAlias = Callable[[], Awaitable[datetime]]


async def _listed(
    engage: PexipEngage, start: datetime | None, end: datetime | None, page_size: int, *, apply: Apply, clock: Clock
) -> tuple[int, int]:
    """The window's listing (or every appointment's), by the house's one consistent listing (`_shared/listing.py`:
    each page checked against the one before, so that appointments added or removed meanwhile make none be
    skipped), each page's new appointments applied as they come; how many it gave, and how many of those
    without a readable id.

    Each page is applied with a moment no later than it was asked for: the moment taken before the first
    page read since the last one applied (the listing reads one page at a time)."""
    listed = unidentified = 0
    asked: list[datetime] = []  # the moment before the first page read since the last applied

    async def fetch(offset: int, limit: int) -> tuple[list[Appointment], None]:
        if not asked:
            asked.append(await clock())
        pages = (
            engage.appointments.get_appointments(offset=offset, limit=limit)
            if start is None or end is None
            else engage.appointments.get_appointments(from_=start, to=end, offset=offset, limit=limit)
        )
        return list((await pages).data), None  # as reconcile reads it: to an empty page, never by meta.totalCount

    async def hand_over(appointments: list[Appointment]) -> None:
        nonlocal listed, unidentified
        now = datetime.now(UTC)
        rows = [row for row in (row_from(appointment, now) for appointment in appointments) if row is not None]
        listed += len(appointments)
        unidentified += len(appointments) - len(rows)  # no readable id: nothing to key a row on
        await apply(list(rows), asked.pop())

    # A page holds at least two: one of them the boundary's check.
    listing = await read_consistently(fetch, identity=identity, page_size=max(page_size, 2), hand_over=hand_over)
    if not listing.complete:
        logger.warning(
            "the catch-up's listing is not whole (%s): an appointment added or removed meanwhile may be missed,"
            " until the next catch-up",
            listing.reason,
        )
    return listed, unidentified


def identity(appointment: Appointment) -> str:
    """An appointment's identity at a page boundary: its id, else (unreadable) what it holds."""
    try:
        return appointment.id
    except errors.UnreadableFieldError:
        return "unread:" + json.dumps(appointment.to_dict(), sort_keys=True, default=str)


async def _read_again(
    database: Database,
    engage: PexipEngage,
    started: datetime,
    page_size: int,
    *,
    apply: Apply,
    clock: Clock,
    recent: tuple[datetime, datetime] | None,
) -> int:
    """Every row the API was not read for since `started` (outside the window, moved out of it, gone) read
    again by id and applied, a page at a time; with `recent`, only those `_tables.unread_since` calls recent.
    How many."""
    reread, after = 0, ""
    while unread := await database.run(
        partial(_tables.unread_since, database.dialect, moment=started, after=after, limit=page_size, recent=recent)
    ):
        ids = [row_id for row_id, _ in unread]
        gone = {row_id for row_id, is_gone in unread if is_gone}
        asked_at = await clock()
        await apply(await read_ids(engage, ids, datetime.now(UTC), gone=gone), asked_at)
        reread += len(ids)
        after = ids[-1]
    return reread


async def catch_up(
    database: Database,
    engage: PexipEngage,
    start: datetime | None,
    end: datetime | None,
    *,
    page_size: int,
    retention: timedelta,
    on_applied: Callable[[_tables.Applied], None],
    horizon: timedelta | None = None,
) -> CatchUpResult:
    """Read the window (None, None: every appointment), then every row not read since the catch-up began
    (with `horizon`, for a window: only those whose start is from `horizon` ago to the window's end, or
    whose `updated_at` is within `horizon`); apply each page as it comes."""
    dialect = database.dialect
    started = await database.run(lambda statements: statements.now)
    applied = _tables.Applied()

    async def apply(reads: list[MirroredAppointment | str], asked_at: datetime) -> None:
        nonlocal applied
        done = await database.run(
            lambda statements: _tables.apply(dialect, statements, reads, asked_at=asked_at, origin="catch-up")
        )
        on_applied(done)
        applied += done

    async def clock() -> datetime:
        return await database.run(lambda statements: statements.now)

    listed, unidentified = await _listed(engage, start, end, page_size, apply=apply, clock=clock)
    recent = None if horizon is None or end is None else (started - horizon, end)
    reread = await _read_again(database, engage, started, page_size, apply=apply, clock=clock, recent=recent)
    finished = await database.run(lambda statements: statements.now)
    result = CatchUpResult(
        start=start,
        end=end,
        listed=listed,
        reread=reread,
        added=applied.count("added"),
        updated=applied.count("updated") + applied.count("back"),
        gone=applied.count("gone"),
        repaired=applied.count("repaired"),
        unchanged=applied.count("unchanged"),
        older=applied.count("older"),
        order_unknown=applied.order_unknown,
        unreadable=applied.unreadable,
        unidentified=unidentified,
        started_at=started,
        finished_at=finished,
    )

    def recording(statements: Statements) -> None:
        _tables.record_catch_up(statements, result.to_json())
        _tables.prune(dialect, statements, statements.now - retention)

    await database.run(recording)
    if unidentified:
        logger.warning(
            "the catch-up's listing gave %d appointment(s) without a readable id: not in the table, which"
            " cannot be equal to the API while it sends them so",
            unidentified,
        )
    return result
