"""Provisioning one branch of a bank from HR's export: scoped to its office, planned, reviewed, applied.

Runs offline against the fake API seeded with the bank of examples/bank/seed.yaml: branch A's four
advisers and branch B's three. HR's export of branch A (examples/bank/branch-a.csv) has one adviser
renamed, one made office manager, one gone and one new, and writes Ann's email with capitals. The plan
is scoped to branch A's office, so nothing of branch B can change; the rerun plans nothing. The client
is configured from the environment, as a provisioning job usually is; `transport=fake` sends its
requests to the fake. The same loop without an event loop, from HR's own columns: examples/provisioning_sync.py.
"""

import asyncio
import os
import tempfile
from pathlib import Path

# --8<-- [start:imports]
from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage

BANK = Path(__file__).parent / "bank"


async def main(locks: str) -> None:
    fake = FakePexipEngage()
    fake.seed_file(BANK / "seed.yaml")
    export = BANK / "branch-a.csv"
    os.environ.update({"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_TOKEN": "my-token"})

    # --8<-- [start:plan]
    async with PexipEngage(transport=fake) as engage:
        plan = await plan_employees(
            engage,
            export,
            scope=["branch-a"],  # branch A's office: no employee outside it is changed
            missing="deactivate",  # branch A's advisers missing from the export are deactivated
        )
        print(plan.render())  # review it: + create, ~ update, - deactivate, ! conflict
        if plan.refusal is None:  # over 30% of the scope changed: look at the export before forcing
            report = await apply_plan(engage, plan, lock=locks)  # one apply of the enterprise at a time
            print(report.render())
        again = await plan_employees(engage, export, scope=["branch-a"], missing="deactivate")
        print(again.render())  # No changes.
    # --8<-- [end:plan]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:  # where the apply lock's file lives
        asyncio.run(main(folder))
