"""`apply_plan`: make exactly the reviewed changes, and none that Engage has moved past since.

With no conditional update in the API, each batch's targets are read right before they are written
and a change is written only while its target is what the plan saw (docs/provisioning.md, "Safety");
a target whose key or id cannot be read there makes a conflict ("Answers unlike the spec").
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TextIO

from .. import PexipEngage, errors
from .._base.answer_fields import Unread, json_field
from .._base.arguments import counted
from ._changes import Change, Create, Plan, Removal, Update
from ._lock import apply_lock
from ._plan import employee_id, lookup, same_value, shown_id, text_field, unsure_reason

# Changes whose targets are read together right before they are written.
BATCH = 10

Progress = Callable[[int, int], None]


class PlanRefusedError(ValueError):
    """The plan updates or removes more than its threshold allows; apply it with `force=True` if intended."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one change: `kind` create/update/deactivate, the key, the employee, why (`detail`).

    `correlation_id` names the request that did it or failed (None when nothing was sent).
    """

    kind: Literal["create", "update", "deactivate"]
    key: str
    employee_id: str | None
    detail: str = ""
    correlation_id: str | None = None
    error: BaseException | None = field(default=None, compare=False, repr=False)


@dataclass
class ApplyReport:
    """What `apply_plan` did, change by change.

    Attributes:
        created, updated, removed: Changes made.
        skipped: Changes already made (an earlier apply), with why.
        conflicts: Changes not made because their target changed in Engage since the plan.
        failed: Changes the API refused or that got no answer, with the error and its correlation id.
        not_attempted: Changes left after a failure when told to stop on the first one.
    """

    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    removed: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    conflicts: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    not_attempted: int = 0

    @property
    def ok(self) -> bool:
        """Nothing failed, conflicted or was left out."""
        return not (self.failed or self.conflicts or self.not_attempted)

    @property
    def changed(self) -> int:
        return len(self.created) + len(self.updated) + len(self.removed)

    def render(self) -> str:
        """The outcome, one line per change that was not simply done, after a summary."""
        lines = [
            f"Applied: {len(self.created)} created, {len(self.updated)} updated, {len(self.removed)} deactivated, "
            f"{len(self.skipped)} skipped, {len(self.conflicts)} conflict(s), {len(self.failed)} failed"
        ]
        lines += [f"= {outcome.key}  skipped: {outcome.detail}" for outcome in self.skipped]
        lines += [f"! {outcome.key}  conflict: {outcome.detail}" for outcome in self.conflicts]
        lines += [_failure_line(outcome) for outcome in self.failed]
        if self.not_attempted:
            lines.append(f"Stopped after a failure: {self.not_attempted} change(s) not attempted")
        return "\n".join(lines) + "\n"


def _failure_line(outcome: Outcome) -> str:
    """`x key  failed: why`, with the correlation id unless the error's message already names it."""
    named = outcome.correlation_id is None or outcome.correlation_id in outcome.detail
    return f"x {outcome.key}  failed: {outcome.detail}" + (
        "" if named else f" (correlation id {outcome.correlation_id})"
    )


async def apply_plan(
    engage: PexipEngage,
    plan: Plan,
    *,
    force: bool = False,
    concurrency: int = 4,
    stop_on_error: bool = False,
    progress: bool | Progress = False,
    lock: str | os.PathLike[str] | None = None,
) -> ApplyReport:
    """Make the plan's changes, re-checking each target first; returns what happened to each.

    Args:
        engage: The client to write with; its `Governor` (the documented limits by default) bounds the requests.
        plan: A plan from `plan_employees` (or `Plan.load`).
        force: Apply a plan that exceeds its safety threshold (`Plan.refusal`).
        concurrency: Batches worked on at once.
        stop_on_error: Stop at the first failed change (the rest are counted in `not_attempted`);
            by default every change is tried and the failures reported.
        progress: True for a progress bar on stderr, or a callable `(done, total)`.
        lock: Where the enterprise's apply lock lives, so that no other apply runs at the same time:
            a folder (a lock file there; `employees apply` uses the plan's folder) or, for applies on
            several machines, a Redis URL (`redis://host:6379/0`, `rediss://`, `unix:///path/to/redis.sock`)
            or a PostgreSQL one (`postgresql://`). None: no lock.

    Raises:
        PlanRefusedError: The plan exceeds its threshold and `force` is False.
        ApplyLockedError: Another apply of the enterprise holds the lock (its message says who).
        ValueError: `concurrency` is not a positive integer, or `lock` is neither a folder nor a Redis or
            PostgreSQL URL.
    """
    counted(concurrency, "concurrency")
    refusal = plan.refusal
    if refusal and not force:
        raise PlanRefusedError(f"{refusal} (apply with force=True if this is intended)")
    async with contextlib.nullcontext() if lock is None else apply_lock(engage.enterprise, lock):
        return await _apply(engage, plan, concurrency, stop_on_error, progress)


