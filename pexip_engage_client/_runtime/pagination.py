"""Pagination of list operations: `AsyncPages` (await it, or iterate every item) and `Page`.

`next_page()` and iteration follow one rule, `_following_offset` (docs/pagination.md)."""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import logging
import threading
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .._base.answer_fields import Unread
from .._base.arguments import counted, is_count
from .._base.is_async import is_async
from .._base.processes import generation
from .lenient import model_field, to_wire
from .model_list import ModelList

if TYPE_CHECKING:
    # Imported where the async walk runs: `import pexip_engage_client` stays free of the event loop's modules.
    import asyncio

T = TypeVar("T")


class PageMeta(Protocol):
    """The `meta` object of a list response: where the page sits in the whole result set."""

    @property
    def offset(self) -> int: ...
    @property
    def limit(self) -> int: ...
    @property
    def total_count(self) -> int: ...


class PageEnvelope(Protocol[T]):
    """A list response: one page of `data` and its `meta`."""

    @property
    def data(self) -> list[T]: ...
    @property
    def meta(self) -> PageMeta: ...


# Sends the list operation for the page starting at the given offset.
FetchPage = Callable[[int], Awaitable[PageEnvelope[T]]]

# Pages fetched at once by a walk whose calls no client bounds (a `fetch` of the caller's own).
_DEFAULT_WINDOW = 16

# The most pages a walk fetches without a readable `meta.totalCount` (docs/pagination.md).
MAX_PAGES_WITHOUT_TOTAL = 10_000


def _unusable(unread: Unread, needed: str) -> Exception:
    """A walk's refusal of a page it cannot use (docs/spec-drift.md): `errors.UnusableAnswerError`."""
    from .._errors import UnusableAnswerError  # noqa: PLC0415 - the errors load with a call, not with the package

    return UnusableAnswerError(
        feature="items", operation=unread.operation, pointer=unread.pointer, kind=unread.kind, needed=needed
    )


logger = logging.getLogger(__name__)


class WalkObserver(Protocol):
    """What an observer of the calls (the facade's tracing) keeps on a walk; ended with the walk."""

    def end(self) -> None: ...


# How many pages a walk may fetch at once, given what its caller asked for (None: nothing).
WalkWindow = Callable[[int | None], int]


class Walk:
    """One `items()` walk, seen by its pages' calls in `current_walk`; the client sending them sets how many pages it
    may fetch at once (`window`)."""

    __slots__ = ("observer", "window")

    def __init__(self) -> None:
        self.observer: WalkObserver | None = None  # set by the first page's call, if anything observes it
        self.window: WalkWindow | None = None  # set by the first page's call

    def fetching(self, fetch: FetchPage[T]) -> FetchPage[T]:
        """`fetch`, each page's call made with this walk current."""

        async def fetch_in_walk(offset: int) -> PageEnvelope[T]:
            reset = current_walk.set(self)
            try:
                return await fetch(offset)
            finally:
                current_walk.reset(reset)

        return fetch_in_walk

    def end(self) -> None:
        if self.observer is not None:
            self.observer.end()


current_walk: ContextVar[Walk | None] = ContextVar("pexip_engage_client_walk", default=None)

# Set while a sync list call fetches a page outside a walk: the call's own page, which the first walk starts from,
# and `next_page()`'s. Each asks for a walk's page size, so that a walk never begins with a page of the default 25.
largest_pages: ContextVar[bool] = ContextVar("pexip_engage_client_largest_pages", default=False)


def _following_offset(offset: int, received: int, total: int | None, limit: int | None) -> int | None:
    """Where the page after the one at `offset` starts, or None when that one was the last (docs/pagination.md)."""
    following = offset + received
    if not received:
        return None
    if total is not None:
        return following if following < total else None
    return None if limit is not None and received < limit else following


def _meta_count(envelope: PageEnvelope[Any], name: str, pointer: str) -> int | Unread:
    """`meta.<name>` of a page as a count, or an `Unread` when the answer did not give one."""
    value = model_field(lambda: getattr(envelope.meta, name), pointer=pointer)
    if isinstance(value, Unread) or is_count(value, 0):
        return value
    return Unread(pointer, "null" if value is None else "type")


def _known(count: int | Unread) -> int | None:
    return None if isinstance(count, Unread) else count


def _page_items(envelope: PageEnvelope[T]) -> list[T]:
    """A page's `data`; the walk's refusal when the answer held none it could read (nothing to hand out)."""
    data = model_field(lambda: envelope.data, pointer="/data")
    if isinstance(data, Unread):
        raise _unusable(data, "for the items of the page")
    return data


