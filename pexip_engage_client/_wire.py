"""One HTTP exchange as the request pipeline sees it, and the sender that carries it over httpx.

The pipeline (`_request.py`) decides what to send and what an answer means; a *sender* only moves
bytes: `await sender.send(OutgoingRequest) -> ReceivedResponse`. Failures are raised as httpx's
transport exceptions whichever library sends, because the retry rules depend on their classes
(a connect error never reached the server; a read error may have).

Two senders exist. `HttpxSender`, here, works with any httpx client or transport: the default
install, a configured `http_client`, the test fake. `AiohttpSender` (`_aiohttp_sender.py`, the
`fast` extra) talks to aiohttp directly: building httpx's request, URL and response objects costs
more per call than parsing the answer, so the fast path builds none unless someone asks for one
(`ReceivedResponse.http_response`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import httpx

from ._version import VERSION

# Sent by the senders the client creates; a caller's own http_client keeps its User-Agent.
USER_AGENT = f"pexip-engage-client/{VERSION}"


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


RawHeaders = httpx.Headers | Sequence[tuple[bytes, bytes]]


class ReceivedResponse:
    """The status, headers and body of one answer.

    `content` is the body with any Content-Encoding undone. When that failed, `decoding_error`
    says why and `content` holds what could be kept (the bytes as received, where the sender still
    has them). `headers` and `http_response` are httpx objects, made on first use when the sender
    did not already have them: most successful calls never look at either.
    """

    __slots__ = ("_headers", "_http_response", "content", "decoding_error", "request", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: RawHeaders,
        content: bytes,
        request: OutgoingRequest,
        *,
        http_response: httpx.Response | None = None,
        decoding_error: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self.decoding_error = decoding_error
        self._headers = headers
        self._http_response = http_response

    @property
    def headers(self) -> httpx.Headers:
        if not isinstance(self._headers, httpx.Headers):
            self._headers = httpx.Headers(self._headers)
        return self._headers

    @property
    def http_response(self) -> httpx.Response:
        """The answer as an `httpx.Response` (already read), with the request that was sent."""
        if self._http_response is None:
            # Senders hand over an httpx response themselves for a compressed body, so `content`
            # here is the body as it came and needs no decoding.
            self._http_response = httpx.Response(
                self.status_code, headers=self.headers, content=self.content, request=self.request.to_httpx()
            )
        return self._http_response


Send = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]


class Sender(Protocol):
    """Moves one request and its answer; raises `httpx.TransportError` subclasses on failure."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse: ...

    async def aclose(self) -> None: ...


class HttpxSender:
    """Sends through an `httpx.AsyncClient`, honouring its configuration (proxies, limits, hooks)."""

    def __init__(self, client: httpx.AsyncClient, *, owns_client: bool) -> None:
        self._client = client
        self._owns_client = owns_client

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        http_request = self._client.build_request(
            request.method, request.url, headers=request.headers, content=request.content, timeout=request.timeout
        )
        # auth=None: the pipeline sets Authorization itself, whatever the client was configured with.
        # stream=True, so that a body that cannot be decoded still leaves the status in hand.
        response = await self._client.send(http_request, auth=None, stream=True)
        try:
            await response.aread()
        except httpx.DecodingError as exc:
            return ReceivedResponse(response.status_code, response.headers, b"", request, decoding_error=str(exc))
        finally:
            await response.aclose()
        return ReceivedResponse(
            response.status_code, response.headers, response.content, request, http_response=response
        )

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()
