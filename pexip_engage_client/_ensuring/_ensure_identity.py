"""What identifies what an ensure creates, and what its look-up's page holds for the external id.

Compared in wire form, each field of the answer read through `json_field`; which ones, how the page is sorted by each
item's own `externalId`, and when `_ensure.py` refuses rather than guesses: docs/spec-drift.md, "`ensure_*`"."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from .._base.answer_fields import Unread, json_field
from .._base.timing import parse_datetime

T = TypeVar("T")

# Where a found resource sits in the look-up's answer, for the pointers of what could not be read.
ITEM = "/data/*"
_PARTICIPANT = ITEM + "/appointmentParticipants/*"


def _text(value: Any) -> Any:
    return value if value is None else str(value)


def _instant(value: Any) -> Any:
    """A date-time as an instant, so that `Z` and `+00:00` agree; other values as they are."""
    if isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError:
            return value
    return value


def _casefolded(value: Any) -> Any:
    return value if value is None else str(value).casefold()


def _read_text(resource: Mapping[str, Any], pointer: str, normal: Callable[[Any], Any], base: str = ITEM) -> Any:
    """The text at `pointer` of a found resource, `normal`ised; an `Unread` when it is not text."""
    value = json_field(resource, pointer, str, base=base)
    if isinstance(value, Unread):
        return value
    normalised = normal(value)
    if normal is _instant and not isinstance(normalised, datetime):
        return Unread(base + pointer, "type")
    return normalised


def _body_primaries(body: Mapping[str, Any]) -> frozenset[tuple[Any, Any]]:
    """The primary participants (type, id) of a body (checked before it was sent)."""
    participants = body.get("appointmentParticipants") or ()
    primaries = [p for p in participants if isinstance(p, Mapping) and p.get("role") == "PRIMARY"]
    return frozenset((p.get("type"), p.get("participantId")) for p in primaries)


def _primary(participant: object) -> tuple[str, str] | Unread | None:
    """A found appointment's participant as (type, id) if primary, None if not, an `Unread` if it cannot be told."""
    role = json_field(participant, "/role", str, base=_PARTICIPANT)
    if role != "PRIMARY":
        return role if isinstance(role, Unread) else None
    kind = json_field(participant, "/type", str, base=_PARTICIPANT)
    ident = json_field(participant, "/participant/id", str, base=_PARTICIPANT)
    if isinstance(kind, Unread):
        return kind
    return ident if isinstance(ident, Unread) else (kind, ident)


def _resource_primaries(resource: Mapping[str, Any]) -> frozenset[tuple[str, str]] | Unread:
    """The primary participants (type, id) of a found appointment, or the first thing that cannot be read."""
    participants = json_field(resource, "/appointmentParticipants", list, base=ITEM)
    if isinstance(participants, Unread):
        return participants
    primaries = set()
    for participant in participants:
        read = _primary(participant)
        if isinstance(read, Unread):
            return read
        if read is not None:
            primaries.add(read)
    return frozenset(primaries)


@dataclass(frozen=True)
class Identity:
    """One thing that identifies a resource, as a body and a found resource say it (`Unread` when unreadable)."""

    label: str  # as messages name it
    body_field: str  # compared only when the body sets it
    of_body: Callable[[Mapping[str, Any]], Any]
    of_resource: Callable[[Mapping[str, Any]], Any]


def _same_field(name: str, normal: Callable[[Any], Any] = _text) -> Identity:
    return Identity(
        name, name, lambda body: normal(body.get(name)), lambda resource: _read_text(resource, f"/{name}", normal)
    )


def _reference(body_field: str, resource_field: str) -> Identity:
    """A reference by id: the body's `subjectId`, the resource's `subject.id`."""
    return Identity(
        resource_field,
        body_field,
        lambda body: body.get(body_field),
        lambda resource: json_field(resource, f"/{resource_field}/id", str, base=ITEM),
    )


_APPOINTMENT_CORE = (
    _reference("subjectId", "subject"),
    _reference("officeId", "office"),
    _same_field("meetingType"),
    Identity("primary participants", "appointmentParticipants", _body_primaries, _resource_primaries),
)


