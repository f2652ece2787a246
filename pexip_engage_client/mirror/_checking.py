"""`check()`: the table against a consistent listing of the API, each appointment that differs named.

The whole list is read by the house's one consistent listing (`_shared/listing.py`); a row it did not hold is read
by id, and each difference is read again before it is reported, so that a change applied meanwhile is not one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from .._shared.listing import read_consistently
from ..errors import UnreadableFieldError
from . import _tables
from ._catching_up import identity
from ._reading import read_ids
from ._rows import MirroredAppointment, row_from

if TYPE_CHECKING:
    from .. import PexipEngage
    from ..models import Appointment
    from ._database import Database

Kind = Literal["missing", "stale", "ahead", "differs", "not_gone", "gone_in_table"]
_DESCRIBED: dict[str, str] = {
    "missing": "the API has it, the table does not",
    "stale": "the table holds an older updatedAt than the API",
    "ahead": "the table holds a newer updatedAt than the API",
    "differs": "the table differs from the API at the same updatedAt",
    "not_gone": "the API has no such appointment (404), the table holds it as present",
    "gone_in_table": "the table holds it as gone, the API has it",
}
_ATTEMPTS = 3


@dataclass(frozen=True)
class Difference:
    """One appointment on which the table and the API disagree.

    Attributes:
        id: The appointment's id.
        kind: "missing", "stale", "ahead", "differs" (then `columns` names them), "not_gone" or
            "gone_in_table".
        columns: The columns that differ (for "differs", "stale" and "ahead").
    """

    id: str
    kind: Kind
    columns: tuple[str, ...] = ()

    def __str__(self) -> str:
        columns = f" ({', '.join(self.columns)})" if self.columns else ""
        return f"{self.id}: {_DESCRIBED[self.kind]}{columns}"


@dataclass(frozen=True)
class CheckResult:
    """What `check()` found.

    Attributes:
        listed: Appointments the API listed.
        rows: Rows the table holds (gone ones included).
        differences: Each appointment on which they disagree, by id.
        unidentified: Appointments the API listed without a readable `id`, which cannot be compared:
            the table is not reported equal while there are any.
        consistent: Whether the listing's total was the same before and after it was read and equal
            to the appointments it gave. False when the API changed while it was read, 3 times (or its
            total could not be read): an appointment the listing skipped cannot be told, so the table
            is not reported equal (the differences found are still each read again by id).
    """

    listed: int
    rows: int
    differences: tuple[Difference, ...]
    unidentified: int
    consistent: bool

    @property
    def equal(self) -> bool:
        """No difference, and every appointment compared (a consistent listing, each with an id): the table
        equals the API."""
        return not self.differences and not self.unidentified and self.consistent


def _total(page: Any) -> int | None:
    """A page's `meta.totalCount`, or None when it cannot be read."""
    try:
        total = page.meta.total_count
    except UnreadableFieldError:
        return None
    return total if isinstance(total, int) else None


@dataclass
class _Listing:
    rows: dict[str, MirroredAppointment]
    unidentified: int
    consistent: bool


async def _listing(engage: PexipEngage, page_size: int) -> _Listing:
    """Every appointment the API lists, by id, and whether the listing was consistent (the house's one listing,
    `_shared/listing.py`, by the list's total)."""

    async def fetch(offset: int, limit: int) -> tuple[list[Appointment], int | None]:
        page = await engage.appointments.get_appointments(offset=offset, limit=limit)
        return list(page.data), _total(page)

    read = await read_consistently(fetch, identity=identity, page_size=max(page_size, 2), attempts=_ATTEMPTS)
    # A total that cannot be read tells nothing: the listing is not taken as consistent on a guess.
    listing = _Listing({}, 0, consistent=read.complete and None not in (read.total_before, read.total_after))
    now = datetime.now(UTC)
    for appointment in read.items:
        row = row_from(appointment, now)
        if row is None:
            listing.unidentified += 1
        else:
            listing.rows[row.id] = row
    return listing


def _compared(row: MirroredAppointment | None, read: MirroredAppointment | str | None) -> Difference | None:
    """How the row and a read of its appointment (a row, an id that read as gone, None: nothing readable) disagree."""
    if read is None:
        return None
    if isinstance(read, str):  # the API has no such appointment
        return None if row is None or row.gone_at is not None else Difference(row.id, "not_gone")
    if row is None:
        return Difference(read.id, "missing")
    if row.gone_at is not None:
        return Difference(row.id, "gone_in_table")
    return _columns_compared(row, read)


def _columns_compared(row: MirroredAppointment, read: MirroredAppointment) -> Difference | None:
    columns = row.differs(read)
    if not columns:
        return None
    held, listed = row.updated_at, read.updated_at
    if held is not None and listed is not None and held != listed:
        return Difference(row.id, "stale" if held < listed else "ahead", columns)
    return Difference(row.id, "differs", columns)


async def check(database: Database, engage: PexipEngage, page_size: int) -> CheckResult:
    """The table against a consistent listing; each suspect read again before it is reported."""
    listing = await _listing(engage, page_size)
    rows, suspects = await _suspects(database, listing.rows)
    confirmed: list[Difference] = []
    for start in range(0, len(suspects), page_size):
        confirmed += await _confirmed(database, engage, suspects[start : start + page_size])
    differences = tuple(sorted(confirmed, key=lambda item: item.id))
    listed = len(listing.rows) + listing.unidentified
    result = CheckResult(listed, rows, differences, listing.unidentified, listing.consistent)
    verdict = {"at": datetime.now(UTC).isoformat(), "equal": result.equal, "differences": len(differences)}
    await database.run(partial(_tables.record, name="check", summary=verdict))  # what a warehouse's load proof shows
    return result


async def _suspects(database: Database, listed: dict[str, MirroredAppointment]) -> tuple[int, list[str]]:
    """How many rows the table holds, and the ids on which it and the listing disagree (or that the listing
    did not hold: read by id)."""
    suspects: list[str] = []
    rows, after, unseen = 0, "", dict(listed)
    while page := await database.read(partial(_tables.rows_after, database.dialect, after=after, limit=1000)):
        for row in page:
            rows += 1
            read = unseen.pop(row.id, None)
            if (read is None and row.gone_at is None) or (read is not None and _compared(row, read) is not None):
                suspects.append(row.id)
        after = page[-1].id
    return rows, suspects + list(unseen)


async def _confirmed(database: Database, engage: PexipEngage, ids: list[str]) -> list[Difference]:
    """The differences that hold once the rows and the appointments (by id) are read again."""
    answered = await read_ids(engage, ids, datetime.now(UTC))
    reads = {read if isinstance(read, str) else read.id: read for read in answered}
    rows_now = await database.read(partial(_tables.rows_of, database.dialect, ids=ids))
    found = (_compared(rows_now.get(appointment_id), reads.get(appointment_id)) for appointment_id in ids)
    return [difference for difference in found if difference is not None]
