"""Keep Engage's employees in step with a directory export: plan, review, apply.

    python examples/provisioning_sync.py [directory.csv]

Without a file it writes a small export itself and runs against the embedded fake API (no network,
no credentials), where Engage already holds a few employees: one is renamed in the directory, one
has left it, one is new. With PEXIP_ENGAGE_ENTERPRISE (and credentials) set, it plans against the
real API and applies only with `--apply`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

EXPORT = """externalId,email,firstName,lastName,availableRoles
HR-001,ada@acme.test,Ada,Lovelace,AGENT
HR-002,grace@acme.test,Grace,Hopper-Murray,AGENT;OFFICE_MANAGER
HR-004,alan@acme.test,Alan,Turing,AGENT
"""


def connect() -> tuple[PexipEngage, bool]:
    """The real API when configured (applying only with --apply), else the fake with three employees."""
    # The client keeps the API's limits (4 in flight, 3,000 a minute) and slows down after a 429 by itself.
    if os.environ.get("PEXIP_ENGAGE_ENTERPRISE"):
        return PexipEngage(), "--apply" in sys.argv[1:]
    fake = FakePexipEngage()
    fake.add_employee(externalId="HR-001", email="ada@acme.test", firstName="Ada", lastName="Lovelace",
                      availableRoles=["AGENT"], status="ACTIVE")  # fmt: skip
    fake.add_employee(externalId="HR-002", email="grace@acme.test", firstName="Grace", lastName="Hopper",
                      availableRoles=["AGENT", "OFFICE_MANAGER"], status="ACTIVE")  # fmt: skip
    fake.add_employee(externalId="HR-003", email="edsger@acme.test", firstName="Edsger", lastName="Dijkstra",
                      availableRoles=["AGENT"], status="ACTIVE")  # fmt: skip
    return PexipEngage("acme", token="demo", transport=fake), True


async def main(export: Path) -> None:
    engage, may_apply = connect()
    async with engage:
        plan = await plan_employees(engage, export, missing="deactivate")
        print(plan.render())
        if not plan.has_changes or not may_apply:
            return
        report = await apply_plan(engage, plan, force="--force" in sys.argv[1:])
        print(report.render())
        again = await plan_employees(engage, export)
        print("After the apply:", "nothing left to do" if not again.has_changes else again.render())


if __name__ == "__main__":
    files = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    if files:
        asyncio.run(main(Path(files[0])))
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "directory.csv"
            path.write_text(EXPORT, encoding="utf-8")
            asyncio.run(main(path))
