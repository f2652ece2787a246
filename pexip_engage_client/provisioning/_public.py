"""The functions of provisioning that talk to Engage, each taking either client: given a `PexipEngage` it returns
a coroutine to await, given a `SyncPexipEngage` its result.

Each runs its async module (`_plan.py`, `_apply.py`, `_listing.py`) or that module's sync twin in `_sync/`,
generated from it by scripts/generate/async_to_sync.py (CONTRIBUTING.md, "Sync code"): one source, two clients.
"""

from __future__ import annotations

import os
from collections.abc import Coroutine, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from .. import PexipEngage
from .._base.arguments import ArgumentError
from .._shared.listing import Listing
from . import _apply, _listing, _plan
from ._apply import ApplyReport, Run, refused
from ._changes import Missing, Plan
from ._decisions import Desired, directory, managed_fields, new_plan, settings
from ._input import Columns, Values
from ._progress import Progress
from ._scope import ScopeLike

if TYPE_CHECKING:
    from .. import SyncPexipEngage


@overload
def plan_employees(
    engage: PexipEngage,
    desired: Desired,
    *,
    key: str = "externalId",
    scope: ScopeLike | None = None,
    missing: Missing | Literal["delete"] = "leave",
    fields: Sequence[str] | None = None,
    columns: Columns | None = None,
    values: Values | None = None,
    delimiter: str | None = None,
    threshold: float = 0.3,
    min_managed: int = 10,
    max_creates: int | None = None,
    page_size: int = 100,
    progress: bool | Progress = False,
) -> Coroutine[Any, Any, Plan]: ...


@overload
def plan_employees(
    engage: SyncPexipEngage,
    desired: Desired,
    *,
    key: str = "externalId",
    scope: ScopeLike | None = None,
    missing: Missing | Literal["delete"] = "leave",
    fields: Sequence[str] | None = None,
    columns: Columns | None = None,
    values: Values | None = None,
    delimiter: str | None = None,
    threshold: float = 0.3,
    min_managed: int = 10,
    max_creates: int | None = None,
    page_size: int = 100,
    progress: bool | Progress = False,
) -> Plan: ...


def plan_employees(
    engage: PexipEngage | SyncPexipEngage,
    desired: Desired,
    *,
    key: str = "externalId",
    scope: ScopeLike | None = None,
    missing: Missing | Literal["delete"] = "leave",
    fields: Sequence[str] | None = None,
    columns: Columns | None = None,
    values: Values | None = None,
    delimiter: str | None = None,
    threshold: float = 0.3,
    min_managed: int = 10,
    max_creates: int | None = None,
    page_size: int = 100,
    progress: bool | Progress = False,
) -> Coroutine[Any, Any, Plan] | Plan:
    """Plan the changes that make Engage's employees, within `scope`, what `desired` says; nothing is written.

    With a `PexipEngage`, await it (`plan = await plan_employees(engage, ...)`); with a `SyncPexipEngage`
    it returns the plan.

    Args:
        engage: The client to read with.
        desired: The directory: mappings in wire form (`{"externalId": ..., "firstName": ...}`),
            `models.EmployeeCreate` records, or the path of a CSV or JSON file (`read_employees`): a `Path`, or a
            `str` ending in `.csv` or `.json` (a str of several lines, a file's text, is refused: `parse_csv`).
        key: The field that identifies an employee in both: `externalId` (or `email`, `username`), compared
            without regard to case or surrounding spaces, as Engage compares it.
        scope: The employees the plan manages, and so the only ones it changes or deactivates: office ids
            (a list), a predicate over the live employee in wire form, a `Scope`, or `WHOLE_ENTERPRISE`.
            None: every employee the directory names may be updated, and no one is deactivated.
        missing: Employees of the scope whose key the directory does not have: "leave" (the default) or
            "deactivate" (status SUSPENDED), which needs a `scope`. The API documents no way to delete one.
        fields: The fields to manage (never any other); by default every field the directory gives.
        columns: The directory's column names mapped to the fields they hold (None leaves one out), for an
            export used as it is: `{"Personnel number": "externalId", "Mail": "email", "Department": None}`.
        values: Values of the directory replaced before they are read, by column (as the directory names it):
            `{"Kantoor": {"Gent": "AGENT:office-9"}}` (a value the mapping lacks is kept), a function of the
            value in place of a column's mapping, or one function of (column, value) for every column.
        delimiter: A CSV file's delimiter; by default the one of `,`, `;` and tab its header line holds most of.
        threshold: The share of the scope's employees a plan may update or remove without `force`, and the
            share of them it may create.
        min_managed: Below this many employees in the scope the threshold does not apply.
        max_creates: The employees a plan may create without `force`, in place of the threshold's share.
        page_size: Employees per page of the listing.
        progress: True for a progress bar on stderr as the directory's keys are read, or a callable `(done, total)`.

    Raises:
        DirectoryError: The directory cannot be read as one (no employee, no key column, columns that are
            no field, rows mostly invalid); nothing was read from Engage.
        OSError: `desired` names a file that cannot be read.
        ValueError: An argument is invalid (`desired`, `engage`, `key`, `scope`, `missing`, `fields`, `columns`,
            `values`, `delimiter`, `threshold`, `max_creates`), each named (an `ArgumentError`); or, once Engage's
            employees are listed, none of the directory's rows is in the scope (the wrong file, an office's name
            given for its id).
        pexip_engage_client.errors.PexipEngageError: A read failed.
    """
    checked = settings(key, scope, missing, threshold, min_managed=min_managed, max_creates=max_creates)
    rows = directory(desired, key, columns, delimiter, values)
    plan = new_plan(checked, managed_fields(rows.names, fields, key), rows.spill)
    if isinstance(engage, PexipEngage):
        return _plan.planned(engage, plan, checked, rows, page_size=page_size, progress=progress)
    from ._sync import _plan as sync_plan  # noqa: PLC0415 - the sync twins load with the sync client only

    return sync_plan.planned(_sync_client(engage), plan, checked, rows, page_size=page_size, progress=progress)


