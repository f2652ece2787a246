"""The `fast` extra (`pip install pexip-engage-client[fast]`): requests sent with aiohttp directly.

httpx's connection pool and its per-request objects (URL parsing, request and response models)
cost several times what parsing the answer does; aiohttp's C-accelerated HTTP parser does not.
This sender hands aiohttp the already-encoded URL, the final headers and the body bytes, and
returns status, raw headers and body without building an httpx object.

aiohttp's failures are translated into the httpx exceptions they correspond to, because the retry
rules depend on the difference between a request that never left (connect errors) and one that
may have reached the server (read errors).
"""

from __future__ import annotations

import os

import aiohttp
import httpx
from yarl import URL

from ._wire import USER_AGENT, OutgoingRequest, ReceivedResponse

_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")

# Only what httpx can decode: a compressed body is decoded by httpx (see `send`).
_ACCEPT_ENCODING = "gzip, deflate"


def _proxy_configured() -> bool:
    return any(os.environ.get(name) for name in _PROXY_VARIABLES)


class AiohttpSender:
    """Sends with an aiohttp session, created lazily inside the running event loop."""

    def __init__(self, *, max_connections: int = 100) -> None:
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._max_connections),  # TLS verification stays on
                auto_decompress=False,  # httpx's decoders, so both senders accept the same encodings
                cookie_jar=aiohttp.DummyCookieJar(),  # an API client keeps no cookies
                # Honour HTTP(S)_PROXY and NO_PROXY as httpx does, but only when one is set: aiohttp
                # looks them (and .netrc) up in a worker thread on every request.
                trust_env=_proxy_configured(),
            )
        return self._session

    def _timeout(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        """aiohttp's form of a timeout; converted once per distinct timeout (a client uses few)."""
        key = (timeout.pool, timeout.connect, timeout.read)
        converted = self._timeouts.get(key)
        if converted is None:
            converted = aiohttp.ClientTimeout(
                total=None, connect=timeout.pool, sock_connect=timeout.connect, sock_read=timeout.read
            )
            self._timeouts[key] = converted
        return converted

    async def send(self, request: OutgoingRequest) -> ReceivedResponse:
        # Set here rather than as session defaults, so that the request shows what was sent (and
        # aiohttp adds no User-Agent of its own: it only fills in headers that are absent).
        headers = request.headers
        if "User-Agent" not in headers:
            headers["User-Agent"] = USER_AGENT
        if "Accept-Encoding" not in headers:
            headers["Accept-Encoding"] = _ACCEPT_ENCODING
        try:
            async with self._client_session().request(
                request.method,
                URL(request.url, encoded=True),  # keep percent-encoded path parameters as they are
                headers=headers,
                data=request.content,
                allow_redirects=False,
                timeout=self._timeout(request.timeout),
            ) as response:
                content = await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc)) from exc
        except (TimeoutError, aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise httpx.ReadTimeout(str(exc) or "timed out") from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
            raise httpx.RemoteProtocolError(str(exc)) from exc
        except aiohttp.ClientError as exc:  # includes resets (ClientOSError) after the request was sent
            raise httpx.ReadError(str(exc)) from exc
        if "Content-Encoding" in response.headers:
            return _decoded(response.status, response.raw_headers, content, request)
        return ReceivedResponse(response.status, response.raw_headers, content, request)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


def _decoded(
    status: int, raw_headers: tuple[tuple[bytes, bytes], ...], content: bytes, request: OutgoingRequest
) -> ReceivedResponse:
    """A compressed answer, decoded by httpx; a corrupt body is kept as received and reported."""
    try:
        response = httpx.Response(status, headers=raw_headers, content=content, request=request.to_httpx())
    except httpx.DecodingError as exc:
        return ReceivedResponse(status, raw_headers, content, request, decoding_error=str(exc))
    return ReceivedResponse(status, response.headers, response.content, request, http_response=response)
