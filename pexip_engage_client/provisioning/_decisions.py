"""What a plan decides from the directory and what the reads found: each row's create, update or conflict,
and the scope's deactivations. Nothing here reads or writes; `_plan.py` reads, for either client.

The rules, and why a listing read while the data changed can only make a plan miss an employee:
docs/provisioning.md, "The plan" and "Scope"; keys compare as Engage compares them ("Keys").
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, cast, get_args

from .. import models
from .._base.answer_fields import Unread, json_field
from .._base.arguments import ArgumentError, counted
from ._changes import Conflict, Create, FieldChange, Kept, Missing, Plan, Removal, Update
from ._input import (
    KEYS,
    MANAGEABLE,
    REQUIRED,
    Columns,
    DesiredRow,
    Values,
    desired_rows,
    employees_in,
    mapped_values,
    records_of,
    remapped,
)  # fmt: skip
from ._keys import UNIQUE, folded
from ._reading import OPERATION, Found, employee_id, same_value, shown_id, text_field, unsure_reason
from ._relations import FIELD as RELATIONS
from ._relations import input_shape, read_pairs
from ._scope import Scope, ScopeLike, as_scope
from ._spill import Directory, Spill, Spilled

Desired = Iterable[Mapping[str, Any] | models.EmployeeCreate] | str | os.PathLike[str]


@dataclass(frozen=True)
class Settings:
    """A plan's checked arguments."""

    key: str
    missing: Missing
    scope: Scope | None
    threshold: float
    min_managed: int
    max_creates: int | None = None


def settings(
    key: str, scope: ScopeLike | None, missing: str, threshold: float, *, min_managed: int, max_creates: int | None
) -> Settings:
    """The arguments checked, before anything is read; `ArgumentError` (a ValueError) naming the one refused."""
    if key not in KEYS:
        raise ArgumentError.of("key", f"must be one of {', '.join(KEYS)} (got {key!r})")
    if missing == "delete":
        raise ArgumentError("{0}='delete' is not possible: the API documents no way to delete an employee", "missing")
    if missing not in get_args(Missing):
        raise ArgumentError.of("missing", f"must be 'deactivate' or 'leave' (got {missing!r})")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
        raise ArgumentError.of("threshold", f"must be a share between 0 and 1 (got {threshold!r})")
    if max_creates is not None:
        counted(max_creates, "max_creates", minimum=0)
    return Settings(
        key, cast(Missing, missing), _scope_for(cast(Missing, missing), scope), threshold, min_managed, max_creates
    )


def _scope_for(missing: Missing, scope: ScopeLike | None) -> Scope | None:
    """`scope` as a `Scope`; one is needed to deactivate."""
    checked = as_scope(scope)
    if missing == "deactivate" and checked is None:
        raise ArgumentError(
            "missing='deactivate' needs {0}: the employees the plan may deactivate (office ids, a predicate, "
            "a Scope, or provisioning.WHOLE_ENTERPRISE to say that it is every employee with a key)",
            "scope",
        )
    return checked


def new_plan(checked: Settings, fields: tuple[str, ...], spill: Spill) -> Plan:
    """The plan, with nothing planned yet, its lists kept in `spill`."""
    scope = None if checked.scope is None else checked.scope.describe()
    return Plan(
        checked.key, fields, checked.missing, scope, threshold=checked.threshold, min_managed=checked.min_managed,
        max_creates=checked.max_creates, creates=Spilled(spill, Create.saved, Create.read),
        updates=Spilled(spill, Update.saved, Update.read), removals=Spilled(spill, Removal.saved, Removal.read),
        conflicts=Spilled(spill, Conflict.saved, Conflict.read),
    )  # fmt: skip


