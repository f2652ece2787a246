"""The fake behind a transport that rewrites its answers: differences from openapi.yaml, planted on the wire.

The one way the tests make an answer differ from the spec (issue 75): the in-memory fake answers as
the spec says, and `Rewriting` hands the decoded JSON of each answer to a `rewrite` before the client
reads it, so a feature runs against an API that differs in the one field a test names, as a tenant's
would. It is a sync and an async transport, as the fake is, and can be served on loopback like it
(`testing._server.serve`) for the command line.

A rewrite is `rewrite(request, document)`: it changes `document` in place, or returns the document to
send instead. `plant` makes one field differ (`*` for each item of a list); the selectors below build
rewrites for the answers of one operation (`on`, `on_answers`, `at_path`, `planted`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx2

from pexip_engage_client.testing import FakePexipEngage

# The request, and the decoded JSON of its answer: changed in place, or the document to send instead.
Rewrite = Callable[[httpx2.Request, Any], Any]

# How a field differs: absent, null, or of another JSON type (the three of the issue).
KINDS = ("missing", "null", "type")
# The walks' finer cut of the same: `absent` is `missing`; `text` writes the value as a string and
# `true` a boolean where a number or text was (two kinds of "another type").
DIFFERENCES = ("absent", "null", "text", "true")
_BODY_HEADERS = frozenset({"content-length", "content-encoding"})


def other_type(value: Any) -> Any:
    """A value of another JSON type than `value`: a number for text, text for anything else."""
    return 7 if isinstance(value, str) else "drifted"


def _differing(value: Any, kind: str) -> Any:
    changed = {"null": None, "type": other_type(value), "text": str(value), "true": True}
    if kind not in changed:
        raise ValueError(f"no such difference: {kind!r} (one of {', '.join((*KINDS, *DIFFERENCES))})")
    return changed[kind]


def plant(document: Any, pointer: str, kind: str) -> int:
    """`document` changed in place at `pointer` (`/meta/totalCount`, `/data/*/start`, `/data/0/email`):
    the member taken out (`missing`, `absent`), made null, or of another type; how many places changed."""
    tokens = [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]
    return _plant(document, tokens, kind) if tokens else 0


def _plant(node: Any, tokens: list[str], kind: str) -> int:
    head, rest = tokens[0], tokens[1:]
    if head == "*" and isinstance(node, list):
        return sum(_plant(item, rest, kind) if rest else _set(node, index, kind) for index, item in enumerate(node))
    if isinstance(node, list) and head.isdigit() and int(head) < len(node):
        key: Any = int(head)
    elif isinstance(node, dict) and head in node:
        key = head
    else:
        return 0
    return _plant(node[key], rest, kind) if rest else _set(node, key, kind)


def _set(parent: Any, key: Any, kind: str) -> int:
    if kind in ("missing", "absent"):
        if isinstance(parent, list):
            return 0  # an item of a list is never "absent"
        del parent[key]
    else:
        parent[key] = _differing(parent[key], kind)
    return 1


def route(request: httpx2.Request) -> str:
    """The request's path after the enterprise (`/appointments`), as openapi.yaml writes it."""
    return "/" + request.url.path.split("/enterprises/", 1)[-1].partition("/")[2]


def on(method: str, path: str, change: Callable[[Any], Any]) -> Rewrite:
    """A rewrite of the answers to `method path` (`GET /appointments`) only: `change(document)`."""
    return lambda request, document: change(document) if (request.method, route(request)) == (method, path) else None


def at_path(path: str, change: Callable[[Any], Any]) -> Rewrite:
    """A rewrite calling `change(document)` on the answers to requests whose URL path fully matches `path` (a regex)."""
    pattern = re.compile(path)
    return lambda request, document: change(document) if pattern.fullmatch(request.url.path) else None


def on_answers(path: str, pointer: str, kind: str, *, offsets: set[int] | None = None) -> Rewrite:
    """`kind` planted at `pointer` in the list answers of the operation at `path` (at `offsets`: all when None)."""

    def rewrite(request: httpx2.Request, document: Any) -> None:
        if not request.url.path.endswith(path) or not isinstance(document, dict) or "data" not in document:
            return
        if offsets is None or int(request.url.params.get("offset", "0")) in offsets:
            plant(document, pointer, kind)

    return rewrite


def planted(
    pointer: str, kind: str, *, method: str = "GET", path_end: str = "", when: Callable[[httpx2.Request], bool] = bool
) -> Rewrite:
    """`kind` planted at `pointer` in answers to `method` requests whose path ends with `path_end`."""

    def rewrite(request: httpx2.Request, document: Any) -> None:
        if request.method == method and request.url.path.endswith(path_end) and when(request):
            plant(document, pointer, kind)

    return rewrite


def each_item(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], Any]:
    """A page's document with `change` applied to each item of its `data` (in place)."""

    def apply(document: Any) -> Any:
        for item in document.get("data", ()):
            change(item)
        return document

    return apply


class Rewriting(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """`fake`'s answers, each JSON body passed through `rewrite` before the client reads it; the query
    parameters named in `ignored` are taken off each request first (an API that ignores a filter)."""

    def __init__(self, fake: FakePexipEngage, rewrite: Rewrite | None = None, *, ignored: tuple[str, ...] = ()) -> None:
        self.fake = fake
        self.rewrite: Rewrite = rewrite or (lambda request, document: None)
        self.ignored = ignored
        self.limits = fake.limits  # served (`testing._server.serve`), the fake's own limits apply

    def is_api_request(self, method: str, path: str) -> bool:
        return self.fake.is_api_request(method, path)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.fake.handle_request(self._sent(request, request.read()))
        response.read()
        return self._rewritten(request, response)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.fake.handle_async_request(self._sent(request, await request.aread()))
        await response.aread()
        return self._rewritten(request, response)

    def _sent(self, request: httpx2.Request, content: bytes) -> httpx2.Request:
        if not self.ignored:
            return request
        url = request.url
        for name in self.ignored:
            url = url.copy_remove_param(name)
        return httpx2.Request(request.method, url, headers=request.headers, content=content)

    def _rewritten(self, request: httpx2.Request, response: httpx2.Response) -> httpx2.Response:
        if "json" not in response.headers.get("content-type", "") or not response.content:
            return response
        try:
            document = json.loads(response.content)
        except ValueError:
            return response
        changed = self.rewrite(request, document)
        document = document if changed is None else changed
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _BODY_HEADERS]
        return httpx2.Response(
            response.status_code, headers=headers, content=json.dumps(document).encode(), request=request
        )
