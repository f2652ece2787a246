"""A page the typed form refused for a few of its items: the others read typed, those leniently.

When the real API differs from openapi.yaml in one item of a page (a field absent, a null, a value
of another type, a new field), the typed form (msgspec, `_generated/typed/`) refuses the whole
page, and the lenient reading of all of it in Python costs several times the typed one. msgspec
says where it stopped (`... - at $.data[500].hybrid`): that item is set aside, the page without it
is read typed again, and so on for at most `MAX_SET_ASIDE` items; then each item set aside is read
leniently (`_runtime/lenient.py`) and put back in its place. Whatever else differs (a refusal that
names no item, more items than that) leaves the page to the lenient reading of all of it.

An object the typed form refused for a few of its fields (`... - at $.data.hybrid`, or a required
field missing at `$.data`) is read the same way, field by field rather than item by item
(`read_fields_around`): each such field is given a value of its type that the typed form accepts
(a null, false, 0, "", [], an enum's first value, a date), the body is read typed again, and then
each of those fields is read again from the value as sent, as the lenient reading reads it. A
field whose type has no such value (an object), an unknown field, or more than `MAX_SET_ASIDE`
fields leave the object to the lenient reading of all of it.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Callable
from typing import Any

from ._runtime.lenient import plan, read_lenient, reread_field
from ._spec_drift import Difference, differences

# Items set aside before a page is left to the lenient reading of all of it: each costs one more
# typed reading of the page, so a page where most items differ is read leniently at once.
MAX_SET_ASIDE = 8

_ITEM = re.compile(r"- at `\$\.data\[(\d+)\]")


def read_around(
    content: bytes, model: type, typed: Callable[[bytes], Any], operation: str, found: list[Difference]
) -> Any | None:
    """The page `model` from `content` with the items the typed form refuses read leniently; None when
    it cannot be (not a page, a refusal that names no item, too many items)."""
    item_model = _item_model(model)
    split = None if item_model is None else _split(content)
    if split is None:
        return None
    envelope, items = split
    kept = list(range(len(items)))
    aside: list[int] = []
    parsed: Any = None
    while parsed is None and len(aside) <= MAX_SET_ASIDE:
        parsed, refused = _typed_page(typed, envelope, [items[position] for position in kept])
        if parsed is None:
            if refused is None:
                return None
            aside.append(kept.pop(refused))
    for position in sorted(aside) if parsed is not None else ():
        document = _decoded(items[position])
        if not isinstance(document, dict):
            return None
        item = read_lenient(item_model, document, operation, "/data/*")
        found += differences(item, "/data/*")
        parsed.data.insert(position, item)
    return parsed


def _split(content: bytes) -> tuple[dict[str, Any], list[Any]] | None:
    """The page's fields and its items, each as its JSON text (`msgspec.Raw`); None if it is not one."""
    import msgspec  # noqa: PLC0415 - the typed form exists only with msgspec

    try:
        envelope = msgspec.json.decode(content, type=dict[str, msgspec.Raw])
        return envelope, msgspec.json.decode(envelope["data"], type=list[msgspec.Raw])
    except (msgspec.DecodeError, msgspec.ValidationError, KeyError):
        return None


def _decoded(raw: Any) -> Any:
    import msgspec  # noqa: PLC0415

    return msgspec.json.decode(raw)


def _typed_page(typed: Callable[[bytes], Any], envelope: dict[str, Any], items: list[Any]) -> tuple[Any, int | None]:
    """The page with these items read typed, or None and the index of the item msgspec refused (None if none)."""
    import msgspec  # noqa: PLC0415

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
    for field in plan(model).fields:
        if field.json_name == "data" and field.model is None:
            for _, origin, item_kinds in field.shapes:
                if origin is list and len(item_kinds) == 1 and hasattr(item_kinds[0], "JSON_NAMES"):
                    return item_kinds[0]
    return None


# Where msgspec says it refused a value: the path (`$.data.appointmentParticipants[0].role`), and the
# field a missing one names (`Object missing required field `hybrid` - at `$.data``).
_AT = re.compile(r"^(Expected .*|Object missing required field `(\w+)`) - at `\$((?:\.\w+|\[\d+\])*)`$")
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_PLACEHOLDERS: dict[Any, Any] = {
    bool: False, int: 0, float: 0.0, str: "",
    datetime.datetime: "1970-01-01T00:00:00+00:00", datetime.date: "1970-01-01",
}  # fmt: skip


