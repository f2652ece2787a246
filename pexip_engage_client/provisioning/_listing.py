"""Every employee, listed consistently (or said not to be) by the house's one listing (`_shared/listing.py`;
docs/provisioning.md, "Why the listing needs care"). An item whose `id` cannot be read is told by its JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from .. import PexipEngage, errors
from .._base.answer_fields import Unread, json_field
from .._shared.listing import HandOver, Listing
from .._shared.listing import read_consistently as consistent_walk
from ._reading import OPERATION

# Sends the list operation for one page: (offset, limit) -> (items as JSON objects, totalCount or
# None when the page gave none that can be read).
FetchPage = Callable[[int, int], Awaitable[tuple[list[dict[str, Any]], int | None]]]


async def read_consistently(
    fetch: FetchPage, *, page_size: int = 100, overlap: int = 1, attempts: int = 10
) -> Listing[dict[str, Any]]:
    """Walk a paged list of JSON objects, following the shifts it sees, until its end or `attempts` re-reads
    (the house's one consistent listing, `_shared/listing.py`, each item told by its `id`).

    Args:
        fetch: Reads the page at an offset with a limit, returning its items and the total.
        page_size: Items asked for per page.
        overlap: Items each page re-reads of the previous one (at least 1: the boundary check).
        attempts: Re-reads allowed after shifts before giving up with `complete=False`.

    Raises:
        ValueError: `page_size`, `overlap` or `attempts` is out of range (overlap must be below page_size).
    """
    return await consistent_walk(fetch, identity=_id, page_size=page_size, overlap=overlap, attempts=attempts)


def _id(item: Mapping[str, Any]) -> str:
    """The item's identity at a boundary: its `id`, else (not text) its JSON text, as stable between reads."""
    value = json_field(item, "/id", str, operation=OPERATION, base="/data/*")
    return value if not isinstance(value, Unread) else "json:" + json.dumps(item, sort_keys=True, default=str)


async def list_employees(
    engage: PexipEngage,
    *,
    page_size: int = 100,
    overlap: int = 1,
    attempts: int = 10,
    hand_over: HandOver[dict[str, Any]] | None = None,
) -> Listing[dict[str, Any]]:
    """Every employee, read consistently (see `read_consistently`), as JSON objects in wire form; handed over as they
    come when `hand_over` is given (`_shared/listing.py`), not kept."""

    async def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
        response = await engage.employees.with_raw_response.get_employees(offset=offset, limit=limit)
        return page_items(response, "to list every employee")

    return await consistent_walk(
        fetch, identity=_id, page_size=page_size, overlap=overlap, attempts=attempts, hand_over=hand_over
    )


def page_items(response: Any, needed: str) -> tuple[list[dict[str, Any]], int | None]:
    """A `getEmployees` page's items in wire form, as sent, and its total (None: unreadable);
    `ProvisioningAnswerError` without items. One raw page, not a walk: the listing pages itself."""
    document = response.http_response.json()
    data = json_field(document, "/data", list, operation=OPERATION)
    if isinstance(data, Unread):
        raise _unusable(data, needed)
    for item in data:
        if not isinstance(item, dict):
            raise _unusable(Unread("/data/*", "null" if item is None else "type", OPERATION), needed)
    total = json_field(document, "/meta/totalCount", int, operation=OPERATION)
    return data, None if isinstance(total, Unread) else total


def _unusable(unread: Unread, needed: str) -> errors.ProvisioningAnswerError:
    return errors.ProvisioningAnswerError(
        feature="provisioning", operation=OPERATION, pointer=unread.pointer, kind=unread.kind, needed=needed
    )
