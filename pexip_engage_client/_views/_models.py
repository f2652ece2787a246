"""How a generated model shows itself to people: its repr, IPython's pretty form, JSON text, records.

What each shows is in docs/calling-operations.md; a repr shows only the fields that hold a value because an
employee's was 500 characters, most of them `=None`."""

from __future__ import annotations

import datetime
import enum
import json
import reprlib
from typing import Any, Protocol

from .._runtime.lenient import model_state
from .._runtime.unset import UNSET, Unset

# Shown first, in this order, by every model that has them: what the object is and where it stands.
KEY_FIELDS = ("id", "status", "start", "end")
# Text longer than this is cut in a repr, and a list's items after the first LONG_LIST are counted.
LONG_TEXT = 80
LONG_LIST = 5
_CELL_CHARACTERS = 200  # of a value in the HTML table


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class _Text(str):
    """A value shown as its text without quotes (a date-time's ISO form), inside a repr."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def _shown(value: Any) -> Any:
    """The value as a person reads it in a repr: enums by value, date-times as ISO text."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):  # a datetime too
        return _Text(value.isoformat())
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return _Text(repr(value[: LONG_TEXT - 3] + "..."))
    if isinstance(value, list):
        shown = [_shown(item) for item in value[:LONG_LIST]]
        return [*shown, _Text(f"... {len(value) - LONG_LIST} more")] if len(value) > LONG_LIST else shown
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    return value


def _fields(model: object) -> list[tuple[str, Any]]:
    """The fields that hold a value, key fields first, then the schema's order; extra ones only if any."""
    shown = [
        (name, value)
        for name, value in model_state(model).items()  # not a field an answer left unreadable
        if value is not None and not isinstance(value, Unset) and not (name == "additional_properties" and not value)
    ]
    rank = {name: place for place, name in enumerate(KEY_FIELDS)}
    return sorted(shown, key=lambda field: rank.get(field[0], len(KEY_FIELDS)))  # stable: the rest keep order


@reprlib.recursive_repr()
def model_repr(model: object) -> str:
    """`Model(id=..., status=..., start=..., end=..., other=...)`: the fields that were set."""
    return f"{type(model).__name__}({', '.join(f'{name}={_shown(value)!r}' for name, value in _fields(model))})"


def model_pretty(model: object, printer: Any, cycle: bool) -> None:
    """IPython's `_repr_pretty_`: the repr's fields, a line each when they do not fit on one."""
    name = type(model).__name__
    if cycle:
        printer.text(f"{name}(...)")
        return
    with printer.group(4, f"{name}(", ")"):
        for index, (field, value) in enumerate(_fields(model)):
            if index:
                printer.text(",")
            printer.breakable("")
            printer.text(f"{field}=")
            printer.pretty(_shown(value))


def model_html(model: object) -> str:
    """Jupyter's `_repr_html_`: the model's name and a table of the repr's fields, a row each, escaped."""
    from html import escape  # noqa: PLC0415 - only a notebook displays HTML: a call never loads it

    rows = "".join(
        f"<tr><th>{escape(field)}</th><td>{escape(cut(repr(_shown(value)), _CELL_CHARACTERS))}</td></tr>"
        for field, value in _fields(model)
    )
    return f"<div><p><code>{escape(type(model).__name__)}</code></p><table>{rows}</table></div>"


def cut(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with "..." when longer."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def model_json(model: _Model, indent: int | None = None) -> str:
    """The model as the API's JSON text: `to_dict()`'s wire form (camelCase keys, ISO date-times)."""
    return json.dumps(model.to_dict(), ensure_ascii=False, indent=indent)


def model_record(model: object) -> dict[str, Any]:
    """A row for a DataFrame: every field by its Python name, values as Python reads them."""
    record: dict[str, Any] = {}
    for attribute in getattr(type(model), "__attrs_attrs__", ()):
        value = getattr(model, attribute.name, UNSET)  # a field an answer left unreadable: shown as unset
        if value or attribute.name != "additional_properties":  # extra fields only if any
            record[attribute.name] = _record_value(value)
    return record


def _record_value(value: Any) -> Any:
    if isinstance(value, Unset):
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(type(value), "__attrs_attrs__"):
        return model_record(value)
    if isinstance(value, list):
        return [_record_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _record_value(item) for key, item in value.items()}
    return value
