"""What the fake does with a valid request: the same few steps for every operation.

Every id in the path and every `...Id` in the body must name an existing item (404); then the
operation's `shape` serves it, and its documented rules (`_rules.py`) may refuse it with a 422 or,
for `/_actions/` transitions, make it. What each step does: docs/testing.md, "It keeps state".
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any

from .._base.timing import parse_date, parse_datetime
from . import _documents as documents
from . import _resources as resources
from . import _rules as rules
from . import _schemas as schemas
from ._assumptions import check_required_fields
from ._errors import FakeAPIError, not_found
from ._resources import Call, collections, normalise
from ._spec import Json, Operation, per_spec, spec

# How the fake serves an operation (`shape`), by what its path names (`_path_kind`) and its method.
_SHAPES: dict[tuple[str | None, str], str] = {
    ("collection", "GET"): "list",
    ("collection", "POST"): "create",
    ("item", "GET"): "read",
    ("item", "PATCH"): "update",
    ("item", "PUT"): "update",
    ("collection action", "POST"): "create",  # an action creating an item, like the invite
    ("document", "GET"): "get-document",
    ("document", "PUT"): "put-document",
    ("document", "POST"): "add-to-document",
    ("document", "PATCH"): "patch-document",
}


def shape(op: Operation) -> str | None:
    """How the fake serves an operation, read from its method and path; None if it cannot."""
    if rules.action(op.operation_id) is not None:
        return "action"
    return _SHAPES.get((_path_kind(op), op.method))


def _path_kind(op: Operation) -> str | None:
    """What an operation's path names: a collection, an item of one, an action on one, or a document."""
    kind = normalise(op.path)
    if "/_actions/" in kind:
        return "collection action" if kind.split("/_actions/")[0] in collections() else None
    if kind in collections():
        return "collection"
    if kind.removesuffix("/{}") in collections():
        return "item"
    return "document" if resources.data_pointer(op) is not None else None


def handle(call: Call) -> tuple[int, Any]:
    """The status and JSON body answering a valid request."""
    how = shape(call.op)
    if call.body is None and call.op.body is not None:  # an optional body left out: nothing to change
        call.body = {}
    if how is None:
        raise FakeAPIError(500, "NOT_SERVED", f"The fake does not serve {call.op.operation_id}")
    _check_path_ids(call)
    _check_body_references(call, call.body)
    check_required_fields(call.op.operation_id, call.body, call.assumed)
    if how == "update":
        _check_nothing_required_cleared(call)
    try:
        return call.op.success_status, _SERVE[how](call)
    except resources.UnsentError as unsent:
        raise _invented_refusal(call, unsent) from None


def _check_nothing_required_cleared(call: Call) -> None:
    """A 400 naming each field an update sets to null that its collection's create requires: an item
    never exists without what it could not be made without (an employee's `email`)."""
    required = _required_to_create(normalise(call.op.path).removesuffix("/{}"))
    cleared = sorted(
        name for name in required if isinstance(call.body, dict) and name in call.body and call.body[name] is None
    )
    if cleared:
        messages = [
            f"body.{name}: null: {call.op.operation_id} cannot clear what a create requires" for name in cleared
        ]
        raise FakeAPIError(400, "BAD_REQUEST", messages[0], messages=messages)


@per_spec
def _required_to_create(collection: str) -> frozenset[str]:
    """The body fields the create of `collection` (a POST to it) requires; none if it has no create."""
    for op in spec().operations:
        if op.method == "POST" and normalise(op.path) == collection and op.body is not None:
            return schemas.required(schemas.follow(schemas.content_schema(op, "requestBody")))
    return frozenset()


def _invented_refusal(call: Call, unsent: resources.UnsentError) -> FakeAPIError:
    """The 400 of a request that gives nothing for values its resource must hold (`UnsentError`),
    one item each, naming the request's field: `body.subjectId` for an appointment's `subject`."""
    given = resources.request_fields(call.op)
    messages = [
        f"body.{_request_field(place, given)}: required: every {schema} holds {place.rsplit('.', 1)[-1]}, and "
        "nothing but this request can give it (the fake fills in nothing)"
        for place, schema in unsent.unsent
    ]
    return FakeAPIError(400, "BAD_REQUEST", messages[0], messages=messages)


def _request_field(place: str, given: frozenset[str]) -> str:
    """The request's name for the answer's field at `place`: `subjectId` for `subject`, `translations.name`."""
    top, _, rest = place.partition(".")
    head = top.split("[", 1)[0]
    named = next((name for name in (head, head + "Id", head.removesuffix("s") + "Ids") if name in given), None)
    if named is None and "translations" in given:
        named = f"translations.{head}"
    return place if named is None else named + top[len(head) :] + (f".{rest}" if rest else "")


