"""Requests and responses checked against the spec: parameters, headers, content type and bodies. Query and
path text is turned into the type its schema names, then validated like any JSON value, so every rule in
openapi.yaml applies as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import httpx2

from . import _schemas as schemas
from ._errors import FakeAPIError
from ._spec import Operation, per_spec, spec


def request_values(op: Operation, path: Mapping[str, str], request: httpx2.Request) -> tuple[dict[str, Any], Any]:
    """The request's query values (typed) and JSON body, or a 400 naming everything that is wrong."""
    params = request.url.params  # read once: each `url.params` parses the query again
    parameters, declared = _parameters_of(op.operation_id)
    problems = [
        f"query.{name}: is not a parameter of {op.operation_id}"
        for name in dict.fromkeys(params)
        if name not in declared
    ]
    # A parameter's values as text, by where it is.
    raw_values: dict[str, Callable[[str], list[str]]] = {
        "query": params.get_list,
        "header": request.headers.get_list,
        "path": lambda name: [path[name]] if name in path else [],
        "cookie": lambda name: [],  # none in the spec; were one added, it would read as absent
    }
    query: dict[str, Any] = {}
    for location, name, required, ref, members in parameters:
        value = _exploded(members, params) if members is not None else _typed(ref, raw_values[location](name))
        if value is _ABSENT:
            if required:
                problems.append(f"{location}.{name}: is required")
        elif value is _REPEATED:
            problems.append(f"{location}.{name}: is given more than once")
        else:
            problems += schemas.errors(ref, value, f"{location}.{name}")
            if location == "query":  # an invalid value is never read: the request is refused
                query[name] = value
    body = _body(op, request, problems)
    if problems:
        raise FakeAPIError(400, "BAD_REQUEST", problems[0], messages=problems)
    return query, body


# A parameter as a request is read for it: where, its name, whether required, the pointer to its
# schema, and the members of a query object (exploded, one query name per property; else None).
_Parameter = tuple[str, str, bool, str, tuple[tuple[str, str], ...] | None]


@per_spec
def _parameters_of(operation_id: str) -> tuple[tuple[_Parameter, ...], frozenset[str]]:
    """The operation's parameters, and the names its query may carry (worked out once, not per request)."""
    op = spec().operation(operation_id)
    parameters: list[_Parameter] = []
    for index, parameter in enumerate(op.parameters):
        location = parameter["in"]
        ref = schemas.pointer_to_child(
            schemas.follow(schemas.operation_pointer(op, "parameters", str(index))), "schema"
        )
        exploded = location == "query" and schemas.type_of(ref) == "object"
        members = tuple(schemas.properties(ref).items()) if exploded else None
        parameters.append((location, parameter["name"], bool(parameter.get("required")), ref, members))
    declared = frozenset(
        name
        for location, own_name, _, _, members in parameters
        if location == "query"
        for name in ([key for key, _ in members] if members is not None else [own_name])
    )
    return tuple(parameters), declared


def _exploded(members: tuple[tuple[str, str], ...], params: httpx2.QueryParams) -> Any:
    """A query object's value from the query names of its properties; _ABSENT or _REPEATED when it cannot be one."""
    value = {key: _typed(child, params.get_list(key)) for key, child in members if key in params}
    if any(item is _REPEATED for item in value.values()):
        return _REPEATED
    return value or _ABSENT


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
    """The values as the schema's type (an array's items each); _ABSENT or _REPEATED when they cannot be one."""
    if not raws:
        return _ABSENT
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
