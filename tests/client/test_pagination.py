"""List operations: the first page when awaited, every item in order when iterated.

The first tests go through the generated methods and the fake; the walk on its own (`AsyncPages`
over a `Server` of integers that can delay, fail, cap or shorten pages and lie about the total)
follows; the last run the faults a real server's paging can have over HTTP on 127.0.0.1, through
every sender, and pin down what items added or removed during a walk do.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client import Governor, PexipEngage, errors, models
from pexip_engage_client._runtime import UNSET, AsyncPages, Page, pagination
from pexip_engage_client.testing import FakePexipEngage

from ..senders.test_senders import SENDERS, client
from ..support.clients import TOKEN, answer, client_for
from ..support.loopback import serve, transport_app
from ..support.spec import operation_example


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

    class SlowTransport(httpx2.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
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


@pytest.mark.parametrize("concurrency", [1, 2])
async def test_through_a_client_no_more_pages_in_flight_than_asked(concurrency: int) -> None:
    # The client's governor sets the walk's window (issue 78: a window of 3 for `concurrency=1`
    # passed every quick test): the pages, each answered after a delay, overlap as far as allowed.
    server = Server(total=60, limit=10, delays=dict.fromkeys(range(0, 60, 10), 0.005))
    async with PexipEngage("acme", token=TOKEN, transport=server) as engage:
        pages = engage.employees.get_employees(limit=10)
        seen = [employee.id async for employee in pages.items(concurrency=concurrency)]
    assert seen == [str(item) for item in range(60)]
    assert server.most_in_flight == concurrency
    assert sorted(server.requested) == list(range(0, 60, 10))


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


async def test_a_walk_stopped_within_the_first_page_sends_two_requests(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    for _ in range(100):
        fake.add_employee()
    async for _ in engage.employees.get_employees(limit=5):
        break
    await asyncio.sleep(0.01)
    assert len(fake.requests) == 2  # the first page, and the one page fetched ahead


async def test_get_appointments_pages_with_offset_and_limit(engage: PexipEngage, fake: FakePexipEngage) -> None:
    ids = [fake.add_appointment()["id"] for _ in range(30)]
    page = await engage.appointments.get_appointments(offset=5, limit=10)
    assert [appointment.id for appointment in page.data] == ids[5:15]
    assert (page.meta.offset, page.meta.limit, page.meta.total_count) == (5, 10, 30)
    assert [appointment.id async for appointment in engage.appointments.get_appointments()] == ids
    # The walk asks for the largest page: 30 appointments are one request, not two of 25.
    assert [(request.url.params["offset"], request.url.params["limit"]) for request in fake.requests[1:]] == [
        ("0", "1000")
    ]


async def test_a_failing_page_raises_the_library_error_from_the_iteration() -> None:
    first = {"data": [{"id": "1", "function": None}], "meta": {"offset": 0, "limit": 1, "totalCount": 3}}

    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.url.params["offset"] == "0":
            return httpx2.Response(200, json=first)
        return httpx2.Response(
            404, json={"errors": [{"message": "gone", "code": "NOT_FOUND", "type": "X", "statusCode": "404"}]}
        )

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


@pytest.mark.slow
async def test_a_walk_asks_for_the_largest_page_the_operation_documents(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    for _ in range(2100):
        fake.add_employee()
    fake.add("/regions", countryCode="BE")
    walked = [employee.id async for employee in engage.employees.get_employees()]
    assert walked == list(fake.employees)
    # No maximum in the spec for getEmployees: 1,000, the one the documentation states elsewhere.
    assert [request.url.params["limit"] for request in fake.requests] == ["1000"] * 3
    fake.requests.clear()
    assert len([region async for region in engage.regions.get_regions(country_code="BE")]) == 1
    assert fake.requests[0].url.params["limit"] == "1000"  # getRegions: `maximum: 1000` in the spec


async def test_a_walk_keeps_the_limit_the_caller_chose_and_a_first_page_its_default(
    engage: PexipEngage, fake: FakePexipEngage
) -> None:
    for _ in range(30):
        fake.add_employee()
    assert len([employee async for employee in engage.employees.get_employees(limit=10)]) == 30
    assert [request.url.params["limit"] for request in fake.requests] == ["10"] * 3
    fake.requests.clear()
    # The documented default, chosen explicitly, is a choice too: the walk keeps it.
    assert len([employee async for employee in engage.employees.get_employees(limit=25)]) == 30
    assert [request.url.params["limit"] for request in fake.requests] == ["25"] * 2
    fake.requests.clear()
    page = await engage.employees.get_employees()  # awaited: one page, the server's default size (25)
    assert (len(page.data), "limit" in fake.requests[0].url.params) == (25, False)
    following = await page.next_page()
    assert following is not None
    assert (len(following.data), "limit" in fake.requests[1].url.params) == (5, False)


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


class RunawayError(AssertionError):
    """A walk asked for more pages than a test allows: it would not have stopped by itself."""


@dataclass
class Server(httpx2.AsyncBaseTransport):
    """A list of the integers 0 to `total` served in pages of `limit`, with the faults of a real server.

    `fetch` serves it in process; as an httpx2 transport (served on 127.0.0.1 with
    `serve(transport_app(server))`) it answers `GET .../employees` with employees whose ids are the
    integers, at the `limit` the request asks for. Either way it records each offset asked for.
    """

    total: int
    limit: int = 100
    reported_total: int | None = None  # the `totalCount` to report instead of the true one
    cap: int | None = None  # the most items a page holds, whatever the limit (reported as asked)
    short: dict[int, int] = field(default_factory=dict)  # offset -> how many items that page holds
    after_first: Callable[[list[int]], None] | None = None  # changes the list once page 0 is answered
    ignores_offset: bool = False  # answers page 0 (`meta.offset` 0) whatever offset is asked for
    delays: dict[int, float] = field(default_factory=dict)  # offset -> seconds before answering
    fail_at: int | None = None
    untold: set[int] | None = field(default_factory=set)  # pages with `totalCount` null (None: every page)
    budget: int = 500  # requests past this many raise RunawayError (over HTTP: a 404)
    requested: list[int] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    cancelled: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.items = list(range(self.total))

    async def fetch(self, offset: int, limit: int | None = None) -> Envelope:
        limit = self.limit if limit is None else limit
        self.requested.append(offset)
        offset = 0 if self.ignores_offset else offset
        if len(self.requested) > self.budget:
            raise RunawayError(f"more than {self.budget} pages asked for: {self.requested[-5:]}...")
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delays.get(offset, 0))
            if offset == self.fail_at:
                raise RuntimeError(f"page at {offset} failed")
            size = min(limit, self.cap or limit, self.short.get(offset, limit))
            total = len(self.items) if self.reported_total is None else self.reported_total
            if self.untold is None or offset in self.untold:  # the API sent it null (issue 75)
                total = None  # type: ignore[assignment]
            envelope = Envelope(self.items[offset : offset + size], Meta(offset, limit, total))
            if offset == 0 and self.after_first is not None:
                self.after_first(self.items)
            return envelope
        except asyncio.CancelledError:
            self.cancelled.append(offset)
            raise
        finally:
            self.in_flight -= 1

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        params = request.url.params
        try:
            envelope = await self.fetch(int(params["offset"]), int(params["limit"]))
        except RunawayError as runaway:
            problem = {"message": str(runaway), "code": "NOT_FOUND", "type": "X", "statusCode": "404"}
            return httpx2.Response(404, json={"errors": [problem]})
        meta = envelope.meta
        return httpx2.Response(
            200,
            json={
                "data": [{"id": str(item), "function": None} for item in envelope.data],
                "meta": {"offset": meta.offset, "limit": meta.limit, "totalCount": meta.total_count},
            },
        )


async def consume(items: AsyncIterator[int]) -> list[int]:
    return [item async for item in items]


async def collect(items: AsyncIterator[int], seen: list[int]) -> None:
    """The items walked, into `seen`, as they come (so that a test sees those before an error)."""
    async for item in items:
        seen.append(item)


async def walk_by_next_page(fetch: Callable[[int], Awaitable[Envelope]]) -> list[int]:
    """Every item, one `next_page()` after the other."""
    page: Page[int] | None = await AsyncPages(fetch, 0)
    seen: list[int] = []
    while page is not None:
        seen += page.data
        page = await page.next_page()
    return seen


async def test_awaiting_gives_the_page_at_the_starting_offset() -> None:
    server = Server(total=25, limit=10)
    page = await AsyncPages(server.fetch, 10)
    assert page.data == list(range(10, 20))
    assert page.meta.offset == 10
    assert server.requested == [10]


async def test_next_page_follows_the_items_received_and_ends_with_none() -> None:
    server = Server(total=25, limit=10)
    assert await walk_by_next_page(server.fetch) == list(range(25))
    assert server.requested == [0, 10, 20]


def test_an_empty_page_is_the_last_whatever_the_total_says() -> None:
    async def never(offset: int) -> Envelope:
        raise AssertionError("no fetch expected")

    assert not Page(Envelope([], Meta(0, 10, 99)), never, 0).has_next_page
    assert Page(Envelope([1], Meta(0, 10, 99)), never, 0).has_next_page
    assert not Page(Envelope([1], Meta(98, 10, 99)), never, 98).has_next_page


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
    assert sorted(server.requested) == list(range(0, 100, 10))  # full pages: nothing asked twice


async def test_the_pages_fetched_ahead_grow_fourfold_as_the_caller_moves_on() -> None:
    server = Server(total=1000, limit=10)
    started: list[int] = []  # how many pages were asked for when each page's first item came
    async for item in AsyncPages(server.fetch, 0).items(concurrency=16):
        if item % 10 == 0:
            await asyncio.sleep(0)  # lets the fetches just planned start
            started.append(len(server.requested))
        if item == 79:
            break
    # At page n: the n pages handed out or being handed out, and 1, 4, then 16 (the window) ahead.
    assert started == [1 + 1, 2 + 4, 3 + 16, 4 + 16, 5 + 16, 6 + 16, 7 + 16, 8 + 16]


async def test_stopping_early_cancels_the_pages_in_flight() -> None:
    server = Server(total=1000, limit=10, delays=dict.fromkeys(range(20, 1000, 10), 10.0))
    items = AsyncPages(server.fetch, 0).items(concurrency=3)
    assert [await anext(items) for _ in range(20)] == list(range(20))  # pages 20 and 30 are on their way
    for _ in range(500):  # until their fetches have started (not only been scheduled), 5 s at most
        if {20, 30} <= set(server.requested):
            break
        await asyncio.sleep(0.01)
    await asyncio.wait_for(items.aclose(), timeout=1)  # not 10 s: the slow fetches are cancelled
    assert {20, 30} <= set(server.cancelled)
    assert server.in_flight == 0


async def test_a_failing_page_raises_and_cancels_the_others() -> None:
    # Once page 20 is handed out, pages 30 to 60 are in flight (the window of 4): 30 fails.
    server = Server(total=100, limit=10, fail_at=30, delays={30: 0.05, 40: 10.0, 50: 10.0, 60: 10.0})
    seen: list[int] = []

    async def walk() -> None:
        async for item in AsyncPages(server.fetch, 0).items(concurrency=4):
            seen.append(item)

    with pytest.raises(RuntimeError, match="page at 30 failed"):
        await walk()
    assert seen == list(range(30))
    assert sorted(server.cancelled) == [40, 50, 60]
    assert server.in_flight == 0


async def test_without_a_limit_in_meta_the_page_size_is_the_first_pages_length() -> None:
    async def fetch(offset: int) -> Envelope:
        return Envelope(list(range(offset, min(offset + 3, 7))), Meta(offset, 0, 7))

    assert [item async for item in AsyncPages(fetch, 0)] == list(range(7))


async def test_an_empty_first_page_ends_iteration() -> None:
    server = Server(total=0, limit=10)
    assert [item async for item in AsyncPages(server.fetch, 0)] == []
    assert server.requested == [0]


async def test_a_total_larger_than_the_data_ends_the_walk_at_the_data() -> None:
    server = Server(total=250, limit=100, reported_total=10_000_000)
    assert [item async for item in AsyncPages(server.fetch, 0).items(concurrency=4)] == list(range(250))
    # Up to five pages fetched ahead (page 0's four, one more as page 100 came); page 200 held 50,
    # so those past it were dropped and 250 asked for alone: empty, the end.
    assert server.requested[-1] == 250
    assert len(server.requested) <= 7


async def test_an_empty_page_cancels_the_pages_fetched_beyond_it() -> None:
    slow = dict.fromkeys(range(300, 10_000, 100), 10.0)
    server = Server(total=200, limit=100, reported_total=10_000_000, delays=slow)
    walk = AsyncPages(server.fetch, 0).items(concurrency=4)
    assert await asyncio.wait_for(consume(walk), timeout=5) == list(range(200))  # not 10 s
    assert server.requested[:3] == [0, 100, 200]
    assert max(server.requested) <= 500  # nothing asked for after page 200 came back empty
    assert sorted(server.cancelled) == sorted(server.requested[3:])  # and what was beyond it cancelled
    assert server.in_flight == 0


async def test_a_short_page_is_followed_from_where_it_ended() -> None:
    server = Server(total=1000, limit=100, short={300: 40})
    assert [item async for item in AsyncPages(server.fetch, 0).items(concurrency=4)] == list(range(1000))
    # The pages fetched ahead assuming page 300 full (400 on) were dropped and 340 asked for alone;
    # the later ones follow on from it.
    after_the_short_page = server.requested[server.requested.index(340) :]
    assert after_the_short_page == list(range(340, 1000, 100))


async def test_a_page_size_capped_below_the_limit_skips_nothing_and_guesses_right() -> None:
    server = Server(total=1000, limit=250, cap=100)  # `meta.limit` says 250, pages hold 100
    assert [item async for item in AsyncPages(server.fetch, 0).items(concurrency=4)] == list(range(1000))
    assert server.requested == list(range(0, 1000, 100))


async def test_a_server_that_ignores_the_offset_cannot_hold_the_walk_in_place() -> None:
    # Every answer is page 0: the walk goes on from the offset it asked for, not the one echoed.
    server = Server(total=50, limit=10, ignores_offset=True)
    walk = AsyncPages(server.fetch, 0).items(concurrency=4)
    assert await asyncio.wait_for(consume(walk), timeout=5) == list(range(10)) * 5
    assert sorted(server.requested) == [0, 10, 20, 30, 40]


async def never(offset: int) -> Envelope:
    raise AssertionError("no fetch expected")


NO_TOTAL: Any = None  # `meta.totalCount` as null


def test_a_page_met_again_within_itself_shows_as_its_name_only() -> None:
    """IPython's `cycle`: the printer met the page already, on its way to this one."""
    shown: list[str] = []
    Page(Envelope([1], Meta(0, 10, 1)), never, 0)._repr_pretty_(SimpleNamespace(text=shown.append), True)
    assert shown == ["Page(...)"]


