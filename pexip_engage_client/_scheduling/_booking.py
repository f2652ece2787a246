"""Booking the first candidate Engage accepts: the bodies, what counts as "taken", and the result (docs/booking.md).

What both clients' `book_first` share; any error but "taken" ends the attempt, as a create of it may have landed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._base.arguments import ArgumentError
from .._errors import EnsureRefusedError, ExternalIdConflictError, NoSlotBookedError, RefusedCandidate
from .._generated.error_codes import ErrorCode
from .._runtime import EnsureOutcome
from ._candidates import Candidate, CandidateReason, Candidates, TeamCandidate

if TYPE_CHECKING:
    from .._generated.models import Appointment

# The business error codes by which Engage says a slot is gone; its other codes every candidate would meet.
SLOT_TAKEN_CODES = frozenset({ErrorCode.APPOINTMENT_NO_AVAILABILITY})
# What a candidate sets in a body, as `ExternalIdConflictError.differences` labels them.
_CANDIDATE_FIELDS = frozenset({"start", "end", "subject", "office", "meetingType"})
_SET_BY_CANDIDATE = ("start", "end")
_PRIMARY = ("PRIMARY", "EMPLOYEE")  # the role and type of the employee a candidate is for
_PARTICIPANTS = "primary participants"  # as `ExternalIdConflictError.differences` labels them
# How many appointments the look-up of a key reads at most, as the ensure's does (one is the answer).
LOOKED_UP = 100


@dataclass(frozen=True)
class Booked:
    """What `book_first` booked: the appointment, how, and the candidates refused before it.

    Attributes:
        appointment: The appointment with the body's `externalId`.
        outcome: `CREATED`, `RECONCILED` (its create's answer was lost and the look-up found it), or
            `FOUND` (an earlier run of this attempt had made it).
        candidate: The candidate it was booked at; None when an earlier run booked another time.
        refused: The candidates tried first, each refused as taken, with its error.
    """

    appointment: Appointment
    outcome: EnsureOutcome
    candidate: Candidate | None
    refused: tuple[RefusedCandidate, ...] = ()


def bodies(body: Any, candidates: Iterable[Candidate]) -> tuple[str, list[tuple[Candidate, dict[str, Any]]]]:
    """The attempt's key, and each candidate with its create body, all checked before anything is sent."""
    wire = body.to_dict() if hasattr(body, "to_dict") else body
    if not isinstance(wire, Mapping):
        raise ArgumentError.of("body", f": expected an AppointmentCreate or its JSON object, not {type(body).__name__}")
    external_id = wire.get("externalId")
    if not isinstance(external_id, str) or not external_id:
        raise ArgumentError.of(
            "body.externalId",
            ": book_first needs the key of this booking attempt, a non-empty string: the same "
            "on a retry of the attempt (it finds what an earlier run booked), another for every other attempt",
        )
    for name in _SET_BY_CANDIDATE:
        if wire.get(name) is not None:
            raise ArgumentError.of(f"body.{name}", ": book_first sets start and end from each candidate; leave it out")
    base = dict(wire)
    return external_id, [(each, _for(base, each)) for candidate in candidates for each in _each_adviser(candidate)]


def _each_adviser(candidate: Any) -> tuple[Any, ...]:
    """A branch's candidate as one per adviser, in the order they are tried; any other as itself."""
    return candidate.each_adviser() if isinstance(candidate, TeamCandidate) else (candidate,)


def _for(base: dict[str, Any], candidate: Candidate) -> dict[str, Any]:
    """The body with the candidate's times, office, subject and meeting type, and its employee as PRIMARY."""
    if not isinstance(candidate, Candidate):
        raise ArgumentError.of("candidates", f": expected Candidate items, not {type(candidate).__name__}")
    body = {**base, "start": candidate.start.isoformat(), "end": candidate.end.isoformat()}
    _take(body, "officeId", candidate.office_id)
    _take(body, "subjectId", candidate.subject_id)
    _take(body, "meetingType", candidate.meeting_type)
    body["appointmentParticipants"] = _with_employee(base.get("appointmentParticipants"), candidate.employee_id)
    return body


def _take(body: dict[str, Any], name: str, value: str) -> None:
    """The candidate's value for `name`, unless it has none; a body that asks for another is a mistake."""
    if not value:
        return
    given = body.get(name)
    if given is not None and given != value:
        raise ArgumentError.of(
            f"body.{name}", f": {given!r}, but a candidate is for {value!r}; leave it out, or propose only {given!r}"
        )
    body[name] = value


def _with_employee(participants: Any, employee_id: str) -> list[Any]:
    """The body's participants, with the candidate's employee as the PRIMARY one when the body names none."""
    given = list(participants or [])
    named = [p.get("participantId") for p in given if _primary_employee(p)]
    if not employee_id or employee_id in named:
        return given
    if named:
        raise ArgumentError.of(
            "body.appointmentParticipants",
            f": the PRIMARY employee is {named[0]!r}, but a candidate is {employee_id!r}'s",
        )
    return [*given, {"role": "PRIMARY", "type": "EMPLOYEE", "participantId": employee_id}]


def _primary_employee(participant: Any) -> bool:
    return isinstance(participant, Mapping) and (participant.get("role"), participant.get("type")) == _PRIMARY


def taken(error: EnsureRefusedError) -> bool:
    """Whether a refused ensure says the slot is gone, and made nothing: then the next candidate may be tried."""
    return not error.may_have_created and bool(SLOT_TAKEN_CODES & set(error.codes))


def earlier_run(conflict: ExternalIdConflictError) -> bool:
    """Whether the appointment with the attempt's key may differ from this candidate in the candidate's fields alone:
    its time, office, subject and meeting type, and its participants (whose others `same_attempt` then checks)."""
    return set(conflict.differences) <= _CANDIDATE_FIELDS | {_PARTICIPANTS}


def same_attempt(conflict: ExternalIdConflictError, found: Any, tries: list[tuple[Candidate, dict[str, Any]]]) -> bool:
    """Whether `found`, holding the attempt's key, was booked by this attempt: when its primary participants differ,
    only in its PRIMARY employee. A retry proposing afresh may no longer offer the adviser its first run booked
    (that run took the adviser's time): the key is this attempt's, so what it booked is found, whoever's it is."""
    if _PARTICIPANTS not in conflict.differences:
        return True
    return _same_but_employee(found, tries[0][1] if tries else {})


def booked_before(found: Iterable[Any], external_id: str, body: Any) -> Any | None:
    """The appointment an earlier run of this attempt booked, among a look-up by its key: the one appointment with
    the key whose PRIMARY participants other than its employee are the body's; None otherwise."""
    ours = [each for each in found if _wire(each).get("externalId") == external_id]
    if len(ours) != 1:
        return None  # none, or duplicates: nothing this attempt can call its own
    return ours[0] if _same_but_employee(ours[0], body) else None


def _same_but_employee(found: Any, body: Any) -> bool:
    """Whether an appointment's PRIMARY participants, but its employee, are those of a create body."""
    held = {(p.get("type"), (p.get("participant") or {}).get("id")) for p in _primaries(_wire(found))}
    asked = {(p.get("type"), p.get("participantId")) for p in _primaries(_wire(body))}
    return _not_employees(held) == _not_employees(asked)


def _wire(value: Any) -> Mapping[str, Any]:
    wire = value.to_dict() if hasattr(value, "to_dict") else value
    return wire if isinstance(wire, Mapping) else {}


def _not_employees(participants: set[tuple[Any, Any]]) -> set[tuple[Any, Any]]:
    return {who for who in participants if who[0] != "EMPLOYEE"}


def _primaries(wire: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    participants = wire.get("appointmentParticipants") or ()
    return [p for p in participants if isinstance(p, Mapping) and p.get("role") == "PRIMARY"]


def nothing_booked(external_id: str, refused: list[RefusedCandidate], proposed: Any) -> NoSlotBookedError:
    """The error that ends an attempt none of whose candidates held: each refusal, or why there were none."""
    reasons: tuple[CandidateReason, ...] = proposed.reasons if isinstance(proposed, Candidates) else ()
    if refused:
        why = f"each of the {len(refused)} candidates tried was refused as taken"
    elif reasons:
        why = "there were no candidates: " + "; ".join(reason.message for reason in reasons)
    else:
        why = "there were no candidates"
    return NoSlotBookedError(
        f"availability.book_first: externalId {external_id!r} booked nothing: {why}. Nothing was created by this "
        "call: propose times again (free/busy has changed) and book from those",
        external_id=external_id,
        refused=tuple(refused),
        reasons=reasons,
    )
