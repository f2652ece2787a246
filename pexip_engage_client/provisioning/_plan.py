"""`plan_employees`: what it takes to bring Engage's employees in line with a directory.

The plan is built in three reads: a consistent listing of every employee (`_listing.py`), which
finds the employees that carry a key; then direct reads by key (GET /employees filtered on the
key, a few dozen keys a request) of every key in the directory or in the listing. Only what the
direct reads show is planned: a create for a key no employee has, an update for the managed fields
that differ, a removal for an employee whose key the directory does not have. A listing read while
the data changed can only make the plan miss an employee that appeared meanwhile (the next plan
has it), never remove one that is there or create one twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, cast, get_args

from .. import PexipEngage, models
from ._changes import Conflict, Create, FieldChange, Missing, Plan, Removal, Update
from ._input import KEYS, MANAGEABLE, DesiredRow, desired_rows, read_employees
from ._listing import list_employees

# Keys per direct read: enough to keep the requests few, few enough to keep the URL short.
LOOKUP_BATCH = 40


async def plan_employees(
    engage: PexipEngage,
    desired: Iterable[Mapping[str, Any] | models.EmployeeCreate] | os.PathLike[str],
    *,
    key: str = "externalId",
    fields: Sequence[str] | None = None,
    missing: Missing | Literal["delete"] = "deactivate",
    threshold: float = 0.3,
    min_managed: int = 10,
    page_size: int = 100,
) -> Plan:
    """Plan the changes that make Engage's employees what `desired` says.

    Args:
        engage: The client to read with (nothing is written).
        desired: The directory: mappings in wire form (`{"externalId": ..., "firstName": ...}`),
            `models.EmployeeCreate` records, or the path of a CSV or JSON file (`read_employees`).
        key: The field that identifies an employee in both: `externalId` (or `email`, `username`).
        fields: The fields to manage (never any other); by default every field the directory gives.
        missing: Employees that carry a key the directory does not have: "deactivate" (status
            SUSPENDED) or "leave". The API documents no way to delete an employee.
        threshold: The share of managed employees a plan may update or remove without `force`.
        min_managed: Below this many managed employees the threshold does not apply.
        page_size: Employees per page of the listing.

    Raises:
        ValueError: An argument is invalid (`key`, `fields`, `missing`, `threshold`).
        pexip_engage_client.errors.PexipEngageError: A read failed.
    """
    missing = _checked_arguments(key, missing, threshold)
    if isinstance(desired, os.PathLike):
        desired = read_employees(Path(desired))
    rows = desired_rows(desired, key)
    managed_fields = _managed_fields(rows, fields, key)
    plan = Plan(key, managed_fields, missing, threshold=threshold, min_managed=min_managed)

    valid = _valid_rows(rows, key, managed_fields, plan.conflicts)
    listing = await list_employees(engage, page_size=page_size)
    plan.complete, plan.listing_note = listing.complete, listing.reason
    directory_keys = set(_keys((row.fields for row in rows), key))
    listed_keys = _keys(listing.items, key)
    # The directory's valid keys, then the listed ones it does not have (each once, in that order).
    current = await lookup(engage, key, list(dict.fromkeys([*valid, *listed_keys])))

    plan.managed = sum(len(employees) for employees in current.values())
    for desired_key, row in valid.items():
        _plan_one(plan, desired_key, row, current.get(desired_key, []))
    if missing == "deactivate":
        plan.removals = _removals(current, directory_keys)
    return plan


def _checked_arguments(key: str, missing: str, threshold: float) -> Missing:
    """`missing` as a `Missing`, once every argument is known to be valid."""
    if key not in KEYS:
        raise ValueError(f"key must be one of {', '.join(KEYS)} (got {key!r})")
    if missing == "delete":
        raise ValueError("missing='delete' is not possible: the API documents no way to delete an employee")
    if missing not in get_args(Missing):
        raise ValueError(f"missing must be 'deactivate' or 'leave' (got {missing!r})")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be a share between 0 and 1 (got {threshold!r})")
    return cast(Missing, missing)


def _removals(current: Mapping[str, list[dict[str, Any]]], directory_keys: set[str]) -> list[Removal]:
    """A deactivation of every active employee whose key the directory no longer has."""
    return [
        Removal(current_key, str(employee["id"]), employee.get("updatedAt"), employee.get("status"))
        for current_key, employees in current.items()
        if current_key not in directory_keys
        for employee in employees
        if employee.get("status") != "SUSPENDED"
    ]


def _managed_fields(rows: list[DesiredRow], fields: Sequence[str] | None, key: str) -> tuple[str, ...]:
    """The fields given, or else every manageable field the directory gives; the key is not one of them."""
    if fields is None:
        fields = [name for row in rows for name in row.fields if name in MANAGEABLE]
    else:
        _check_field_names(fields)
    return tuple(dict.fromkeys(name for name in fields if name != key))


def _check_field_names(fields: Sequence[str]) -> None:
    if isinstance(fields, str):
        raise ValueError("fields must be a list of field names, not one string")
    unknown = [name for name in fields if name not in MANAGEABLE]
    if unknown:
        raise ValueError(f"fields: {', '.join(unknown)} cannot be managed (the fields: {', '.join(MANAGEABLE)})")


def _keys(records: Iterable[Mapping[str, Any]], key: str) -> list[str]:
    """The records' values of the key, where it is text."""
    return [record[key] for record in records if isinstance(record.get(key), str)]


