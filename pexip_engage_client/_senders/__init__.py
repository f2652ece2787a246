"""One HTTP exchange as the request pipeline sees it, and what every sender shares.

The pipeline (`_request.py`) decides what to send and what an answer means; a *sender* only moves
bytes: `await sender.send(OutgoingRequest) -> ReceivedResponse`. Failures are raised as httpx's
transport exceptions whichever library sends, because the retry rules depend on their classes
(a connect error never reached the server; a read error may have).

Two senders exist, chosen by `PexipEngage(http_backend=...)`. `HttpxSender` (`_httpx_sender.py`)
works with any httpx client or transport: the default, a configured `http_client`, the test fake.
`AiohttpSender` (`_aiohttp_sender.py`, the `fast` extra) talks to aiohttp directly: building
httpx's request, URL and response objects costs more per call than parsing the answer, so the fast
path builds none unless someone asks for one (`ReceivedResponse.http_response`).

Both behave the same wherever they can: the same TLS trust (`_tls.py`) and proxies
(`_proxies.py`), no cookies, no `.netrc`, no redirects followed, bounded bodies (`_body.py`), at
most `max_connections` exchanges at once (later calls wait their turn in a `Gate`, the aiohttp
sender's inside its connector), a deadline per attempt (`_deadline.py`), and the same rule for a
pooled keep-alive connection that the server closed while it sat idle.

That rule is Go's (net/http): a connection the server has closed is recognised before it is used
where possible (httpcore, and the aiohttp sender's connector for a request that is not idempotent,
look whether its socket is readable: an idle connection has nothing to read but the server's close),
and a request that fails on a reused connection is sent again on a fresh one only when that cannot
do it twice: it is idempotent, or nothing of it was written (httpcore's trace says whether its
headers went out; the aiohttp sender counts a request handed to a connection as written, because
aiohttp buffers its writes). A reused connection looks the same whether the server closed it just
before the request arrived or read the request and then closed without answering, so a write that
fails after it was written is never sent again: its error says it may have been processed. A
server closing an idle connection at the very moment a write is sent on it is a race that no
client can win; such a write fails with that error.

Whatever a sender raises leaves the HTTP library's exceptions and frames behind (`detached`): they
hold the request's headers (the token) or body (a client secret), which error reporters would show.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias

from .._version import VERSION

if TYPE_CHECKING:
    import httpx
else:
    from .._runtime.lazy_httpx import httpx  # executed on first use

# Sent by the senders the client creates; a caller's own http_client keeps its User-Agent.
USER_AGENT = f"pexip-engage-client/{VERSION}"

# At most this many exchanges at once per client (and connections in its pool); later calls queue.
DEFAULT_MAX_CONNECTIONS = 100
# The largest body a client accepts, once decoded.
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
# Idle keep-alive connections are closed after this many seconds: before the idle timeouts of common
# load balancers and proxies (60 s and more), so that a request rarely meets a connection they closed.
KEEPALIVE_EXPIRY = 15.0
# How often one attempt is sent again because a reused connection was found closed before any answer.
STALE_CONNECTION_RESENDS = 3


class Gate:
    """At most `limit` exchanges at once; later ones wait their turn, first come, first served.

    What `asyncio.Semaphore` does, minus its cost on the path every request takes: passing an open
    gate is one comparison (`try_enter`), with no coroutine and no scan of the waiters.
    """

    __slots__ = ("_free", "_waiting")

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()

    def try_enter(self) -> bool:
        """Take a place if one is free and nobody is waiting for it."""
        if self._free and not self._waiting:
            self._free -= 1
            return True
        return False

    async def enter(self) -> None:
        """Take a place, waiting for one if need be."""
        if self.try_enter():
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.cancelled():
                with contextlib.suppress(ValueError):  # leave() may have dropped it already
                    self._waiting.remove(turn)
            else:  # a place was handed over just before the cancellation: pass it on
                self.leave()
            raise

    def leave(self) -> None:
        """Give a place back: straight to the first in line, if anyone is waiting."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1


