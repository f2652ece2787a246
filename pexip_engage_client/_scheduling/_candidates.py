"""`Candidates`: start times to propose for a booking, cut from a `FreeBusy`, or why there are none (docs/booking.md).

Built on `FreeBusy`'s public fields only: what holds time is decided once, in `_free_busy.py`."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from .._base.arguments import ArgumentError, is_number
from .._local_times import time_zone
from ._free_busy import AvailabilityInterval, FreeBusy, FreeInterval, Interval, free_time, merge, row, subtract, utc
from ._team_candidates import Key, checked_order, merged, reasons

if TYPE_CHECKING:
    from ._team_view import TeamFreeBusy

# Why a block, or the whole window, offers no candidate.
NoCandidateCode = Literal[
    "no_defined_availability",  # the window holds no block of defined availability at all
    "no_matching_availability",  # blocks, but none for the office, subject or meeting type asked
    "too_short",  # the block is shorter than the duration (and buffer)
    "max_concurrent_reached",  # appointments already there hold its time, as many at once as it takes
    "all_busy",  # busy time (external events, or what free/busy could not read) leaves no room
    # A branch's (`from_team`), each naming the adviser (`employee_id`):
    "no_availability_at_office",  # an adviser with no defined availability at the office in the window
    "unknown_employee",  # an id given in `employee_ids` that no employee has
    "no_advisers",  # the office has no adviser: no employee with a relation to it
]
# The step between candidates when none is given.
DEFAULT_STEP = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Candidate(Interval):
    """A time to propose: `[start, end)` inside free time of one block of defined availability.

    Aware datetimes in the view's zone, with the block's office, subject and meeting type and the
    view's `employee_id`: what a booking body needs besides its customer.
    """

    office_id: str = ""
    subject_id: str = ""
    meeting_type: str = ""
    employee_id: str = ""


@dataclass(frozen=True)
class TeamCandidate(Candidate):
    """A time to propose at a branch: `[start, end)`, its office, subject and meeting type, and `employee_ids`,
    every adviser free for it, in the order booking tries them (`employee_id` is the first)."""

    employee_ids: tuple[str, ...] = ()

    def each_adviser(self) -> tuple[Candidate, ...]:
        """The candidate for each of its advisers, in order: what `book_first` tries."""
        return tuple(
            Candidate(self.start, self.end, office_id=self.office_id, subject_id=self.subject_id,
                      meeting_type=self.meeting_type, employee_id=employee_id)
            for employee_id in self.employee_ids
        )  # fmt: skip


@dataclass(frozen=True)
class CandidateReason:
    """Why `block` (or, when it is None, the whole window) offers no candidate: `code`, and a sentence.

    In a branch's candidates (`Candidates.from_team`), `employee_id` names the adviser it is about."""

    code: NoCandidateCode
    message: str
    block: AvailabilityInterval | None = None
    employee_id: str | None = None  # a branch's reasons name the adviser (`Candidates.from_team`)


