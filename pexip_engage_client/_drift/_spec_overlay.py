"""What the API was seen to send, as an OpenAPI Overlay 1.0.0 that makes openapi.yaml accept it.

Only target strings are written here (RFC 9535 normalized paths), no JSONPath library (docs/spec-drift.md, "The
overlay")."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._base._refs import final_pointer

__all__ = ["overlay_from_records"]

_Location = tuple[str | int, ...]
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_JSON_TYPES = ("null", "boolean", "object", "array", "number", "string", "integer")
_COMBINATIONS = ("allOf", "oneOf", "anyOf")
# What makes a schema what it is, besides `type`: moved into a `oneOf` branch when a type joins.
_DEFINING = ("$ref", "allOf", "enum", "const")


@dataclass
class _Changes:
    """Every change the records ask for, by the schema location it touches (one action or pair each)."""

    types: dict[_Location, list[str]] = field(default_factory=dict)  # a schema -> JSON types to accept
    unrequired: dict[_Location, list[str]] = field(default_factory=dict)  # an object schema -> names
    enums: dict[_Location, list[Any]] = field(default_factory=dict)  # a schema with `enum` -> values
    fields: dict[_Location, dict[str, str]] = field(default_factory=dict)  # an object schema -> name: type
    statuses: dict[_Location, list[str]] = field(default_factory=dict)  # an operation -> statuses
    codes: dict[_Location, list[str]] = field(default_factory=dict)  # an operation -> error codes
    why: dict[tuple[str, _Location], list[str]] = field(default_factory=dict)  # what each change is for
    unplaced: list[str] = field(default_factory=list)  # records no schema of the spec could take


def overlay_from_records(records: Iterable[Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """An OpenAPI Overlay 1.0.0 document (a dict) that makes `spec` accept what `records` (duck-typed
    `SpecDriftRecord`s) saw."""
    document = dict(spec)
    changes = _Changes()
    for record in records:
        _place(record, document, changes)
    actions = _actions(document, changes)
    info: dict[str, Any] = {
        "title": "What the Pexip Engage API was seen to send beyond openapi.yaml",
        "version": "1.0.0",
    }
    if changes.unplaced:
        info["description"] = "Seen but not placed in openapi.yaml: " + "; ".join(changes.unplaced)
    return {"overlay": "1.0.0", "info": info, "actions": actions}


# --- Placing each record in the spec ---------------------------------------------------------------


def _place(record: Any, document: Mapping[str, Any], changes: _Changes) -> None:
    operation, pointer, kind = str(record.operation), str(record.pointer), str(record.kind)
    label = f"{operation} {pointer or '/'}: {kind}"
    found = _operation(document, operation)
    if found is None:
        changes.unplaced.append(f"{label} (no operation {operation})")
        return
    if kind in ("status", "error_code"):
        value = str(record.actual)
        bucket = changes.statuses if kind == "status" else changes.codes
        _add(bucket, found, value)
        changes.why.setdefault((kind, found), []).append(f"{label} {value}")
        return
    body = _body_schema(document, found)
    placed = None if body is None else _place_in_schema(document, body, record, changes)
    if placed is None:
        changes.unplaced.append(f"{label} (no such place in its schema)")
        return
    changes.why.setdefault(placed, []).append(label)


def _place_in_schema(
    document: Mapping[str, Any], body: _Location, record: Any, changes: _Changes
) -> tuple[str, _Location] | None:
    """Record the change `record` asks for (seen in the body at `body`); the (kind, location) it changes, or None."""
    kind, tokens = str(record.kind), _tokens(str(record.pointer))
    if kind in ("missing", "field"):
        return _place_name(document, body, tokens, record, changes) if tokens else None
    at = _walk(document, body, tokens)
    if at is None or kind not in ("enum", "null", "type"):
        return None
    if kind != "enum":
        _add(changes.types, at, "null" if kind == "null" else _json_type(record.actual))
        return "type", at
    holder = next((b for b in _branches(document, at) if isinstance(_at(document, b).get("enum"), list)), None)
    if holder is None:
        return None
    if record.actual not in _at(document, holder)["enum"]:
        _add(changes.enums, holder, record.actual)
    return "enum", holder


def _place_name(
    document: Mapping[str, Any], body: _Location, tokens: list[str], record: Any, changes: _Changes
) -> tuple[str, _Location] | None:
    """A field seen missing (out of `required`) or new (into `properties`) in the object holding it."""
    parent = _walk(document, body, tokens[:-1])
    name = tokens[-1]
    if parent is None:
        return None
    if str(record.kind) == "missing":
        holder = next((b for b in _branches(document, parent) if name in _at(document, b).get("required", ())), None)
        if holder is None:
            return None
        _add(changes.unrequired, holder, name)
        return "missing", (*holder, "required", name)
    holder = _field_holder(document, parent)
    if holder is None:
        return None
    changes.fields.setdefault(holder, {}).setdefault(name, _json_type(record.actual))
    return "field", holder


def _operation(document: Mapping[str, Any], operation_id: str) -> _Location | None:
    for section in ("paths", "webhooks"):
        for path, item in (document.get(section) or {}).items():
            for method in _METHODS:
                operation = item.get(method) if isinstance(item, Mapping) else None
                if isinstance(operation, Mapping) and operation.get("operationId") == operation_id:
                    return (section, path, method)
    return None


def _body_schema(document: Mapping[str, Any], operation: _Location) -> _Location | None:
    """The JSON schema of what the operation brings in: its lowest 2xx answer, or a webhook's body."""
    node = _at(document, operation)
    if operation[0] == "webhooks":
        return _json_schema(document, (*operation, "requestBody"))
    statuses = sorted(str(code) for code in node.get("responses", {}) if str(code).startswith("2"))
    for status in statuses:
        found = _json_schema(document, (*operation, "responses", status))
        if found is not None:
            return found
    return None


