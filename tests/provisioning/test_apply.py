"""apply_plan: re-checks each target, is idempotent, reports every change, keeps going after a failure."""

from __future__ import annotations

import re

import pytest

from pexip_engage_client import ErrorCode, PexipEngage, errors
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, Plan, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import person, seed


def employee_with_key(fake: FakePexipEngage, key: str) -> dict[str, object]:
    return next(e for e in fake.employees.values() if e["externalId"] == key)


async def test_a_target_changed_in_engage_after_the_plan_is_a_conflict_not_overwritten(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 4)
    directory = [person(0, firstName="Plan"), person(1, firstName="Plan"), person(2)]
    plan = await plan_employees(engage, directory, scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert len(plan.updates) == 2
    assert len(plan.removals) == 1
    # Someone edits employee 0's managed field in Engage, and employee 1 elsewhere (updatedAt moves).
    fake.clock.advance(60)
    await engage.employees.update_employee_by_id(
        str(employee_with_key(fake, "EXT-0000")["id"]), body={"firstName": "Ann"}
    )
    await engage.employees.update_employee_by_id(
        str(employee_with_key(fake, "EXT-0001")["id"]), body={"phoneNumber": "+1"}
    )
    await engage.employees.update_employee_by_id(str(employee_with_key(fake, "EXT-0003")["id"]), body={"lastName": "X"})
    fake.calls.clear()

    report = await apply_plan(engage, plan)

    details = dict(sorted((o.key, o.detail) for o in report.conflicts))
    assert details.keys() == {"EXT-0000", "EXT-0001", "EXT-0003"}
    assert details["EXT-0000"] == "changed in Engage since the plan (firstName changed)"
    assert details["EXT-0001"].startswith("changed in Engage since the plan (updatedAt 2")
    assert details["EXT-0003"] == "changed in Engage since the plan"
    assert report.updated == []
    assert report.removed == []
    assert not report.ok
    assert fake.calls_to("updateEmployeeById") == []
    assert employee_with_key(fake, "EXT-0000")["firstName"] == "Ann"
    assert "! EXT-0000  conflict: changed in Engage since the plan" in report.render()


async def test_applying_twice_changes_nothing_the_second_time_and_a_new_plan_is_empty(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    directory = seed(fake, 6)
    desired = [person(0, lastName="New"), *directory[1:5], person(50)]
    plan = await plan_employees(engage, desired, scope=WHOLE_ENTERPRISE, missing="deactivate")
    first = await apply_plan(engage, plan)
    assert (len(first.created), len(first.updated), len(first.removed)) == (1, 1, 1)
    writes = len(fake.calls_to("createEmployee")) + len(fake.calls_to("updateEmployeeById"))

    second = await apply_plan(engage, plan)
    assert second.changed == 0
    assert second.ok
    assert sorted(o.detail for o in second.skipped) == ["already created", "already deactivated", "already up to date"]
    assert len(fake.calls_to("createEmployee")) + len(fake.calls_to("updateEmployeeById")) == writes

    again = await plan_employees(engage, desired, scope=WHOLE_ENTERPRISE, missing="deactivate")
    assert not again.has_changes
    assert again.conflicts == []
    assert again.render().endswith("No changes.\n")


async def test_a_failed_change_is_reported_with_its_error_and_correlation_id_and_the_rest_go_on(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 3)
    plan = await plan_employees(engage, [person(i, lastName="Changed") for i in range(3)], threshold=1)
    fake.fail("updateEmployeeById", code=ErrorCode.EMPLOYEE_EMAIL_ALREADY_IN_USE)

    report = await apply_plan(engage, plan)

    assert len(report.updated) == 2
    assert len(report.failed) == 1
    (failed,) = report.failed
    assert isinstance(failed.error, errors.BusinessValidationError)
    sent = fake.calls_to("updateEmployeeById")[0].request.headers["X-Correlation-Id"]
    assert failed.correlation_id == sent
    assert failed.kind == "update"
    assert failed.employee_id
    assert "failed: " in report.render()
    assert sent in report.render()
    assert all(o.correlation_id for o in report.updated)


async def test_stop_on_error_stops_at_the_first_failure(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 12)
    plan = await plan_employees(engage, [person(i, lastName="Changed") for i in range(12)], threshold=1)
    fake.fail("updateEmployeeById", status=400)
    report = await apply_plan(engage, plan, stop_on_error=True, concurrency=1)
    assert len(report.failed) == 1
    assert report.updated == []
    assert report.not_attempted == 11
    assert "11 change(s) not attempted" in report.render()


async def test_progress_is_reported_to_a_callable_or_drawn_on_stderr(
    engage: PexipEngage, fake: FakePexipEngage, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(fake, 3)
    plan = await plan_employees(engage, [person(i, lastName="Changed") for i in range(3)], threshold=1)
    seen: list[tuple[int, int]] = []
    await apply_plan(engage, plan, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    plan = await plan_employees(engage, [person(i, lastName="Again") for i in range(3)], threshold=1)
    await apply_plan(engage, plan, progress=True)
    assert "] 3 of 3 changes" in capsys.readouterr().err


async def test_apply_refuses_a_bad_concurrency(engage: PexipEngage, fake: FakePexipEngage) -> None:
    plan = await plan_employees(engage, [person(0)])
    with pytest.raises(ValueError, match="concurrency must be a positive integer"):
        await apply_plan(engage, plan, concurrency=0)


async def test_a_plan_names_its_enterprise_and_is_refused_by_a_client_of_another(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    # Before: a plan of acme applied with a client of another enterprise created its new employees there, and
    # reported the rest "skipped: no employee has this key any more" (the command line exited 0).
    seed(fake, 2)
    plan = await plan_employees(engage, [person(0), person(1, lastName="Moved"), person(2)])
    assert plan.enterprise == "acme"
    assert Plan.from_dict(plan.to_dict()).enterprise == "acme"
    fake.calls.clear()
    async with PexipEngage("acme-staging", token=TOKEN, transport=fake) as other:
        with pytest.raises(ValueError, match=re.escape("plan was made for enterprise 'acme', not 'acme-staging'")):
            await apply_plan(other, plan)
    assert fake.calls == []  # refused before anything is read or sent
    assert (await apply_plan(engage, plan)).ok
