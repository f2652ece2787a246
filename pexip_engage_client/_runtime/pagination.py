"""Pagination of list operations: `AsyncPages` (await it, or iterate every item) and `Page`.

A list operation takes `offset`/`limit` and answers one page of `data` with a `meta` object
telling where that page sits (`offset`, `limit`, `total_count`). The generated resource method
supplies `fetch`, which sends the operation for a given offset; everything else is here: the
first page, `next_page()`, and iteration that fetches the later pages concurrently (the first page
tells how many there are) while handing out the items in order.
"""

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar

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


class Page(Generic[T]):
    """One page of a list operation.

    Attributes:
        data: The items of this page.
        meta: `offset`, `limit` and `total_count` as the server reported them.
    """

    # A plain class rather than an attrs one: importing attrs would double the package's import
    # time, and the models that need it are loaded with the first response.
    __slots__ = ("_fetch", "data", "meta")

    data: list[T]
    meta: PageMeta

    def __init__(self, data: list[T], meta: PageMeta, fetch: FetchPage[T]) -> None:
        self.data = data
        self.meta = meta
        self._fetch = fetch

    def __repr__(self) -> str:
        return f"Page(data={self.data!r}, meta={self.meta!r})"

    @property
    def has_next_page(self) -> bool:
        """Whether items remain after this page (an empty page ends the list whatever the total says)."""
        return self.meta.offset + len(self.data) < self.meta.total_count and len(self.data) > 0

    async def next_page(self) -> "Page[T] | None":
        """The page after this one, or None after the last."""
        if not self.has_next_page:
            return None
        envelope = await self._fetch(self.meta.offset + len(self.data))
        return Page(envelope.data, envelope.meta, self._fetch)


class AsyncPages(Generic[T]):
    """What a list operation returns: await it for the first page, or `async for` every item.

    `async for item in pages` walks every item across pages once and in order. Because the first
    page tells the total, the later pages are fetched concurrently (16 at a time by default; see
    `items(concurrency=...)`) while the items are still handed out in order.
    """

    def __init__(self, fetch: FetchPage[T], offset: int) -> None:
        self._fetch = fetch
        self._offset = offset

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()

    async def first_page(self) -> Page[T]:
        """The page at the starting offset."""
        envelope = await self._fetch(self._offset)
        return Page(envelope.data, envelope.meta, self._fetch)

    def __aiter__(self) -> AsyncIterator[T]:
        return self.items()

    async def items(self, concurrency: int = 16) -> AsyncGenerator[T, None]:
        """Every item from the starting offset to the end, with up to `concurrency` pages in flight."""
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        first = await self._fetch(self._offset)
        for item in first.data:
            yield item
        size = first.meta.limit or len(first.data)
        if size <= 0 or not first.data:
            return
        offsets = iter(range(first.meta.offset + size, first.meta.total_count, size))
        in_flight: deque[asyncio.Task[PageEnvelope[T]]] = deque(
            asyncio.ensure_future(self._fetch(offset)) for offset in islice(offsets, concurrency)
        )
        try:
            while in_flight:
                envelope = await in_flight.popleft()
                in_flight.extend(asyncio.ensure_future(self._fetch(offset)) for offset in islice(offsets, 1))
                for item in envelope.data:
                    yield item
        finally:  # the caller stopped early, or a page failed: do not leave fetches running
            for task in in_flight:
                task.cancel()
            await asyncio.gather(*in_flight, return_exceptions=True)
