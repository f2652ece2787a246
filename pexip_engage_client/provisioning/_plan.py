"""`plan_employees`: what it takes to bring Engage's employees in line with a directory.

The three reads, what is planned from them and why a listing read while the data changed can only
make the plan miss an employee: docs/provisioning.md, "The plan". Every field the plan relies on is
read with `json_field`; what one that cannot be read does (never a create or a removal): the same
page, "Answers unlike the spec".
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast, get_args

from .. import PexipEngage, models
from .._base.answer_fields import Unread, json_field
from ._changes import Conflict, Create, FieldChange, Missing, Plan, Removal, Update
from ._input import KEYS, MANAGEABLE, DesiredRow, desired_rows, read_employees
from ._listing import OPERATION, list_employees, page_items, read_consistently

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
    plan.conflicts += _unreadable_keys(listing.items, key)
    # The directory's valid keys, then the listed ones it does not have (each once, in that order).
    current = await lookup(engage, key, list(dict.fromkeys([*valid, *listed_keys])))

    plan.managed = sum(len(employees) for employees in current.by_key.values())
    for desired_key, row in valid.items():
        unsure = current.unsure.get(desired_key)
        if unsure is not None:
            plan.conflicts.append(Conflict(desired_key, unsure_reason(unsure, key), (row.row,)))
        else:
            _plan_one(plan, desired_key, row, current.by_key.get(desired_key, []))
    if missing == "deactivate":
        plan.removals = _removals(plan, current.by_key, directory_keys)
    return plan


def unsure_reason(unread: Unread, key: str) -> str:
    """Why a key is left alone: an employee of its look-up whose key could not be read may carry it."""
    return (
        f"cannot tell whether an employee has this {key}: {unread.describe()} for an employee of the look-up "
        "(not created, not changed; plan again once Engage sends it)"
    )


def employee_id(employee: Mapping[str, Any]) -> str | Unread:
    """An employee's `id` (text), or why it cannot be read: an update or removal needs it."""
    return json_field(employee, "/id", str, operation=OPERATION, base="/data/*")


def _unreadable_keys(items: list[dict[str, Any]], key: str) -> list[Conflict]:
    """A conflict for each listed employee whose key is of another type than text: it is left alone.

    An absent or null key is an employee without one (the spec allows it): not managed, not a conflict.
    """
    conflicts = []
    for item in items:
        value = json_field(item, f"/{key}", str, operation=OPERATION, base="/data/*")
        if isinstance(value, Unread) and value.kind == "type":
            ident = employee_id(item)
            reason = (
                f"an employee's {key} cannot be read: {value.describe()} (left alone: not updated, not deactivated)"
            )
            conflicts.append(Conflict(None, reason, (), () if isinstance(ident, Unread) else (ident,)))
    return conflicts


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


def _removals(plan: Plan, current: Mapping[str, list[dict[str, Any]]], directory_keys: set[str]) -> list[Removal]:
    """A deactivation of every employee not known to be suspended whose key the directory no longer has.

    One whose `id` cannot be read is a conflict instead; one whose `status` cannot be read is
    deactivated (its status before shown as null): deactivating a suspended employee changes nothing.
    """
    removals = []
    for current_key, employees in current.items():
        if current_key in directory_keys:
            continue
        for employee in employees:
            status = text_field(employee, "status")
            ident = employee_id(employee)
            if isinstance(ident, Unread):
                reason = f"not deactivated: its {ident.describe()}"
                plan.conflicts.append(Conflict(current_key, reason))
            elif status != "SUSPENDED":
                removals.append(Removal(current_key, ident, text_field(employee, "updatedAt"), status))
    return removals


def text_field(employee: Mapping[str, Any], name: str) -> str | None:
    """A field of an employee as text, None when it cannot be read so (compared, never acted on alone)."""
    value = json_field(employee, f"/{name}", str, operation=OPERATION, base="/data/*")
    return None if isinstance(value, Unread) else value


def _managed_fields(rows: list[DesiredRow], fields: Sequence[str] | None, key: str) -> tuple[str, ...]:
    """The fields given (checked), or else every manageable field the directory gives; the key is not one of them."""
    if fields is None:
        fields = [name for row in rows for name in row.fields if name in MANAGEABLE]
    elif isinstance(fields, str):
        raise ValueError("fields must be a list of field names, not one string")
    elif unknown := [name for name in fields if name not in MANAGEABLE]:
        raise ValueError(f"fields: {', '.join(unknown)} cannot be managed (the fields: {', '.join(MANAGEABLE)})")
    return tuple(dict.fromkeys(name for name in fields if name != key))


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


@dataclass
class Found:
    """What direct reads by key found (docs/provisioning.md, "Answers unlike the spec")."""

    by_key: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # the employees carrying each key now
    # The keys an employee of the same look-up may carry, its key unreadable, each with why.
    unsure: dict[str, Unread] = field(default_factory=dict)


