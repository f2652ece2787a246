"""A plan's contents: the changes it makes, with the plan's text for review and its JSON form; it imports neither
the plan nor the apply, so a plan can be read, shown and saved on its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Literal, TypeVar

from .._base.private_files import write_private
from ._relations import FIELD as RELATIONS
from ._relations import shown
from ._spill import Spilled

Missing = Literal["deactivate", "leave"]

# 2: scopes, keys compared without regard to case, office relations. A plan of format 1 was made under the
# old default (deactivating every employee with a key outside the directory): it is planned again, not applied.
PLAN_FORMAT = 2


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

    @property
    def spellings(self) -> tuple[str, ...]:
        """The key as the apply asks for it (see `_keys.spellings`)."""
        return (self.key,)

    @property
    def planned(self) -> tuple[tuple[str, Any], ...]:
        """The fields the target holds once the change is made (a new employee's status is Engage's to move on)."""
        return tuple((name, value) for name, value in self.fields.items() if name != "status")

    def shown(self, key: str) -> list[str]:
        """Its lines in the plan's text (the field `key` is the line's name)."""
        fields = [f"    {name}: {shown_value(name, value)}" for name, value in self.fields.items() if name != key]
        return [f"+ {self.key}  (row {self.row})", *fields]

    def saved(self) -> dict[str, Any]:
        return {"key": self.key, "row": self.row, "fields": self.fields}

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Create:
        return cls(data["key"], dict(data["fields"]), int(data["row"]))


@dataclass(frozen=True)
class Update:
    """Managed fields to change on an existing employee; `updated_at` is its `updatedAt` when planned.

    `key_in_engage`: the key as Engage spells it, when it differs from the directory's in case or spaces.
    """

    key: str
    employee_id: str
    updated_at: str | None
    changes: tuple[FieldChange, ...]
    row: int
    key_in_engage: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.key,) if self.key_in_engage is None else (self.key, self.key_in_engage)

    @property
    def planned(self) -> tuple[tuple[str, Any], ...]:
        return tuple((change.field, change.after) for change in self.changes)

    def shown(self, key: str) -> list[str]:
        spelled = f"; Engage spells the key {self.key_in_engage}" if self.key_in_engage else ""
        fields = [
            f"    {c.field}: {shown_value(c.field, c.before)} -> {shown_value(c.field, c.after)}" for c in self.changes
        ]
        return [f"~ {self.key}  (employee {self.employee_id}, row {self.row}{spelled})", *fields]

    def saved(self) -> dict[str, Any]:
        changes = [{"field": c.field, "before": c.before, "after": c.after} for c in self.changes]
        return {"key": self.key, "row": self.row, "employeeId": self.employee_id, "keyInEngage": self.key_in_engage,
                "updatedAt": self.updated_at, "changes": changes}  # fmt: skip

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Update:
        changes = tuple(FieldChange(c["field"], c["before"], c["after"]) for c in data["changes"])
        return cls(data["key"], data["employeeId"], data["updatedAt"], changes, int(data["row"]), data["keyInEngage"])


@dataclass(frozen=True)
class Removal:
    """An employee the directory no longer has, to deactivate (status SUSPENDED)."""

    key: str
    employee_id: str
    updated_at: str | None
    status: str | None  # before

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.key,)

    @property
    def planned(self) -> tuple[tuple[str, Any], ...]:
        return (("status", "SUSPENDED"),)

    def shown(self, key: str) -> list[str]:
        status = f'    status: {shown_value("status", self.status)} -> "SUSPENDED"'
        return [f"- {self.key}  (employee {self.employee_id}): deactivate", status]

    def saved(self) -> dict[str, Any]:
        return {"key": self.key, "employeeId": self.employee_id, "updatedAt": self.updated_at, "status": self.status}

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Removal:
        return cls(data["key"], data["employeeId"], data["updatedAt"], data["status"])


@dataclass(frozen=True)
class Conflict:
    """Something the plan will not decide: a bad row, a key given twice, a key several employees share.

    `rejected`: the directory's row itself cannot be planned (invalid, or giving a key, an email, a username or
    an external id another row gives), whatever Engage holds: `Plan.rejected`.
    """

    key: str | None
    reason: str
    rows: tuple[int, ...] = ()
    employee_ids: tuple[str, ...] = ()
    rejected: bool = False

    def shown(self) -> str:
        """`! key  reason (row 3, employee 42)`: the rows and employees that share the key."""
        where = [*(f"row {row}" for row in self.rows), *(f"employee {ident}" for ident in self.employee_ids)]
        return f"! {self.key or '(no key)'}  {self.reason}" + (f" ({', '.join(where)})" if where else "")

    def saved(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "reason": self.reason,
            "rows": list(self.rows),
            "employeeIds": list(self.employee_ids),
            "rejected": self.rejected,
        }

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Conflict:
        # (`rejected` absent: a plan saved before rows were told apart, read as it was)
        rejected = data.get("rejected", False)
        return cls(data["key"], data["reason"], tuple(data["rows"]), tuple(data["employeeIds"]), rejected is True)


Change = Create | Update | Removal
_T = TypeVar("_T")
# A plan's changes or conflicts: a list, or (a plan `plan_employees` made) a sequence kept on disk (`_spill.py`).
Kept = list[_T] | Spilled[_T]


@dataclass
class Plan:
    """What `apply_plan` will do, for review: render it (`render()`, `to_json()`), save it, apply it later.

    Attributes:
        key: The field employees are matched on (`externalId`), without regard to case or surrounding spaces.
        fields: The fields the plan manages; no other field is written.
        missing: What happens to employees of the scope the directory no longer has: "deactivate" or "leave".
        scope: What the plan manages, as it was given (`offices branch-a`, `the whole enterprise`); None: no
            scope was given, and the plan deactivates no one.
        creates, updates, removals: The changes, in the directory's order (removals in Engage's): lists, or in a
            plan `plan_employees` made, sequences kept in a temporary file and read back as they are used.
        conflicts: What the plan leaves alone and why (a list or such a sequence).
        unchanged: Directory employees already as the directory says.
        managed: Employees in Engage that carry a key, within the scope (what the safety threshold is a share of).
        complete: Whether the listing of employees was read consistently (if not, an employee
            added during the read may be missing from the removals; nothing else is affected).
        listing_note: Why the listing was not consistent (None when it was).
        threshold, min_managed: The safety limit: a plan updating or removing more than `threshold`
            of `managed`, or creating more than that share of `managed`, when `managed` is at least
            `min_managed`, is refused unless forced.
        max_creates: The creates allowed without force in place of the threshold's share (None: the share).
        notes: What the reviewer should know of the scope: an office or a key prefix of it that selects no one.
        enterprise: The enterprise the plan was made for (its ids and reads are that one's): `apply_plan` refuses it
            with a client of another. None: not said (a plan made by hand).
    """

    key: str
    fields: tuple[str, ...]
    missing: Missing
    scope: str | None = None
    creates: Kept[Create] = field(default_factory=list)
    updates: Kept[Update] = field(default_factory=list)
    removals: Kept[Removal] = field(default_factory=list)
    conflicts: Kept[Conflict] = field(default_factory=list)
    unchanged: int = 0
    managed: int = 0
    complete: bool = True
    listing_note: str | None = None
    threshold: float = 0.3
    min_managed: int = 10
    max_creates: int | None = None
    notes: list[str] = field(default_factory=list)
    enterprise: str | None = None

    @property
    def changes(self) -> list[Change]:
        """Every change, creates first, then updates, then removals."""
        return [*self.creates, *self.updates, *self.removals]

    @property
    def has_changes(self) -> bool:
        return bool(self.creates or self.updates or self.removals)

    @property
    def rejected(self) -> list[Conflict]:
        """The conflicts of rows the directory itself gives wrong (invalid, or a key given twice in any case): a job
        that runs the plan unattended stops on them (`employees plan` exits 1 unless `--skip-invalid`)."""
        return [conflict for conflict in self.conflicts if conflict.rejected]

    @property
    def refusal(self) -> str | None:
        """Why applying this plan needs `force` (None: it does not)."""
        touched, creates = len(self.updates) + len(self.removals), len(self.creates)
        held = self.managed >= self.min_managed
        if held and touched > self.threshold * self.managed:
            return (
                f"the plan updates or removes {touched} of {self.managed} managed employees "
                f"({touched / self.managed:.0%}), more than the {self.threshold:.0%} allowed without force: "
                f"check the directory export"
            )
        if self.max_creates is not None and creates > self.max_creates:
            return f"the plan creates {creates} employees, more than the {self.max_creates} allowed (max creates)"
        if self.max_creates is None and held and creates > self.threshold * self.managed:
            return (
                f"the plan creates {creates} employees beside {self.managed} managed ones, more than the "
                f"{self.threshold:.0%} of them allowed without force: check the directory export and the key"
            )
        return None

    @property
    def summary(self) -> str:
        """`3 to create, 1 to update, ...`: the counts of `render`'s first line (and of the log's summary)."""
        return (
            f"{len(self.creates)} to create, {len(self.updates)} to update, {len(self.removals)} to deactivate, "
            f"{len(self.conflicts)} conflict(s); {self.unchanged} unchanged, {self.managed} managed employees"
        )

    def render(self) -> str:
        """The plan as text for review: `+` create, `~` update, `-` deactivate, `!` conflict, with field diffs."""
        return "".join(self.lines())

    def lines(self) -> Iterator[str]:
        """`render`'s text a line at a time (each ending in a line break): a big plan is shown without being held a
        second time, as data and as text."""
        scope = f"scope {self.scope}" if self.scope else "no scope: no one is deactivated"
        yield f"Plan: {self.summary} (key {self.key}, fields {', '.join(self.fields) or 'none'}; {scope})\n"
        changes: Iterator[Change] = chain(self.creates, self.updates, self.removals)  # none held: a big plan's
        yield from (f"{line}\n" for change in changes for line in change.shown(self.key))
        yield from (f"{conflict.shown()}\n" for conflict in self.conflicts)
        yield from (f"{note}\n" for note in _notes(self))

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready data (what `save` writes and `from_dict` reads)."""
        return {**self._head(), **{name: [change.saved() for change in changes] for name, changes in self._lists()}}

    def _head(self) -> dict[str, Any]:
        """`to_dict` but for its lists of changes and conflicts."""
        return {
            "format": PLAN_FORMAT,
            "enterprise": self.enterprise,
            "key": self.key,
            "fields": list(self.fields),
            "missing": self.missing,
            "scope": self.scope,
            "threshold": self.threshold,
            "minManaged": self.min_managed,
            "maxCreates": self.max_creates,
            "managed": self.managed,
            "unchanged": self.unchanged,
            "complete": self.complete,
            "listingNote": self.listing_note,
            "notes": self.notes,
        }

    def _lists(self) -> tuple[tuple[str, Sequence[Change | Conflict]], ...]:
        return ("creates", self.creates), ("updates", self.updates), ("removals", self.removals), (
            "conflicts", self.conflicts
        )  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """A plan from `to_dict`'s data. Raises `ValueError` when it is not a saved plan."""
        if data.get("format") == 1:
            raise ValueError("a plan saved by an earlier version (format 1, made under the old defaults): plan again")
        if data.get("format") != PLAN_FORMAT:
            raise ValueError(f"not a saved plan of format {PLAN_FORMAT} (format: {data.get('format')!r})")
        try:
            plan = cls(
                data["key"],
                tuple(data["fields"]),
                data["missing"],
                data["scope"],
                threshold=float(data["threshold"]),
                min_managed=int(data["minManaged"]),
                max_creates=None if data.get("maxCreates") is None else int(data["maxCreates"]),
                managed=int(data["managed"]),
                unchanged=int(data["unchanged"]),
                complete=bool(data["complete"]),
                listing_note=data.get("listingNote"),
                notes=list(data.get("notes", [])),
                enterprise=data["enterprise"],
            )
            plan.creates = [Create.read(create) for create in data["creates"]]
            plan.updates = [Update.read(update) for update in data["updates"]]
            plan.removals = [Removal.read(removal) for removal in data["removals"]]
            plan.conflicts = [Conflict.read(conflict) for conflict in data["conflicts"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"the saved plan is damaged ({type(exc).__name__}: {exc})") from None
        return _whole(plan)

    def to_json(self) -> str:
        """The plan as `save` writes it: `to_dict`'s JSON, each change and conflict on a line of its own."""
        return "".join(self.json_lines())

    def json_lines(self) -> Iterator[str]:
        """`to_json`'s text, a change at a time (one a line): a big plan is saved or shown without being held a
        second time, as data and as text."""
        yield json.dumps(self._head(), indent=2, ensure_ascii=False).removesuffix("\n}")
        for name, changes in self._lists():
            yield f',\n  "{name}": ['
            for index, change in enumerate(changes):
                yield f"{',' if index else ''}\n    {json.dumps(change.saved(), ensure_ascii=False)}"
            yield "\n  ]" if changes else "]"
        yield "\n}\n"

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the plan as JSON, to apply later (`Plan.load`): readable by its owner only (it holds employees'
        names and addresses), never through a symbolic link at `path` (`OSError`); written a change at a time."""
        write_private(path, self.json_lines())

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


def _whole(plan: Plan) -> Plan:
    """A plan read back, unless what it says cannot be: `ValueError` naming what."""
    if plan.missing not in ("deactivate", "leave"):
        raise ValueError(f"the saved plan is damaged (missing: {plan.missing!r})")
    if plan.removals and not plan.scope:
        raise ValueError("the saved plan is damaged (deactivations without a scope)")
    return plan


def shown_value(name: str, value: Any) -> str:
    """A field's value in the plan's text: JSON, relations as `AGENT:<officeId>; ...`."""
    return shown(value) if name == RELATIONS else json.dumps(value, ensure_ascii=False)


def _notes(plan: Plan) -> list[str]:
    """What the plan's text ends with: an incomplete listing, a refusal, or that nothing changes."""
    notes = [f"Note: {note}." for note in plan.notes]
    if not plan.complete:
        notes.append(
            f"Note: the listing of employees kept changing while it was read ({plan.listing_note}); "
            "an employee added meanwhile may be missing from the deactivations. Plan again later."
        )
    if plan.refusal:
        notes.append(f"Refused without force: {plan.refusal}")
    if not plan.has_changes:
        left = f" ({len(plan.conflicts)} conflict(s) left alone, above)" if plan.conflicts else ""
        notes.append(f"No changes.{left}")
    return notes
