"""The one consistent listing: offset pages read while others change the data, every item once, or said
not to be whole (provisioning's employees, reconcile's appointments, the mirror's catch-ups).

Each page starts `overlap` items before the end of the one before, its start checked against the items read
last (its anchors); how a walk follows a shift: docs/provisioning.md, "Why the listing needs care".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

T = TypeVar("T")

# Sends the list operation for one page: (offset, limit) -> (its items, and `totalCount`, or None when the
# page gave none that can be read, or the caller never reads it).
FetchPage: TypeAlias = Callable[[int, int], Awaitable[tuple[list[T], int | None]]]
# Takes the items a page brought that no page brought before (each item once in a walk).
HandOver: TypeAlias = Callable[[list[T]], Awaitable[None]]


@dataclass(frozen=True)
class Listing(Generic[T]):
    """What a consistent walk read.

    Attributes:
        items: The items, in the order the API lists them, each once (empty when they were handed over as
            they came instead: `hand_over`).
        complete: Whether the walk reached the end with every boundary checked: every item present
            throughout is here. False: the data kept changing faster than the walk could follow,
            and items may be missing.
        shifts: How many times the data was seen moving under the walk (each cost a re-read).
        reason: Why the walk is incomplete (None when `complete`).
        requests: How many pages were read in all.
        total_before, total_after: `totalCount` on the first and the last page read (None: that
            page's could not be read).
    """

    items: list[T]
    complete: bool
    shifts: int
    reason: str | None
    requests: int
    total_before: int | None
    total_after: int | None


class _State(Generic[T]):
    """One walk's progress: the items read, and where the walk stands in the list now."""

    def __init__(self, anchors: int, identity: Callable[[T], str], hand_over: HandOver[T] | None) -> None:
        self.identity = identity
        self.hand_over = hand_over
        self.keep = hand_over is None  # the items kept for the listing; else only handed over, as they come
        self.items: list[T] = []
        self.fresh: list[T] = []  # kept, and not handed over yet
        self.seen: set[str] = set()  # every id kept
        self.recent: list[str] = []  # the ids read last in this pass, in list order: the anchors
        self.in_pass: set[str] = set()  # the ids read in this pass (a pass restarts at the first page)
        self.pass_items: list[T] = []  # the items read in this pass, in list order
        self.anchors = anchors
        self.position = 0  # where the item after the last one read stands in the list now
        self.requests = 0
        self.shifts = 0
        self.total_before: int | None = 0  # set by the first read
        self.total_after: int | None = 0
        self.last_read: tuple[int, list[str]] = (-1, [])  # the offset and ids of the page read last

    def take(self, page: list[T], offset: int, start: int) -> None:
        """Go on with `page[start:]` (the page read at `offset`), keeping the items not kept yet."""
        for item in page[start:]:
            item_id = self.identity(item)
            if item_id not in self.seen:
                self.seen.add(item_id)
                (self.items if self.keep else self.fresh).append(item)
            if item_id not in self.in_pass:
                self.in_pass.add(item_id)
                if self.keep:
                    self.pass_items.append(item)
            self.recent.append(item_id)
        del self.recent[: -self.anchors]
        self.position = offset + len(page)

    def continued_by(self, page: list[T], offset: int) -> int | None:
        """How many items `page` (read at `offset`) repeats of the last ones read, when it goes on from them;
        None when the list moved (it does not start with them, or it brings back an item read in this pass)."""
        # The items this page should start with; none at the start of a pass (`recent` is empty there).
        expected = self.recent[-(self.position - offset) :]
        ids = [self.identity(item) for item in page]
        if ids[: len(expected)] == expected and self.in_pass.isdisjoint(ids[len(expected) :]):
            return len(expected)
        return None

    async def handed(self) -> None:
        """The items kept since the last call handed over (when they are not kept)."""
        if self.hand_over is not None and self.fresh:
            fresh, self.fresh = self.fresh, []
            await self.hand_over(fresh)

    def reached_total(self) -> bool:
        return self.total_after is not None and self.position >= self.total_after

    def restart(self) -> None:
        self.position, self.recent, self.in_pass, self.pass_items = 0, [], set(), []


async def read_consistently(
    fetch: FetchPage[T],
    *,
    identity: Callable[[T], str],
    page_size: int = 100,
    overlap: int = 1,
    attempts: int = 10,
    hand_over: HandOver[T] | None = None,
) -> Listing[T]:
    """Walk a paged list, following the shifts it sees, until its end or `attempts` re-reads.

    Args:
        fetch: Reads the page at an offset with a limit, returning its items and the total.
        identity: An item's identity at a boundary (its id; stable between reads).
        page_size: Items asked for per page.
        overlap: Items each page re-reads of the previous one (at least 1: the boundary check).
        attempts: Re-reads allowed after shifts before giving up with `complete=False`.
        hand_over: Takes each page's items no page brought before, as they come (the listing keeps
            none); without it, the listing holds them: the last whole pass's, else every one read.

    Raises:
        ValueError: `page_size`, `overlap` or `attempts` is out of range (overlap must be below page_size).
    """
    if page_size < 2 or not 1 <= overlap < page_size or attempts < 1:
        raise ValueError(
            f"need page_size >= 2, 1 <= overlap < page_size and attempts >= 1 "
            f"(got page_size={page_size}, overlap={overlap}, attempts={attempts})"
        )
    state = _State(page_size, identity, hand_over)
    reason = await _walk(fetch, state, page_size, overlap, attempts)
    # A consistent pass is the listing; without one, everything read is (each item confirmed later).
    items = state.items if reason is not None else state.pass_items
    return Listing(items, reason is None, state.shifts, reason, state.requests, state.total_before, state.total_after)


async def _read(fetch: FetchPage[T], state: _State[T], offset: int, limit: int) -> list[T] | str:
    """The page at `offset`, or why the walk must end: the same page as the one read last at another offset
    (a server that ignores `offset` would be read to the end of the attempts)."""
    page, total = await fetch(offset, limit)
    state.requests += 1
    if state.requests == 1:
        state.total_before = total
    state.total_after = total
    before, state.last_read = state.last_read, (offset, [state.identity(item) for item in page])
    if page and before[0] != offset and before[1] == state.last_read[1]:
        return f"the list answered the same page at the next offset ({offset}); the walk ends there"
    return page


async def _walk(fetch: FetchPage[T], state: _State[T], page_size: int, overlap: int, attempts: int) -> str | None:
    """Read to the end, in passes from the first page; None once a pass ends consistent, else why not.

    A pass ends consistent when it has read as many items as the last total says. One that saw no
    shift and did not is a list that contradicts its own total: no further pass would do better.
    One that saw shifts and did not (an item added before its position and missed, one read and
    then removed) is followed by another pass.
    """
    while True:
        shifts_before = state.shifts
        reason = await _one_pass(fetch, state, page_size, overlap, attempts)
        if reason is not None:
            return reason
        if state.total_after is None or len(state.in_pass) == state.total_after:
            return None  # without a total, a pass that reached an empty page is the whole list
        if state.shifts == shifts_before:
            return f"read {len(state.in_pass)} items where the total says {state.total_after}"
        state.shifts += 1
        if state.shifts > attempts:
            return f"the list kept changing during the walk ({state.shifts} shifts seen)"
        state.restart()


async def _one_pass(fetch: FetchPage[T], state: _State[T], page_size: int, overlap: int, attempts: int) -> str | None:
    while True:
        offset = max(0, state.position - overlap)
        page = await _read(fetch, state, offset, page_size)
        if isinstance(page, str):
            return page
        if not page:  # the end, whatever the total says (the pass's count is checked after it)
            return None
        repeated = state.continued_by(page, offset)
        if repeated is not None:
            state.take(page, offset, repeated)
            await state.handed()
            if len(page) <= repeated:
                # Nothing new: the end as the list shows it, whatever its total says (checked after the pass);
                # reading on would ask for this page again and again.
                return None
        else:
            state.shifts += 1
            if state.shifts > attempts:
                return f"the list kept changing during the walk ({state.shifts} shifts seen)"
            found = await _find_place(fetch, state, page, offset, page_size)
            await state.handed()
            if isinstance(found, str):
                return found
            if not found:
                # No anchor within reach: everything read lately is gone. Read from the start again,
                # keeping what was read (each item is kept once).
                state.restart()
                continue
        if state.reached_total():
            return None


async def _find_place(fetch: FetchPage[T], state: _State[T], page: list[T], offset: int, page_size: int) -> bool | str:
    """After a shift: go on right after the newest recently read item still listed; False if none is near (a
    text: why the walk must end)."""
    back = 0
    while True:
        ids = [state.identity(item) for item in page]
        for anchor in reversed(state.recent):
            if anchor in ids:
                state.take(page, offset, ids.index(anchor) + 1)
                return True
        if offset == 0 or back >= 2:
            return False
        back += 1
        offset = max(0, offset - page_size + 1)
        read = await _read(fetch, state, offset, page_size)
        if isinstance(read, str):
            return read
        page = read
