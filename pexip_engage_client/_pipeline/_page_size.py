"""The page size a walk asks for: the largest the operation documents, unless the caller chose one.

Why (every request counts the same against the limits): docs/pagination.md; the maxima are `_generated/page_sizes.py`'s.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Where the spec states no maximum: the one the documentation states (getRegions).
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
    from .._generated.page_sizes import LARGEST_PAGES  # noqa: PLC0415

    return [
        (re.compile(re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(path))), LARGEST_PAGE if largest is None else largest)
        for path, largest in LARGEST_PAGES.items()
    ]


def largest_for(path: str) -> int:
    """The largest page of the list operation at `path` (its template, e.g. `/appointments`), for a facade helper."""
    from .._generated.page_sizes import LARGEST_PAGES  # noqa: PLC0415

    largest = LARGEST_PAGES[path]
    return LARGEST_PAGE if largest is None else largest