@dataclass(slots=True, repr=False)
class OutgoingRequest:
    """A request ready to go: absolute URL (already percent-encoded), final headers, body bytes."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None
    timeout: httpx.Timeout

    def __repr__(self) -> str:
        # Never the headers or the body: they carry the token, or the client secret of a token request.
        return f"OutgoingRequest({self.method} {self.url})"

    def to_httpx(self) -> httpx.Request:
        """The request as an `httpx.Request`, for the `httpx.Response` that shows what was sent."""
        return httpx.Request(self.method, self.url, headers=self.headers, content=self.content)


RawHeaders: TypeAlias = "httpx.Headers | Sequence[tuple[bytes, bytes]]"


class ReceivedResponse:
    """The status, headers and body of one answer.

    `content` is the body with any Content-Encoding undone. When that failed, `decoding_error`
    says why and `content` holds what could be kept (the bytes as received, where the sender still
    has them). `headers` and `http_response` are httpx objects, made on first use when the sender
    did not already have them: most successful calls never look at either.
    """

    __slots__ = (
        "_headers",
        "_http_response",
        "_raw_content",
        "_sent",
        "content",
        "decoding_error",
        "request",
        "status_code",
    )

    def __init__(
        self,
        status_code: int,
        headers: RawHeaders,
        content: bytes,
        request: OutgoingRequest,
        *,
        http_response: httpx.Response | None = None,
        decoding_error: str | None = None,
        raw_content: bytes | None = None,
        sent: httpx.Request | None = None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self.decoding_error = decoding_error
        self._headers = headers
        self._http_response = http_response
        self._raw_content = raw_content  # the body as received, when it was Content-Encoded
        self._sent = sent  # the httpx request as sent, when the sender had one

    @property
    def headers(self) -> httpx.Headers:
        if not isinstance(self._headers, httpx.Headers):
            self._headers = httpx.Headers(self._headers)
        return self._headers

    @property
    def http_response(self) -> httpx.Response:
        """The answer as an `httpx.Response` (already read), with the request that was sent."""
        if self._http_response is None:
            # httpx decodes what it is given as its headers say: give it the body as received.
            # (Its size was checked when the sender decoded it.)
            received = self.content if self._raw_content is None else self._raw_content
            self._http_response = httpx.Response(
                self.status_code, headers=self.headers, content=received, request=self._sent or self.request.to_httpx()
            )
        return self._http_response


Send = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]


class Sender(Protocol):
    """Moves one request and its answer; raises `httpx.TransportError` subclasses on failure."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse: ...

    async def aclose(self) -> None: ...


def lost_after_sending(error: httpx.TransportError) -> httpx.TransportError:
    """`error` for a request whose connection failed after it was written: it may have been processed.

    A fresh exception of the same kind (see `detached`), whose message tells the caller so: the
    pipeline does not retry a write after it, and its `APIConnectionError` shows these words.
    """
    cause = str(error) or type(error).__name__
    return _fresh(error, f"the connection was lost after the request was sent; it may have been processed ({cause})")


def detached(error: Exception) -> Exception:
    """`error` fit to leave a sender: nothing of the exchange that raised it stays reachable from it.

    Error reporters (Sentry, `pytest --showlocals`) record the locals of every frame in a traceback
    and follow `__cause__` and `__context__`: the HTTP libraries' frames hold the request's headers
    (the token) and body (a token request's client secret), and httpx's exceptions the request. So
    a transport error is replaced by a new one of the same httpx class and message, without its
    request, and a library error (too large, too slow) keeps its own attributes, which hold no
    secret, but drops its chain and traceback. The sender raises the result outside its `except`
    block, so that Python does not link the original back as `__context__`.
    """
    if isinstance(error, httpx.TransportError):
        return _fresh(error, str(error))
    error.__cause__ = error.__context__ = None
    return error.with_traceback(None)


def _fresh(error: httpx.TransportError, message: str) -> httpx.TransportError:
    # The nearest class of httpx or of this client: a transport's own subclass may take other arguments.
    kind = next(kind for kind in type(error).__mro__ if kind.__module__.partition(".")[0] in ("httpx", __name__.partition(".")[0]))
    fresh: httpx.TransportError = kind(message)
    return fresh
