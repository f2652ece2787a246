"""What every sender refuses in an answer's head, whichever HTTP library read it.

The framing is h11's on every sender; this refuses the two things h11 lets through: a head over
`MAX_RESPONSE_HEAD` read whole in one read, and `Transfer-Encoding` beside `Content-Length` (RFC
9112, 6.3: "ought to be handled as an error"; see docs/choosing-the-sender.md).
"""

from __future__ import annotations

from collections.abc import Iterable

# The largest response head every sender accepts, its headers counted as sent ("Name: value\r\n"):
# what httpcore2 gives h11 as its bound, and so the one-shot sender too.
MAX_RESPONSE_HEAD = 100 * 1024


def head_refusal(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """Why an answer with these raw headers is refused, or None when it is not."""
    size = 0
    framing = set()
    for name, value in headers:
        size += len(name) + len(value) + 4
        lowered = name.lower()
        if lowered in (b"content-length", b"transfer-encoding"):
            framing.add(lowered)
    if size > MAX_RESPONSE_HEAD:
        return f"the answer's headers are larger than {MAX_RESPONSE_HEAD // 1024} KiB"
    if len(framing) == 2:
        return "the answer has both Transfer-Encoding and Content-Length (ambiguous under RFC 9112)"
    return None
