"""List operations: the first page when awaited, every item once and in order when iterated.

The first tests go through the generated methods and the fake; the walk on its own (`AsyncPages`
over a `Server` of integers that can delay or fail pages) follows.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx
import pytest

from pexip_engage_client import PexipEngage, errors, models
from pexip_engage_client._runtime import AsyncPages, Page
from pexip_engage_client.testing import FakePexipEngage

from .conftest import TOKEN, answer, client_for, operation_example
from .loopback import serve, transport_app


@pytest.fixture
def staff(fake: FakePexipEngage) -> list[str]:
    """57 employees in the fake, their ids in insertion order."""
    return [fake.add_employee(status="SUSPENDED" if n % 10 == 0 else "ACTIVE")["id"] for n in range(57)]


async def test_awaiting_gives_the_first_page_with_meta(engage: PexipEngage, staff: list[str]) -> None:
    page = await engage.employees.get_employees(limit=20)
    assert [employee.id for employee in page.data] == staff[:20]
    assert (page.meta.offset, page.meta.limit, page.meta.total_count) == (0, 20, 57)
    assert page.has_next_page

    second = await page.next_page()
    assert second is not None
    assert [employee.id for employee in second.data] == staff[20:40]
    third = await second.next_page()
    assert third is not None
    assert [employee.id for employee in third.data] == staff[40:]
    assert not third.has_next_page
    assert await third.next_page() is None


async def test_async_for_walks_every_item_once_and_in_order(
    engage: PexipEngage, fake: FakePexipEngage, staff: list[str]
) -> None:
    seen = [employee.id async for employee in engage.employees.get_employees(limit=10)]
    assert seen == staff
    offsets = [request.url.params["offset"] for request in fake.requests]
    assert sorted(offsets, key=int) == ["0", "10", "20", "30", "40", "50"]


async def test_iteration_starts_at_the_given_offset_and_keeps_filters(
    engage: PexipEngage, fake: FakePexipEngage, staff: list[str]
) -> None:
    suspended = [e["id"] for e in fake.employees.values() if e["status"] == "SUSPENDED"]
    seen = [e.id async for e in engage.employees.get_employees(status=[models.EmployeeStatus.SUSPENDED], limit=2)]
    assert seen == suspended
    assert all(r.url.params.get_list("status") == ["SUSPENDED"] for r in fake.requests)

    fake.requests.clear()
    tail = [e.id async for e in engage.employees.get_employees(offset=50, limit=5)]
    assert tail == staff[50:]


async def test_array_filters_go_out_as_repeated_query_parameters() -> None:
    engage, recorder = client_for(answer(200, operation_example("/employees", "get", "200")))
    async with engage:
        await engage.employees.get_employees(
            id=["a", "b"],
            available_role=[models.EmployeeRole.AGENT, models.EmployeeRole.ADMIN],
            offset=50,
            limit=100,
            accept_language="nl",
        )
    request = recorder.last
    assert request.url.path == "/enterprises/acme/employees"
    assert request.url.query == b"id=a&id=b&available-role=AGENT&available-role=ADMIN&offset=50&limit=100"
    assert request.headers["Accept-Language"] == "nl"


async def test_later_pages_are_fetched_concurrently_but_bounded() -> None:
    """Against a loopback server that answers each page after 50 ms and counts pages in flight."""
    fake = FakePexipEngage()
    for _ in range(100):
        fake.add_employee()
    in_flight = peak = 0

    class SlowTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.05)
            in_flight -= 1
            return await fake.handle_async_request(request)

    with serve(transport_app(SlowTransport())) as root:
        async with PexipEngage("acme", token=TOKEN, base_url=root) as engage:
            pages = engage.employees.get_employees(limit=10)
            seen = [employee.id async for employee in pages.items(concurrency=3)]
    assert seen == list(fake.employees)
    assert peak == 3


async def test_stopping_early_sends_no_more_requests(engage: PexipEngage, fake: FakePexipEngage) -> None:
    for _ in range(100):
        fake.add_employee()
    pages = engage.employees.get_employees(limit=5).items(concurrency=4)
    first_three = [await anext(pages) for _ in range(3)]
    await pages.aclose()
    assert len(first_three) == 3
    assert len(fake.requests) <= 5  # the first page, and at most 4 in flight
    await asyncio.sleep(0.01)
    assert len(fake.requests) <= 5  # nothing more was started after the caller stopped


async def test_a_failing_page_raises_the_library_error_from_the_iteration() -> None:
    first = {"data": [{"id": "1", "function": None}], "meta": {"offset": 0, "limit": 1, "totalCount": 3}}

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.params["offset"] == "0":
            return httpx.Response(200, json=first)
        return httpx.Response(404, json={"errors": [{"message": "gone", "code": "NOT_FOUND", "type": "X",
                                                     "statusCode": "404"}]})  # fmt: skip

    seen: list[str] = []

    async def walk(engage: PexipEngage) -> None:
        async for employee in engage.employees.get_employees(limit=1):
            seen.append(employee.id)

    engage, _ = client_for(respond)
    async with engage:
        with pytest.raises(errors.NotFoundError):
            await walk(engage)
    assert seen == ["1"]


async def test_the_raw_response_of_a_list_operation_is_the_whole_first_page() -> None:
    engage, _ = client_for(answer(200, operation_example("/subject-groups", "get", "200")))
    async with engage:
        response = await engage.subject_groups.with_raw_response.get_subject_groups(limit=25)
    assert response.status_code == 200
    assert response.data.meta.total_count == 42
    assert response.data.data[0].color == "#89d0c1"


async def test_an_empty_list_is_one_request(engage: PexipEngage, fake: FakePexipEngage) -> None:
    assert [e async for e in engage.employees.get_employees()] == []
    page = await engage.employees.get_employees()
    assert page.data == []
    assert not page.has_next_page
    assert len(fake.requests) == 2


async def test_concurrency_must_be_positive(engage: PexipEngage) -> None:
    with pytest.raises(ValueError, match="concurrency"):
        await anext(engage.employees.get_employees().items(concurrency=0))


# --- the walk on its own -----------------------------------------------------------------------


@dataclass
class Meta:
    offset: int
    limit: int
    total_count: int


@dataclass
class Envelope:
    data: list[int]
    meta: Meta


@dataclass
class Server:
    """A list of `total` integers served in pages of `limit`; records and can delay each fetch."""

    total: int
    limit: int
    delays: dict[int, float] = field(default_factory=dict)  # offset -> seconds before answering
    fail_at: int | None = None
    requested: list[int] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    cancelled: list[int] = field(default_factory=list)

    async def fetch(self, offset: int) -> Envelope:
        self.requested.append(offset)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delays.get(offset, 0))
            if offset == self.fail_at:
                raise RuntimeError(f"page at {offset} failed")
            items = list(range(offset, min(offset + self.limit, self.total)))
            return Envelope(items, Meta(offset, self.limit, self.total))
        except asyncio.CancelledError:
            self.cancelled.append(offset)
            raise
        finally:
            self.in_flight -= 1


async def test_awaiting_gives_the_page_at_the_starting_offset() -> None:
    server = Server(total=25, limit=10)
    page = await AsyncPages(server.fetch, 10)
    assert page.data == list(range(10, 20))
    assert page.meta.offset == 10
    assert server.requested == [10]


async def test_next_page_follows_the_items_received_and_ends_with_none() -> None:
    server = Server(total=25, limit=10)
    page: Page[int] | None = await AsyncPages(server.fetch, 0)
    seen = []
    while page is not None:
        seen += page.data
        page = await page.next_page()
    assert seen == list(range(25))
    assert server.requested == [0, 10, 20]


def test_an_empty_page_is_the_last_whatever_the_total_says() -> None:
    async def never(offset: int) -> Envelope:
        raise AssertionError("no fetch expected")

    assert not Page([], Meta(0, 10, 99), never).has_next_page
    assert Page([1], Meta(0, 10, 99), never).has_next_page
    assert not Page([1], Meta(98, 10, 99), never).has_next_page


async def test_items_come_in_order_when_later_pages_answer_first() -> None:
    # Page 10 is slowest, page 40 fastest: the answers arrive in reverse, the items must not.
    server = Server(total=50, limit=10, delays={10: 0.04, 20: 0.03, 30: 0.02, 40: 0.01})
    assert [item async for item in AsyncPages(server.fetch, 0)] == list(range(50))
    assert sorted(server.requested) == [0, 10, 20, 30, 40]


@pytest.mark.parametrize("concurrency", [1, 2, 4])
async def test_no_more_pages_in_flight_than_asked(concurrency: int) -> None:
    server = Server(total=100, limit=10, delays=dict.fromkeys(range(0, 100, 10), 0.005))
    items = [item async for item in AsyncPages(server.fetch, 0).items(concurrency=concurrency)]
    assert items == list(range(100))
    assert server.most_in_flight == concurrency


async def test_stopping_early_cancels_the_pages_in_flight() -> None:
    server = Server(total=1000, limit=10, delays=dict.fromkeys(range(20, 1000, 10), 10.0))
    items = AsyncPages(server.fetch, 0).items(concurrency=3)
    assert [await anext(items) for _ in range(20)] == list(range(20))  # pages 20 and 30 are on their way
    await asyncio.wait_for(items.aclose(), timeout=1)  # not 10 s: the slow fetches are cancelled
    assert {20, 30} <= set(server.cancelled)
    assert server.in_flight == 0


async def test_a_failing_page_raises_and_cancels_the_others() -> None:
    server = Server(total=100, limit=10, fail_at=20, delays={30: 10.0, 40: 10.0})
    seen: list[int] = []

    async def walk() -> None:
        async for item in AsyncPages(server.fetch, 0).items(concurrency=4):
            seen.append(item)

    with pytest.raises(RuntimeError, match="page at 20 failed"):
        await walk()
    assert seen == list(range(20))
    assert sorted(server.cancelled) == [30, 40]
    assert server.in_flight == 0


async def test_without_a_limit_in_meta_the_page_size_is_the_first_pages_length() -> None:
    async def fetch(offset: int) -> Envelope:
        return Envelope(list(range(offset, min(offset + 3, 7))), Meta(offset, 0, 7))

    assert [item async for item in AsyncPages(fetch, 0)] == list(range(7))


async def test_an_empty_first_page_ends_iteration() -> None:
    server = Server(total=0, limit=10)
    assert [item async for item in AsyncPages(server.fetch, 0)] == []
    assert server.requested == [0]