def test_a_total_of_zero_is_a_total() -> None:
    # Not taken for a missing total, after which a page as full as its limit would be followed.
    assert not Page(Envelope([1, 2], Meta(0, 2, 0)), never, 0).has_next_page


def test_without_a_total_a_page_shorter_than_its_limit_is_the_last() -> None:
    assert Page(Envelope([1, 2], Meta(0, 2, NO_TOTAL)), never, 0).has_next_page
    assert not Page(Envelope([1], Meta(0, 2, NO_TOTAL)), never, 0).has_next_page


@pytest.mark.parametrize(("total", "asked"), [(25, [0, 10, 20]), (20, [0, 10, 20])], ids=["short", "empty"])
async def test_a_walk_without_a_total_ends_at_a_short_or_an_empty_page(total: int, asked: list[int]) -> None:
    server = Server(total=total, limit=10, untold=None)
    assert await consume(AsyncPages(server.fetch, 0).items(concurrency=4)) == list(range(total))
    assert server.requested == asked  # one page at a time: no total to plan ahead with


@pytest.mark.parametrize(("total_count", "kind"), [(None, "null"), ("60", "type"), (True, "type"), (UNSET, "missing")])
async def test_the_bound_counts_the_pages_without_a_readable_total(total_count: Any, kind: str) -> None:
    """Pages 0, 10 and 30 have no readable total, page 20 has one: the bound of 3 is reached after page 30."""
    server = Server(total=60, limit=10)

    async def fetch(offset: int) -> Envelope:
        envelope = await server.fetch(offset)
        if offset != 20:
            envelope.meta.total_count = total_count
        return envelope

    seen: list[int] = []
    with pytest.raises(errors.UnusableAnswerError) as raised:
        await collect(AsyncPages(fetch, 0).items(max_pages_without_total=3), seen)
    assert seen == list(range(40))  # every item of the pages fetched, none after them
    error = raised.value
    assert (error.feature, error.pointer, error.kind) == ("items", "/meta/totalCount", kind)
    assert error.needed == "to know where the list ends, after 3 pages without it"


