"""`Answer`: what a delivery is answered with; the receiver decides it, the faces write it as it says."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


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