@dataclass(frozen=True)
class Candidates:
    """The candidates of a free/busy view for one duration, and why blocks offered none.

    Iterating, `len` and truth are the candidates'. `reasons` names each block (of those asked
    for) that offers none, and why; when `candidates` is empty it is never empty.
    """

    employee_id: str
    duration: datetime.timedelta
    step: datetime.timedelta
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[CandidateReason, ...] = ()
    time_zone: str | None = None
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def from_free_busy(
        cls,
        view: FreeBusy,
        duration: datetime.timedelta | int,
        *,
        step: datetime.timedelta | int | None = None,
        office_id: str | None = None,
        subject_id: str | None = None,
        meeting_type: Any = None,
        trailing_buffer: datetime.timedelta | int = 0,
    ) -> Candidates:
        """Start times to propose for a booking of `duration` in `view`, or why there are none (docs/booking.md).

        Each starts on its block's grid and lies with `trailing_buffer` inside its free time; no request is made.

        Args:
            view: An employee's free/busy (`engage.availability.free_busy(...)`).
            duration: How long the appointment lasts (a timedelta, or whole minutes).
            step: The grid's step (15 minutes by default).
            office_id: Only blocks of this office (None: any).
            subject_id: Only blocks of this subject (None: any).
            meeting_type: Only blocks of this meeting type, text or a `MeetingType` (None: any).
            trailing_buffer: The new appointment's own `trailingBufferTime`, which must be free too.

        Returns:
            Candidates: `.candidates` in time order, and `.reasons` why blocks (or the window) offer none.

        Raises:
            ValueError: A duration or step that is not more than zero, a negative buffer, an empty id.
        """
        ask = _asked(
            duration, step=step, trailing_buffer=trailing_buffer, office_id=office_id, subject_id=subject_id,
            meeting_type=meeting_type,
        )  # fmt: skip
        found, reasons = _offered(view, ask)
        return cls(
            employee_id=view.employee_id,
            duration=ask.duration,
            step=ask.step,
            candidates=tuple(_candidate(view, at) for at in found),
            reasons=tuple(reasons),
            time_zone=view.time_zone,
            notes=view.notes,
        )

    @classmethod
    def from_team(
        cls,
        view: TeamFreeBusy,
        duration: datetime.timedelta | int,
        *,
        step: datetime.timedelta | int | None = None,
        subject_id: str | None = None,
        meeting_type: Any = None,
        order: str = "earliest",
        trailing_buffer: datetime.timedelta | int = 0,
    ) -> TeamCandidates:
        """A branch's start times: every adviser's, merged, each with the advisers free for it (docs/booking.md).

        The candidates are exactly the union of each adviser's `from_free_busy(view, duration, step=...,
        office_id=view.office_id, subject_id=..., meeting_type=...)`; no request is made.

        Args:
            view: The branch's view (`engage.availability.team_free_busy(...)`).
            duration: How long the appointment lasts (a timedelta, or whole minutes).
            step: The grid's step (15 minutes by default).
            subject_id: Only blocks of this subject (None: the view's `subject_id`, else any).
            meeting_type: Only blocks of this meeting type (None: the view's `meeting_type`, else any).
            order: How each candidate's `employee_ids` are ordered: "earliest" (the view's order) or
                "fair" (fewest appointments in the view's window first, ties in the view's order).
            trailing_buffer: The new appointment's own `trailingBufferTime`, which must be free too.

        Returns:
            TeamCandidates: `TeamCandidate`s in time order (`.employee_ids`), and `.reasons`, each naming its adviser
            (`employee_id`): never empty when there are no candidates.

        Raises:
            ValueError: A duration or step that is not more than zero, a negative buffer, an empty id, another order.
        """
        ranking = checked_order(order)
        subject = view.subject_id if subject_id is None else subject_id
        kind = view.meeting_type if meeting_type is None else meeting_type
        ask = _asked(
            duration, step=step, trailing_buffer=trailing_buffer, office_id=view.office_id, subject_id=subject,
            meeting_type=kind,
        )  # fmt: skip
        each = [(adviser, *_offered(adviser, ask)) for adviser in view.views]
        tz = time_zone(view.time_zone or "UTC")
        found = tuple(_team_candidate(at, ids, tz) for at, ids in merged([(v, keys) for v, keys, _ in each], ranking))
        why = reasons(view, [(adviser, why) for adviser, _, why in each])
        return TeamCandidates(
            employee_id="",
            duration=ask.duration,
            step=ask.step,
            candidates=found,
            reasons=tuple(CandidateReason(cast("NoCandidateCode", c), text, block, who) for c, text, who, block in why),
            time_zone=view.time_zone,
            notes=view.notes,
        )

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self.candidates)

    def __len__(self) -> int:
        return len(self.candidates)

    def __bool__(self) -> bool:
        return bool(self.candidates)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: times as ISO 8601 text with their offset, durations in minutes."""
        return {
            "employee_id": self.employee_id,
            "duration_minutes": self.duration / datetime.timedelta(minutes=1),
            "step_minutes": self.step / datetime.timedelta(minutes=1),
            "time_zone": self.time_zone,
            "candidates": [row(c) for c in self.candidates],
            "reasons": [_reason_row(r) for r in self.reasons],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class TeamCandidates(Candidates):
    """A branch's `Candidates` (`Candidates.from_team`): `TeamCandidate`s, each with its advisers, and `reasons`
    that each name their adviser (`employee_id`); `employee_id` is empty (a branch's are many)."""

    candidates: tuple[TeamCandidate, ...] = ()

    def __iter__(self) -> Iterator[TeamCandidate]:
        return iter(self.candidates)


def _team_candidate(at: Key, employee_ids: list[str], tz: datetime.tzinfo) -> TeamCandidate:
    """The branch's candidate at `at` (start and end in UTC, office, subject, meeting type), shown in `tz`."""
    start, end, office_id, subject_id, meeting_type = at
    return TeamCandidate(
        start.astimezone(tz),
        end.astimezone(tz),
        office_id=office_id,
        subject_id=subject_id,
        meeting_type=meeting_type,
        employee_id=employee_ids[0],
        employee_ids=tuple(employee_ids),
    )


def _reason_row(reason: CandidateReason) -> dict[str, Any]:
    named = {} if reason.employee_id is None else {"employee_id": reason.employee_id}
    return {
        "code": reason.code,
        "message": reason.message,
        "block": row(reason.block) if reason.block else None,
    } | named


@dataclass(frozen=True)
class _Ask:
    """What was asked: the time each candidate needs, the grid, and the blocks that count."""

    duration: datetime.timedelta
    buffer: datetime.timedelta
    step: datetime.timedelta
    office_id: str | None
    subject_id: str | None
    meeting_type: str | None

    @property
    def needed(self) -> datetime.timedelta:
        return self.duration + self.buffer

    @property
    def kind(self) -> tuple[str | None, str | None, str | None]:
        """The office, subject and meeting type asked for, as `_kind` gives a block's (None: any)."""
        return self.office_id, self.subject_id, self.meeting_type

    def offered_by(self, block: AvailabilityInterval) -> bool:
        return all(asked is None or asked == offered for asked, offered in zip(self.kind, _kind(block), strict=True))

    def describe(self) -> str:
        named = zip(("office", "subject", "meeting type"), self.kind, strict=True)
        return ", ".join(f"{label} {value}" for label, value in named if value is not None)


def _asked(
    duration: Any, *, step: Any, trailing_buffer: Any, office_id: Any, subject_id: Any, meeting_type: Any
) -> _Ask:
    """What was asked, checked: each argument's `ValueError` names it."""
    return _Ask(
        duration=_minutes(duration, "duration", positive=True),
        buffer=_minutes(trailing_buffer, "trailing_buffer", positive=False),
        step=_minutes(DEFAULT_STEP if step is None else step, "step", positive=True),
        office_id=_optional_text(office_id, "office_id"),
        subject_id=_optional_text(subject_id, "subject_id"),
        meeting_type=_optional_text(getattr(meeting_type, "value", meeting_type), "meeting_type"),
    )


def _offered(view: FreeBusy, ask: _Ask) -> tuple[list[Key], list[CandidateReason]]:
    """The view's candidates as keys (UTC) in time order, once each where blocks overlap, and why the blocks of the kind
    asked for that offer none do not (or the window's reasons, when no block is of that kind): one adviser's answer,
    for `from_free_busy` and each adviser of `from_team` alike."""
    blocks = [block for block in view.availability if ask.offered_by(block)]
    busy = [(utc(b.start), utc(b.end), b) for b in view.busy]  # in UTC once: each block takes what overlaps it
    found: set[Key] = set()
    reasons: list[CandidateReason] = []
    for block in blocks:
        # The block's own free time, at its own maxConcurrentAppointments: not another block's of its kind inside
        # it, as a block taking more at once would lend its room to this one's grid (docs/booking.md).
        start, end = utc(block.start), utc(block.end)
        starts = _grid_starts(block, free_time((block,), [b for s, e, b in busy if s < end and start < e]), ask)
        # a candidate's office, subject and meeting type are its block's
        found.update((at, at + ask.duration, *_kind(block)) for at in starts)
        if not starts:
            reasons.append(_why_none(view, block, ask))
    return sorted(found), reasons if blocks else _window_reasons(view, ask)


def _minutes(value: Any, name: str, *, positive: bool) -> datetime.timedelta:
    """A duration given as a timedelta or whole minutes; `ValueError` naming `name` otherwise."""
    duration = datetime.timedelta(minutes=value) if is_number(value) and isinstance(value, int) else value
    if not isinstance(duration, datetime.timedelta):
        raise ArgumentError.of(name, f": expected a timedelta or whole minutes (an int), not {value!r:.100}")
    if duration < datetime.timedelta(0) or (positive and not duration):
        raise ArgumentError.of(name, f": must be {'more than' if positive else 'at least'} zero, not {duration}")
    return duration


def _optional_text(value: Any, name: str) -> str | None:
    if value is None or (isinstance(value, str) and value):
        return value
    raise ArgumentError.of(name, f": expected a non-empty string, or None for any, not {value!r:.100}")


def _kind(interval: FreeInterval | AvailabilityInterval) -> tuple[str, str, str]:
    return interval.office_id, interval.subject_id, interval.meeting_type


def _grid_starts(block: AvailabilityInterval, pieces: Sequence[Interval], ask: _Ask) -> list[datetime.datetime]:
    """The starts on `block`'s grid (its start plus whole steps) whose needed time lies in one of `pieces`, in UTC."""
    origin = utc(block.start)
    starts: list[datetime.datetime] = []
    for piece in pieces:
        first = -(-(utc(piece.start) - origin) // ask.step)  # the first step at or after the piece's start
        at = origin + first * ask.step
        while at + ask.needed <= utc(piece.end):
            starts.append(at)
            at += ask.step
    return starts


def _candidate(view: FreeBusy, at: Key) -> Candidate:
    """The candidate `at` (UTC), shown in the view's zone (`astimezone` picks the fold's side)."""
    zone = view.start.tzinfo
    start, end, office_id, subject_id, meeting_type = at
    return Candidate(
        start.astimezone(zone), end.astimezone(zone), office_id=office_id, subject_id=subject_id,
        meeting_type=meeting_type, employee_id=view.employee_id,
    )  # fmt: skip


def _why_none(view: FreeBusy, block: AvailabilityInterval, ask: _Ask) -> CandidateReason:
    """Why a block of the kind asked for offers no candidate: too short, its appointments, or busy time."""
    span = f"{block.start.isoformat()} to {block.end.isoformat()}"
    if not _grid_starts(block, [block], ask):
        return CandidateReason("too_short", f"the block {span} has no {_length(ask)} on its grid", block)
    if not _grid_starts(block, _less_other_busy_time(view, block), ask):
        return CandidateReason("all_busy", f"busy time leaves no {_length(ask)} in the block {span}", block)
    most = block.max_concurrent_appointments or 1
    return CandidateReason(
        "max_concurrent_reached",
        f"appointments hold the block {span} as many at once as it takes ({most}, its maxConcurrentAppointments)",
        block,
    )


def _less_other_busy_time(view: FreeBusy, block: AvailabilityInterval) -> list[Interval]:
    """The block less every busy interval but appointments: what the appointments alone would leave free."""
    blocking = merge((utc(b.start), utc(b.end)) for b in view.busy if b.kind != "appointment")
    return [Interval(start, end) for start, end in subtract((utc(block.start), utc(block.end)), blocking)]


def _length(ask: _Ask) -> str:
    minutes = ask.needed / datetime.timedelta(minutes=1)
    with_buffer = " with its trailing buffer" if ask.buffer else ""
    return f"{minutes:g} minutes{with_buffer}"


def _window_reasons(view: FreeBusy, ask: _Ask) -> list[CandidateReason]:
    """Why the window offers nothing when no block counts: none at all, or none of the kind asked for."""
    if not view.availability:
        notes = f" ({'; '.join(view.notes)})" if view.notes else ""
        return [CandidateReason("no_defined_availability", f"no defined availability in the window{notes}")]
    offered = sorted(
        {f"{b.meeting_type} at office {b.office_id} for subject {b.subject_id}" for b in view.availability}
    )
    return [
        CandidateReason(
            "no_matching_availability",
            f"no block of defined availability for {ask.describe()}; the window's blocks offer {'; '.join(offered)}",
        )
    ]