async def test_a_page_without_items_is_refused_as_unusable() -> None:

    async def fetch(offset: int) -> Envelope:
        return Envelope(UNSET, Meta(offset, 10, 30))  # type: ignore[arg-type]

    with pytest.raises(errors.UnusableAnswerError) as raised:
        await consume(AsyncPages(fetch, 0).items())
    error = raised.value
    assert (error.pointer, error.kind, error.needed) == ("/data", "missing", "for the items of the page")
    assert str(error).startswith("items stopped: /data was absent, unlike openapi.yaml, and it is needed for the")


async def test_until_empty_asks_one_page_at_a_time_until_one_is_empty_and_reads_no_meta() -> None:
    server = Server(total=25, limit=10, reported_total=10)  # a total (or page 20's limit) would end it sooner
    assert await consume(AsyncPages(server.fetch, 0).items(concurrency=4, until_empty=True)) == list(range(25))
    assert server.requested == [0, 10, 20, 25]
    assert server.most_in_flight == 1


async def test_until_empty_ends_at_a_page_repeating_the_one_before_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = Server(total=50, limit=10, ignores_offset=True)
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        assert await consume(AsyncPages(server.fetch, 0).items(until_empty=True)) == list(range(10))
    assert server.requested == [0, 10]
    assert walk_warnings(caplog) == ["The list answered the same page at the next offset (10); the walk ends there"]


