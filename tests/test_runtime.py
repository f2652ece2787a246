"""The hand-written runtime on its own: pagination and argument checks, without HTTP or operations."""

from __future__ import annotations

import asyncio
import datetime
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client import models
from pexip_engage_client._runtime import (
    UNSET,
    AsyncPages,
    Page,
    check_json_type,
    coerce_bodies,
    coerce_body,
    coerce_date,
    coerce_datetime,
    coerce_enums,
    path_segment,
)

# --- pagination ------------------------------------------------------------------------------


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


async def test_concurrency_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="concurrency"):
        await anext(AsyncPages(Server(total=5, limit=5).fetch, 0).items(concurrency=0))


# --- argument checks ---------------------------------------------------------------------------


def test_enum_parameters_take_the_member_or_its_string() -> None:
    status = models.EmployeeStatus
    assert coerce_enums(status, "ACTIVE", "status") is status.ACTIVE
    assert coerce_enums(status, status.ACTIVE, "status") is status.ACTIVE
    assert coerce_enums(status, ["ACTIVE", status.SUSPENDED], "status") == [status.ACTIVE, status.SUSPENDED]
    assert coerce_enums(status, UNSET, "status") is UNSET


@pytest.mark.parametrize("value", ["ACTIV", ["ACTIVE", "active"], [1]])
def test_enum_values_the_spec_does_not_list_are_refused(value: Any) -> None:
    with pytest.raises(ValueError, match=r"^status: .* is not a value the API defines$"):
        coerce_enums(models.EmployeeStatus, value, "status")


def test_dates_take_objects_or_iso_text() -> None:
    moment = datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC)
    assert coerce_datetime(moment, "from_") is moment
    assert coerce_datetime("2024-05-01T09:30:00+00:00", "from_") == moment
    assert coerce_date("2024-05-01", "day") == datetime.date(2024, 5, 1)
    assert coerce_date(datetime.date(2024, 5, 1), "day") == datetime.date(2024, 5, 1)
    assert coerce_datetime(UNSET, "from_") is UNSET
    assert coerce_date(UNSET, "day") is UNSET


@pytest.mark.parametrize(
    ("coerce", "value"),
    [
        (coerce_datetime, "yesterday"),
        (coerce_datetime, 1714555800),
        (coerce_datetime, datetime.date(2024, 5, 1)),
        (coerce_date, "2024-13-01"),
        (coerce_date, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)),  # a datetime is not a date here
    ],
)
def test_values_that_are_not_dates_are_refused_naming_the_argument(coerce: Any, value: Any) -> None:
    with pytest.raises(ValueError, match=r"^when must be a datetime\.(date|datetime) or ISO 8601 text"):
        coerce(value, "when")


def test_a_wire_form_body_becomes_the_model() -> None:
    body = coerce_body(models.LeadSegmentCreate.from_dict, {"code": "RV", "description": None}, "body")
    assert body == models.LeadSegmentCreate(code="RV", description=None)


def test_a_model_body_is_passed_as_it_is() -> None:
    model = models.LeadSegmentCreate(code="RV")
    assert coerce_body(models.LeadSegmentCreate.from_dict, model, "body") is model


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"cdoe": "RV"}, "body is missing the required field 'code'"),
        ({"code": "RV", "colour": "red"}, "body has fields or values the API does not define: colour"),
        ({"code": 7}, "body is not valid: "),
        (models.LeadSegmentUpdate(code="RV"), "body must be a LeadSegmentCreate or its JSON object"),
        (
            models.LeadSegmentCreate(code="RV", additional_properties={"x": 1}),
            "body has fields or values the API does not define: x",
        ),
    ],
)
def test_a_body_the_spec_does_not_allow_is_refused_with_what_is_wrong(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        coerce_body(models.LeadSegmentCreate.from_dict, value, "body")


def test_unknown_nested_fields_and_enum_values_are_named_by_path() -> None:
    value = {"meetingType": "TELEPATHY", "regionIds": [], "note": "x"}
    with pytest.raises(ValueError, match=r"does not define: meeting_type='TELEPATHY', note$"):
        coerce_body(models.CoverageRegionsInput.from_dict, value, "body")
    with pytest.raises(ValueError, match=r"^body\[0\] has fields .*: meeting_type='TELEPATHY', note$"):
        coerce_bodies(models.CoverageRegionsInput.from_dict, [value], "body")


def test_list_bodies_check_each_item_and_refuse_anything_but_a_list() -> None:
    item = {"meetingType": "VIDEO", "regionIds": ["r1"]}
    [converted] = coerce_bodies(models.CoverageRegionsInput.from_dict, [item], "body")
    assert converted.region_ids == ["r1"]
    with pytest.raises(ValueError, match=r"^body\[1\] has fields .*: extra$"):
        coerce_bodies(models.CoverageRegionsInput.from_dict, [item, {**item, "extra": 1}], "body")
    for not_a_list in (item, "VIDEO", b"x", 3):
        with pytest.raises(ValueError, match=r"^body must be a list"):
            coerce_bodies(models.CoverageRegionsInput.from_dict, not_a_list, "body")


def test_json_type_check_names_the_field_and_the_kind() -> None:
    check_json_type({}, dict, "meta", "an object")
    with pytest.raises(TypeError, match=r"^meta must be an object, not list$"):
        check_json_type([], dict, "meta", "an object")


@settings(max_examples=500, derandomize=True)
@given(st.text(min_size=1) | st.sampled_from(["123", "a-b_c.d~e", "é", "a/b", "..", "%2F", "a b"]))
def test_a_path_segment_is_what_quote_makes_of_it(value: str) -> None:
    # The fast path (an id of unreserved characters, sent as it is) must agree with quote() everywhere.
    assert path_segment(value) == quote(value, safe="")
