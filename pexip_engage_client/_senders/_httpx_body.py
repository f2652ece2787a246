"""A response's body as both httpx2 senders read it, the async one and the one for threads.

On the legacy path the response is httpx's: read the same way, but not kept as `http_response`.

A transport may answer with the body already read (`MockTransport`, the test fake): it is taken as
it is, within the limit. Otherwise a plain body whose Content-Length passes the limit is refused
before a byte of it is read, and one that arrives is bounded and decoded by a `BodyReader`, fed by
the sender as the chunks come.
"""

from __future__ import annotations

import httpx2

from . import BodyTooLarge, OutgoingRequest, ReceivedResponse
from ._body import BodyReader, OverLimit


def already_read(
    request: OutgoingRequest, response: httpx2.Response, limit: int, not_read: type[Exception] = httpx2.ResponseNotRead
) -> ReceivedResponse | None:
    """The answer, when the transport read its body already; None when the body is still to come.

    `not_read` is the library's `ResponseNotRead`: httpx's on the legacy path, whose response is
    not kept (`http_response` is always httpx2's: one is built from what was received).
    """
    try:
        content = response.content
    except not_read:
        return None
    if len(content) > limit:
        raise BodyTooLarge(request, response.status_code, limit)
    if not_read is not httpx2.ResponseNotRead:  # httpx's response (the legacy path)
        return ReceivedResponse(
            response.status_code, response.headers.raw, content, request, http_version=_version(response)
        )
    return ReceivedResponse(response.status_code, response.headers, content, request, http_response=response)


def body_reader(response: httpx2.Response, limit: int) -> BodyReader:
    """The reader for a body still to come; `OverLimit` at once when a plain body declares more than `limit`."""
    encoding = response.headers.get("Content-Encoding")
    declared = response.headers.get("Content-Length", "")
    if encoding is None and declared.isdigit() and int(declared) > limit:
        raise OverLimit
    return BodyReader(encoding, limit)


def streamed(
    request: OutgoingRequest, response: httpx2.Response, reader: BodyReader, *, legacy: bool = False
) -> ReceivedResponse:
    """The answer once `reader` has been fed the whole body (`OverLimit` when ending the decoding passes the limit).

    With `legacy`, `response` is httpx's, which is not kept (see `already_read`).
    """
    if legacy:
        return ReceivedResponse(
            response.status_code, response.headers.raw, reader.content, request,
            decoding_error=reader.decoding_error, raw_content=reader.raw_content, http_version=_version(response),
        )  # fmt: skip
    return ReceivedResponse(
        response.status_code, response.headers, reader.content, request,
        decoding_error=reader.decoding_error, raw_content=reader.raw_content, streamed=response,
    )  # fmt: skip


def astuple(timeout: httpx2.Timeout) -> tuple[float | None, float | None, float | None, float | None]:
    """httpx2's `Timeout` as the (connect, read, write, pool) tuple that httpx's client reads too."""
    return (timeout.connect, timeout.read, timeout.write, timeout.pool)


def _version(response: httpx2.Response) -> tuple[int, int] | None:
    """(1, 1) for a response whose `http_version` is "HTTP/1.1"; None when it says something else."""
    major, _, minor = response.http_version.removeprefix("HTTP/").partition(".")
    return (int(major), int(minor or 0)) if major.isdigit() and (minor or "0").isdigit() else None
