"""Clients wired to an in-process transport that records each request: `client_for`, `sync_client_for`, `answer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from pexip_engage_client import PexipEngage, SyncPexipEngage

TOKEN = "test-token-s3cr3t"


class Recorder:
    """An httpx transport that records each request and answers with queued or computed responses."""

    def __init__(self, respond: Callable[[httpx.Request], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self._respond = respond

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._respond(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def client_for(respond: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> tuple[PexipEngage, Recorder]:
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return PexipEngage("acme", transport=httpx.MockTransport(recorder), **kwargs), recorder


def sync_client_for(
    respond: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[SyncPexipEngage, Recorder]:
    """`client_for`, for the sync client (the converted tests in tests/client/_sync/)."""
    recorder = Recorder(respond)
    kwargs.setdefault("token", TOKEN)
    return SyncPexipEngage("acme", transport=httpx.MockTransport(recorder), **kwargs), recorder


def answer(status: int, payload: Any = None, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    """A responder that always answers `status` with `payload` as JSON."""
    return lambda request: httpx.Response(status, json=payload, **kwargs)
