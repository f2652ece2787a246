"""plan_employees: creates, field-level updates, removals only when confirmed, conflicts, safety, rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage, models
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, Plan, apply_plan, plan_employees
from pexip_engage_client.provisioning._apply import PlanRefusedError
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import person, seed


async def test_a_plan_creates_updates_managed_fields_and_deactivates_the_missing(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed(fake, 12)
    fake.add_employee(email="admin@acme.test", firstName="Not", lastName="Managed")  # no key: never touched
    employee = next(e for e in fake.employees.values() if e["externalId"] == "EXT-0003")
    employee["phoneNumber"] = "+3200000"  # a field the directory does not manage
    directory[3] = {**directory[3], "lastName": "Married"}
    desired = [*directory[1:], person(99)]

    plan = await plan_employees(engage, desired, scope=WHOLE_ENTERPRISE, missing="deactivate")

    assert [c.key for c in plan.creates] == ["EXT-0099"]
    assert [(u.key, [(c.field, c.before, c.after) for c in u.changes]) for u in plan.updates] == [
        ("EXT-0003", [("lastName", "Last3", "Married")])
    ]
    assert [r.key for r in plan.removals] == ["EXT-0000"]
    assert (plan.unchanged, plan.managed, plan.conflicts, plan.complete) == (10, 12, [], True)
    assert plan.fields == ("email", "firstName", "lastName")

    report = await apply_plan(engage, plan)
    assert (len(report.created), len(report.updated), len(report.removed), report.ok) == (1, 1, 1, True)
    updated = fake.employees[employee["id"]]
    assert (updated["phoneNumber"], updated["lastName"]) == ("+3200000", "Married")
    removed = next(e for e in fake.employees.values() if e["externalId"] == "EXT-0000")
    assert removed["status"] == "SUSPENDED"
    assert {e["lastName"] for e in fake.employees.values() if e["externalId"] is None} == {"Managed"}
    patches = [call.json for call in fake.calls_to("updateEmployeeById")]
    assert sorted(patches, key=str) == [{"lastName": "Married"}, {"status": "SUSPENDED"}]


async def test_conflicts_duplicate_keys_shared_keys_and_invalid_rows_are_reported_not_planned(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 3)
    fake.add_employee(externalId="SHARED", email="a@acme.test")
    fake.add_employee(externalId="SHARED", email="b@acme.test")
    desired = [
        person(0),
        person(1, firstName="Twice"),
        person(1, firstName="Again"),
        {**person(2), "externalId": "SHARED"},
        {**person(5), "language": "xx"},
        {"email": "nokey@acme.test"},
        {**person(6), "language": "Dutch"},
        {"externalId": "EXT-NEW"},  # no email: a new employee needs one
        *(person(index) for index in range(10, 14)),  # (invalid rows are a minority: see test_directory.py)
    ]
    plan = await plan_employees(engage, desired, missing="leave")
    reasons = {(c.key, c.reason.split(":")[0], c.rows) for c in plan.conflicts}
    assert (
        "EXT-0001",
        "the externalId EXT-0001 is given 2 times in the input (ignoring case and surrounding spaces)",
        (2, 3),
    ) in reasons
    assert ("SHARED", "2 employees in Engage have this key (ignoring case and surrounding spaces)", (4,)) in reasons
    assert ("EXT-0005", "invalid row", (5,)) in reasons
    assert (None, "invalid row", (6,)) in reasons
    assert ("EXT-0006", "invalid row", (7,)) in reasons
    assert ("EXT-NEW", "new employee without email (the API requires it to create one)", (8,)) in reasons
    assert [c.reason for c in plan.conflicts if c.key == "EXT-0005"] == [
        "invalid row: language must be one of da, de, el, en, es, fr, ja, nl, no, pl (got 'xx')"
    ]
    assert [create.key for create in plan.creates] == ["EXT-0010", "EXT-0011", "EXT-0012", "EXT-0013"]
    assert plan.updates == []
    assert plan.removals == []
    assert "! SHARED  2 employees in Engage have this key (ignoring case and surrounding spaces) (row 4, employee" in (
        plan.render()
    )


async def test_a_key_with_an_invalid_row_is_not_deactivated(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 2)
    plan = await plan_employees(
        engage, [person(0), {**person(1), "language": "xx"}], scope=WHOLE_ENTERPRISE, missing="deactivate"
    )
    assert plan.removals == []
    assert len(plan.conflicts) == 1


async def test_a_half_missing_export_is_refused_without_force(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = seed(fake, 20)
    plan = await plan_employees(engage, directory[:10], scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert len(plan.removals) == 10
    assert plan.refusal is not None
    assert "10 of 20 managed employees (50%)" in plan.refusal
    assert "Refused without force" in plan.render()
    with pytest.raises(PlanRefusedError, match="force=True"):
        await apply_plan(engage, plan)
    assert fake.calls_to("updateEmployeeById") == []
    report = await apply_plan(engage, plan, force=True)
    assert len(report.removed) == 10


async def test_the_threshold_counts_updates_and_removals_and_needs_ten_managed(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed(fake, 10)
    three = [person(i, firstName="New") if i < 3 else directory[i] for i in range(10)]
    assert (await plan_employees(engage, three)).refusal is None  # 3 of 10: 30% is allowed
    four = [person(i, firstName="New") if i < 4 else directory[i] for i in range(10)]
    assert (await plan_employees(engage, four)).refusal is not None
    assert (await plan_employees(engage, four, threshold=0.5)).refusal is None
    assert (await plan_employees(engage, four, min_managed=11)).refusal is None


async def test_managed_fields_can_be_narrowed_and_suspended_employees_come_back(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 2)
    suspended = next(e for e in fake.employees.values() if e["externalId"] == "EXT-0001")
    suspended["status"] = "SUSPENDED"
    desired = [person(0, firstName="Changed", lastName="Changed"), person(1)]
    plan = await plan_employees(engage, desired, fields=["lastName"], scope=WHOLE_ENTERPRISE, missing="deactivate")
    changes = {u.key: [(c.field, c.after) for c in u.changes] for u in plan.updates}
    assert changes == {"EXT-0000": [("lastName", "Changed")], "EXT-0001": [("status", "ACTIVE")]}
    with pytest.raises(ValueError, match="translations cannot be managed"):
        await plan_employees(engage, desired, fields=["translations"])


async def test_missing_leave_and_delete(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 3)
    assert (await plan_employees(engage, [person(0)], missing="leave")).removals == []
    with pytest.raises(ValueError, match="no way to delete an employee"):
        await plan_employees(engage, [person(0)], missing="delete")
    with pytest.raises(ValueError, match="key must be one of"):
        await plan_employees(engage, [person(0)], key="id")


async def test_plans_render_as_text_and_json_and_apply_after_save_and_load(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed(fake, 2)
    plan = await plan_employees(engage, [person(0, firstName="Jo"), person(7)], missing="leave")
    text = plan.render()
    assert text.splitlines()[0].startswith("Plan: 1 to create, 1 to update, 0 to deactivate, 0 conflict(s)")
    assert "~ EXT-0000" in text
    assert '    firstName: "First0" -> "Jo"' in text
    assert "+ EXT-0007  (row 2)" in text
    assert '    email: "person7@acme.test"' in text
    saved = tmp_path / "plan.json"
    plan.save(saved)
    assert json.loads(saved.read_text())["updates"][0]["changes"] == [
        {"field": "firstName", "before": "First0", "after": "Jo"}
    ]
    loaded = Plan.load(saved)
    assert loaded == plan
    report = await apply_plan(engage, loaded)
    assert (len(report.created), len(report.updated)) == (1, 1)
    (tmp_path / "bad.json").write_text('{"format": 99}')
    with pytest.raises(ValueError, match="not a saved plan of format 2"):
        Plan.load(tmp_path / "bad.json")
    (tmp_path / "old.json").write_text('{"format": 1}')
    with pytest.raises(
        ValueError, match=r"a plan saved by an earlier version \(format 1, made under the old defaults\): plan"
    ):
        Plan.load(tmp_path / "old.json")


async def test_csv_json_and_typed_records_in_the_wire_form(
    engage: PexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    seed(fake, 1)
    csv_file = tmp_path / "directory.csv"
    csv_file.write_text(
        "externalId,email,firstName,lastName,availableRoles,onlinePlanning,phoneNumber\n"
        "EXT-0000,person0@acme.test,First0,Last0,AGENT;ADMIN,true,\n"
        "EXT-0001,person1@acme.test,First1,Last1,AGENT,maybe,+32\n",
        encoding="utf-8",
    )
    plan = await plan_employees(engage, csv_file)
    assert [u.key for u in plan.updates] == ["EXT-0000"]
    assert {c.field: c.after for c in plan.updates[0].changes} == {"availableRoles": ["AGENT", "ADMIN"]}
    assert [c.reason for c in plan.conflicts] == ["invalid row: onlinePlanning must be true or false"]

    json_file = tmp_path / "directory.json"
    json_file.write_text(json.dumps({"data": [person(0, lastName="Other")]}), encoding="utf-8")
    plan = await plan_employees(engage, json_file)
    assert [c.after for u in plan.updates for c in u.changes] == ["Other"]

    typed = [models.EmployeeCreate(email="person0@acme.test", external_id="EXT-0000", first_name="Typed")]
    plan = await plan_employees(engage, typed, fields=["firstName"])
    assert [c.after for u in plan.updates for c in u.changes] == ["Typed"]
    # A str is a file's path, as read_employees takes one; a file's text is refused, never misread as a path.
    assert [u.key for u in (await plan_employees(engage, str(json_file))).updates] == ["EXT-0000"]
    with pytest.raises(ValueError, match="not a file's path: read a file's text with parse_csv"):
        await plan_employees(engage, csv_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": "SLEEPING"}, "status must be one of ACTIVE, PENDING, SUSPENDED (got 'SLEEPING')"),
        ({"username": "u" * 256}, "username is longer than 255 characters"),
        ({"profilePictureUrl": "picture.png"}, "profilePictureUrl must be a URL (got 'picture.png')"),
        ({"staticVideoUrl": "video"}, "staticVideoUrl must be a URL (got 'video')"),
        ({"firstName": 7}, "firstName must be text (got int)"),
        ({"lastName": ""}, "lastName may not be empty"),
        ({"lastName": "La\x07st"}, "lastName holds a control character ('\\x07')"),
        ({"availableRoles": ["AGENT", "PILOT"]}, "availableRoles has unknown role(s) PILOT"),
    ],
)
async def test_each_field_s_rule_names_the_field_and_the_problem(
    engage: PexipEngage, fake: FakePexipEngage, fields: dict[str, object], reason: str
) -> None:
    seed(fake, 2)
    plan = await plan_employees(engage, [{**person(0), **fields}, person(1)], missing="leave")
    assert [c.reason.split(" (roles:")[0] for c in plan.conflicts] == [f"invalid row: {reason}"]
