"""A long-running server's health probe: `GET /healthz`, 200 and a short JSON body when healthy, 503 naming the failure.

Answered by `mirror run` (the mirror's ASGI face) and `webhooks listen`, for a service manager, a load
balancer or Kubernetes (docs/deploying.md, "Health"). It asks for no secret and tells none: what a
check found, errors by their class only.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

HEALTH_PATH = "/healthz"


async def answer_health(
    send: Callable[[MutableMapping[str, Any]], Awaitable[None]], healthy: bool, document: dict[str, Any]
) -> None:
    """Answer a probe on ASGI's `send`: 200 and `document` as JSON when healthy, 503 and it otherwise; never cached."""
    body = json.dumps(document, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": 200 if healthy else 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def is_probe(scope: MutableMapping[str, Any]) -> bool:
    """Whether an ASGI scope is a health probe (`GET` or `HEAD` of `HEALTH_PATH`)."""
    return scope["type"] == "http" and scope.get("path") == HEALTH_PATH and scope.get("method") in ("GET", "HEAD")
