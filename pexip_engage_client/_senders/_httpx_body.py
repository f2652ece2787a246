"""A response's body as both httpx senders read it, the async one and the one for threads.

A transport may answer with the body already read (`MockTransport`, the test fake): it is taken as
it is, within the limit. Otherwise a plain body whose Content-Length passes the limit is refused
before a byte of it is read, and one that arrives is bounded and decoded by a `BodyReader`, fed by
the sender as the chunks come.
"""

from __future__ import annotations

import httpx

from . import BodyTooLarge, OutgoingRequest, ReceivedResponse
from ._body import BodyReader, OverLimit


def already_read(request: OutgoingRequest, response: httpx.Response, limit: int) -> ReceivedResponse | None:
    """The answer, when the transport read its body already; None when the body is still to come."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if len(content) > limit:
        raise BodyTooLarge(request, response.status_code, limit)
    return ReceivedResponse(response.status_code, response.headers, content, request, http_response=response)


def body_reader(response: httpx.Response, limit: int) -> BodyReader:
    """The reader for a body still to come; `OverLimit` at once when a plain body declares more than `limit`."""
    encoding = response.headers.get("Content-Encoding")
    declared = response.headers.get("Content-Length", "")
    if encoding is None and declared.isdigit() and int(declared) > limit:
        raise OverLimit
    return BodyReader(encoding, limit)


def streamed(request: OutgoingRequest, response: httpx.Response, reader: BodyReader) -> ReceivedResponse:
    """The answer once `reader` has been fed the whole body (`OverLimit` when ending the decoding passes the limit)."""
    return ReceivedResponse(
        response.status_code, response.headers, reader.content, request,
        decoding_error=reader.decoding_error, raw_content=reader.raw_content, streamed=response,
    )  # fmt: skip
