"""plan_employees and apply_plan with answers unlike openapi.yaml: each field they read absent, null or
of another type does its job or is a conflict, never a second employee nor a wrong removal
(docs/provisioning.md, "Answers unlike the spec")."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.provisioning import WHOLE_ENTERPRISE, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import person, seed
from ..support.rewriting import KINDS, Rewrite, Rewriting, planted

# Every plan here may deactivate (the directory drops EXT-0000) anyone with a key.
WHOLE: dict[str, Any] = {"scope": WHOLE_ENTERPRISE, "missing": "deactivate"}


def is_lookup(request: httpx2.Request) -> bool:
    """A direct read by key, or of a new employee's email (the listing sends no filter)."""
    return any(name in request.url.params for name in ("external-id", "email", "username"))


def is_listing(request: httpx2.Request) -> bool:
    return not is_lookup(request)


@pytest.fixture
def drift() -> list[Rewrite]:
    """The rewrites a test plants (none: the fake's own answers)."""
    return []


@pytest.fixture
async def drifted(fake: FakePexipEngage, drift: list[Rewrite]) -> AsyncIterator[PexipEngage]:
    def rewrite(request: httpx2.Request, document: object) -> object:
        for one in drift:
            changed = one(request, document)
            document = document if changed is None else changed
        return document

    transport = Rewriting(fake, rewrite)
    async with PexipEngage("acme", token=TOKEN, transport=transport, strict_responses=False) as client:
        yield client


def directory(fake: FakePexipEngage) -> list[dict[str, object]]:
    """Five employees in Engage; the directory drops EXT-0000, renames EXT-0003 and adds EXT-0099."""
    records = seed(fake, 5)
    return [*records[1:3], {**records[3], "lastName": "Married"}, records[4], person(99)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", [is_listing, is_lookup], ids=["listing", "look-up"])
async def test_a_page_without_a_readable_total_plans_as_with_one(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str, which: Callable[..., bool]
) -> None:
    desired = directory(fake)
    drift.append(planted("/meta/totalCount", kind, path_end="/employees", when=which))

    plan = await plan_employees(drifted, desired, page_size=2, **WHOLE)

    assert [c.key for c in plan.creates] == ["EXT-0099"]
    assert [u.key for u in plan.updates] == ["EXT-0003"]
    assert [r.key for r in plan.removals] == ["EXT-0000"]
    assert (plan.conflicts, plan.complete, plan.managed) == ([], True, 5)
    report = await apply_plan(drifted, plan)
    assert (len(report.created), len(report.updated), len(report.removed), report.ok) == (1, 1, 1, True)


@pytest.mark.parametrize("kind", KINDS)
async def test_a_look_up_whose_employees_key_cannot_be_read_creates_and_removes_nothing(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str
) -> None:
    desired = directory(fake)
    drift.append(planted("/data/*/externalId", kind, path_end="/employees", when=is_lookup))

    plan = await plan_employees(drifted, desired, **WHOLE)

    assert (plan.creates, plan.updates) == ([], [])
    keyed = {conflict.key: conflict.reason for conflict in plan.conflicts}
    assert set(keyed) == {"EXT-0001", "EXT-0002", "EXT-0003", "EXT-0004", "EXT-0099"}
    assert "/data/*/externalId" in keyed["EXT-0099"]
    assert "getEmployees" in keyed["EXT-0099"]
    assert plan.removals == []  # EXT-0000 was not found by its look-up: not deactivated
    report = await apply_plan(drifted, plan)
    assert fake.calls_to("createEmployee") == fake.calls_to("updateEmployeeById") == []
    assert report.changed == 0


@pytest.mark.parametrize("kind", KINDS)
async def test_apply_makes_no_second_employee_when_its_re_read_cannot_read_the_key(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str
) -> None:
    desired = directory(fake)
    plan = await plan_employees(drifted, desired, **WHOLE)
    fake.add_employee(**person(99), status="ACTIVE")  # created meanwhile, by someone else
    drift.append(planted("/data/*/externalId", kind, path_end="/employees", when=is_lookup))

    report = await apply_plan(drifted, plan)

    assert fake.calls_to("createEmployee") == fake.calls_to("updateEmployeeById") == []
    assert sum(e["externalId"] == "EXT-0099" for e in fake.employees.values()) == 1
    assert {outcome.key for outcome in report.conflicts} == {"EXT-0099", "EXT-0003", "EXT-0000"}
    assert all("/data/*/externalId" in outcome.detail for outcome in report.conflicts)


@pytest.mark.parametrize("kind", KINDS)
async def test_an_employee_whose_id_cannot_be_read_is_a_conflict_not_an_update_nor_a_removal(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str
) -> None:
    desired = directory(fake)
    drift.append(planted("/data/*/id", kind, path_end="/employees"))

    plan = await plan_employees(drifted, desired, **WHOLE)

    assert (plan.updates, plan.removals) == ([], [])
    assert [c.key for c in plan.creates] == ["EXT-0099"]  # no employee carries it: read, and not there
    keyed = {conflict.key: conflict.reason for conflict in plan.conflicts}
    assert set(keyed) == {"EXT-0000", "EXT-0003"}
    assert all("/data/*/id" in reason for reason in keyed.values())


async def test_a_listed_key_of_another_type_leaves_that_employee_alone_and_says_so(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite]
) -> None:
    desired = directory(fake)
    target = next(e for e in fake.employees.values() if e["externalId"] == "EXT-0000")
    drift.append(planted("/data/*/externalId", "type", path_end="/employees", when=is_listing))

    plan = await plan_employees(drifted, desired, **WHOLE)

    assert plan.removals == []  # EXT-0000 is only known from the listing: its key cannot be read there
    unread = [c for c in plan.conflicts if c.key is None]
    assert len(unread) == 5
    assert target["id"] in {ident for conflict in unread for ident in conflict.employee_ids}
    assert "/data/*/externalId held a value of another type" in unread[0].reason


