"""A plan as text for review, and as JSON to save and apply later."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._plan import PLAN_FORMAT, Conflict, Create, FieldChange, Plan, Removal, Update

if TYPE_CHECKING:
    from ._apply import ApplyReport


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_text(plan: Plan) -> str:
    """`+` create, `~` update (field: before -> after), `-` deactivate, `!` conflict; a summary first."""
    lines = [
        f"Plan: {len(plan.creates)} to create, {len(plan.updates)} to update, "
        f"{len(plan.removals)} to deactivate, {len(plan.conflicts)} conflict(s); "
        f"{plan.unchanged} unchanged, {plan.managed} managed employees (key {plan.key}, "
        f"fields {', '.join(plan.fields) or 'none'})"
    ]
    for create in plan.creates:
        lines.append(f"+ {create.key}  (row {create.row})")
        lines += [f"    {name}: {_value(value)}" for name, value in create.fields.items() if name != plan.key]
    for update in plan.updates:
        lines.append(f"~ {update.key}  (employee {update.employee_id}, row {update.row})")
        lines += [f"    {change.field}: {_value(change.before)} -> {_value(change.after)}" for change in update.changes]
    for removal in plan.removals:
        lines.append(f"- {removal.key}  (employee {removal.employee_id}): deactivate")
        lines.append(f'    status: {_value(removal.status)} -> "SUSPENDED"')
    for conflict in plan.conflicts:
        where = ", ".join(
            [*(f"row {row}" for row in conflict.rows), *(f"employee {ident}" for ident in conflict.employee_ids)]
        )
        lines.append(f"! {conflict.key or '(no key)'}  {conflict.reason}" + (f" ({where})" if where else ""))
    if not plan.complete:
        lines.append(
            f"Note: the listing of employees kept changing while it was read ({plan.listing_note}); "
            "an employee added meanwhile may be missing from the deactivations. Plan again later."
        )
    refusal = plan.refusal
    if refusal:
        lines.append(f"Refused without force: {refusal}")
    if not plan.has_changes:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "format": PLAN_FORMAT,
        "key": plan.key,
        "fields": list(plan.fields),
        "missing": plan.missing,
        "threshold": plan.threshold,
        "minManaged": plan.min_managed,
        "managed": plan.managed,
        "unchanged": plan.unchanged,
        "complete": plan.complete,
        "listingNote": plan.listing_note,
        "creates": [{"key": c.key, "row": c.row, "fields": c.fields} for c in plan.creates],
        "updates": [
            {
                "key": u.key,
                "row": u.row,
                "employeeId": u.employee_id,
                "updatedAt": u.updated_at,
                "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in u.changes],
            }
            for u in plan.updates
        ],
        "removals": [
            {"key": r.key, "employeeId": r.employee_id, "updatedAt": r.updated_at, "status": r.status}
            for r in plan.removals
        ],
        "conflicts": [
            {"key": c.key, "reason": c.reason, "rows": list(c.rows), "employeeIds": list(c.employee_ids)}
            for c in plan.conflicts
        ],
    }


def plan_from_dict(data: Mapping[str, Any]) -> Plan:
    if data.get("format") != PLAN_FORMAT:
        raise ValueError(f"not a saved plan of format {PLAN_FORMAT} (format: {data.get('format')!r})")
    try:
        plan = Plan(
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


def render_report(report: ApplyReport) -> str:
    """An apply's outcome, one line per change that was not simply done, and a summary."""
    lines = [
        f"Applied: {len(report.created)} created, {len(report.updated)} updated, {len(report.removed)} deactivated, "
        f"{len(report.skipped)} skipped, {len(report.conflicts)} conflict(s), {len(report.failed)} failed"
    ]
    lines += [f"= {outcome.key}  skipped: {outcome.detail}" for outcome in report.skipped]
    lines += [f"! {outcome.key}  conflict: {outcome.detail}" for outcome in report.conflicts]
    for outcome in report.failed:
        named = outcome.correlation_id is None or outcome.correlation_id in outcome.detail
        lines.append(
            f"x {outcome.key}  failed: {outcome.detail}"
            + ("" if named else f" (correlation id {outcome.correlation_id})")
        )
    if report.not_attempted:
        lines.append(f"Stopped after a failure: {report.not_attempted} change(s) not attempted")
    return "\n".join(lines) + "\n"