def read_fields_around(  # noqa: PLR0917 - read_around's, and what the typed form said
    content: bytes,
    model: type,
    typed: Callable[[bytes], Any],
    refusal: Exception,
    operation: str,
    found: list[Difference],
) -> Any | None:
    """`model` from `content`, read typed with the fields it refused read leniently; None when it
    cannot be (see the module's docstring). `refusal` is what the typed form said of `content`."""
    import msgspec  # noqa: PLC0415 - the typed form exists only with msgspec

    aside: list[tuple[tuple[str | int, ...], Any, dict[str, Any]]] = []  # where, the field, its value as sent
    while len(aside) <= MAX_SET_ASIDE:
        located = _locate(str(refusal), model)
        if located is None:
            return None
        steps, field, placeholder = located
        if any(steps == done and field is same for done, same, _ in aside):
            return None  # the placeholder refused too
        patched = _patched(content, steps, field.json_name, placeholder)
        if patched is None:
            return None
        content, sent = patched
        aside.append((steps, field, {} if sent is None else {field.json_name: msgspec.json.decode(sent)}))
        try:
            parsed = typed(content)
        except msgspec.ValidationError as exc:
            refusal = exc.with_traceback(None)  # for its message (see _decode._typed)
            continue
        except Exception:
            return None
        for steps, field, data in aside:
            instance, pointer = _walk(parsed, steps)
            reread_field(instance, field, data, operation, pointer, found)
        return parsed
    return None


@functools.lru_cache(maxsize=256)  # an answer that differs most likely differs the same way again
def _locate(refusal: str, model: type) -> tuple[tuple[str | int, ...], Any, Any] | None:
    """The path to the object whose field the typed form refused (`refusal`, what it said), that
    field's plan and its placeholder (as JSON text, `msgspec.Raw`); None when the refusal is not of
    a field of a model that can be given a placeholder."""
    said = _AT.match(refusal)
    if said is None:
        return None
    steps: list[str | int] = [int(i) if i else name for name, i in _STEP.findall(said.group(3))]
    name = said.group(2) if said.group(2) is not None else steps.pop() if steps else None
    kind: Any = model
    for step in steps:
        if isinstance(step, str):  # a list's item (an int) is of the model the list's field holds
            field = _fields(kind).get(step)
            kind = None if field is None else _model_in(field)
            if kind is None:
                return None
    field = _fields(kind).get(name) if isinstance(name, str) else None
    placeholder = _NO_PLACEHOLDER if field is None else _placeholder(field.members)
    if placeholder is _NO_PLACEHOLDER:
        return None
    _, _, encode, raw = _splitters()
    return tuple(steps), field, raw(encode(placeholder))


def _patched(content: bytes, steps: tuple[str | int, ...], name: str, placeholder: Any) -> tuple[bytes, Any] | None:
    """`content` with the field `name` of the object at `steps` set to `placeholder`, and its JSON
    text as sent (`msgspec.Raw`, None when absent); None when there is no such object. Only the
    objects and lists on the way are split (into `msgspec.Raw` values), not decoded."""
    an_object, a_list, encode, raw = _splitters()
    containers: list[Any] = []
    current: Any = content
    try:
        for step in steps:
            container = (a_list if isinstance(step, int) else an_object)(current)
            containers.append(container)
            current = container[step]
        parent = an_object(current)
    except (ValueError, KeyError, IndexError):  # msgspec's DecodeError and ValidationError are ValueErrors
        return None
    sent = parent.get(name)
    parent[name] = placeholder
    text = encode(parent)
    for container, step in zip(reversed(containers), reversed(steps), strict=True):
        container[step] = raw(text)
        text = encode(container)
    return text, sent


@functools.cache
def _splitters() -> tuple[Callable[[Any], Any], Callable[[Any], Any], Callable[[Any], bytes], type]:
    """msgspec's decoders of an object and of a list into `msgspec.Raw` values, its encoder, and `Raw`
    (made once: a decode given a type anew analyses that type each time)."""
    import msgspec  # noqa: PLC0415 - the typed form exists only with msgspec

    an_object = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode
    a_list = msgspec.json.Decoder(list[msgspec.Raw]).decode
    return an_object, a_list, msgspec.json.Encoder().encode, msgspec.Raw


@functools.cache
def _fields(model: Any) -> dict[str, Any]:
    """A model's fields (`plan`) by JSON name."""
    return {field.json_name: field for field in plan(model).fields}


def _field(model: Any, json_name: str) -> Any:
    return _fields(model)[json_name]


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


def _walk(parsed: Any, steps: tuple[str | int, ...]) -> tuple[Any, str]:
    """The model instance at `steps` in `parsed`, and its JSON Pointer (list items as `*`)."""
    instance, pointer = parsed, ""
    for step in steps:
        if isinstance(step, int):
            instance, pointer = instance[step], f"{pointer}/*"
        else:
            field = _field(type(instance), step)
            instance, pointer = object.__getattribute__(instance, field.name), f"{pointer}/{field.token}"
    return instance, pointer
