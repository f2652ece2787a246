"""The aiohttp sender's public path, through `ClientSession`, for an aiohttp the private path does not know.

Configured as the private path is (`_aiohttp_internals.py`): the same TLS context, proxies, no
`.netrc`, no cookies, no redirects, header limits raised to what httpx2 accepts, bodies left
compressed for the sender to decode, bounded. What it cannot do through aiohttp's public API:

- it cannot tell a pooled connection from a new one, so a write is not kept off a pooled connection
  the server has closed: it fails, saying it may have reached the server, and is not retried;
- `ClientSession` sends an idempotent request again once by itself when its connection fails, an
  attempt `max_retries` does not count (the private path's stale-connection rule does the same,
  counted, and only on a pooled connection);
- the read timeout also bounds the wait for the response head, and runs while a body arrives, as
  httpx2's does.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import aiohttp
from yarl import URL

from ._aiohttp_errors import as_httpx_error
from ._base import IDEMPOTENT_METHODS, KEEPALIVE_EXPIRY, OutgoingRequest
from ._failures import lost_after_sending
from ._proxies import ProxySettings

if TYPE_CHECKING:
    import ssl

    from ._aiohttp_internals import Turn


class SessionPath:
    """Exchanges made through one `aiohttp.ClientSession`, opened with the first one."""

    def __init__(
        self, *, ssl_context: ssl.SSLContext, max_connections: int, max_line_size: int, max_headers: int
    ) -> None:
        self._ssl_context = ssl_context
        self._max_connections = max_connections
        self._limits: dict[str, Any] = {"max_line_size": max_line_size, "max_field_size": max_line_size}
        if "max_headers" in inspect.signature(aiohttp.ClientSession).parameters:  # aiohttp 3.13 on
            self._limits["max_headers"] = max_headers
        self._proxies = ProxySettings.from_environment()
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    def _open(self) -> aiohttp.ClientSession:
        if self._closed:
            raise RuntimeError("the client is closed")  # never reopen: nothing would close it again
        connector = aiohttp.TCPConnector(
            limit=self._max_connections, ssl=self._ssl_context, keepalive_timeout=KEEPALIVE_EXPIRY
        )
        self._session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=False,
            **self._limits,
        )  # fmt: skip
        return self._session

    async def response_head(self, request: OutgoingRequest, attempt: object, turn: Turn) -> aiohttp.ClientResponse:
        """The response head, once `turn` has given the attempt its turn."""
        session = self._session or self._open()
        proxy = self._proxies.proxy_for(request.url)  # None at once when no proxy is configured
        waiting = turn(attempt)
        if waiting is not None:
            await waiting
        timeout = aiohttp.ClientTimeout(
            total=None, connect=None, sock_connect=request.timeout.connect, sock_read=request.timeout.read
        )
        try:
            return await session.request(
                request.method, URL(request.url, encoded=True), headers=request.headers, data=request.content,
                proxy=proxy, timeout=timeout, allow_redirects=False,
            )  # fmt: skip
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as failure:
            if isinstance(failure, aiohttp.ClientConnectorError):
                raise  # it never left
            if request.method in IDEMPOTENT_METHODS:
                raise  # ClientSession has already sent it again once
            raise lost_after_sending(as_httpx_error(failure)) from None

    @staticmethod
    def arrived_size(response: aiohttp.ClientResponse) -> int | None:
        """Not known here: the body is read by its Content-Length, or as it arrives."""
        return None

    @staticmethod
    def bound_silence(response: aiohttp.ClientResponse, read_timeout: float | None) -> None:
        """Nothing to do: the session's read timeout runs while the body arrives."""

    async def aclose(self) -> None:
        self._closed = True
        if self._session is not None:
            await self._session.close()
