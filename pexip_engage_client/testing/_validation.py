"""Requests and responses checked against the spec: parameters, headers, content type and bodies.

Query and path values arrive as text; they are turned into the type their schema names (integers,
numbers, booleans, arrays from repeated parameters) and then validated like any JSON value, so
every rule in openapi.yaml (enums, bounds, lengths, formats, closed objects) applies as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import httpx2

from . import _schemas as schemas
from ._errors import FakeAPIError
from ._spec import Operation


def request_values(op: Operation, path: Mapping[str, str], request: httpx2.Request) -> tuple[dict[str, Any], Any]:
    """The request's query values (typed) and JSON body, or a 400 naming everything that is wrong."""
    refs = [_parameter_schema(op, index) for index in range(len(op.parameters))]
    declared = _query_names(op, refs)
    problems = [
        f"query.{name}: is not a parameter of {op.operation_id}"
        for name in dict.fromkeys(request.url.params)
        if name not in declared
    ]
    query = _parameters(op, refs, path, request, problems)
    body = _body(op, request, problems)
    if problems:
        raise FakeAPIError(400, "BAD_REQUEST", problems[0], messages=problems)
    return query, body


def _parameters(
    op: Operation, refs: list[str], path: Mapping[str, str], request: httpx2.Request, problems: list[str]
) -> dict[str, Any]:
    """The query's values (typed), each parameter's problems added to `problems`."""
    query: dict[str, Any] = {}
    for parameter, ref in zip(op.parameters, refs, strict=True):
        location, name = parameter["in"], parameter["name"]
        value = _value(location, name, ref, request, path)
        if value is _ABSENT:
            if parameter.get("required"):
                problems.append(f"{location}.{name}: is required")
        elif value is _REPEATED:
            problems.append(f"{location}.{name}: is given more than once")
        else:
            problems += schemas.errors(ref, value, f"{location}.{name}")
            if location == "query":  # an invalid value is never read: the request is refused
                query[name] = value
    return query


def _query_names(op: Operation, refs: list[str]) -> set[str]:
    """The names the query may carry: an object parameter is exploded, one name per property."""
    names: set[str] = set()
    for parameter, ref in zip(op.parameters, refs, strict=True):
        if parameter["in"] == "query":
            names |= set(schemas.properties(ref)) if schemas.type_of(ref) == "object" else {parameter["name"]}
    return names


def _value(location: str, name: str, ref: str, request: httpx2.Request, path: Mapping[str, str]) -> Any:
    """A parameter's value, typed by its schema; _ABSENT or _REPEATED when it cannot be one."""
    if location == "query" and schemas.type_of(ref) == "object":
        params = request.url.params
        members = schemas.properties(ref).items()
        value = {key: _typed(child, params.get_list(key)) for key, child in members if key in params}
        if any(item is _REPEATED for item in value.values()):
            return _REPEATED
        return value or _ABSENT
    raws = _RAW_VALUES[location](request, path, name)
    return _typed(ref, raws) if raws else _ABSENT


# A parameter's values as text, by where it is.
_RAW_VALUES: dict[str, Callable[[httpx2.Request, Mapping[str, str], str], list[str]]] = {
    "query": lambda request, path, name: request.url.params.get_list(name),
    "header": lambda request, path, name: request.headers.get_list(name),
    "path": lambda request, path, name: [path[name]] if name in path else [],
    "cookie": lambda request, path, name: [],  # none in the spec; were one added, it would read as absent
}


def _parameter_schema(op: Operation, index: int) -> str:
    return schemas.pointer_to_child(schemas.follow(schemas.operation_pointer(op, "parameters", str(index))), "schema")


_REPEATED: Any = object()
_ABSENT: Any = object()
_INTEGER = re.compile(r"-?\d+", re.ASCII)
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", re.ASCII)
# By schema type: whether a text reads as one, and the value it reads as.
_SCALARS: dict[str, tuple[Callable[[str], object], Callable[[str], Any]]] = {
    "integer": (_INTEGER.fullmatch, int),
    "number": (_NUMBER.fullmatch, float),
    "boolean": (("true", "false").__contains__, "true".__eq__),
}


def _typed(ref: str, raws: list[str]) -> Any:
    if schemas.type_of(ref) == "array":
        items = f"{schemas.non_null(ref)}/items"
        return [_scalar(items, raw) for raw in raws]
    if len(raws) > 1:
        return _REPEATED
    return _scalar(ref, raws[0])


def _scalar(ref: str, raw: str) -> Any:
    """The text as its schema's type when it reads as one; else the text, for the validator to refuse."""
    reading = _SCALARS.get(schemas.type_of(ref))
    return reading[1](raw) if reading is not None and reading[0](raw) else raw


def _body(op: Operation, request: httpx2.Request, problems: list[str]) -> Any:
    if op.body is None:
        return None
    content = request.content
    media_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not content:
        if op.body.get("required"):
            problems.append("body: a JSON body is required")
        return None
    if media_type not in op.body["content"]:
        problems.append(f"header.Content-Type: must be one of {', '.join(op.body['content'])}, not {media_type!r}")
        return None
    try:
        body = json.loads(content, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        problems.append(f"body: is not valid JSON ({type(error).__name__})")
        return None
    try:
        problems += schemas.errors(schemas.content_schema(op, "requestBody", media_type=media_type), body, "body")
    except RecursionError:
        problems.append("body: is nested too deeply")
    return body


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