def _same_items(data: list[T], before: list[T]) -> bool:
    """Whether two pages hold the same items. An item read leniently with a field left unread raises when
    compared field by field, so such pages are compared as the API sent them (`to_wire`)."""
    from .._errors import UnreadableFieldError  # noqa: PLC0415

    try:
        return data == before
    except UnreadableFieldError:
        return [to_wire(item) for item in data] == [to_wire(item) for item in before]


async def _discard(fetches: deque[tuple[int, asyncio.Task[PageEnvelope[T]]]]) -> None:
    """Cancel `fetches` and wait for them to end, so that none runs on, or fails unseen, later."""
    tasks: list[Any] = [task for _, task in fetches]  # in a sync walk, `_PageInAThread`s
    fetches.clear()
    for task in tasks:
        task.cancel()
    if is_async():
        import asyncio  # noqa: PLC0415 - loaded by the event loop already; not at import time (see above)

        await asyncio.gather(*tasks, return_exceptions=True)
    else:  # a page on its way in a thread cannot be cancelled: waited for, unless a parent process fetched it
        concurrent.futures.wait([task for task in tasks if task.made_here()])


class _PageInAThread(concurrent.futures.Future[Any]):
    """A page a sync walk fetches ahead, in a thread of its own that ends with the page. Not a pool, whose idle threads
    outlive a walk left unfinished; one made before a `fork()` is the parent's, so a child fetches the page itself."""

    def __init__(self, fetch: Callable[[int], Any], offset: int) -> None:
        super().__init__()
        self._page = (fetch, offset)
        self.generation = generation()
        context = contextvars.copy_context()  # the caller's: its walk, its tracing
        threading.Thread(target=context.run, args=(self._fetch,), name="pexip-engage-walk").start()

    def _fetch(self) -> None:
        if not self.set_running_or_notify_cancel():
            return  # discarded before it began
        fetch, offset = self._page
        try:
            self.set_result(fetch(offset))
        except BaseException as exc:  # handed to the walk, which raises it where it waits
            self.set_exception(exc)

    def made_here(self) -> bool:
        return self.generation == generation()

    def result(self, timeout: float | None = None) -> Any:
        if not self.made_here():
            fetch, offset = self._page
            return fetch(offset)
        return super().result(timeout)

    def cancel(self) -> bool:
        return super().cancel() if self.made_here() else True


def _prefetch(fetch: Callable[[int], Any], offset: int) -> Any:
    """The page at `offset` on its way: a task, or in a sync walk a thread of its own (in the caller's context)."""
    if is_async():
        import asyncio  # noqa: PLC0415 - loaded by the event loop already; not at import time (see above)

        return asyncio.ensure_future(fetch(offset))
    return _PageInAThread(fetch, offset)


class ShownAsPage:
    """A page shown short, by its class's name, without raising (`_views/`, imported when a page is first shown).

    `self` is typed `Any`: the sync walk's pages borrow these methods without being one."""

    __slots__ = ()

    def __repr__(self: Any) -> str:
        from .. import _views  # noqa: PLC0415

        return _views.page_repr(type(self).__name__, self)

    def _repr_pretty_(self: Any, printer: Any, cycle: bool) -> None:
        from .. import _views  # noqa: PLC0415

        _views.page_pretty(type(self).__name__, self, printer, cycle)

    def _repr_html_(self: Any) -> str:
        from .. import _views  # noqa: PLC0415

        return _views.page_html(type(self).__name__, self)


class Page(ShownAsPage, Generic[T]):
    """One page of a list operation.

    Attributes:
        data: The items of this page: a `ModelList`, a list that shows itself briefly.
        meta: `offset`, `limit` and `total_count` as the server reported them (a field the answer did
            not give raises `errors.UnreadableFieldError` when read: docs/pagination.md).
    """

    # A plain class: importing attrs would double the package's import time.
    __slots__ = ("_data", "_envelope", "_fetch", "_offset")

    def __init__(self, envelope: PageEnvelope[T], fetch: FetchPage[T], offset: int) -> None:
        self._envelope = envelope
        self._fetch = fetch
        self._offset = offset  # asked for, which `meta.offset` only echoes
        self._data: ModelList[T] | None = None

    @property
    def data(self) -> ModelList[T]:
        """The items of this page (`errors.UnreadableFieldError` if the answer held none it could read)."""
        if self._data is None:
            data = self._envelope.data
            self._data = data if isinstance(data, ModelList) else ModelList(data)
        return self._data

    @property
    def meta(self) -> PageMeta:
        """Where the page sits: `offset`, `limit`, `total_count`, as the server reported them."""
        return self._envelope.meta

    @property
    def has_next_page(self) -> bool:
        """Whether items remain after this page (an empty page ends the list whatever the total says)."""
        return self._next_offset() is not None

    async def next_page(self) -> Page[T] | None:
        """The page after this one (starting right after its items), or None after the last."""
        following = self._next_offset()
        if following is None:
            return None
        return Page(await self._fetch(following), self._fetch, following)

    def _next_offset(self) -> int | None:
        envelope = self._envelope
        total = _known(_meta_count(envelope, "total_count", "/meta/totalCount"))
        limit = None if total is not None else _known(_meta_count(envelope, "limit", "/meta/limit"))
        return _following_offset(self._offset, len(_page_items(envelope)), total, limit)


