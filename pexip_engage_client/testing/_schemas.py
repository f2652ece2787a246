"""JSON Schema work on the spec's schemas: validate a value (jsonschema, Draft 2020-12), and make a valid value.
The few formats the spec uses are checked here, the same everywhere: jsonschema checks some only with optional
packages installed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from .._base._refs import final_pointer, pointer
from .._base.timing import parse_date, parse_datetime
from ._spec import Json, Operation, per_spec, spec

_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", re.ASCII)
_DATE = re.compile(r"\d{4}-\d\d-\d\d", re.ASCII)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f<>\"{}|\\^`]*", re.ASCII)

FORMATS = FormatChecker(formats=())


def _conforms(pattern: re.Pattern[str], parse: Callable[[str], object], value: object) -> bool:
    """Whether a string has the format's shape and parses (a field out of range raises ValueError)."""
    if not isinstance(value, str):
        return True
    if pattern.fullmatch(value) is None:
        return False
    parse(value)
    return True


# The formats the spec uses: the shape of each, and what must also parse it (`str`: the shape says all).
_FORMAT_RULES: dict[str, tuple[re.Pattern[str], Callable[[str], object]]] = {
    "date-time": (_DATE_TIME, parse_datetime),
    "date": (_DATE, parse_date),
    "uri": (_URI, str),
}
for _name, (_pattern, _parse) in _FORMAT_RULES.items():
    FORMATS.checks(_name, raises=ValueError)(partial(_conforms, _pattern, _parse))


