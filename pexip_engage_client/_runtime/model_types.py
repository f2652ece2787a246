"""A generated model's fields as every walk reads them (`plan`), the one walk over a request body before it is sent
(`walk`), and a model built by hand with values of the wrong type, named by field.

attrs does not check what a model is given (`meeting_type="VIDEO"`), and checking every model parsed
from the API would cost each call; so a generated `to_dict` asks `check_fields` first, and only when
a value does not fit does `misfits` name each such field, however deep, with what it takes.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import types
import typing
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple

import attrs

from .._base.answer_fields import NUMBERS
from .unset import Unset

_NONE = type(None)
# Far deeper than any body of this API (8 levels), far below exhausting the stack.
BODY_MAX_DEPTH = 128


class _Field(NamedTuple):
    name: str  # the attribute
    json_name: str
    token: str  # the JSON name as a JSON Pointer's reference token
    required: bool
    hint: Any  # the annotation (Any where it cannot be resolved)
    members: tuple[Any, ...]  # the annotation's types, UNSET's left out
    model: Any  # the one model it may hold, else None: read leniently
    nested: bool  # whether it may hold a model, a list or an enum (what a walk looks into)
    shapes: tuple[tuple[Any, Any, tuple[Any, ...]], ...]  # each type, its origin, a list's item types


class _Plan(NamedTuple):
    fields: tuple[_Field, ...]
    by_json_name: dict[str, _Field]


@cache
def plan(model: Any) -> _Plan:
    """A generated model's fields: attribute, JSON name, whether required, the types it takes."""
    hints = _hints(model)
    attributes = [a for a in getattr(model, "__attrs_attrs__", ()) if a.name != "additional_properties"]
    names: tuple[str, ...] = getattr(model, "JSON_NAMES", ())
    fields = tuple(_field_plan(a, name, hints.get(a.name, Any)) for a, name in zip(attributes, names, strict=False))
    return _Plan(fields, {field.json_name: field for field in fields})


def _field_plan(attribute: Any, json_name: str, hint: Any) -> _Field:
    kinds = _kinds(hint)
    models = [kind for kind in kinds if is_model(kind)]
    shapes = tuple((k, typing.get_origin(k), _kinds(_item(k)) if typing.get_origin(k) is list else ()) for k in kinds)
    nested = any(origin is list or is_model(kind) or _is_enum(kind) for kind, origin, _ in shapes)
    model = models[0] if len(models) == 1 else None
    # Absent reads as UNSET only where the annotation takes it: a required field's default is never guessed.
    required = attribute.default is attrs.NOTHING or Unset not in _members(hint)
    return _Field(attribute.name, json_name, escaped(json_name), required, hint, kinds, model, nested, shapes)


def _kinds(hint: Any) -> tuple[Any, ...]:
    return tuple(member for member in _members(hint) if member is not Unset)


def plan_of(model: object) -> _Plan:
    kind: Any = type(model)  # hashable, though mypy reads type[object] as not
    return plan(kind)


def is_model(kind: Any) -> bool:
    return isinstance(kind, type) and hasattr(kind, "JSON_NAMES") and hasattr(kind, "from_dict")


def escaped(name: str) -> str:
    """A JSON Pointer's reference token (RFC 6901)."""
    return name.replace("~", "~0").replace("/", "~1")


@dataclasses.dataclass
class Walked:
    """What one walk finds, as paths: `misfits` in Python's names, the others in the wire's."""

    misfits: list[str] = dataclasses.field(default_factory=list)  # `start must be datetime.datetime ..., not str '...'`
    beyond_spec: list[str] = dataclasses.field(default_factory=list)  # fields and enum values the spec does not define
    naive: list[str] = dataclasses.field(default_factory=list)  # date-times without a UTC offset: no instant to the API
    too_deep: str | None = None  # where a model holding itself went past BODY_MAX_DEPTH


def walk(model: object) -> Walked:
    """The one walk over a model before it is sent: field types, enum values, offsets, fields beyond the schema."""
    found = Walked()
    _walk(model, found, "", "", 0)
    return found


