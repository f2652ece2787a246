"""Keep one branch's advisers in step with HR's export, without an event loop: plan, review, apply.

    python examples/provisioning_sync.py [hr-export.csv] [--office ID] [--apply]

HR's export keeps its own column names (`Personnel number`, `Mail`, ...): a column mapping reads it as it
is. Without a file it reads examples/bank/hr-export.csv and runs against the embedded fake API seeded with
the bank of examples/bank/seed.yaml (no network, no credentials), and applies. With PEXIP_ENGAGE_ENTERPRISE
(and credentials) set, it plans against the real API for the office given with --office (its id: see
docs/provisioning.md, "Finding an office's id") and applies only with --apply.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

BANK = Path(__file__).parent / "bank"
# --8<-- [start:columns]
# HR's columns, and the field of an employee each holds; None: not a field (left out).
COLUMNS = {
    "Personnel number": "externalId",
    "Mail": "email",
    "Given name": "firstName",
    "Surname": "lastName",
    "Roles": "availableRoles",
    "Offices": "officeRelations",
    "Department": None,
    "Start date": None,
}
# --8<-- [end:columns]


def connect(arguments: list[str]) -> tuple[SyncPexipEngage, str, bool]:
    """The real API when configured (applying only with --apply), else the fake holding the bank; and the office."""
    # The client keeps the API's limits (4 in flight, 3,000 a minute) and slows down after a 429 by itself.
    if os.environ.get("PEXIP_ENGAGE_ENTERPRISE"):
        if "--office" not in arguments:
            raise SystemExit("give the branch's office id: --office ID")
        return SyncPexipEngage(), arguments[arguments.index("--office") + 1], "--apply" in arguments
    fake = FakePexipEngage()
    fake.seed_file(BANK / "seed.yaml")
    return SyncPexipEngage("acme", token="demo", transport=fake), "branch-a", True


def main(export: Path, arguments: list[str]) -> None:
    engage, office, may_apply = connect(arguments)
    with engage, tempfile.TemporaryDirectory() as locks:
        # --8<-- [start:plan]
        plan = plan_employees(engage, export, columns=COLUMNS, scope=[office], missing="deactivate")  # a Plan
        print(plan.render())
        if not plan.has_changes or not may_apply:
            return
        report = apply_plan(engage, plan, force="--force" in arguments, lock=locks)  # its batches in threads
        print(report.render())
        again = plan_employees(engage, export, columns=COLUMNS, scope=[office], missing="deactivate")
        print("After the apply:", "nothing left to do" if not again.has_changes else again.render())
        # --8<-- [end:plan]


if __name__ == "__main__":
    given = [argument for argument in sys.argv[1:] if argument.endswith((".csv", ".json"))]
    main(Path(given[0]) if given else BANK / "hr-export.csv", sys.argv[1:])
