"""A page shows itself briefly: a repr of a few hundred characters, an item a line in IPython, and a
table in Jupyter (a page of 25 employees was one line of 12,000 characters, in a notebook too). So
do its `data`, a list operation's result and a list given to `ModelList`, while staying lists."""

from __future__ import annotations

import json
import pickle
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import msgspec
import pytest

from pexip_engage_client import ModelList, PexipEngage, SyncPexipEngage, models
from pexip_engage_client._pipeline._json_body import encode_json_body
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.spec import operation_example


def pretty(value: Any) -> str:
    """As IPython prints it (an optional test dependency: the other tests run without it)."""
    printed: str = pytest.importorskip("IPython.lib.pretty").pretty(value)
    return printed


@pytest.fixture
def staffed() -> FakePexipEngage:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    for number in range(30):
        fake.add_employee(id=f"e{number}", email=f"e{number}@example.com", firstName="Ada <b>")
    return fake


@pytest.fixture
async def engage(staffed: FakePexipEngage) -> AsyncIterator[PexipEngage]:
    async with PexipEngage("acme", token=TOKEN, transport=staffed) as client:
        yield client


async def test_the_repr_says_what_the_page_is_and_shows_the_first_items(engage: PexipEngage) -> None:
    page = await engage.employees.get_employees(limit=25)
    shown = repr(page)
    assert shown.startswith("Page(25 of 30 Employee from offset 0: [Employee(id='e0', ")
    assert shown.endswith(", ... 22 more])")
    assert len(shown) < 400
    assert repr(await engage.employees.get_employees(limit=1, offset=29)).startswith(
        "Page(1 of 30 Employee from offset 29"
    )


async def test_ipython_shows_an_item_a_line(engage: PexipEngage) -> None:
    lines = pretty(await engage.employees.get_employees(limit=25)).splitlines()
    assert lines[0] == "Page(25 of 30 Employee from offset 0: ["
    assert len(lines) == 26  # the summary, then the items, the last closing the page
    assert lines[-1].endswith("])")
    assert all(len(line) <= 120 for line in lines)


async def test_jupyter_gets_a_table_of_the_first_rows_escaped(engage: PexipEngage) -> None:
    shown = (await engage.employees.get_employees(limit=25))._repr_html_()
    assert shown.startswith("<div><p><code>Page(25 of 30 Employee from offset 0)</code></p><table><tr><th>id</th>")
    assert shown.count("<tr>") == 21  # the header and 20 rows
    assert "... 5 more on this page" in shown
    assert "Ada &lt;b&gt;" in shown
    assert "<b>" not in shown
    assert len(shown) < 20_000


def test_the_sync_pages_show_themselves_the_same_way(staffed: FakePexipEngage) -> None:
    with SyncPexipEngage("acme", token=TOKEN, transport=staffed) as engage:
        pages = engage.employees.get_employees(limit=2)
        assert repr(pages).startswith("SyncPages(2 of 30 Employee from offset 0: [Employee(id='e0'")
        assert pretty(pages).splitlines()[0] == "SyncPages(2 of 30 Employee from offset 0: ["
        assert "<th>email</th>" in pages._repr_html_()
        assert repr(pages.first_page()).startswith("Page(2 of 30 Employee")


async def test_the_data_of_a_page_is_a_list_that_shows_itself_briefly(engage: PexipEngage) -> None:
    data = (await engage.employees.get_employees(limit=25)).data
    assert isinstance(data, list)
    assert type(data) is ModelList
    assert data == list(data)
    assert list(data) == data
    shown = repr(data)
    assert shown.startswith("[Employee(id='e0', ")
    assert shown.endswith(", ... 22 more]")
    assert len(shown) < 400
    assert len(repr(list(data))) > 5_000  # what it was
    lines = pretty(data).splitlines()
    assert (lines[0], lines[-1][-1], len(lines)) == ("[", "]", 26)
    assert all(len(line) <= 120 for line in lines)
    table = data._repr_html_()
    assert table.startswith("<div><p><code>list of 25 Employee</code></p><table><tr><th>id</th>")
    assert "... 5 more in the list" in table
    assert "Ada &lt;b&gt;" in table
    assert "<b>" not in table


async def test_the_list_stays_a_list_for_pickle_and_json(engage: PexipEngage) -> None:
    data = (await engage.employees.get_employees(limit=3)).data
    copied = pickle.loads(pickle.dumps(data))  # noqa: S301 - its own bytes
    assert type(copied) is ModelList
    assert copied == data
    assert copied[0].to_dict() == data[0].to_dict()  # UNSET is unpickled as the one UNSET
    written = ModelList(employee.to_dict() for employee in data)
    assert json.loads(encode_json_body(written)) == json.loads(json.dumps(written)) == list(written)
    assert msgspec.json.decode(msgspec.json.encode(written)) == list(written)
    assert ModelList([]) == []
    assert repr(ModelList([])) == "[]"


async def test_a_list_collected_from_a_walk_shows_itself_briefly_once_given_to_model_list(engage: PexipEngage) -> None:
    collected = ModelList([employee async for employee in engage.employees.get_employees()])
    assert len(collected) == 30
    assert repr(collected).endswith(", ... 27 more]")
    assert "list of 30 Employee" in collected._repr_html_()
    assert pretty(ModelList(range(150))).splitlines()[-2:] == ["    99,", "    ... 50 more]"]


def regions(request: httpx2.Request) -> httpx2.Response:
    region = operation_example("/employees/{id}/office-coverage-regions", "get", "200")["data"][0]
    return httpx2.Response(200, json={"data": [region] * 25})


async def test_an_operation_returning_a_bare_list_returns_one_that_shows_itself_briefly() -> None:
    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(regions)) as engage:
        found = await engage.employees.get_office_coverage_regions("e1", office_id="o1")
        raw = await engage.employees.with_raw_response.get_office_coverage_regions("e1", office_id="o1")
    assert type(found) is ModelList
    assert isinstance(found[0], models.OfficeCoverageRegion)
    assert repr(found).startswith("[OfficeCoverageRegion(meeting_type='OFFICE', ")
    assert repr(found).endswith(", ... 22 more]")
    assert "list of 25 OfficeCoverageRegion" in found._repr_html_()
    assert type(raw.data) is ModelList
    assert len(repr(raw)) < 500


def test_the_sync_client_returns_the_same_lists(staffed: FakePexipEngage) -> None:
    with SyncPexipEngage("acme", token=TOKEN, transport=staffed) as engage:
        pages = engage.employees.get_employees(limit=25)
        assert type(pages.data) is ModelList
        assert type(pages.first_page().data) is ModelList
        assert repr(pages.data).endswith(", ... 22 more]")
    with SyncPexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(regions)) as engage:
        assert type(engage.employees.get_office_coverage_regions("e1", office_id="o1")) is ModelList
