"""A page shows itself briefly: a repr of a few hundred characters, an item a line in IPython, and a
table in Jupyter (a page of 25 employees was one line of 12,000 characters, in a notebook too)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN


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
