"""The sender contract: what the pipeline hands a sender, what it gets back, and the `Sender` protocol.

The transport layer as a whole is described in the package's docstring (`_senders/__init__.py`).
This module is imported with the package, so it never runs httpx2 (see `_base/lazy_httpx.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias

from .._version import VERSION

if TYPE_CHECKING:
    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use

# Sent by the senders the client creates; a caller's own http_client keeps its User-Agent.
USER_AGENT = f"pexip-engage-client/{VERSION}"

# At most this many exchanges at once per client (and connections in its pool); later calls queue.
DEFAULT_MAX_CONNECTIONS = 100
# The largest body a client accepts, once decoded.
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
# Idle keep-alive connections are closed after this many seconds: before the idle timeouts of common
# load balancers and proxies (60 s and more), so that a request rarely meets a connection they closed.
KEEPALIVE_EXPIRY = 15.0
# At most this many idle connections are kept (httpx2's default). The governor holds a client to 4
# requests in flight, and httpcore2's pool looks at every idle connection (a system call each)
# whenever a request arrives or a response is closed: 100 kept after a burst doubled a call's cost.
MAX_KEEPALIVE = 20
# How often one attempt is sent again because a reused connection was found closed before any answer.
STALE_CONNECTION_RESENDS = 3

# Methods that RFC 9110 defines as idempotent: sending them twice has the effect of sending once.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True, slots=True)
class Timeouts:
    """An attempt's limits in seconds, read as httpx2's `Timeout` is: `connect`, `read`, `write`, `pool`.

    The client's default and a timeout given in seconds are these rather than an `httpx2.Timeout`,
    so that making a client and sending through a sender that is not httpx2's (the one-shot
    sender) never runs httpx2 (`_base/lazy_httpx.py`). A caller's `httpx2.Timeout` is
    used as it is: everything here reads either kind (`AnyTimeout`) by those names alone.
    """

    connect: float
    read: float
    write: float
    pool: float

    @classmethod
    def seconds(cls, seconds: float, *, connect: float | None = None) -> Timeouts:
        """`seconds` for every limit (or `connect` for the connection), as `httpx2.Timeout(seconds, connect=...)`."""
        return cls(connect=seconds if connect is None else connect, read=seconds, write=seconds, pool=seconds)


AnyTimeout: TypeAlias = "Timeouts | httpx2.Timeout"


def attempt_seconds(timeout: AnyTimeout) -> float:
    """Seconds one attempt may take, once its turn has come: connect plus read timeouts."""
    return (timeout.connect or 0.0) + (timeout.read or 0.0)


@dataclass(slots=True, repr=False)
class OutgoingRequest:
    """A request ready to go: absolute URL (already percent-encoded), final headers, body bytes."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None
    timeout: AnyTimeout

    def __repr__(self) -> str:
        # Never the headers or the body: they carry the token, or the client secret of a token request.
        return f"OutgoingRequest({self.method} {self.url})"

    def to_httpx(self) -> httpx2.Request:
        """The request as an `httpx2.Request`, for the `httpx2.Response` that shows what was sent."""
        return httpx2.Request(self.method, self.url, headers=self.headers, content=self.content)


RawHeaders: TypeAlias = "httpx2.Headers | Sequence[tuple[bytes, bytes]]"


class StreamedResponse(Protocol):
    """What `ReceivedResponse` reads of a response whose body the sender streamed: an `httpx2.Response`,
    or a view of httpx's (the legacy path, `_stacks.LegacyView`)."""

    @property
    def request(self) -> httpx2.Request: ...

    @property
    def http_version(self) -> str: ...

    @property
    def elapsed(self) -> datetime.timedelta: ...