def _json_schema(document: Mapping[str, Any], location: _Location) -> _Location | None:
    location = _follow(document, location)
    content = _at(document, location).get("content") or {}
    media = next((name for name in content if name.split(";")[0].strip().endswith("json")), None)
    return None if media is None else (*location, "content", media, "schema")


def _walk(document: Mapping[str, Any], location: _Location, tokens: list[str]) -> _Location | None:
    """The location of the schema a body pointer reaches (the property's own node, not followed); `*` is an array's
    items (a property named `items` is a property)."""
    for part in tokens:
        found = None
        for branch in _branches(document, location):
            node = _at(document, branch)
            if part == "*" and isinstance(node.get("items"), Mapping):
                found = (*branch, "items")
            elif part != "*" and part in (node.get("properties") or {}):
                found = (*branch, "properties", part)
            if found is not None:
                break
        if found is None:
            return None
        location = found
    return location


def _branches(document: Mapping[str, Any], location: _Location) -> Iterator[_Location]:
    """The schema at `location` and every schema it is made of: `$ref`s followed, combinations
    entered (a `null` branch of a nullable `oneOf` holds nothing worth yielding)."""
    location = _follow(document, location)
    node = _at(document, location)
    if not isinstance(node, Mapping) or node.get("type") == "null":
        return
    yield location
    for key in _COMBINATIONS:
        for index in range(len(node.get(key) or ())):
            yield from _branches(document, (*location, key, index))


def _field_holder(document: Mapping[str, Any], location: _Location) -> _Location | None:
    """Where a new field of the object at `location` goes: the schema or an unshared branch with properties."""
    base = _follow(document, location)
    candidates = [b for b in _branches(document, location) if _kind_of(_at(document, b)) == "object"]
    with_properties = [b for b in candidates if "properties" in _at(document, b)]
    written_here = [b for b in with_properties if b[: len(base)] == base]
    return next(iter(written_here or with_properties or candidates), None)


def _kind_of(node: Mapping[str, Any]) -> str | None:
    kind = node.get("type")
    if isinstance(kind, list):
        return "object" if "object" in kind else None
    return str(kind) if kind is not None else ("object" if "properties" in node else None)


# --- Writing the actions ---------------------------------------------------------------------------


def _actions(document: Mapping[str, Any], changes: _Changes) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = []
    for holder, names in changes.unrequired.items():
        for name in names:
            target = f"{_path((*holder, 'required'))}[?@ == {_quote(name)}]"
            actions.append(_action(target, "remove", True, changes.why[("missing", (*holder, "required", name))]))
    for location, kinds in changes.types.items():
        actions += _type_actions(document, location, kinds, changes.why[("type", location)])
    for location, values in changes.enums.items():
        actions.append(_action(_path((*location, "enum")), "update", values, changes.why[("enum", location)]))
    for holder, new in changes.fields.items():
        actions += _field_actions(document, holder, new, changes.why[("field", holder)])
    for operation, statuses in changes.statuses.items():
        actions.append(_status_action(document, operation, statuses, changes.why[("status", operation)]))
    for operation, codes in changes.codes.items():
        actions.append(_codes_action(document, operation, codes, changes.why[("error_code", operation)]))
    return actions


def _field_actions(document: Mapping[str, Any], holder: _Location, new: dict[str, str], why: list[str]) -> list[Any]:
    """The action that adds the object schema's `new` fields (name: JSON type) it does not have yet."""
    node = _at(document, holder)
    schemas = {name: {"type": kind} for name, kind in new.items() if name not in (node.get("properties") or {})}
    if not schemas:
        return []
    where, update = ((*holder, "properties"), schemas) if "properties" in node else (holder, {"properties": schemas})
    return [_action(_path(where), "update", update, why)]


def _type_actions(document: Mapping[str, Any], location: _Location, kinds: list[str], why: list[str]) -> list[Any]:
    """Actions that make the schema at `location` accept values of `kinds` too."""
    node = _at(document, location)
    declared = node.get("type")
    new = [kind for kind in kinds if not _accepts(node, kind)]
    if not new or not any(key in node for key in ("type", "$ref", "enum", "const", *_COMBINATIONS)):
        return []  # nothing to do, or a schema that says nothing of the type (it accepts any)
    if _defined_without_type(node):
        return _one_of_actions(node, location, new, why)
    if declared is None:
        combination = "oneOf" if "oneOf" in node else "anyOf"
        return [_action(_path((*location, combination)), "update", [{"type": kind} for kind in new], why)]
    return _typed_actions(node, location, new, why)


