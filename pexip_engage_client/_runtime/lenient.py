"""Answers the spec did not foresee, read anyway: a model with fields that could not be read.

`read_lenient` reads field by field an object a generated `from_dict` refused (docs/spec-drift.md)."""

from __future__ import annotations

import datetime
import enum
import functools
import typing
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple, TypeVar

from .._base.answer_fields import NUMBERS, Unread
from .._base.timing import parse_date, parse_datetime
from .model_types import _Field, _is_enum, _Plan, escaped, is_model, plan, plan_of
from .unset import UNSET, Unset

_NONE = type(None)


# How many times a generated enum was given a value it does not list (str_enum.py.jinja): the facade
# compares it around a typed body. Not locked: another thread's count only makes it look.
_unknown_enum_values = 0


def note_unknown_enum_value() -> None:
    """Called by a generated enum's `_missing_` each time it is given a value it does not list."""
    global _unknown_enum_values  # noqa: PLW0603 - one count per process
    _unknown_enum_values += 1


_unknown_fields = 0


def note_unknown_field() -> None:
    """Called by a generated `from_dict` that read an object with fields its schema does not define."""
    global _unknown_fields  # noqa: PLW0603 - one count per process
    _unknown_fields += 1


def unknown_fields() -> int:
    """How many objects with fields their schema does not define were read so far in this process."""
    return _unknown_fields


def unknown_enum_values() -> int:
    """How many values enums did not list were read so far in this process."""
    return _unknown_enum_values


_T = TypeVar("_T")


def model_field(read: Callable[[], _T | Unset], *, pointer: str = "", operation: str = "") -> _T | Unread:
    """`read()` (`lambda: page.meta.total_count`), or an `Unread` for a field unreadable or not given (`UNSET`); `None`
    is a value. The model form of `_base.answer_fields.json_field`; `pointer` and `operation` name the field."""
    try:
        value = read()
    except Exception as error:
        # The errors load with the first unreadable field, not with the package (nor with every field read).
        from .._errors import UnreadableFieldError  # noqa: PLC0415

        if not isinstance(error, UnreadableFieldError):
            raise
        return Unread(error.pointer or pointer, error.kind, error.operation or operation)
    if isinstance(value, Unset):
        return Unread(pointer, "missing", operation)
    return value


# Who read each model left with unreadable fields, for the error's message; keyed by id() with a
# weak reference's callback (models compare by value, so they are not hashable).
_NOTES: dict[int, tuple[str, str, object]] = {}


def _note(model: object, operation: str, pointer: str) -> None:
    key = id(model)  # a note replaced drops its weak reference, whose callback then never runs
    _NOTES[key] = (operation, pointer, weakref.ref(model, lambda _: _NOTES.pop(key, None)))


SpecDifferenceKind = Literal["missing", "null", "type", "enum", "field", "status", "error_code"]


class SpecDifference(NamedTuple):
    """How an answer differs from openapi.yaml at one place."""

    pointer: str  # a JSON pointer into the answer, list items written `*`
    kind: SpecDifferenceKind
    expected: str
    actual: str


Found = list[SpecDifference]


def read_lenient(
    model: type,
    data: Mapping[str, Any],
    operation: str = "",
    pointer: str = "",
    found: Found | None = None,
    *,
    strict_first: bool = True,
    fields: tuple[str, ...] | None = None,
) -> Any:
    """`model` read from the JSON object `data`, each field left unreadable or not in the schema added to `found`.
    `strict_first=False`: the caller tried `from_dict`. `fields`: only those read, the others not at all (neither
    tried strictly nor told of), for a reader of those fields alone."""
    if strict_first and fields is None:
        try:
            return model.from_dict(data)  # type: ignore[attr-defined]
        except Exception:  # noqa: S110 - whatever the strict reader refuses, read below field by field
            pass
    found = [] if found is None else found
    instance: Any = object.__new__(model)
    known = plan(model) if fields is None else _only(model, fields)
    extra = {key: value for key, value in data.items() if key not in known.by_json_name} if fields is None else {}
    for key, value in extra.items():
        found.append(SpecDifference(f"{pointer}/{escaped(key)}", "field", "absent", json_type(value)))
    object.__setattr__(instance, "additional_properties", extra)
    unread = [field for field in known.fields if _fill(instance, field, data, extra, (operation, pointer), found)]
    if unread:
        _note(instance, operation, pointer)
    return instance


