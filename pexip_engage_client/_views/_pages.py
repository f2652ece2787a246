"""How a page of a list operation, and a list of models, show themselves to people: a short repr,
IPython's pretty form, HTML (docs/calling-operations.md).

Written out whole, a page of 25 employees is one line of 12,000 characters."""

from __future__ import annotations

import reprlib
from typing import TYPE_CHECKING, Any

from .._base.answer_fields import Unread
from .._runtime.lenient import model_field
from ._models import cut

if TYPE_CHECKING:
    from collections.abc import Callable

# Items shown by the repr, and how much of each item's own repr.
REPR_ITEMS = 3
_ITEM_CHARACTERS = 100
_LINE_CHARACTERS = 110  # an item a line in IPython, within a terminal's or a notebook cell's width
PRETTY_ITEMS = 100  # of a list in IPython (a page's items are all shown: a page is at most 1,000)
# Rows and columns of the HTML table, and the characters of a cell.
HTML_ROWS = 20
_HTML_COLUMNS = 12
_CELL_CHARACTERS = 60


def _items(page: Any) -> list[Any] | None:
    """The page's items, or None when the answer held none that could be read."""
    data = model_field(lambda: page.data, pointer="/data")
    return None if isinstance(data, Unread) else data


def _shown(read: Callable[[], object]) -> str:
    """A field of `meta` as shown: its value, or `?` when the answer did not give it as the spec says."""
    value = model_field(read)
    return "?" if isinstance(value, Unread) or value is None else str(value)


def _summary(name: str, page: Any) -> str:
    """`Page(25 of 120 Employee from offset 0`; a `?` for what the answer did not give (docs/spec-drift.md)."""
    data = _items(page)
    kind = type(data[0]).__name__ if data else "item"
    count = "?" if data is None else len(data)
    total, offset = _shown(lambda: page.meta.total_count), _shown(lambda: page.meta.offset)
    return f"{name}({count} of {total} {kind} from offset {offset}"


def page_repr(name: str, page: Any) -> str:
    """`Page(25 of 120 Employee from offset 0: [Employee(id='e0', ...), ..., 22 more])`."""
    return f"{_summary(name, page)}: {list_repr(_items(page) or [])})"


def list_repr(data: list[Any]) -> str:
    """`[Employee(id='e0', ...), Employee(...), Employee(...), ... 22 more]`: the first items, each cut short."""
    shown = [cut(repr(item), _ITEM_CHARACTERS) for item in data[:REPR_ITEMS]]
    if len(data) > REPR_ITEMS:
        shown.append(f"... {len(data) - REPR_ITEMS} more")
    return f"[{', '.join(shown)}]"


def page_pretty(name: str, page: Any, printer: Any, cycle: bool) -> None:
    """IPython's `_repr_pretty_`: the summary, then an item a line, each cut to a line's width."""
    if cycle:
        printer.text(f"{name}(...)")
        return
    data = _items(page) or []
    _pretty_items(data, len(data), printer, _summary(name, page) + ": [", "])")


def list_pretty(data: list[Any], printer: Any, cycle: bool) -> None:
    """IPython's `_repr_pretty_` of a list: an item a line (the first `PRETTY_ITEMS`), each cut to a line."""
    if cycle:
        printer.text("[...]")
        return
    _pretty_items(data, PRETTY_ITEMS, printer, "[", "]")


def _pretty_items(data: list[Any], most: int, printer: Any, opening: str, closing: str) -> None:
    with printer.group(4, opening, closing):
        for index, item in enumerate(data[:most]):
            if index:
                printer.text(",")
            printer.breakable("")
            printer.text(cut(repr(item), _LINE_CHARACTERS))
        if len(data) > most:
            printer.text(",")
            printer.breakable("")
            printer.text(f"... {len(data) - most} more")


def page_html(name: str, page: Any) -> str:
    """Jupyter's `_repr_html_`: the summary and a table of the first rows, by the fields they set."""
    return _html(_summary(name, page) + ")", _items(page) or [], "on this page")


def list_html(data: list[Any]) -> str:
    """Jupyter's `_repr_html_` of a list: how many items of which kind, and a table of the first rows."""
    kind = type(data[0]).__name__ if data else "item"
    return _html(f"list of {len(data)} {kind}", data, "in the list")


def _html(caption: str, data: list[Any], where: str) -> str:
    from html import escape  # noqa: PLC0415 - only a notebook displays HTML: a call never loads it

    rows = [_row(item) for item in data[:HTML_ROWS]]
    columns = list(dict.fromkeys(column for row in rows for column in row))[:_HTML_COLUMNS]  # in order, once
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    body = "".join(_html_row(row, columns, escape) for row in rows)
    more = f"<p>... {len(data) - len(rows)} more {where}</p>" if len(data) > len(rows) else ""
    return f"<div><p><code>{escape(caption)}</code></p><table><tr>{head}</tr>{body}</table>{more}</div>"


def _html_row(row: dict[str, Any], columns: list[str], escape: Callable[[str], str]) -> str:
    return "<tr>" + "".join(f"<td>{escape(_cell(row.get(column, '')))}</td>" for column in columns) + "</tr>"


def _row(item: Any) -> dict[str, Any]:
    """The fields an item set, as `to_dict` writes them (wire names, the API's order)."""
    to_dict = getattr(item, "to_dict", None)
    try:
        written = to_dict() if callable(to_dict) else item
    except (TypeError, ValueError, AttributeError):  # a model given a value of the wrong type: shown, not raised
        written = None
    if isinstance(written, dict):
        return {str(key): value for key, value in written.items() if value is not None}
    return {"value": item}


_cells = reprlib.Repr()
_cells.maxstring = _CELL_CHARACTERS
_cells.maxother = _CELL_CHARACTERS


def _cell(value: Any) -> str:
    return cut(value if isinstance(value, str) else _cells.repr(value), _CELL_CHARACTERS)
