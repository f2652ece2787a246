"""A transport that rewrites the fake's answers: one difference from openapi.yaml, planted where a test says.

`RewritingTransport(fake, change, path=...)`, a transport (or served on loopback as the fake is),
hands every request to the fake (async or sync) and, for an answer to a request whose path matches
`path`, decodes its JSON body, lets `change` alter it in place, and answers with the result. The fake
itself stays true to the spec, as its seeding checks; the difference lives only on the wire, as a
tenant's would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx2

from pexip_engage_client.testing import FakePexipEngage

# The headers that described the fake's body, not the rewritten one.
_BODY_HEADERS = frozenset({"content-length", "content-encoding"})


class RewritingTransport(httpx2.AsyncBaseTransport, httpx2.BaseTransport):
    """The fake behind a transport that lets `change` alter the decoded answers to `path` (a regex, full match)."""

    def __init__(self, fake: FakePexipEngage, change: Callable[[Any], None], *, path: str) -> None:
        self.fake = fake
        self.change = change
        self.path = re.compile(path)
        self.rewritten = 0
        self.limits = fake.limits  # what serving it asks (`testing._server.serve`)

    def is_api_request(self, method: str, path: str) -> bool:
        return self.fake.is_api_request(method, path)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.fake.handle_async_request(request)
        await response.aread()
        return self._rewritten(request, response)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.fake.handle_request(request)
        response.read()
        return self._rewritten(request, response)

    def _rewritten(self, request: httpx2.Request, response: httpx2.Response) -> httpx2.Response:
        if not self.path.fullmatch(request.url.path) or not response.content:
            return response
        body = json.loads(response.content)
        self.change(body)
        self.rewritten += 1
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _BODY_HEADERS]
        return httpx2.Response(
            response.status_code, headers=headers, content=json.dumps(body).encode(), request=request
        )