def _walk(value: Any, found: Walked, python: str | None, wire: str, depth: int) -> None:
    """`value`'s findings at `python` and `wire` (each "" or ending in "."); `python` is None inside a misfit."""
    _note_value(value, found, wire)
    kind: Any = type(value)  # hashable, though mypy reads type[object] as not
    if not is_model(kind):
        return
    if depth >= BODY_MAX_DEPTH:  # only a model holding itself nests models this deep
        found.too_deep = found.too_deep or wire[:-1]
        return
    if not getattr(value, "ADDITIONAL_PROPERTIES_ALLOWED", True):
        found.beyond_spec += [f"{wire}{key}" for key in getattr(value, "additional_properties", {})]
    for field in plan(kind).fields:
        _walk_field(getattr(value, field.name), field, found, python, wire, depth=depth)


def _note_value(value: Any, found: Walked, wire: str) -> None:
    """What a value says of itself, model or not: an enum value beyond the spec, a date-time without an offset."""
    if isinstance(value, StrEnum) and not getattr(value, "is_known", True):
        found.beyond_spec.append(
            f"{wire[:-1]}: {value.value!r} is not one of {[member.value for member in type(value)]}"
        )
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        found.naive.append(wire[:-1])


def _walk_field(item: Any, field: _Field, found: Walked, python: str | None, wire: str, *, depth: int) -> None:
    """One field of a model: its misfit if its type is wrong (then none inside it), then each value it holds."""
    where = None if python is None else python + field.name
    on_wire = wire + field.json_name + "."
    if where is not None and not _fits(item, field.hint):
        found.misfits.append(f"{where} must be {_described(field.hint)}, not {_got(item)}{_advice(item, field.hint)}")
        where = None
    for index, element in enumerate(item) if isinstance(item, list) else [(None, item)]:
        inner = None if where is None else f"{where}." if index is None else f"{where}[{index}]."
        _walk(element, found, inner, on_wire, depth + 1)


def misfits(model: object) -> list[str]:
    """`start must be datetime.datetime or UNSET, not str '...'`: each field, however deep, of a wrong type."""
    return walk(model).misfits


def check_fields(model: object) -> None:
    """At the start of a generated `to_dict`: `TypeError` naming the fields of a type they do not allow (`misfits`)."""
    if not all(_fits(getattr(model, field.name), field.hint) for field in plan_of(model).fields):
        raise_misfits(model)


def raise_misfits(model: object) -> None:
    """In a generated `to_dict` that failed: `TypeError` naming the fields of the wrong type, if any."""
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


def _item(list_hint: Any) -> Any:
    """`X` of `list[X]` (Any for a bare `list`)."""
    return (typing.get_args(list_hint) or (Any,))[0]


def _fits(value: Any, hint: Any) -> bool:
    return any(_member_fits(value, member) for member in _members(hint))


def _member_fits(value: Any, member: Any) -> bool:
    origin = typing.get_origin(member)
    if origin is list:
        return isinstance(value, list) and all(_fits(element, _item(member)) for element in value)
    if origin is not None:  # dict[...], Literal[...] and the like: their origin's type, if it is one
        return not isinstance(origin, type) or isinstance(value, origin)
    if member is Any or not isinstance(member, type):  # a string or a TypeVar left unresolved: nothing to check
        return True
    return _is_instance(value, member)


def _is_instance(value: Any, kind: type) -> bool:
    if isinstance(value, bool) and kind in NUMBERS:  # True is an int to Python, not a number to the API
        return False
    return isinstance(value, NUMBERS.get(kind, kind))


_PYTHON_NAMES: dict[Any, str] = {
    _NONE: "None",
    Unset: "UNSET",
    datetime.datetime: "datetime.datetime",
    datetime.date: "datetime.date",
}


def _described(hint: Any) -> str:
    return " or ".join(_python_name(member) for member in _members(hint))


def _python_name(member: Any) -> str:
    if typing.get_origin(member) is list:
        return f"a list of {_described(_item(member))}"
    return _PYTHON_NAMES.get(member) or str(getattr(member, "__name__", member))


