"""A page the typed form refused for a few of its items: the others read typed, those leniently.

Up to `MAX_SET_ASIDE` items or fields are set aside (docs/benchmarks.md, "Answers unlike the spec"); anything else
is left to the lenient reading of the whole body. Imported only with msgspec."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import functools
import operator
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import msgspec

from .._runtime.lenient import Found, read_lenient, reread_field
from .._runtime.model_types import plan
from .._runtime.unset import UNSET

# Items set aside before a page is read leniently whole: each costs one more typed reading.
MAX_SET_ASIDE = 8

_ITEM = re.compile(r"- at `\$\.data\[(\d+)\]")


def read_around(
    content: bytes, model: type, typed: Callable[[bytes], Any], operation: str, models: list[tuple[object, str]]
) -> Any | None:
    """The page `model` from `content`, the items the typed form refuses read leniently (added to `models`, with where
    they stand, for their differences from the spec); None when it cannot be."""
    item_model = _item_model(model)
    split = None if item_model is None else _split(content)
    if split is None:
        return None
    envelope, items = split
    kept = list(range(len(items)))
    aside: list[int] = []
    while len(aside) <= MAX_SET_ASIDE:
        parsed, refused = _typed_page(typed, envelope, [items[position] for position in kept])
        if parsed is not None:
            return _put_back(parsed, item_model, sorted((at, items[at]) for at in aside), operation, models)
        if refused is None:
            return None
        aside.append(kept.pop(refused))
    return None


def _put_back(
    parsed: Any, item_model: Any, aside: list[tuple[int, Any]], operation: str, models: list[tuple[object, str]]
) -> Any:
    """`parsed` with the items set aside (position, JSON text) read leniently in place; None for one not an object."""
    for position, text in aside:
        document = msgspec.json.decode(text)
        if not isinstance(document, dict):
            return None
        item = read_lenient(item_model, document, operation, "/data/*")
        models.append((item, "/data/*"))
        parsed.data.insert(position, item)
    return parsed


def _split(content: bytes) -> tuple[dict[str, Any], list[Any]] | None:
    """The page's fields and its items, each as its JSON text (`msgspec.Raw`); None if it is not one."""
    try:
        envelope = msgspec.json.decode(content, type=dict[str, msgspec.Raw])
        return envelope, msgspec.json.decode(envelope["data"], type=list[msgspec.Raw])
    except (msgspec.DecodeError, msgspec.ValidationError, KeyError):
        return None


def _typed_page(typed: Callable[[bytes], Any], envelope: dict[str, Any], items: list[Any]) -> tuple[Any, int | None]:
    """The page with these items read typed, or None and the index of the item msgspec refused (None if none)."""
    data = b"[" + b",".join(bytes(item) for item in items) + b"]"
    encode = msgspec.json.encode
    fields = (encode(key) + b":" + (bytes(raw) if key != "data" else data) for key, raw in envelope.items())
    try:
        return typed(b"{" + b",".join(fields) + b"}"), None
    except msgspec.ValidationError as exc:
        refused = _ITEM.search(str(exc))
        return None, None if refused is None else int(refused.group(1))
    except Exception:
        return None, None


def _item_model(model: type) -> Any:
    """The model of a page's items (`data`, a list of one model), or None."""
    field = plan(model).by_json_name.get("data")
    return None if field is None or field.model is not None else _model_in(field)


# Where msgspec says it refused a value (`... - at `$.data[0].role``), and a missing field's name.
_AT = re.compile(r"^(Expected .*|Object missing required field `(\w+)`) - at `\$((?:\.\w+|\[\d+\])*)`$")
_NAME = re.compile(r"\.(\w+)")
_PLACEHOLDERS: dict[Any, Any] = {
    bool: False,
    int: 0,
    float: 0.0,
    str: "",
    datetime.datetime: "1970-01-01T00:00:00+00:00",
    datetime.date: "1970-01-01",
}


@dataclasses.dataclass(frozen=True, eq=False, slots=True)  # by identity: a key of _decoder's cache, quick to hash
class _Aside:
    """A field set aside: the fields on the way to it, their JSON Pointer, its type's decoder in the typed form (None
    when msgspec refused the one such field), and its placeholder there."""

    path: tuple[Any, ...]
    field: Any
    pointer: str
    decode: Callable[[Any], Any] | None
    placeholder: Any


Sent = list[tuple[_Aside, tuple[str | int, ...], dict[str, Any]]]  # the field, where, its object as sent


def read_fields_around(  # noqa: PLR0917 - read_around's, and what the typed form said
    content: bytes,
    model: type,
    typed: Callable[..., Any],
    refusal: Exception,
    operation: str,
    found: Found,
) -> Any | None:
    """`model` from `content`, the fields the typed form refused (`refusal`) read leniently; None when it cannot be."""
    wire = sys.modules[typed.__module__].WIRE  # the Struct `typed` decodes into
    aside: tuple[_Aside, ...] = ()
    while len(aside) <= MAX_SET_ASIDE:
        sent: Sent = []
        try:
            located = _locate(str(refusal), model, wire)
            if located is None:
                return None
            aside = (*aside, located)
            parsed = typed(content, functools.partial(_decode_around, _decoder(wire, aside), aside, sent))
        except msgspec.ValidationError as exc:
            refusal = exc.with_traceback(None)  # for its message (see _decode._typed)
            continue
        except Exception:
            return None
        for entry, steps, data in sent:
            reread_field(_walk(parsed, steps), entry.field, data, operation, entry.pointer, found)
        return parsed
    return None


