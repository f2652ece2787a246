"""A model built by hand with values of the wrong type, named by field before it is sent.

attrs does not check what a model is given (`models.AppointmentCreate(meeting_type="VIDEO")`,
`start="2026-03-01T10:00:00Z"`): checking every field of every model parsed from the API would cost
each call. What went in wrong shows when the model is written out: `to_dict` would fail deep inside
with `'str' object has no attribute 'value'`. `misfits` names instead each field whose value its
annotation does not allow, with what it takes; it is asked only then (a generated `to_dict` that
failed, and a model given as a call's body), so a well-made model costs nothing.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from functools import cache
from typing import Any

import attrs

from .unset import Unset

# How deep nested models are followed: far beyond any schema of the API, short of a model that holds itself.
_MAX_DEPTH = 32


def misfits(model: object, prefix: str = "", depth: int = 0) -> list[str]:
    """`start must be datetime.datetime or UNSET, not str '2026-...'`: each field of `model` (and of
    the models it holds) whose value does not have a type its annotation allows."""
    attributes = getattr(type(model), "__attrs_attrs__", ())
    if not attributes or depth > _MAX_DEPTH:
        return []
    kind: Any = type(model)  # hashable, though mypy reads type[object] as not
    hints = _hints(kind)
    found: list[str] = []
    for attribute in attributes:
        name = attribute.name
        expected = hints.get(name)
        if name == "additional_properties" or expected is None:
            continue
        value = getattr(model, name)
        if not _fits(value, expected):
            found.append(f"{prefix}{name} must be {_described(expected)}, not {_got(value)}{_advice(value, expected)}")
            continue
        for index, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
            where = f"{prefix}{name}." if index is None else f"{prefix}{name}[{index}]."
            found.extend(misfits(item, where, depth + 1))
    return found


def raise_misfits(model: object) -> None:
    """In a generated `to_dict` that failed: `TypeError` naming the fields of the wrong type, if any
    (otherwise the failure was something else, and the caller raises it as it was)."""
    found = misfits(model)
    if found:
        raise TypeError(f"{type(model).__name__}: {'; '.join(found)}")


@cache
def _hints(model: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(model)
    except (NameError, TypeError):  # an annotation that cannot be resolved: nothing to check it against
        return {}


def _members(hint: Any) -> tuple[Any, ...]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _fits(value: Any, hint: Any) -> bool:
    for member in _members(hint):
        origin = typing.get_origin(member)
        if member is Any or member is typing.Any:
            return True
        if member is type(None):
            if value is None:
                return True
        elif origin is list:
            (item,) = typing.get_args(member) or (Any,)
            if isinstance(value, list) and all(_fits(element, item) for element in value):
                return True
        elif origin is not None:  # dict[...], Literal[...] and the like: their origin's type, if it is one
            if not isinstance(origin, type) or isinstance(value, origin):
                return True
        elif member in (int, float) and isinstance(value, bool):
            continue  # True is an int to Python, not a number to the API
        elif (
            (member is float and isinstance(value, int))
            or (isinstance(member, type) and isinstance(value, member))
            or not isinstance(member, type)
        ):
            return True
    return False


def _described(hint: Any) -> str:
    names = []
    for member in _members(hint):
        if member is type(None):
            names.append("None")
        elif member is Unset:
            names.append("UNSET")
        elif typing.get_origin(member) is list:
            (item,) = typing.get_args(member) or (Any,)
            names.append(f"a list of {_described(item)}")
        elif member is datetime.datetime:
            names.append("datetime.datetime")
        elif member is datetime.date:
            names.append("datetime.date")
        else:
            names.append(getattr(member, "__name__", str(member)))
    return " or ".join(names)


def _got(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def _advice(value: Any, hint: Any) -> str:
    """How to give a text value where a model wants an enum member or a date-time."""
    if not isinstance(value, str):
        return ""
    for member in _members(hint):
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return f" (models.{member.__name__}({value!r}))"
        if member is datetime.datetime:
            return f" (datetime.datetime.fromisoformat({value!r}))"
        if member is datetime.date:
            return f" (datetime.date.fromisoformat({value!r}))"
    return ""


def missing_fields(model: Any, data: Any, path: str = "", depth: int = 0) -> list[str]:
    """`data.subject (Subject)`: every required field `data` lacks for `model`, however deep, in wire
    names with what each takes, for an answer a model could not be read from (one KeyError names one).
    """
    attributes = getattr(model, "__attrs_attrs__", ())
    wire_names = getattr(model, "JSON_NAMES", ())
    if not isinstance(data, dict) or not attributes or depth > _MAX_DEPTH:
        return []
    fields = [attribute for attribute in attributes if attribute.name != "additional_properties"]
    if len(fields) != len(wire_names):
        return []
    hints = _hints(model)
    found: list[str] = []
    for attribute, wire_name in zip(fields, wire_names, strict=True):
        where = f"{path}.{wire_name}" if path else wire_name
        hint = hints.get(attribute.name)
        if wire_name not in data:
            if attribute.default is attrs.NOTHING:
                found.append(f"{where} ({_wire_kind(hint)})")
            continue
        for member in _members(hint):
            if typing.get_origin(member) is list and isinstance(data[wire_name], list):
                (item,) = typing.get_args(member) or (Any,)
                for index, element in enumerate(data[wire_name]):
                    found.extend(missing_fields(item, element, f"{where}[{index}]", depth + 1))
            elif hasattr(member, "__attrs_attrs__"):
                found.extend(missing_fields(member, data[wire_name], where, depth + 1))
    return found


_JSON_KINDS = {
    bool: "true or false", int: "an integer", float: "a number", str: "a string",
    datetime.datetime: "a date-time", datetime.date: "a date",
}  # fmt: skip


def _wire_kind(hint: Any) -> str:
    """What a field takes, in JSON's words: `an object (Reference)`, `an array of Answer objects`, `one of 'A', 'B'`."""
    kinds = []
    for member in _members(hint):
        if member is Unset or member is type(None):
            continue
        if typing.get_origin(member) is list:
            (item,) = typing.get_args(member) or (Any,)
            kind = _wire_kind(item)
            kinds.append(
                f"an array of objects{kind.removeprefix('an object')}"
                if kind.startswith("an object")
                else f"an array of {kind}"
            )
        elif hasattr(member, "__attrs_attrs__"):
            kinds.append(f"an object ({member.__name__})")
        elif isinstance(member, type) and issubclass(member, enum.Enum):
            values = [str(value.value) for value in member]
            listed = f"one of {', '.join(map(repr, values))}"
            kinds.append(listed if len(values) <= 6 else f"one of the {len(values)} {member.__name__} values")
        else:
            kinds.append(_JSON_KINDS.get(member, "a value"))
    return " or ".join(kinds) or "a value"