class AsyncPages(Generic[T]):
    """What a list operation returns: await it for the first page, or `async for` every item.

    Iteration walks to the end, in order, fetching later pages concurrently within the client's
    limits; offset paging takes no snapshot (docs/pagination.md).
    """

    def __init__(self, fetch: FetchPage[T], offset: int) -> None:
        self._offset = offset
        if is_async():
            self._fetch = fetch
        else:
            # A sync call sends its request when it is made, and raises its errors there, as every
            # other sync call does; the first walk starts from this page, so it is as large as a walk's
            # pages, as is every page of the call's (docs/without-an-event-loop.md).
            def fetch_now(page_offset: int) -> Any:
                reset = largest_pages.set(True)
                try:
                    return fetch_sync(page_offset)
                finally:
                    largest_pages.reset(reset)

            fetch_sync: Any = fetch
            envelope = fetch_now(offset)
            self._first = Page(envelope, fetch_now, offset)
            unwalked = [envelope]  # list.pop is atomic: two threads walking at once cannot both take it

            def fetch_once_fetched(page_offset: int) -> Any:
                if page_offset == offset and unwalked:
                    with contextlib.suppress(IndexError):
                        return unwalked.pop()
                return fetch_now(page_offset)

            self._fetch = fetch_once_fetched

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def first_page(self) -> Page[T]:
        """The page at the starting offset (fetched by the sync call)."""
        if is_async():
            return Page(await self._fetch(self._offset), self._fetch, self._offset)
        return self._first

    if not is_async():  # the first page's, which the sync call fetched; shown as that page

        @property
        def data(self) -> ModelList[T]:
            """The first page's items (`errors.UnreadableFieldError` if the answer held none it could read)."""
            return self._first.data

        @property
        def meta(self) -> PageMeta:
            """The first page's `offset`, `limit` and `total_count`, as the server reported them."""
            return self._first.meta

        @property
        def has_next_page(self) -> bool:
            """Whether items remain after the first page."""
            return self._first.has_next_page

        def next_page(self) -> Page[T] | None:
            """The page after the first one, or None when it was the last."""
            first: Any = self._first  # the sync twin's Page, whose next_page() is the page
            page: Page[T] | None = first.next_page()
            return page

        # Written out, not assigned: users' type checkers (pyright --verifytypes) read an assigned method as untyped.
        def __repr__(self) -> str:
            return ShownAsPage.__repr__(self)

        def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
            ShownAsPage._repr_pretty_(self, printer, cycle)

        def _repr_html_(self) -> str:
            return ShownAsPage._repr_html_(self)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.items()

    async def items(
        self,
        concurrency: int | None = None,
        *,
        max_pages_without_total: int = MAX_PAGES_WITHOUT_TOTAL,
        until_empty: bool = False,
    ) -> AsyncGenerator[T, None]:
        """Every item from the starting offset to the end, with up to `concurrency` pages in flight.

        `concurrency` defaults to one less than the calls in flight the client's governor allows, and is
        lowered to it. Past `max_pages_without_total` pages whose `meta.totalCount` cannot be read the walk
        raises `errors.UnusableAnswerError` rather than guess where the list ends. With `until_empty=True`
        the pages are asked for one at a time until one is empty, `meta` never read, and a page repeating
        the one before ends the walk with a WARNING (docs/pagination.md).
        """
        if concurrency is not None:
            counted(concurrency, "concurrency", reason="must be a positive integer, or None (got {!r})")
        counted(max_pages_without_total, "max_pages_without_total")
        offset = self._offset
        walk = Walk()
        fetch = walk.fetching(self._fetch)
        ahead = _PagesAhead(fetch, lambda: _window(walk, concurrency))
        course = _Course(max_pages_without_total, until_empty)
        try:
            envelope = await fetch(offset)
            while True:
                data = course.unrepeated(_page_items(envelope), offset)
                # From the offset asked for: a server that ignored it must not keep the walk in place.
                following = course.following(offset, len(data), envelope)
                if following is None:  # the last page: nothing fetched ahead is wanted
                    await ahead.discard()
                else:
                    # Planned before the items are handed out: the next fetches go while the caller works.
                    await ahead.plan(following, len(data), course.total)
                for item in data:
                    yield item
                if following is None:
                    return
                course.check_bound()
                offset, envelope = await ahead.next(following)
        finally:  # the end, the caller stopped early, or a page failed: leave no fetch running
            await ahead.discard()
            walk.end()


