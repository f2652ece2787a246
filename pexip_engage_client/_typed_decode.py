"""Typed decoding for the `fast` extra: response bytes straight into the generated attrs models.

For each model class this builds, once, a msgspec `Struct` that mirrors it (the same fields under
their JSON names, unknown fields forbidden, enums and nested models typed) and a converter from
that Struct to the model, compiled from source as attrs and dataclasses compile their `__init__`.
msgspec then decodes and checks the body in C, and the converter only assigns the models' slots.

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
# Per model class: its Struct and the name of its converter in _namespace (None: no typed form).
# Converters of nested models are shared, so that each is compiled once.
_built: dict[type, tuple[Any, str] | None] = {}
_namespace: dict[str, Any] = {"UNSET": UNSET, "new": object.__new__}
_compiling = threading.Lock()


class _UntypeableError(Exception):
    """A field type the typed form cannot express; the model is decoded leniently."""


def typed_parser(model: type) -> TypedParser | None:
    """A function from response bytes to an instance of `model`, or None if it has no typed form.

    The function raises (msgspec.ValidationError, ValueError, ...) for anything outside the typed
    form; the caller then takes the lenient path.
    """
    if model not in _parsers:
        with _compiling:  # once per model; the shared namespace must not be written by two threads
            if model not in _parsers:
                _parsers[model] = _compile(model)
    return _parsers[model]


def _compile(model: type) -> TypedParser | None:
    sources: list[str] = []
    built = _build(model, sources)
    # Converters of nested models built on the way are kept even when `model` itself has no typed form.
    exec("\n".join(sources), _namespace)  # noqa: S102 - source built here from the models' own metadata
    if built is None:
        return None
    struct, converter_name = built
    decode = msgspec.json.Decoder(struct).decode
    convert = _namespace[converter_name]

    def parse(content: bytes) -> Any:
        return convert(decode(content))

    return parse


def _build(model: type, sources: list[str]) -> tuple[Any, str] | None:
    """The Struct for `model` and the name of its converter, or None; adds new converters to `sources`."""
    if model in _built:
        return _built[model]
    _built[model] = None  # a model that contains itself is decoded leniently where it recurs
    with contextlib.suppress(_UntypeableError):
        _built[model] = _build_new(model, sources)
    return _built[model]


def _build_new(model: type, sources: list[str]) -> tuple[Any, str]:
    json_names: tuple[str, ...] | None = getattr(model, "JSON_NAMES", None)
    if json_names is None or not attrs.has(model):
        raise _UntypeableError(model)
    hints = typing.get_type_hints(model)
    fields = [field.name for field in attrs.fields(model) if field.name != "additional_properties"]
    if hints.get("additional_properties") != dict[str, Any] or len(fields) != len(json_names):
        raise _UntypeableError(model)  # typed extra fields are the model's content: decode leniently
    struct_fields: list[tuple[str, Any, Any]] = []
    arguments: list[str] = []
    for name in fields:
        wire_type, expression, optional = _field(hints[name], f"s.{name}", sources)
        # An absent optional field is UNSET, as from_dict makes it (whatever the attrs default).
        struct_fields.append((name, wire_type, UNSET if optional else msgspec.NODEFAULT))
        arguments.append(expression)
    arguments.append("{}")  # additional_properties: the Struct forbids unknown fields
    model_name = _name("model", model)
    converter_name = _name("convert", None)
    if _plain(model):
        # Slots assigned directly: the same as what __init__ does, without the call into it.
        assignments = "".join(
            f"    o.{name} = {argument}\n"
            for name, argument in zip([*fields, "additional_properties"], arguments, strict=True)
        )
        sources.append(f"def {converter_name}(s):\n    o = new({model_name})\n{assignments}    return o\n")
    else:
        sources.append(f"def {converter_name}(s):\n    return {model_name}({', '.join(arguments)})\n")
    struct = msgspec.defstruct(
        f"{model.__name__}Wire",
        struct_fields,
        kw_only=True,
        forbid_unknown_fields=True,
        rename=dict(zip(fields, json_names, strict=True)),
        gc=False,  # decoded JSON holds no cycles
    )
    return struct, converter_name


def _plain(model: type) -> bool:
    """Whether `model.__init__` only assigns its arguments (no validator, converter or hook to run)."""
    return (
        # attrs installs its own __setattr__ for frozen fields or on-setattr hooks
        model.__setattr__ is object.__setattr__  # type: ignore[comparison-overlap]
        and not hasattr(model, "__attrs_pre_init__")
        and not hasattr(model, "__attrs_post_init__")
        and all(field.validator is None and field.converter is None for field in attrs.fields(model))
    )


def _name(prefix: str, value: Any) -> str:
    """A new name in the converters' namespace, bound to `value` (None: bound later, by exec)."""
    name = f"{prefix}_{len(_namespace)}"
    _namespace[name] = value
    return name


def _field(hint: Any, source: str, sources: list[str]) -> tuple[Any, str, bool]:
    """The Struct type for a field's type hint, the expression converting `source`, and whether
    the field is optional (may be absent)."""
    is_union = isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union
    if not is_union:
        wire_type, expression = _value(hint, source, sources)
        return wire_type, expression, False
    members = typing.get_args(hint)
    nullable, optional = type(None) in members, Unset in members
    values = [member for member in members if member is not type(None) and member is not Unset]
    if len(values) != 1:
        raise _UntypeableError(hint)
    wire_type, expression = _value(values[0], "v", sources)
    if nullable:
        wire_type = wire_type | None
    if expression == "v":
        return wire_type, source, optional
    # None, and UNSET (the Struct's value for an absent field), pass through unconverted.
    passed = " or v ".join(test for test, wanted in (("is None", nullable), ("is UNSET", optional)) if wanted)
    return wire_type, f"(v if (v := {source}) {passed} else {expression})", optional


def _value(hint: Any, source: str, sources: list[str]) -> tuple[Any, str]:  # noqa: PLR0911 - one return per kind
    """The Struct type for a value (not a union), and the expression converting `source`."""
    if hint in (str, int, bool) or hint is Any:
        return hint, source
    if hint is float:
        return int | float, source  # from_dict keeps an integer as it came
    if hint is datetime.datetime or hint is datetime.date:
        # Parsed by the function from_dict uses, so that both paths agree on every string.
        return str, f"{_name('parse', hint.fromisoformat)}({source})"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if not all(isinstance(member.value, str) for member in hint):
            raise _UntypeableError(hint)
        return hint, source
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        item_type, item_expression = _value(item, "i", sources)
        if item_expression == "i":
            return list[item_type], source  # type: ignore[valid-type]
        return list[item_type], f"[{item_expression} for i in {source}]"  # type: ignore[valid-type]
    if isinstance(hint, type) and attrs.has(hint):
        built = _build(hint, sources)
        if built is None:
            # A nested model with no typed form: decoded as plain JSON, then read leniently.
            lenient = hint.from_dict  # type: ignore[attr-defined]  # every generated model has one
            return dict[str, Any], f"{_name('lenient', lenient)}({source})"
        struct, converter_name = built
        return struct, f"{converter_name}({source})"
    raise _UntypeableError(hint)
