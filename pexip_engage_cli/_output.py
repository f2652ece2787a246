"""Printing results: JSON (the default when stdout is not a terminal), JSON Lines, a table, CSV or YAML
(`_sheets.py`; docs/cli.md, "Output"). Date-times are spelt one way, the API's: the same instant must not read
two ways, as a model's `+00:00` and microseconds beside the raw body of `api GET`.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from collections.abc import AsyncIterable
from typing import TYPE_CHECKING, Any, TextIO

from ._exit import CommandError
from ._terminal import visible

if TYPE_CHECKING:
    from pexip_engage_client._base.progress import ProgressBar

# A table cell longer than this is cut: a table is for reading, JSON is for everything.
_CELL_MAX = 40


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})")


def timestamp(text: str) -> str:
    """An RFC 3339 date-time in the API's spelling (`instant`); any other text as it came."""
    if not _DATE_TIME.fullmatch(text):
        return text
    from pexip_engage_client._base.timing import parse_datetime  # noqa: PLC0415 - help loads no client

    try:
        moment = parse_datetime(text)
    except ValueError:  # out of range (month 13): not a date-time after all, printed as it came
        return text
    return instant(moment)


def instant(moment: datetime.datetime) -> str:
    """An aware datetime as every command prints one (docs/cli.md, "Output"): UTC with `Z`, milliseconds
    unless it has finer. The command line's only writer of date-times: `tests/cli/test_timestamps.py` finds any other.
    """
    if moment.utcoffset() is None:  # naive: no instant to print in UTC, written as it is
        return moment.isoformat()
    moment = moment.astimezone(datetime.UTC)
    precision = "milliseconds" if moment.microsecond % 1000 == 0 else "microseconds"
    return moment.replace(tzinfo=None).isoformat(timespec=precision) + "Z"


def wire(value: Any) -> Any:
    """A model (or a list of them, or a page) as the JSON the API sends, date-times spelt one way."""
    if isinstance(value, str):
        return timestamp(value)
    if isinstance(value, int | float | bool | None):
        return value
    if isinstance(value, list | tuple):
        return [wire(item) for item in value]
    if isinstance(value, dict):
        return {key: wire(item) for key, item in value.items()}
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return wire(to_dict())
    if hasattr(type(value), "next_page"):  # a Page: its `data` or `meta` may be what the answer lacked (null)
        return {"data": wire(getattr(value, "data", None)), "meta": wire(getattr(value, "meta", None))}
    raise TypeError(f"cannot print a {type(value).__name__}")


def page_total(page: Any, offset: int) -> int | None:
    """How many items a walk from `offset` will hand out, as the page's `meta.totalCount` tells; None
    when the answer did not give it as a count (the walk goes on without it: docs/cli.md)."""
    from pexip_engage_client._base.answer_fields import json_field  # noqa: PLC0415 - a walk's, with the client

    total = json_field(wire(page), "/meta/totalCount", int)
    return total - offset if isinstance(total, int) and total >= offset else None