@pytest.mark.parametrize("kind", KINDS)
async def test_a_page_without_readable_data_raises_provisioning_answer_error(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str
) -> None:
    desired = directory(fake)
    drift.append(planted("/data", kind, path_end="/employees"))

    with pytest.raises(errors.ProvisioningAnswerError) as caught:
        await plan_employees(drifted, desired, **WHOLE)

    error = caught.value
    assert isinstance(error, errors.UnusableAnswerError)
    assert (error.feature, error.operation, error.pointer, error.kind) == (
        "provisioning",
        "getEmployees",
        "/data",
        kind,
    )
    assert "getEmployees" in str(error)


@pytest.mark.parametrize("kind", KINDS)
async def test_a_managed_field_or_status_that_cannot_be_read_is_written_or_left_as_a_conflict(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite], kind: str
) -> None:
    desired = directory(fake)
    drift.append(planted("/data/*/firstName", kind, path_end="/employees", when=is_lookup))
    drift.append(planted("/data/*/status", kind, path_end="/employees", when=is_lookup))

    plan = await plan_employees(drifted, desired, **WHOLE)

    # Every directory employee's firstName differs from what could be read: the update writes it.
    assert sorted(u.key for u in plan.updates) == ["EXT-0001", "EXT-0002", "EXT-0003", "EXT-0004"]
    assert [r.key for r in plan.removals] == ["EXT-0000"]  # its status unknown: deactivated, which is safe
    status_conflicts = [c for c in plan.conflicts if "/data/*/status" in c.reason]
    assert len(status_conflicts) == (0 if kind == "missing" else 4)  # absent: allowed, not suspended


async def test_a_create_whose_answer_has_no_readable_id_is_reported_created(
    fake: FakePexipEngage, drifted: PexipEngage, drift: list[Rewrite]
) -> None:
    desired = directory(fake)
    plan = await plan_employees(drifted, desired, **WHOLE)
    drift.append(planted("/data/id", "null", method="POST", path_end="/employees"))

    report = await apply_plan(drifted, plan)

    assert [(o.key, o.employee_id) for o in report.created] == [("EXT-0099", None)]
    assert "/data/id was null" in report.created[0].detail
    assert report.ok
