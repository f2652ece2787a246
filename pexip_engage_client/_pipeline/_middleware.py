"""Middleware: the user's code around each attempt of every call, inside the retry loop (docs/middleware.md).

The first given is outermost; the last one's `call_next` is the client's send (the token, the governor's turn, the
request), so a middleware never sees a token nor sends past the governor. It is handed a copy of the request: what
it changes applies to this attempt alone. `AtSend` middleware runs the same way around each write.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from .._base.lazy_httpx import httpx2
from .._errors import MiddlewareAnswerError
from .._limiting._limits import NoTurnInTime
from .._senders._base import OutgoingRequest, ReceivedResponse
from ._auth import TokenRequestFailed
from ._error_mapping import never_sent

if TYPE_CHECKING:
    from .._runtime.options import Middleware

# Headers a request carries only as the client writes it: the sender sets them from the URL and body.
_FRAMING = frozenset({"host", "content-length", "transfer-encoding"})

Attempt = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]
"""What the last middleware's `call_next` runs: the rest of the attempt, or at the send position, the write."""


async def through(middleware: Sequence[Middleware], request: OutgoingRequest, attempt: Attempt) -> ReceivedResponse:
    """One attempt of `request` through `middleware`, then `attempt`; the answer the outermost returned."""
    chain = _Chain(middleware, request, attempt)
    response = await chain.call(0, _http_request(request))
    if not isinstance(response, httpx2.Response):
        raise chain.wrong_return(response)
    for given, received in chain.answers:  # the client's own answer, as its send read it
        if given is response:
            return received
    await response.aread()  # an answer of the middleware's own (nothing, or something else, was sent)
    return ReceivedResponse(response.status_code, response.headers, response.content, request, http_response=response)


class _Chain:
    """One attempt's middleware: each calls the next, the last the client's send."""

    __slots__ = ("_attempt", "_failed", "_middleware", "_request", "answers")

    def __init__(self, middleware: Sequence[Middleware], request: OutgoingRequest, attempt: Attempt) -> None:
        self._middleware, self._request, self._attempt = middleware, request, attempt
        self.answers: list[tuple[httpx2.Response, ReceivedResponse]] = []  # what each send returned
        self._failed: BaseException | None = None  # what the last send raised, if it raised

    async def call(self, index: int, request: httpx2.Request) -> httpx2.Response:
        if index < len(self._middleware):
            return await self._middleware[index](request, functools.partial(self.call, index + 1))
        outgoing = await _outgoing(request, self._request)
        try:
            received = await self._attempt(outgoing)
        except BaseException as failure:  # raised on to the middleware; kept for `wrong_return`
            self._failed = failure
            raise
        self._failed = None
        response = received.http_response_to(request)
        self.answers.append((response, received))
        return response

    def wrong_return(self, returned: object) -> Exception:
        """The error of a middleware that returned `returned`, not a response: after a send, one saying the request
        was sent and what it was answered (a write may have been processed); before any, a TypeError."""
        kind = type(returned).__name__
        failed = self._failed
        if not self.answers and (failed is None or _never_left(failed)):
            return TypeError(f"middleware must return an httpx2.Response (got {kind}); nothing was sent")
        answered = f"HTTP {self.answers[-1][1].status_code}" if failed is None else f"nothing ({type(failed).__name__})"
        request = self._request
        return MiddlewareAnswerError(
            answered=answered,
            returned=kind,
            correlation_id=request.headers.get("X-Correlation-Id", ""),
            method=request.method,
            url=request.url,
        )


def _never_left(failure: BaseException) -> bool:
    """Whether a send that raised `failure` surely wrote nothing: no token, no turn in time, no connection made."""
    if isinstance(failure, TokenRequestFailed | NoTurnInTime):
        return True
    return isinstance(failure, httpx2.TransportError) and never_sent(failure)


def _http_request(request: OutgoingRequest) -> httpx2.Request:
    """The request as a middleware is handed it: without the token, which the client adds after the middleware."""
    headers = {name: value for name, value in request.headers.items() if name.lower() != "authorization"}
    return httpx2.Request(request.method, request.url, headers=headers, content=request.content)


async def _outgoing(request: httpx2.Request, call: OutgoingRequest) -> OutgoingRequest:
    """What the client sends for a middleware's `request` (the call's time, and at the send position its token);
    refused if it sets `Authorization`."""
    headers: dict[str, str] = {}
    for name, value in request.headers.items():
        lowered = name.lower()
        if lowered == "authorization":
            raise ValueError("a middleware cannot set the Authorization header: the client adds its token after it")
        if lowered not in _FRAMING:
            headers[name] = value
    token = call.headers.get("Authorization")
    if token is not None:  # at the send position: the write's token, which the middleware was not handed
        headers["Authorization"] = token
    content = await request.aread()
    return OutgoingRequest(request.method, str(request.url), headers, content or None, call.timeout)