async def test_a_total_that_changes_during_a_walk_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    server = Server(total=30, limit=10)

    async def fetch(offset: int) -> Envelope:
        envelope = await server.fetch(offset)
        envelope.meta.total_count += offset // 10  # 30, then 31, 32 and 33: the list grows as it is walked
        return envelope

    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        assert await consume(AsyncPages(fetch, 0).items(concurrency=1)) == list(range(30))
    assert walk_warnings(caplog) == [
        "The list's total went from 30 to 31 during the walk: items added or removed before the walk's "
        "position make later ones come twice or be skipped"
    ]


async def test_the_walks_arguments_are_refused_naming_them() -> None:
    pages = AsyncPages(Server(total=5).fetch, 0)
    with pytest.raises(ValueError, match=r"^concurrency must be a positive integer, or None \(got 0\)$"):
        await anext(pages.items(concurrency=0))
    with pytest.raises(ValueError, match=r"^max_pages_without_total must be a positive integer \(got 0\)$"):
        await anext(pages.items(max_pages_without_total=0))


async def test_through_a_client_a_walk_left_to_the_governor_leaves_it_a_call() -> None:
    # No `concurrency`: the window is the governor's 4 calls in flight less one, not the walk's own 16.
    # A governor of its own, without a pace: the default one of the loop may pace what earlier tests used.
    server = Server(total=60, limit=10, delays=dict.fromkeys(range(0, 60, 10), 0.005))
    governor = Governor(max_in_flight=4, rate=None)
    async with PexipEngage("acme", token=TOKEN, transport=server, governor=governor) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees(limit=10)]
    assert seen == [str(item) for item in range(60)]
    assert server.most_in_flight == 3