@functools.cache
def _only(model: type, names: tuple[str, ...]) -> _Plan:
    fields = tuple(field for field in plan(model).fields if field.name in names)
    return _Plan(fields, {field.json_name: field for field in fields})


_UNREADABLE: Any = object()


def reread_field(  # noqa: PLR0917 - read_lenient's, and the model
    instance: Any, field: _Field, data: Mapping[str, Any], operation: str, pointer: str, found: Found
) -> None:
    """One field of a model built otherwise (typed around what the typed form refused) read again as `read_lenient`
    reads it."""
    object.__delattr__(instance, field.name)
    extra = object.__getattribute__(instance, "additional_properties")
    if _fill(instance, field, data, extra, (operation, pointer), found):
        _note(instance, operation, pointer)


def _fill(  # noqa: PLR0917 - read_lenient's
    instance: Any, field: _Field, data: Mapping[str, Any], extra: dict[str, Any], where: tuple[str, str], found: Found
) -> bool:
    """One field of `instance` read from `data`: set, or left unset and True, its value kept in `extra`."""
    operation, pointer = where
    if field.json_name in data:
        raw = data[field.json_name]
        value = _read(raw, field, operation, pointer, found)
        if value is not _UNREADABLE:
            object.__setattr__(instance, field.name, value)
            return False
        extra[field.json_name] = raw
    elif not field.required:
        object.__setattr__(instance, field.name, UNSET)
        return False
    found.append(unread_difference(field, extra, pointer))
    return True


def unread_difference(field: _Field, extra: Mapping[str, Any], pointer: str) -> SpecDifference:
    """How a field left unread differs, from its model's `additional_properties` and pointer."""
    if field.json_name not in extra:
        return SpecDifference(f"{pointer}/{field.token}", "missing", expected_type(field.members), "absent")
    raw = extra[field.json_name]
    kind: SpecDifferenceKind = "null" if raw is None else "type"
    return SpecDifference(f"{pointer}/{field.token}", kind, expected_type(field.members), json_type(raw))


def _read(raw: Any, field: _Field, operation: str, pointer: str, found: Found) -> Any:
    """`raw` as the field's first type it fits, or _UNREADABLE."""
    if raw is None:
        return None if _NONE in field.members else _UNREADABLE
    for kind, origin, item_kinds in field.shapes:
        if origin is list:
            items = _items(raw, item_kinds, operation, f"{pointer}/{field.token}/*", found)
            if items is not None:
                return items
        elif kind is not field.model:  # that one read below, leniently (which tries the strict reader first)
            value = _as_kind(raw, kind, origin)
            if value is not _UNREADABLE:
                return value
    if field.model is not None and isinstance(raw, dict):
        return read_lenient(field.model, raw, operation, f"{pointer}/{field.token}", found)
    return _UNREADABLE


def _as_kind(raw: Any, kind: Any, origin: Any) -> Any:
    """`raw` as one of a field's types that is not a list (`origin`: its generic origin), or _UNREADABLE."""
    if origin is typing.Literal:  # a const (an event's `entity`)
        return raw if raw in typing.get_args(kind) else _UNREADABLE
    if origin is not None:  # dict[str, Any] and the like: kept as sent when of its type
        return raw if isinstance(origin, type) and isinstance(raw, origin) else _UNREADABLE
    return _scalar(raw, kind)


def _items(raw: Any, kinds: tuple[Any, ...], operation: str, pointer: str, found: Found) -> list[Any] | None:
    """A list's items as `kinds`, objects read leniently; None when one cannot be read, or `raw` is no list."""
    if not isinstance(raw, list):
        return None
    if len(kinds) == 1 and is_model(kinds[0]):
        if not all(isinstance(item, dict) for item in raw):
            return None
        return [read_lenient(kinds[0], item, operation, pointer, found) for item in raw]
    read = [_first_scalar(item, kinds) for item in raw]
    return None if any(value is _UNREADABLE for value in read) else read


def _first_scalar(raw: Any, kinds: tuple[Any, ...]) -> Any:
    """`raw` as the first of `kinds` it fits, or _UNREADABLE."""
    return next((v for v in (_scalar(raw, kind) for kind in kinds) if v is not _UNREADABLE), _UNREADABLE)


# JSON's name of each type a field may hold or a decoded value be.
_JSON_TYPES: dict[Any, str] = {
    bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null", list: "array",
    dict: "object", datetime.datetime: "string", datetime.date: "string",
}  # fmt: skip


