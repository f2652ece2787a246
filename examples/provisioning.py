"""Provisioning employees from a directory export: plan against the live data, review, apply.

Runs offline against the fake API, which already holds three employees: in the export one is
renamed, one has left, one is new. The client is configured from the environment, as a
provisioning job usually is; `transport=fake` sends its requests to the fake. The complete script,
with a review step and a switch to the real API, is examples/provisioning_sync.py.
"""

import asyncio
import contextlib
import os
import tempfile

# --8<-- [start:imports]
from pathlib import Path

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees

# --8<-- [end:imports]
from pexip_engage_client.testing import FakePexipEngage

EXPORT = """externalId,email,firstName,lastName,availableRoles
HR-001,ada@acme.test,Ada,Lovelace,AGENT
HR-002,grace@acme.test,Grace,Hopper-Murray,AGENT;OFFICE_MANAGER
HR-004,alan@acme.test,Alan,Turing,AGENT
"""


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_token("my-token")
    fake.add_employee(externalId="HR-001", email="ada@acme.test", firstName="Ada", lastName="Lovelace",
                      availableRoles=["AGENT"], status="ACTIVE")  # fmt: skip
    fake.add_employee(externalId="HR-002", email="grace@acme.test", firstName="Grace", lastName="Hopper",
                      availableRoles=["AGENT", "OFFICE_MANAGER"], status="ACTIVE")  # fmt: skip
    fake.add_employee(externalId="HR-003", email="edsger@acme.test", firstName="Edsger", lastName="Dijkstra",
                      availableRoles=["AGENT"], status="ACTIVE")  # fmt: skip
    os.environ.update({"PEXIP_ENGAGE_ENTERPRISE": "acme", "PEXIP_ENGAGE_TOKEN": "my-token"})

    # --8<-- [start:plan]
    # Against Engage the client keeps the API's limits (4 in flight, 3,000 a minute) by itself; the
    # in-memory fake (transport=fake) keeps none unless FakePexipEngage(limits=True), nor does the client then.
    async with PexipEngage(transport=fake) as engage:
        plan = await plan_employees(engage, Path("directory.csv"), missing="deactivate")
        print(plan.render())
        report = await apply_plan(engage, plan)
        print(report.render())
    # --8<-- [end:plan]


if __name__ == "__main__":
    # The export, directory.csv, in the working directory: here a temporary one.
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        Path("directory.csv").write_text(EXPORT, encoding="utf-8")
        asyncio.run(main())
