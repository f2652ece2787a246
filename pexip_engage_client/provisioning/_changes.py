"""A plan's contents: the changes it makes, with the plan's text for review and its JSON form.

`plan_employees` (`_plan.py`) builds a `Plan` and `apply_plan` (`_apply.py`) carries one out; both
import this module and it imports neither, so a plan can be read, shown and saved on its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Missing = Literal["deactivate", "leave"]

PLAN_FORMAT = 1


@dataclass(frozen=True)
class FieldChange:
    """One managed field of one employee: its value in Engage now, and the value planned."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Create:
    """A new employee, with the managed fields the directory gives (`row`: where, 1-based)."""

    key: str
    fields: dict[str, Any]
    row: int


@dataclass(frozen=True)
class Update:
    """Managed fields to change on an existing employee; `updated_at` is its `updatedAt` when planned."""

    key: str
    employee_id: str
    updated_at: str | None
    changes: tuple[FieldChange, ...]
    row: int


@dataclass(frozen=True)
class Removal:
    """An employee the directory no longer has, to deactivate (status SUSPENDED)."""

    key: str
    employee_id: str
    updated_at: str | None
    status: str | None  # before


@dataclass(frozen=True)
class Conflict:
    """Something the plan will not decide: a bad row, a key given twice, a key several employees share."""

    key: str | None
    reason: str
    rows: tuple[int, ...] = ()
    employee_ids: tuple[str, ...] = ()


Change = Create | Update | Removal


