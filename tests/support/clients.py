"""Clients wired to an in-process transport that records each request: `client_for`, `sync_client_for`, `answer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx2

from pexip_engage_client import PexipEngage, SyncPexipEngage

TOKEN = "test-token-s3cr3t"


class Recorder:
    """An httpx2 transport that records each request and answers with queued or computed responses."""

    def __init__(self, respond: Callable[[httpx2.Request], httpx2.Response]) -> None:
        self.requests: list[httpx2.Request] = []
        self._respond = respond

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self._respond(request)

    @property
    def last(self) -> httpx2.Request:
        return self.requests[-1]


def client_for(respond: Callable[[httpx2.Request], httpx2.Response], **kwargs: Any) -> tuple[PexipEngage, Recorder]:
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return PexipEngage("acme", transport=httpx2.MockTransport(recorder), **kwargs), recorder


def sync_client_for(
    respond: Callable[[httpx2.Request], httpx2.Response], **kwargs: Any
) -> tuple[SyncPexipEngage, Recorder]:
    """`client_for`, for the sync client (the converted tests in tests/client/_sync/)."""
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return SyncPexipEngage("acme", transport=httpx2.MockTransport(recorder), **kwargs), recorder


# A sync list call's own page asks for its walk's page size (1,000 for the operations these tests list: docs/without-
# an-event-loop.md), which `PexipEngage`'s awaited page leaves to the server. The converted tests (tests/client/_sync/)
# of what else a list request carries compare it without that.
WALKS_LIMIT = "&limit=1000"


def without_walks_limit(requests: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (method, path and query) of each request, without a sync list call's `&limit=1000`."""
    return [(method, target.replace(WALKS_LIMIT, "")) for method, target in requests]


def answer(status: int, payload: Any = None, **kwargs: Any) -> Callable[[httpx2.Request], httpx2.Response]:
    """A responder that always answers `status` with `payload` as JSON."""
    return lambda request: httpx2.Response(status, json=payload, **kwargs)
