"""The `fast` extra (`pip install pexip-engage-client[fast]`, then `http_backend="aiohttp"`).

httpx2's connection pool and its per-request objects (URL parsing, request and response models) cost
more than parsing the answer does; aiohttp's C-accelerated HTTP parser does not. This sender hands
aiohttp the already-encoded URL, the final headers and the body bytes, and returns status, raw
headers and body without building an httpx2 object.

How a request reaches aiohttp is chosen once, when the sender is made: on an aiohttp it was written
for, its connector, request and response are driven without `ClientSession`, whose request method
costs more per call than all of this client's own work (`_aiohttp_internals.py`, the one module that
touches aiohttp's private parts); on any other, through `ClientSession` (`_aiohttp_session.py`).

It is configured to behave as the httpx2 sender does (see `_senders/__init__.py`): the same TLS
context and proxies, no `.netrc`, no cookies, header limits raised to what httpx2 accepts, and (on
the private path) no resend that `max_retries` does not count.

Every step on the way of each request is kept cheap, because timers cost more than anything else
per call (each is a Python object on the event loop's heap, set and cancelled):

- the attempt's deadline (connect plus read timeouts) is kept by `_deadline.Deadlines`, with no
  timer of its own, started when the call's turn comes; it replaces aiohttp's `total` timeout,
  which would start before the wait for a connection and costs a timer per call. It also bounds
  the wait for the response head (httpx2 ends that wait sooner, after the read timeout);
- on the private path, the read timeout, which httpx2 restarts with every chunk, is armed only while
  a body is still arriving after its head: a small answer that came whole with its head never
  sets that timer.

Calls beyond `max_connections` wait for their turn in our `Gate`, first come, first served, after
aiohttp's request object is made (aiohttp's own queue lets a newly arrived request take a
connection that a waiting one was just woken for). Waiting after making it matters for speed: a
finished call's garbage and its successor's allocations then fall in the same turn of the event
loop, and CPython's cyclic collector, which runs after so many allocations, runs far less often
under a queue.

aiohttp's failures are translated into the httpx2 exceptions they correspond to (`_aiohttp_errors.py`),
because the retry rules depend on the difference between a request that never left (connect
errors) and one that may have reached the server (read errors).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING

import aiohttp
from aiohttp.hdrs import CONTENT_ENCODING

from . import _aiohttp_internals
from ._aiohttp_errors import as_httpx_error
from ._aiohttp_internals import ConnectorPath
from ._aiohttp_session import SessionPath
from ._base import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_SIZE,
    USER_AGENT,
    BodyTooLarge,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
)
from ._body import ACCEPT_ENCODING, BodyReader, OverLimit
from ._deadline import AttemptDeadline, Deadlines
from ._failures import detached
from ._gate import Gate

if TYPE_CHECKING:
    import ssl

    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use

# Response header limits at least as generous as httpx2's (which takes up to 100 KiB of headers):
# real responses carry 9 KB cookies and 200 headers; aiohttp's defaults (8,190 bytes, 128) refuse them.
MAX_HEADER_LINE = 64 * 1024
MAX_HEADERS = 512


class _Attempt(AttemptDeadline):
    """One exchange, as the sender and its path share it."""

    __slots__ = ("has_place", "new_connection")

    def __init__(self, deadlines: Deadlines, request: OutgoingRequest) -> None:
        super().__init__(deadlines, request)
        self.has_place = False  # one of the Gate's places, given back by the sender
        self.new_connection = False  # told by the private path's connector


class AiohttpSender:
    """Sends through aiohttp: its connector, or a `ClientSession` on an aiohttp the private path does not know."""

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    ) -> None:
        self._max_response_size = max_response_size
        self._gate = Gate(max_connections)
        self._deadlines = Deadlines()
        path = _aiohttp_internals.ConnectorPath if _aiohttp_internals.private_path_fits() else SessionPath
        self._path: ConnectorPath | SessionPath = path(
            ssl_context=ssl_context, max_connections=max_connections,
            max_line_size=MAX_HEADER_LINE, max_headers=MAX_HEADERS,
        )  # fmt: skip

    @property
    def private_path(self) -> bool:
        """Whether requests go through aiohttp's connector directly (False: through `ClientSession`)."""
        return isinstance(self._path, _aiohttp_internals.ConnectorPath)

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # Set here rather than as defaults, so that the request shows what was sent (and aiohttp adds
        # no User-Agent of its own: it only fills in headers that are absent). No local holds the
        # headers: a frame of this method may be in a traceback, and they hold the token.
        if "User-Agent" not in request.headers:
            request.headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING
        started = time.perf_counter()  # what `elapsed` counts from, as httpx2's does: the wait for a connection too
        attempt = _Attempt(self._deadlines, request)
        failure: Exception
        try:
            with attempt:
                response = await self._path.response_head(request, attempt, self._turn)
                attempt.status = status = response.status
                try:
                    arrived = self._path.arrived_size(response)
                    if arrived is None:
                        self._path.bound_silence(response, request.timeout.read)
                    if CONTENT_ENCODING not in response.headers:  # (an istr: looked up without case folding)
                        # A plain body of known length: its size is checked, then it is read at once
                        # (aiohttp reads no more than Content-Length). One that arrived is counted.
                        length = response.content_length if arrived is None else arrived
                        if length is not None:
                            if length > self._max_response_size:  # refused before reading (more of) it
                                raise BodyTooLarge(request, status, self._max_response_size)
                            content = await response.read()
                            return ReceivedResponse(
                                status, response.raw_headers, content, request,
                                http_version=response.version, elapsed=time.perf_counter() - started,
                            )  # fmt: skip
                    content, reader = await self._read_encoded(request, response)
                    return ReceivedResponse(
                        status, response.raw_headers, content, request,
                        decoding_error=reader.decoding_error, raw_content=reader.raw_content,
                        http_version=response.version, elapsed=time.perf_counter() - started,
                    )  # fmt: skip
                finally:
                    response.release()
        except (aiohttp.ClientError, TimeoutError) as exc:  # the deadline's own error is an httpx2 one
            failure = as_httpx_error(exc)
        except (httpx2.TransportError, UndeliveredBody) as exc:
            failure = detached(exc)
        finally:
            if attempt.has_place:
                self._gate.leave()
        # Out of the except block, so that the original is not kept as its __context__: aiohttp's
        # frames in that one's traceback hold the headers and body.
        raise failure

    def _turn(self, attempt: _Attempt) -> Awaitable[None] | None:
        """Give the attempt one of the Gate's places and start its deadline; what to await when none is free.

        A resend after a stale connection keeps its place. While a place is free, as it nearly
        always is, taking it makes no coroutine to wait in.
        """
        if attempt.has_place or not self._gate.try_enter():
            return None if attempt.has_place else self._wait_for_turn(attempt)
        attempt.has_place = True
        attempt.start(asyncio.get_running_loop())
        return None

    async def _wait_for_turn(self, attempt: _Attempt) -> None:
        await self._gate.enter()  # its time does not count against the deadline
        attempt.has_place = True
        attempt.start(asyncio.get_running_loop())

    async def _read_encoded(
        self, request: OutgoingRequest, response: aiohttp.ClientResponse
    ) -> tuple[bytes, BodyReader]:
        """A body of unknown length or with a Content-Encoding, decoded and bounded as it arrives."""
        reader = BodyReader(response.headers.get("Content-Encoding"), self._max_response_size)
        try:
            async for chunk in response.content.iter_any():
                reader.feed(chunk)
            return reader.content, reader  # ending the decoding may still find the body too large
        except OverLimit:
            raise BodyTooLarge(request, response.status, self._max_response_size) from None

    async def aclose(self) -> None:
        self._deadlines.close()
        await self._path.aclose()
