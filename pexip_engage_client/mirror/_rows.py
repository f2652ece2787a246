"""A row of the table `appointments`: the columns read from an appointment, and what a read does to a row.

Each column is read through the client's lenient models: a field the answer gave unlike the spec
(`errors.UnreadableFieldError` when read) is stored as NULL and named in `unreadable`, never guessed
(docs/mirror.md, "The table"). `decide` is the one rule of what a read does to a row, whichever
part of the mirror read it (a delivery, a catch-up, a check).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ..errors import UnreadableFieldError

if TYPE_CHECKING:
    from ..models import Appointment

_T = TypeVar("_T")

# What a change did to a row (`decide`): each is logged and handed to the hooks as `after.change`.
ChangeKind = Literal["added", "updated", "gone", "back", "repaired"]
# What read the appointment for a change: an event's read, or a catch-up's (a listing, or a read by id).
Origin = Literal["event", "catch-up"]

# The columns a read sets, compared to tell a change (not `gone_at`, `read_at`, `sequence`: the mirror's own).
READ_COLUMNS = (
    "status",
    "start",
    "end",
    "updated_at",
    "office_id",
    "subject_id",
    "employee_ids",
    "customer_ids",
    "external_id",
    "document",
    "unreadable",
)


@dataclass(frozen=True)
class MirroredAppointment:
    """One row of the mirror's table `appointments`: an appointment as the API last gave it.

    Attributes:
        id: The appointment's id (the primary key).
        status: `status` as the API wrote it (a value this client does not know yet is kept as text).
        start: `start`, timezone-aware (None: the appointment has none, or see `unreadable`).
        end: `end`, likewise.
        updated_at: `updatedAt`: the row holds the appointment as of this moment.
        office_id: `office.id`.
        subject_id: `subject.id`.
        employee_ids: The ids of the participants of type EMPLOYEE, in the API's order.
        customer_ids: The ids of the participants of type CUSTOMER, in the API's order.
        external_id: `externalId`.
        document: The appointment as the API sent it (`Appointment.to_dict()`: wire names, every
            field, a field the client could not read as it was sent).
        unreadable: The columns stored as None because the answer's field could not be read (an
            answer unlike openapi.yaml), never guessed; empty when every column was read.
        gone_at: When the appointment read as gone (404); None while the API has it. A gone row
            keeps what the API last gave.
        read_at: When the API was last read for this appointment.
        sequence: The number of the change that last wrote the row (`on_change` hands it as
            `after.sequence`: increasing, the same if a change is handed again).
        change: The kind of that change: "added", "updated", "gone", "back" or "repaired" (a read at
            the row's own `updatedAt` that differed from it); None for a row not written by a change.
        changed_at: When the API was asked for the read that made that change, never before the change
            it follows: the moment this version is known to hold from (a warehouse's `valid_from`).
            None for a row last changed before the mirror kept it.
        origin: What read it for that change: "event" (an event named it) or "catch-up".
    """

    id: str
    status: str | None
    start: datetime | None
    end: datetime | None
    updated_at: datetime | None
    office_id: str | None
    subject_id: str | None
    employee_ids: tuple[str, ...] | None
    customer_ids: tuple[str, ...] | None
    external_id: str | None
    document: Mapping[str, Any]
    unreadable: tuple[str, ...]
    gone_at: datetime | None
    read_at: datetime
    sequence: int
    change: ChangeKind | None = None
    changed_at: datetime | None = None
    origin: Origin | None = None

    def differs(self, other: MirroredAppointment) -> tuple[str, ...]:
        """The columns a read sets whose values differ between the two rows."""
        return tuple(name for name in READ_COLUMNS if _comparable(self, name) != _comparable(other, name))

    def to_json(self) -> dict[str, Any]:
        """The row as JSON (date-times as ISO 8601 text): what the change log keeps of it."""
        return {item.name: _to_json(getattr(self, item.name)) for item in fields(self)}

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> MirroredAppointment:
        """A row from `to_json()`'s form."""
        values = dict(document)
        for name in ("start", "end", "updated_at", "gone_at", "read_at", "changed_at"):
            values[name] = None if values.get(name) is None else datetime.fromisoformat(values[name])
        for name in ("employee_ids", "customer_ids", "unreadable"):
            values[name] = None if values.get(name) is None else tuple(values[name])
        return cls(**values)


def _comparable(row: MirroredAppointment, name: str) -> Any:
    value = getattr(row, name)
    if name == "document":
        # As JSON text with its keys sorted, not by `==`: key order does not matter (PostgreSQL's jsonb keeps its
        # own), but a value's JSON type does, which `==` ignores (`True == 1 == 1.0`; as text `true`, `1`, `1.0`).
        return json.dumps(value, sort_keys=True, default=str)
    return value


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def row_from(appointment: Appointment, read_at: datetime, *, asked: str | None = None) -> MirroredAppointment | None:
    """The row an appointment the API gave makes (its `sequence` 0 until applied); None without a readable
    `id`, unless it was read by the id `asked`, which then keys it."""
    unreadable: list[str] = []

    def read(column: str, value: Callable[[], _T]) -> _T | None:
        try:
            return value()
        except (UnreadableFieldError, AttributeError, TypeError, ValueError):  # a field unlike the spec
            unreadable.append(column)
            return None

    appointment_id = read("id", lambda: _text(appointment.id)) or asked
    if appointment_id is None:
        return None
    unreadable.clear()  # the id asked for keys it; the column is never NULL
    participants = read("participants", lambda: _participants(appointment))
    return MirroredAppointment(
        id=appointment_id,
        status=read("status", lambda: _optional_text(appointment.status)),
        start=read("start", lambda: _instant(appointment.start)),
        end=read("end", lambda: _instant(appointment.end)),
        updated_at=read("updated_at", lambda: _instant(appointment.updated_at)),
        office_id=read("office_id", lambda: _text(appointment.office.id)),
        subject_id=read("subject_id", lambda: _text(appointment.subject.id)),
        employee_ids=None if participants is None else participants["EMPLOYEE"],
        customer_ids=None if participants is None else participants["CUSTOMER"],
        external_id=read("external_id", lambda: _optional_text(appointment.external_id)),
        document=appointment.to_dict(),
        unreadable=tuple(_columns(unreadable)),
        gone_at=None,
        read_at=read_at,
        sequence=0,
    )


def _columns(unreadable: list[str]) -> list[str]:
    """The columns left NULL: the participants' two, for a list that could not be read."""
    named: list[str] = []
    for column in unreadable:
        named += ["employee_ids", "customer_ids"] if column == "participants" else [column]
    return named


def _text(value: object) -> str:
    """An id or a status: text, or an enum member's value (an unknown one's too)."""
    if isinstance(value, Enum):
        value = value.value
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {type(value).__name__}")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _instant(value: object) -> datetime | None:
    """A date-time the client read, as an aware one (the API's are UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise TypeError(f"expected a date-time, not {type(value).__name__}")
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _participants(appointment: Appointment) -> dict[str, tuple[str, ...]]:
    """The participants' ids by type; any participant that cannot be read makes the whole list unreadable."""
    found: dict[str, list[str]] = {"EMPLOYEE": [], "CUSTOMER": []}
    for participant in appointment.appointment_participants:
        kind = _text(participant.type_)
        if kind in found:  # a type this client does not know yet is neither column's
            found[kind].append(_text(participant.participant.id))
    return {kind: tuple(ids) for kind, ids in found.items()}


# What a read did to a row (`decide`): a change (`ChangeKind`), or none.
Outcome = Literal["added", "updated", "gone", "back", "repaired", "unchanged", "older", "not_found"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "updated", "gone", "back", "repaired")


@dataclass(frozen=True)
class Decision:
    """What to write for one read: the row (None: nothing), whether it is a change (logged and
    handed to the hooks), and what happened."""

    outcome: Outcome
    row: MirroredAppointment | None = None

    @property
    def is_change(self) -> bool:
        return self.outcome in CHANGE_KINDS


def decide(existing: MirroredAppointment | None, read: MirroredAppointment | str, asked_at: datetime) -> Decision:
    """What a read does to the row: `read` is the row the API's answer makes, or the id of an
    appointment that read as gone (404); `asked_at` is when the API was asked for it (at the latest).

    A read is applied only when it is newer than the row, so that no order of deliveries,
    duplicates, replays or hosts puts an older state over a newer one:

    - a present read is ordered against a present row by `updatedAt`; when either `updatedAt`
      cannot be read the two cannot be ordered, and the read, being the API's answer, is applied
      when it differs. A read at the row's own `updatedAt` that differs from it (an embedded
      object changed, or the row changed by hand) is the change `repaired`.
    - a read and a gone mark are ordered by when the API was asked: a present read asked no later
      than the 404 that marked the row gone (`gone_at`) never brings it back; one asked after it
      does ("back"). A 404 asked before the row was last read present is older than that read.
    """
    if isinstance(read, str):
        if existing is None:
            return Decision("not_found")
        if existing.gone_at is not None or existing.read_at > asked_at:
            return Decision("unchanged" if existing.gone_at is not None else "older")
        return Decision("gone", replace(existing, gone_at=asked_at, read_at=asked_at))
    read = replace(read, read_at=asked_at)
    if existing is None:
        return Decision("added", read)
    if existing.gone_at is not None:
        return Decision("back", read) if asked_at > existing.gone_at else Decision("older")
    return _against(existing, read)


def _against(existing: MirroredAppointment, read: MirroredAppointment) -> Decision:
    """A read of an appointment the table holds as present."""
    newer, held = read.updated_at, existing.updated_at
    ordered = newer is not None and held is not None
    if ordered and newer != held:
        return Decision("updated", read) if newer > held else Decision("older")  # type: ignore[operator]
    if not read.differs(existing):
        return Decision("unchanged")
    # The same updatedAt and other values: an embedded object changed, or the row was changed by hand. Without
    # one to order by, the API's latest answer is the one to keep.
    return Decision("repaired", read) if ordered else Decision("updated", read)
