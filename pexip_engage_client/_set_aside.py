"""A page the typed form refused for a few of its items: the others read typed, those leniently.

When the real API differs from openapi.yaml in one item of a page (a field absent, a null, a value
of another type, a new field), the typed form (msgspec, `_generated/typed/`) refuses the whole
page, and the lenient reading of all of it in Python costs several times the typed one. msgspec
says where it stopped (`... - at $.data[500].hybrid`): that item is set aside, the page without it
is read typed again, and so on for at most `MAX_SET_ASIDE` items; then each item set aside is read
leniently (`_runtime/lenient.py`) and put back in its place. Whatever else differs (a refusal that
names no item, more items than that) leaves the page to the lenient reading of all of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ._runtime.lenient import plan, read_lenient
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
