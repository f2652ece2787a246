"""A bank's branch network in one enterprise: branch A's 20 advisers and branch B's 15 in Engage, and HR's
export of branch A (18 of its 20). The figures of the probe that found the defaults deactivating branch B:
the default plan removed 17, 15 of them in B; only the 30% threshold stopped it, and at 29% it went through.

Now no default removes anyone, a removal needs a scope (or the whole enterprise, said plainly), nothing
outside the scope changes, and the threshold is a share of the scope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, PlanRefusedError, Scope, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import adviser, seed_branch

A, B = "branch-a", "branch-b"


def two_branches(fake: FakePexipEngage, in_b: int = 15) -> list[dict[str, Any]]:
    """Branch A (20 advisers) and branch B (`in_b`); returns A's directory records."""
    branch_a = seed_branch(fake, A, 20, "A")
    seed_branch(fake, B, in_b, "B")
    return branch_a


def statuses(fake: FakePexipEngage, prefix: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for employee in fake.employees.values():
        if str(employee.get("externalId", "")).startswith(prefix):
            found[employee["status"]] = found.get(employee["status"], 0) + 1
    return found


async def test_the_default_plan_deactivates_no_one(engage: PexipEngage, fake: FakePexipEngage) -> None:
    # Before: 17 deactivations, 15 of them in branch B (the probe's figures).
    directory = two_branches(fake)[:18]
    plan = await plan_employees(engage, directory)
    assert plan.removals == []
    assert not plan.has_changes
    assert plan.missing == "leave"
    await apply_plan(engage, plan)
    assert statuses(fake, "A-") == {"ACTIVE": 20}
    assert statuses(fake, "B-") == {"ACTIVE": 15}


async def test_deactivating_without_a_scope_is_refused_naming_the_option(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = two_branches(fake)[:18]
    with pytest.raises(ValueError, match=r"missing='deactivate' needs scope: ") as refused:
        await plan_employees(engage, directory, missing="deactivate")
    assert "WHOLE_ENTERPRISE" in str(refused.value)
    assert fake.calls == []  # refused before any read


async def test_a_plan_scoped_to_one_branch_deactivates_there_only(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = two_branches(fake)[:18]
    plan = await plan_employees(engage, directory, scope=[A], missing="deactivate")
    assert sorted(removal.key for removal in plan.removals) == ["A-018", "A-019"]
    assert plan.managed == 20  # the scope's employees, not the enterprise's 35
    assert plan.refusal is None
    assert plan.scope == "offices branch-a"
    report = await apply_plan(engage, plan)
    assert (len(report.removed), report.ok) == (2, True)
    assert statuses(fake, "A-") == {"ACTIVE": 18, "SUSPENDED": 2}
    assert statuses(fake, "B-") == {"ACTIVE": 15}


async def test_a_scope_by_predicate_or_by_key_prefix_selects_the_same_branch(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = two_branches(fake)[:18]

    def in_branch_a(employee: Mapping[str, Any]) -> bool:
        return any(relation["office"]["id"] == A for relation in employee.get("officeRelations", []))

    for scope in (in_branch_a, Scope(key_prefixes=("a-",))):
        plan = await plan_employees(engage, directory, scope=scope, missing="deactivate")
        assert sorted(removal.key for removal in plan.removals) == ["A-018", "A-019"]
        assert plan.managed == 20


async def test_the_whole_enterprise_is_a_scope_said_plainly_and_the_threshold_still_holds(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = two_branches(fake)[:18]
    plan = await plan_employees(engage, directory, scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert len(plan.removals) == 17
    assert plan.scope == "the whole enterprise"
    assert plan.refusal is not None
    assert "17 of 35 managed employees (49%)" in plan.refusal
    with pytest.raises(PlanRefusedError):
        await apply_plan(engage, plan)


async def test_the_threshold_is_a_share_of_the_scope(engage: PexipEngage, fake: FakePexipEngage) -> None:
    # Branch B of 8: the old default deactivated all of it at 8 of 28 (29%), under the 30% threshold.
    branch_a = two_branches(fake, in_b=8)
    assert not (await plan_employees(engage, branch_a)).removals
    assert not (await plan_employees(engage, branch_a, scope=[A], missing="deactivate")).removals
    # 6 of branch A's 20 is 30% of the scope: allowed; 7 is 35% of it (though 25% of the enterprise): refused.
    assert (await plan_employees(engage, branch_a[:14], scope=[A], missing="deactivate")).refusal is None
    refused = await plan_employees(engage, branch_a[:13], scope=[A], missing="deactivate")
    assert refused.refusal is not None
    assert "7 of 20 managed employees (35%)" in refused.refusal


async def test_a_directory_row_of_an_employee_outside_the_scope_is_a_conflict_not_an_update(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # A row of branch B's adviser that keeps it in B (or says nothing of its offices) is not the scope's.
    directory = two_branches(fake)
    renamed = {**directory[0], "externalId": "B-000", "email": "b.adviser0@bank.test", "lastName": "Renamed"}
    for row in (
        {**renamed, "officeRelations": [{"role": "AGENT", "officeId": B}]},
        {k: v for k, v in renamed.items() if k != "officeRelations"},
    ):
        plan = await plan_employees(engage, [*directory[1:], row], scope=[A])
        assert plan.updates == []
        [conflict] = plan.conflicts
        assert conflict.key == "B-000"
        assert conflict.reason.startswith("outside the scope (offices branch-a): its offices are branch-b")


@pytest.mark.parametrize("missing", ["leave", "deactivate"])
async def test_a_move_into_the_scope_is_one_update_and_the_old_office_is_left_alone(
    engage: PexipEngage, fake: FakePexipEngage, missing: Literal["leave", "deactivate"]
) -> None:
    # One adviser of branch B (not in the scope) moves to branch A: one update, never a create or a conflict,
    # and none of B's other 14 advisers is touched, whatever --missing says.
    directory = two_branches(fake)
    moving = adviser("B", 3, A)
    plan = await plan_employees(engage, [*directory, moving], scope=[A], missing=missing)
    assert ([u.key for u in plan.updates], plan.creates, plan.removals, plan.conflicts) == (["B-003"], [], [], [])
    (change,) = plan.updates[0].changes
    assert (change.field, change.before, change.after) == (
        "officeRelations",
        [{"role": "AGENT", "officeId": B}],
        [{"role": "AGENT", "officeId": A}],
    )
    alone = await plan_employees(engage, [moving], scope=[A])  # the mover's row alone is in the scope too
    assert ([u.key for u in alone.updates], alone.conflicts) == (["B-003"], [])

    report = await apply_plan(engage, plan)
    assert (len(report.updated), report.ok) == (1, True)
    [sent] = fake.calls_to("updateEmployeeById")
    assert sent.json == {"officeRelations": [{"role": "AGENT", "officeId": A}]}
    offices = {e["externalId"]: [r["office"]["id"] for r in e["officeRelations"]] for e in fake.employees.values()}
    assert offices["B-003"] == [A]
    assert statuses(fake, "B-") == {"ACTIVE": 15}
    assert sum(1 for key, held in offices.items() if key.startswith("B-") and held == [B]) == 14
    assert not (await plan_employees(engage, [*directory, moving], scope=[A], missing=missing)).has_changes


async def test_a_move_is_an_update_only_when_it_gives_an_office_of_the_scope_as_a_managed_field(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = two_branches(fake)
    fake.add_office(id="branch-c")
    to_c = adviser("B", 3, "branch-c")  # a move, but into no office of the scope
    plan = await plan_employees(engage, [*directory, to_c], scope=[A])
    assert (plan.updates, [c.key for c in plan.conflicts]) == ([], ["B-003"])
    # Its relations not managed (`fields` leaves them out): the row would not move it, so it stays outside.
    fields = ["firstName", "lastName"]
    plan = await plan_employees(engage, [*directory, adviser("B", 3, A)], scope=[A], fields=fields)
    assert (plan.updates, [c.key for c in plan.conflicts]) == ([], ["B-003"])
    # The scope's other part must hold too: a key prefix the mover's key lacks keeps it out.
    plan = await plan_employees(
        engage, [*directory, adviser("B", 3, A)], scope=Scope(offices=frozenset({A}), key_prefixes=("A-",))
    )
    assert (plan.updates, [c.key for c in plan.conflicts]) == ([], ["B-003"])


async def test_a_new_employee_is_created_only_inside_the_scope(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = two_branches(fake)
    newcomer_a = {**directory[0], "externalId": "A-100", "email": "new.a@bank.test"}
    newcomer_b = {
        **newcomer_a,
        "externalId": "A-101",
        "email": "new.b@bank.test",
        "officeRelations": [{"role": "AGENT", "officeId": B}],
    }
    plan = await plan_employees(engage, [*directory, newcomer_a, newcomer_b], scope=[A])
    assert [create.key for create in plan.creates] == ["A-100"]
    assert [(c.key, c.reason.split(":")[0]) for c in plan.conflicts] == [
        ("A-101", "would be created outside the scope (offices branch-a)")
    ]


@pytest.mark.parametrize(
    ("scope", "refusal"),
    [
        # An office's name for its id: every row was a conflict "outside the scope", then "No changes." (exit 0).
        (
            ["Branch A"],
            "scope: none of the directory's 18 rows is in it (offices Branch A), refused as an empty "
            "directory is (the right file? the right scope?) (an office is named by its id; the "
            "directory's rows name branch-a)",
        ),
        (Scope(key_prefixes=("AA-",)), "scope: none of the directory's 18 rows is in it (key prefixes AA-), refused"),
        # Each part selects someone, together no one.
        (
            Scope(offices=frozenset({A}), key_prefixes=("B-",)),
            "none of the directory's 18 rows is in it (offices branch-a and key prefixes B-)",
        ),
        # Branch A's export with branch B's scope: every row was a conflict, and B's advisers all deactivated (below
        # the threshold's 10 employees, without force).
        ([B], "scope: none of the directory's 18 rows is in it (offices branch-b)"),
    ],
)
async def test_a_scope_that_none_of_the_directory_is_in_is_refused_naming_it(
    engage: PexipEngage, fake: FakePexipEngage, scope: Any, refusal: str
) -> None:
    directory = two_branches(fake, in_b=8)[:18]
    with pytest.raises(ValueError, match=re.escape(refusal)) as refused:
        await plan_employees(engage, directory, scope=scope, missing="deactivate")
    assert refused.value.argument == "scope"  # type: ignore[attr-defined]
    assert fake.calls_to("updateEmployeeById") == []
    assert statuses(fake, "B-") == {"ACTIVE": 8}


async def test_an_office_or_prefix_of_the_scope_that_selects_no_one_is_noted_in_the_plan(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # A typo in one of several offices (or an office a move emptied): the rest of the scope is planned, and the
    # plan says which part selects no one.
    directory = two_branches(fake)[:18]
    plan = await plan_employees(engage, directory, scope=Scope(offices=frozenset({A, "Branch B"})))
    assert plan.notes == [
        "office 'Branch B' of the scope selects no employee in Engage and no row of the directory (an office is "
        "named by its id; the directory's rows name branch-a)"
    ]
    assert "\nNote: office 'Branch B' of the scope selects no employee" in plan.render()
    plan = await plan_employees(engage, directory, scope=Scope(key_prefixes=("A-", "AA-")))
    assert plan.notes == ["key prefix 'AA-' of the scope selects no employee in Engage and no row of the directory"]


async def test_a_scope_of_a_new_branch_selects_its_rows_and_one_of_a_row_without_relations_its_employee(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # No employee of office C yet: its rows are what the scope selects. A row without officeRelations is in
    # the scope by its employee in Engage.
    two_branches(fake)
    fake.add_office(id="branch-c")
    newcomers = [adviser("C", index, "branch-c") for index in range(3)]
    plan = await plan_employees(engage, newcomers, scope=["branch-c"], missing="deactivate")
    assert len(plan.creates) == 3
    renamed = {"externalId": "A-000", "lastName": "Renamed"}
    plan = await plan_employees(engage, [renamed], scope=[A])
    assert [update.key for update in plan.updates] == ["A-000"]


async def test_a_move_out_of_the_scope_is_one_update_of_an_employee_the_scope_holds(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # A scope selects the live employees a plan manages: an adviser of branch A moving to branch B is one
    # update under branch A's scope (a transfer, shown as its relation change), as under both branches'.
    directory = two_branches(fake)
    moved = {**directory[2], "officeRelations": [{"role": "AGENT", "officeId": B}]}
    rows = [*directory[:2], moved, *directory[3:]]
    for scope in ([A], [A, B]):
        plan = await plan_employees(engage, rows, scope=scope)
        assert ([u.key for u in plan.updates], plan.creates, plan.removals, plan.conflicts) == (["A-002"], [], [], [])
        (change,) = plan.updates[0].changes
        assert change.field == "officeRelations"


async def test_a_predicate_that_raises_says_for_which_employee(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = two_branches(fake)
    odd = fake.add_employee(externalId="A-099", email="odd@bank.test")["id"]
    del fake.employees[odd]["officeRelations"]  # an answer without it, as the spec allows

    def in_branch_a(employee: Mapping[str, Any]) -> bool:
        return any(relation["office"]["id"] == A for relation in employee["officeRelations"])

    with pytest.raises(KeyError) as raised:  # the predicate's own error, as it raised it
        await plan_employees(engage, directory, scope=in_branch_a)
    assert raised.value.__notes__ == [f"raised by the scope's predicate in_branch_a, for employee {odd}"]
    newcomer = {key: value for key, value in directory[0].items() if key != "officeRelations"}
    with pytest.raises(IndexError) as index:
        await plan_employees(
            engage,
            [{**newcomer, "externalId": "A-100", "email": "new@bank.test"}],
            scope=lambda employee: employee["officeRelations"][0],
        )
    assert index.value.__notes__ == ["raised by the scope's predicate <lambda>, for the row of A-100 (a new employee)"]