async def lookup(engage: PexipEngage, key: str, keys: Sequence[str]) -> Found:
    """The employees carrying each of `keys` now (direct reads, filtered on the key), by key."""
    found = Found()
    for start in range(0, len(keys), LOOKUP_BATCH):
        batch = list(keys[start : start + LOOKUP_BATCH])
        filtered: dict[str, Any] = {KEYS[key]: batch}  # external_id=, email= or username=

        async def fetch(offset: int, limit: int, filtered: dict[str, Any] = filtered) -> tuple[list[Any], int | None]:
            response = await engage.employees.with_raw_response.get_employees(**filtered, offset=offset, limit=limit)
            return page_items(response, f"to find the employees by {key}")

        listing = await read_consistently(fetch, page_size=max(100, 2 * len(batch)))
        _sort(found, listing.items, key, batch)
    return found


def _sort(found: Found, employees: list[dict[str, Any]], key: str, batch: list[str]) -> None:
    """Each employee of a look-up under its key; every key of the batch unsure if one's key cannot be read."""
    for data in employees:
        value = json_field(data, f"/{key}", str, operation=OPERATION, base="/data/*")
        if isinstance(value, Unread):
            found.unsure.update(dict.fromkeys(batch, value))
        elif value in batch:
            found.by_key.setdefault(value, []).append(data)


def _plan_one(plan: Plan, key: str, row: DesiredRow, employees: list[dict[str, Any]]) -> None:
    if len(employees) > 1:
        ids = tuple(shown_id(employee) for employee in employees)
        plan.conflicts.append(Conflict(key, f"{len(employees)} employees in Engage have this key", (row.row,), ids))
        return
    wanted = {name: row.fields[name] for name in plan.fields if name in row.fields}
    if employees:
        _plan_update(plan, key, row, wanted, employees[0])
    elif isinstance(row.fields.get("email"), str):
        plan.creates.append(Create(key, {plan.key: key, **wanted, "email": row.fields["email"]}, row.row))
    else:
        plan.conflicts.append(Conflict(key, "new employee without an email (the API requires one)", (row.row,)))


def shown_id(employee: Mapping[str, Any]) -> str:
    """An employee's id as a report shows it: `?` when it cannot be read."""
    ident = employee_id(employee)
    return "?" if isinstance(ident, Unread) else ident


def _plan_update(plan: Plan, key: str, row: DesiredRow, wanted: dict[str, Any], employee: dict[str, Any]) -> None:
    """The update that brings `employee` to `wanted`, or one more unchanged employee.

    A managed field that cannot be read differs from what is wanted (docs/provisioning.md, "Answers unlike the spec").
    """
    changes = _field_changes(wanted, employee)
    if plan.missing == "deactivate" and "status" not in wanted:
        changes += _reactivation(plan, key, row, employee)
    ident = employee_id(employee)
    if not changes:
        plan.unchanged += 1
    elif isinstance(ident, Unread):  # (an unchanged employee needs no id)
        reason = f"the employee with this key cannot be updated: its {ident.describe()}"
        plan.conflicts.append(Conflict(key, reason, (row.row,)))
    else:
        plan.updates.append(Update(key, ident, text_field(employee, "updatedAt"), tuple(changes), row.row))


def _field_changes(wanted: dict[str, Any], employee: dict[str, Any]) -> list[FieldChange]:
    """The managed fields whose value differs from the one wanted (PENDING is where one starts, never set later)."""
    return [
        FieldChange(name, employee.get(name), value)
        for name, value in wanted.items()
        if not same_value(name, employee.get(name), value) and (name, value) != ("status", "PENDING")
    ]


def _reactivation(plan: Plan, key: str, row: DesiredRow, employee: dict[str, Any]) -> list[FieldChange]:
    """SUSPENDED -> ACTIVE for an employee back in the directory.

    A `status` null or of another type may hide SUSPENDED: no reactivation is planned, and a
    conflict says so. An absent one, which the spec allows, is not suspended.
    """
    status = json_field(employee, "/status", str, operation=OPERATION, base="/data/*")
    if status == "SUSPENDED":
        return [FieldChange("status", "SUSPENDED", "ACTIVE")]
    if isinstance(status, Unread) and status.kind != "missing":
        reason = f"whether to reactivate it is not decided: its {status.describe()}"
        plan.conflicts.append(Conflict(key, reason, (row.row,)))
    return []


def same_value(name: str, current: Any, wanted: Any) -> bool:
    """Whether a field already holds the value wanted (roles in any order)."""
    if name == "availableRoles" and _listed(current) and _listed(wanted):
        return sorted(current or [], key=str) == sorted(wanted or [], key=str)
    return bool(current == wanted)  # (roles that are not a list, an answer unlike the spec: compared as sent)


def _listed(roles: Any) -> bool:
    return isinstance(roles or [], list)
