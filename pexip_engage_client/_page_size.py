"""The page size a walk asks for: the largest the operation documents, unless the caller chose one.

Every request counts the same against the API's limits (4 in flight, 3,000 a minute), whatever
its page holds: a walk of 2,000 items costs 80 requests at the documented default of 25 a page,
and 2 at 1,000. So a walk (`AsyncPages.items()`) asks each page for the operation's `limit`
maximum in the spec (`_generated/page_sizes.py`, written from openapi.yaml by `make generate`), or
`LARGEST_PAGE` where the spec states none. A walk still follows the items each page holds, so a
server that caps pages lower loses nothing.

A `limit` the caller gave is kept, whatever its value: operation methods leave `limit` out of the
request unless given one (templates/endpoint_init.py.jinja), so its presence is the caller's choice.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# The largest page where the spec states no maximum: the one maximum the documentation states
# (getRegions, 1 to 1000), which a server capping lower costs nothing but more pages.
LARGEST_PAGE = 1000


def largest_page(request: dict[str, Any]) -> dict[str, Any]:
    """`request` asking for the largest page, if it is a list operation's and names no `limit`."""
    params = request.get("params") or {}
    if str(request.get("method")).upper() != "GET" or "limit" in params:
        return request
    for pattern, largest in _list_operations():
        if pattern.fullmatch(request["url"]):
            return {**request, "params": {**params, "limit": largest}}
    return request


@cache
def _list_operations() -> list[tuple[re.Pattern[str], int]]:
    """Each GET path taking `limit`: its pattern and the largest page."""
    # Imported with the first walk: a process that never walks (a command line call) loads none of it.
    from ._generated.page_sizes import LARGEST_PAGES  # noqa: PLC0415

    return [
        (re.compile(re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(path))), LARGEST_PAGE if largest is None else largest)
        for path, largest in LARGEST_PAGES.items()
    ]


def largest_for(path: str) -> int:
    """The largest page of the list operation at `path` (its template, e.g. `/appointments`).

    For a facade helper that walks a list through a client of either kind: the sync client's first
    page is fetched by the call itself, at the size the call names.
    """
    from ._generated.page_sizes import LARGEST_PAGES  # noqa: PLC0415

    largest = LARGEST_PAGES[path]
    return LARGEST_PAGE if largest is None else largest
