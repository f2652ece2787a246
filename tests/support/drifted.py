"""The in-memory fake behind a transport that rewrites its JSON answers: one difference from openapi.yaml each.

Issue 75's measure: a feature that reads answers is run against the fake, one answer made to differ
(a field absent, null, or of another JSON type) by `rewrite`, so that each test plants exactly the
difference it names. The client must read leniently (`strict_responses=False`) to see it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2

from pexip_engage_client.testing import FakePexipEngage

# Rewrites the decoded body of one answer; (method, path after the enterprise, body) -> body.
Rewrite = Callable[[str, str, Any], Any]


class Drifted(httpx2.AsyncBaseTransport, httpx2.BaseTransport):
    """`fake` as a transport whose JSON answers pass through `rewrite` (the others as they are), and
    whose requests lose the query parameters named in `ignored` on their way to it."""

    def __init__(self, fake: FakePexipEngage, rewrite: Rewrite, *, ignored: tuple[str, ...] = ()) -> None:
        self.fake, self.rewrite, self.ignored = fake, rewrite, ignored

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self.ignored:  # query parameters the API is made to ignore (`external-id`: a filter not applied)
            url = request.url
            for name in self.ignored:
                url = url.copy_remove_param(name)
            request = httpx2.Request(request.method, url, headers=request.headers, content=await request.aread())
        response = await self.fake.handle_async_request(request)
        content = await response.aread()
        if not response.headers.get("content-type", "").startswith("application/json") or not content:
            return response
        path = request.url.path.split("/enterprises/", 1)[-1].partition("/")[2]
        body = self.rewrite(request.method, "/" + path, json.loads(content))
        headers = {k: v for k, v in response.headers.items() if k.lower() not in {"content-length", "content-encoding"}}
        return httpx2.Response(response.status_code, headers=headers, content=json.dumps(body).encode())

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """The same for the sync client (`SyncPexipEngage`), through the fake's own loop."""
        response = self.fake.handle_request(request)
        content = response.read()
        if not response.headers.get("content-type", "").startswith("application/json") or not content:
            return response
        path = request.url.path.split("/enterprises/", 1)[-1].partition("/")[2]
        body = self.rewrite(request.method, "/" + path, json.loads(content))
        headers = {k: v for k, v in response.headers.items() if k.lower() not in {"content-length", "content-encoding"}}
        return httpx2.Response(response.status_code, headers=headers, content=json.dumps(body).encode())


def on(method: str, path: str, change: Callable[[Any], Any]) -> Rewrite:
    """A rewrite of the answers to `method path` only (`GET /appointments`): `change(body)`, the others kept."""

    def rewrite(sent: str, at: str, body: Any) -> Any:
        return change(body) if (sent, at) == (method, path) else body

    return rewrite


def each_item(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], Any]:
    """A page's body with `change` applied to each item of its `data` (in place)."""

    def apply(body: Any) -> Any:
        for item in body.get("data", ()):
            change(item)
        return body

    return apply
