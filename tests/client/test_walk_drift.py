"""Walks and pages whose `meta` differs from openapi.yaml (issue 75): every item once, nothing raised.

The fake holds the items; `Rewriting` (tests/support/rewriting.py) plants one difference in the list
answers the client reads: `meta.totalCount` absent, null, text or a boolean, on every page or on
some only; `meta.offset` and `meta.limit` absent; `meta` or `data` absent. A walk without a readable
total goes on page after page until one holds fewer items than its limit (or none), within its
bound on such pages (docs/pagination.md); a page shows itself and finds its next page without it.
Converted for the sync client (tests/client/_sync/).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.rewriting import DIFFERENCES, Rewrite, Rewriting, on_answers

TOTAL = "/meta/totalCount"


@asynccontextmanager
async def drifting(fake: FakePexipEngage, rewrite: Rewrite) -> AsyncIterator[PexipEngage]:
    """A lenient client (the default) reading the fake through `rewrite`."""
    async with PexipEngage("acme", token=TOKEN, transport=Rewriting(fake, rewrite), strict_responses=False) as client:
        yield client


def staff(fake: FakePexipEngage, count: int = 5) -> list[str]:
    return [fake.add_employee()["id"] for _ in range(count)]


async def collect(employees: AsyncIterable[Any], seen: list[str]) -> None:
    """The ids walked, into `seen`, as they come (so that a test sees those before an error)."""
    async for employee in employees:
        seen.append(employee.id)


def offsets_asked(fake: FakePexipEngage) -> list[int]:
    return [int(call.request.url.params["offset"]) for call in fake.calls_to("getEmployees")]


@pytest.mark.parametrize("difference", DIFFERENCES)
@pytest.mark.parametrize(
    "where", [None, {0}, {2}, {2, 4}], ids=["every page", "first page", "a later page", "later pages"]
)
async def test_a_walk_yields_every_item_once_whatever_the_total_is(
    fake: FakePexipEngage, difference: str, where: set[int] | None
) -> None:
    ids = staff(fake)
    async with drifting(fake, on_answers("/employees", TOTAL, difference, offsets=where)) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees(limit=2)]
    assert seen == ids
    assert sorted(offsets_asked(fake)) == [0, 2, 4]  # the short last page ends the walk: nothing asked twice


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_a_total_readable_on_the_first_page_only_loses_and_repeats_nothing(
    fake: FakePexipEngage, concurrency: int
) -> None:
    # The first page's total sends later pages on their way at once; those pages have none.
    ids = staff(fake, 23)
    later = set(range(3, 23, 3))
    async with drifting(fake, on_answers("/employees", TOTAL, "absent", offsets=later)) as engage:
        pages = engage.employees.get_employees(limit=3)
        seen = [employee.id async for employee in pages.items(concurrency=concurrency)]
    assert seen == ids


@pytest.mark.parametrize("pointer", ["/meta/offset", "/meta/limit", "/meta"])
async def test_without_offset_or_limit_the_walk_still_ends(fake: FakePexipEngage, pointer: str) -> None:
    ids = staff(fake)
    rewrite = _together(on_answers("/employees", TOTAL, "absent"), on_answers("/employees", pointer, "absent"))
    async with drifting(fake, rewrite) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees(limit=2)]
    assert seen == ids
    # Without a limit to compare with, only an empty page tells the end: one request more.
    assert sorted(offsets_asked(fake)) == ([0, 2, 4] if pointer == "/meta/offset" else [0, 2, 4, 5])


async def test_a_walk_without_limit_asks_for_the_largest_page(fake: FakePexipEngage) -> None:
    ids = staff(fake)
    async with drifting(fake, on_answers("/employees", TOTAL, "null")) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees()]
    assert seen == ids
    assert offsets_asked(fake) == [0]


async def test_a_walk_asks_for_the_documented_page_size_at_once(fake: FakePexipEngage) -> None:
    # More than the API's default page of 25: a first page of 25 would be a request more, and show here.
    ids = staff(fake, 30)
    async with drifting(fake, lambda request, document: None) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees()]
    assert seen == ids
    # getEmployees states no maximum: 1,000, the one the documentation states (docs/pagination.md).
    assert [call.request.url.params.get("limit") for call in fake.calls_to("getEmployees")] == ["1000"]


async def test_the_bound_on_pages_without_a_total_stops_with_the_documented_error(fake: FakePexipEngage) -> None:
    ids = staff(fake)
    async with drifting(fake, on_answers("/employees", TOTAL, "absent")) as engage:
        seen: list[str] = []
        with pytest.raises(errors.UnusableAnswerError) as raised:
            await collect(engage.employees.get_employees(limit=2).items(max_pages_without_total=2), seen)
    assert seen == ids[:4]  # every item of the pages fetched, none after them
    assert (raised.value.feature, raised.value.pointer, raised.value.kind) == ("items", TOTAL, "missing")
    assert raised.value.operation == "getEmployees"
    assert "2 pages" in str(raised.value)
    async with drifting(fake, on_answers("/employees", TOTAL, "absent")) as engage:
        with pytest.raises(ValueError, match="max_pages_without_total"):
            await collect(engage.employees.get_employees().items(max_pages_without_total=0), [])


async def test_a_page_whose_items_cannot_be_read_stops_the_walk_with_the_documented_error(
    fake: FakePexipEngage,
) -> None:
    ids = staff(fake)
    async with drifting(fake, on_answers("/employees", "/data", "null", offsets={2})) as engage:
        seen: list[str] = []
        with pytest.raises(errors.UnusableAnswerError) as raised:
            await collect(engage.employees.get_employees(limit=2), seen)
    assert seen == ids[:2]
    assert (raised.value.pointer, raised.value.kind, raised.value.operation) == ("/data", "null", "getEmployees")


@pytest.mark.parametrize(
    ("pointer", "summary"),
    [
        (TOTAL, "(2 of ? Employee from offset 0: "),
        ("/meta/offset", "(2 of 5 Employee from offset ?: "),
        ("/meta", "(2 of ? Employee from offset ?: "),
        ("/data", "(? of 5 item from offset 0: []"),
    ],
)
async def test_a_page_shows_itself_and_finds_the_next_one_without_meta(
    fake: FakePexipEngage, pointer: str, summary: str
) -> None:
    ids = staff(fake)
    async with drifting(fake, on_answers("/employees", pointer, "absent")) as engage:
        page = await engage.employees.get_employees(limit=2)
        assert summary in repr(page)
        assert summary.removesuffix(": ").removesuffix(": []") + ")" in page._repr_html_()
        if pointer == "/data":
            with pytest.raises(errors.UnusableAnswerError):
                page.has_next_page  # noqa: B018 - the property is what is tried
            return
        seen = list(page.data)
        following = await page.next_page()
        while following is not None:
            seen += following.data
            following = await following.next_page()
    assert [employee.id for employee in seen] == ids


def _together(*rewrites: Rewrite) -> Rewrite:
    def rewrite(request: Any, document: Any) -> None:
        for each in rewrites:
            each(request, document)

    return rewrite


async def test_a_page_repeated_at_the_next_offset_ends_the_walk_though_an_item_holds_an_unread_field(
    fake: FakePexipEngage,
) -> None:
    """An API that ignores `offset`, its employees' `createdAt` null: the repeated page is told by what
    it holds as sent (reading the unread field would raise), and an `until_empty` walk ends there."""
    ids = staff(fake, 3)
    transport = Rewriting(fake, on_answers("/employees", "/data/*/createdAt", "null"), ignored=("offset",))
    async with PexipEngage("acme", token=TOKEN, transport=transport, strict_responses=False) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees().items(until_empty=True)]
    assert seen == ids
    assert len(fake.calls_to("getEmployees")) == 2  # the page, then the same one again: the end


async def test_a_page_differing_from_the_one_before_only_past_an_unread_field_is_no_repeat(
    fake: FakePexipEngage,
) -> None:
    """The same API, an employee changed between two reads past the unread `createdAt`: the pages differ
    as sent, so the walk goes on (each item of both handed out) to the page that repeats."""
    ids = staff(fake, 2)
    reads = iter(range(10))

    def changed_once(document: Any) -> None:
        for item in document["data"]:
            item["createdAt"] = None
        if next(reads) >= 1:
            document["data"][0]["updatedAt"] = "2030-01-01T00:00:00Z"

    transport = Rewriting(fake, lambda request, document: changed_once(document), ignored=("offset",))
    async with PexipEngage("acme", token=TOKEN, transport=transport, strict_responses=False) as engage:
        seen = [employee.id async for employee in engage.employees.get_employees().items(until_empty=True)]
    assert seen == ids + ids
    assert len(fake.calls_to("getEmployees")) == 3
