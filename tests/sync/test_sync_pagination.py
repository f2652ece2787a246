"""The sync walk's own code (`_runtime/_sync/pagination.py`, generated): `SyncPages` and `Page`, plain fetches.

tests/client/test_pagination.py tests the async walk with coroutine fetch functions (not converted: see
scripts/generate/async_to_sync.py); these are its walks through the sync twin, whose pages ahead are threads
(`_PageInAThread`). Every item once and in order, no more pages ahead than `concurrency` (or the client's window),
the ramp 1, 4, 16, the first page fetched once, `until_empty`'s end, and a walk ended or stopped early leaving no
thread running. The pages ahead are counted when each is made (`Recording`): exact, without waiting on threads.
"""

from __future__ import annotations

import linecache
import sys
import threading
from dataclasses import dataclass, field
from types import FrameType, SimpleNamespace
from typing import Any

import pytest

from pexip_engage_client import ModelList, errors
from pexip_engage_client._runtime import pagination as async_pagination
from pexip_engage_client._runtime._sync import pagination
from pexip_engage_client._runtime._sync.pagination import Page, SyncPages, current_walk


@dataclass
class Meta:
    offset: int
    limit: int
    total_count: Any


@dataclass
class Envelope:
    data: list[int]
    meta: Meta


@dataclass
class Server:
    """The integers 0 to `total` in pages of `limit`; records each offset asked for, from any thread."""

    total: int
    limit: int = 10
    reported_total: int | None = None
    short: dict[int, int] = field(default_factory=dict)  # offset -> how many items that page holds
    untold: bool = False  # every page's `totalCount` null
    gate: threading.Event | None = None  # pages past the second wait for it (5 s at most)
    fail_at: int | None = None
    requested: list[int] = field(default_factory=list)
    in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fetch(self, offset: int) -> Envelope:
        with self.lock:
            self.requested.append(offset)
            self.in_flight += 1
        try:
            if self.gate is not None and offset > self.limit:
                assert self.gate.wait(5)
            if offset == self.fail_at:
                raise RuntimeError(f"page at {offset} failed")
            size = min(self.limit, self.short.get(offset, self.limit))
            total = None if self.untold else self.total if self.reported_total is None else self.reported_total
            return Envelope(list(range(self.total))[offset : offset + size], Meta(offset, self.limit, total))
        finally:
            with self.lock:
                self.in_flight -= 1