async def _apply(
    engage: PexipEngage, plan: Plan, concurrency: int, stop_on_error: bool, progress: bool | Progress
) -> ApplyReport:
    report = ApplyReport()
    changes = plan.changes
    batches = [changes[start : start + BATCH] for start in range(0, len(changes), BATCH)]
    pending = iter(batches)  # shared by the workers: each takes the next batch
    tick = _progress_callback(progress)
    done = 0
    stop = asyncio.Event()

    async def worker() -> None:
        nonlocal done
        for batch in pending:
            if stop.is_set():
                report.not_attempted += len(batch)
                return
            try:
                current = await lookup(engage, plan.key, [change.key for change in batch])
            except errors.PexipEngageError as exc:
                report.failed += [_failure(change, exc, "could not re-read the target") for change in batch]
                done += len(batch)
                tick(done, len(changes))
                if stop_on_error:
                    stop.set()
                continue
            for position, change in enumerate(batch):
                if stop.is_set():
                    report.not_attempted += len(batch) - position
                    break
                unsure = current.unsure.get(change.key)
                if unsure is not None:
                    report.conflicts.append(_outcome(change, None, unsure_reason(unsure, plan.key)))
                elif not await _apply_one(engage, change, current.by_key.get(change.key, []), report) and stop_on_error:
                    stop.set()
                done += 1
                tick(done, len(changes))

    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(batches)) or 1)))
    report.not_attempted += sum(len(batch) for batch in pending)
    if progress is True:
        sys.stderr.write("\n")
    return report


async def _apply_one(engage: PexipEngage, change: Change, current: list[dict[str, Any]], report: ApplyReport) -> bool:
    """Check one change against its target now, then make it; False when it failed."""
    if len(current) > 1:
        ids = ", ".join(shown_id(employee) for employee in current)
        report.conflicts.append(_outcome(change, None, f"{len(current)} employees now have this key ({ids})"))
        return True
    target = current[0] if current else None
    ident = employee_id(target) if target is not None else None
    if isinstance(ident, Unread):
        report.conflicts.append(
            _outcome(change, None, f"the employee with this key cannot be told: its {ident.describe()}")
        )
        return True
    try:
        await _KINDS[type(change)].make(engage, change, target, report)
    except errors.PexipEngageError as exc:
        report.failed.append(_failure(change, exc))
        return False
    return True


async def _create(engage: PexipEngage, change: Create, target: dict[str, Any] | None, report: ApplyReport) -> None:
    if target is None:
        response = await engage.employees.with_raw_response.create_employee(body=change.fields)
        created = json_field(response.http_response.json(), "/data/id", str, operation="createEmployee")
        if isinstance(created, Unread):  # created all the same: the report says so, with no id
            detail = f"created; its id cannot be read: {created.describe()}"
            report.created.append(_outcome(change, None, detail, response.correlation_id))
        else:
            report.created.append(_outcome(change, created, "", response.correlation_id))
    elif all(same_value(name, target.get(name), value) for name, value in change.fields.items() if name != "status"):
        report.skipped.append(_outcome(change, str(target["id"]), "already created"))
    else:
        report.conflicts.append(
            _outcome(change, str(target["id"]), "an employee with this key was created since the plan")
        )