def _envelope(call: Call, data: Any) -> Json | None:
    return None if resources.data_pointer(call.op) is None else {"data": data}


def _check_path_ids(call: Call) -> None:
    """Every id in the path names an item of its collection (an item past its `expiresAt` is gone)."""
    template = normalise(call.op.path).split("/")  # ["", "employees", "{}", ...]
    for index, literal in enumerate(call.op.segments[1:], start=1):
        if literal is not None:
            continue
        if "/".join(template[: index + 1]) in collections():  # nested, as in the template
            collection = "/" + "/".join(call.segments[:index])
        elif "/" + call.segments[index - 1] in collections():  # below another item, a top-level one
            collection = "/" + call.segments[index - 1]
        else:
            continue
        item_id = call.segments[index]
        item = call.store.find(collection, item_id)
        if item is None or rules.expired(item, call.now):
            call.store.collection(collection).pop(item_id, None)
            raise not_found(call.op, item_id, resources.singular(call.segments[index - 1]))


def _check_body_references(call: Call, value: Any) -> None:
    """Every `fooId` / `fooIds` in the body that names a known collection must name an existing item."""
    if isinstance(value, list):
        for item in value:
            _check_body_references(call, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.endswith(("Id", "Ids")):
                _check_references(call, value, key, item)
            else:
                _check_body_references(call, item)


def _check_references(call: Call, owner: Json, key: str, ids: Any) -> None:
    """The items `owner[key]` (an id, or a list of them) names exist, if `key` names a known collection."""
    name = key.removesuffix("s").removesuffix("Id")
    if name == "participant" and isinstance(owner.get("type"), str):  # a participant's type says which
        name = owner["type"].lower()
    collection = _referenced_collection(call, name)
    if collection is None:
        return
    for reference in ids if isinstance(ids, list) else [ids]:
        if isinstance(reference, str) and call.store.find(collection, reference) is None:
            raise not_found(call.op, reference, name)


def _referenced_collection(call: Call, name: str) -> str | None:
    """The concrete collection an `<name>Id` refers to: nested under this path (the deepest), else top level."""
    plural = re.sub("([A-Z])", r"-\1", name).lower() + "s"
    for depth in range(len(call.segments) // 2 * 2, -1, -2):  # a collection is below an item, or the root
        candidate = [*call.segments[:depth], plural]
        if resources.normalise_concrete(candidate) in collections():
            return "/" + "/".join(candidate)
    return None


def _create(call: Call) -> Json:
    kind = normalise(call.op.path).split("/_actions/")[0]
    collection = call.concrete.split("/_actions/")[0]
    item_ref = resources.item_ref(call.op)
    source = {**resources.path_context(call.segments), **rules.prepare(call, _with_defaults(call))}
    item = resources.build(item_ref, source, call.now)
    if kind in collections() and "id" not in item:
        # An item the documentation shows without its properties (a listing) is still kept, and
        # found, by an id: one its open schema allows.
        item["id"] = schemas.new_id()
    rules.check(call, item, None)
    resources.ensure_valid(item_ref, item)
    if kind in collections():
        call.store.collection(collection)[item["id"]] = item
    return item


def _with_defaults(call: Call) -> Json:
    """A create's body with the defaults its schema documents for what it leaves out or sends null."""
    given = {name: value for name, value in call.body.items() if value is not None}
    return {**call.body, **resources.request_defaults(call.op), **given}


def _update(call: Call, existing: Json) -> Json:
    """PATCH: what the body leaves out stays. PUT: the body is the whole item (its id and creation stay)."""
    item_ref = resources.item_ref(call.op)
    source = rules.prepare(call, call.body)
    if call.op.method == "PUT":
        source = {**resources.path_context(call.segments[:-1]), **source}
        existing = {name: existing[name] for name in ("id", "createdAt") if name in existing}
    item = resources.build(item_ref, source, call.now, existing=existing)
    if "updatedAt" in item:
        item["updatedAt"] = call.now
    rules.check(call, item, existing)
    resources.ensure_valid(item_ref, item)
    call.store.collection(call.parent())[item["id"]] = item
    return item


def _put_document(call: Call) -> Json:
    """PUT at a path that is not a collection: the body (an object, or a list of items) is what is there."""
    data_ref = resources.data_ref(call.op)
    # What the path and the query name (an office's coverage regions: `office-id`, `subject-id`).
    named = {resources.camel(name): value for name, value in call.query.items() if name.endswith("-id")}
    _check_body_references(call, named)  # as a body's ids: each must name an item
    context = {
        **{name: value for name, value in named.items() if isinstance(value, str)},
        **resources.path_context(call.segments),
    }
    if schemas.type_of(data_ref) == "array":
        items = f"{schemas.non_null(data_ref)}/items"
        data: Any = [resources.build(items, {**context, **entry}, call.now) for entry in call.body]
    else:
        data = resources.build(data_ref, {**context, **call.body}, call.now)
    resources.ensure_valid(data_ref, data)
    call.store.documents[call.concrete] = data
    return {"data": data}


def _add_to_document(call: Call) -> Json:
    """POST to a list whose items have no ids (applied templates)."""
    data_ref = resources.data_ref(call.op)
    source = {**resources.path_context(call.segments), **rules.prepare(call, _with_defaults(call))}
    item = resources.build(schemas.non_null(data_ref), source, call.now)
    rules.check(call, item, None)
    resources.ensure_valid(data_ref, item)
    call.store.documents.setdefault(call.concrete, []).append(item)
    return {"data": item}


def _get_document(call: Call) -> Json:
    """The data at a path that is not a collection: what was PUT or POSTed there, or seeded, or a default."""
    data_ref = resources.data_ref(call.op)
    stored = call.store.documents.get(call.concrete)
    if stored is None:
        stored = [] if schemas.type_of(data_ref) == "array" else schemas.default_value(data_ref, call.now)
    return _list(call, stored) if isinstance(stored, list) else {"data": stored}


def _stored(call: Call) -> Json:
    """The item the path names (its parent collection, then its id)."""
    return call.store.collection(call.parent())[call.segments[-1]]


# How each shape of operation (`shape`) is answered: the JSON body.
_SERVE: dict[str, Callable[[Call], Any]] = {
    "action": lambda call: _envelope(call, rules.run_action(call)),
    "read": lambda call: _envelope(call, _stored(call)),
    "update": lambda call: _envelope(call, _update(call, _stored(call))),
    "list": lambda call: _list(call, list(call.store.collection(call.concrete).values())),
    "create": lambda call: _envelope(call, _create(call)),
    "get-document": _get_document,
    "put-document": _put_document,
    "add-to-document": _add_to_document,
    "patch-document": lambda call: {"data": documents.patch_document(call, resources.data_ref(call.op))},
}


def _list(call: Call, items: list[Json]) -> Json:
    for name, wanted in call.query.items():
        if name in ("offset", "limit") or isinstance(wanted, dict):  # an object filter (a location): kept
            continue
        items = [item for item in items if _passes_filter(item, name, wanted)]
    if not resources.envelope_has_meta(call.op) and "limit" not in call.query:
        return {"data": items}
    offset, limit = call.query.get("offset", 0), call.query.get("limit", 25)
    return {
        "data": items[offset : offset + limit],
        "meta": {"offset": offset, "limit": limit, "totalCount": len(items)},
    }


# The time filters keep what overlaps the window [from, to): an item whose end is after `from` and
# whose start is before `to` (the pages name the window's bounds, not the comparison: the reading
# that loses nothing at the window's edges, docs/testing.md). An item's start and end: its first pair
# of these that it has; one that ends where it starts is an instant, kept when from <= it < to.
_TIME_SPANS = (("start", "end"), ("earliestPossible", "latestPossible"))


def _passes_filter(item: Json, name: str, wanted: Any) -> bool:
    """Whether a list keeps `item` under query filter `name` asking for `wanted`."""
    if name not in ("from", "to"):
        return resources.matches(item, name, wanted if isinstance(wanted, list) else [wanted])
    span = next(
        ((item[first], item.get(second)) for first, second in _TIME_SPANS if isinstance(item.get(first), str)), None
    )
    if span is None:
        return _day_passes_filter(item.get("date"), name, wanted)
    start = parse_datetime(span[0])
    end = parse_datetime(span[1]) if isinstance(span[1], str) else start
    bound = parse_datetime(wanted)
    if name == "to":
        return start < bound
    return end > bound if end > start else start >= bound


def _day_passes_filter(day: Any, name: str, wanted: str) -> bool:
    """An item dated without an instant (a listing time slot, in its listing's time zone): by its day,
    which the window's days take in whole (a day the window touches at all is in)."""
    try:
        on = parse_date(day) if isinstance(day, str) else None
    except ValueError:
        on = None
    within = operator.ge if name == "from" else operator.le
    return on is None or within(on, parse_datetime(wanted).date())
