"""The sender of `SyncPexipEngage`: an exchange over `httpx2.Client`, from any thread.

Written by hand rather than generated from `_httpx_sender.py`: what the async sender does with
tasks (shielding an exchange whose caller went away, the deadline cancelling the caller) has no
counterpart in a thread. It keeps the `Sender` contract (`_base.py`), the attempt's deadline
checked as each chunk of the body arrives. One `httpx2.Client`, and so one pool, serves every thread.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import ModuleType
from typing import Any

import httpx2

from ._base import (
    IDEMPOTENT_METHODS,
    STALE_CONNECTION_RESENDS,
    USER_AGENT,
    BodyTooLarge,
    BodyTooSlow,
    OutgoingRequest,
    ReceivedResponse,
    UndeliveredBody,
    attempt_seconds,
)
from ._body import ACCEPT_ENCODING, OverLimit
from ._failures import detached
from ._httpx_body import already_read, body_reader, pool_limits, refused, streamed, through_client
from ._proxies import ProxyRoutes, ProxySettings


class HttpxSyncSender:
    """Sends through an `httpx2.Client`, honouring its configuration (proxies, limits, hooks)."""

    def __init__(
        self,
        client: httpx2.Client,
        *,
        owns_client: bool,
        max_connections: int,
        max_response_size: int,
        stack: ModuleType = httpx2,
    ) -> None:
        self._client = client
        # httpx2, or httpx for a caller's httpx client or transport (the legacy path): whose
        # errors to catch and how to read its responses. What leaves the sender is httpx2's.
        self._legacy = stack.__name__ != "httpx2"  # httpx2 itself, or the deferred name for it (`_base/lazy_httpx.py`)
        # (httpx2's too on the legacy path: what `lost_after_sending` makes of httpx's is httpx2's)
        self._failures: tuple[type[Exception], ...] = (stack.TransportError, httpx2.TransportError, UndeliveredBody)
        self._stale: type[Exception] = stack.RemoteProtocolError
        self._not_read: type[Exception] = stack.ResponseNotRead
        self._owns_client = owns_client
        self._max_response_size = max_response_size
        self._gate = threading.BoundedSemaphore(max_connections)

    @classmethod
    def create(
        cls,
        transport: httpx2.BaseTransport | None,
        *,
        ssl_context: Callable[[], ssl.SSLContext],
        max_connections: int,
        max_response_size: int,
        stack: ModuleType = httpx2,
    ) -> HttpxSyncSender:
        """A sender with a client of its own: on `transport` if given, else on a pool it configures.

        `stack` is the library `transport` comes from: httpx2, or httpx (the legacy path, sent
        through httpx's own client).
        """
        if transport is None:
            limits = pool_limits(max_connections)
            proxies = ProxySettings.from_environment()
            context = ssl_context()

            def through(proxy: str | None) -> httpx2.HTTPTransport:
                return httpx2.HTTPTransport(verify=context, limits=limits, proxy=proxy, trust_env=False)

            # As the async sender: a proxy per request's origin, NO_PROXY's hosts sent directly.
            transport = _ProxyRouter(ProxyRoutes(through(None), proxies, through)) if proxies else through(None)
        client = stack.Client(
            transport=transport,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # proxies come from ProxySettings; .netrc is never read
            cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),  # an API client keeps no cookies
        )
        return cls(
            client, owns_client=True, max_connections=max_connections, max_response_size=max_response_size,
            stack=stack,
        )  # fmt: skip

    def send(self, request: OutgoingRequest) -> ReceivedResponse:
        if "Accept-Encoding" not in request.headers:
            request.headers["Accept-Encoding"] = ACCEPT_ENCODING  # what BodyReader decodes
        failure: Exception
        with self._gate:
            try:
                return self._exchange(request)
            except self._failures as exc:
                failure = detached(exc)
        raise failure  # out of the except block: the original is not kept as its __context__

    def _exchange(self, request: OutgoingRequest) -> ReceivedResponse:
        deadline = time.monotonic() + attempt_seconds(request.timeout)
        resends = 0
        while True:
            trace = _Opened()
            try:
                response: httpx2.Response = through_client(self._client, request, trace)
            except self._stale:
                # A pooled connection the server closed while it sat idle: an idempotent request is
                # sent again (httpcore2's sync pool does not say whether the request was written).
                # Not after a failure on a connection opened for it: that was the server's answer.
                if not trace.opened and request.method in IDEMPOTENT_METHODS and resends < STALE_CONNECTION_RESENDS:
                    resends += 1
                    continue
                raise
            try:
                refused(response)
                return self._read(request, response, deadline)
            finally:
                response.close()

    def _read(self, request: OutgoingRequest, response: httpx2.Response, deadline: float) -> ReceivedResponse:
        limit = self._max_response_size
        whole = already_read(request, response, limit, self._not_read)
        if whole is not None:
            return whole
        try:
            reader = body_reader(response, limit)
            for chunk in response.iter_raw():
                reader.feed(chunk)
                if time.monotonic() > deadline:  # a body dripping in, each chunk within the read timeout
                    raise BodyTooSlow(request, response.status_code, attempt_seconds(request.timeout))
            return streamed(request, response, reader, legacy=self._legacy)
        except OverLimit:
            raise BodyTooLarge(request, response.status_code, limit) from None

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


class _Opened:
    """Told by httpcore2's trace (the `trace` request extension; httpcore's on the legacy path) whether
    the exchange opened a connection. A caller's transport may report nothing: then it is not known."""

    __slots__ = ("opened",)

    def __init__(self) -> None:
        self.opened = False

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.started":
            self.opened = True


class _ProxyRouter(httpx2.BaseTransport):
    """Sends each request directly or through the proxy `ProxySettings` names for its origin."""

    def __init__(self, routes: ProxyRoutes[httpx2.BaseTransport]) -> None:
        self._routes = routes

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        transport = self._routes.for_origin(request.url.scheme, request.url.netloc.decode("ascii"))
        return transport.handle_request(request)

    def close(self) -> None:
        for transport in self._routes.every():
            transport.close()
