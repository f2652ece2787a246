"""`Answer`, what a delivery is answered with, and `Receiver`/`BlockingReceiver`, what a web face needs
of a receiver.

The receiver decides the answers, the faces write them as `Answer` says and know the receiver only
through these protocols (none imports it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to one delivery: `status` and a short `reason` (never a secret).

    A refusal also says its `cause` in a few words (the log names it: "wrong or missing key",
    "body too large", ...), and `event_id`, the refused event's id when the body was read and held one.
    """

    status: int
    reason: str
    cause: str = field(default="", compare=False)
    event_id: str | None = field(default=None, compare=False)

    @property
    def body(self) -> bytes:
        """The JSON body: `{"status": reason}` for a success, `{"error": reason}` for a refusal."""
        return json.dumps({"status" if self.status < 400 else "error": self.reason}).encode()

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers to answer with: the body's type and length, and `Allow: POST` on a 405."""
        headers = [("content-type", "application/json"), ("content-length", str(len(self.body)))]
        return [*headers, ("allow", "POST")] if self.status == 405 else headers


UNAUTHENTIC = Answer(
    401, "the request must carry the shared secret as the query parameter `key`", cause="wrong or missing key"
)


class _Face(Protocol):
    """What every web face calls on the receiver behind it (`WebhookReceiver` is one)."""

    @property
    def max_body_size(self) -> int: ...

    def authentic(self, key: str | None) -> bool: ...

    def _refused(self, answer: Answer, source: str | None) -> Answer: ...


class Receiver(_Face, Protocol):
    """What the ASGI face calls on the receiver behind it."""

    async def start(self, *, handle: bool = True) -> None: ...

    async def stop(self) -> None: ...

    async def _accept(
        self, body: bytes, content_type: str | None, *, handle: bool = True, source: str | None = None
    ) -> Answer: ...


class BlockingReceiver(_Face, Protocol):
    """What the WSGI face calls on the receiver behind it: no event loop."""

    def _accept_sync(self, body: bytes, content_type: str | None, *, source: str | None = None) -> Answer:
        """Check, parse and store a delivery whose key was found authentic, without an event loop."""
        ...
