"""A long-running server's health probe: `GET /healthz`, 200 and a short JSON body when healthy, 503 naming the failure.

Answered by `mirror run` (the mirror's ASGI face) and `webhooks listen`, for a service manager, a load
balancer or Kubernetes (docs/deploying.md, "Health"). It asks for no secret and tells none: what a
check found, errors by their class only.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any

Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

HEALTH_PATH = "/healthz"


async def answer_health(send: Send, healthy: bool, document: dict[str, Any]) -> None:
    """Answer a probe on ASGI's `send`: 200 and `document` as JSON when healthy, 503 and it otherwise; never cached."""
    body = json.dumps(document, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
    await send({"type": "http.response.start", "status": 200 if healthy else 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def is_probe(scope: MutableMapping[str, Any]) -> bool:
    """Whether an ASGI scope is a health probe (`GET` or `HEAD` of `HEALTH_PATH`)."""
    return scope["type"] == "http" and scope.get("path") == HEALTH_PATH and scope.get("method") in ("GET", "HEAD")


class Deliveries:
    """The deliveries a receiver's face answered, counted: those refused without the secret (401), and
    since when none was accepted. A wrong webhook secret refuses every delivery: that is a failure the
    health path names, not a line in a log."""

    def __init__(self) -> None:
        self.refused = 0
        self.refused_since_accepted = 0
        self.last_refused_at: str | None = None

    def counting(self, send: Send) -> Send:
        """`send`, counting the answer it carries."""

        async def counted(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 401:
                    self.refused += 1
                    self.refused_since_accepted += 1
                    self.last_refused_at = datetime.now(UTC).isoformat(timespec="seconds")
                elif 200 <= message["status"] < 300:
                    self.refused_since_accepted = 0
            await send(message)

        return counted

    def said(self, document: dict[str, Any], failures: list[str]) -> None:
        """Add the counts to a health `document`, and a failure when deliveries are refused and none accepted since."""
        document["refusedDeliveries"] = self.refused
        document["lastRefusedAt"] = self.last_refused_at
        if self.refused_since_accepted:
            failures.append(
                f"deliveries refused: {self.refused_since_accepted} without the webhook secret since the last one"
                " accepted (is the secret in Engage's webhook URL the one this process was given?)"
            )
