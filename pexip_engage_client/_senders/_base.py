"""The sender contract: what the pipeline hands a sender, what it gets back, and the `Sender` protocol.

Imported with the package, so it never runs httpx2 (`_base/lazy_httpx.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .._base.lazy_httpx import httpx2
from .._base.timing import retry_after_seconds
from .._runtime.options import AnyTimeout
from .._version import VERSION

USER_AGENT = f"pexip-engage-client/{VERSION}"

# The pool's sizes and the keep-alive expiry, and why: docs/choosing-the-sender.md.
DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024  # bytes, once decoded
KEEPALIVE_EXPIRY = 15.0
MAX_KEEPALIVE = 20
STALE_CONNECTION_RESENDS = 3  # per attempt, on a reused connection found closed before any answer

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(slots=True, repr=False)
class OutgoingRequest:
    """A request ready to go: absolute URL (already percent-encoded), final headers, body bytes."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None
    timeout: AnyTimeout

    def __repr__(self) -> str:  # never the headers or body: they carry the token or a client secret
        return f"OutgoingRequest({self.method} {self.url})"


class ReceivedResponse:
    """The status, headers and body of one answer.

    `content` is the body with any Content-Encoding undone; when that failed, `decoding_error` says
    why and `content` holds what could be kept. `headers` and `http_response` are made on first use.
    """

    __slots__ = (
        "_elapsed",
        "_headers",
        "_http_response",
        "_http_version",
        "_raw_content",
        "_retry_after",
        "_streamed",
        "content",
        "decoding_error",
        "request",
        "status_code",
    )

    def __init__(
        self,
        status_code: int,
        headers: httpx2.Headers | Sequence[tuple[bytes, bytes]],
        content: bytes,
        request: OutgoingRequest,
        *,
        http_response: httpx2.Response | None = None,
        decoding_error: str | None = None,
        raw_content: bytes | None = None,
        streamed: httpx2.Response | None = None,
        http_version: str | None = None,
        elapsed: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self.decoding_error = decoding_error
        self._headers = headers
        self._http_response = http_response
        self._raw_content = raw_content  # the body as received, when it was Content-Encoded
        self._streamed = streamed  # the streamed response (httpx's on the legacy path): its request, version, time
        self._http_version = http_version  # "HTTP/1.0"; None: not known, which httpx2 shows as HTTP/1.1
        self._elapsed = elapsed  # seconds from sending to the body read
        self._retry_after: float | bool | None = False  # False: not read yet

    @property
    def headers(self) -> httpx2.Headers:
        if not isinstance(self._headers, httpx2.Headers):
            self._headers = httpx2.Headers(self._headers)
        return self._headers

    @property
    def retry_after(self) -> float | None:
        """The seconds the answer's `Retry-After` asks for (None without one), read once for whoever asks."""
        if self._retry_after is False:
            self._retry_after = retry_after_seconds(self.headers)
        return self._retry_after

    def text_headers(self) -> Mapping[str, str]:
        """The headers as `httpx2.Headers.items()` gives them, read without httpx2 when they are ASCII."""
        raw = self._headers
        if isinstance(raw, list | tuple) and all(name.isascii() and value.isascii() for name, value in raw):
            joined: dict[str, str] = {}
            for name, value in raw:
                key, text = name.decode("ascii").lower(), value.decode("ascii")
                joined[key] = f"{joined[key]}, {text}" if key in joined else text
            return joined
        return dict(self.headers.items())

    @property
    def http_response(self) -> httpx2.Response:
        """The answer as an `httpx2.Response` (already read), with the request that was sent."""
        if self._http_response is None:
            self._http_response = self.http_response_to(None)
        return self._http_response

    def http_response_to(self, request: httpx2.Request | None) -> httpx2.Response:
        """A new `httpx2.Response` of the answer (already read), to `request`, or to the request that was sent."""
        # httpx2 decodes what it is given as its headers say: the body as received (its size checked).
        received = self.content if self._raw_content is None else self._raw_content
        streamed, sent = self._streamed, self.request
        version = self._http_version if streamed is None else streamed.http_version
        if request is None and streamed is not None:  # read once it was closed (its `elapsed` set)
            request = streamed.request
            if not isinstance(request, httpx2.Request):  # httpx's request as httpx2's, default headers merged
                request = httpx2.Request(
                    request.method, str(request.url), headers=request.headers.raw, content=request.content
                )
        elif request is None:
            request = httpx2.Request(sent.method, sent.url, headers=sent.headers, content=sent.content)
        extensions = {} if version is None else {"http_version": version.encode("ascii")}
        response = httpx2.Response(
            self.status_code, headers=self.headers, content=received, request=request, extensions=extensions
        )
        if streamed is not None:
            response.elapsed = streamed.elapsed
        elif self._elapsed is not None:
            response.elapsed = datetime.timedelta(seconds=self._elapsed)
        return response


class UndeliveredBody(Exception):  # noqa: N818 - a signal between sender and pipeline, not an error users see
    """An answer whose status arrived but whose body the sender does not deliver.

    The pipeline raises the library's error for it (`_error_mapping.undelivered`). It keeps no
    secret: not the request, whose headers hold the token.
    """

    def __init__(self, request: OutgoingRequest, status: int) -> None:
        self.method = request.method
        self.url = request.url
        self.correlation_id = request.headers.get("X-Correlation-Id", "")
        self.status = status
        super().__init__(f"{self.method} {self.url}: HTTP {status}")


class BodyTooLarge(UndeliveredBody):
    """The body passed the sender's `max_response_size` (`limit` bytes) once decoded; reading stopped there."""

    def __init__(self, request: OutgoingRequest, status: int, limit: int) -> None:
        super().__init__(request, status)
        self.limit = limit


class BodyTooSlow(UndeliveredBody):
    """The body did not arrive within the attempt's deadline (`seconds`: its connect and read timeouts)."""

    def __init__(self, request: OutgoingRequest, status: int, seconds: float) -> None:
        super().__init__(request, status)
        self.seconds = seconds


class SenderForkedError(Exception):
    """The sender holds the parent process's connections and cannot be rebuilt in this child."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"this client was given {what} in the parent process, and its connections belong to that "
            "process (a forked child would read the parent's answers): create the client, and what it "
            "is given, in the child (after the fork: gunicorn's post_fork, Celery's worker_process_init)"
        )


Send = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]
SyncSend = Callable[[OutgoingRequest], ReceivedResponse]  # SyncPexipEngage's


class Sender(Protocol):
    """Carries one request to the server and its answer back; the pipeline relies on what follows."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        """Send `request` once and return its answer, whatever its status, as every sender does
        (docs/choosing-the-sender.md): adding only User-Agent and Accept-Encoding where absent, a
        decoding failure reported in `decoding_error`.

        It may raise an `httpx2.TransportError` of the class that says where the request got to
        (the retry rules read it), `BodyTooLarge` or `BodyTooSlow` once the status arrived, or
        `asyncio.CancelledError`. It never sends a non-idempotent request twice, raises one of `errors`
        (the pipeline builds those) or lets the exchange, which holds the token, be reachable from
        what it raises (`_failures.detached`).
        """
        ...

    async def aclose(self) -> None:
        """Close what the sender opened (not a caller's `http_client`); called last, once no call is in flight."""
        ...


class SyncSender(Protocol):
    """`Sender` for `SyncPexipEngage` (`_sync/_httpx_sender.py`): the same contract, from several threads at once."""

    def send(self, request: OutgoingRequest) -> ReceivedResponse:
        """Send `request` once and return its answer, as `Sender.send` does."""
        ...

    def close(self) -> None:
        """Close what the sender opened, as `Sender.aclose` does."""
        ...
