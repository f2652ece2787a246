"""What every sender refuses in an answer's head, whichever HTTP library read it.

The framing is h11's on every sender; this refuses the two things h11 lets through: a head over
`MAX_RESPONSE_HEAD` read whole in one read, and `Transfer-Encoding` beside `Content-Length` (RFC
9112, 6.3: "ought to be handled as an error"; see docs/choosing-the-sender.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

# The largest response head every sender accepts, its headers counted as sent ("Name: value\r\n"):
# what httpcore2 gives h11 as its bound, and so the one-shot sender too.
MAX_RESPONSE_HEAD = 100 * 1024

_READ = (b"content-length", b"content-encoding", b"transfer-encoding")


class Head(NamedTuple):
    """What a sender reads of an answer's head before its body."""

    refusal: str | None  # why the answer is refused; None when it is not
    over_limit: bool  # a plain body's Content-Length passes the limit: refused before it is read
    content_encoding: str | None  # several, joined by ", " as httpx2 joins them; None: not sent


def read_head(headers: Iterable[tuple[bytes, bytes]], limit: int) -> Head:
    """The `Head` of an answer with these raw headers, in one pass over them; `limit`: `max_response_size`."""
    size = 0
    fields: dict[bytes, str] = {}
    for name, value in headers:
        size += len(name) + len(value) + 4
        lowered = name.lower()
        if lowered in _READ:
            text = value.decode("latin-1")
            fields[lowered] = f"{fields[lowered]}, {text}" if lowered in fields else text
    declared, encoding = fields.get(b"content-length", ""), fields.get(b"content-encoding")
    over_limit = encoding is None and declared.isdigit() and int(declared) > limit
    return Head(_refusal(size, fields), over_limit, encoding)


def _refusal(size: int, fields: dict[bytes, str]) -> str | None:
    if size > MAX_RESPONSE_HEAD:
        return f"the answer's headers are larger than {MAX_RESPONSE_HEAD // 1024} KiB"
    if b"content-length" in fields and b"transfer-encoding" in fields:
        return "the answer has both Transfer-Encoding and Content-Length (ambiguous under RFC 9112)"
    return None
