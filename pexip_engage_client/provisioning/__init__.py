"""Provisioning employees from a directory: plan, review, apply, safely, within the API's limits.

    from pexip_engage_client import PexipEngage
    from pexip_engage_client.provisioning import apply_plan, plan_employees

    async with PexipEngage("acme") as engage:  # within the documented limits: 4 in flight, 3,000 a minute
        plan = await plan_employees(engage, Path("directory.csv"), missing="deactivate")
        print(plan.render())            # + create, ~ update (field diffs), - deactivate, ! conflict
        report = await apply_plan(engage, plan)

Employees are matched on a key (`externalId`); only the fields the directory gives (or `fields=`)
are written. The listing of Engage's employees is read consistently or said not to be
(`list_employees`), every planned change is confirmed by a direct read, a plan touching more than
30% of at least 10 managed employees needs `force=True`, and `apply_plan` writes a change only
while its target is still what the plan saw; with `lock=` (a folder, a Redis or a PostgreSQL URL) one apply of
an enterprise runs at a time. Not imported by `import pexip_engage_client`.

From the command line: `pexip-engage employees plan` and `employees apply` (`pexip_engage_cli`).
"""

from ._apply import ApplyReport, Outcome, PlanRefusedError, apply_plan
from ._changes import Conflict, Create, FieldChange, Plan, Removal, Update
from ._input import parse_csv, parse_json, read_employees
from ._listing import Listing, list_employees, read_consistently
from ._lock import ApplyLockedError
from ._plan import plan_employees

__all__ = [
    "ApplyLockedError",
    "ApplyReport",
    "Conflict",
    "Create",
    "FieldChange",
    "Listing",
    "Outcome",
    "Plan",
    "PlanRefusedError",
    "Removal",
    "Update",
    "apply_plan",
    "list_employees",
    "parse_csv",
    "parse_json",
    "plan_employees",
    "read_consistently",
    "read_employees",
]