class ReceivedResponse:
    """The status, headers and body of one answer.

    `content` is the body with any Content-Encoding undone. When that failed, `decoding_error`
    says why and `content` holds what could be kept (the bytes as received, where the sender still
    has them). `headers` and `http_response` are httpx2 objects, made on first use when the sender
    did not already have them: most successful calls never look at either.
    """

    __slots__ = (
        "_elapsed",
        "_headers",
        "_http_response",
        "_http_version",
        "_raw_content",
        "_streamed",
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
        http_response: httpx2.Response | None = None,
        decoding_error: str | None = None,
        raw_content: bytes | None = None,
        streamed: StreamedResponse | None = None,
        http_version: tuple[int, int] | None = None,
        elapsed: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.request = request
        self.decoding_error = decoding_error
        self._headers = headers
        self._http_response = http_response
        self._raw_content = raw_content  # the body as received, when it was Content-Encoded
        # httpx2's own response, when the sender read its body as a stream (bounded, decoded by
        # `_body.decoded`): it has the request as sent, the HTTP version and, once closed, the time
        # taken, which the `http_response` built here copies. Without it, the sender's own figures.
        self._streamed = streamed
        self._http_version = http_version  # (major, minor); None: not known, which httpx2 shows as HTTP/1.1
        self._elapsed = elapsed  # seconds from sending to the body read

    @property
    def headers(self) -> httpx2.Headers:
        if not isinstance(self._headers, httpx2.Headers):
            self._headers = httpx2.Headers(self._headers)
        return self._headers

    def text_headers(self) -> Mapping[str, str]:
        """The headers as `httpx2.Headers.items()` gives them: lower-cased names, a repeated one's values
        joined by ", ". Read from the raw headers a sender kept, without httpx2, when they are ASCII, as
        nearly all are (an error status's error keeps them); otherwise through `headers`."""
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
        """The answer as an `httpx2.Response` (already read), with the request that was sent.

        httpx2's own response where the sender has one already read; otherwise one built on first
        use from what was received, with the HTTP version and the time taken as the sender saw them.
        """
        if self._http_response is None:
            # httpx2 decodes what it is given as its headers say: give it the body as received.
            # (Its size was checked when the sender decoded it.)
            received = self.content if self._raw_content is None else self._raw_content
            streamed = self._streamed
            if streamed is not None:
                extensions = {"http_version": streamed.http_version.encode("ascii")}
            elif self._http_version is not None:
                extensions = {"http_version": "HTTP/{}.{}".format(*self._http_version).encode("ascii")}
            else:
                extensions = {}
            response = httpx2.Response(
                self.status_code,
                headers=self.headers,
                content=received,
                request=self.request.to_httpx() if streamed is None else streamed.request,
                extensions=extensions,
            )
            if streamed is not None:
                response.elapsed = streamed.elapsed
            elif self._elapsed is not None:
                response.elapsed = datetime.timedelta(seconds=self._elapsed)
            self._http_response = response
        return self._http_response


class UndeliveredBody(Exception):  # noqa: N818 - a signal between sender and pipeline, not an error users see
    """An answer whose status arrived but whose body the sender does not deliver.

    The pipeline raises the library's error for it (`_error_mapping.undelivered`). It keeps what that
    error names the exchange by, and nothing that holds a secret: not the request, whose headers
    hold the token (or whose body holds a client secret).
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


Send = Callable[[OutgoingRequest], Awaitable[ReceivedResponse]]
SyncSend = Callable[[OutgoingRequest], ReceivedResponse]  # SyncPexipEngage's


class Sender(Protocol):
    """Carries one request to the server and its answer back; the pipeline relies on what follows."""

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        """Send `request` once and return its answer, whatever its status.

        It must:

        - send the request as given: its URL (percent-encoded already) unchanged, its headers,
          adding only User-Agent and Accept-Encoding where they are absent, its body; follow no
          redirect, send no cookie, read no `.netrc`;
        - have at most `max_connections` exchanges under way at once; a later one waits for its
          turn on an `asyncio.Semaphore` (a `threading.Semaphore` in the sync sender), and
          that wait counts against no deadline;
        - end the attempt within `attempt_seconds(request.timeout)` of when its exchange begins,
          however slowly the server drips bytes: `_deadline.AttemptDeadline`, an `asyncio.timeout`
          started then (the sync sender checks the same deadline as each chunk of the body arrives);
        - refuse an answer whose framing RFC 9112 leaves ambiguous (h11 reads every sender's) or
          whose head `_heads.head_refusal` refuses (over `MAX_RESPONSE_HEAD`, Transfer-Encoding
          beside Content-Length), with an `httpx2.RemoteProtocolError`;
        - undo the body's Content-Encoding, never holding more than `max_response_size` bytes
          once decoded (`_body.py`), and report a body it could not decode in
          `ReceivedResponse.decoding_error` rather than raise;
        - send the request again, on a fresh connection, only when a reused connection turned
          out closed by the server and sending again cannot do the request twice (it is
          idempotent, or nothing of it was written), at most `STALE_CONNECTION_RESENDS` times.

        It may raise:

        - an `httpx2.TransportError`, of the class that says where the request got to, whichever
          library sent it: the retry rules read it. A connect error or timeout: the request never
          left. `TLSCertificateError` (`_failures.py`): the server's certificate is not trusted,
          and no attempt can change that. A read timeout: no answer within the deadline. A read,
          write or protocol error: it may have reached the server (`lost_after_sending`'s
          message says so once it was written);
        - `BodyTooLarge` or `BodyTooSlow` once the status has arrived: the pipeline raises its
          error for them;
        - `asyncio.CancelledError` when the caller is cancelled.

        It must never:

        - send a request that is not idempotent twice;
        - raise one of the library's errors (`errors`): those are the pipeline's to build;
        - let anything of the exchange be reachable from what it raises: an HTTP library's
          exception holds the request, and its frames the headers (the token) and the body (a
          client secret). It raises fresh exceptions (`_failures.detached`), outside its `except`
          blocks so that Python links no original to them.
        """
        ...

    async def aclose(self) -> None:
        """End the exchanges still finishing and close what the sender opened (a caller's `http_client` stays open).

        The pipeline calls it last, once no call is left in flight, and sends nothing through the sender afterwards.
        """
        ...


class SyncSender(Protocol):
    """`Sender` for `SyncPexipEngage` (`_sync/_httpx_sender.py`): the same contract, without an event loop.

    It may be called from several threads at once.
    """

    def send(self, request: OutgoingRequest) -> ReceivedResponse:
        """Send `request` once and return its answer, as `Sender.send` does."""
        ...

    def close(self) -> None:
        """Close what the sender opened, as `Sender.aclose` does."""
        ...
