"""The fake's state, shaped by the spec: resource collections keyed by path, and documents.

A *collection* is a path whose items have ids (`/employees/{}/availability-templates`, `{}` any path
parameter), known from the spec alone; each enterprise keeps its items by concrete path and id, in creation
order. A *document* is what sits at any other path (`/timetable`): what a PUT stored, or a test seeded.

Resources are built from request bodies by their response schema, property by property (`fooId` becomes
`foo: {"id": ...}`, a translatable property takes its first translation, what is left the schema's plainest
value), so no operation needs its own builder. A date-time is kept as Engage answers one: UTC, milliseconds, `Z`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from .._base.timing import parse_datetime
from . import _schemas as schemas
from ._clock import iso
from ._errors import FakeAPIError
from ._spec import Json, Operation, per_spec, spec

MISSING: Any = object()


def normalise(path: str) -> str:
    """A path with every parameter, named or concrete, replaced by `{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def data_pointer(op: Operation) -> str | None:
    """Pointer to the schema of the success response's `data` member (None without a body)."""
    response = op.responses[str(op.success_status)]
    if "content" not in response:
        return None
    return f"{schemas.follow(schemas.content_schema(op, 'responses', str(op.success_status)))}/properties/data"


def data_ref(op: Operation) -> str:
    """`data_pointer` for an operation known to answer with data."""
    ref = data_pointer(op)
    if ref is None:
        raise FakeAPIError(500, "NOT_SERVED", f"{op.operation_id} answers without data; the fake cannot serve it")
    return ref


def item_ref(op: Operation) -> str:
    """`item_pointer` for an operation known to answer with an item."""
    return _item_of(data_ref(op))


def envelope_has_meta(op: Operation) -> bool:
    envelope = data_pointer(op)
    return envelope is not None and "meta" in schemas.properties(envelope.removesuffix("/properties/data"))


def item_pointer(op: Operation) -> str | None:
    """Pointer to the schema of one item: the `data` object, or the items of a `data` array."""
    data = data_pointer(op)
    return None if data is None else _item_of(data)


def _item_of(data: str) -> str:
    return f"{schemas.non_null(data)}/items" if schemas.type_of(data) == "array" else schemas.non_null(data)


def has_id(ref: str | None) -> bool:
    return ref is not None and "id" in schemas.properties(ref)


def camel(name: str, separator: str = "-") -> str:
    """`lead-segment` -> `leadSegment` (`meeting_type` -> `meetingType` with `_`), as the wire names properties."""
    head, *rest = name.split(separator)
    return head + "".join(word.capitalize() for word in rest)


def singular(segment: str) -> str:
    """`lead-segments` -> `leadSegment`, the name of the `...Id` property that refers to one."""
    return camel(segment.removesuffix("s"))


def collections() -> dict[str, str | None]:
    """Every collection the spec in force implies, by normalised path (`/employees/{}/availability-templates`):
    the pointer to the schema of one of its items (None: ids only)."""
    return _collections("")


@per_spec
def _collections(_: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for op in spec().operations:
        if "/_actions/" not in op.path:
            _note_collections(op, normalise(op.path), found)
    return found


def _note_collections(op: Operation, path: str, found: dict[str, str | None]) -> None:
    """Add to `found` the collections that `op` at `path` (normalised) shows, with an item's schema where it tells."""
    item = item_pointer(op)
    collection = path.removesuffix("/{}")
    if collection != path:  # an item's path: its answer, an object with an id, is what the items are
        if has_id(item) and schemas.type_of(data_pointer(op) or "") == "object":
            found[collection] = item
        found.setdefault(collection, None)
    elif has_id(item) and op.method in ("GET", "POST"):  # the list, or a create
        found.setdefault(path, item)
    for prefix in re.findall(r"^(/[^/{}]+)/\{\}", path):  # `/offices/{}/...`: offices have ids
        found.setdefault(prefix, None)


def normalise_concrete(segments: list[str]) -> str:
    """The normalised form of concrete segments, taking every second one after a literal as an id:
    `["employees", "42", "availability-templates"]` -> `/employees/{}/availability-templates`."""
    parts = ["{}" if position % 2 else segment for position, segment in enumerate(segments)]
    return "/" + "/".join(parts)


@dataclass
class Call:
    """One valid request, as the handlers (`_api.py`) and the rules they apply (`_rules.py`) see it."""

    op: Operation
    segments: list[str]  # the concrete path below /enterprises/<enterprise>, split
    path: dict[str, str]  # path parameters by name
    query: dict[str, Any]  # query parameters, coerced to their schema types
    body: Any
    store: Store
    now: str  # the fake clock, ISO 8601
    assumed: frozenset[str] = frozenset()  # the fake's assumptions in force (`_assumptions.py`)

    @property
    def concrete(self) -> str:
        return "/" + "/".join(self.segments)

    def parent(self) -> str:
        return "/" + "/".join(self.segments[:-1])


@dataclass
class Store:
    """One enterprise's data."""

    items: dict[str, dict[str, Json]] = field(default_factory=dict)  # concrete collection -> id -> item
    documents: dict[str, Any] = field(default_factory=dict)  # concrete path -> data

    def collection(self, path: str) -> dict[str, Json]:
        return self.items.setdefault(path, {})

    def find(self, path: str, item_id: str) -> Json | None:
        return self.items.get(path, {}).get(item_id)


class UnsentError(Exception):
    """A request that would make a resource holding values nobody gave: `unsent` names each by its
    place in the answer (`start`, `answers[0].form`) with the schema that holds it. The fake refuses
    it (400)."""

    def __init__(self, unsent: list[tuple[str, str]]) -> None:
        super().__init__(", ".join(place for place, _ in unsent))
        self.unsent = unsent


def build(ref: str, source: Json, now: str, existing: Json | None = None, *, fill: bool = False) -> Json:
    """A resource of the schema at `ref`, from a request body (or seeding fields) `source`; with `existing`, what
    `source` does not mention is kept (PATCH). What nobody gave is refused (`UnsentError`): the fake invents
    nothing; seeding (`fill=True`) fills in the plainest valid value instead."""
    making = _Making(now, fill)
    built = _build(ref, source, existing or {}, making, "")
    if making.unsent:
        raise UnsentError(making.unsent)
    return built


@dataclass(frozen=True)
class _Making:
    """How a resource is being made: at `now` (ISO 8601), whether unsent values are filled in, and the
    places of those that are not (with the schema holding each)."""

    now: str
    fill: bool
    unsent: list[tuple[str, str]] = field(default_factory=list)


def _build(ref: str, source: Json, kept: Json, making: _Making, place: str) -> Json:
    if (
        not schemas.properties(ref)
        and schemas.schema_at(schemas.non_null(ref)).get("additionalProperties") is not False
    ):
        return {**kept, **copy.deepcopy(source)}  # a schema the documentation left open
    result: Json = {}
    for name, child in schemas.properties(ref).items():
        here = f"{place}.{name}" if place else name
        value = _take(name, child, source, making, here)
        if value is MISSING:
            value = kept[name] if name in kept else _unsent(ref, name, child, making, here)
        if value is not MISSING:
            result[name] = value
    return result


def _unsent(ref: str, name: str, child: str, making: _Making, place: str) -> Any:
    """What property `name` of a new resource holds when nobody gave it (MISSING: left out): the server's own (an id,
    the times), null or an empty list where the schema takes one, else `UnsentError` (seeding: a plain value)."""
    if name in _SERVERS_OWN:
        return _SERVERS_OWN[name](making.now)
    if name not in schemas.required(ref) or schemas.nullable(child):  # null, seeding too: a filler is invented
        return None if schemas.nullable(child) else MISSING
    if making.fill:
        return schemas.default_value(child, making.now)
    if schemas.type_of(child) == "array" and not schemas.schema_at(schemas.non_null(child)).get("minItems"):
        return []  # nothing given is no item: invents nothing
    making.unsent.append((place, re.findall(r"schemas/([^/]+)", ref)[-1] if "schemas/" in ref else ref))
    return MISSING


# What the server itself gives every resource it makes: an id, and the times it was made and changed.
_SERVERS_OWN: dict[str, Any] = {
    "id": lambda _: schemas.new_id(),
    "createdAt": lambda now: now,
    "updatedAt": lambda now: now,
}


def _take(name: str, ref: str, source: Json, making: _Making, place: str) -> Any:
    """The value for property `name` from `source`, or MISSING when `source` does not give one."""
    if name in source:
        return _convert(ref, source[name], making, place)
    reference = source.get(name + "Id", MISSING)
    if reference is not MISSING:
        return None if reference is None else _convert(ref, {"id": reference}, making, place)
    references = source.get(name.removesuffix("s") + "Ids", MISSING) if name.endswith("s") else MISSING
    if isinstance(references, list):
        return _convert(ref, [{"id": item} for item in references], making, place)
    translation = _first_translation(name, source)
    return MISSING if translation is MISSING else _convert(ref, translation, making, place)


def _first_translation(name: str, source: Json) -> Any:
    """The first of the `translations` of property `name` in `source`, or MISSING."""
    translations = source.get("translations")
    if isinstance(translations, dict) and isinstance(translations.get(name), list) and translations[name]:
        return translations[name][0]
    return MISSING


def _convert(ref: str, value: Any, making: _Making, place: str) -> Any:
    """`value` as the schema at `ref` wants it: as is when valid, else built from it, else MISSING."""
    if schemas.is_valid(ref, value):  # null too, where the schema allows it
        return _in_utc(ref, copy.deepcopy(value))
    kind = schemas.type_of(ref)
    if kind == "object" and isinstance(value, dict):
        return _build(schemas.non_null(ref), value, {}, making, place)
    if kind == "array" and isinstance(value, list):
        items = f"{schemas.non_null(ref)}/items"
        converted = [_convert(items, item, making, f"{place}[{index}]") for index, item in enumerate(value)]
        return [item for item in converted if item is not MISSING]
    return MISSING


def _in_utc(ref: str, value: Any) -> Any:
    """A valid `value` of the schema at `ref` with each date-time in it as Engage answers every one, whatever offset
    it was sent in: UTC, to the millisecond, `Z` (`2022-08-17T09:00:00.000Z`, the copied documentation's)."""
    if isinstance(value, str) and schemas.schema_at(schemas.non_null(ref)).get("format") == "date-time":
        return iso(parse_datetime(value).astimezone(UTC))
    if isinstance(value, list) and schemas.type_of(ref) == "array":
        items = f"{schemas.non_null(ref)}/items"
        return [_in_utc(items, item) for item in value]
    if isinstance(value, dict) and schemas.type_of(ref) == "object":
        known = schemas.properties(ref)
        return {name: _in_utc(known[name], item) if name in known else item for name, item in value.items()}
    return value


def request_defaults(op: Operation) -> Json:
    """The defaults the request body's schema documents for its top-level properties (`status`:
    `PENDING` for a new employee): what the API assumes for each the request leaves out."""
    if op.body is None or "application/json" not in op.body.get("content", {}):
        return {}
    return copy.deepcopy(_defaults(schemas.follow(schemas.content_schema(op, "requestBody"))))


def request_fields(op: Operation) -> frozenset[str]:
    """The top-level properties of the request body's schema (none without a JSON body)."""
    if op.body is None or "application/json" not in op.body.get("content", {}):
        return frozenset()
    return frozenset(schemas.properties(schemas.follow(schemas.content_schema(op, "requestBody"))))


@per_spec
def _defaults(body: str) -> Json:
    found = {name: schemas.schema_at(child).get("default", MISSING) for name, child in schemas.properties(body).items()}
    return {name: value for name, value in found.items() if value is not MISSING}


def path_context(segments: list[str]) -> Json:
    """`{"employeeId": "42", ...}` for the ids in a concrete path, to build references from."""
    return {singular(segments[index - 1]) + "Id": segments[index] for index in range(1, len(segments), 2)}


def matches(item: Json, name: str, wanted: list[Any]) -> bool:
    """Whether a list filter (query parameter `name`, e.g. `subject-id`) keeps `item`.

    The parameter names a property (`status`, `external-id` -> `externalId`, `available-role` ->
    `availableRoles`), a reference (`subject-id` -> `subject.id`) or, for appointments, a
    participant (`customer-id`). A filter that names nothing the item has keeps it, except
    `external-id`: the documented look-up by a caller's own id, which an item without one never matches.
    """
    if name == "external-id":
        return item.get("externalId") in wanted
    property_name = camel(name)
    for field_name in (property_name, property_name + "s"):
        if field_name in item:
            value = item[field_name]
            return any(one in wanted for one in value) if isinstance(value, list) else value in wanted
    if property_name.endswith("Id"):
        base = property_name.removesuffix("Id")
        if isinstance(item.get(base), dict):
            return item[base].get("id") in wanted
        participants = item.get("appointmentParticipants")
        if isinstance(participants, list):
            return any(
                p.get("type") == base.upper() and p.get("participant", {}).get("id") in wanted for p in participants
            )
    return True


def ensure_valid(ref: str, value: Any) -> None:
    """Refuse (400) a request whose result would not be a valid resource, so nothing invalid is stored."""
    problems = schemas.errors(ref, value, "result")
    if problems:
        raise FakeAPIError(400, "BAD_REQUEST", "The request does not make a valid resource: " + "; ".join(problems))
