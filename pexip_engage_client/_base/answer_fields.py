"""A field a feature relies on, read from an answer: its value, or why it could not be read.

Each feature's read of a field the spec may have guessed wrong goes through `json_field` (or, for a model,
`_runtime.lenient.model_field`), which gives the value or an `Unread`, so the feature takes its decided fallback
(docs/spec-drift.md, "What each feature does with a field it cannot read")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

_ABSENT = object()


def _unseen(operation: str, pointer: str) -> None:
    """What `json_field` tells of each read in use: nothing."""


# Told of each read by tests/support/feature_fields.py; in use, a call that does nothing.
reads_seen: Callable[[str, str], None] = _unseen
# The Python types a JSON number may come as, for a field asked as each: an int is also a float. The
# project's one table of it (answers, lenient reads, request bodies); a bool, though an int to Python,
# is never a number to the API, and each use leaves it out.
NUMBERS: dict[Any, tuple[type, ...]] = {int: (int,), float: (int, float)}


def how_it_differed(kind: str) -> str:
    """`was absent`, `was null` or `held a value of another type`: a difference's `kind` in a message."""
    return {"missing": "was absent", "null": "was null"}.get(kind, "held a value of another type")


@dataclass(frozen=True)
class Unread:
    """A field that could not be read as the feature needs it: its `pointer` (a JSON Pointer, list items
    `*`; "" when not known), `kind` (`missing`, `null`, `type`) and `operation` ("" when not known).
    """

    pointer: str
    kind: str
    operation: str = ""

    def describe(self) -> str:
        """`/meta/totalCount was absent in getAppointments' answer`: for messages and notes."""
        what = how_it_differed(self.kind)
        answer = f" in {self.operation}'s answer" if self.operation else ""
        return f"{self.pointer or 'a field'} {what}{answer}"


def json_field(document: object, pointer: str, kind: type[T], *, operation: str = "", base: str = "") -> T | Unread:
    """The value at `pointer` (object members only) in a decoded JSON document if it is a `kind`, else an `Unread`.
    `base` is where `document` sits in the answer. No `int` as a `bool` nor the reverse; an `int` as a `float`."""
    reads_seen(operation, base + pointer)
    value = _member(document, pointer)
    if _fits(value, kind):
        return value  # type: ignore[no-any-return]
    difference = "missing" if value is _ABSENT else "null" if value is None else "type"
    return Unread(base + pointer, difference, operation)


def _fits(value: object, kind: type) -> bool:
    return type(value) in NUMBERS[kind] if kind in NUMBERS else isinstance(value, kind)


def _member(document: object, pointer: str) -> Any:
    """The value at a JSON Pointer of object members, or _ABSENT."""
    value: Any = document
    for token in pointer.split("/")[1:]:
        name = token.replace("~1", "/").replace("~0", "~")
        value = value.get(name, _ABSENT) if isinstance(value, Mapping) else _ABSENT
    return value
