"""Keys compared as Engage compares them: emails, usernames and external ids without regard to case or
surrounding spaces (docs/provisioning.md, "Keys"). The probe's figure: an export that wrote
`Ann.Peeters@Bank.test` for Engage's `ann.peeters@bank.test` planned 20 creates for 20 existing advisers."""

from __future__ import annotations

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.provisioning._keys import folded, spellings
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import seed_branch


def shouted(email: str) -> str:
    """`a.adviser3@bank.test` as an HR export may write it: ` A.Adviser3@Bank.test `."""
    local, domain = email.split("@")
    return f" {'.'.join(part.capitalize() for part in local.split('.'))}@{domain.capitalize()} "


async def test_emails_differing_in_case_and_spaces_are_the_same_key(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = [{**record, "email": shouted(record["email"])} for record in seed_branch(fake, "branch-a", 20, "A")]
    assert directory[0]["email"] == " A.Adviser0@Bank.test "
    plan = await plan_employees(engage, directory, key="email")
    assert plan.creates == []  # before: 20 creates
    assert plan.updates == []  # the same email: its case is not rewritten
    assert plan.conflicts == []
    assert plan.unchanged == 20


async def test_external_ids_and_usernames_are_matched_the_same_way(engage: PexipEngage, fake: FakePexipEngage) -> None:
    records = seed_branch(fake, "branch-a", 3, "A")
    for record, employee in zip(records, fake.employees.values(), strict=True):
        employee["username"] = record["externalId"].lower()
    lowered = [{**record, "externalId": f"  {record['externalId'].lower()}"} for record in records]
    plan = await plan_employees(engage, lowered)
    assert (plan.creates, plan.updates, plan.unchanged) == ([], [], 3)
    by_username = [{**record, "username": record["externalId"]} for record in records]
    plan = await plan_employees(engage, by_username, key="username")
    assert (plan.creates, plan.updates, plan.unchanged) == ([], [], 3)


async def test_a_key_spelled_otherwise_in_engage_is_updated_and_found_again_at_apply(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    [record] = seed_branch(fake, "branch-a", 1, "A")
    plan = await plan_employees(engage, [{**record, "externalId": "a-000", "lastName": "Renamed"}])
    [update] = plan.updates
    assert (update.key, update.key_in_engage) == ("a-000", "A-000")
    assert "~ a-000  (employee " in plan.render()
    assert "Engage spells the key A-000" in plan.render()
    report = await apply_plan(engage, plan)
    assert (len(report.updated), report.ok) == (1, True)
    assert [employee["lastName"] for employee in fake.employees.values()] == ["Renamed"]


async def test_two_directory_rows_differing_only_by_case_are_a_conflict(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    records = seed_branch(fake, "branch-a", 2, "A")
    twice = {**records[0], "externalId": "a-000 ", "lastName": "Other"}
    plan = await plan_employees(engage, [*records, twice])
    assert [(c.key, c.reason, c.rows) for c in plan.conflicts] == [
        ("A-000", "the externalId A-000 is given 2 times in the input (ignoring case and surrounding spaces)", (1, 3))
    ]
    assert plan.updates == []
    assert plan.creates == []


async def test_no_plan_creates_an_employee_whose_email_another_has_in_another_case(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    [record] = seed_branch(fake, "branch-a", 1, "A")
    fake.add_employee(email="ann.peeters@bank.test", firstName="Ann", lastName="Peeters", status="ACTIVE")  # no key
    newcomers = [
        {**record, "externalId": "A-100", "email": "Ann.Peeters@Bank.test"},
        {**record, "externalId": "A-101", "email": " A.ADVISER0@bank.test"},
    ]
    plan = await plan_employees(engage, newcomers)
    assert plan.creates == []
    reasons = {conflict.key: conflict.reason for conflict in plan.conflicts}
    assert reasons["A-100"].startswith("an employee in Engage already has this email (ann.peeters@bank.test)")
    assert reasons["A-101"].startswith("an employee in Engage already has this email (a.adviser0@bank.test)")
    await apply_plan(engage, plan)
    assert fake.calls_to("createEmployee") == []


async def test_two_new_rows_with_one_email_in_two_cases_are_conflicts(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    [record] = seed_branch(fake, "branch-a", 1, "A")
    newcomers = [
        {**record, "externalId": "A-100", "email": "new@bank.test"},
        {**record, "externalId": "A-101", "email": "NEW@bank.test"},
    ]
    plan = await plan_employees(engage, [record, *newcomers])
    assert plan.creates == []
    assert [(c.key, c.reason, c.rows) for c in plan.conflicts] == [
        (
            "A-100",
            "the email new@bank.test is given 2 times in the input (ignoring case and surrounding spaces)",
            (2, 3),
        )
    ]
    assert "! A-100  the email new@bank.test is given 2 times in the input" in plan.render()


async def test_no_plan_changes_an_email_to_one_another_employee_has_in_another_case(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # Before: A-001's email changed to branch B's adviser's, in capitals, was planned and applied (the fake took
    # it): two employees with one email in two cases, what no create may make either.
    branch_a = seed_branch(fake, "branch-a", 3, "A")
    [adviser_b] = seed_branch(fake, "branch-b", 1, "B")
    taken = {**branch_a[1], "email": adviser_b["email"].upper()}
    renamed = {**branch_a[2], "email": "c.new@bank.test", "username": "cnew"}
    plan = await plan_employees(engage, [branch_a[0], taken, renamed])
    [conflict] = plan.conflicts
    assert (conflict.key, conflict.reason) == (
        "A-001",
        "an employee in Engage already has this email (b.adviser0@bank.test), ignoring case: not changed",
    )
    assert [(update.key, [c.field for c in update.changes]) for update in plan.updates] == [
        ("A-002", ["email", "username"])
    ]
    await apply_plan(engage, plan)
    assert sorted(e["email"].casefold() for e in fake.employees.values()) == sorted(
        ["a.adviser0@bank.test", "a.adviser1@bank.test", "c.new@bank.test", "b.adviser0@bank.test"]
    )


def test_a_key_is_asked_for_as_given_and_lower_cased_each_once_and_folded_wider_than_lower() -> None:
    asked = spellings([" Ann.Peeters@Bank.test ", "ann.peeters@bank.test", "B-1", "b-1"])
    assert asked == ["Ann.Peeters@Bank.test", "ann.peeters@bank.test", "B-1", "b-1"]
    assert folded(" Straße ") == folded("STRASSE") == "strasse"  # casefold, where lower would keep the ß
