"""What a plan decides from the directory and the reads (`_decisions.py`), pinned to the letter: each refusal's
words and argument, each conflict's key, rows and employees, and the changes an update holds."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client._base.arguments import ArgumentError
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, Scope, plan_employees
from pexip_engage_client.provisioning._changes import Conflict
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import adviser, person, seed, seed_branch
from ..support.rewriting import Rewriting, each_item, on, planted

A, B, C = "branch-a", "branch-b", "branch-c"


def reading(fake: FakePexipEngage, edits: dict[str, dict[str, Any]]) -> PexipEngage:
    """A client that reads each employee whose externalId `edits` names with those fields (answers unlike the
    spec, rewritten on their way: the fake's own stay valid), rather than refusing them."""

    def change(item: dict[str, Any]) -> None:
        item.update(edits.get(str(item.get("externalId")), {}))

    transport = Rewriting(fake, on("GET", "/employees", each_item(change)))
    return PexipEngage("acme", token=TOKEN, transport=transport, strict_responses=False)


def conflicts(found: Iterable[Conflict]) -> list[tuple[str | None, str, tuple[int, ...], tuple[str, ...]]]:
    return [(c.key, c.reason, c.rows, c.employee_ids) for c in found]


def id_of(fake: FakePexipEngage, key: str) -> str:
    return str(next(e["id"] for e in fake.employees.values() if e.get("externalId") == key))


async def test_fields_refused_are_named_with_the_fields_a_plan_manages(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 1)
    with pytest.raises(ArgumentError) as one_string:
        await plan_employees(engage, [person(0)], fields="email")
    assert (str(one_string.value), one_string.value.argument) == (
        "fields must be a list of field names, not one string",
        "fields",
    )
    with pytest.raises(ArgumentError) as unknown:
        await plan_employees(engage, [person(0)], fields=["translations", "id", "email"])
    assert (str(unknown.value), unknown.value.argument) == (
        "fields: translations, id cannot be managed (the fields: externalId, email, communicationEmail, username, "
        "firstName, lastName, staticVideoUrl, phoneNumber, profilePictureUrl, language, timeZone, availableRoles, "
        "status, onlinePlanning, officeRelations)",
        "fields",
    )


async def test_an_invalid_row_gives_each_problem_and_no_key_that_is_not_text(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 3)
    rows = [person(0), person(1), person(2), {"externalId": 7, "email": 3}]
    plan = await plan_employees(engage, rows, missing="leave")
    assert [(c.key, c.reason, c.rows, c.rejected) for c in plan.conflicts] == [
        (
            None,
            "invalid row: no externalId (the key); externalId must be text (got int); email must be text (got int)",
            (4,),
            True,
        )
    ]


async def test_a_scope_no_row_is_in_names_five_of_the_rows_offices_or_none(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    offices = [f"office-{index}" for index in range(6)]
    for office in offices:
        fake.add_office(id=office)
    rows = [adviser("N", index, office) for index, office in enumerate(offices)]
    with pytest.raises(ArgumentError) as six:
        await plan_employees(engage, rows, scope=[A])
    assert str(six.value) == (
        "scope: none of the directory's 6 rows is in it (offices branch-a), refused as an empty directory is (the "
        "right file? the right scope?) (an office is named by its id; the directory's rows name office-0, office-1, "
        "office-2, office-3, office-4)"
    )
    without = [{k: v for k, v in row.items() if k != "officeRelations"} for row in rows]
    with pytest.raises(ArgumentError) as none:
        await plan_employees(engage, without, scope=[A])
    assert str(none.value).endswith("(an office is named by its id; the directory's rows name no office)")
    with pytest.raises(ArgumentError) as prefixes:
        await plan_employees(engage, rows, scope=Scope(key_prefixes=("A-",)))
    assert str(prefixes.value) == (
        "scope: none of the directory's 6 rows is in it (key prefixes A-), refused as an empty directory is (the "
        "right file? the right scope?)"
    )


async def test_an_employee_outside_the_scope_is_a_conflict_naming_its_offices_its_row_and_its_id(
    fake: FakePexipEngage,
) -> None:
    branch_a = seed_branch(fake, A, 1, "A")
    fake.add_office(id=C)
    seed_branch(fake, B, 3, "B")
    edits: dict[str, dict[str, Any]] = {
        "B-000": {"officeRelations": [{"role": "AGENT", "office": {"id": C}}, {"role": "AGENT", "office": {"id": B}}]},
        "B-001": {"officeRelations": []},
        "B-002": {"officeRelations": "unreadable"},
    }
    rows = [branch_a[0], *({k: v for k, v in adviser("B", i, B).items() if k != "officeRelations"} for i in range(3))]
    scope = Scope(offices=frozenset({A}), key_prefixes=("A-",))
    async with reading(fake, edits) as engage:
        plan = await plan_employees(engage, rows, scope=scope)
        why = "outside the scope (offices branch-a and key prefixes A-)"
        after = " (not changed; a scope that includes it may change it)"
        assert conflicts(plan.conflicts) == [
            ("B-000", f"{why}: its offices are branch-b, branch-c{after}", (2,), (id_of(fake, "B-000"),)),
            ("B-001", f"{why}: its offices are none{after}", (3,), (id_of(fake, "B-001"),)),
            ("B-002", f"{why}{after}", (4,), (id_of(fake, "B-002"),)),
        ]
        # Of an employee whose offices cannot be read, a scope of offices cannot tell.
        plan = await plan_employees(engage, [branch_a[0], rows[3]], scope=[A])
    assert conflicts(plan.conflicts) == [
        (
            "B-002",
            "cannot tell whether it is in the scope (offices branch-a): its /data/*/officeRelations held a "
            "value of another type in getEmployees's answer (not changed)",
            (2,),
            (id_of(fake, "B-002"),),
        )
    ]


async def test_a_key_prefix_of_the_scope_is_read_from_the_key_field(engage: PexipEngage, fake: FakePexipEngage) -> None:
    branch_a = seed_branch(fake, A, 2, "A")
    seed_branch(fake, B, 2, "B")
    # A move into the scope's office by an employee whose key has the scope's prefix: one update.
    scope = Scope(offices=frozenset({A}), key_prefixes=("B-",))
    plan = await plan_employees(engage, [adviser("B", 1, A)], scope=scope)
    assert ([u.key for u in plan.updates], plan.conflicts) == (["B-001"], [])
    # A new employee with the prefix is created; one without is not.
    plan = await plan_employees(
        engage, [*branch_a, adviser("A", 5, A), adviser("X", 5, A)], scope=Scope(key_prefixes=("A-",))
    )
    assert [create.key for create in plan.creates] == ["A-005"]
    assert conflicts(plan.conflicts) == [
        ("X-005", "would be created outside the scope (key prefixes A-): not created", (4,), ())
    ]


async def test_a_new_employee_without_what_a_create_needs_or_with_a_taken_email_names_its_row_and_the_holder(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 2)
    rows = [person(0), {**person(5), "email": "PERSON1@acme.test"}, {"externalId": "EXT-0006"}]
    plan = await plan_employees(engage, rows)
    assert conflicts(plan.conflicts) == [
        (
            "EXT-0005",
            "an employee in Engage already has this email (person1@acme.test), ignoring case: not created",
            (2,),
            (id_of(fake, "EXT-0001"),),
        ),
        ("EXT-0006", "new employee without email (the API requires it to create one)", (3,), ()),
    ]


async def test_an_update_to_a_taken_email_names_its_row_the_employee_and_the_holder(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 2)
    plan = await plan_employees(engage, [person(0, email="Person1@acme.test")])
    assert conflicts(plan.conflicts) == [
        (
            "EXT-0000",
            "an employee in Engage already has this email (person1@acme.test), ignoring case: not changed",
            (1,),
            (id_of(fake, "EXT-0000"), id_of(fake, "EXT-0001")),
        ),
    ]


async def test_two_employees_with_one_key_are_named_by_id(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 1)
    first = fake.add_employee(externalId="SHARED", email="a@acme.test")
    second = fake.add_employee(externalId="shared", email="b@acme.test")
    plan = await plan_employees(engage, [person(0), {**person(1), "externalId": "SHARED"}])
    [conflict] = plan.conflicts
    assert (conflict.rows, sorted(conflict.employee_ids)) == ((2,), sorted([first["id"], second["id"]]))


async def test_reactivation_only_when_deactivating_and_never_beside_a_status_the_row_gives(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 3)
    for key in ("EXT-0001", "EXT-0002"):
        fake.employees[id_of(fake, key)]["status"] = "SUSPENDED"
    rows = [person(0), person(1), person(2, status="SUSPENDED")]
    plan = await plan_employees(engage, rows, missing="leave")
    assert (plan.updates, plan.unchanged) == ([], 3)
    plan = await plan_employees(engage, rows, scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert [(u.key, [(c.field, c.before, c.after) for c in u.changes]) for u in plan.updates] == [
        ("EXT-0001", [("status", "SUSPENDED", "ACTIVE")])
    ]
    assert plan.unchanged == 2


async def test_a_status_that_cannot_be_read_is_a_conflict_of_its_key_and_row(fake: FakePexipEngage) -> None:
    seed(fake, 2)
    async with reading(fake, {"EXT-0001": {"status": None}}) as engage:
        plan = await plan_employees(engage, [person(0), person(1)], scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert conflicts(plan.conflicts) == [
        (
            "EXT-0001",
            "whether to reactivate it is not decided: its /data/*/status was null in getEmployees's answer",
            (2,),
            (),
        )
    ]


async def test_pending_is_never_set_on_an_existing_employee(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 2)
    plan = await plan_employees(engage, [person(0, status="PENDING"), person(1, status="SUSPENDED")])
    assert [(u.key, [(c.field, c.before, c.after) for c in u.changes]) for u in plan.updates] == [
        ("EXT-0001", [("status", "ACTIVE", "SUSPENDED")])
    ]
    assert plan.unchanged == 1


async def test_an_update_says_the_key_as_engage_spells_it_only_when_it_differs(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 2)
    plan = await plan_employees(
        engage, [person(0, lastName="New"), {**person(1, lastName="New"), "externalId": "ext-0001"}]
    )
    assert [(u.key, u.key_in_engage) for u in plan.updates] == [("EXT-0000", None), ("ext-0001", "EXT-0001")]


def planting(fake: FakePexipEngage, *plants: tuple[str, str, str | None]) -> PexipEngage:
    """A client that reads `kind` planted at each pointer of the employees' answers (of the look-ups by the query
    parameter named, or of every read when None), rather than refusing them."""

    def asked(parameter: str | None) -> Callable[[httpx2.Request], bool]:
        return lambda request: parameter is None or parameter in request.url.params

    rewrites = [
        planted(pointer, kind, path_end="/employees", when=asked(parameter)) for pointer, kind, parameter in plants
    ]

    def rewrite(request: httpx2.Request, document: object) -> None:
        for one in rewrites:
            one(request, document)

    return PexipEngage("acme", token=TOKEN, transport=Rewriting(fake, rewrite), strict_responses=False)


async def test_a_look_up_that_cannot_tell_names_the_row_and_the_field_it_could_not_read(fake: FakePexipEngage) -> None:
    seed(fake, 2)
    rows = [person(0, lastName="New"), {**person(5), "email": "person1@acme.test"}]
    async with planting(fake, ("/data/*/email", "null", "email")) as engage:
        plan = await plan_employees(engage, rows)
    unsure = "was null in getEmployees's answer for an employee of the look-up (not created, not changed; plan again"
    assert conflicts(plan.conflicts) == [
        (
            "EXT-0005",
            f"cannot tell whether an employee has this email: /data/*/email {unsure} once Engage sends it)",
            (2,),
            (),
        ),
    ]
    async with planting(fake, ("/data/*/externalId", "null", "external-id")) as engage:
        plan = await plan_employees(engage, rows)
    assert [(c.key, c.reason, c.rows) for c in plan.conflicts] == [
        (
            "EXT-0000",
            f"cannot tell whether an employee has this externalId: /data/*/externalId {unsure} once Engage sends it)",
            (1,),
        ),
        (
            "EXT-0005",
            f"cannot tell whether an employee has this externalId: /data/*/externalId {unsure} once Engage sends it)",
            (2,),
        ),
    ]


async def test_an_employee_whose_id_or_key_cannot_be_read_is_named_by_what_can_be(fake: FakePexipEngage) -> None:
    seed(fake, 2)
    async with planting(fake, ("/data/*/id", "missing", None)) as engage:
        plan = await plan_employees(engage, [person(0, lastName="New"), person(1)])
    assert conflicts(plan.conflicts) == [
        (
            "EXT-0000",
            "the employee with this key cannot be updated: its /data/*/id was absent in getEmployees's answer",
            (1,),
            (),
        )
    ]
    async with planting(fake, ("/data/*/externalId", "type", None), ("/data/*/id", "missing", None)) as engage:
        plan = await plan_employees(engage, [person(5)])
    unreadable = (
        None,
        "an employee's externalId cannot be read: /data/*/externalId held a value of another type in getEmployees's "
        "answer (left alone: not updated, not deactivated)",
        (),
        (),
    )
    assert conflicts(plan.conflicts) == [unreadable, unreadable]  # its two employees, neither's id readable


async def test_a_key_prefix_that_selects_no_one_is_noted_without_the_offices_hint(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed_branch(fake, A, 2, "A")
    plan = await plan_employees(engage, directory, scope=Scope(offices=frozenset({A}), key_prefixes=("A-", "AA-")))
    assert plan.notes == ["key prefix 'AA-' of the scope selects no employee in Engage and no row of the directory"]


async def test_a_plan_reads_its_file_with_the_delimiter_given(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed(fake, 1)
    path = tmp_path / "hr.csv"
    path.write_text("externalId,email,firstName,lastName\nEXT-0000,person0@acme.test,First0,New\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match=re.escape(f"{path}: line 1: the header is one column")) as wrong:
        await plan_employees(engage, path, delimiter=";")
    assert wrong.value.argument == "delimiter"
    plan = await plan_employees(engage, path, delimiter=",")
    assert [(u.key, [(c.field, c.after) for c in u.changes]) for u in plan.updates] == [
        ("EXT-0000", [("lastName", "New")])
    ]


async def test_only_a_value_no_employee_of_its_row_has_yet_is_looked_up(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # A unique field is read directly (to refuse one another employee holds) only where the row gives it anew.
    seed(fake, 3)
    rows = [person(0), person(1, lastName="New"), person(2, email="Moved2@acme.test"), person(7)]
    plan = await plan_employees(engage, rows)
    assert ([c.key for c in plan.creates], [u.key for u in plan.updates]) == (["EXT-0007"], ["EXT-0001", "EXT-0002"])
    asked = [call.request.url.params.get_list("email") for call in fake.calls_to("getEmployees")]
    assert [values for values in asked if values] == [["Moved2@acme.test", "moved2@acme.test", "person7@acme.test"]]