@functools.lru_cache(maxsize=256)  # an answer that differs most likely differs the same way again
def _locate(refusal: str, model: type, wire: type) -> _Aside | None:
    """The field the typed form's `refusal` names, set aside; None for none, or for a type with no placeholder."""
    said = _AT.match(refusal)
    names = [] if said is None else [*_NAME.findall(said.group(3)), *filter(None, [said.group(2)])]
    path, wire = _path(model, wire, names)
    placeholder = _placeholder(path[-1].members) if path else _NO_PLACEHOLDER
    if placeholder is _NO_PLACEHOLDER:
        return None
    decode: Callable[[Any], Any] = msgspec.json.Decoder(wire).decode
    on_the_way = tuple(path[:-1])
    pointer = "".join(f"/{field.token}{'' if field.model else '/*'}" for field in on_the_way)
    alone = all(field.model for field in on_the_way)  # no list on the way
    return _Aside(on_the_way, path[-1], pointer, None if alone else decode, decode(msgspec.json.encode(placeholder)))


def _path(model: Any, wire: Any, names: list[str]) -> tuple[list[Any], Any]:
    """The fields at `names` from `model`, through its models and lists of one, and the last one's typed type."""
    path: list[Any] = []
    for name in names:
        field = None if model is None else plan(model).by_json_name.get(name)
        if field is None:
            return [], None
        path.append(field)
        model = _model_in(field)
        wire = {info.name: info.type for info in msgspec.structs.fields(_struct_in(wire))}[field.name]
    return path, wire


def _struct_in(kind: Any) -> Any:
    """The Struct a type of the typed form holds: itself, a list's items, or a union's (with None)."""
    args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    return _struct_in(args[0]) if args else kind


@functools.lru_cache(maxsize=256)
def _decoder(wire: type, aside: tuple[_Aside, ...]) -> Callable[[bytes], Any]:
    """A decoder into `wire` with the fields set aside read as their JSON text."""
    paths = frozenset((*(field.name for field in entry.path), entry.field.name) for entry in aside)
    return msgspec.json.Decoder(_retyped(wire, paths)).decode


def _retyped(kind: Any, aside: frozenset[tuple[str, ...]]) -> Any:
    """A type of the typed form on the way to the fields at `aside`, with those fields read as their JSON text."""
    args = typing.get_args(kind)
    if not args:
        return kind if kind is type(None) else _struct_retyped(kind, aside)
    inner = [_retyped(arg, aside) for arg in args]
    return (
        types.GenericAlias(list, inner[0]) if typing.get_origin(kind) is list else functools.reduce(operator.or_, inner)
    )


def _struct_retyped(struct: Any, aside: frozenset[tuple[str, ...]]) -> Any:
    """A Struct like `struct` with the fields at `aside` read as their JSON text (`msgspec.Raw`)."""
    fields = []
    for info in msgspec.structs.fields(struct):
        below = frozenset(path[1:] for path in aside if path[0] == info.name)
        if below:
            kind = msgspec.Raw if () in below else _retyped(info.type, below)
            fields.append((info.name, kind, None if kind is msgspec.Raw and info.required else info.default))
    return msgspec.defstruct(struct.__name__, fields, bases=(struct,), kw_only=True)  # the rest as `struct` has them


def _decode_around(decode: Callable[[bytes], Any], aside: tuple[_Aside, ...], sent: Sent, content: bytes) -> Any:
    """`content` into the typed form's Structs, each field set aside read as its type or given its placeholder."""
    wired = decode(content)
    for entry in aside:
        _settle(wired, entry.path, entry, (), sent)
    return wired


def _settle(node: Any, path: tuple[Any, ...], entry: _Aside, steps: tuple[str | int, ...], sent: Sent) -> None:
    """The field set aside in each object at `path` from `node`: read as its type, or its placeholder noted."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _settle(item, path, entry, (*steps, index), sent)
    elif node is None or node is UNSET:
        return  # an object on the way that is null or absent
    elif path:
        _settle(getattr(node, path[0].name), path[1:], entry, (*steps, path[0].name), sent)
    elif (raw := getattr(node, entry.field.name)) is not UNSET:  # the field (UNSET: optional, absent)
        _settle_field(node, entry, raw, steps, sent)


def _settle_field(node: Any, entry: _Aside, raw: Any, steps: tuple[str | int, ...], sent: Sent) -> None:
    """The field set aside in `node` read by its type's decoder, or given its placeholder and noted in `sent`."""
    if entry.decode is not None and raw is not None:
        with contextlib.suppress(msgspec.DecodeError):  # a ValidationError is one
            setattr(node, entry.field.name, entry.decode(raw))
            return
    setattr(node, entry.field.name, entry.placeholder)
    sent.append((entry, steps, {} if raw is None else {entry.field.json_name: msgspec.json.decode(raw)}))


def _model_in(field: Any) -> Any:
    """The one model a field holds, itself or as a list's items; None otherwise."""
    if field.model is not None:
        return field.model
    for _, origin, item_kinds in field.shapes:
        if origin is list and len(item_kinds) == 1 and hasattr(item_kinds[0], "JSON_NAMES"):
            return item_kinds[0]
    return None


_NO_PLACEHOLDER: Any = object()


def _placeholder(kinds: tuple[Any, ...]) -> Any:
    """A JSON value of the field's type that the typed form reads without counting anything unknown."""
    if type(None) in kinds:
        return None
    for kind in kinds:
        if kind in _PLACEHOLDERS:
            return _PLACEHOLDERS[kind]
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return next(iter(kind)).value
        if getattr(kind, "__origin__", None) is list:
            return []
    return _NO_PLACEHOLDER


def _walk(parsed: Any, steps: tuple[str | int, ...]) -> Any:
    for step in steps:
        parsed = parsed[step] if isinstance(step, int) else object.__getattribute__(parsed, step)
    return parsed