def dumps(value: Any, *, indent: int | None = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


class Printer:
    """Prints one result, or a stream of items as one document, in the chosen format (docs/cli.md, "Output")."""

    def __init__(self, output: str | None, columns: list[str] | None = None, *, csv_raw: bool = False) -> None:
        self.stream = sys.stdout
        self.format = output or ("table" if self.stream.isatty() else "json")
        self.columns = columns
        self.csv_raw = csv_raw
        if columns is not None and self.format not in ("table", "csv"):
            raise CommandError(
                "--columns chooses the columns of a table or CSV: use it with --output table or csv (or on a terminal)"
            )
        if self.format == "yaml":  # a missing extra is said before anything is sent
            from ._sheets import check_yaml  # noqa: PLC0415 - for `-o yaml` only

            check_yaml()

    @property
    def wants_first_page(self) -> bool:
        """Whether a walk's first page is wanted before its items: a CSV header without `--columns` is its fields."""
        return self.format == "csv" and self.columns is None

    def result(self, value: Any) -> None:
        """One answer: an object, a page (`{"data": [...], "meta": {...}}`) or nothing (204)."""
        document = wire(value)
        if document is None:
            return
        if self.format in ("json", "yaml"):
            self._write(self._document(document))
            return
        page = isinstance(document, dict) and set(document) == {"data", "meta"} and isinstance(document["data"], list)
        items = document["data"] if page else document
        rows = items if isinstance(items, list) else [items]
        if self.format == "jsonl":
            self._write("".join(dumps(row, indent=None) + "\n" for row in rows))
            return
        if self.format == "csv":
            from ._sheets import rows_text  # noqa: PLC0415 - for `-o csv` only

            self._write(rows_text(rows, self.columns, raw=self.csv_raw))
            return
        self._write(self._table(rows))
        if page:
            print(
                f"{len(rows)} of {_read(document, '/meta/totalCount')} from offset "
                f"{_read(document, '/meta/offset')} (--all for every page)",
                file=sys.stderr,
            )

    def ensured(self, value: Any) -> None:
        """An `ensure_*` call's `Ensured`: its outcome and the resource, printed as docs/cli.md's "ensure" shows."""
        outcome, resource = str(value.outcome), wire(value.resource)
        if self.format == "table":
            print(visible(f"{outcome}: externalId {value.external_id}"), file=sys.stderr)
            self._write(self._table([resource]))
            return
        document = {"outcome": outcome, "externalId": value.external_id, "resource": resource}
        if self.format == "jsonl":
            self._write(dumps(document, indent=None) + "\n")
        else:
            self.result(document)

    def request(self, document: dict[str, Any], message: str) -> None:
        """A request not sent (`--dry-run`): `message`, the HTTP message, on a terminal's table; the
        `document` (method, url, headers, body) in any other format."""
        if self.format == "table":
            self._write(visible(message))
        else:
            self.result(document)

    async def items(self, values: AsyncIterable[Any], progress: ProgressBar | None = None, first: Any = None) -> int:
        """Every item of a walk as one document, written as they arrive; how many there were. `first`: the walk's
        first page, read before it (a CSV header is its items' fields)."""
        rows: list[Any] = []
        count = 0
        sheet = None
        if self.format == "json":
            self._write("[")
        elif self.format == "csv":
            from ._sheets import CsvWriter  # noqa: PLC0415 - for `-o csv` only

            sample = wire(getattr(first, "data", None)) if first is not None else None
            sheet = CsvWriter(self.stream, self.columns, sample if isinstance(sample, list) else None, raw=self.csv_raw)
        async for value in values:
            document = wire(value)
            if sheet is not None:
                sheet.row(document)
            else:
                self._item(document, count, rows)
            count += 1
            if progress is not None:
                progress.advance(count)
        if progress is not None:
            progress.finish(count)
        if sheet is not None:
            sheet.finish()
        if self.format == "json":
            self._write("\n]\n" if count else "]\n")
        elif self.format == "yaml" and not count:
            self._write("[]\n")
        elif self.format == "table":
            self._write(self._table(rows))
        return count

    def _document(self, document: Any) -> str:
        """One whole document as JSON or YAML."""
        if self.format == "yaml":
            from ._sheets import yaml_text  # noqa: PLC0415 - for `-o yaml` only

            return yaml_text(document)
        return dumps(document) + "\n"

    def _item(self, document: Any, count: int, rows: list[Any]) -> None:
        """One item of a walk written (a table's kept in `rows`, for its columns' widths); `count` came before it."""
        if self.format == "table":
            rows.append(document)
        elif self.format == "jsonl":
            self._write(dumps(document, indent=None) + "\n")
        elif self.format == "yaml":  # an item of one YAML list, written as it arrives
            from ._sheets import yaml_item  # noqa: PLC0415 - for `-o yaml` only

            self._write(yaml_item(document))
        else:
            # indented as one JSON array's item: JSON text holds no raw line break but between its lines
            self._write(("," if count else "") + "\n  " + dumps(document).replace("\n", "\n  "))

    def _table(self, rows: list[Any]) -> str:
        width = terminal_width(self.stream)
        text, left_out = table(rows, self.columns, width)
        if left_out:
            print(
                visible(f"{len(left_out)} more columns: {', '.join(left_out)} (--columns to choose)"), file=sys.stderr
            )
        return text

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _read(document: Any, pointer: str) -> str:
    """A count of a page's `meta` as the footer shows it: `?` when the answer did not give it as one."""
    from pexip_engage_client._base.answer_fields import json_field  # noqa: PLC0415 - a page's, with the client

    value = json_field(document, pointer, int)
    return str(value) if isinstance(value, int) else "?"


def terminal_width(stream: TextIO) -> int | None:
    """The width a table must fit: the terminal's, or COLUMNS; None (no limit) when piped elsewhere."""
    if "COLUMNS" in os.environ or stream.isatty():
        import shutil  # noqa: PLC0415 - only for a table to fit (a tenth of the bare interpreter's start-up)

        return shutil.get_terminal_size().columns
    return None


def table(rows: list[Any], columns: list[str] | None = None, width: int | None = None) -> tuple[str, list[str]]:
    """Rows of objects as aligned columns (docs/cli.md, "Output"), and the fields left out to fit `width`."""
    if not rows:
        return "(no items)\n", []
    if not all(isinstance(row, dict) for row in rows):
        rows = [{"value": row} for row in rows]
    fields = list(dict.fromkeys(key for row in rows for key in row))
    if columns is not None:
        from ._sheets import check_columns  # noqa: PLC0415 - only when columns are chosen

        check_columns(columns, fields)
        fields = columns
    if len(rows) == 1:  # one object: a field per line reads better than one very wide row
        return _one_object(rows[0], fields), []
    return _grid(rows, fields, width, chosen=columns is not None)


def _one_object(row: dict[str, Any], fields: list[str]) -> str:
    names = [visible(field) for field in fields]
    name_width = max(map(len, names))
    lines = [
        _line([name, _cell_text(row.get(field), None)], [name_width, 0])
        for name, field in zip(names, fields, strict=True)
    ]
    return "".join(line + "\n" for line in lines)


def _grid(rows: list[dict[str, Any]], fields: list[str], width: int | None, *, chosen: bool) -> tuple[str, list[str]]:
    """The rows as aligned columns fitting `width`: the `chosen` columns each cut narrower, else only
    the leading fields that fit (the others returned, to be named)."""
    cells = [[_cell_text(row.get(field), _CELL_MAX) for field in fields] for row in rows]
    names = [visible(field) for field in fields]
    widths = [max(len(name), *(len(row[index]) for row in cells)) for index, name in enumerate(names)]
    shown = len(fields)
    if width is not None and chosen:  # every column asked for, the widest cut narrower to fit
        widths = _narrowed(widths, width, [len(name) for name in names])
    elif width is not None:
        shown = _fitting(widths, width)
    return _lines([names[:shown], *(row[:shown] for row in cells)], widths[:shown]), fields[shown:]


def _lines(rows: list[list[str]], widths: list[int]) -> str:
    """The header row, a rule under it, then the other rows, each cell cut to its column's width."""
    header, *rest = [[_cut(cell, limit) for cell, limit in zip(row, widths, strict=True)] for row in rows]
    return "".join(_line(line, widths) + "\n" for line in [header, ["-" * w for w in widths], *rest])


def _fitting(widths: list[int], width: int) -> int:
    """How many of the leading columns fit `width` (two spaces between them); at least one."""
    used = -2
    for count, column in enumerate(widths):
        used += column + 2
        if used > width:
            return max(count, 1)
    return len(widths)


def _narrowed(widths: list[int], width: int, floors: list[int]) -> list[int]:
    """`widths` with the widest cut, one character at a time, until the row fits `width` (two spaces
    between columns) or every column is down to its floor: its name, or 8 characters if that is less."""
    narrowed = list(widths)
    floors = [min(floor, 8, column) for floor, column in zip(floors, widths, strict=True)]
    while sum(narrowed) + 2 * (len(narrowed) - 1) > width:
        cuttable = [index for index, column in enumerate(narrowed) if column > floors[index]]
        if not cuttable:
            break
        narrowed[max(cuttable, key=lambda index: narrowed[index])] -= 1
    return narrowed


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _cell_text(value: Any, limit: int | None) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = visible(" ".join(str(text).split()))
    return text if limit is None else _cut(text, limit)
