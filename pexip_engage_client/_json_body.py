"""A request body as JSON bytes, or a `ValueError` naming the first value that is not JSON.

`json.dumps` alone would turn `{1: "x"}` into `{"1": "x"}` without a word, and reports a `Decimal`,
a `datetime` or a deep nesting as a bare `TypeError` or `RecursionError` that names no field. The
body is therefore walked once first: only `dict` with `str` keys, `list`/`tuple`, `str`, `int`,
`bool`, `None` and finite `float` pass, at most `MAX_DEPTH` levels deep. A problem is reported with
its path, e.g. `body.participants[0].notes is a Decimal, which is not JSON`.
"""

from __future__ import annotations

import json
import math
from typing import Any

# Far deeper than any body of this API, and far below where json.dumps would exhaust the stack.
MAX_DEPTH = 128

_SCALARS = frozenset({str, int, bool, type(None)})

_SURROGATE = "holds a lone surrogate character, which cannot be sent as UTF-8"

# (path from the outside in, what is wrong), or None when the value is JSON.
_Problem = tuple[list[str | int], str] | None


def encode_json_body(body: Any, name: str = "body") -> bytes:
    """`body` as compact UTF-8 JSON, or `ValueError` naming the path of the first non-JSON value."""
    problem = _problem(body, 0, check_text=False)
    if problem is None:
        try:
            return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        except UnicodeEncodeError:  # a lone surrogate in some string: find which one
            problem = _problem(body, 0, check_text=True)
            if problem is None:  # pragma: no cover - the walk finds whatever failed to encode
                raise
    path, reason = problem
    raise ValueError(f"{_path_text(name, path)} {reason}")


def _problem(value: Any, depth: int, *, check_text: bool) -> _Problem:
    kind = type(value)
    if kind in _SCALARS and not check_text:
        return None
    if kind is not dict and kind is not list and kind is not tuple:
        return _scalar_problem(value, check_text=check_text)
    if depth >= MAX_DEPTH:
        return [], f"is nested more than {MAX_DEPTH} levels deep (or contains itself)"
    items = value.items() if kind is dict else enumerate(value)
    for key, item in items:
        if kind is dict and type(key) is not str:
            return [], f"has a key that is not a string: {key!r:.80}"
        problem = _problem(item, depth + 1, check_text=check_text)
        if problem is not None:
            problem[0].append(key)
            return problem
    return None


def _scalar_problem(value: Any, *, check_text: bool) -> _Problem:
    if isinstance(value, str):  # a subclass, such as a StrEnum member, is sent as its text
        return ([], _SURROGATE) if check_text and not _encodable(value) else None
    if isinstance(value, float):
        return None if math.isfinite(value) else ([], f"is {value!r}, which JSON cannot represent")
    if value is None or isinstance(value, int):  # bool, and an IntEnum member (sent as its number)
        return None
    what = type(value).__name__
    hint = " (give its ISO 8601 text)" if what in ("datetime", "date", "time") else ""
    return [], f"is a {what}, which is not JSON{hint}"


def _encodable(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _path_text(name: str, path: list[str | int]) -> str:
    """`body.participants[0].notes` from ["notes", 0, "participants"] (built inside out)."""
    text = name
    for part in reversed(path):
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            text += f"[{part!r}]"
    return text
