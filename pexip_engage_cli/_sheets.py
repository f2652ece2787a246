"""`-o csv` and `-o yaml`: results for spreadsheets and for configuration in review (docs/cli.md, "Output").

A walk's later pages cannot add a column to a CSV header already written: a field they bring is named once
on stderr and left out. PyYAML is loaded only when asked for: it is the `cli` extra's.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from pexip_engage_client._base.spreadsheet import spreadsheet_safe

from ._exit import CommandError, missing_extra

# A field's place when it holds no nested object: the cell of a path that an item does not have.
_ABSENT = object()


def yaml_text(document: Any) -> str:
    """`document` (JSON values) as YAML that `yaml.safe_load` reads back as the same values."""
    yaml = _yaml()
    text: str = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=2**16)
    return text


def yaml_item(document: Any) -> str:
    """One item of a YAML list (`- ...`), so that a walk writes its list as the items arrive."""
    return yaml_text([document])


def check_yaml() -> None:
    """A usage error, before anything is sent, when PyYAML is not installed."""
    _yaml()


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415 - the `cli` extra's, loaded for `-o yaml` only
    except ImportError as exc:
        raise missing_extra("-o yaml", "cli", exc) from None
    return yaml


def flattened(row: Any, prefix: str = "") -> dict[str, Any]:
    """A row's fields by dotted path: a non-empty object's fields below it, anything else as it is."""
    if not isinstance(row, dict):
        return {prefix or "value": row}
    fields: dict[str, Any] = {}
    for key, value in row.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            fields.update(flattened(value, path + "."))
        else:
            fields[path] = value
    return fields


def cell(value: Any, *, raw: bool = False) -> str:
    """A value as a CSV cell: text as it is (spreadsheet-safe unless `raw`), nothing for null or an absent field,
    anything else as compact JSON."""
    if value is None or value is _ABSENT:
        return ""
    if isinstance(value, str):
        return value if raw else spreadsheet_safe(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class CsvWriter:
    """Rows written as they come, under one header: `columns`, else the fields of `sample` (the first page's
    items; the first row's when there is no sample). The header is written with the first row (or by `finish`),
    once `columns` are checked against the sample or that row; every cell spreadsheet-safe unless `raw`."""

    def __init__(
        self, stream: TextIO, columns: list[str] | None, sample: list[Any] | None = None, *, raw: bool = False
    ) -> None:
        import csv  # noqa: PLC0415 - for `-o csv` only

        # Excel's dialect, but "\n" ends a line: the text stream writes the platform's own.
        self._writer = csv.writer(stream, lineterminator="\n")
        self._stream = stream
        self._columns = columns
        self._header: list[str] | None = None
        self._left_out: set[str] = set()
        self._raw = raw
        if sample:
            self._start(sample)

    def _start(self, sample: list[Any]) -> list[str]:
        flat = [flattened(row) for row in sample]
        fields = list(dict.fromkeys(path for row in flat for path in row))
        if self._columns is not None:
            # A field held as null (or {}) may be an object in a later row: a column may name a field inside it.
            empty = {path for row in flat for path, value in row.items() if value is None or value == {}}
            _check(self._columns, fields, empty)
        self._header = self._columns if self._columns is not None else fields
        self._writer.writerow([cell(name, raw=self._raw) for name in self._header])
        return self._header

    def row(self, document: Any) -> None:
        header = self._header if self._header is not None else self._start([document])
        fields = flattened(document)
        self._writer.writerow([cell(_at(document, fields, column), raw=self._raw) for column in header])
        if self._columns is None:
            self._note_left_out(fields, set(header))
        self._stream.flush()

    def finish(self) -> None:
        """After the last row: the header of `columns` when there was none (no field to name without them)."""
        if self._header is None and self._columns is not None:
            self._header = self._columns
            self._writer.writerow([cell(name, raw=self._raw) for name in self._header])
        self._stream.flush()

    def _note_left_out(self, fields: dict[str, Any], header: set[str]) -> None:
        """Name once on stderr each field of a later row that no column of the `header` holds."""
        for path in fields:
            if path in header or path in self._left_out or any(prefix in header for prefix in _prefixes(path)):
                continue
            self._left_out.add(path)
            print(
                f"pexip-engage: note: field {path!r} is not in the CSV header (the first page's fields): "
                "left out (--columns to choose)",
                file=sys.stderr,
                flush=True,
            )


def rows_text(rows: list[Any], columns: list[str] | None, *, raw: bool = False) -> str:
    """Rows held whole (one answer) as CSV text: the header from all of them."""
    import io  # noqa: PLC0415

    text = io.StringIO()
    writer = CsvWriter(text, columns, rows, raw=raw)
    for row in rows:
        writer.row(row)
    writer.finish()
    return text.getvalue()


def _check(columns: list[str], fields: list[str], empty: set[str]) -> None:
    """Each column names a field of the rows (`fields`, by dotted path), an object holding some (`subject`), or a
    field inside one the rows hold as null or `{}` (`empty`: `listing.id` where `listing` is null)."""
    known = set(fields) | {prefix for path in fields for prefix in _prefixes(path)}
    unknown = [column for column in columns if column not in known and not empty.intersection(_prefixes(column))]
    if unknown:
        offered = list(dict.fromkeys([*fields, *(prefix for path in fields for prefix in _prefixes(path))]))
        check_columns(unknown, offered)


def _prefixes(path: str) -> list[str]:
    """`a` and `a.b` for `a.b.c`: the objects a field is inside."""
    parts = path.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def _at(document: Any, fields: dict[str, Any], column: str) -> Any:
    """The value under `column` in a row: a field by its path, or the object a column names as a whole."""
    if column in fields:
        return fields[column]
    value = document
    for part in column.split("."):
        if not isinstance(value, dict) or part not in value:
            return _ABSENT
        value = value[part]
    return value


def check_columns(columns: list[str], fields: list[str]) -> None:
    unknown = [column for column in columns if column not in fields]
    if unknown:
        import difflib  # noqa: PLC0415 - only for a mistyped column

        nearest = difflib.get_close_matches(unknown[0], fields, n=1)
        hint = f" (did you mean {nearest[0]!r}?)" if nearest else f"; the fields are: {', '.join(fields)}"
        raise CommandError(f"--columns: no field {unknown[0]!r} in the result{hint}")