async def _update(engage: PexipEngage, change: Update, target: dict[str, Any] | None, report: ApplyReport) -> None:
    if target is None:
        report.conflicts.append(_outcome(change, change.employee_id, "the employee no longer has this key"))
    elif str(target["id"]) != change.employee_id:
        report.conflicts.append(_outcome(change, str(target["id"]), f"the key now belongs to employee {target['id']}"))
    elif all(same_value(c.field, target.get(c.field), c.after) for c in change.changes):
        report.skipped.append(_outcome(change, change.employee_id, "already up to date"))
    elif moved := _moved_since_plan(change, target):
        report.conflicts.append(_outcome(change, change.employee_id, f"changed in Engage since the plan ({moved})"))
    else:
        body = {c.field: c.after for c in change.changes}
        response = await engage.employees.with_raw_response.update_employee_by_id(change.employee_id, body=body)
        report.updated.append(_outcome(change, change.employee_id, "", response.correlation_id))


def _moved_since_plan(change: Update, target: dict[str, Any]) -> str | None:
    """What of the target changed since the plan saw it: managed fields, else `updatedAt` (None: nothing)."""
    moved = [c.field for c in change.changes if not same_value(c.field, target.get(c.field), c.before)]
    if moved:
        return f"{', '.join(moved)} changed"
    if text_field(target, "updatedAt") != change.updated_at:
        return f"updatedAt {target.get('updatedAt')}, planned at {change.updated_at}"
    return None


async def _deactivate(engage: PexipEngage, change: Removal, target: dict[str, Any] | None, report: ApplyReport) -> None:
    if target is None or str(target["id"]) != change.employee_id:
        report.skipped.append(_outcome(change, change.employee_id, "no employee has this key any more"))
    elif (status := text_field(target, "status")) == "SUSPENDED":
        report.skipped.append(_outcome(change, change.employee_id, "already deactivated"))
    elif text_field(target, "updatedAt") != change.updated_at or status != change.status:
        report.conflicts.append(_outcome(change, change.employee_id, "changed in Engage since the plan"))
    else:
        response = await engage.employees.with_raw_response.update_employee_by_id(
            change.employee_id, body={"status": "SUSPENDED"}
        )
        report.removed.append(_outcome(change, change.employee_id, "", response.correlation_id))


class _Kind(NamedTuple):
    """A kind of change: its name in the report, and what makes it."""

    name: Literal["create", "update", "deactivate"]
    make: Callable[[PexipEngage, Any, dict[str, Any] | None, ApplyReport], Awaitable[None]]


_KINDS: dict[type, _Kind] = {
    Create: _Kind("create", _create),
    Update: _Kind("update", _update),
    Removal: _Kind("deactivate", _deactivate),
}


def _outcome(change: Change, employee_id: str | None, detail: str, correlation_id: str | None = None) -> Outcome:
    return Outcome(_KINDS[type(change)].name, change.key, employee_id, detail, correlation_id)


def _failure(change: Change, exc: errors.PexipEngageError, doing: str = "") -> Outcome:
    employee_id = None if isinstance(change, Create) else change.employee_id
    detail = f"{doing}: {exc}" if doing else str(exc)
    correlation_id = getattr(exc, "correlation_id", None)
    return Outcome(_KINDS[type(change)].name, change.key, employee_id, detail, correlation_id, exc)


def _progress_callback(progress: bool | Progress) -> Progress:
    if callable(progress):
        return progress
    if not progress:
        return lambda done, total: None
    started = time.monotonic()
    return lambda done, total: _print_progress_bar(sys.stderr, done, total, time.monotonic() - started)


def _print_progress_bar(stream: TextIO, done: int, total: int, elapsed: float) -> None:
    width = 30
    filled = width * done // max(total, 1)
    rate = done / elapsed if elapsed > 0 else 0.0
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} changes, {rate:.1f}/s")
    stream.flush()
