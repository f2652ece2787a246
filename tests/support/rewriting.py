"""The fake behind a transport that rewrites its answers: one difference from openapi.yaml at a time.

Issue 75 measured the features this way: the in-memory fake answers as the spec says, and
`Rewriting` changes the decoded JSON of chosen answers before the client reads them (a member made
absent, null, or a value of another JSON type), so that a test runs a feature against an API that
differs in that one field. Either kind of client (and a served fake: `serve(Rewriting(...))`) can
use it: it is a sync and an async transport, as the fake is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx2

from pexip_engage_client.testing import FakePexipEngage

# A rewrite: the request, and the decoded JSON body of its answer, changed in place.
Rewrite = Callable[[httpx2.Request, Any], None]

# What a member becomes: `absent` (removed), `null`, or a value of another JSON type (`text`: the
# value written as a string, `true`: a boolean where a number or text was).
DIFFERENCES = ("absent", "null", "text", "true")


def plant(document: Any, pointer: str, difference: str) -> None:
    """Make the member at `pointer` (`/meta/totalCount`, `/data/0/email`) differ as `difference` says."""
    *parents, name = pointer.split("/")[1:]
    holder = document
    for token in parents:
        holder = holder[int(token)] if isinstance(holder, list) else holder[token]
    if difference == "absent":
        holder.pop(name, None)
    elif difference == "null":
        holder[name] = None
    elif difference == "text":
        holder[name] = str(holder.get(name))
    elif difference == "true":
        holder[name] = True
    else:
        raise ValueError(f"no such difference: {difference!r} (one of {', '.join(DIFFERENCES)})")


def on_answers(path: str, pointer: str, difference: str, *, offsets: set[int] | None = None) -> Rewrite:
    """A rewrite of the answers of the operation at `path` (of a list's, those at `offsets`; all when None)."""

    def rewrite(request: httpx2.Request, document: Any) -> None:
        if not request.url.path.endswith(path) or not isinstance(document, dict) or "data" not in document:
            return
        if offsets is None or int(request.url.params.get("offset", "0")) in offsets:
            plant(document, pointer, difference)

    return rewrite


def at_path(path: str, change: Callable[[Any], None]) -> Rewrite:
    """A rewrite calling `change(document)` on the answers to requests whose path fully matches `path` (a regex)."""
    pattern = re.compile(path)

    def rewrite(request: httpx2.Request, document: Any) -> None:
        if pattern.fullmatch(request.url.path):
            change(document)

    return rewrite


class Rewriting(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """`fake`'s answers, each JSON body passed through `rewrite` before the client reads it."""

    def __init__(self, fake: FakePexipEngage, rewrite: Rewrite) -> None:
        self.fake = fake
        self.rewrite = rewrite
        self.limits = fake.limits  # served (`testing._server.serve`), the fake's own limits apply

    def is_api_request(self, method: str, path: str) -> bool:
        return self.fake.is_api_request(method, path)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.fake.handle_request(request)
        response.read()
        return self._rewritten(request, response)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.fake.handle_async_request(request)
        await response.aread()
        return self._rewritten(request, response)

    def _rewritten(self, request: httpx2.Request, response: httpx2.Response) -> httpx2.Response:
        if "json" not in response.headers.get("content-type", "") or not response.content:
            return response
        document = response.json()
        self.rewrite(request, document)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        return httpx2.Response(response.status_code, headers=headers, json=document, request=request)
