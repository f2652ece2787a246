"""`SyncPages`: what a list operation of `PexipEngageSync` returns, its first page fetched by the call.

A sync call sends its request when it is made, and raises its errors there, as every other sync
call does; so the list operation's call fetches the first page, whose `data`, `meta`,
`has_next_page` and `next_page()` the result offers. A plain `for` walks every item from the
starting offset, as `async for` does on `AsyncPages` (the generated `sync_pagination.SyncPages`,
which this class extends): the walk makes its own requests, with the largest page size the operation
allows and the later pages fetched ahead in a bounded pool of threads.
"""

from __future__ import annotations

from typing import TypeVar

from . import sync_pagination
from .pagination import PageMeta

T = TypeVar("T")


class SyncPages(sync_pagination.SyncPages[T]):
    """The first page of a list operation (already fetched), and every item by iterating.

    Attributes:
        data: The first page's items.
        meta: The first page's `offset`, `limit` and `total_count`.
    """

    data: list[T]
    meta: PageMeta

    def __init__(self, fetch: sync_pagination.FetchPage[T], offset: int) -> None:
        super().__init__(fetch, offset)
        self._first = super().first_page()
        self.data, self.meta = self._first.data, self._first.meta

    def __repr__(self) -> str:
        return f"SyncPages(data={self.data!r}, meta={self.meta!r})"

    def first_page(self) -> sync_pagination.Page[T]:
        """The first page, fetched by the call."""
        return self._first

    @property
    def has_next_page(self) -> bool:
        """Whether items remain after the first page."""
        return self._first.has_next_page

    def next_page(self) -> sync_pagination.Page[T] | None:
        """The page after the first one, or None when it was the last."""
        return self._first.next_page()
