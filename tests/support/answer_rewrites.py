"""The in-memory fake behind a transport that rewrites its answers: one planted difference from openapi.yaml.

`Rewriting(fake, rewrite)` forwards each request to the fake and hands each JSON answer to
`rewrite(request, document)`, whose return is sent instead. `planted(pointer, kind)` is such a
rewrite: the field at a JSON Pointer of object members (`*` for every item of a list) made absent
(`missing`), `null`, or a value of another JSON type (`type`), as a tenant's API might send it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2

Rewrite = Callable[[httpx2.Request, Any], Any]

# A value of another JSON type for one of each type: text for a number, a number for text, an object otherwise.
KINDS = ("missing", "null", "type")


def other_type(value: Any) -> Any:
    """A JSON value of another type than `value`'s."""
    if isinstance(value, str):
        return 12345
    if isinstance(value, bool | int | float):
        return "text"
    return {"unexpected": True} if not isinstance(value, dict) else ["unexpected"]


class Rewriting(httpx2.AsyncBaseTransport):
    """A transport that sends what `inner` answers, each JSON body rewritten by `rewrite`."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, rewrite: Rewrite) -> None:
        self.inner = inner
        self.rewrite = rewrite

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.inner.handle_async_request(request)
        content = await response.aread()
        try:
            document = json.loads(content)
        except ValueError:
            return httpx2.Response(response.status_code, headers=response.headers, content=content)
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        rewritten = json.dumps(self.rewrite(request, document)).encode()
        return httpx2.Response(response.status_code, headers=headers, content=rewritten)


def planted(
    pointer: str, kind: str, *, method: str = "GET", path_end: str = "", when: Callable[[httpx2.Request], bool] = bool
) -> Rewrite:
    """A rewrite planting `kind` at `pointer` in answers to `method` requests whose path ends with `path_end`."""

    def rewrite(request: httpx2.Request, document: Any) -> Any:
        if request.method == method and request.url.path.endswith(path_end) and when(request):
            plant(document, pointer, kind)
        return document

    return rewrite


def plant(document: Any, pointer: str, kind: str) -> None:
    """Make the field at `pointer` (`*`: each list item) absent, null or of another type, in place."""
    *parents, last = pointer.split("/")[1:]
    for holder in _holders(document, parents):
        if not isinstance(holder, dict) or last not in holder:
            continue
        if kind == "missing":
            del holder[last]
        else:
            holder[last] = None if kind == "null" else other_type(holder[last])


def _holders(value: Any, tokens: list[str]) -> list[Any]:
    if not tokens:
        return [value]
    token, rest = tokens[0], tokens[1:]
    if token == "*":
        return [held for item in value for held in _holders(item, rest)] if isinstance(value, list) else []
    return _holders(value[token], rest) if isinstance(value, dict) and token in value else []
