"""Whether a respx mock is active in this process: respx's private parts, in this one module.

respx patches httpx (and httpcore), not httpx2. A test that mocked this client with `respx.mock`
before it moved to httpx2 would now send its requests for real, to the host the client names
(production by default). So a client that would open its own connections refuses to be built
while a respx router is active, and refuses every request while one is (a router started after
the client was made: `@respx.mock` on a test whose fixture built the client), and says what to
use instead. A client given a transport or an `http_client` is the caller's to mock.

respx keeps its active routers on its mocker classes (`respx.mocks.Mocker.registry`, each with a
`routers` list): not public API. Where that shape is not found (another respx release), the
public fallback looks at what respx does, which anyone can see: while a router is active, the
methods it patches (httpcore's pools' and httpx's transports' `handle_request` and
`handle_async_request`) are functions of respx's own module. respx is looked for in `sys.modules`
only: a test that mocks with it has imported it, and a program that never did never imports it here.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from urllib.parse import urlsplit

from ._base import OutgoingRequest

RESPX_REFUSED = (
    "a respx mock is active, but this client sends through httpx2, which respx does not intercept: "
    "its requests would go to the real {host}. Mock it with the fake API "
    "(PexipEngage(..., transport=pexip_engage_client.testing.FakePexipEngage())) or with pytest-httpx2's "
    "httpx2_mock fixture; see docs/migrating-to-httpx2.md"
)


def refuse_under_respx(request: OutgoingRequest) -> None:
    """Raise `RuntimeError` when a respx mock is active: the request would go to the real host unmocked."""
    if "respx" in sys.modules and respx_active():
        raise RuntimeError(RESPX_REFUSED.format(host=urlsplit(request.url).hostname))


def respx_active() -> bool:
    """Whether a respx router is started in this process (False when respx was never imported)."""
    if "respx" not in sys.modules:
        return False
    routers = _registered_routers()
    return bool(routers) if routers is not None else _patched_by_a_mock()


def _registered_routers() -> list[object] | None:
    """The routers respx has started, from its private registry; None where that shape is not found."""
    registry = getattr(getattr(sys.modules.get("respx.mocks"), "Mocker", None), "registry", None)
    kinds = list(registry.values()) if isinstance(registry, Mapping) else []
    if not kinds or not all(isinstance(getattr(kind, "routers", None), list) for kind in kinds):
        return None
    return [router for kind in kinds for router in kind.routers]


def _patched_by_a_mock() -> bool:
    """The public fallback: whether a method respx patches is one of respx's functions now."""
    for module_name, class_names in (
        ("httpcore", ("ConnectionPool", "AsyncConnectionPool")),
        ("httpx", ("HTTPTransport", "AsyncHTTPTransport")),
    ):
        module = sys.modules.get(module_name)
        for class_name in class_names:
            cls = getattr(module, class_name, None)
            for method in ("handle_request", "handle_async_request"):
                owner = getattr(getattr(cls, method, None), "__module__", None)
                if isinstance(owner, str) and owner.split(".")[0] == "respx":
                    return True
    return False