@per_spec
def _inlined(_: str) -> Json:
    """The spec with every `$ref` replaced by what it points to (it has no cycles): a reference lookup at every
    validation step would cost most of the fake's time."""
    document = spec().document
    done: dict[str, Any] = {}

    def inline(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                raise ValueError(f"openapi.yaml has a cycle through {ref}; the fake cannot inline it")
            if ref not in done:
                done[ref] = inline(pointer(document, ref), (*seen, ref))
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return {"allOf": [done[ref], inline(siblings, seen)]} if siblings else done[ref]
        return {key: inline(value, seen) for key, value in node.items()}

    result: Json = inline(document, ())
    return result


@per_spec
def validator(ref: str) -> Draft202012Validator:
    """A validator for the schema at `ref`, a JSON pointer into the spec such as `#/components/...`."""
    return Draft202012Validator(pointer(_inlined(""), ref), format_checker=FORMATS)


def errors(ref: str, value: Any, where: str) -> list[str]:
    """What is wrong with `value` against the schema at `ref`, one line each, naming the place."""
    found = sorted(validator(ref).iter_errors(value), key=lambda error: list(map(str, error.absolute_path)))
    return [f"{_place(where, error.absolute_path)}: {_short(_said(error))}" for error in found[:20]]


def _said(error: Any) -> str:
    """The validator's message, with the shape it wanted where it only says what it did not get
    (`'Consult' is not valid under any of the given schemas`: a subject's name is `{language, value}`)."""
    if error.validator in ("oneOf", "anyOf"):
        return f"{error.instance!r:.100} is not {_shape(error.schema)}"
    if error.validator == "type":
        return f"{error.message}: {_shape(error.schema)}"
    return str(error.message)


# The spec's schemas are inlined without cycles (`_inlined`), so a walk of one ends.
_KIND_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false"}
# How the shapes of a combination's parts read as one: allOf's first part says what it is.
_COMBINED: dict[str, Callable[[list[str]], str]] = {
    "allOf": lambda parts: parts[0],
    "oneOf": " or ".join,
    "anyOf": " or ".join,
}


def _shape(schema: dict[str, Any]) -> str:
    """`an object {language, value}`, `a string`, `null`: a schema in a few words, for a message."""
    for key, joined in _COMBINED.items():
        if schema.get(key):
            return joined([_shape(part) for part in schema[key]])
    kinds = "enum" if "enum" in schema else schema.get("type", "object")
    return " or ".join(_kind_shape(kind, schema) for kind in (kinds if isinstance(kinds, list) else [kinds]))


def _kind_shape(kind: str, schema: dict[str, Any]) -> str:
    if kind == "object":
        return "an object {" + ", ".join(schema.get("required") or list(schema.get("properties", {}))[:8]) + "}"
    if kind == "array":
        return f"an array of {_shape(schema.get('items', {}))}"
    if kind == "enum":
        return "one of " + ", ".join(map(repr, schema["enum"][:8]))
    return _KIND_WORDS.get(kind, str(kind))


def _place(where: str, path: Any) -> str:
    return where + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


# --- Walking schemas by JSON pointer (so that any subschema can be validated with `$ref`s intact) ---


def pointer_to(*parts: str) -> str:
    """A JSON pointer into the spec from unescaped parts: `pointer_to("paths", "/a/{id}", "get")`."""
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def pointer_to_child(ref: str, *parts: str) -> str:
    """The pointer `ref` extended by unescaped parts."""
    return ref + pointer_to(*parts).removeprefix("#")


def operation_pointer(op: Operation, *parts: str) -> str:
    """A pointer into `op`'s object in the spec: `operation_pointer(op, "parameters", "0")`."""
    return pointer_to("paths", op.path, op.method.lower(), *parts)


def content_schema(op: Operation, *parts: str, media_type: str = "application/json") -> str:
    """The pointer to the schema of `op`'s content at `parts` (`"requestBody"`, or `"responses", "200"`)."""
    return pointer_to_child(follow(operation_pointer(op, *parts)), "content", media_type, "schema")


@per_spec
def follow(ref: str) -> str:
    """`ref` after following any `$ref`s at it."""
    return final_pointer(spec().document, ref)


@per_spec
def schema_at(ref: str) -> Json:
    node = pointer(spec().document, follow(ref))
    return node if isinstance(node, dict) else {}


def _branches(ref: str) -> list[str]:
    """Pointers to the `oneOf` and `anyOf` branches of the schema at `ref`."""
    ref, schema = follow(ref), schema_at(ref)
    return [f"{ref}/{key}/{index}" for key in ("oneOf", "anyOf") for index in range(len(schema.get(key, [])))]


@per_spec
def non_null(ref: str) -> str:
    """The first branch of the schema at `ref` that is not `null` (for `oneOf: [X, null]`)."""
    branch = next((branch for branch in _branches(ref) if schema_at(branch).get("type") != "null"), None)
    return follow(ref) if branch is None else non_null(branch)


@per_spec
def nullable(ref: str) -> bool:
    types = schema_at(ref).get("type")
    if isinstance(types, list):
        return "null" in types
    return any(schema_at(branch).get("type") == "null" for branch in _branches(ref))


@per_spec
def type_of(ref: str) -> str:
    """The schema's JSON type, ignoring `null` (object when it does not say)."""
    types = schema_at(non_null(ref)).get("type", "object")
    if isinstance(types, list):
        return next((kind for kind in types if kind != "null"), "null")
    return str(types)


@per_spec
def properties(ref: str) -> dict[str, str]:
    """Property name -> pointer to its schema, for an object schema (`allOf` branches merged)."""
    ref = non_null(ref)
    found = {name: f"{ref}/properties/{name}" for name in schema_at(ref).get("properties", {})}
    for index in range(len(schema_at(ref).get("allOf", []))):
        found = {**properties(f"{ref}/allOf/{index}"), **found}
    return found


@per_spec
def required(ref: str) -> frozenset[str]:
    ref = non_null(ref)
    found = frozenset(schema_at(ref).get("required", ()))
    for index in range(len(schema_at(ref).get("allOf", []))):
        found |= required(f"{ref}/allOf/{index}")
    return found


def is_valid(ref: str, value: Any) -> bool:
    return bool(validator(ref).is_valid(value))


def default_value(ref: str, now: str) -> Any:
    """The plainest value the schema allows: what the fake fills in where nobody said otherwise."""
    ref = non_null(ref)
    schema = schema_at(ref)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = type_of(ref)
    if kind == "array":
        return [default_value(f"{ref}/items", now) for _ in range(schema.get("minItems", 0))]
    if kind == "object":
        return {
            name: new_id() if name == "id" else default_value(child, now)
            for name, child in properties(ref).items()
            if name in required(ref)
        }
    return _default_scalar(kind, schema, now)


def _default_scalar(kind: str, schema: Json, now: str) -> Any:
    if kind == "string":
        return _default_string(schema, now)
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 0), schema.get("exclusiveMinimum", -1) + 1)
    return False if kind == "boolean" else None


def _default_string(schema: Json, now: str) -> str:
    by_format = _FORMAT_DEFAULTS.get(schema.get("format"))
    return by_format(now) if by_format else "x" * max(int(schema.get("minLength", 1)), 1)


# The plainest string of each format the spec uses, from the fake's current time.
_FORMAT_DEFAULTS: dict[Any, Callable[[str], str]] = {
    "date-time": lambda now: now,
    "date": lambda now: now[:10],
    "uri": lambda now: "https://example.com/",
}


def new_id() -> str:
    return str(uuid.uuid4())
