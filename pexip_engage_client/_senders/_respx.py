"""Whether a respx mock is active that this client's requests would slip past.

respx patches httpx and httpcore, not httpx2's httpcore2 (pytest-httpx2 adds a mocker for that, on
respx's machinery). A test that mocked this client with plain `respx.mock` before it moved to httpx2
would now send its requests for real, to the host the client names (production by default). So
while such a router is active, a client that opens its own connections refuses to be built, and
refuses every request (a router started after the client was made: `@respx.mock` on a test whose
fixture built the client), saying what to use instead. A router on a mocker that patches httpcore2
(pytest-httpx2's `httpx2_mock`, `respx.mock(using=...)` with its name) intercepts the client's
requests: then nothing is refused. A client given a transport or an `http_client` is the caller's
to mock.

It reads nothing of respx that respx does not show anyone: while a router is active, the methods
it patches (the pools' and transports' `handle_request` and `handle_async_request`) are functions
of respx's own module. respx is looked for in `sys.modules` only: a test that mocks with it has
imported it, and a program that never did never imports it here.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

RESPX_REFUSED = (
    "a respx mock is active, but this client sends through httpx2, which that mock does not intercept: "
    "its requests would go to the real {host}. Mock it with the fake API "
    "(PexipEngage(..., transport=pexip_engage_client.testing.FakePexipEngage())) or with pytest-httpx2's "
    "httpx2_mock fixture; see docs/migrating-to-httpx2.md"
)
# The libraries whose classes a mocker patches: those under httpx2's requests, and those that are not.
_UNDER_HTTPX2 = ("httpcore2", "httpx2")
_ELSEWHERE = ("httpcore", "httpx")


def refuse_under_respx(url: str) -> None:
    """Raise `RuntimeError` when a respx mock is active that would let a request to `url` reach the real host."""
    if respx_bypassed():
        raise RuntimeError(RESPX_REFUSED.format(host=urlsplit(url).hostname))


def respx_bypassed() -> bool:
    """Whether a respx router is started that patches httpx or httpcore, and none patches httpx2's stack."""
    if "respx" not in sys.modules:
        return False
    mocked = _patched_by_respx()
    return bool(mocked & set(_ELSEWHERE)) and not mocked & set(_UNDER_HTTPX2)


def _patched_by_respx() -> set[str]:
    """The libraries whose pools or transports hold one of respx's functions now."""
    found = set()
    for library in (*_UNDER_HTTPX2, *_ELSEWHERE):
        module = sys.modules.get(library)
        for class_name in ("ConnectionPool", "AsyncConnectionPool", "HTTPTransport", "AsyncHTTPTransport"):
            cls = getattr(module, class_name, None)
            for method in ("handle_request", "handle_async_request"):
                owner = getattr(getattr(cls, method, None), "__module__", None)
                if isinstance(owner, str) and owner.split(".")[0] == "respx":
                    found.add(library)
    return found
