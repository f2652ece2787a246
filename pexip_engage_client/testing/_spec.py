"""openapi.yaml as the fake reads it (the packaged `openapi.json`): its operations, how a request finds one, and
their schemas. A fake given an overlay has a spec of its own: `spec()` is the one in force where it is called
(`using`), and what is worked out from a spec is kept with it (`per_spec`), never mixed between two.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, wraps
from typing import Any, TypeVar
from urllib.parse import unquote

from .._base import _refs
from ._overlay import apply_overlay

Json = dict[str, Any]
__all__ = ["Operation", "Spec", "overlaid", "per_spec", "resolve", "spec", "using"]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with its `$ref`s resolved one level (parameters, request body)."""

    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /appointments/{id}
    parameters: tuple[Json, ...]
    body: Json | None  # the requestBody object
    responses: Json
    scopes: frozenset[str]  # the oauth2 scopes that allow it (any one of them)
    segments: tuple[str | None, ...] = field(repr=False)  # literal segments; None for a parameter
    # The business error codes its `x-business-error-codes` lists: the rules it may break.
    business_codes: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def success_status(self) -> int:
        return min(int(code) for code in self.responses if code.startswith("2"))

    @property
    def path_parameter_names(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\{([^}]+)\}", self.path))

    def declares(self, status: int) -> bool:
        return str(status) in self.responses


class Spec:
    """The operations of the bundled spec, and request routing over them."""

    def __init__(self, document: Json) -> None:
        self.document = document
        # What `per_spec` functions worked out from this spec, by function and argument.
        self.memo: dict[tuple[Callable[..., Any], Any], Any] = {}
        self.operations: list[Operation] = []
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if method in METHODS:
                    self.operations.append(_operation(document, path, method, operation))
        # Literal segments win over parameters (`/appointments/_actions/invite` before `/{id}`).
        self.operations.sort(key=lambda op: tuple(segment is None for segment in op.segments))
        self.by_id = {op.operation_id: op for op in self.operations}

    def operation(self, operation_id: str) -> Operation:
        """The operation `operation_id`; ValueError when the API has none of that name."""
        op = self.by_id.get(operation_id)
        if op is None:
            raise ValueError(f"{operation_id!r} is not an operation of the API")
        return op

    def route(self, method: str, raw_path: str) -> tuple[Operation | None, dict[str, str], list[str]]:
        """The operation for a request, its decoded path parameters, and the methods its path allows.

        The path template is the most specific one that matches (literal segments before
        parameters); an operation of another method on that template means 405, none means 404.
        """
        stripped = raw_path.strip("/")
        segments = [unquote(part) for part in stripped.split("/")] if stripped else []
        template = next((op.path for op in self.operations if _match(op, segments) is not None), None)
        siblings = {op.method: op for op in self.operations if op.path == template}
        op = siblings.get(method)
        if op is None:
            return None, {}, list(siblings)
        return op, _match(op, segments) or {}, list(siblings)


def _match(op: Operation, segments: list[str]) -> dict[str, str] | None:
    if len(segments) != len(op.segments):
        return None
    names = iter(op.path_parameter_names)
    parameters: dict[str, str] = {}
    for literal, segment in zip(op.segments, segments, strict=True):
        if literal is None:
            parameters[next(names)] = segment
        elif literal != segment:
            return None
    return parameters


def _operation(document: Json, path: str, method: str, operation: Json) -> Operation:
    parameters = [resolve(parameter, document) for parameter in operation.get("parameters", [])]
    body = resolve(operation["requestBody"], document) if "requestBody" in operation else None
    responses = {code: resolve(response, document) for code, response in operation["responses"].items()}
    requirements: list[Json] = operation.get("security", document.get("security")) or []
    scopes = frozenset(scope for requirement in requirements for scope in requirement.get("oauth2", []))
    segments = tuple(None if part.startswith("{") else part for part in path.strip("/").split("/"))
    return Operation(
        operation_id=operation["operationId"],
        method=method.upper(),
        path=path,
        parameters=tuple(parameters),
        body=body,
        responses=responses,
        scopes=scopes,
        segments=segments,
        business_codes=frozenset(operation.get("x-business-error-codes") or ()),
    )


def resolve(node: Any, document: Json | None = None) -> Any:
    """`node` with its top-level `$ref` followed (`_base._refs`, the project's one resolver) in
    `document`, else in the spec in force."""
    if isinstance(node, dict) and "$ref" in node:
        return _refs.resolve(node, document if document is not None else spec().document)
    return node


@cache
def bundled() -> Spec:
    """The spec bundled with the package (read once)."""
    return Spec(_refs.packaged_spec())


_ACTIVE: ContextVar[Spec | None] = ContextVar("pexip_engage_fake_spec", default=None)


def spec() -> Spec:
    """The spec in force here: a fake's own (see `using`), else the bundled one."""
    return _ACTIVE.get() or bundled()


@contextmanager
def using(active: Spec | None) -> Iterator[None]:
    """`spec()` is `active` within the block (None: the bundled spec), in this thread or task."""
    token = _ACTIVE.set(active)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def overlaid(overlay: Mapping[str, Any]) -> Spec:
    """The bundled spec with an OpenAPI Overlay applied (`_overlay.py`); `OverlayError` naming each
    action that did not apply."""
    document = copy.deepcopy(bundled().document)
    apply_overlay(document, overlay)
    return Spec(document)


_Result = TypeVar("_Result")


def per_spec(function: Callable[[str], _Result]) -> Callable[[str], _Result]:
    """`function(ref)` worked out once per spec: kept with the spec in force (`spec().memo`)."""

    @wraps(function)
    def cached(ref: str) -> _Result:
        memo = spec().memo
        key = (function, ref)
        if key not in memo:
            memo[key] = function(ref)
        result: _Result = memo[key]
        return result

    return cached