def _valid_rows(
    rows: list[DesiredRow], key: str, managed: tuple[str, ...], conflicts: list[Conflict]
) -> dict[str, DesiredRow]:
    by_key: dict[str, list[DesiredRow]] = {}
    for row in rows:
        if row.problems:
            value = row.fields.get(key)
            reason = "invalid row: " + "; ".join(row.problems)
            conflicts.append(Conflict(value if isinstance(value, str) else None, reason, (row.row,)))
        else:
            by_key.setdefault(row.fields[key], []).append(row)
    valid = {}
    for value, same in by_key.items():
        if len(same) > 1:
            rows_given = tuple(row.row for row in same)
            conflicts.append(Conflict(value, f"the key is given {len(same)} times in the input", rows_given))
        else:
            valid[value] = same[0]
    return valid


async def lookup(engage: PexipEngage, key: str, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The employees carrying each of `keys` now (direct reads, filtered on the key), by key."""
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(keys), LOOKUP_BATCH):
        batch = list(keys[start : start + LOOKUP_BATCH])
        filtered: dict[str, Any] = {KEYS[key]: batch}  # external_id=, email= or username=
        async for employee in engage.employees.get_employees(**filtered, limit=max(100, 2 * len(batch))):
            data = employee.to_dict()
            value = data.get(key)
            if isinstance(value, str) and value in batch:
                found.setdefault(value, []).append(data)
    return found


def _plan_one(plan: Plan, key: str, row: DesiredRow, employees: list[dict[str, Any]]) -> None:
    if len(employees) > 1:
        ids = tuple(str(employee["id"]) for employee in employees)
        plan.conflicts.append(Conflict(key, f"{len(employees)} employees in Engage have this key", (row.row,), ids))
        return
    wanted = {name: row.fields[name] for name in plan.fields if name in row.fields}
    if employees:
        _plan_update(plan, key, row, wanted, employees[0])
    elif isinstance(row.fields.get("email"), str):
        plan.creates.append(Create(key, {plan.key: key, **wanted, "email": row.fields["email"]}, row.row))
    else:
        plan.conflicts.append(Conflict(key, "new employee without an email (the API requires one)", (row.row,)))


def _plan_update(plan: Plan, key: str, row: DesiredRow, wanted: dict[str, Any], employee: dict[str, Any]) -> None:
    """The update that brings `employee` to `wanted`, or one more unchanged employee."""
    changes = [
        FieldChange(name, employee.get(name), value)
        for name, value in wanted.items()
        if not same_value(name, employee.get(name), value)
        and (name, value) != ("status", "PENDING")  # PENDING is where an employee starts, never set later
    ]
    if plan.missing == "deactivate" and "status" not in wanted and employee.get("status") == "SUSPENDED":
        changes.append(FieldChange("status", "SUSPENDED", "ACTIVE"))  # back in the directory
    if changes:
        plan.updates.append(Update(key, str(employee["id"]), employee.get("updatedAt"), tuple(changes), row.row))
    else:
        plan.unchanged += 1


def same_value(name: str, current: Any, wanted: Any) -> bool:
    """Whether a field already holds the value wanted (roles in any order)."""
    if name == "availableRoles":
        return sorted(current or []) == sorted(wanted or [])
    return bool(current == wanted)
