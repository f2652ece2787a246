"""Whether a respx mock is active that this client's requests would slip past.

Why a client with its own connections refuses to be built or to send under plain `respx.mock`:
docs/migrating-to-httpx2.md. An active router shows as the patched `handle_request` methods being
functions of respx's module; respx is looked for in `sys.modules` only.
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