CALLER: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="")


def test_a_sync_walks_page_ahead_is_fetched_in_a_thread_of_its_own_in_the_callers_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sync twin's pages ahead (`_PageInAThread`): one thread each, named for the walk, in the caller's context;
    a page's error is raised where it is waited for; after a fork, the child fetches the page itself."""
    fetched: list[tuple[int, str, str]] = []

    def fetch(offset: int) -> int:
        fetched.append((offset, threading.current_thread().name, CALLER.get()))
        if offset < 0:
            raise RuntimeError("no such page")
        return offset * 2

    token = CALLER.set("the walk's caller")  # a context variable of this test's only
    page = pagination._PageInAThread(fetch, 10)
    assert page.result(timeout=5) == 20
    assert fetched == [(10, "pexip-engage-walk", "the walk's caller")]
    assert not page.cancel()  # done: nothing to cancel
    failing = pagination._PageInAThread(fetch, -1)
    with pytest.raises(RuntimeError, match="no such page"):
        failing.result(timeout=5)

    monkeypatch.setattr(pagination, "generation", lambda: page.generation + 1)  # as in a forked child
    assert page.result() == 20
    assert fetched[-1] == (10, threading.current_thread().name, "the walk's caller")  # fetched again, here
    assert page.cancel()  # the parent's thread is not in this process: nothing to wait for
    assert not page.made_here()  # so a sync walk's discard waits for neither
    assert not failing.made_here()
    CALLER.reset(token)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    total=st.integers(0, 60),
    limit=st.integers(1, 12),
    cap=st.none() | st.integers(1, 12),
    excess=st.sampled_from([0, 0, 1, 7, 10_000]),
    short=st.dictionaries(st.integers(0, 60), st.integers(1, 12), max_size=4),
    empty_at=st.none() | st.integers(1, 60),
    concurrency=st.integers(1, 6),
)
def test_the_walk_and_next_page_follow_one_rule(
    *,
    total: int,
    limit: int,
    cap: int | None,
    excess: int,
    short: dict[int, int],
    empty_at: int | None,
    concurrency: int,
) -> None:
    def server() -> Server:
        holds = short | ({} if empty_at is None else {empty_at: 0})
        return Server(total, limit, reported_total=total + excess, cap=cap, short=holds)

    async def both() -> tuple[list[int], list[int], Server]:
        walked = server()
        items = [item async for item in AsyncPages(walked.fetch, 0).items(concurrency=concurrency)]
        return items, await walk_by_next_page(server().fetch), walked

    items, paged, walked = asyncio.run(both())
    assert items == paged
    # Short pages or a total past the data lose nothing; only an empty page ends the list early.
    assert items == list(range(len(items)))
    assert len(items) in (total, empty_at)
    # Each page used asks for at most one window of guesses past it (its short successor aside).
    assert len(walked.requested) <= (len(items) + 1) * (concurrency + 1)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    total=st.integers(0, 60),
    limit=st.integers(1, 12),
    excess=st.sampled_from([0, 0, 1, 7]),
    untold=st.none() | st.sets(st.integers(0, 60).map(lambda n: n - n % 3), max_size=6),
    concurrency=st.integers(1, 6),
)
def test_pages_without_a_total_lose_and_repeat_nothing(
    *, total: int, limit: int, excess: int, untold: set[int] | None, concurrency: int
) -> None:
    # Some pages (or all) without a readable total, the others telling one at or past the data:
    # the walk goes on from the pages themselves, and every item comes once, in order.
    def server() -> Server:
        return Server(total, limit, reported_total=total + excess, untold=untold)

    async def both() -> tuple[list[int], list[int], Server]:
        walked = server()
        items = [item async for item in AsyncPages(walked.fetch, 0).items(concurrency=concurrency)]
        return items, await walk_by_next_page(server().fetch), walked

    items, paged, walked = asyncio.run(both())
    assert items == paged == list(range(total))
    assert len(walked.requested) <= (total // limit + 2) * (concurrency + 1)


# --- over HTTP, through every sender ------------------------------------------------------------


async def walk_over_http(server: Server, backend: str, limit: int) -> list[int]:
    """Every employee id `async for` hands out, walking `server` on 127.0.0.1 through `backend`."""
    with serve(transport_app(server)) as root:
        async with client(backend, root) as engage:  # a caller's httpx client for "httpx" (the legacy path)
            return [int(employee.id) async for employee in engage.employees.get_employees(limit=limit)]


@pytest.mark.parametrize("backend", SENDERS)
async def test_a_total_larger_than_the_data_makes_a_short_walk(backend: str) -> None:
    server = Server(total=250, reported_total=10_000_000)
    assert await walk_over_http(server, backend, limit=100) == list(range(250))
    # The first page, at most 3 fetched ahead (the default governor's window), then 250 alone (page
    # 200 held 50): empty, the end. Fetches cancelled before they were sent do not reach the server.
    assert 250 in server.requested
    assert len(server.requested) <= 19


@pytest.mark.parametrize("backend", SENDERS)
async def test_a_short_page_mid_walk_is_followed_from_where_it_ended(backend: str) -> None:
    server = Server(total=1000, short={300: 40})
    assert await walk_over_http(server, backend, limit=100) == list(range(1000))
    assert 340 in server.requested


@pytest.mark.parametrize("backend", SENDERS)
async def test_a_page_size_capped_below_the_limit_loses_nothing(backend: str) -> None:
    server = Server(total=1000, cap=100)  # asked for 250 a page, `meta.limit` says 250, 100 come
    assert await walk_over_http(server, backend, limit=250) == list(range(1000))
    assert sorted(server.requested) == list(range(0, 1000, 100))


def walk_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("pexip_engage_client")]


