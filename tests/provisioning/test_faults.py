"""An apply meeting a lost answer, or killed in the middle, reruns to completion with nothing created twice
and no office relation written twice: as safe under faults as an ensure (docs/provisioning.md, "Safety").

A write whose answer is lost (the fake's `commit=True`: the effect lands, the answer is an error or a
dropped connection) is found made by the read right after it, and counted as made; a rerun of the plan finds
every change made and skips it. A real SIGKILL of an `employees apply` process mid-way leaves the rest to the
rerun, which reads each target first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import Plan, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN
from ..support.employees import adviser, seed_branch
from ..support.spec import ROOT
from ..support.waiting import wait_until

A, B = "branch-a", "branch-b"
WRITES = ("createEmployee", "updateEmployeeById")


def moves_and_newcomers(fake: FakePexipEngage, count: int) -> list[dict[str, Any]]:
    """Branch A's `count` advisers, each moved to office B in the export, and `count` newcomers for B."""
    directory = seed_branch(fake, A, count, "A")
    fake.add_office(id=B)
    moved = [{**record, "officeRelations": [{"role": "AGENT", "officeId": B}]} for record in directory]
    return moved + [adviser("N", index, B) for index in range(count)]


def writes_per_employee(fake: FakePexipEngage) -> tuple[Counter[str], Counter[str]]:
    """How many creates were sent per external id, and how many relation writes per employee id."""
    creates = Counter(str(call.json["externalId"]) for call in fake.calls_to("createEmployee"))
    relations = Counter(
        str(call.request.url.path).rsplit("/", 1)[1]
        for call in fake.calls_to("updateEmployeeById")
        if "officeRelations" in call.json
    )
    return creates, relations


def as_made(fake: FakePexipEngage, directory: list[dict[str, Any]]) -> None:
    """Engage holds each employee of the directory once, in the office the directory says."""
    by_key = Counter(employee.get("externalId") for employee in fake.employees.values())
    assert all(by_key[record["externalId"]] == 1 for record in directory), by_key
    offices = {e["externalId"]: [r["office"]["id"] for r in e["officeRelations"]] for e in fake.employees.values()}
    assert all(offices[record["externalId"]] == [B] for record in directory), offices


@pytest.mark.parametrize("fault", ["error", "disconnect"])
@pytest.mark.parametrize("operation", WRITES)
async def test_a_lost_answer_is_found_made_by_the_read_after_it_and_a_rerun_sends_nothing_again(
    engage: PexipEngage, fake: FakePexipEngage, fault: str, operation: str
) -> None:
    directory = moves_and_newcomers(fake, 3)
    plan = await plan_employees(engage, directory, scope=[A, B])
    assert (len(plan.creates), len(plan.updates)) == (3, 3)
    lost = {"status": 500} if fault == "error" else {"disconnect": True}
    fake.fail(operation, commit=True, times=2, **lost)

    report = await apply_plan(engage, plan, concurrency=1)

    assert (len(report.created), len(report.updated), report.failed, report.ok) == (3, 3, [], True)
    found = [o for o in [*report.created, *report.updated] if "its answer was lost" in o.detail]
    assert len(found) == 2
    assert all(o.detail.endswith("a read right after it shows it made") for o in found)
    assert "its answer was lost" in report.render()
    again = await apply_plan(engage, plan)
    assert (again.changed, len(again.skipped), again.ok) == (0, 6, True)
    creates, relations = writes_per_employee(fake)
    assert set(creates.values()) == {1}
    assert set(relations.values()) == {1}
    as_made(fake, directory)
    assert not (await plan_employees(engage, directory, scope=[A, B])).has_changes


