"""The fake's modes for provisioning: externalId lookups, changes during a walk, a rate limit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakeEnterprise, FakePexipEngage

from ..support.clients import TOKEN


async def test_employees_are_found_by_external_id(engage: PexipEngage, fake: FakePexipEngage) -> None:
    fake.add_employee(externalId="A", email="a@acme.test")
    fake.add_employee(externalId="B", email="b@acme.test")
    fake.add_employee(email="c@acme.test")
    page = await engage.employees.get_employees(external_id=["B", "Z"])
    assert [employee.external_id for employee in page.data] == ["B"]
    assert page.meta.total_count == 1


async def test_a_list_hook_changes_the_data_before_a_page_is_served(engage: PexipEngage, fake: FakePexipEngage) -> None:
    first = fake.add_employee(email="first@acme.test")["id"]
    seen: list[Mapping[str, Any]] = []

    def hook(enterprise: FakeEnterprise, query: Mapping[str, Any]) -> None:
        seen.append(query)
        if query.get("offset") == "1":
            enterprise.insert("/employees", 0, email="inserted@acme.test")

    fake.before_list("getEmployees", hook)
    fake.add_employee(email="second@acme.test")
    page = await engage.employees.get_employees(offset=0, limit=1)
    assert [e.email for e in page.data] == ["first@acme.test"]
    following = await page.next_page()
    assert following is not None
    assert [e.email for e in following.data] == ["first@acme.test"]  # pushed one place on: it comes twice
    assert following.meta.total_count == 3
    assert seen == [{"offset": "0", "limit": "1"}, {"offset": "1", "limit": "1"}]
    assert fake.remove("/employees", first)["email"] == "first@acme.test"
    fake.before_list("getEmployees", None)
    assert [e.email async for e in engage.employees.get_employees()] == ["inserted@acme.test", "second@acme.test"]
    with pytest.raises(ValueError, match="not a list operation"):
        fake.before_list("getEmployeeById", hook)
    with pytest.raises(ValueError, match="not an operation"):
        fake.before_list("getWormholes", hook)


async def test_the_rate_limit_answers_429_with_retry_after_in_whole_seconds() -> None:
    fake = FakePexipEngage()
    fake.limit_rate(2, burst=2)
    employee = fake.add_employee()["id"]
    async with PexipEngage("acme", token=TOKEN, transport=fake, max_retries=0) as engage:
        await engage.employees.get_employee_by_id(employee)
        await engage.employees.get_employee_by_id(employee)
        with pytest.raises(errors.RateLimitError) as refused:
            await engage.employees.get_employee_by_id(employee)
    assert refused.value.retry_after == 1
    assert fake.rate_limited == 1
    assert fake.calls[-1].fault  # an answer the test asked for, outside the spec's documented ones
    fake.limit_rate(None)
    assert fake.rate_limited == 0
    with pytest.raises(ValueError, match="per_second must be a positive number"):
        fake.limit_rate(0)
    with pytest.raises(ValueError, match="burst must be at least 1"):
        fake.limit_rate(5, burst=0)