def directory(
    desired: Desired, key: str, columns: Columns | None, delimiter: str | None = None, values: Values | None = None
) -> Directory:
    """The directory's rows, checked and kept on disk as read (`DirectoryError` when it cannot be read as one);
    `delimiter` is a file's."""
    rows = Directory(key)
    if isinstance(desired, str | os.PathLike):
        path = Path(desired) if isinstance(desired, os.PathLike) else _file_named(desired)
        read = employees_in(path, columns=columns, delimiter=delimiter, values=values)
        rows.keep(desired_rows(read, key, str(path), owned=True))
    elif delimiter is not None:
        raise ArgumentError.of("delimiter", "is for a CSV file, not records")
    else:
        records = remapped(mapped_values(records_of(desired), values), columns)
        rows.keep(desired_rows(records, key, "the employees", owned=False))
    return rows


def _file_named(desired: str) -> Path:
    """A `str` given as the directory: the path of a CSV or JSON file, as `read_employees` takes one. A file's text
    (a line break in it) or a name without the suffix that says how to read it is refused rather than guessed at."""
    if "\n" in desired or "\r" in desired:
        raise ArgumentError.of(
            "desired",
            "is text of more than one line, not a file's path: read a file's text with parse_csv() or "
            "parse_json() and pass its records",
        )
    if Path(desired).suffix.lower() not in (".csv", ".json"):
        raise ArgumentError.of(
            "desired",
            f"as a str is the path of a .csv or .json file (got {desired!r:.100}); for another name, pass "
            "read_employees(path, format=...)",
        )
    return Path(desired)


def managed_fields(names: Iterable[str], fields: Sequence[str] | None, key: str) -> tuple[str, ...]:
    """The fields given (checked), or else every manageable field the directory gives (`names`); the key is not one
    of them."""
    given = names if fields is None else _checked_fields(fields)
    return tuple(dict.fromkeys(name for name in given if name != key))


def _checked_fields(fields: Sequence[str]) -> Sequence[str]:
    """`fields=` when each is a field a plan can manage (every field of a directory is, `_input._check_directory`)."""
    if isinstance(fields, str):
        raise ArgumentError.of("fields", "must be a list of field names, not one string")
    if unknown := [name for name in fields if name not in MANAGEABLE]:
        raise ArgumentError.of(
            "fields", f": {', '.join(unknown)} cannot be managed (the fields: {', '.join(MANAGEABLE)})"
        )
    return fields


def reject(rows: Directory, key: str, conflicts: Kept[Conflict]) -> None:
    """Invalid rows, and rows that share a key, an email, a username or an external id (in any case: Engage keeps
    each to one employee), as conflicts, rejected: a plan acts on the others (`rows.valid`)."""
    conflicts.extend(_invalid(row, key) for row in rows.rejected())
    for field in UNIQUE:
        conflicts.extend(
            Conflict(first.fields[key], f"the {field} {first.fields[field]} is given {len(numbers)} times in the input "
                     "(ignoring case and surrounding spaces)", tuple(numbers), rejected=True)
            for first, numbers in rows.sharing(field)
        )  # fmt: skip


def _invalid(row: DesiredRow, key: str) -> Conflict:
    value = row.fields.get(key)
    reason = "invalid row: " + "; ".join(row.problems)
    return Conflict(value if isinstance(value, str) else None, reason, (row.row,), rejected=True)


def spelled(rows: Directory, field: str, values: list[str]) -> list[str]:
    """`values`, and each in the spellings the listing has it in: Engage may store it otherwise."""
    listed: dict[str, list[str]] = {}
    for item in rows.listed_with(field, {folded(value) for value in values}):
        listed.setdefault(folded(item[field]), []).append(item[field])
    return [*values, *(spelling for value in values for spelling in listed.get(folded(value), []))]


