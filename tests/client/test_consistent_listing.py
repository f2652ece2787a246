"""The one consistent listing's rules (`_shared/listing.py`), on a list in memory changed while it is read.

Seeded: each case is one seed of a random list and random changes between the reads; bounded: the
walk's requests are counted against a bound that follows from `attempts`.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from pexip_engage_client._shared._sync.listing import read_consistently as read_consistently_sync
from pexip_engage_client._shared.listing import read_consistently


class ChangingList:
    """A list of ids read by offset, changed at random before some reads (adds and removals anywhere)."""

    def __init__(self, seed: int, size: int, changes: int) -> None:
        self.random = random.Random(seed)  # noqa: S311 - a seeded simulation
        self.items = [f"i{n}" for n in range(size)]
        self.made = size
        self.changes_left = changes
        self.ever_removed: set[str] = set()
        self.reads = 0

    def change(self) -> None:
        if self.changes_left <= 0 or self.random.random() < 0.5:
            return
        self.changes_left -= 1
        if self.items and self.random.random() < 0.5:
            self.ever_removed.add(self.items.pop(self.random.randrange(len(self.items))))
        else:
            self.items.insert(self.random.randrange(len(self.items) + 1), f"i{self.made}")
            self.made += 1

    async def fetch(self, offset: int, limit: int) -> tuple[list[str], int | None]:
        return self.fetch_sync(offset, limit)

    def fetch_sync(self, offset: int, limit: int) -> tuple[list[str], int | None]:
        self.reads += 1
        self.change()
        return list(self.items[offset : offset + limit]), len(self.items)


@pytest.mark.parametrize("seed", range(40))
def test_a_whole_listing_holds_every_item_present_throughout_once(seed: int) -> None:
    changing = ChangingList(seed, size=random.Random(seed).randrange(0, 60), changes=4)  # noqa: S311
    present_at_start = set(changing.items)
    listing = asyncio.run(read_consistently(changing.fetch, identity=str, page_size=7, attempts=10))
    assert len(listing.items) == len(set(listing.items))  # each once
    if listing.complete:
        assert present_at_start - changing.ever_removed <= set(listing.items)
        assert listing.reason is None
        assert listing.total_after == len(changing.items)
    else:
        assert listing.reason
    # Bounded: each pass reads at most every page plus two back per shift, and passes are bounded by attempts.
    assert listing.requests == changing.reads <= (10 + 2) * (len(changing.items) + 4 + 1) * 3


@pytest.mark.parametrize("seed", range(20))
def test_handed_over_items_are_each_handed_once_and_none_kept(seed: int) -> None:
    changing = ChangingList(seed, size=45, changes=3)
    present_at_start = set(changing.items)
    handed: list[str] = []

    def hand_over(items: list[str]) -> None:
        handed.extend(items)

    listing = read_consistently_sync(changing.fetch_sync, identity=str, page_size=10, hand_over=hand_over)
    assert listing.items == []
    assert len(handed) == len(set(handed))
    if listing.complete:
        assert present_at_start - changing.ever_removed <= set(handed)


def test_a_quiet_list_is_read_page_by_page_each_page_starting_on_the_last_item_before() -> None:
    offsets: list[int] = []
    items = [f"i{n}" for n in range(23)]

    def fetch(offset: int, limit: int) -> tuple[list[str], int | None]:
        offsets.append(offset)
        return items[offset : offset + limit], None  # no total: to a page with nothing new

    listing = read_consistently_sync(fetch, identity=str, page_size=10)
    assert (listing.items, listing.complete, listing.shifts) == (items, True, 0)
    assert offsets == [0, 9, 18, 22]


def test_a_list_shorter_than_its_total_ends_its_pass_on_a_page_with_nothing_new() -> None:
    """A server whose total counts more than it lists (one hidden item): the walk ends, said not whole."""
    items = [f"i{n}" for n in range(23)]

    def fetch(offset: int, limit: int) -> tuple[list[str], int | None]:
        return items[offset : offset + limit], len(items) + 1

    listing = read_consistently_sync(fetch, identity=str, page_size=10)
    assert (listing.complete, listing.reason) == (False, "read 23 items where the total says 24")
    assert listing.requests == 4


def test_a_server_that_ignores_the_offset_ends_the_walk_at_once_and_says_so() -> None:
    def fetch(offset: int, limit: int) -> tuple[list[str], int | None]:
        return ["a", "b", "c"], None

    listing = read_consistently_sync(fetch, identity=str, page_size=3)
    assert listing.complete is False
    assert listing.reason == "the list answered the same page at the next offset (2); the walk ends there"
    assert (listing.items, listing.requests) == (["a", "b", "c"], 2)


def test_a_list_that_keeps_changing_stops_after_its_attempts() -> None:
    made = iter(range(10**6))

    def fetch(offset: int, limit: int) -> tuple[list[str], int | None]:
        fresh = [f"new{next(made)}" for _ in range(limit)]  # everything new at every read
        return fresh, 100

    listing = read_consistently_sync(fetch, identity=str, page_size=5, attempts=3)
    assert listing.complete is False
    assert listing.reason == "the list kept changing during the walk (4 shifts seen)"
    assert listing.requests <= 4 * 3 + 1


@pytest.mark.parametrize(("page_size", "overlap", "attempts"), [(1, 1, 1), (5, 0, 1), (5, 5, 1), (5, 1, 0)])
def test_arguments_out_of_range_are_refused_naming_them(page_size: int, overlap: int, attempts: int) -> None:
    with pytest.raises(ValueError, match=rf"got page_size={page_size}, overlap={overlap}, attempts={attempts}"):
        read_consistently_sync(
            lambda o, n: ([], None), identity=str, page_size=page_size, overlap=overlap, attempts=attempts
        )
