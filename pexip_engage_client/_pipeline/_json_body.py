"""A request body as JSON bytes, or a `ValueError` naming the first value that is not JSON.

`json.dumps` alone would turn `{1: "x"}` into `{"1": "x"}` silently and report a `Decimal` or a deep
nesting without naming the field, so the body is walked once first (what is refused: docs/configuration.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from .._base.arguments import ArgumentError
from .._runtime.json_types import has_utf8_form
from .._runtime.model_types import BODY_MAX_DEPTH

_SCALARS = frozenset({int, bool, type(None)})  # a `str` is checked for a UTF-8 form
_CONTAINERS = frozenset({dict, list, tuple})

_SURROGATE = "holds a lone surrogate character, which cannot be sent as UTF-8"
_TOO_DEEP = f"is nested more than {BODY_MAX_DEPTH} levels deep"

# (path from the inside out, what is wrong), or None when the value is JSON.
_Problem = tuple[list[str | int], str] | None


def encode_json_body(body: Any, name: str = "body") -> bytes:
    """`body` as compact UTF-8 JSON, or `ValueError` naming the path of the first non-JSON value."""
    problem = _problem(body, 0)
    if problem is None:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    inside_out, reason = problem
    path = inside_out[::-1]
    if reason is _TOO_DEEP:
        # Only now, on the way out, is it worth telling a cycle from a merely deep value.
        repeat = _first_repeat(body, path)
        if repeat is not None:
            earlier, later = repeat
            same = path_text(name, path[:earlier])
            reason = f"is the same object as {same}: a value that contains itself cannot be sent as JSON"
            path = path[:later]
    raise ArgumentError.of(name, f"{path_text(name, path)} {reason}"[len(name) :].lstrip())


def _problem(value: Any, depth: int) -> _Problem:
    kind = type(value)
    if kind in _SCALARS:
        return None
    if kind not in _CONTAINERS:
        if not isinstance(value, list):
            return _scalar_problem(value)
        kind = list  # a list of its own kind (a page's `data`, a `ModelList`) is sent as a list
    if depth >= BODY_MAX_DEPTH:
        return [], _TOO_DEEP
    items = value.items() if kind is dict else enumerate(value)
    for key, item in items:
        if kind is dict and type(key) is not str:
            return [], f"has a key that is not a string: {key!r:.80}"
        problem = _problem(item, depth + 1)
        if problem is not None:
            problem[0].append(key)
            return problem
    return None


def _scalar_problem(value: Any) -> _Problem:
    if isinstance(value, str):  # a subclass, such as a StrEnum member, is sent as its text
        return None if has_utf8_form(value) else ([], _SURROGATE)
    if isinstance(value, float):
        return None if math.isfinite(value) else ([], f"is {value!r}, which JSON cannot represent")
    if value is None or isinstance(value, int):  # bool, and an IntEnum member (sent as its number)
        return None
    what = type(value).__name__
    hint = " (give its ISO 8601 text)" if what in ("datetime", "date", "time") else ""
    return [], f"is a {what}, which is not JSON{hint}"


def _first_repeat(body: Any, path: list[str | int]) -> tuple[int, int] | None:
    """(i, j) when the containers along `path` repeat, the one j steps in being the one i steps in."""
    steps_in: dict[int, int] = {}  # a container's id -> how many steps in it was first met
    container = body
    for step, key in enumerate([*path, None]):
        earlier = steps_in.setdefault(id(container), step)
        if earlier != step:
            return earlier, step
        if key is not None:
            container = container[key]
    return None


def path_text(name: str, path: Iterable[str | int]) -> str:
    """`body.participants[0].notes` from "body" and ["participants", 0, "notes"] (no name: no leading dot)."""
    text = name
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text