def scope_keys(settings: Settings, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The listed keys to read again to deactivate: of employees the scope may select."""
    return (
        key for item in items if isinstance(key := item[settings.key], str) and in_scope(settings, item) is not False
    )


def scope_notes(settings: Settings, rows: Directory) -> list[str]:
    """What the plan notes of its scope: each office or key prefix of it that no employee in Engage and no row of
    the directory has (an office's name given for its id, a prefix mistyped, or an office emptied by a move).
    `ArgumentError` naming `scope` when no row is in it: every row a conflict, and `missing="deactivate"` would
    suspend the whole scope, so it is refused as an empty directory is."""
    scope = settings.scope
    if scope is None:
        return []
    hint = _office_hint(scope, rows)
    if not scope.selects_any(_as_judged(settings.key, rows), settings.key):
        raise ArgumentError.of(
            "scope",
            f": none of the directory's {rows.valid_count()} rows is in it ({scope.describe()}), refused as an empty "
            f"directory is (the right file? the right scope?){hint}",
        )
    return [
        f"{name} of the scope selects no employee in Engage and no row of the directory{hint if part.offices else ''}"
        for part, name in scope.parts()
        if not part.selects_any(chain(rows.listed(), _as_judged(settings.key, rows)), settings.key)
    ]


def _as_judged(key: str, rows: Directory) -> Iterator[dict[str, Any]]:
    """Each row as a scope judges it: its employee in Engage (by key) with the relations the row gives (a move
    into the scope is in it: `moved_into`), else the employee it would create."""
    for page in rows.valid():
        listed = {folded(item[key]): item for item in rows.listed_with(key, (folded(row.fields[key]) for row in page))}
        for row in page:
            item = listed.get(folded(row.fields[key]))
            judged = _as_read(row.fields)
            yield (
                judged if item is None else {**item, RELATIONS: judged[RELATIONS]} if RELATIONS in row.fields else item
            )


def _office_hint(scope: Scope, rows: Directory) -> str:
    """` (an office is named by its id; the directory's rows name branch-a)`, for a scope of offices."""
    if not scope.offices:
        return ""
    named = {
        relation["officeId"] for page in rows.valid() for row in page for relation in row.fields.get(RELATIONS, ())
    }
    return f" (an office is named by its id; the directory's rows name {', '.join(sorted(named)[:5]) or 'no office'})"


def new_values(rows: list[DesiredRow], key: str, found: Found, field: str) -> list[str]:
    """The values of `field` the employee of their row does not have: the rows to create, and the updates of it."""
    return [
        value
        for row in rows
        if isinstance(value := row.fields.get(field), str)
        and not any(
            same_value(field, employee.get(field), value) for employee in found.by_key.get(folded(row.fields[key]), [])
        )
    ]


def in_scope(settings: Settings, employee: Mapping[str, Any]) -> bool | Unread:
    """Whether the plan manages `employee` (wire form): every employee when no scope was given."""
    return True if settings.scope is None else settings.scope.selects(employee, settings.key)


def unreadable_keys(items: Iterable[dict[str, Any]], key: str) -> list[Conflict]:
    """A conflict for each listed employee whose key is of another type than text: it is left alone. An absent or
    null key is an employee without one (the spec allows it): not managed, not a conflict."""
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


def decide(plan: Plan, settings: Settings, rows: list[DesiredRow], found: Found, taken: dict[str, Found]) -> None:
    """Fill `plan` with each of `rows`' change or conflict, from the employees of their keys (`found`) and those
    holding the unique values they give anew (`taken`)."""
    for row in rows:
        unsure = found.unsure.get(name := folded(row.fields[settings.key]))
        if unsure is not None:
            plan.conflicts.append(Conflict(row.fields[settings.key], unsure_reason(unsure, settings.key), (row.row,)))
        else:
            _plan_one(plan, settings, row, found.by_key.get(name, []), taken)


def managed(settings: Settings, items: Iterable[dict[str, Any]]) -> int:
    """The listed employees the threshold's share is of: with a key, selected by the scope."""
    return sum(1 for item in items if isinstance(item.get(settings.key), str) and in_scope(settings, item) is True)


def _plan_one(
    plan: Plan,
    settings: Settings,
    row: DesiredRow,
    employees: list[dict[str, Any]],
    taken: dict[str, Found],
) -> None:
    key = row.fields[settings.key]
    if len(employees) > 1:
        ids = tuple(shown_id(employee) for employee in employees)
        reason = f"{len(employees)} employees in Engage have this key (ignoring case and surrounding spaces)"
        plan.conflicts.append(Conflict(key, reason, (row.row,), ids))
    elif employees:
        selected = in_scope(settings, employees[0])
        if selected is True or (selected is False and moved_into(settings, plan.fields, row, employees[0])):
            _plan_update(plan, settings, row, employees[0], taken)
        else:
            why = _outside(cast(Scope, settings.scope), employees[0], selected)  # (no scope selects everyone)
            plan.conflicts.append(Conflict(key, why, (row.row,), (shown_id(employees[0]),)))
    else:
        _plan_create(plan, settings, row, taken)


def moved_into(settings: Settings, fields: Sequence[str], row: DesiredRow, employee: Mapping[str, Any]) -> bool:
    """Whether the row moves an employee the scope does not select into it: it gives the employee a relation to
    an office of the scope, and the scope selects the employee as the update would leave it (docs/provisioning.md,
    "Scope": the move's one update; the office it leaves need not be in the scope)."""
    scope = settings.scope
    if scope is None or not scope.offices or RELATIONS not in fields or RELATIONS not in row.fields:
        return False
    wanted = _as_read({name: row.fields[name] for name in fields if name in row.fields})
    if not any(relation["office"]["id"] in scope.offices for relation in wanted[RELATIONS]):
        return False
    return scope.selects({**employee, **wanted}, settings.key) is True


def _outside(scope: Scope, employee: Mapping[str, Any], selected: bool | Unread) -> str:
    """Why the employee a row names is left alone: outside the scope, or not known to be inside it."""
    if isinstance(selected, Unread):
        return f"cannot tell whether it is in the scope ({scope.describe()}): its {selected.describe()} (not changed)"
    offices = read_pairs(employee, OPERATION)
    theirs = "" if isinstance(offices, Unread) else f": its offices are {shown_offices(offices)}"
    return f"outside the scope ({scope.describe()}){theirs} (not changed; a scope that includes it may change it)"


def shown_offices(pairs: frozenset[tuple[str, str]]) -> str:
    return ", ".join(sorted({office for _, office in pairs})) or "none"


def _plan_create(plan: Plan, settings: Settings, row: DesiredRow, taken: dict[str, Found]) -> None:
    """A create, unless the new employee would fall outside the scope, or another employee already has its
    email (username, external id) in any case: Engage keeps each to one person (`taken`, read directly)."""
    key = row.fields[settings.key]
    fields = {settings.key: key} | {name: row.fields[name] for name in (*plan.fields, *REQUIRED) if name in row.fields}
    refused = _held(taken, fields)
    scope = settings.scope
    if refused is None and scope is not None and scope.selects(_as_read(fields), settings.key) is not True:
        refused = f"would be created outside the scope ({scope.describe()}): not created", ()
    if lacking := [name for name in REQUIRED if name not in fields]:
        reason = f"new employee without {', '.join(lacking)} (the API requires it to create one)"
        plan.conflicts.append(Conflict(key, reason, (row.row,)))
    elif refused is not None:
        plan.conflicts.append(Conflict(key, refused[0], (row.row,), refused[1]))
    else:
        plan.creates.append(Create(key, fields, row.row))


def _held(
    taken: dict[str, Found], fields: Mapping[str, Any], undone: str = "not created"
) -> tuple[str, tuple[str, ...]] | None:
    """Why a new employee is not created, or an employee's unique fields are not changed (`undone`), and the
    employees that say so: another holds one of the values."""
    for field, found in taken.items():
        value = folded(fields[field]) if isinstance(fields.get(field), str) else ""
        holders, unsure = found.by_key.get(value, []), found.unsure.get(value)
        if unsure is not None:
            return unsure_reason(unsure, field), ()
        if holders:
            reason = f"an employee in Engage already has this {field} ({holders[0][field]}), ignoring case: {undone}"
            return reason, tuple(shown_id(holder) for holder in holders)
    return None


def _as_read(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A new employee's fields as Engage would read them back (relations `{role, office: {id}}`), for a scope."""
    relations = [{"role": r["role"], "office": {"id": r["officeId"]}} for r in fields.get(RELATIONS) or []]
    return {**fields, RELATIONS: relations}


def _plan_update(
    plan: Plan, settings: Settings, row: DesiredRow, employee: dict[str, Any], taken: dict[str, Found]
) -> None:
    """The update that brings `employee` to the row, or one more unchanged employee; not when another employee
    has a unique value it gives (`taken`), in any case. An unreadable managed field differs from what is wanted."""
    key = row.fields[settings.key]
    wanted = {name: row.fields[name] for name in plan.fields if name in row.fields}
    changes = _field_changes(wanted, employee)
    if settings.missing == "deactivate" and "status" not in wanted:
        changes += _reactivation(plan, key, row, employee)
    ident = employee_id(employee)
    if not changes:
        plan.unchanged += 1
    elif isinstance(ident, Unread):  # (an unchanged employee needs no id)
        reason = f"the employee with this key cannot be updated: its {ident.describe()}"
        plan.conflicts.append(Conflict(key, reason, (row.row,)))
    elif (held := _held(taken, {change.field: change.after for change in changes}, "not changed")) is not None:
        plan.conflicts.append(Conflict(key, held[0], (row.row,), (ident, *held[1])))
    else:
        spelled = text_field(employee, settings.key)  # kept when Engage spells the key otherwise (case, spaces)
        updated_at = text_field(employee, "updatedAt")
        plan.updates.append(
            Update(key, ident, updated_at, tuple(changes), row.row, spelled if spelled != key else None)
        )


def _field_changes(wanted: dict[str, Any], employee: dict[str, Any]) -> list[FieldChange]:
    """The managed fields whose value differs from the one wanted (PENDING is where one starts, never set later)."""
    return [
        FieldChange(name, _before(name, employee), value)
        for name, value in wanted.items()
        if not same_value(name, employee.get(name), value) and (name, value) != ("status", "PENDING")
    ]


def _before(name: str, employee: Mapping[str, Any]) -> Any:
    """A field's value now, as the plan shows it: relations in the input shape when they can be read."""
    if name == RELATIONS and not isinstance(read_pairs(employee, OPERATION), Unread):
        return input_shape(employee[RELATIONS])
    return employee.get(name)


def _reactivation(plan: Plan, key: str, row: DesiredRow, employee: dict[str, Any]) -> list[FieldChange]:
    """SUSPENDED -> ACTIVE for an employee back in the directory. A `status` null or of another type may hide
    SUSPENDED: a conflict, no reactivation. An absent one, which the spec allows, is not suspended."""
    status = json_field(employee, "/status", str, operation=OPERATION, base="/data/*")
    if status == "SUSPENDED":
        return [FieldChange("status", "SUSPENDED", "ACTIVE")]
    if isinstance(status, Unread) and status.kind != "missing":
        reason = f"whether to reactivate it is not decided: its {status.describe()}"
        plan.conflicts.append(Conflict(key, reason, (row.row,)))
    return []


def removals(plan: Plan, settings: Settings, gone: Found) -> Iterator[Removal]:
    """A deactivation of every employee of the scope, not known to be suspended, found by a key the directory lacks
    (`gone`). One whose `id` cannot be read, or of whom the scope cannot tell, is a conflict instead; one whose
    `status` cannot be read is deactivated (shown as null before): deactivating a suspended one changes nothing."""
    each = (employee for employees in gone.by_key.values() for employee in employees)
    return (removal for employee in each if (removal := _removal(plan, settings, employee)) is not None)


def _removal(plan: Plan, settings: Settings, employee: dict[str, Any]) -> Removal | None:
    """The employee's deactivation, None when it is outside the scope or suspended already (or a conflict)."""
    key = str(employee[settings.key])  # (text: `Found` holds the employees whose key it could read)
    selected, ident = in_scope(settings, employee), employee_id(employee)
    for unread in (selected, ident):
        if isinstance(unread, Unread):
            plan.conflicts.append(Conflict(key, f"not deactivated: its {unread.describe()}"))
            return None
    status = text_field(employee, "status")
    if selected is True and status != "SUSPENDED" and isinstance(ident, str):
        return Removal(key, ident, text_field(employee, "updatedAt"), status)
    return None
