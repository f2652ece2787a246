"""Typed decoding for the `fast` extra: response bytes straight into the generated attrs models.

For each model class this builds, once, a msgspec `Struct` that mirrors it (the same fields under
their JSON names, unknown fields forbidden, enums and nested models typed) and a converter from
that Struct to the model, compiled from source as attrs and dataclasses compile their `__init__`.
msgspec then decodes and checks the body in C, and the converter only assigns the models' slots.

The converter of a response model is one function, with the conversion of every model nested in
it written out inline (loops for lists), rather than a function per nested model: the documented
appointment holds about 30 models, and calling a converter for each took about 40 Python calls
(bytes to model: 10.0 us with them, 8.8 us inline, measured in a loop).

The typed form is deliberately stricter than the models: anything it does not accept (a field or
enum value the spec does not list, a value of another type, a timestamp `fromisoformat` refuses)
raises, and the caller falls back to the lenient path (`json` decoding, then `from_dict`), which
keeps unknown fields and values. Both paths build equal models; tests/test_fast_decode.py checks.

A model whose fields this does not know how to type (a map of models, a literal, a union of
several types) gets no typed form: it is decoded leniently, alone or as a field of another model.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import msgspec

from ._generated.types import UNSET, Unset

TypedParser = Callable[[bytes], Any]

# A typed parser per model class; None for a model with no typed form.
_parsers: dict[type, TypedParser | None] = {}
# The Struct mirroring each model class; None for a model with no typed form.
_structs: dict[type, Any] = {}
_compiling = threading.Lock()


class _UntypeableError(Exception):
    """A field type the typed form cannot express; the model is decoded leniently."""


def typed_parser(model: type) -> TypedParser | None:
    """A function from response bytes to an instance of `model`, or None if it has no typed form.

    The function raises (msgspec.ValidationError, ValueError, ...) for anything outside the typed
    form; the caller then takes the lenient path.
    """
    if model not in _parsers:
        with _compiling:  # once per model; the Structs are shared between models
            if model not in _parsers:
                _parsers[model] = _compile(model)
    return _parsers[model]


def _compile(model: type) -> TypedParser | None:
    struct = _struct(model)
    if struct is None:
        return None
    converter = _Converter()
    result = converter.value(model, "s", 1)
    namespace = converter.namespace
    namespace["decode"] = msgspec.json.Decoder(struct).decode
    source = f"def parse(content):\n    s = decode(content)\n{converter.source()}    return {result}\n"
    exec(source, namespace)  # noqa: S102 - built from the models' own metadata
    parse: TypedParser = namespace["parse"]
    return parse


# The Structs: msgspec's form of each model, checked in C while decoding.


def _struct(model: type) -> Any:
    """The Struct for `model`, or None when it has no typed form."""
    if model not in _structs:
        _structs[model] = None  # a model that contains itself is decoded leniently where it recurs
        with contextlib.suppress(_UntypeableError):
            _structs[model] = _define_struct(model)
    return _structs[model]


def _fields(model: type) -> list[tuple[str, Any]]:
    """Each field's name and type hint, in the constructor's order, but additional_properties."""
    hints = typing.get_type_hints(model)
    return [(field.name, hints[field.name]) for field in attrs.fields(model) if field.name != "additional_properties"]


def _define_struct(model: type) -> Any:
    json_names: tuple[str, ...] | None = getattr(model, "JSON_NAMES", None)
    if json_names is None or not attrs.has(model):
        raise _UntypeableError(model)
    fields = _fields(model)
    if typing.get_type_hints(model).get("additional_properties") != dict[str, Any] or len(fields) != len(json_names):
        raise _UntypeableError(model)  # typed extra fields are the model's content: decode leniently
    struct_fields = []
    for name, hint in fields:
        value_hint, nullable, optional = _members(hint)
        wire_type = _wire_type(value_hint)
        # An absent optional field is UNSET, as from_dict makes it (whatever the attrs default).
        struct_fields.append(
            (name, wire_type | None if nullable else wire_type, UNSET if optional else msgspec.NODEFAULT)
        )
    return msgspec.defstruct(
        f"{model.__name__}Wire",
        struct_fields,
        kw_only=True,
        forbid_unknown_fields=True,
        rename={name: json_name for (name, _), json_name in zip(fields, json_names, strict=True)},
        gc=False,  # decoded JSON holds no cycles
    )


def _members(hint: Any) -> tuple[Any, bool, bool]:
    """A field's value type, and whether it is nullable (None) and optional (UNSET when absent)."""
    if not (isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union):
        return hint, False, False
    members = typing.get_args(hint)
    values = [member for member in members if member is not type(None) and member is not Unset]
    if len(values) != 1:
        raise _UntypeableError(hint)
    return values[0], type(None) in members, Unset in members