def _defined_without_type(node: Mapping[str, Any]) -> bool:
    """A `$ref`, an `allOf`, or an `enum` or `const` alone: no `type`, nor a `oneOf` to add one to."""
    untyped = node.get("type") is None and not any(key in node for key in ("oneOf", "anyOf"))
    return "$ref" in node or "allOf" in node or untyped


def _one_of_actions(node: Mapping[str, Any], location: _Location, new: list[str], why: list[str]) -> list[Any]:
    """A `$ref` (or a composition, an enum) cannot take a type beside it: what defines the schema moves into the first
    branch of a new `oneOf`, in place; the `oneOf` is added, then the keys it took removed."""
    moved = {key: copy.deepcopy(node[key]) for key in _DEFINING if key in node}
    update = {"oneOf": [moved, *({"type": kind} for kind in new)]}
    return [_action(_path(location), "update", update, why)] + [
        _action(_path((*location, key)), "remove", True, why) for key in moved
    ]


def _typed_actions(node: Mapping[str, Any], location: _Location, new: list[str], why: list[str]) -> list[Any]:
    """The `new` types joining the schema's `type` (a name becomes a list: removed, written again)."""
    declared, target = node["type"], _path(location)
    if isinstance(declared, list):
        actions = [_action(target, "update", {"type": new}, why)]
    else:
        actions = [_action(_path((*location, "type")), "remove", True, why)]
        actions.append(_action(target, "update", {"type": [declared, *new]}, why))
    if "null" in new and isinstance(node.get("enum"), list) and None not in node["enum"]:
        actions.append(_action(_path((*location, "enum")), "update", [None], why))
    return actions


def _accepts(node: Mapping[str, Any], kind: str) -> bool:
    declared = node.get("type")
    kinds = declared if isinstance(declared, list) else [declared]
    return kind in kinds or (kind == "integer" and "number" in kinds)


def _status_action(document: Mapping[str, Any], operation: _Location, statuses: list[str], why: list[str]) -> Any:
    responses = _at(document, operation).get("responses") or {}
    error_schema = "#/components/schemas/ErrorResponse"
    has_errors = "ErrorResponse" in ((document.get("components") or {}).get("schemas") or {})
    update: dict[str, Any] = {}
    for status in statuses:
        if status in responses:
            continue
        answer: dict[str, Any] = {"description": "Seen from the API; not in its documentation."}
        if has_errors and status[:1] in ("4", "5"):
            answer["content"] = {"application/json": {"schema": {"$ref": error_schema}}}
        update[status] = answer
    return _action(_path((*operation, "responses")), "update", update, why)


def _codes_action(document: Mapping[str, Any], operation: _Location, codes: list[str], why: list[str]) -> Any:
    known = _at(document, operation).get("x-business-error-codes")
    if isinstance(known, list):
        new = [code for code in codes if code not in known]
        return _action(_path((*operation, "x-business-error-codes")), "update", new, why)
    return _action(_path(operation), "update", {"x-business-error-codes": codes}, why)


def _action(target: str, verb: str, value: Any, why: list[str]) -> dict[str, Any]:
    seen = sorted(set(why))
    return {"target": target, "description": "Seen: " + "; ".join(seen[:10]), verb: value}


# --- Small helpers ---------------------------------------------------------------------------------


def _add(bucket: dict[_Location, list[Any]], location: _Location, value: Any) -> None:
    values = bucket.setdefault(location, [])
    if value not in values:
        values.append(value)


def _json_type(actual: Any) -> str:
    """The JSON type a record names (`"string"`...): `SpecDriftRecord.actual` is one for `type` and `field`."""
    return str(actual) if actual in _JSON_TYPES else "string"


def _tokens(pointer: str) -> list[str]:
    """A JSON Pointer's reference tokens, unescaped (`~1` is `/`, `~0` is `~`)."""
    if pointer in ("", "/"):
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.removeprefix("/").split("/")]


def _at(document: Mapping[str, Any], location: _Location) -> Any:
    node: Any = document
    for part in location:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _follow(document: Mapping[str, Any], location: _Location) -> _Location:
    """`location` after following the `$ref`s at it (local ones; the project's one resolver)."""
    node = _at(document, location)
    if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
        return location
    ref = final_pointer(dict(document), node["$ref"])
    return tuple(_tokens(ref.removeprefix("#")))


def _path(location: _Location) -> str:
    """The RFC 9535 normalized path of a location: `$['components']['schemas']['A']`."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f"[{_quote(part)}]" for part in location)


_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "'": "\\'", "\\": "\\\\"}


def _quote(name: str) -> str:
    """A name as an RFC 9535 normalized path writes it: single quotes, with its escapes."""
    escaped = "".join(_ESCAPES.get(char, f"\\u{ord(char):04x}" if ord(char) < 0x20 else char) for char in name)
    return f"'{escaped}'"
