"""What every sender refuses in an answer's head, whichever HTTP library read it.

The framing itself is h11's on every sender (httpcore2's pool, httpcore's on the legacy path, the
one-shot sender's own connection): it refuses what RFC 9112 makes ambiguous (two different
Content-Lengths, a transfer coding other than `chunked`, a chunk size that is not plain hex, an
unrequested 101, a length of more than 20 digits). Two things it lets through, which this module
refuses on every sender, so that all of them read the same answers:

- a head whose headers pass `MAX_RESPONSE_HEAD` bytes: h11 bounds only a head that arrives in
  pieces (`max_incomplete_event_size`), so one read whole by a single large read would pass;
- `Transfer-Encoding` beside a `Content-Length`, which RFC 9112 (section 6.3) lets a recipient read
  by the transfer coding but says "ought to be handled as an error": a response smuggled behind a
  bare LF or a proxy that read the other header looks just like this.
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