@overload
def apply_plan(
    engage: PexipEngage,
    plan: Plan,
    *,
    force: bool = False,
    concurrency: int = 4,
    stop_on_error: bool = False,
    progress: bool | Progress = False,
    lock: str | os.PathLike[str] | None = None,
) -> Coroutine[Any, Any, ApplyReport]: ...


@overload
def apply_plan(
    engage: SyncPexipEngage,
    plan: Plan,
    *,
    force: bool = False,
    concurrency: int = 4,
    stop_on_error: bool = False,
    progress: bool | Progress = False,
    lock: str | os.PathLike[str] | None = None,
) -> ApplyReport: ...


def apply_plan(
    engage: PexipEngage | SyncPexipEngage,
    plan: Plan,
    *,
    force: bool = False,
    concurrency: int = 4,
    stop_on_error: bool = False,
    progress: bool | Progress = False,
    lock: str | os.PathLike[str] | None = None,
) -> Coroutine[Any, Any, ApplyReport] | ApplyReport:
    """Make the plan's changes, re-checking each target first and reading it again after; returns what happened.

    With a `PexipEngage`, await it; with a `SyncPexipEngage` it returns the report (its batches worked on in
    threads).

    Args:
        engage: The client to write with; its governor (the documented limits by default) bounds the requests.
        plan: A plan from `plan_employees` (or `Plan.load`).
        force: Apply a plan that exceeds its safety threshold (`Plan.refusal`).
        concurrency: Batches worked on at once.
        stop_on_error: Stop at the first failed change (the rest are counted in `not_attempted`);
            by default every change is tried and the failures reported.
        progress: True for a progress bar on stderr, or a callable `(done, total)`.
        lock: Where the enterprise's apply lock lives, so that no other apply runs at the same time:
            a folder (a lock file there; `employees apply` uses the plan's folder) or, for applies on
            several machines, a Redis URL (`redis://host:6379/0`, `rediss://`, `unix:///path/to/redis.sock`)
            or a PostgreSQL one (`postgresql://`). None: no lock. The lock is confirmed right before each
            write: once lost, nothing more is sent (`ApplyReport.stopped` says why).

    Raises:
        PlanRefusedError: The plan exceeds its threshold and `force` is False.
        ApplyLockedError: Another apply of the enterprise holds the lock (its message says who).
        ValueError: `engage` is neither client, `concurrency` is not a positive integer, `lock` is neither
            a folder nor a Redis or PostgreSQL URL, or the plan was made for another enterprise than `engage`'s.
    """
    refused(plan, force, concurrency)
    run = Run(concurrency, stop_on_error, progress)
    if isinstance(engage, PexipEngage):
        return _apply.applied(engage, plan, lock, run)
    from ._sync import _apply as sync_apply  # noqa: PLC0415

    return sync_apply.applied(_sync_client(engage), plan, lock, run)


@overload
def list_employees(
    engage: PexipEngage, *, page_size: int = 100, overlap: int = 1, attempts: int = 10
) -> Coroutine[Any, Any, Listing[dict[str, Any]]]: ...


@overload
def list_employees(
    engage: SyncPexipEngage, *, page_size: int = 100, overlap: int = 1, attempts: int = 10
) -> Listing[dict[str, Any]]: ...


def list_employees(
    engage: PexipEngage | SyncPexipEngage, *, page_size: int = 100, overlap: int = 1, attempts: int = 10
) -> Coroutine[Any, Any, Listing[dict[str, Any]]] | Listing[dict[str, Any]]:
    """Every employee, read consistently (see `read_consistently`), as JSON objects in wire form.

    With a `PexipEngage`, await it; with a `SyncPexipEngage` it returns the listing.
    """
    if isinstance(engage, PexipEngage):
        return _listing.list_employees(engage, page_size=page_size, overlap=overlap, attempts=attempts)
    from ._sync import _listing as sync_listing  # noqa: PLC0415

    return sync_listing.list_employees(_sync_client(engage), page_size=page_size, overlap=overlap, attempts=attempts)


def _sync_client(engage: object) -> SyncPexipEngage:
    """`engage`, when it is the sync client (it is not the async one); `ArgumentError` naming `engage` when not."""
    from .. import SyncPexipEngage  # noqa: PLC0415 - loaded when given one

    if isinstance(engage, SyncPexipEngage):
        return engage
    raise ArgumentError.of("engage", f"must be a PexipEngage or a SyncPexipEngage (got {type(engage).__name__})")
