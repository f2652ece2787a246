"""`plan_employees`: the reads a plan makes (a consistent listing, then direct reads by key and by the unique
values the rows give anew), for the async client; what is decided from them is `_decisions.py`'s
(docs/provisioning.md, "The plan").
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial
from itertools import islice
from typing import Any

from .. import PexipEngage
from ._changes import Plan
from ._decisions import (
    Settings,
    decide,
    managed,
    new_values,
    reject,
    removals,
    scope_keys,
    scope_notes,
    spelled,
    unreadable_keys,
)  # fmt: skip
from ._keys import UNIQUE, folded, spellings
from ._listing import list_employees, page_items, read_consistently
from ._progress import LOGGED, Progress, log, progress_callback
from ._reading import Found
from ._spill import PAGE, Directory

# Keys per direct read (each asked in up to two spellings): few requests, a URL of a few kilobytes at most.
LOOKUP_BATCH = 20


async def planned(
    engage: PexipEngage,
    plan: Plan,
    checked: Settings,
    rows: Directory,
    *,
    page_size: int,
    progress: bool | Progress,
) -> Plan:
    """`plan` made by the reads: `plan_employees` once its arguments and directory are checked (`_public.py`), the
    rows and the listing on disk (`rows`), decided a page of rows at a time."""
    key, tick = checked.key, progress_callback(progress, "keys read")
    plan.enterprise = engage.enterprise
    reject(rows, key, plan.conflicts)

    async def keep(employees: list[dict[str, Any]]) -> None:
        rows.keep_listed(employees)

    listing = await list_employees(engage, page_size=page_size, hand_over=keep)
    plan.complete, plan.listing_note = listing.complete, listing.reason
    plan.notes = scope_notes(checked, rows)
    plan.conflicts.extend(unreadable_keys(rows.listed(), key))
    done, total = 0, rows.valid_count()
    for page in rows.valid():
        found = await lookup(
            engage, key, spelled(rows, key, [row.fields[key] for row in page]), partial(_after, tick, done, total)
        )
        # The other unique fields the rows give anew (a row to create, or an update changing one), read directly.
        taken = {
            field: await lookup(engage, field, spelled(rows, field, new_values(page, key, found, field)))
            for field in UNIQUE
            if field != key
        }
        decide(plan, checked, page, found, taken)
        done += len(page)
    plan.managed = managed(checked, rows.listed())
    if checked.missing == "deactivate":
        gone = scope_keys(checked, rows.unlisted_keys())
        while keys := list(islice(gone, PAGE)):
            plan.removals.extend(removals(plan, checked, await lookup(engage, key, spelled(rows, key, keys))))
    if progress is True:
        sys.stderr.write("\n")
    if total > LOGGED:
        log.info("employees planned: %s", plan.summary)
    return plan


def _after(tick: Progress, before: int, total: int, done: int, _: int) -> None:
    """`tick` of the keys read in all, `done` of a page's after `before` of the pages before."""
    tick(before + done, total)


async def lookup(engage: PexipEngage, key: str, values: Iterable[str], tick: Progress | None = None) -> Found:
    """The employees carrying each of `values` now (direct reads filtered on `key`, each value in its
    spellings), by folded value; `tick(done, total)` after each read."""
    groups: dict[str, list[str]] = {}
    for value in values:
        groups.setdefault(folded(value), []).append(value)
    names = list(groups)
    found = Found()
    for start in range(0, len(names), LOOKUP_BATCH):
        batch = names[start : start + LOOKUP_BATCH]
        filtered: dict[str, Any] = {UNIQUE[key]: spellings(v for name in batch for v in groups[name])}

        async def fetch(offset: int, limit: int, filtered: dict[str, Any] = filtered) -> tuple[list[Any], int | None]:
            response = await engage.employees.with_raw_response.get_employees(**filtered, offset=offset, limit=limit)
            return page_items(response, f"to find the employees by {key}")

        listing = await read_consistently(fetch, page_size=max(100, 2 * len(batch)))
        found.sort(listing.items, key, set(batch))
        if tick is not None:
            tick(start + len(batch), len(names))
    return found
