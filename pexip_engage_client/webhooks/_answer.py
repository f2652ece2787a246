"""`Answer`, what a delivery is answered with, and `Doorway`, what a web face needs of a receiver.

The receiver (`_receiver.py`) decides the answers and the ASGI app (`_asgi.py`) writes them: both
import this module, and the app knows the receiver only as a `Doorway`, so neither imports the
other at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to one delivery: `status` and a short `reason` (never a secret)."""

    status: int
    reason: str


UNAUTHENTIC = Answer(401, "the request must carry the shared secret as the query parameter `key`")


class Doorway(Protocol):
    """What a web face calls on the receiver behind it (`WebhookReceiver` is one)."""

    @property
    def max_body_size(self) -> int: ...

    async def start(self, *, handle: bool = True) -> None: ...

    async def stop(self) -> None: ...

    def authentic(self, key: str | None) -> bool:
        """Whether `key` is the shared secret."""
        ...

    async def _accept(self, body: bytes, content_type: str | None, *, handle: bool = True) -> Answer:
        """Check, parse and store a delivery whose key was found authentic."""
        ...
