"""The consistent listing: shifts under the walk are seen, the walk is read again, or it says it is incomplete."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.provisioning import list_employees, read_consistently
from pexip_engage_client.testing import FakeEnterprise, FakePexipEngage

from ..support.employees import seed


def on_page(fake: FakePexipEngage, offsets: dict[int, Any]) -> list[int]:
    """Run `offsets[offset](enterprise)` once, before the walk's page at that offset is served."""
    served: list[int] = []

    def hook(enterprise: FakeEnterprise, query: Mapping[str, Any]) -> None:
        offset = int(query.get("offset", 0))
        served.append(offset)
        change = offsets.pop(offset, None) if "external-id" not in query else None
        if change is not None:
            change(enterprise)

    fake.before_list("getEmployees", hook)
    return served


async def test_a_quiet_list_is_read_once(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 23)
    listing = await list_employees(engage, page_size=10)
    assert (listing.complete, listing.shifts, listing.requests) == (True, 0, 3)
    assert (listing.total_before, listing.total_after) == (23, 23)
    assert [e["externalId"] for e in listing.items] == [f"EXT-{i:04d}" for i in range(23)]
    offsets = [call.request.url.params["offset"] for call in fake.calls_to("getEmployees")]
    assert offsets == ["0", "9", "18"]  # each page re-reads the last item of the one before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda e: e.insert("/employees", 2, email="new@acme.test"), id="added-before"),
        pytest.param(lambda e: e.remove("/employees", next(iter(e.items("/employees")))), id="removed-before"),
        pytest.param(  # the total stays, and an item would come twice
            lambda e: (
                e.insert("/employees", 0, email="new@acme.test"),
                e.remove("/employees", list(e.items("/employees"))[-1]),
            ),
            id="added-before-removed-after",
        ),
        pytest.param(  # the total stays, and an item would be skipped
            lambda e: (
                e.remove("/employees", next(iter(e.items("/employees")))),
                e.insert("/employees", 30, email="new@acme.test"),
            ),
            id="removed-before-added-after",
        ),
        pytest.param(  # more removed than the walk looks back for: it starts again
            lambda e: [e.remove("/employees", key) for key in list(e.items("/employees"))[:9]],
            id="page-removed",
        ),
    ],
)
async def test_a_shift_during_the_walk_is_seen_and_followed(
    engage: PexipEngage, fake: FakePexipEngage, change: Any
) -> None:
    seed(fake, 23)
    on_page(fake, {9: change})
    listing = await list_employees(engage, page_size=10)
    assert listing.complete is True
    assert listing.shifts >= 1
    assert [e["id"] for e in listing.items] == list(fake.employees)
    assert listing.total_before == 23
    assert listing.total_after == len(fake.employees)


async def test_a_walk_out_of_attempts_says_so_and_keeps_what_it_read(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    seed(fake, 23)
    present = set(fake.employees)
    on_page(fake, {9: lambda e: e.insert("/employees", 0, email="new@acme.test")})
    listing = await list_employees(engage, page_size=10, attempts=1)
    assert listing.complete is False
    assert listing.reason == "the list kept changing during the walk (2 shifts seen)"
    assert {e["id"] for e in listing.items} == present  # every item there throughout, once


async def test_a_list_that_keeps_changing_is_reported_incomplete(engage: PexipEngage, fake: FakePexipEngage) -> None:
    seed(fake, 23)
    counter = iter(range(1000))

    def churn(enterprise: FakeEnterprise, query: Mapping[str, Any]) -> None:
        enterprise.insert("/employees", 0, email=f"new{next(counter)}@acme.test")

    fake.before_list("getEmployees", churn)
    listing = await list_employees(engage, page_size=10, attempts=3)
    assert (listing.complete, listing.shifts) == (False, 4)
    assert listing.reason == "the list kept changing during the walk (4 shifts seen)"


async def test_a_list_contradicting_itself_is_not_complete() -> None:
    pages = {0: [{"id": "a"}, {"id": "b"}], 1: [{"id": "b"}, {"id": "a"}]}

    async def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        return pages[offset], 3

    listing = await read_consistently(fetch, page_size=2, attempts=2)
    assert listing.complete is False
    assert listing.reason is not None
    with pytest.raises(ValueError, match="overlap < page_size"):
        await read_consistently(fetch, page_size=2, overlap=2)


async def test_a_static_list_shorter_than_its_total_is_not_complete() -> None:
    async def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        return ([{"id": "a"}, {"id": "b"}] if offset == 0 else []), 5

    listing = await read_consistently(fetch, page_size=2)
    assert (listing.complete, listing.reason) == (False, "read 2 items where the total says 5")
