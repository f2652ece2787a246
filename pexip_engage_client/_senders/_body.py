"""Every response is bounded in size once decoded (its time is bounded by `_deadline.py`).

A sender stops counting bytes past `max_response_size` (or refuses a Content-Length over it); httpx2
decodes an encoded body in pieces of at most 1 MiB, each counted, so a gzip bomb stops at the limit.
"""

from __future__ import annotations

import struct
import zlib

from .._base.lazy_httpx import httpx2

ACCEPT_ENCODING = "gzip, deflate"
_DECODED = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate", "identity": None, "": None}


class OverLimit(Exception):  # noqa: N818 - a signal between reader and sender, not an error users see
    """The body passed the limit; the sender raises `BodyTooLarge` for its exchange."""


def decoded(raw: bytes, content_encoding: str | None, limit: int) -> tuple[bytes, str | None]:
    """`raw` with its Content-Encoding undone, and why it could not be (None if it could); `OverLimit` past `limit`."""
    if len(raw) > limit:  # the body as received is bounded too (trailing bytes after a compressed stream)
        raise OverLimit
    if not content_encoding:
        return raw, None
    codings = [coding.strip().lower() for coding in content_encoding.split(",")]
    unsupported = [coding for coding in codings if coding not in _DECODED]
    if unsupported:
        return raw, f"unsupported Content-Encoding {unsupported[0]!r}"
    applied = [decoding for coding in codings if (decoding := _DECODED[coding]) is not None]
    if not applied:
        return raw, None
    # An iterator is streamed (bytes would be decoded at once, unbounded).
    undone = httpx2.Response(200, headers={"Content-Encoding": ", ".join(applied)}, content=iter((raw,)))
    parts: list[bytes] = []
    size = 0
    try:
        for part in undone.iter_bytes():
            size += len(part)
            if size > limit:
                raise OverLimit
            parts.append(part)
    except httpx2.DecodingError as exc:
        return raw, f"invalid compressed data ({exc})"
    content = b"".join(parts)
    if applied == ["gzip"] and raw[-8:] != struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF):
        # httpx2's decoder takes a gzip body cut short for a whole one: its trailer (CRC-32, length) says.
        return raw, "the compressed body ended early"
    return content, None
