"""A listing that is consistent, or says it is not: offset pages read while others change the data.

Offset paging takes no snapshot. An item added before the reader's position pushes the items after
it one place on, so the next page repeats one; an item removed there pulls them back, so the next
page skips one. A reader that then acts on "what I did not see" acts on an item that is there.

The walk here reads page after page, one at a time, each page starting `overlap` items before the
end of the previous one, and checks at every step that:

- the overlapping items are the ones the previous page ended with (no shift at that boundary);
- no id comes twice;
- the total (`meta.totalCount`) is the one the first page gave;
- at the end, the items read are as many as the last total says.

When a check fails, the walk starts again from the first page, up to `attempts` times; the result
says whether one walk passed every check (`complete`), and if not, why the last one failed.
What it cannot see: an item added and another removed, both before the reader's position, between
two pages. The total and the boundaries stay the same; the added item is missed (it is new, and
the next listing has it) and the removed one was read while it was there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import PexipEngage

# Sends the list operation for one page: (offset, limit) -> (items as JSON objects, totalCount).
FetchPage = Callable[[int, int], Awaitable[tuple[list[dict[str, Any]], int]]]


@dataclass(frozen=True)
class Listing:
    """What a consistent walk read.

    Attributes:
        items: The items, in the order the API lists them, each once (JSON objects, wire form).
        complete: Whether one walk passed every check: every item present throughout is here.
            False: the data kept changing under the walk, and items may be missing.
        attempts: How many walks it took.
        reason: Why the last walk failed its checks (None when `complete`).
        requests: How many pages were read in all.
    """

    items: list[dict[str, Any]]
    complete: bool
    attempts: int
    reason: str | None = None
    requests: int = field(default=0)


class _ShiftedError(Exception):
    """The data moved under the walk; the message says how."""


async def read_consistently(fetch: FetchPage, *, page_size: int = 100, overlap: int = 1, attempts: int = 5) -> Listing:
    """Walk a paged list until one walk reads it consistently, or `attempts` walks have failed.

    Args:
        fetch: Reads the page at an offset with a limit, returning its items and the total.
        page_size: Items asked for per page.
        overlap: Items each page re-reads of the previous one (at least 1: the boundary check).
        attempts: Walks tried before giving up with `complete=False`.

    Raises:
        ValueError: `page_size`, `overlap` or `attempts` is out of range (overlap must be below page_size).
    """
    if page_size < 2 or not 1 <= overlap < page_size or attempts < 1:
        raise ValueError(
            f"need page_size >= 2, 1 <= overlap < page_size and attempts >= 1 "
            f"(got page_size={page_size}, overlap={overlap}, attempts={attempts})"
        )
    requests = 0
    reason = ""
    items: list[dict[str, Any]] = []
    for attempt in range(1, attempts + 1):
        try:
            items, requests = await _walk(fetch, page_size, overlap, requests)
        except _ShiftedError as shifted:
            reason = str(shifted)
            continue
        return Listing(items, True, attempt, None, requests)
    return Listing(items, False, attempts, reason, requests)


async def _walk(fetch: FetchPage, page_size: int, overlap: int, requests: int) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    offset = 0
    first_total: int | None = None
    while True:
        page, total = await fetch(offset, page_size)
        requests += 1
        if first_total is None:
            first_total = total
        elif total != first_total:
            raise _ShiftedError(f"the total went from {first_total} to {total} during the walk")
        if offset:
            expected = [_id(item) for item in items[-overlap:]]
            got = [_id(item) for item in page[: len(expected)]]
            if got != expected:
                raise _ShiftedError(
                    f"the page at offset {offset} does not start with the items the previous one ended with"
                )
            page = page[len(expected) :]
        for item in page:
            item_id = _id(item)
            if item_id in seen:
                raise _ShiftedError(f"item {item_id} came twice")
            seen.add(item_id)
            items.append(item)
        if not page or len(items) >= total:
            break
        offset = len(items) - overlap
    if len(items) != first_total:
        raise _ShiftedError(f"read {len(items)} items where the total says {first_total}")
    return items, requests


def _id(item: Mapping[str, Any]) -> str:
    return str(item.get("id"))


async def list_employees(engage: PexipEngage, *, page_size: int = 100, overlap: int = 1, attempts: int = 5) -> Listing:
    """Every employee, read consistently (see `read_consistently`), as JSON objects in wire form."""

    async def fetch(offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        envelope = await engage.employees.get_employees(offset=offset, limit=limit)
        return [employee.to_dict() for employee in envelope.data], envelope.meta.total_count

    return await read_consistently(fetch, page_size=page_size, overlap=overlap, attempts=attempts)