def _window(walk: Walk, concurrency: int | None) -> int:
    """How many pages `walk` may fetch at once: as its client says, once a page's call went through it."""
    return walk.window(concurrency) if walk.window is not None else concurrency or _DEFAULT_WINDOW


class _Course:
    """What a walk knows of where the list ends: the latest readable total (a change logged once)."""

    __slots__ = ("_before", "_bound", "_changed", "_total_at_start", "_unread", "_untold", "total")

    def __init__(self, bound: int, until_empty: bool) -> None:
        self._bound = bound
        self._before: list[Any] | None = [] if until_empty else None  # the page before, walking `until_empty`
        self._untold = 0  # pages whose total could not be read
        self._unread: Unread | None = None
        self._total_at_start: int | None = None  # the first readable total
        self._changed = False  # logged
        self.total: int | None = None

    def following(self, offset: int, received: int, envelope: PageEnvelope[Any]) -> int | None:
        """Where the walk goes after the page at `offset` of `received` items (None: the end)."""
        if self._before is not None:
            return _following_offset(offset, received, None, None)
        total = _meta_count(envelope, "total_count", "/meta/totalCount")
        if isinstance(total, Unread):
            self._unread, self.total = total, None
            self._untold += 1
            return _following_offset(offset, received, None, _known(_meta_count(envelope, "limit", "/meta/limit")))
        self.total = total
        if self._total_at_start is None:
            self._total_at_start = total
        elif total != self._total_at_start and not self._changed:
            self._changed = True
            logger.warning(
                "The list's total went from %d to %d during the walk: items added or removed "
                "before the walk's position make later ones come twice or be skipped",
                self._total_at_start,
                total,
            )
        return _following_offset(offset, received, total, None)

    def unrepeated(self, data: list[T], offset: int) -> list[T]:
        """`data`, or none (the end) when a walk `until_empty` is given the page before again at `offset`."""
        if self._before is None:
            return data
        before, self._before = self._before, data
        if data and _same_items(data, before):
            logger.warning("The list answered the same page at the next offset (%d); the walk ends there", offset)
            return []
        return data

    def check_bound(self) -> None:
        """The walk's refusal once it has fetched its bound of pages without a total, and would go on."""
        if self._unread is not None and self._untold >= self._bound:
            raise _unusable(self._unread, f"to know where the list ends, after {self._bound:,} pages without it")


class _PagesAhead(Generic[T]):
    """The pages a walk has fetched ahead, each `page_size` after the one before: the most items a page has held, not
    `meta.limit`, which may echo a limit the server caps below."""

    def __init__(self, fetch: FetchPage[T], window: Callable[[], int]) -> None:
        self._fetch = fetch
        self._window = window  # asked each time the ramp grows: known once a page went through a client
        self._in_flight: deque[tuple[int, asyncio.Task[PageEnvelope[T]]]] = deque()
        self._page_size = 0
        # Pages to have fetched ahead, times four per page: the window within two pages.
        self._ramp = 1

    async def plan(self, following: int, received: int, total: int | None) -> None:
        """Fetch ahead from `following`, after a page of `received` items, up to `total` (None: nothing ahead)."""
        in_flight = self._in_flight
        short = received < self._page_size
        self._page_size = max(self._page_size, received)
        if in_flight and in_flight[0][0] != following:
            # Fetched ahead assuming a full page: they would leave a gap or repeat items.
            await _discard(in_flight)
        # After a short page (maybe the data's end, below the total) the next one goes alone.
        if short:
            self._ramp = 1
        ahead = in_flight[-1][0] + self._page_size if in_flight else following
        while total is not None and len(in_flight) < self._ramp and ahead < total:
            in_flight.append((ahead, _prefetch(self._fetch, ahead)))
            ahead += self._page_size

    async def next(self, following: int) -> tuple[int, PageEnvelope[T]]:
        """The page at `following` (fetched ahead, or now) and its offset; the ramp grows."""
        if self._in_flight:
            offset, fetching = self._in_flight.popleft()
            envelope = await fetching if is_async() else fetching.result()
        else:  # nothing fetched ahead (no total to plan with): this page alone
            offset, envelope = following, await self._fetch(following)
        self._ramp = min(self._ramp * 4, self._window())
        return offset, envelope

    async def discard(self) -> None:
        """Discard what is still on its way (a sync walk's threads end with their pages)."""
        await _discard(self._in_flight)