def _got(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


# How text becomes what a date or date-time field takes.
_FROM_TEXT: dict[Any, str] = {
    datetime.datetime: "datetime.datetime.fromisoformat",
    datetime.date: "datetime.date.fromisoformat",
}


def _advice(value: Any, hint: Any) -> str:
    """How to give a text value where a model wants an enum member or a date-time."""
    makers = [_maker(member) for member in _members(hint)] if isinstance(value, str) else []
    made = next((maker for maker in makers if maker), None)
    return f" ({made}({value!r}))" if made else ""


def _maker(member: Any) -> str | None:
    if _is_enum(member):
        return f"models.{member.__name__}"
    return _FROM_TEXT.get(member)


def _is_enum(member: Any) -> bool:
    return isinstance(member, type) and issubclass(member, enum.Enum)


def missing_fields(model: Any, data: Any) -> list[str]:
    """`data.subject (an object (Reference))`: every required field `data` lacks for `model`, however deep."""
    return [f"{where} ({_wire_kind(hint)})" for where, hint, value in _read_json(model, data, "") if value is _MISSING]


def json_misfits(model: Any, data: Any) -> list[tuple[str, str]]:
    """(`firstName`, `must be a string, not an integer`): each field of JSON `data` `model` does not take."""
    return [
        (where, f"must be {_wire_kind(hint, named=False)}, not {json_kind(value)}")
        for where, hint, value in _read_json(model, data, "")
        if value is not _MISSING
    ]


_MISSING = object()


def _read_json(model: Any, data: Any, path: str) -> list[tuple[str, Any, Any]]:
    """(path, type, value) of each field JSON `data` lacks (`_MISSING`) or holds of a kind `model` does not take."""
    if not isinstance(data, dict) or not is_model(model):
        return []
    found: list[tuple[str, Any, Any]] = []
    for field in plan(model).fields:
        where, hint, name = f"{path}.{field.json_name}" if path else field.json_name, field.hint, field.json_name
        if name not in data:
            if field.required:
                found.append((where, hint, _MISSING))
        elif not any(_takes(member, data[name]) for member in field.members):
            found.append((where, hint, data[name]))
        else:
            found += _read_inside(hint, data[name], where)
    return found


def _takes(member: Any, value: Any) -> bool:
    """Whether a field of type `member` (not UNSET) is read from the JSON `value`'s kind."""
    origin = typing.get_origin(member)
    if member is _NONE:
        return value is None
    if origin is not None:  # list[...], dict[...], Literal[...]: their origin's type, if it is one
        return not isinstance(origin, type) or isinstance(value, origin)
    if is_model(member):
        return isinstance(value, dict)
    if _is_enum(member) or member in (datetime.datetime, datetime.date):
        return isinstance(value, str)
    return member is Any or not isinstance(member, type) or _is_instance(value, member)


def _read_inside(hint: Any, value: Any, where: str) -> list[tuple[str, Any, Any]]:
    """`_read_json` of the models a present field holds, and each item of an array of another kind than its own."""
    found: list[tuple[str, Any, Any]] = []
    for member in _members(hint):
        if typing.get_origin(member) is list and isinstance(value, list):
            item = _item(member)
            for index, element in enumerate(value):
                if any(_takes(kind, element) for kind in _members(item)):
                    found += _read_json(item, element, f"{where}[{index}]")
                else:
                    found.append((f"{where}[{index}]", item, element))
        elif is_model(member):
            found += _read_json(member, value, where)
    return found


_JSON_SCALARS: dict[Any, str] = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
# What a field of each type takes, in JSON's words; what JSON calls the values Python reads it into.
_JSON_KINDS = {**_JSON_SCALARS, datetime.datetime: "a date-time", datetime.date: "a date"}
_JSON_VALUES = {**_JSON_SCALARS, list: "an array", tuple: "an array", dict: "an object", _NONE: "null"}


def json_kind(value: object) -> str:
    """`an integer`: the JSON kind of a value as JSON's words say it (the type's name for anything else)."""
    return _JSON_VALUES.get(type(value), type(value).__name__)


def _wire_kind(hint: Any, named: bool = True) -> str:
    """What a field takes, in JSON's words: `an object (Reference)`, `one of 'A', 'B'`, `a string or null` (models
    named if `named`)."""
    members = _members(hint)
    kinds = [_json_kind(member, named) for member in members if member not in (Unset, _NONE)]
    return " or ".join(kinds + ["null"] * (_NONE in members and bool(kinds))) or "a value"


def _json_kind(member: Any, named: bool) -> str:
    if typing.get_origin(member) is list:
        return _array_of(_wire_kind(_item(member), named))
    if is_model(member):
        return f"an object ({member.__name__})" if named else "an object"
    if _is_enum(member):
        return _one_of([str(value.value) for value in member])
    return _JSON_KINDS.get(member, "a value")


def _array_of(kind: str) -> str:
    return (
        f"an array of objects{kind.removeprefix('an object')}"
        if kind.startswith("an object")
        else f"an array of {kind}"
    )


def _one_of(values: list[str]) -> str:
    return f"one of {', '.join(map(repr, values))}" if len(values) <= 6 else f"one of {len(values)} values"
