"""Printing results: JSON (the default when stdout is not a terminal), JSON Lines, or a table.

Models are printed in wire form (`to_dict()`: camelCase, as the API documents them). A walk of
every page (`--all`) prints one JSON array, or one line per item, whatever the number of pages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterable
from typing import Any, TextIO

FORMATS = ("json", "jsonl", "table")
# A table cell longer than this is cut: a table is for reading, JSON is for everything.
_CELL_MAX = 40


def default_format(stream: TextIO) -> str:
    return "table" if stream.isatty() else "json"


def wire(value: Any) -> Any:
    """A model (or a list of them, or a page) as the JSON the API sends."""
    if isinstance(value, str | int | float | bool | None):
        return value
    if isinstance(value, list | tuple):
        return [wire(item) for item in value]
    if isinstance(value, dict):
        return {key: wire(item) for key, item in value.items()}
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    data, meta = getattr(value, "data", None), getattr(value, "meta", None)
    if data is not None and meta is not None:  # a Page
        return {"data": wire(data), "meta": wire(meta)}
    raise TypeError(f"cannot print a {type(value).__name__}")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


class Printer:
    """Prints one result, or a stream of items as one document, in the chosen format."""

    def __init__(self, output: str | None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.format = output or default_format(self.stream)

    def result(self, value: Any) -> None:
        """One answer: an object, a page (`{"data": [...], "meta": {...}}`) or nothing (204)."""
        document = wire(value)
        if document is None:
            return
        if self.format == "json":
            self._write(dumps(document) + "\n")
            return
        page = _is_page(document)
        items = document["data"] if page else document
        rows = items if isinstance(items, list) else [items]
        if self.format == "jsonl":
            self._write("".join(dumps(row, indent=None) + "\n" for row in rows))
            return
        self._write(table(rows))
        if page:
            meta = document["meta"]
            print(
                f"{len(rows)} of {meta.get('totalCount')} from offset {meta.get('offset')} (--all for every page)",
                file=sys.stderr,
            )

    async def items(self, values: AsyncIterable[Any], progress: Progress | None = None) -> int:
        """Every item of a walk as one document, written as they arrive; returns how many there were."""
        rows: list[Any] = []
        count = 0
        if self.format == "json":
            self._write("[")
        async for value in values:
            document = wire(value)
            if self.format == "table":
                rows.append(document)
            elif self.format == "jsonl":
                self._write(dumps(document, indent=None) + "\n")
            else:
                self._write(("," if count else "") + "\n" + _indented(dumps(document)))
            count += 1
            if progress is not None:
                progress.advance(count)
        if progress is not None:
            progress.finish(count)
        if self.format == "json":
            self._write("\n]\n" if count else "]\n")
        elif self.format == "table":
            self._write(table(rows))
        return count

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _is_page(document: Any) -> bool:
    return isinstance(document, dict) and set(document) == {"data", "meta"} and isinstance(document["data"], list)


def _indented(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def table(rows: list[Any]) -> str:
    """Rows of objects as aligned columns: one per top-level field, nested values as compact JSON."""
    if not rows:
        return "(no items)\n"
    if not all(isinstance(row, dict) for row in rows):
        rows = [{"value": row} for row in rows]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if len(rows) == 1:  # one object: a field per line reads better than one very wide row
        width = max(map(len, columns))
        return "".join(_line([column, _cell(rows[0].get(column), None)], [width, 0]) + "\n" for column in columns)
    grid = [columns, *([_cell(row.get(column), _CELL_MAX) for column in columns] for row in rows)]
    widths = [max(map(len, column)) for column in zip(*grid, strict=True)]
    grid.insert(1, ["-" * width for width in widths])
    return "".join(_line(line, widths) + "\n" for line in grid)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _cell(value: Any, limit: int | None) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(str(text).split())
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


class Progress:
    """`[#####     ] 1,200 of 5,000 items` on stderr, redrawn in place as a walk goes on."""

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self._drawn = -1

    def advance(self, count: int) -> None:
        if count - self._drawn >= 50 or count == self.total:
            self._draw(count)

    def finish(self, count: int) -> None:
        self._draw(count)
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, count: int) -> None:
        self._drawn = count
        if self.total:
            bar = "#" * int(min(count / self.total, 1.0) * 30)
            self.stream.write(f"\r[{bar:<30}] {count:,} of {self.total:,} items")
        else:
            self.stream.write(f"\r{count:,} items")
        self.stream.flush()
