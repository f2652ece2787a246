"""A response's body as both httpx2 senders read it, the async one and the one for threads.

On the legacy path the response is httpx's: read the same way, but not kept as `http_response`.

A transport may answer with the body already read (`MockTransport`, the test fake): it is taken as
it is, within the limit. Otherwise a plain body whose Content-Length passes the limit is refused
before a byte of it is read, and one that arrives is bounded and decoded by a `BodyReader`, fed by
the sender as the chunks come.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import httpx2

from ._base import KEEPALIVE_EXPIRY, MAX_KEEPALIVE, BodyTooLarge, OutgoingRequest, ReceivedResponse
from ._body import BodyReader, OverLimit
from ._failures import lost_after_sending
from ._heads import head_refusal


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
        return _received(request, response, content, legacy=True)
    return ReceivedResponse(response.status_code, response.headers, content, request, http_response=response)


def refused(response: httpx2.Response) -> None:
    """Raise the error for an answer whose head every sender refuses (`_heads.py`), its body unread.

    httpx2's (or httpx's) response: h11 read its framing already, and refused what it finds ambiguous.
    """
    refusal = head_refusal(response.headers.raw)
    if refusal is not None:
        raise lost_after_sending(httpx2.RemoteProtocolError(refusal))


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
    return _received(
        request, response, reader.content, legacy=legacy,
        decoding_error=reader.decoding_error, raw_content=reader.raw_content,
    )  # fmt: skip


def _received(
    request: OutgoingRequest, response: httpx2.Response, content: bytes, *, legacy: bool, **read: Any
) -> ReceivedResponse:
    """The answer of a streamed `response` (httpx's with `legacy`: seen through `LegacyView`, its raw headers)."""
    if legacy:
        return ReceivedResponse(
            response.status_code, response.headers.raw, content, request, streamed=LegacyView(response), **read
        )
    return ReceivedResponse(response.status_code, response.headers, content, request, streamed=response, **read)


def through_client(client: Any, request: OutgoingRequest, trace: Callable[..., Any]) -> Any:
    """`client.send` of `request` (an httpx2 or httpx client, async or not): its response, or the coroutine of it.

    The timeout goes as a (connect, read, write, pool) tuple, which both libraries read from either
    kind of timeout. auth=None: the pipeline sets Authorization itself; stream=True: the body is
    read by the sender, bounded; redirects are never followed, whatever the client was configured with.
    """
    timeout = request.timeout
    http_request = client.build_request(
        request.method, request.url, headers=request.headers, content=request.content,
        timeout=(timeout.connect, timeout.read, timeout.write, timeout.pool), extensions={"trace": trace},
    )  # fmt: skip
    return client.send(http_request, auth=None, stream=True, follow_redirects=False)


def pool_limits(max_connections: int) -> httpx2.Limits:
    """The limits of a pool a sender makes: `max_connections`, and at most `MAX_KEEPALIVE` kept idle."""
    return httpx2.Limits(
        max_connections=max_connections,
        max_keepalive_connections=min(max_connections, MAX_KEEPALIVE),
        keepalive_expiry=KEEPALIVE_EXPIRY,
    )


class LegacyView:
    """httpx's response (the legacy path) as `ReceivedResponse` reads a streamed one, in httpx2's classes.

    Read only when someone asks for `http_response`, after the response was closed (its `elapsed` set).
    """

    __slots__ = ("_response",)

    def __init__(self, response: Any) -> None:
        self._response = response

    @property
    def request(self) -> httpx2.Request:
        """The request as httpx's client sent it (its default headers merged), as httpx2's."""
        sent = self._response.request
        return httpx2.Request(sent.method, str(sent.url), headers=sent.headers.raw, content=sent.content)

    @property
    def http_version(self) -> str:
        version: str = self._response.http_version
        return version

    @property
    def elapsed(self) -> datetime.timedelta:
        elapsed: datetime.timedelta = self._response.elapsed
        return elapsed