@pytest.mark.parametrize("fault", ["error", "disconnect"])
async def test_a_move_into_the_scope_under_a_lost_answer_is_made_once_and_touches_no_one_else(
    engage: PexipEngage, fake: FakePexipEngage, fault: str
) -> None:
    # Branch B alone is the scope; two of branch A's five advisers move there. Each move is one update, its
    # answer lost after it landed: found made, never sent again, and A's other three never written.
    directory = seed_branch(fake, A, 5, "A")
    branch_b = seed_branch(fake, B, 2, "B")
    movers = [{**record, "officeRelations": [{"role": "AGENT", "officeId": B}]} for record in directory[:2]]
    export = [*branch_b, *movers]
    plan = await plan_employees(engage, export, scope=[B], missing="deactivate")
    assert ([u.key for u in plan.updates], plan.creates, plan.removals, plan.conflicts) == (
        ["A-000", "A-001"],
        [],
        [],
        [],
    )
    lost = {"status": 500} if fault == "error" else {"disconnect": True}
    fake.fail("updateEmployeeById", commit=True, times=2, **lost)

    report = await apply_plan(engage, plan, concurrency=1)
    assert (len(report.updated), report.failed, report.ok) == (2, [], True)
    assert all("its answer was lost" in outcome.detail for outcome in report.updated)
    rerun = await apply_plan(engage, plan)
    assert (len(rerun.skipped), rerun.updated) == (2, [])
    _, relations = writes_per_employee(fake)
    moved_ids = {e["id"] for e in fake.employees.values() if e["externalId"] in ("A-000", "A-001")}
    assert set(relations) == moved_ids
    assert set(relations.values()) == {1}
    stayed = [e for e in fake.employees.values() if e["externalId"] in ("A-002", "A-003", "A-004")]
    assert [[r["office"]["id"] for r in e["officeRelations"]] for e in stayed] == [[A]] * 3
    assert {e["status"] for e in fake.employees.values()} == {"ACTIVE"}
    assert not (await plan_employees(engage, export, scope=[B], missing="deactivate")).has_changes


async def test_a_write_refused_for_good_stays_a_failure(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = moves_and_newcomers(fake, 1)
    plan = await plan_employees(engage, directory, scope=[A, B])
    fake.fail("createEmployee", status=422, code="EMPLOYEE_EMAIL_ALREADY_IN_USE")
    report = await apply_plan(engage, plan)
    assert [(o.kind, o.key) for o in report.failed] == [("create", "N-000")]
    assert "EMPLOYEE_EMAIL_ALREADY_IN_USE" in report.failed[0].detail
    assert len(report.updated) == 1


@pytest.fixture
def served(fake: FakePexipEngage) -> Iterator[str]:
    with serve(fake) as root:
        yield root


def apply(root: str, plan: Path) -> subprocess.Popen[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
    env = {
        **variables,
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_ENTERPRISE": "acme",
        "PEXIP_ENGAGE_BASE_URL": root,
        "PEXIP_ENGAGE_TOKEN": TOKEN,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "employees", "apply", str(plan), "--concurrency", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
@pytest.mark.end_to_end
@pytest.mark.main_python_only
async def test_an_apply_killed_mid_way_reruns_to_completion_creating_and_moving_each_once(
    fake: FakePexipEngage, served: str, tmp_path: Path
) -> None:
    directory = moves_and_newcomers(fake, 10)
    async with PexipEngage("acme", token=TOKEN, base_url=served) as engage:
        plan = await plan_employees(engage, directory, scope=[A, B], threshold=1)  # the whole branch moves
    assert (len(plan.creates), len(plan.updates)) == (10, 10)
    saved = tmp_path / "plan.json"
    plan.save(saved)
    for operation in WRITES:  # each write lands at once, and its answer comes 0.3 s later
        fake.fail(operation, delay=0.3, commit=True, times=100)

    killed = apply(served, saved)
    wait_until(lambda: sum(len(fake.calls_to(operation)) for operation in WRITES) >= 7 or killed.poll() is not None, 60)
    assert killed.poll() is None, killed.communicate()
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    made_before = sum(len(fake.calls_to(operation)) for operation in WRITES)
    assert 7 <= made_before < 20  # killed in the middle

    rerun = apply(served, saved)
    out, err = rerun.communicate(timeout=120)
    assert (rerun.returncode, err) == (0, ""), out + err
    skipped = out.count("skipped: already created") + out.count("skipped: already up to date")
    assert skipped == made_before
    creates, relations = writes_per_employee(fake)
    assert sorted(creates) == sorted(record["externalId"] for record in directory[10:])
    assert set(creates.values()) == {1}  # none created twice
    assert len(relations) == 10
    assert set(relations.values()) == {1}  # no relation written twice
    as_made(fake, directory)
    assert Plan.load(saved) == plan