@functools.cache
def expected_type(kinds: tuple[Any, ...]) -> str:
    """What openapi.yaml says a field holds, in JSON's words (`boolean`, `string or null`, ...)."""
    origins = [typing.get_origin(kind) or kind for kind in kinds]
    names = ["string" if _is_enum(k) else "object" if is_model(k) else _JSON_TYPES.get(k, "any") for k in origins]
    return " or ".join(dict.fromkeys(names)) or "any"


def json_type(value: object) -> str:
    """The JSON type of a decoded value: `object`, `array`, `string`, `integer`, `number`, `boolean`, `null`."""
    return _JSON_TYPES.get(type(value), "object")


# JSON scalars: the types a value of each may be decoded as (a bool is no number to the API).
_SCALARS: dict[Any, tuple[type, ...]] = {bool: (bool,), str: (str,), **NUMBERS}


def _scalar(raw: Any, kind: Any) -> Any:
    """`raw` as one type that is not a list: a model read strictly, a JSON scalar, a date, an enum."""
    fits = _SCALARS.get(kind)
    if fits is not None:
        return raw if isinstance(raw, fits) and (kind is bool or type(raw) is not bool) else _UNREADABLE
    if kind in (Any, object) or not isinstance(kind, type):
        return raw  # anything, or a name left unresolved: nothing to check it against
    try:
        return _converted(raw, kind)
    except Exception:
        return _UNREADABLE


def _converted(raw: Any, kind: type) -> Any:
    """`raw` as a date, an enum, a model read strictly or another class; _UNREADABLE or an error if it is not one."""
    if kind is datetime.datetime:
        return parse_datetime(raw)  # a TypeError for anything but text
    if kind is datetime.date:
        return parse_date(raw)
    if issubclass(kind, enum.Enum):
        return kind(raw)
    if is_model(kind):
        return kind.from_dict(raw) if isinstance(raw, dict) else _UNREADABLE  # type: ignore[attr-defined]
    return raw if isinstance(raw, kind) else _UNREADABLE


def unreadable_field(model: object, name: str) -> AttributeError:
    """A generated model's `__getattr__`: `UnreadableFieldError` for a field left unread."""
    field = next((field for field in plan_of(model).fields if field.name == name), None)
    if field is None:
        return AttributeError(f"{type(model).__name__!r} object has no attribute {name!r}")
    kind = unread_difference(field, extra_fields(model), "").kind
    operation, pointer, _ = _NOTES.get(id(model), ("", "", None))
    from .._errors import UnreadableFieldError  # noqa: PLC0415

    return UnreadableFieldError(
        model=type(model).__name__,
        field=name,
        json_name=field.json_name,
        pointer=f"{pointer}/{escaped(field.json_name)}" if operation or pointer else "",
        operation=operation,
        kind=kind,
    )


def extra_fields(model: object) -> dict[str, Any]:
    try:
        return object.__getattribute__(model, "additional_properties")  # type: ignore[no-any-return]
    except AttributeError:
        return {}


def unread_fields(model: object) -> list[str]:
    state = model_state(model)
    return [field.name for field in plan_of(model).fields if field.name not in state]


def unreadable_to_dict(model: object) -> dict[str, Any]:
    """A generated `to_dict` for a model with fields left unread: those written as they were sent."""
    wire, state = dict(extra_fields(model)), model_state(model)
    for field in plan_of(model).fields:
        if not isinstance(state.get(field.name, UNSET), Unset):
            wire[field.json_name] = to_wire(state[field.name])
    return wire


def to_wire(value: Any) -> Any:
    """A model's field as its `to_dict` writes it: models as dicts, date-times as ISO text, enums by value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [to_wire(item) for item in value]
    if is_model(type(value)):  # every generated model has a `to_dict`
        return value.to_dict()
    return value


def model_state(model: object) -> dict[str, Any]:
    """A generated model's `__getstate__` (pickle, copy): the attributes that are set."""
    state = {}
    for attribute in getattr(type(model), "__attrs_attrs__", ()):
        try:
            state[attribute.name] = object.__getattribute__(model, attribute.name)
        except AttributeError:
            continue
    return state


def set_model_state(model: object, state: Mapping[str, Any]) -> None:
    """A generated model's `__setstate__`: the attributes `model_state` kept, the unread ones left unset."""
    for name, value in state.items():
        object.__setattr__(model, name, value)