@dataclass
class Plan:
    """What `apply_plan` will do, for review: render it (`render()`, `to_json()`), save it, apply it later.

    Attributes:
        key: The field employees are matched on (`externalId`).
        fields: The fields the plan manages; no other field is written.
        missing: What happens to employees the directory no longer has: "deactivate" or "leave".
        creates, updates, removals: The changes, in the directory's order (removals in Engage's).
        conflicts: What the plan leaves alone and why.
        unchanged: Directory employees already as the directory says.
        managed: Employees in Engage that carry a key (what the safety threshold is a share of).
        complete: Whether the listing of employees was read consistently (if not, an employee
            added during the read may be missing from the removals; nothing else is affected).
        listing_note: Why the listing was not consistent (None when it was).
        threshold, min_managed: The safety limit: a plan updating or removing more than `threshold`
            of `managed`, when `managed` is at least `min_managed`, is refused unless forced.
    """

    key: str
    fields: tuple[str, ...]
    missing: Missing
    creates: list[Create] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    managed: int = 0
    complete: bool = True
    listing_note: str | None = None
    threshold: float = 0.3
    min_managed: int = 10

    @property
    def changes(self) -> list[Change]:
        """Every change, creates first, then updates, then removals."""
        return [*self.creates, *self.updates, *self.removals]

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates or self.removals)

    @property
    def refusal(self) -> str | None:
        """Why applying this plan needs `force` (None: it does not)."""
        touched = len(self.updates) + len(self.removals)
        if self.managed >= self.min_managed and touched > self.threshold * self.managed:
            return (
                f"the plan updates or removes {touched} of {self.managed} managed employees "
                f"({touched / self.managed:.0%}), more than the {self.threshold:.0%} allowed without force: "
                f"check the directory export"
            )
        return None

    def render(self) -> str:
        """The plan as text for review: `+` create, `~` update, `-` deactivate, `!` conflict, with field diffs."""
        lines = [
            f"Plan: {len(self.creates)} to create, {len(self.updates)} to update, "
            f"{len(self.removals)} to deactivate, {len(self.conflicts)} conflict(s); "
            f"{self.unchanged} unchanged, {self.managed} managed employees (key {self.key}, "
            f"fields {', '.join(self.fields) or 'none'})"
        ]
        for create in self.creates:
            lines.append(f"+ {create.key}  (row {create.row})")
            lines += [f"    {name}: {_value(value)}" for name, value in create.fields.items() if name != self.key]
        for update in self.updates:
            lines.append(f"~ {update.key}  (employee {update.employee_id}, row {update.row})")
            lines += [f"    {c.field}: {_value(c.before)} -> {_value(c.after)}" for c in update.changes]
        for removal in self.removals:
            lines.append(f"- {removal.key}  (employee {removal.employee_id}): deactivate")
            lines.append(f'    status: {_value(removal.status)} -> "SUSPENDED"')
        lines += [_conflict_line(conflict) for conflict in self.conflicts]
        lines += _notes(self)
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (what `save` writes and `from_dict` reads)."""
        return {
            "format": PLAN_FORMAT,
            "key": self.key,
            "fields": list(self.fields),
            "missing": self.missing,
            "threshold": self.threshold,
            "minManaged": self.min_managed,
            "managed": self.managed,
            "unchanged": self.unchanged,
            "complete": self.complete,
            "listingNote": self.listing_note,
            "creates": [{"key": c.key, "row": c.row, "fields": c.fields} for c in self.creates],
            "updates": [
                {
                    "key": u.key,
                    "row": u.row,
                    "employeeId": u.employee_id,
                    "updatedAt": u.updated_at,
                    "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in u.changes],
                }
                for u in self.updates
            ],
            "removals": [
                {"key": r.key, "employeeId": r.employee_id, "updatedAt": r.updated_at, "status": r.status}
                for r in self.removals
            ],
            "conflicts": [
                {"key": c.key, "reason": c.reason, "rows": list(c.rows), "employeeIds": list(c.employee_ids)}
                for c in self.conflicts
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """A plan from `to_dict`'s data. Raises `ValueError` when it is not a saved plan."""
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"not a saved plan of format {PLAN_FORMAT} (format: {data.get('format')!r})")
        try:
            plan = cls(
                data["key"],
                tuple(data["fields"]),
                data["missing"],
                threshold=float(data["threshold"]),
                min_managed=int(data["minManaged"]),
                managed=int(data["managed"]),
                unchanged=int(data["unchanged"]),
                complete=bool(data["complete"]),
                listing_note=data.get("listingNote"),
            )
            plan.creates = [Create(c["key"], dict(c["fields"]), int(c["row"])) for c in data["creates"]]
            plan.updates = [
                Update(
                    u["key"],
                    u["employeeId"],
                    u["updatedAt"],
                    tuple(FieldChange(c["field"], c["before"], c["after"]) for c in u["changes"]),
                    int(u["row"]),
                )
                for u in data["updates"]
            ]
            plan.removals = [Removal(r["key"], r["employeeId"], r["updatedAt"], r["status"]) for r in data["removals"]]
            plan.conflicts = [
                Conflict(c["key"], c["reason"], tuple(c["rows"]), tuple(c["employeeIds"])) for c in data["conflicts"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the saved plan is damaged ({type(exc).__name__}: {exc})") from None
        if plan.missing not in ("deactivate", "leave"):
            raise ValueError(f"the saved plan is damaged (missing: {plan.missing!r})")
        return plan

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the plan as JSON, to apply later (`Plan.load`)."""
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Plan:
        """A plan saved by `save`. Raises `ValueError` when the file is not one, `OSError` when unreadable."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ValueError(f"{path} is not a saved plan (not JSON: {exc})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path} is not a saved plan")
        return cls.from_dict(data)


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _notes(plan: Plan) -> list[str]:
    """What the plan's text ends with: an incomplete listing, a refusal, or that nothing changes."""
    notes = []
    if not plan.complete:
        notes.append(
            f"Note: the listing of employees kept changing while it was read ({plan.listing_note}); "
            "an employee added meanwhile may be missing from the deactivations. Plan again later."
        )
    if plan.refusal:
        notes.append(f"Refused without force: {plan.refusal}")
    if not plan.has_changes:
        notes.append("No changes.")
    return notes


def _conflict_line(conflict: Conflict) -> str:
    """`! key  reason (row 3, employee 42)`: the rows and employees that share the key."""
    where = [*(f"row {row}" for row in conflict.rows), *(f"employee {ident}" for ident in conflict.employee_ids)]
    return f"! {conflict.key or '(no key)'}  {conflict.reason}" + (f" ({', '.join(where)})" if where else "")