@pytest.fixture
def ahead(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The offsets of the pages a walk fetches ahead, in the order it made them (each still a thread of its own)."""
    made: list[int] = []

    class Recording(async_pagination._PageInAThread):
        def __init__(self, fetch: Any, offset: int) -> None:
            made.append(offset)
            super().__init__(fetch, offset)

    monkeypatch.setattr(pagination, "_PageInAThread", Recording)
    return made


def walk_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "pexip-engage-walk"]


def test_the_first_page_and_its_meta_and_next_pages() -> None:
    server = Server(total=25)
    pages = SyncPages(server.fetch, 10)
    assert server.requested == [10]  # the sync call fetches it
    first = pages.first_page()
    assert isinstance(pages.data, ModelList)
    assert (pages.data, first.data, pages.meta.offset, pages.has_next_page) == (
        list(range(10, 20)),
        pages.data,
        10,
        True,
    )
    assert first.meta is pages.meta
    second = pages.next_page()
    assert second is not None
    assert second.data == list(range(20, 25))
    assert second.meta.offset == 20
    assert not second.has_next_page
    assert second.next_page() is None
    assert server.requested == [10, 20]


def test_a_page_is_the_last_at_its_total_or_when_empty() -> None:
    def never(offset: int) -> Envelope:
        raise AssertionError("no fetch expected")

    assert not Page(Envelope([], Meta(0, 10, 99)), never, 0).has_next_page
    assert Page(Envelope([1], Meta(0, 10, 99)), never, 0).has_next_page
    assert not Page(Envelope(list(range(90, 100)), Meta(90, 10, 100)), never, 90).has_next_page  # full, but the end
    assert Page(Envelope(list(range(10)), Meta(0, 10, None)), never, 0).has_next_page  # no total: a full page
    assert not Page(Envelope(list(range(9)), Meta(0, 10, None)), never, 0).has_next_page  # no total: short, the end
    data = ModelList([1])
    assert Page(Envelope(data, Meta(0, 10, 99)), never, 0).data is data


@pytest.mark.parametrize("concurrency", [None, 1, 2, 3, 4])
def test_a_walk_yields_every_item_once_in_order_and_fetches_the_first_page_once(
    ahead: list[int], concurrency: int | None
) -> None:
    server = Server(total=95)
    pages = SyncPages(server.fetch, 0)
    assert list(pages.items(concurrency=concurrency)) == list(range(95))
    assert sorted(server.requested) == list(range(0, 100, 10))  # nothing asked twice, the first page not again
    assert sorted(ahead) == list(range(10, 100, 10))  # every later page fetched ahead, in a thread
    assert list(pages) == list(range(95))  # a later walk asks again
    assert server.requested.count(0) == 2
    assert not walk_threads()


@pytest.mark.parametrize("concurrency", [1, 2, 3, 5])
def test_no_more_pages_ahead_than_asked(ahead: list[int], concurrency: int) -> None:
    server = Server(total=200)
    most = 0
    for item in SyncPages(server.fetch, 0).items(concurrency=concurrency):
        if item % 10 == 0:  # pages made ahead, less those handed out (this one included)
            most = max(most, len(ahead) - item // 10)
    assert most == concurrency


def test_the_pages_ahead_grow_fourfold_to_the_window_as_the_caller_moves_on(ahead: list[int]) -> None:
    server = Server(total=1000)
    started: list[int] = []  # how many pages were asked for when each page's first item came
    walk = SyncPages(server.fetch, 0).items()  # no client: a window of 16
    for item in walk:
        if item % 10 == 0:
            started.append(1 + len(ahead))
        if item == 79:
            break
    walk.close()
    assert started == [1 + 1, 2 + 4, 3 + 16, 4 + 16, 5 + 16, 6 + 16, 7 + 16, 8 + 16]
    assert ahead[:5] == [10, 20, 30, 40, 50]  # each a page further than the one before
    assert not walk_threads()


def test_a_short_page_is_followed_from_where_it_ended_and_the_ramp_starts_again(ahead: list[int]) -> None:
    server = Server(total=1000, limit=100, short={300: 40})
    assert list(SyncPages(server.fetch, 0).items(concurrency=4)) == list(range(1000))
    after_the_short_page = ahead[ahead.index(340) :]
    assert after_the_short_page[:2] == [340, 440]  # one page ahead again, then four
    assert sorted(set(after_the_short_page)) == list(range(340, 1000, 100))


def test_a_page_size_capped_below_the_limit_skips_nothing(ahead: list[int]) -> None:
    server = Server(total=100, limit=10, short=dict.fromkeys(range(0, 100, 5), 5))  # `meta.limit` 10, pages 5
    assert list(SyncPages(server.fetch, 0).items(concurrency=4)) == list(range(100))
    assert sorted(server.requested) == list(range(0, 100, 5))  # each page 5 on from the one before


def test_a_total_past_the_data_ends_at_the_empty_page_and_drops_the_pages_beyond(ahead: list[int]) -> None:
    server = Server(total=250, limit=100, reported_total=10_000_000)
    assert list(SyncPages(server.fetch, 0).items(concurrency=4)) == list(range(250))
    assert 250 in server.requested  # page 200 held 50: 250 asked for alone, empty, the end
    assert len(server.requested) <= 7
    assert not walk_threads()
    assert server.in_flight == 0


def test_a_walk_stopped_early_leaves_no_thread_running(ahead: list[int]) -> None:
    gate = threading.Event()
    server = Server(total=1000, gate=gate)
    walk = SyncPages(server.fetch, 0).items(concurrency=3)
    assert [next(walk) for _ in range(20)] == list(range(20))  # pages 20 to 40 are on their way, held
    assert sorted(ahead) == [10, 20, 30, 40]
    timer = threading.Timer(0.05, gate.set)  # lets the held pages end; close() must wait for them
    timer.start()
    walk.close()
    assert server.in_flight == 0
    assert not walk_threads()
    timer.join()


def test_a_failing_page_raises_where_it_is_waited_for_and_the_others_end(ahead: list[int]) -> None:
    server = Server(total=100, fail_at=30)
    seen: list[int] = []
    walk = SyncPages(server.fetch, 0).items(concurrency=4)
    seen += [next(walk) for _ in range(30)]
    with pytest.raises(RuntimeError, match="page at 30 failed"):
        next(walk)
    assert seen == list(range(30))
    assert server.in_flight == 0
    assert not walk_threads()


def test_each_page_is_fetched_with_the_walk_current_which_sets_its_window_and_ends_its_observer(
    ahead: list[int],
) -> None:
    server = Server(total=200)
    walks: set[int] = set()
    asked: list[int | None] = []
    ended: list[int] = []
    outside: list[int] = []

    class Observer:
        def end(self) -> None:
            ended.append(1)

    def fetch(offset: int) -> Envelope:
        walk = current_walk.get()
        if walk is None:  # the sync call's first page, fetched before any walk
            outside.append(offset)
            return server.fetch(offset)
        walks.add(id(walk))
        if walk.window is None:  # as a client's first call does
            walk.window = lambda concurrency: asked.append(concurrency) or 2  # type: ignore[func-returns-value]
            walk.observer = Observer()
        return server.fetch(offset)

    pages = SyncPages(fetch, 0)
    assert current_walk.get() is None
    most = 0
    for item in pages.items(concurrency=7):
        if item % 10 == 0:
            most = max(most, len(ahead) - item // 10)
    assert most == 2  # the client's window, not the 7 asked
    assert set(asked) == {7}
    assert len(walks) == 1
    assert ended == [1]
    assert outside == [0]
    assert current_walk.get() is None


def test_until_empty_asks_one_page_at_a_time_until_one_is_empty(ahead: list[int]) -> None:
    server = Server(total=25, untold=True)
    assert list(SyncPages(server.fetch, 0).items(until_empty=True)) == list(range(25))
    assert server.requested == [0, 10, 20, 25]  # the short page 20 does not end it: the empty one does
    assert ahead == []  # nothing fetched ahead


def test_without_a_total_a_walk_ends_at_a_short_page_within_its_bound(ahead: list[int]) -> None:
    server = Server(total=25, untold=True)
    assert list(SyncPages(server.fetch, 0).items()) == list(range(25))
    assert server.requested == [0, 10, 20]
    with pytest.raises(errors.UnusableAnswerError, match="after 2 pages without it"):
        list(SyncPages(Server(total=50, untold=True).fetch, 0).items(max_pages_without_total=2))


def test_the_walks_arguments_are_refused_naming_them() -> None:
    pages = SyncPages(Server(total=5).fetch, 0)
    with pytest.raises(ValueError, match=r"^concurrency must be a positive integer, or None \(got 0\)$"):
        next(pages.items(concurrency=0))
    with pytest.raises(ValueError, match=r"^max_pages_without_total must be a positive integer \(got 0\)$"):
        next(pages.items(max_pages_without_total=0))


def test_a_sync_pages_met_again_within_itself_shows_as_its_name_only() -> None:
    """IPython's `cycle`: the printer met the pages already, on its way to them."""
    shown: list[str] = []
    SyncPages(Server(total=1).fetch, 0)._repr_pretty_(SimpleNamespace(text=shown.append), True)
    assert shown == ["SyncPages(...)"]


def test_two_walks_starting_at_once_each_get_the_first_page() -> None:
    """The page the sync call fetched goes to one walk: another that saw it there before it was taken asks again.

    Walk A is held (by a trace of its thread) between seeing the page there and taking it, while walk B takes it.
    """
    server = Server(total=25)
    pages = SyncPages(server.fetch, 0)
    seen_there, taken = threading.Event(), threading.Event()

    def hold_before_taking(frame: FrameType, event: str, arg: object) -> Any:
        line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
        if event == "line" and frame.f_code.co_name == "fetch_once_fetched" and "suppress" in line:
            seen_there.set()
            assert taken.wait(5)
        return hold_before_taking

    walked: dict[str, object] = {}

    def walk_a() -> None:
        sys.settrace(hold_before_taking)
        try:
            walked["a"] = list(pages)
        except Exception as error:
            walked["a"] = error
        finally:
            sys.settrace(None)

    thread = threading.Thread(target=walk_a)
    thread.start()
    assert seen_there.wait(5)
    walked["b"] = list(pages)
    taken.set()
    thread.join(5)
    assert walked == {"a": list(range(25)), "b": list(range(25))}
    assert server.requested.count(0) == 2  # the sync call's, and walk A's own
