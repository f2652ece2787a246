"""The errors of free/busy and of booking: an answer free/busy cannot use, and a booking that booked nothing.

Users import them from `pexip_engage_client.errors`, with every other error (docs/free-busy.md, docs/booking.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .._ensure_errors import EnsureError, EnsureRefusedError
from .._errors import UnusableAnswerError, listed

if TYPE_CHECKING:
    from ._candidates import Candidate, CandidateReason


@dataclass(frozen=True)
class RefusedCandidate:
    """A candidate that `book_first` tried and Engage refused as taken: the candidate, and the ensure's
    error (`EnsureRefusedError`, whose `codes` say why)."""

    candidate: Candidate
    error: EnsureRefusedError


@dataclass(eq=False, repr=False, kw_only=True)
class NoSlotBookedError(EnsureError):
    """`engage.availability.book_first` booked nothing: Engage refused every candidate as taken, or there was none.

    Nothing was created: propose times again and book from those, with the same `external_id` (docs/booking.md).
    `refused` holds each candidate tried, in order, `reasons` why there were none (when `Candidates` were given).
    """

    code: ClassVar[str] = "NO_SLOT_BOOKED"
    status: ClassVar[int] = 422
    operation: str = "availability.book_first"
    refused: tuple[RefusedCandidate, ...] = ()
    reasons: tuple[CandidateReason, ...] = ()


class FreeBusyError(UnusableAnswerError):
    """`availability.free_busy` needed a field of an answer that it could not read, and has no safe view without it.

    The employee's `officeRelations` could not be read and no `office_id=` was given, so which offices'
    availability to read cannot be known (docs/free-busy.md). Passing `office_id=` avoids it.
    """

    def __init__(self, *, operation: str, pointer: str, kind: str, needed: str) -> None:
        super().__init__(feature="free_busy", operation=operation, pointer=pointer, kind=kind, needed=needed)


listed(RefusedCandidate, NoSlotBookedError, FreeBusyError)