@dataclass(frozen=True)
class EnsureKind:
    """One create that an ensure makes safe: its `method` name, the `create` it makes safe, the `lookup` that
    filters by `external-id`, the `identity` a found resource must agree on, and the 422 `taken_codes` by
    which Engage refuses a second resource with what the body holds.
    """

    method: str
    create: str
    lookup: str
    identity: tuple[Identity, ...]
    taken_codes: tuple[str, ...] = ()

    @property
    def lookup_operation(self) -> str:
        """The look-up's operationId (`getAppointments`), as answers' pointers are named; "" if unknown."""
        first, *rest = self.lookup.split("_")
        return first + "".join(word.title() for word in rest)


APPOINTMENT = EnsureKind(
    "appointments.ensure_appointment",
    "create_appointment",
    "get_appointments",
    (_same_field("start", _instant), _same_field("end", _instant), *_APPOINTMENT_CORE),
)
APPOINTMENT_INVITE = EnsureKind(
    "appointments.ensure_appointment_invite", "create_appointment_invite", "get_appointments", _APPOINTMENT_CORE
)
EMPLOYEE = EnsureKind(
    "employees.ensure_employee",
    "create_employee",
    "get_employees",
    (_same_field("email", _casefolded),),
    taken_codes=(
        "EMPLOYEE_EXTERNAL_ID_ALREADY_IN_USE",
        "EMPLOYEE_EMAIL_ALREADY_IN_USE",
        "EMPLOYEE_USERNAME_ALREADY_IN_USE",
    ),
)
SUBJECT_GROUP = EnsureKind("subject_groups.ensure_subject_group", "create_subject_group", "get_subject_groups", ())
MEETING_ROOM = EnsureKind(
    "meeting_rooms.ensure_meeting_room",
    "create_meeting_room",
    "get_meeting_rooms",
    (_same_field("email", _casefolded),),
)


# What identifies what each create makes, by the create's method; one not here, its external id alone.
KINDS: dict[str, EnsureKind] = {
    kind.create: kind for kind in (APPOINTMENT, APPOINTMENT_INVITE, EMPLOYEE, SUBJECT_GROUP, MEETING_ROOM)
}


def compared(
    identity: Sequence[Identity], body: Mapping[str, Any], resource: Mapping[str, Any]
) -> tuple[tuple[str, ...], Unread | None]:
    """What a found resource differs from the body in, and the first field the body sets it could not read."""
    differences: list[str] = []
    unread: list[Unread] = []
    for one in identity:
        if one.body_field not in body:
            continue
        ours, theirs = one.of_body(body), one.of_resource(resource)
        if isinstance(theirs, Unread):
            if ours is None and theirs.kind in ("missing", "null"):
                continue  # a body's null agrees with a field the resource does not hold, or holds as null
            unread.append(theirs)
        elif ours != theirs:
            differences.append(one.label)
    return tuple(differences), next(iter(unread), None)


@dataclass(frozen=True)
class Sorted(Generic[T]):
    """A look-up's page sorted by each item's `externalId`: `ours` (are or may be the id's, with their wire
    form), `unechoed` (what could not be read of those not saying it), `others` (the filter was ignored).
    """

    ours: tuple[tuple[T, Mapping[str, Any]], ...]
    unechoed: tuple[Unread, ...]
    others: int


def sort_out(items: Sequence[T], wire: Callable[[T], Mapping[str, Any]], external_id: str) -> Sorted[T]:
    """`items` sorted by their own `externalId` (see `Sorted`)."""
    ours: list[tuple[T, Mapping[str, Any]]] = []
    unechoed: list[Unread] = []
    others = 0
    for item in items:
        wired = wire(item)
        echoed = json_field(wired, "/externalId", str, base=ITEM)
        if isinstance(echoed, Unread):
            unechoed.append(echoed)
        elif echoed != external_id:
            others += 1
            continue
        ours.append((item, wired))
    return Sorted(tuple(ours), tuple(unechoed), others)


def id_of(resource: Mapping[str, Any]) -> str:
    """A found resource's `id` as messages and errors name it: "" when it cannot be read."""
    read = json_field(resource, "/id", str, base=ITEM)
    return "" if isinstance(read, Unread) else read
