"""`apply_plan`: make exactly the reviewed changes, and none that Engage has moved past since, for the async
client (its sync twin works its batches in threads).

With no conditional update in the API, each batch's targets are read right before they are written and again
right after, so every change is confirmed by a read: a lost answer to a write that landed counts as made (never
sent again), an answered write not kept is a conflict (docs/provisioning.md, "Safety").
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Any, Literal, NamedTuple

from .. import PexipEngage, errors, lane
from .._base.answer_fields import Unread, json_field
from .._base.arguments import ArgumentError, counted
from .._base.is_async import is_async
from .._base.pickling import reduce_error
from .._leasing._lease import LeaseLostError, LeaseUnreachableError
from ._changes import Change, Create, Plan, Removal, Update, shown_value
from ._keys import folded
from ._lock import Confirm, apply_lock, unlocked
from ._plan import lookup
from ._progress import LOGGED, Progress, log, progress_callback
from ._reading import Found, employee_id, same_value, shown_id, text_field, unsure_reason

# Changes whose targets are read together right before they are written, and again right after.
BATCH = 10

# The list of `ApplyReport` a change's outcome goes to.
ReportList = Literal["created", "updated", "removed", "skipped", "conflicts", "failed"]
# A line in the log every so many changes, when the plan has more than LOGGED.
PROGRESS_EVERY = 1000


class PlanRefusedError(ValueError):
    """The plan changes more than its threshold allows (`Plan.refusal`); apply it with `force=True` if intended."""


class ApplyInterruptedError(Exception):
    """The apply was cancelled (Ctrl-C, a task cancelled) before its end: `report` says what was made, and counts in
    `not_attempted` the changes not made or not confirmed. Applying the same plan again completes it: each target is
    read first, and a change already made is skipped."""

    def __init__(self, message: str, report: ApplyReport) -> None:
        super().__init__(message)
        self.report = report

    __reduce__ = reduce_error  # (its `__init__` takes two arguments)


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
        created, updated, removed: Changes made, each confirmed by a read right after it.
        skipped: Changes already made (an earlier apply), with why.
        conflicts: Changes not made because their target changed in Engage since the plan, or made but not
            kept (the read right after shows otherwise).
        failed: Changes the API refused or that got no answer (and a read after shows not made), with the
            error and its correlation id.
        not_attempted: Changes left after a failure when told to stop on the first one, or after the lock was lost.
        stopped: Why the apply stopped before its end (None: it did not).
    """

    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    removed: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    conflicts: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    not_attempted: int = 0
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        """Nothing failed, conflicted or was left out."""
        return not (self.failed or self.conflicts or self.not_attempted)

    @property
    def changed(self) -> int:
        return len(self.created) + len(self.updated) + len(self.removed)

    @property
    def summary(self) -> str:
        """`3 created, 1 updated, ...`: the counts of `render`'s first line (and of the log's summary)."""
        left = f", {self.not_attempted} not attempted" if self.not_attempted else ""
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.removed)} deactivated, "
            f"{len(self.skipped)} skipped, {len(self.conflicts)} conflict(s), {len(self.failed)} failed{left}"
        )

    def render(self) -> str:
        """The outcome, one line per change that was not simply done, after a summary."""
        lines = [f"Applied: {self.summary}"]
        shown = (
            ("=", "skipped: ", self.skipped),
            ("!", "conflict: ", self.conflicts),
            ("+", "", self.created),
            ("~", "", self.updated),
            ("-", "", self.removed),
        )
        lines += [f"{sign} {o.key}  {said}{o.detail}" for sign, said, outcomes in shown for o in outcomes if o.detail]
        lines += [_failure_line(outcome) for outcome in self.failed]
        if self.not_attempted:
            why = self.stopped or "after a failure"
            lines.append(f"Stopped {why}: {self.not_attempted} change(s) not attempted")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (`employees apply -o json`): whether every change was made, the counts, why
        the apply stopped, and per employee the change the plan asked for and its outcome (`render`'s in full)."""
        filed = (("created", self.created), ("updated", self.updated), ("deactivated", self.removed),
                 ("skipped", self.skipped), ("conflict", self.conflicts), ("failed", self.failed))  # fmt: skip
        return {
            "ok": self.ok,
            "counts": {
                **{name: len(outcomes) for name, outcomes in filed},
                "notAttempted": self.not_attempted,
            },
            "stopped": self.stopped,
            "employees": [_outcome_dict(name, outcome) for name, outcomes in filed for outcome in outcomes],
        }


def _outcome_dict(outcome_name: str, outcome: Outcome) -> dict[str, Any]:
    """One employee's line of `ApplyReport.to_dict`: its key, the change asked for, what came of it, and why."""
    return {
        "key": outcome.key,
        "change": outcome.kind,
        "outcome": outcome_name,
        "employeeId": outcome.employee_id,
        "detail": outcome.detail or None,
        "correlationId": outcome.correlation_id,
    }


def _failure_line(outcome: Outcome) -> str:
    """`x key  failed: why`, with the correlation id unless the error's message already names it."""
    named = outcome.correlation_id is None or outcome.correlation_id in outcome.detail
    return f"x {outcome.key}  failed: {outcome.detail}" + (
        "" if named else f" (correlation id {outcome.correlation_id})"
    )


@dataclass(frozen=True)
class Run:
    """How an apply runs: batches worked on at once, whether it stops at the first failure, its progress."""

    concurrency: int
    stop_on_error: bool
    progress: bool | Progress


def refused(plan: Plan, force: bool, concurrency: int) -> None:
    """Raise what refuses an apply before anything is sent: a bad `concurrency`, a plan over its threshold."""
    counted(concurrency, "concurrency")
    if plan.refusal and not force:
        raise PlanRefusedError(f"{plan.refusal} (apply with force=True if this is intended)")


async def applied(engage: PexipEngage, plan: Plan, lock: str | os.PathLike[str] | None, run: Run) -> ApplyReport:
    """`apply_plan` for the async client, once `refused` passed (what it does: `_public.py`, said once)."""
    if plan.enterprise not in (None, engage.enterprise):  # its employees' ids and reads are another's
        raise ArgumentError.of("plan", f"was made for enterprise {plan.enterprise!r}, not {engage.enterprise!r}")
    if lock is None:
        return await _Apply(engage, plan, unlocked, run).run()
    async with apply_lock(engage.enterprise, lock) as confirm:
        return await _Apply(engage, plan, confirm, run).run()


class _Sent(NamedTuple):
    """A change whose request went out: where its outcome is filed unless the read after it says otherwise."""

    change: Change
    filed: ReportList
    outcome: Outcome


class _Apply:
    """One apply's batches, worked on by `concurrency` workers that share the report."""

    def __init__(self, engage: PexipEngage, plan: Plan, confirm: Confirm, run: Run) -> None:
        self.engage, self.plan, self.confirm, self.stop_on_error = engage, plan, confirm, run.stop_on_error
        self.concurrency = run.concurrency
        self.report = ApplyReport()
        self.total = len(plan.creates) + len(plan.updates) + len(plan.removals)
        self.pending = _batches(chain(plan.creates, plan.updates, plan.removals))  # (read back as they are worked on)
        self.guard = asyncio.Lock()  # the workers' next batch and count (a thread lock for the sync client)
        self.stop = asyncio.Event()
        self.done = 0
        self.progress, self.tick = run.progress, progress_callback(run.progress, "changes")

    async def run(self) -> ApplyReport:
        workers = min(self.concurrency, (self.total + BATCH - 1) // BATCH) or 1
        try:
            with lane("background"):  # an apply of thousands never in the way of a customer's call
                if is_async():
                    await asyncio.gather(*(self.work() for _ in range(workers)))
                else:  # each thread in a copy of this context, its lane with it
                    contexts = [copy_context() for _ in range(workers)]
                    with ThreadPoolExecutor(workers, thread_name_prefix="pexip-engage-apply") as pool:
                        try:  # (raises what a worker raised)
                            list(pool.map(lambda context: context.run(self.work), contexts))
                        except KeyboardInterrupt:
                            self.stop.set()  # the workers end with their batch, before the pool is waited for
                            raise
        except (asyncio.CancelledError, KeyboardInterrupt):
            self.report.stopped = "because it was interrupted; the next apply of the plan completes it"
            self.report.not_attempted = self.total - self.done
            raise ApplyInterruptedError(f"apply_plan interrupted: {self.report.summary}", self.report) from None
        finally:
            if self.progress is True:
                sys.stderr.write("\n")
            if self.total > LOGGED:
                log.info("employees applied: %s", self.report.summary)
        return self.report

    async def work(self) -> None:
        while True:
            async with self.guard:
                batch = next(self.pending, None)
                if batch is not None and self.stop.is_set():
                    self.report.not_attempted += len(batch)
                    continue
            if batch is None:
                return
            await self.batch(batch)

    async def batch(self, batch: list[Change]) -> None:
        """Read the batch's targets, make each change that still holds, then read them again to confirm."""
        try:
            current = await lookup(self.engage, self.plan.key, [s for change in batch for s in change.spellings])
        except errors.PexipEngageError as exc:
            await self.not_reread(batch, exc)
            return
        for confirmed in await self.confirmed(await self.made(batch, current)):
            await self.file(confirmed.change, confirmed.filed, confirmed.outcome)

    async def made(self, batch: list[Change], current: Found) -> list[_Sent]:
        """Each change of the batch made or filed, in order, until the apply stops; the ones sent."""
        sent = []
        for position, change in enumerate(batch):
            decided = None if self.stop.is_set() else await self.one(change, current)
            if decided is None:  # stopped: after a failure (stop_on_error), or the lock lost
                async with self.guard:
                    self.report.not_attempted += len(batch) - position
                break
            if isinstance(decided, _Sent):
                sent.append(decided)
            else:
                await self.file(change, *decided)
        return sent

    async def not_reread(self, batch: list[Change], error: errors.PexipEngageError) -> None:
        """Each change of a batch whose targets could not be read first: failed, nothing sent."""
        for change in batch:
            await self.file(change, "failed", _failure(change, error, "could not re-read the target"))
        if self.stop_on_error:
            self.stop.set()

    async def one(self, change: Change, current: Found) -> _Sent | tuple[ReportList, Outcome] | None:
        """Check one change against its target now, then make it (confirming the lock first; None: it was lost)."""
        decided = _checked(change, current, self.plan.key)
        if decided is not None:
            return decided
        try:
            await self.confirm()
        except (LeaseLostError, LeaseUnreachableError) as lost:
            async with self.guard:
                self.report.stopped = f"because the apply lock was lost ({lost}); nothing more was sent"
                self.stop.set()
            return None
        try:
            return await _KINDS[type(change)].make(self.engage, change)
        except errors.PexipEngageError as exc:
            if self.stop_on_error:
                self.stop.set()
            return _Sent(change, "failed", _failure(change, exc))

    async def confirmed(self, sent: list[_Sent]) -> list[_Sent]:
        """The sent changes, each filed as the read right after them shows: made, or not (a conflict, a failure)."""
        if not sent:
            return sent
        try:
            after = await lookup(self.engage, self.plan.key, [s for done in sent for s in done.change.spellings])
        except errors.PexipEngageError:
            return sent  # not confirmed either way: filed as answered (a rerun re-reads each)
        return [_as_read_after(done, after.by_key.get(folded(done.change.key), [])) for done in sent]

    async def file(self, change: Change, filed: ReportList, outcome: Outcome) -> None:
        async with self.guard:
            getattr(self.report, filed).append(outcome)
            self.done += 1
            self.tick(self.done, self.total)
            if self.done % PROGRESS_EVERY == 0:
                log.info("employees apply: %d of %d changes done", self.done, self.total)


def _batches(changes: Iterable[Change]) -> Iterator[list[Change]]:
    each = iter(changes)
    while batch := list(islice(each, BATCH)):
        yield batch


def _checked(change: Change, current: Found, key: str) -> tuple[ReportList, Outcome] | None:
    """Where a change is filed without a write, its target read right before (None: it is to be made)."""
    targets = current.by_key.get(folded(change.key), [])
    untold = _untold(current.unsure.get(folded(change.key)), targets, key)
    if untold is not None:
        return "conflicts", _outcome(change, None, untold)
    return _KINDS[type(change)].decide(change, targets[0] if targets else None)


def _untold(unsure: Unread | None, targets: list[dict[str, Any]], key: str) -> str | None:
    """Why a change's target cannot be told (None: it can, or there is none): a key or an id unread, a key shared."""
    if unsure is not None:
        return unsure_reason(unsure, key)
    if len(targets) > 1:
        return f"{len(targets)} employees now have this key ({', '.join(shown_id(target) for target in targets)})"
    ident = employee_id(targets[0]) if targets else None
    return f"the employee with this key cannot be told: its {ident.describe()}" if isinstance(ident, Unread) else None


def _as_read_after(sent: _Sent, targets: list[dict[str, Any]]) -> _Sent:
    """Where a sent change is filed once a read after it shows `targets` (the employees with its key)."""
    target, differs = _read_after(sent, targets)
    if sent.filed == "failed" and differs is None:
        return _made_after_all(sent, target)
    if sent.filed == "failed" or differs is None:
        return sent
    detail = f"written, but a read right after it shows {differs}"
    return sent._replace(filed="conflicts", outcome=replace(sent.outcome, detail=detail))


def _read_after(sent: _Sent, targets: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, str | None]:
    """The change's target among `targets`, and how it differs from the plan (None: it holds what was planned)."""
    ident = sent.outcome.employee_id  # the created one's, the updated one's; None for a create whose answer was lost
    candidates = [target for target in targets if ident is None or shown_id(target) == ident]
    if len(candidates) > 1:
        return None, f"{len(candidates)} employees with this key"
    target = candidates[0] if candidates else None
    return target, _differences(target, sent.change.planned)


def _made_after_all(sent: _Sent, target: dict[str, Any] | None) -> _Sent:
    """A change whose request failed, and which a read after it shows made: its answer was lost."""
    detail = f"its answer was lost ({sent.outcome.detail}); a read right after it shows it made"
    ident = shown_id(target) if target is not None else sent.outcome.employee_id
    made = Outcome(sent.outcome.kind, sent.outcome.key, ident, detail, sent.outcome.correlation_id)
    return _Sent(sent.change, _KINDS[type(sent.change)].made, made)


# --- Each kind of change: whether it is still to make (decide), making it, and what a read after it shows ------


def _decide_create(change: Create, target: dict[str, Any] | None) -> tuple[ReportList, Outcome] | None:
    if target is None:
        return None
    if _differences(target, change.planned) is None:
        return "skipped", _outcome(change, shown_id(target), "already created")
    return "conflicts", _outcome(change, shown_id(target), "an employee with this key was created since the plan")


async def _create(engage: PexipEngage, change: Create) -> _Sent:
    response = await engage.employees.with_raw_response.create_employee(body=change.fields)
    created = json_field(response.http_response.json(), "/data/id", str, operation="createEmployee")
    if isinstance(created, Unread):  # created all the same: the report says so, with no id
        detail = f"created; its id cannot be read: {created.describe()}"
        return _Sent(change, "created", _outcome(change, None, detail, response.correlation_id))
    return _Sent(change, "created", _outcome(change, created, "", response.correlation_id))


def _decide_update(change: Update, target: dict[str, Any] | None) -> tuple[ReportList, Outcome] | None:
    if target is None:
        return "conflicts", _outcome(change, change.employee_id, "the employee no longer has this key")
    if shown_id(target) != change.employee_id:
        return "conflicts", _outcome(change, shown_id(target), f"the key now belongs to employee {shown_id(target)}")
    if _differences(target, change.planned) is None:
        return "skipped", _outcome(change, change.employee_id, "already up to date")
    if moved := _moved_since_plan(change, target):
        return "conflicts", _outcome(change, change.employee_id, f"changed in Engage since the plan ({moved})")
    return None


async def _update(engage: PexipEngage, change: Update) -> _Sent:
    body = {c.field: c.after for c in change.changes}
    response = await engage.employees.with_raw_response.update_employee_by_id(change.employee_id, body=body)
    return _Sent(change, "updated", _outcome(change, change.employee_id, "", response.correlation_id))


def _moved_since_plan(change: Update, target: dict[str, Any]) -> str | None:
    """What of the target changed since the plan saw it: managed fields, else `updatedAt` (None: nothing)."""
    moved = [c.field for c in change.changes if not same_value(c.field, target.get(c.field), c.before)]
    if moved:
        return f"{', '.join(moved)} changed"
    if text_field(target, "updatedAt") != change.updated_at:
        return f"updatedAt {target.get('updatedAt')}, planned at {change.updated_at}"
    return None


def _decide_removal(change: Removal, target: dict[str, Any] | None) -> tuple[ReportList, Outcome] | None:
    if target is None or shown_id(target) != change.employee_id:
        return "skipped", _outcome(change, change.employee_id, "no employee has this key any more")
    status = text_field(target, "status")
    if status == "SUSPENDED":
        return "skipped", _outcome(change, change.employee_id, "already deactivated")
    if text_field(target, "updatedAt") != change.updated_at or status != change.status:
        return "conflicts", _outcome(change, change.employee_id, "changed in Engage since the plan")
    return None


async def _deactivate(engage: PexipEngage, change: Removal) -> _Sent:
    response = await engage.employees.with_raw_response.update_employee_by_id(
        change.employee_id, body={"status": "SUSPENDED"}
    )
    return _Sent(change, "removed", _outcome(change, change.employee_id, "", response.correlation_id))


def _differences(target: dict[str, Any] | None, wanted: tuple[tuple[str, Any], ...]) -> str | None:
    """`field value (planned value), ...` for each field of `wanted` the target does not hold (None: it holds all)."""
    if target is None:
        return "no employee with this key"
    differ = [
        f"{name} {shown_value(name, target.get(name))} (planned {shown_value(name, value)})"
        for name, value in wanted
        if not same_value(name, target.get(name), value)
    ]
    return ", ".join(differ) or None


class _Kind(NamedTuple):
    """A kind of change: its name in the report, where it is filed once made, whether it is still to make
    (where it is filed otherwise), and what makes it."""

    name: Literal["create", "update", "deactivate"]
    made: ReportList
    decide: Callable[[Any, dict[str, Any] | None], tuple[ReportList, Outcome] | None]
    make: Callable[[PexipEngage, Any], Awaitable[_Sent]]


_KINDS: dict[type, _Kind] = {
    Create: _Kind("create", "created", _decide_create, _create),
    Update: _Kind("update", "updated", _decide_update, _update),
    Removal: _Kind("deactivate", "removed", _decide_removal, _deactivate),
}


def _outcome(change: Change, employee_id: str | None, detail: str, correlation_id: str | None = None) -> Outcome:
    return Outcome(_KINDS[type(change)].name, change.key, employee_id, detail, correlation_id)


def _failure(change: Change, exc: errors.PexipEngageError, doing: str = "") -> Outcome:
    employee_id = None if isinstance(change, Create) else change.employee_id
    detail = f"{doing}: {exc}" if doing else str(exc)
    correlation_id = getattr(exc, "correlation_id", None)
    return Outcome(_KINDS[type(change)].name, change.key, employee_id, detail, correlation_id, exc)
