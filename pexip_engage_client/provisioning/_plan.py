"""`plan_employees`: the reads a plan makes, for the async client (its sync twin, `_sync/_plan.py`, for the other).

Three kinds of read, and nothing written: a consistent listing of every employee (`list_employees`), direct
reads by key of the directory's keys and the scope's (a few dozen keys per request, each in the spellings it
may be stored in), and direct reads of the unique values the rows give anew (to create, or to update). What is
decided from them is `_decisions.py`'s; docs/provisioning.md, "The plan".
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from .. import PexipEngage
from ._changes import Plan
from ._decisions import Reads, Settings, decide, new_values, scope_keys, scope_notes, spelled, valid_rows
from ._input import DesiredRow
from ._keys import UNIQUE, folded, spellings
from ._listing import list_employees, page_items, read_consistently
from ._progress import LOGGED, Progress, log, progress_callback
from ._reading import Found

# Keys per direct read (each asked in up to two spellings): few requests, a URL of a few kilobytes at most.
LOOKUP_BATCH = 20


async def planned(
    engage: PexipEngage,
    plan: Plan,
    checked: Settings,
    rows: list[DesiredRow],
    *,
    page_size: int,
    progress: bool | Progress,
) -> Plan:
    """`plan` made by the reads, for the async client: `plan_employees` once its arguments and directory are
    checked (what it does: `_public.py`, said once)."""
    key, tick = checked.key, progress_callback(progress, "keys read")
    plan.enterprise = engage.enterprise
    valid = valid_rows(rows, key, plan.conflicts)
    listing = await list_employees(engage, page_size=page_size)
    plan.complete, plan.listing_note = listing.complete, listing.reason
    plan.notes = scope_notes(checked, valid, listing.items)
    keys = [row.fields[key] for row in valid.values()] + scope_keys(checked, listing.items)
    found = await lookup(engage, key, spelled(listing.items, key, keys), tick)
    # The other unique fields the rows give anew (a row to create, or an update changing one), read directly.
    taken = {
        field: await lookup(engage, field, spelled(listing.items, field, new_values(valid, found, field)), tick)
        for field in UNIQUE
        if field != key
    }
    decide(plan, checked, valid, rows, Reads(listing.items, found, taken))
    if progress is True:
        sys.stderr.write("\n")
    if len(rows) > LOGGED:
        log.info("employees planned: %s", plan.summary)
    return plan


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
