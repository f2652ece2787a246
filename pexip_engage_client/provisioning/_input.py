"""Desired employees: typed records or mappings, and CSV or JSON files in the API's wire form.

The formats, the fields a plan manages and the column mapping: docs/provisioning.md, "The directory".
A directory that cannot be read as one (no key column, columns that are no field, rows mostly invalid)
is a `DirectoryError` before anything is read from Engage; otherwise each row is checked here against what
POST and PATCH /employees accept, and a row that fails is kept with its reasons, so that a plan reports it
as a conflict instead of dropping it unseen.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

import attrs

from .. import models
from .._base.arguments import ArgumentError, escaped
from .._base.spreadsheet import original
from ._keys import FOLDED, UNIQUE
from ._relations import FIELD as RELATIONS
from ._relations import input_shape, relations_problem

_LANGUAGES = frozenset(member.value for member in models.Language)
_ROLES = frozenset(member.value for member in models.EmployeeRole)
_STATUSES = frozenset(member.value for member in models.EmployeeStatus)

# The fields a plan can manage (docs/provisioning.md, "The directory"), with whether null is allowed.
MANAGEABLE: dict[str, bool] = {
    "externalId": True,
    "email": False,
    "communicationEmail": True,
    "username": True,
    "firstName": False,
    "lastName": False,
    "staticVideoUrl": True,
    "phoneNumber": True,
    "profilePictureUrl": True,
    "language": True,
    "timeZone": True,
    "availableRoles": False,
    "status": False,
    "onlinePlanning": False,
    RELATIONS: False,
}
# The keys a plan can match employees on, with the GET /employees filter for each.
KEYS = UNIQUE
# The fields of Engage's own employee that no plan writes (its id, times, job title): an export of Engage's employees
# is planned as it is, these columns left out by name unless `columns` maps them (`address.city`: by its first part).
READ_ONLY = frozenset(models.Employee.JSON_NAMES) - MANAGEABLE.keys()
# What a create needs: openapi.yaml's `required` of EmployeeCreate, read from the model made from it (`email`).
_ATTRIBUTES = cast("tuple[attrs.Attribute[Any], ...]", attrs.fields(models.EmployeeCreate))
REQUIRED = tuple(
    name
    for attribute, name in zip(_ATTRIBUTES, models.EmployeeCreate.JSON_NAMES, strict=False)
    if attribute.default is attrs.NOTHING
)

# `columns=`: the directory's column (or record field) -> the field it holds, None to leave it out.
Columns = Mapping[str, str | None]
# `values=`: per column of the directory (its name as the file gives it), the values to replace (`{"Gent":
# "AGENT:office-9"}`) or a function of the value; or one function of (column, value) for every column.
Values = Mapping[str, Mapping[Any, Any] | Callable[[Any], Any]] | Callable[[str, Any], Any]
# The delimiters a CSV header is read with when none is given: a spreadsheet's export in any locale.
DELIMITERS = (",", ";", "\t")
# Suggested, never found by itself, when a header read with one of DELIMITERS is one column that it splits: some HR
# systems export with a pipe.
_SUGGESTED = (*DELIMITERS, "|")
# A directory whose invalid rows are more than this share of its rows is an error, not a plan.
MOSTLY = 0.5


class DirectoryError(ArgumentError):
    """The directory cannot be read as one: no employee, no key column, columns that are no field of an
    employee, or rows mostly invalid. The message says why, with the nearest field names; nothing was read
    from Engage. The options it names (`key=`, `columns=`) are arguments, worded by a front end (`worded`)."""

    @classmethod
    def saying(cls, text: str) -> DirectoryError:
        """A refusal naming no option."""
        return cls(escaped(text))


@dataclass
class DesiredRow:
    """One desired employee: where it came from (`row`, 1-based), its fields, and what is wrong with it."""

    row: int
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def desired_rows(records: Iterable[dict[str, Any]], key: str, source: str, *, owned: bool) -> Iterator[DesiredRow]:
    """Each record as a checked `DesiredRow`, its keys and addresses without surrounding spaces and its relations in
    the input shape; once the last is given, the directory as a whole is checked (`DirectoryError`). `owned`: the
    records were read for this alone (`read_employees`'s), so they are normalised in place, never held twice.

    Raises:
        DirectoryError: The directory cannot be read as one (see the class).
    """
    names: dict[str, None] = {}
    count, invalid, first = 0, 0, list[DesiredRow]()
    for count, record in enumerate(records, 1):
        names.update(dict.fromkeys(record))
        problems = check_fields(record, key)  # (of the record as given)
        row = DesiredRow(count, _normalised(record if owned else dict(record)), problems)
        if problems:
            invalid += 1
            first += [row][: 3 - len(first)]
        yield row
    _check_directory(list(names), count, key, source)
    if invalid > MOSTLY * count:
        said = "; ".join(f"row {row.row}: {', '.join(row.problems)}" for row in first)
        more = "; ..." if invalid > 3 else ""
        raise DirectoryError.saying(f"{source}: {invalid} of {count} rows are invalid, more than half: {said}{more}")


def records_of(desired: Iterable[Mapping[str, Any] | models.EmployeeCreate]) -> list[dict[str, Any]]:
    """The desired employees as dicts in wire form (the caller's own dicts, not copied: nothing here changes them)."""
    if isinstance(desired, str | bytes):
        raise ValueError("desired must be records (mappings or EmployeeCreate); read a file with read_employees()")
    records = []
    for index, record in enumerate(desired, start=1):
        if not isinstance(record, Mapping | models.EmployeeCreate):
            raise ValueError(f"desired item {index} is a {type(record).__name__}, not a mapping or EmployeeCreate")
        records.append(
            record.to_dict()
            if isinstance(record, models.EmployeeCreate)
            else record
            if isinstance(record, dict)
            else dict(record)
        )
    return records


def remapped(records: list[dict[str, Any]], columns: Columns | None) -> list[dict[str, Any]]:
    """The records under the fields their columns hold (`columns`, checked by `mapped_names`), those held by none
    left out; the same records when each column is its own field (no copy of a big directory's rows)."""
    fields = mapped_names(list(dict.fromkeys(name for record in records for name in record)), columns or {})
    if all(field == name for name, field in fields.items()):
        return records
    return [{field: value for name, value in record.items() if (field := fields[name])} for record in records]


def mapped_values(records: list[dict[str, Any]], values: Values | None) -> list[dict[str, Any]]:
    """The records with their values replaced as `values` says (by the columns as the records name them); as they
    are without `values`."""
    if values is None:
        return records
    mapper = value_mapper(list(dict.fromkeys(name for record in records for name in record)), values)
    return [{name: mapper(name, value) for name, value in record.items()} for record in records]


def value_mapper(names: list[str], values: Values) -> Callable[[str, Any], Any]:
    """`values=` as one function of (column, value), checked against the directory's column `names`:
    `ArgumentError` naming `values` for a column the directory lacks, or a column's rule that is neither a
    mapping nor a function. A mapping replaces the values it has (a text value is looked up without its
    surrounding spaces) and leaves the others as they are."""
    if callable(values):
        return values
    if not isinstance(values, Mapping):
        raise ArgumentError.of(
            "values", f"must map columns to value mappings, or be a function (got {type(values).__name__})"
        )
    rules: dict[str, Callable[[Any], Any]] = {}
    for column, rule in values.items():
        if column not in names:
            raise ArgumentError.of("values", f": {column} is no column of the directory ({', '.join(names)})")
        if isinstance(rule, Mapping):
            rules[column] = partial(_replaced, rule)
        elif callable(rule):
            rules[column] = rule
        else:
            raise ArgumentError.of(
                "values", f": {column}'s values must be a mapping or a function (got {type(rule).__name__})"
            )
    return lambda column, value: rules[column](value) if column in rules else value


def _replaced(replacements: Mapping[Any, Any], value: Any) -> Any:
    """`value` as `replacements` replace it (text without its surrounding spaces), else as it is."""
    looked_up = value.strip() if isinstance(value, str) else value
    try:
        return replacements.get(looked_up, value)
    except TypeError:  # (a list or an object: no mapping's key)
        return value


def mapped_names(names: list[str], columns: Columns) -> dict[str, str | None]:
    """The field each of a directory's column `names` holds under `columns` (None: left out); `ArgumentError`
    naming `columns` for a column the directory lacks, a field that is none, or two columns for one field."""
    if not isinstance(columns, Mapping):
        raise ArgumentError.of("columns", f"must map column names to fields (got {type(columns).__name__})")
    mapped = {name: columns.get(name, None if name.partition(".")[0] in READ_ONLY else name) for name in names}
    problem = next(filter(None, (_mapping_problem(mapped, *mapping) for mapping in columns.items())), None)
    if problem is not None:
        raise ArgumentError.of("columns", f": {problem}")
    return mapped


def _mapping_problem(mapped: Mapping[str, str | None], source: str, target: str | None) -> str | None:
    """What is wrong with mapping column `source` to field `target` (None: nothing), `mapped` being every column's."""
    if source not in mapped:
        return f"{source} is no column of the directory ({', '.join(mapped)})"
    if target is not None and target not in MANAGEABLE:
        return f"{source} -> {target}: {_no_field(target)}"
    both = [name for name, field in mapped.items() if target and field == target and name != source]
    return f"{' and '.join([source, *both])} both map to {target}" if both else None


def _check_directory(names: list[str], count: int, key: str, source: str) -> None:
    """`DirectoryError` when `count` records giving the fields `names` are no directory a plan can follow."""
    if not count:
        raise DirectoryError.saying(
            f"{source} holds no employee: an empty export would leave every employee in a scope "
            "without a row (planning nothing for an empty directory is refused)"
        )
    problems = _header_problems(names, key)
    if problems:
        mapping = "map the export's columns with {1} (a column mapped to nothing is left out)"
        plain = f"{escaped(source)}: {'; '.join(problems)}; {mapping}"
        # In Python, `key=` and `columns=`; a front end's own names in `worded` (`--key`, `--column`).
        raise DirectoryError(plain.replace("{0}", "{0}=").replace("{1}", "{1}="), "key", "columns", plain=plain)


def _header_problems(names: list[str], key: str) -> list[str]:
    """What is wrong with a directory's columns (`names`), each as a template: `{0}` the option naming the key."""
    unknown = [name for name in names if name not in MANAGEABLE]
    problems = []
    if unknown == names:
        problems.append(escaped(f"the directory names no field the plan manages ({', '.join(names)})"))
    if key not in names:
        problems.append(escaped(f"no column {key} (the key; or choose another with ") + "{0})")
    return problems + [escaped(_no_field(name)) for name in unknown]


def _no_field(name: str) -> str:
    """`office is no field of an employee (nearest: officeRelations)`."""
    nearest = nearest_fields(name)
    return f"{name} is no field of an employee" + (f" (nearest: {', '.join(nearest)})" if nearest else "")


def nearest_fields(name: str) -> list[str]:
    """The manageable fields a column name may mean: close in spelling, or holding it (`office`: officeRelations)."""
    lowered = name.strip().casefold()
    close = set(difflib.get_close_matches(lowered, [f.casefold() for f in MANAGEABLE], n=5, cutoff=0.6))
    return [f for f in MANAGEABLE if f.casefold() in close or (len(lowered) >= 3 and lowered in f.casefold())]


def _normalised(normal: dict[str, Any]) -> dict[str, Any]:
    """`normal`'s keys and addresses without surrounding spaces, its relations in the input shape, where valid."""
    for name in FOLDED & normal.keys():
        if isinstance(normal[name], str):
            normal[name] = normal[name].strip()
    if RELATIONS in normal and relations_problem(normal[RELATIONS]) is None:
        normal[RELATIONS] = input_shape(normal[RELATIONS])
    return normal


def check_fields(values: Mapping[str, Any], key: str) -> list[str]:
    """Why a desired employee cannot be written as it is (empty when it can); every field is one it may manage."""
    problems = []
    if not isinstance(values.get(key), str) or not values[key].strip():
        problems.append(f"no {key} (the key)")
    for name, value in values.items():
        if name == RELATIONS:
            problem = relations_problem(value)
            problems += [problem] if problem else []
        elif problem := _value_problem(name, value):
            problems.append(f"{name} {problem}")
    return problems


def _value_problem(name: str, value: Any) -> str | None:
    if value is None:
        return None if MANAGEABLE[name] else "may not be empty"
    return _VALUE_RULES.get(name, _TEXT)(value)


def _text(value: Any, rule: Callable[[str], str | None]) -> str | None:
    """A text field's problem: not non-empty text, a control character in it, or what `rule` says."""
    if not isinstance(value, str):
        return f"must be text (got {type(value).__name__})"
    if not value:
        return "may not be empty"
    control = _control_character(value)
    return f"holds {control}" if control else rule(value)


def _one_of(allowed: frozenset[str], value: str) -> str | None:
    return None if value in allowed else f"must be one of {', '.join(sorted(allowed))} (got {value!r})"


def _at_most_255(value: str) -> str | None:
    return "is longer than 255 characters" if len(value) > 255 else None


def _url(value: str) -> str | None:
    return None if "://" in value else f"must be a URL (got {value!r})"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _roles_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
        return "must be a list of roles"
    control = _control_in(value)
    if control:
        return f"holds {control}"
    unknown = sorted(set(value) - _ROLES)
    return f"has unknown role(s) {', '.join(unknown)} (roles: {', '.join(sorted(_ROLES))})" if unknown else None


_TEXT = partial(_text, rule=lambda value: None)
# What each field's value must be, when it is not null (`_TEXT` for the other text fields).
_VALUE_RULES: dict[str, Callable[[Any], str | None]] = {
    "availableRoles": _roles_problem,
    "onlinePlanning": _boolean,
    "language": partial(_text, rule=partial(_one_of, _LANGUAGES)),
    "status": partial(_text, rule=partial(_one_of, _STATUSES)),
    "externalId": partial(_text, rule=_at_most_255),
    "username": partial(_text, rule=_at_most_255),
    "staticVideoUrl": partial(_text, rule=_url),
    "profilePictureUrl": partial(_text, rule=_url),
}


def read_employees(
    source: str | Path,
    *,
    format: str | None = None,
    columns: Columns | None = None,
    delimiter: str | None = None,
    values: Values | None = None,
) -> list[dict[str, Any]]:
    """Desired employees from a CSV or JSON file (`format` "csv" or "json"; by the file's suffix if None).

    The values are the file's, converted to JSON types (CSV cells by the field they are in), checked when
    planned, so that every bad row is reported with its reason. `columns` maps the
    file's column names (an HR export's) to the fields they hold, None to leave a column out:
    `{"Personnel number": "externalId", "Mail": "email", "Department": None}`. `values` replaces the
    values of a column (named as the file names it) before they are read: `{"Kantoor": {"Gent":
    "AGENT:office-9"}}`, a function of a column's value in place of the mapping, or one function of
    (column, value). A CSV's `delimiter` is found on its header line (`,`, `;` or a tab) unless given.

    Raises:
        ValueError: The file's format is unknown, a JSON file is over 32 MiB (read whole, unlike a CSV file), or
            the file cannot be read as UTF-8 CSV/JSON of records (the message names the file and where in it:
            line and column, or the employee and field), or a value holds a NUL or another control character.
        ArgumentError: `columns` names a column the file lacks, a field that is none, or one field twice;
            `values` names a column the file lacks; `delimiter` is not one character (or is given for JSON),
            or the header is one column that another delimiter would split (the message says which).
        OSError: The file cannot be read.
    """
    return list(employees_in(source, format=format, columns=columns, delimiter=delimiter, values=values))


def employees_in(
    source: str | Path,
    *,
    format: str | None = None,
    columns: Columns | None = None,
    delimiter: str | None = None,
    values: Values | None = None,
) -> Iterator[dict[str, Any]]:
    """`read_employees`'s records one at a time: a CSV file's read line by line as they are taken, never held."""
    path = Path(source)
    kind = (format or path.suffix.lstrip(".")).lower()
    if kind not in ("csv", "json"):
        raise ValueError(f"format must be 'csv' or 'json' (got {kind!r} for {path.name})")
    if kind == "json":
        if delimiter is not None:
            raise ArgumentError.of("delimiter", f"is for a CSV file, not JSON ({path.name})")
        if (size := path.stat().st_size) > JSON_LIMIT:  # Python's json has no stream: the text is held whole
            raise ValueError(
                f"{path}: {size / 2**20:.1f} MiB, over the {JSON_LIMIT >> 20} MiB a JSON directory may be (it is read "
                "whole); give a bigger one as CSV, which is read line by line"
            )
        yield from parse_json(_utf8(path.read_bytes(), str(path)), source=str(path), columns=columns, values=values)
        return
    try:  # read as a stream, line by line: the file's text is never held whole, nor its rows
        with path.open(encoding="utf-8-sig", newline="") as file:
            start = file.read(_HEADER_SPAN)
            file.seek(0)
            yield from _csv_records(file, start, source=str(path), columns=columns, delimiter=delimiter, values=values)
    except UnicodeDecodeError:
        _utf8(path.read_bytes(), str(path))  # raises, saying where
        raise


# The biggest JSON directory read (about 150,000 rows of an export): its text is held whole beside its rows.
JSON_LIMIT = 32 << 20
# What is read of a CSV file to find its delimiter on the header line, before it is read as rows.
_HEADER_SPAN = 1 << 16


def _utf8(data: bytes, source: str) -> str:
    """The file's text (a UTF-8 byte order mark dropped), or where its first byte that is not UTF-8 is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8-sig", errors="replace")) + 1
        raise ValueError(
            f"{source}: line {line}, column {column}: not UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save it as UTF-8 (a spreadsheet's 'CSV UTF-8')"
        ) from None


def parse_json(
    text: str, *, source: str = "the employees", columns: Columns | None = None, values: Values | None = None
) -> list[dict[str, Any]]:
    """Desired employees from JSON text: an array of objects, or `{"data": [...]}` (`columns`, `values`: see
    `read_employees`).

    Raises:
        ValueError: Not JSON, not records, nested too deeply to read, a record giving a field twice, or a
            value holds a control character; `source` (the file) and where in it start the message.
    """
    loaded = _json_loaded(text, source)
    if isinstance(loaded, dict) and "data" in loaded:
        loaded = loaded["data"]
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise ValueError(f'{source}: the employees must be a JSON array of objects (or {{"data": [...]}})')
    for index, record in enumerate(loaded, start=1):
        for name, value in record.items():
            twice = getattr(record, "given", {}).get(name, 1) > 1
            problem = "given twice (which value is meant cannot be told)" if twice else _control_in(value)
            if problem:
                raise ValueError(f"{source}: employee {index}, field {name}: {problem}")
    return remapped(mapped_values(loaded, values), columns)


class _Record(dict[str, Any]):
    """A JSON object as read, with how many times it gives each name (`given`): `json` keeps a name's last value
    without a word."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.given = Counter(name for name, _ in pairs)


def _json_loaded(text: str, source: str) -> Any:
    """The JSON text's value, or where and why it cannot be read."""
    try:
        return json.loads(text, object_pairs_hook=_Record, parse_constant=_NotJson)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        line, column = _too_deep(text)
        raise ValueError(
            f"{source}: line {line}, column {column}: nested deeper than {_MAX_DEPTH} levels "
            "(an employee is an object of text, true/false and lists of text)"
        ) from None


class _NotJson(str):
    """`NaN`, `Infinity` or `-Infinity` as read: Python's json takes them, JSON has no such value (refused by
    `parse_json`, naming the employee and the field, as a request body's is)."""


# Deeper than anything an employee record has (3: the array, a record, a list of roles), and well
# within what the json module reads before Python's recursion limit.
_MAX_DEPTH = 100


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column of the first bracket that opens a level beyond `_MAX_DEPTH` (strings skipped)."""
    depth, in_string, escaped = 0, False, False
    for offset, char in enumerate(text):
        if in_string:
            escaped = not escaped and char == "\\"
            in_string = escaped or char != '"'
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                line_start = text.rfind("\n", 0, offset) + 1
                return text.count("\n", 0, offset) + 1, offset - line_start + 1
        elif char in "]}":
            depth -= 1
    return 1, 1


def parse_csv(
    text: str,
    *,
    source: str = "the employees",
    columns: Columns | None = None,
    delimiter: str | None = None,
    values: Values | None = None,
) -> list[dict[str, Any]]:
    """Desired employees from CSV text with a header row of wire names (or of names `columns` maps to them),
    its columns separated by `delimiter`: by default the one of `,`, `;` and tab its header line holds most
    of (a comma when it holds none; `values`: see `read_employees`).

    Raises:
        ValueError: No header, a column named twice in it, a row with more cells than it, a cell longer
            than the csv module reads, or a cell holding a control character; `source` (the file), the
            line and the column start the message. An `ArgumentError` naming `delimiter` when it is not
            one character, or when the header is one column that another delimiter would split.
    """
    return list(
        _csv_records(io.StringIO(text), text, source=source, columns=columns, delimiter=delimiter, values=values)
    )


def _csv_records(
    lines: Iterable[str],
    start: str,
    *,
    source: str,
    columns: Columns | None,
    delimiter: str | None,
    values: Values | None,
) -> Iterator[dict[str, Any]]:
    """`parse_csv`'s records of the CSV text `lines` give, each as its line is read; `start`, the text's beginning,
    holds the header line."""
    separator = _delimiter(start, delimiter)
    reader = csv.reader(lines, delimiter=separator)
    try:
        header = [name.strip() for name in next(reader, [])]
        if not header:
            raise ValueError(f"{source}: the CSV has no header row")
        _check_header(header, f"{source}: line {reader.line_num}")
        _check_split(header, separator, source)
        fields = mapped_names(header, columns or {})
        mapper = value_mapper(header, values) if values is not None else None
        yield from (
            _csv_record(header, row, f"{source}: line {reader.line_num}", fields, mapper) for row in reader if row
        )
    except csv.Error as exc:
        limit = csv.field_size_limit()
        if "field larger than field limit" in str(exc):
            raise ValueError(f"{source}: line {reader.line_num}: a cell is longer than {limit} characters") from None
        raise ValueError(f"{source}: line {reader.line_num}: not valid CSV ({exc})") from None


def _delimiter(text: str, given: str | None) -> str:
    """The delimiter `given` (checked: one character), else the one of `DELIMITERS` the header line holds
    most of outside quotes (a comma on a tie, or when it holds none)."""
    if given is not None:
        if not isinstance(given, str) or len(given) != 1 or given in '"\r\n':
            reason = f"must be one character other than a quote or a line break (got {given!r})"
            raise ArgumentError.of("delimiter", reason)
        return given
    # The header line outside quotes: a quoted name may hold a line break or a delimiter.
    quoted, outside = False, []
    for char in text:
        quoted ^= char == '"'
        if char in "\r\n" and not quoted:
            break
        if not quoted and char in DELIMITERS:
            outside.append(char)
    counts = Counter(outside)
    return max(DELIMITERS, key=lambda char: counts[char])  # (max keeps the first of equals: the comma)


def _check_split(header: list[str], used: str, source: str) -> None:
    """An `ArgumentError` naming `delimiter` when the header is one column that another delimiter splits: an
    export read with the wrong delimiter, said with the one that would fit."""
    fitting = [char for char in _SUGGESTED if char != used and char in header[0]] if len(header) == 1 else []
    if not fitting:
        return
    said = escaped(
        f"{source}: line 1: the header is one column ({header[0][:80]!r}), read with the delimiter {_shown(used)}; "
        f"its columns seem separated by {_shown(fitting[0])}: give "
    )
    python, cli = ("'\\t'", "tab") if fitting[0] == "\t" else (repr(fitting[0]), repr(fitting[0]))
    raise ArgumentError(said + "{0}=" + python, "delimiter", plain=said + "{0} " + cli)


def _shown(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else repr(delimiter)


def _check_header(header: list[str], where: str) -> None:
    """`ValueError` for a column named twice: read as a record, its second cell would win without a word."""
    # (Columns without a name, an export's trailing commas, are left out: they may repeat.)
    for name, count in Counter(filter(None, header)).items():
        if count > 1:
            raise ValueError(f"{where}: column {name} appears {count} times (which is meant cannot be told)")


def _csv_record(
    header: list[str],
    row: list[str],
    where: str,
    fields: Mapping[str, str | None],
    mapper: Callable[[str, Any], Any] | None = None,
) -> dict[str, Any]:
    """One row as a record of the fields its columns hold (`fields`), its missing cells empty, a spreadsheet-safe
    cell as it was written from (`original`), and its values replaced by `mapper` (`values=`) before they are read;
    `where` (file and line) starts an error's message."""
    if len(row) > len(header):
        raise ValueError(f"{where} has more cells than the header")
    row = [original(cell) for cell in row]
    for column, cell in enumerate(row, start=1):
        problem = _control_character(cell)
        if problem:
            raise ValueError(f"{where}, column {column} ({header[column - 1]}): {problem}")
    cells = row + [""] * (len(header) - len(row))
    return {
        name: _cell_value(name, mapper(column, value) if mapper else value)
        for column, value in zip(header, cells, strict=True)
        if (name := fields[column]) is not None
    }


# What no employee field holds: C0 controls but tab, and DEL. A NUL would reach the API as it is.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _control_character(value: str) -> str | None:
    """Why a text value cannot be sent as it is: a NUL or another control character (tab excepted)."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    return "a NUL character" if found.group() == "\x00" else f"a control character ({found.group()!r})"


def _control_in(value: Any) -> str | None:
    """The first control character in a text value, or in the text of a list or object, or a JSON directory's
    `NaN` (None: none, or no text)."""
    if isinstance(value, _NotJson):
        return f"{value} is not JSON (no number JSON can represent)"
    if isinstance(value, str):
        return _control_character(value)
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((found for item in inner if (found := _control_in(item))), None)


def _cell_value(name: str, value: Any) -> Any:
    if not isinstance(value, str):  # (a `values=` function's JSON value, read as it is)
        return value
    text = value.strip()
    if name in (RELATIONS, "availableRoles"):
        return _list_cell(name, text)
    if not text:
        return None
    if name == "onlinePlanning":
        return {"true": True, "false": False}.get(text.lower(), text)
    return text


def _list_cell(name: str, text: str) -> Any:
    """A list's cell: compact JSON (`-o csv`'s), else `AGENT;OFFICE_MANAGER`, or the relations' `AGENT:<officeId>;...`
    (checked and read when planned; "" is none)."""
    if text.startswith("["):
        with contextlib.suppress(ValueError):
            return json.loads(text)
    if name == RELATIONS:
        return text
    return [role.strip() for role in text.split(";") if role.strip()]
