"""`SyncPages`: what a list operation of `SyncPexipEngage` returns, its first page fetched by the call.

A sync call sends its request when it is made, and raises its errors there, as every other sync
call does; so the list operation's call fetches the first page, whose `data`, `meta`,
`has_next_page` and `next_page()` the result offers. A plain `for` walks every item from the
starting offset, as `async for` does on `AsyncPages` (the generated `sync_pagination.SyncPages`,
which this class extends), the later pages fetched ahead in threads, a bounded number at once. The first
walk starts from the page the call fetched rather than asking for it again: under the API's limit
of 3,000 requests a minute, a repeated request is one less for everything else. A later walk asks
again, so that it sees the list as it is then.
"""

from __future__ import annotations

import contextlib
from typing import TypeVar

from ._sync import pagination as sync_pagination
from .model_list import ModelList
from .pagination import PageEnvelope, PageMeta, ShownAsPage

T = TypeVar("T")


class SyncPages(ShownAsPage, sync_pagination.SyncPages[T]):
    """The first page of a list operation (already fetched), and every item by iterating.

    Attributes:
        data: The first page's items: a `ModelList`, a list that shows itself briefly.
        meta: The first page's `offset`, `limit` and `total_count` (see `Page.meta`).
    """

    def __init__(self, fetch: sync_pagination.FetchPage[T], offset: int) -> None:
        envelope = fetch(offset)
        self._first = sync_pagination.Page(envelope, fetch, offset)
        # Taken by whichever walk asks for the starting offset first; list.pop is atomic, so two
        # threads walking at once cannot both take it.
        unwalked = [envelope]

        def fetch_once_fetched(page_offset: int) -> PageEnvelope[T]:
            if page_offset == offset and unwalked:
                with contextlib.suppress(IndexError):
                    return unwalked.pop()
            return fetch(page_offset)

        super().__init__(fetch_once_fetched, offset)

    @property
    def data(self) -> ModelList[T]:
        """The first page's items (`errors.UnreadableFieldError` if the answer held none it could read)."""
        return self._first.data

    @property
    def meta(self) -> PageMeta:
        """The first page's `offset`, `limit` and `total_count`, as the server reported them."""
        return self._first.meta

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
