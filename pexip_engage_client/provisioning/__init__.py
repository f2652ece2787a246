"""Provisioning employees from a directory: plan, review, apply, safely, within a scope and the API's limits.

    from pexip_engage_client import PexipEngage
    from pexip_engage_client.provisioning import apply_plan, plan_employees

    async with PexipEngage("acme") as engage:  # within the documented limits: 4 in flight, 3,000 a minute
        plan = await plan_employees(engage, Path("branch-a.csv"), scope=["<branch A's office id>"],
                                    missing="deactivate")
        print(plan.render())            # + create, ~ update (field diffs), - deactivate, ! conflict
        report = await apply_plan(engage, plan, lock=".")

Employees are matched on a key (`externalId`), without regard to case or surrounding spaces as Engage
compares it; only the fields the directory gives (or `fields=`) are written, office relations among them.
A plan manages only what its scope selects (offices, key prefixes, a predicate, or `WHOLE_ENTERPRISE`,
said plainly), and deactivates no one unless asked to within one. The listing of Engage's employees is read
consistently or said not to be (`list_employees`), every planned change is confirmed by a direct read, a
plan touching more than 30% of at least 10 employees of its scope needs `force=True`, `apply_plan` writes a
change only while its target is still what the plan saw and reads it again after; with `lock=` (a folder,
a Redis or a PostgreSQL URL) one apply of an enterprise runs at a time. The same functions take a
`SyncPexipEngage`. Not imported by `import pexip_engage_client`.

From the command line: `pexip-engage employees plan` and `employees apply` (`pexip_engage_cli`).
"""

from .._shared.listing import Listing
from ._apply import ApplyInterruptedError, ApplyReport, Outcome, PlanRefusedError
from ._changes import Conflict, Create, FieldChange, Plan, Removal, Update
from ._input import DirectoryError, employees_in, parse_csv, parse_json, read_employees
from ._listing import read_consistently
from ._lock import ApplyLockedError
from ._public import apply_plan, list_employees, plan_employees
from ._scope import WHOLE_ENTERPRISE, Scope

__all__ = [
    "WHOLE_ENTERPRISE",
    "ApplyInterruptedError",
    "ApplyLockedError",
    "ApplyReport",
    "Conflict",
    "Create",
    "DirectoryError",
    "FieldChange",
    "Listing",
    "Outcome",
    "Plan",
    "PlanRefusedError",
    "Removal",
    "Scope",
    "Update",
    "apply_plan",
    "employees_in",
    "list_employees",
    "parse_csv",
    "parse_json",
    "plan_employees",
    "read_consistently",
    "read_employees",
]