def add_50_at_the_front(items: list[int]) -> None:
    items[:0] = range(-50, 0)


def remove_the_first_50(items: list[int]) -> None:
    del items[:50]


@pytest.mark.parametrize("backend", SENDERS)
async def test_items_added_before_the_walks_position_come_twice(backend: str, caplog: pytest.LogCaptureFixture) -> None:
    # What the Pagination page says: 50 employees added at the front once the first
    # page is out push every later one 50 places on, so the 50 at the end of page 0 come again.
    server = Server(total=500, after_first=add_50_at_the_front)
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        seen = await walk_over_http(server, backend, limit=100)
    assert seen == list(range(100)) + list(range(50, 500))  # 50-99 twice, nothing lost, none of the new
    assert walk_warnings(caplog) == [
        "The list's total went from 500 to 550 during the walk: items added or removed before the walk's "
        "position make later ones come twice or be skipped"
    ]


@pytest.mark.parametrize("backend", SENDERS)
async def test_items_removed_before_the_walks_position_skip_as_many(
    backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    server = Server(total=500, after_first=remove_the_first_50)
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        seen = await walk_over_http(server, backend, limit=100)
    assert seen == list(range(100)) + list(range(150, 500))  # 100-149 moved to where page 0 was
    assert walk_warnings(caplog) == [
        "The list's total went from 500 to 450 during the walk: items added or removed before the walk's "
        "position make later ones come twice or be skipped"
    ]
