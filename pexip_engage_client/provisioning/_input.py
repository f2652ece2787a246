"""Desired employees: typed records or mappings, and CSV or JSON files in the API's wire form.

A desired employee is what the directory says one employee should be: field names as the API
writes them (`externalId`, `firstName`, `availableRoles`, ...). Each row is checked here against
what POST and PATCH /employees accept; a row that fails is kept with its reasons, so that a plan
reports it as a conflict instead of dropping it unseen.

CSV: a header row of wire names; lists (`availableRoles`) separated by `;`; booleans `true` or
`false`; an empty cell is null where the API allows null, and invalid where it does not.
JSON: an array of objects (or `{"data": [...]}`, as the API lists them).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import models

_LANGUAGES = frozenset(member.value for member in models.Language)
_ROLES = frozenset(member.value for member in models.EmployeeRole)
_STATUSES = frozenset(member.value for member in models.EmployeeStatus)

# The fields a plan can manage: those that POST /employees takes and GET /employees returns in the
# same shape, with whether null is allowed. Office relations and translations are written in
# another shape than they are read (`officeId` against `office.id`), so they are not managed.
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
}
# The keys a plan can match employees on, with the GET /employees filter for each.
KEYS = {"externalId": "external_id", "email": "email", "username": "username"}


@dataclass
class DesiredRow:
    """One desired employee: where it came from (`row`, 1-based), its fields, and what is wrong with it."""

    row: int
    fields: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def desired_rows(desired: Iterable[Mapping[str, Any] | models.EmployeeCreate], key: str) -> list[DesiredRow]:
    """Each desired employee as a checked `DesiredRow`.

    Raises:
        ValueError: `desired` is a string or bytes (a file's text goes through `read_employees`),
            or an item is neither a mapping nor an `EmployeeCreate`.
    """
    if isinstance(desired, str | bytes):
        raise ValueError("desired must be records (mappings or EmployeeCreate); read a file with read_employees()")
    rows = []
    for index, record in enumerate(desired, start=1):
        if isinstance(record, models.EmployeeCreate):
            values = record.to_dict()
        elif isinstance(record, Mapping):
            values = dict(record)
        else:
            raise ValueError(f"desired item {index} is a {type(record).__name__}, not a mapping or EmployeeCreate")
        rows.append(DesiredRow(index, values, check_fields(values, key)))
    return rows


def check_fields(values: Mapping[str, Any], key: str) -> list[str]:
    """Why a desired employee cannot be written as it is (empty when it can)."""
    problems = []
    if not isinstance(values.get(key), str) or not values[key].strip():
        problems.append(f"no {key} (the key)")
    for name, value in values.items():
        if name not in MANAGEABLE:
            problems.append(f"{name} is not a field the plan manages (one of {', '.join(MANAGEABLE)})")
            continue
        problem = _value_problem(name, value)
        if problem:
            problems.append(f"{name} {problem}")
    return problems


def _value_problem(name: str, value: Any) -> str | None:
    if value is None:
        return None if MANAGEABLE[name] else "may not be empty"
    if name == "availableRoles":
        return _roles_problem(value)
    if name == "onlinePlanning":
        return None if isinstance(value, bool) else "must be true or false"
    if not isinstance(value, str) or not value:
        return f"must be text (got {type(value).__name__})" if not isinstance(value, str) else "may not be empty"
    allowed = {"language": _LANGUAGES, "status": _STATUSES}.get(name)
    problem = None
    if allowed is not None and value not in allowed:
        problem = f"must be one of {', '.join(sorted(allowed))} (got {value!r})"
    elif name in ("externalId", "username") and len(value) > 255:
        problem = "is longer than 255 characters"
    elif name in ("staticVideoUrl", "profilePictureUrl") and "://" not in value:
        problem = f"must be a URL (got {value!r})"
    return problem


def _roles_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
        return "must be a list of roles"
    unknown = sorted(set(value) - _ROLES)
    return f"has unknown role(s) {', '.join(unknown)} (roles: {', '.join(sorted(_ROLES))})" if unknown else None


def read_employees(source: str | Path, *, format: str | None = None) -> list[dict[str, Any]]:
    """Desired employees from a CSV or JSON file (`format` "csv" or "json"; by the file's suffix if None).

    The values are the file's, converted to JSON types (CSV cells by the field they are in); they
    are checked when planned, so that every bad row is reported with its reason.

    Raises:
        ValueError: The file's format is unknown, or the file is not valid CSV/JSON of records.
        OSError: The file cannot be read.
    """
    path = Path(source)
    kind = (format or path.suffix.lstrip(".")).lower()
    text = path.read_text(encoding="utf-8-sig")
    if kind == "json":
        return parse_json(text)
    if kind == "csv":
        return parse_csv(text)
    raise ValueError(f"format must be 'csv' or 'json' (got {kind!r} for {path.name})")


def parse_json(text: str) -> list[dict[str, Any]]:
    """Desired employees from JSON text: an array of objects, or `{"data": [...]}`."""
    try:
        loaded = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"the employees are not valid JSON: {exc}") from None
    if isinstance(loaded, dict) and "data" in loaded:
        loaded = loaded["data"]
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise ValueError('the employees must be a JSON array of objects (or {"data": [...]})')
    return loaded


def parse_csv(text: str) -> list[dict[str, Any]]:
    """Desired employees from CSV text with a header row of wire names."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ValueError("the CSV has no header row")
    records = []
    for row in reader:
        if None in row:  # more cells than the header names
            raise ValueError(f"CSV line {reader.line_num} has more cells than the header")
        records.append({name.strip(): _cell(name.strip(), value) for name, value in row.items()})
    return records


def _cell(name: str, value: str | None) -> Any:
    text = (value or "").strip()
    if name == "availableRoles":
        return [role.strip() for role in text.split(";") if role.strip()]
    if not text:
        return None
    if name == "onlinePlanning":
        lowered = text.lower()
        return {"true": True, "false": False}.get(lowered, text)
    return text