def _wire_type(hint: Any) -> Any:
    """The Struct type for a value (not a union)."""
    if hint in (str, int, bool) or hint is Any:
        return hint
    if hint is float:
        return int | float  # from_dict keeps an integer as it came
    if hint is datetime.datetime or hint is datetime.date:
        return str  # parsed by the converter, as from_dict parses it
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if not all(isinstance(member.value, str) for member in hint):
            raise _UntypeableError(hint)
        return hint
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return list[_wire_type(item)]  # type: ignore[misc]
    if isinstance(hint, type) and attrs.has(hint):
        struct = _struct(hint)
        return dict[str, Any] if struct is None else struct  # no typed form: plain JSON, read leniently
    raise _UntypeableError(hint)


def _converted(hint: Any) -> bool:
    """Whether a wire value of this (non-union) type needs converting, or is the model's value as it is."""
    if isinstance(hint, type) and attrs.has(hint):
        return True
    if typing.get_origin(hint) is list:
        return _converted(typing.get_args(hint)[0])
    return hint is datetime.datetime or hint is datetime.date


# The converter: source code that builds the models from a decoded Struct.


class _Converter:
    """The statements of one converter function, and the values its source refers to by name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"UNSET": UNSET, "new": object.__new__}
        self._names: dict[int, str] = {}  # id of a value in the namespace -> its name
        self._locals = 0

    def source(self) -> str:
        return "".join(f"{line}\n" for line in self.lines)

    def _line(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def _local(self) -> str:
        self._locals += 1
        return f"v{self._locals}"

    def _constant(self, prefix: str, value: Any) -> str:
        """The name under which the source refers to `value` (one name per value)."""
        name = self._names.get(id(value))
        if name is None:
            name = self._names[id(value)] = f"{prefix}_{len(self.namespace)}"
            self.namespace[name] = value  # which also keeps it alive, and its id unique
        return name

    def field(self, hint: Any, source: str, depth: int) -> str:
        """Write the conversion of a field's wire value (`source`); return an expression for the result."""
        value_hint, nullable, optional = _members(hint)
        if not (nullable or optional) or not _converted(value_hint):
            return self.value(value_hint, source, depth)
        # None, and UNSET (the Struct's value for an absent field), pass through unconverted.
        local = self._local()
        self._line(depth, f"{local} = {source}")
        passed = [
            test for test, wanted in ((f"{local} is not None", nullable), (f"{local} is not UNSET", optional)) if wanted
        ]
        self._line(depth, f"if {' and '.join(passed)}:")
        self._line(depth + 1, f"{local} = {self.value(value_hint, local, depth + 1)}")
        return local

    def value(self, hint: Any, source: str, depth: int) -> str:
        """Write the conversion of a wire value (not a union); return an expression for the result."""
        if not _converted(hint):
            return source
        if hint is datetime.datetime or hint is datetime.date:
            # Parsed by the function from_dict uses, so that both paths agree on every string.
            return f"{self._constant('parse', hint.fromisoformat)}({source})"
        if typing.get_origin(hint) is list:
            items, item = self._local(), self._local()
            self._line(depth, f"{items} = []")
            self._line(depth, f"for {item} in {source}:")
            self._line(depth + 1, f"{items}.append({self.value(typing.get_args(hint)[0], item, depth + 1)})")
            return items
        if _struct(hint) is None:
            # A nested model with no typed form: decoded as plain JSON, then read leniently.
            return f"{self._constant('lenient', hint.from_dict)}({source})"
        return self._model(hint, source, depth)

    def _model(self, model: type, source: str, depth: int) -> str:
        if not source.isidentifier():  # an attribute: read it once
            wire = self._local()
            self._line(depth, f"{wire} = {source}")
            source = wire
        model_name = self._constant("model", model)
        built = self._local()
        fields = _fields(model)
        if _plain(model):
            # Slots assigned directly: the same as what __init__ does, without the call into it.
            self._line(depth, f"{built} = new({model_name})")
            for name, hint in fields:
                self._line(depth, f"{built}.{name} = {self.field(hint, f'{source}.{name}', depth)}")
            self._line(depth, f"{built}.additional_properties = {{}}")  # the Struct forbids unknown fields
        else:
            arguments = [self.field(hint, f"{source}.{name}", depth) for name, hint in fields]
            self._line(depth, f"{built} = {model_name}({', '.join([*arguments, '{}'])})")
        return built


def _plain(model: type) -> bool:
    """Whether `model.__init__` only assigns its arguments (no validator, converter or hook to run)."""
    return (
        # attrs installs its own __setattr__ for frozen fields or on-setattr hooks
        model.__setattr__ is object.__setattr__  # type: ignore[comparison-overlap]
        and not hasattr(model, "__attrs_pre_init__")
        and not hasattr(model, "__attrs_post_init__")
        and all(field.validator is None and field.converter is None for field in attrs.fields(model))
    )
