"""200 randomized runs: employees inserted and deleted while the plan reads the listing.

Each run seeds Engage, draws a directory, and lets a hook on the walk's pages insert and delete
employees (before and after the walk's position) while the plan is being made. Then, with the data
still: no removal the plan proposes is wrong, the plan matches the data as it now is (every create,
update and removal that data calls for, except removals of employees added during the walk), the
apply succeeds, and a new plan has nothing left but those late additions.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, apply_plan, plan_employees
from pexip_engage_client.testing import FakeEnterprise, FakePexipEngage

from ..support.employees import person

RUNS = 200
SEED = 32
FIELDS = ("email", "firstName", "lastName")
DIRECT_READS = {"external-id", "email", "username"}  # the filters of the plan's reads by key
# Anyone with a key the directory lacks may be deactivated.
WHOLE: dict[str, Any] = {"scope": WHOLE_ENTERPRISE, "missing": "deactivate"}


def expected_changes(employees: Mapping[str, dict[str, Any]], desired: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The keys to create and update, and the employee ids to deactivate, by the data as it is."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for employee in employees.values():
        if employee.get("externalId"):
            by_key.setdefault(employee["externalId"], []).append(employee)
    wanted = {record["externalId"]: record for record in desired}
    creates = {key for key in wanted if key not in by_key}
    updates = {
        key
        for key, record in wanted.items()
        if key in by_key
        and (
            any(by_key[key][0].get(name) != record[name] for name in FIELDS) or by_key[key][0]["status"] == "SUSPENDED"
        )
    }
    removals = {
        employee["id"]
        for key, same in by_key.items()
        if key not in wanted
        for employee in same
        if employee["status"] != "SUSPENDED"
    }
    return {"creates": creates, "updates": updates, "removals": removals}


async def one_run(run: int) -> tuple[int, bool]:
    """One randomized run; returns how many changes the hook made during the walk, and whether it was complete."""
    rng = random.Random(SEED * 10_000 + run)  # noqa: S311 - test data, not secrets
    fake = FakePexipEngage()
    count = rng.randint(8, 30)
    directory = []
    for index in range(count):
        draw = rng.random()
        if draw < 0.15:
            fake.add_employee(email=f"unmanaged{index}@acme.test")
            continue
        fake.add_employee(**person(index), status="SUSPENDED" if draw < 0.25 else "ACTIVE")
        if rng.random() < 0.75:
            directory.append(person(index, lastName="Renamed") if rng.random() < 0.2 else person(index))
    directory += [person(1000 + index) for index in range(rng.randint(0, 4))]
    wanted_keys = {record["externalId"] for record in directory}

    inserted: set[str] = set()
    budget = [rng.randint(0, 6)]
    allowed = budget[0]

    def churn(enterprise: FakeEnterprise, query: Mapping[str, Any]) -> None:
        if DIRECT_READS & query.keys() or budget[0] == 0 or rng.random() < 0.5:  # the listing's pages only
            return
        budget[0] -= 1
        employees = enterprise.items("/employees")
        position = rng.randint(0, len(employees))
        action = rng.random()
        if action < 0.45 and employees:
            enterprise.remove("/employees", rng.choice(list(employees)))
        elif action < 0.75:
            fresh = 5000 + len(inserted)
            inserted.add(enterprise.insert("/employees", position, **person(fresh), status="ACTIVE")["id"])
        elif action < 0.85:
            inserted.add(enterprise.insert("/employees", position, email=f"x{len(inserted)}@acme.test")["id"])
        else:  # a directory employee that Engage does not have yet
            present = {e.get("externalId") for e in employees.values()}
            absent = [record for record in directory if record["externalId"] not in present]
            if absent:
                record = rng.choice(absent)
                inserted.add(enterprise.insert("/employees", position, **record, status="ACTIVE")["id"])

    fake.before_list("getEmployees", churn)
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        plan = await plan_employees(engage, directory, threshold=1, page_size=rng.choice([3, 5, 8]), **WHOLE)
        fake.before_list("getEmployees", None)
        changed = allowed - budget[0]
        employees = fake.employees

        for removal in plan.removals:  # never a wrongful removal
            employee = employees.get(removal.employee_id)
            assert employee is not None, (run, removal)
            assert employee["externalId"] == removal.key, (run, removal)
            assert removal.key not in wanted_keys, (run, removal)
            assert employee["status"] != "SUSPENDED", (run, removal)

        expected = expected_changes(employees, directory)
        assert {c.key for c in plan.creates} == expected["creates"], run
        assert {u.key for u in plan.updates} == expected["updates"], run
        planned_removals = {r.employee_id for r in plan.removals}
        missed = expected["removals"] - planned_removals
        assert planned_removals <= expected["removals"], run
        assert missed <= inserted, run  # only employees that appeared during the walk
        assert plan.conflicts == [], run

        report = await apply_plan(engage, plan)
        assert report.ok, (run, report.render())
        again = await plan_employees(engage, directory, threshold=1, **WHOLE)
        assert (again.creates, again.updates, again.conflicts) == ([], [], []), run
        assert {r.employee_id for r in again.removals} == missed, run
    return changed, plan.complete


@pytest.mark.soak
@pytest.mark.timeout(600)  # about 100 s on its own, more on a busy machine
async def test_200_randomized_runs_with_inserts_and_deletes_during_the_walk() -> None:
    outcomes = [await one_run(run) for run in range(RUNS)]
    # The runs exercise what they claim to: many had their listing changed under the walk.
    assert sum(1 for changed, _ in outcomes if changed) > RUNS // 2
    assert sum(1 for _, complete in outcomes if complete) > RUNS * 0.9
