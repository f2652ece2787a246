"""Every response is bounded in size once decoded (its time is bounded by `_deadline.py`).

`BodyReader` collects a body as it arrives and undoes its Content-Encoding chunk by chunk, never
producing more than the client's `max_response_size` (a gzip bomb is stopped at the limit, not
after expanding). Both senders send `Accept-Encoding: gzip, deflate` and decode with this reader,
so they accept the same encodings and report the same errors.
"""

from __future__ import annotations

import zlib
from typing import Protocol

ACCEPT_ENCODING = "gzip, deflate"


class _Decoder(Protocol):
    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...

    def flush(self) -> bytes: ...

    @property
    def unconsumed_tail(self) -> bytes: ...

    @property
    def eof(self) -> bool: ...


class OverLimit(Exception):  # noqa: N818 - a signal between reader and sender, not an error users see
    """The body passed the limit; the sender raises `BodyTooLarge` for its exchange."""


class BodyReader:
    """Collects one body, decoded, up to `limit` bytes; raises `OverLimit` beyond.

    When the body cannot be decoded, `decoding_error` says why and `content` is the body as
    received (still bounded by the limit).
    """

    __slots__ = ("_chunks", "_decoders", "_deflate_pending", "_limit", "_raw", "_raw_size", "_size", "decoding_error")

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        self._limit = limit
        self._chunks: list[bytes] = []
        self._size = 0
        self._raw: list[bytes] | None = None  # kept for an encoded body only
        self._raw_size = 0
        self._decoders: list[_Decoder] = []
        self._deflate_pending = False  # zlib-wrapped or raw deflate: decided by the first bytes
        self.decoding_error: str | None = None
        if content_encoding:
            self._raw = []
            # Encodings are listed in the order they were applied; undo them from the last.
            for coding in reversed([part.strip().lower() for part in content_encoding.split(",")]):
                if coding in ("gzip", "x-gzip"):
                    self._decoders.append(zlib.decompressobj(zlib.MAX_WBITS | 16))
                elif coding == "deflate":
                    self._decoders.append(zlib.decompressobj())
                    self._deflate_pending = len(self._decoders) == 1
                elif coding not in ("identity", ""):
                    self.decoding_error = f"unsupported Content-Encoding {coding!r}"

    def feed(self, chunk: bytes) -> None:
        if self._raw is not None:
            # The body as received is bounded too (trailing bytes after a compressed stream, an
            # undecodable body): neither may grow past the limit.
            self._raw_size += len(chunk)
            if self._raw_size > self._limit:
                raise OverLimit
            self._raw.append(chunk)
            if self.decoding_error is not None:
                return
        try:
            for index, decoder in enumerate(self._decoders):
                chunk = self._decompress(index, decoder, chunk)
        except zlib.error as exc:
            self.decoding_error = f"invalid compressed data ({exc})"
            return
        if chunk:
            self._grow(len(chunk))
            self._chunks.append(chunk)

    def _decompress(self, index: int, decoder: _Decoder, data: bytes) -> bytes:
        # The last stage's output is the body: it may fill what is left of the limit. An earlier
        # stage's output (a body encoded twice) may not exceed the limit on its own.
        room = self._limit - self._size if index == len(self._decoders) - 1 else self._limit
        if index == 0 and self._deflate_pending:
            self._deflate_pending = False
            try:
                return self._bounded(decoder, data, room)
            except zlib.error:  # not zlib-wrapped: raw deflate, as some servers send it
                decoder = self._decoders[0] = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._bounded(decoder, data, room)

    @staticmethod
    def _bounded(decoder: _Decoder, data: bytes, room: int) -> bytes:
        output = decoder.decompress(data, room + 1)
        if len(output) > room or decoder.unconsumed_tail:
            raise OverLimit
        return output

    def _grow(self, size: int) -> None:
        self._size += size
        if self._size > self._limit:
            raise OverLimit

    @property
    def content(self) -> bytes:
        """The decoded body; the body as received when it could not be decoded."""
        if self.decoding_error is not None:
            return b"".join(self._raw or self._chunks)
        carry = b""  # what one stage still held, for the next stage to decode
        try:
            for index, decoder in enumerate(self._decoders):
                carry = (self._decompress(index, decoder, carry) if carry else b"") + decoder.flush()
                if not decoder.eof:
                    self.decoding_error = "the compressed body ended early"
        except zlib.error as exc:
            self.decoding_error = f"invalid compressed data ({exc})"
        if self.decoding_error is not None:
            return b"".join(self._raw or ())
        if carry:
            self._grow(len(carry))
            self._chunks.append(carry)
        self._decoders.clear()
        return self._chunks[0] if len(self._chunks) == 1 else b"".join(self._chunks)

    @property
    def raw_content(self) -> bytes | None:
        """The body as received, kept only for an encoded body (None otherwise)."""
        return None if self._raw is None else b"".join(self._raw)
