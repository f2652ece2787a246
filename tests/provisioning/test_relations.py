"""Office relations managed: given in the API's input shape (`[{role, officeId}]`, or a CSV cell such as
`AGENT:<officeId>;OFFICE_MANAGER:<officeId>`), compared with the read shape (`[{role, office: {id}}]`), and
planned, shown, applied and confirmed by a read as any field; a move is one update, a rerun plans nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees, read_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import adviser, seed_branch

A, B = "branch-a", "branch-b"


def relations_of(fake: FakePexipEngage, external_id: str) -> list[dict[str, Any]]:
    [employee] = [e for e in fake.employees.values() if e.get("externalId") == external_id]
    return sorted(employee["officeRelations"], key=str)


async def test_a_row_in_the_api_s_input_shape_is_created_with_its_relations_and_a_rerun_plans_nothing(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    fake.add_office(id=A)
    fake.add_office(id=B)
    both = [{"role": "AGENT", "officeId": A}, {"role": "OFFICE_MANAGER", "officeId": B}]
    manager = adviser("A", 0, A, availableRoles=["AGENT", "OFFICE_MANAGER"], officeRelations=both)
    plan = await plan_employees(engage, [manager])
    assert plan.conflicts == []  # before: an invalid row
    [create] = plan.creates
    assert create.fields["officeRelations"] == [
        {"role": "AGENT", "officeId": A},
        {"role": "OFFICE_MANAGER", "officeId": B},
    ]
    assert "    officeRelations: AGENT:branch-a; OFFICE_MANAGER:branch-b" in plan.render()
    report = await apply_plan(engage, plan)
    assert (len(report.created), report.ok) == (1, True)
    assert relations_of(fake, "A-000") == [
        {"office": {"id": A}, "role": "AGENT"},
        {"office": {"id": B}, "role": "OFFICE_MANAGER"},
    ]
    again = await plan_employees(engage, [manager])
    assert (again.has_changes, again.unchanged) == (False, 1)


async def test_a_move_from_one_office_to_another_is_one_update_applied_once(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed_branch(fake, A, 3, "A")
    fake.add_office(id=B)
    moved = {**directory[1], "officeRelations": [{"role": "AGENT", "officeId": B}]}
    desired = [directory[0], moved, directory[2]]

    plan = await plan_employees(engage, desired, scope=[A, B], missing="deactivate")
    [update] = plan.updates
    assert [(c.field, c.before, c.after) for c in update.changes] == [
        ("officeRelations", [{"role": "AGENT", "officeId": A}], [{"role": "AGENT", "officeId": B}])
    ]
    assert "    officeRelations: AGENT:branch-a -> AGENT:branch-b" in plan.render()
    assert (plan.creates, plan.removals) == ([], [])

    fake.calls.clear()
    report = await apply_plan(engage, plan)
    assert (len(report.updated), report.ok) == (1, True)
    assert [call.json for call in fake.calls_to("updateEmployeeById")] == [
        {"officeRelations": [{"role": "AGENT", "officeId": B}]}
    ]
    assert relations_of(fake, "A-001") == [{"office": {"id": B}, "role": "AGENT"}]
    assert not (await plan_employees(engage, desired, scope=[A, B], missing="deactivate")).has_changes


async def test_relations_in_a_csv_column_and_in_the_read_shape(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    [record] = seed_branch(fake, A, 1, "A")
    fake.add_office(id=B)
    path = tmp_path / "directory.csv"
    path.write_text(
        "externalId,email,firstName,lastName,availableRoles,officeRelations\n"
        f"A-000,{record['email']},Adviser0,OfA,AGENT;OFFICE_MANAGER, agent:{A} ; OFFICE_MANAGER:{B}\n",
        encoding="utf-8",
    )
    [read] = read_employees(path)
    assert read["officeRelations"] == f"agent:{A} ; OFFICE_MANAGER:{B}"  # read as written; checked when planned
    plan = await plan_employees(engage, path)
    [update] = plan.updates
    assert {c.field: c.after for c in update.changes}["officeRelations"] == [
        {"role": "AGENT", "officeId": A},
        {"role": "OFFICE_MANAGER", "officeId": B},
    ]
    # Engage's own read shape, as a JSON export of employees has it, is the same relations.
    as_read = {**record, "officeRelations": [{"role": "AGENT", "office": {"id": A}}]}
    assert not (await plan_employees(engage, [as_read])).has_changes


@pytest.mark.parametrize(
    ("relations", "reason"),
    [
        (
            [{"role": "PILOT", "officeId": A}],
            "officeRelations[1] role must be one of AGENT, OFFICE_MANAGER (got 'PILOT')",
        ),
        ([{"role": "AGENT"}], "officeRelations[1] needs an office id (officeId, or office.id)"),
        ([{"role": "AGENT", "officeId": ""}], "officeRelations[1] needs an office id (officeId, or office.id)"),
        (
            {"role": "AGENT", "officeId": A},
            "officeRelations must be a list of {role, officeId} (or ROLE:officeId; ...)",
        ),
        ("branch-a", "officeRelations[1] 'branch-a' is not ROLE:officeId (e.g. AGENT:branch-a)"),
        (None, "officeRelations may not be null ([] for none)"),
        # Two relations run together (a comma, or no separator): planned before as one office id that is none.
        (
            "AGENT:branch-a,OFFICE_MANAGER:branch-a",
            "officeRelations[1] office id 'branch-a,OFFICE_MANAGER:branch-a' holds ':' or ',' "
            "(relations are separated by ';')",
        ),
        (
            "AGENT:branch-a OFFICE_MANAGER:branch-a",
            "officeRelations[1] office id 'branch-a OFFICE_MANAGER:branch-a' holds ':' or ',' "
            "(relations are separated by ';')",
        ),
    ],
)
async def test_a_relation_that_cannot_be_written_names_what_is_wrong(
    engage: PexipEngage, fake: FakePexipEngage, relations: object, reason: str
) -> None:
    records = seed_branch(fake, A, 2, "A")
    plan = await plan_employees(engage, [{**records[0], "officeRelations": relations}, records[1]])
    assert [c.reason for c in plan.conflicts] == [f"invalid row: {reason}"]


async def test_a_write_engage_answers_but_does_not_keep_is_reported_by_the_read_after_it(fake: FakePexipEngage) -> None:
    directory = seed_branch(fake, A, 1, "A")
    fake.add_office(id=B)

    async def without_relations(request: httpx2.Request) -> httpx2.Response:
        if request.method == "PATCH":  # an API that answers 200 and ignores the relations
            request = httpx2.Request(request.method, request.url, headers=request.headers, json={"lastName": "X"})
        return await fake.handle_async_request(request)

    moved = [{**directory[0], "officeRelations": [{"role": "AGENT", "officeId": B}]}]
    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(without_relations)) as engage:
        plan = await plan_employees(engage, moved)
        report = await apply_plan(engage, plan)
    assert report.updated == []
    [conflict] = report.conflicts
    assert conflict.detail == (
        "written, but a read right after it shows officeRelations AGENT:branch-a (planned AGENT:branch-b)"
    )
    assert not report.ok
