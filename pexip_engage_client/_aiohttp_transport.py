"""An httpx transport that sends through aiohttp: the optional fast path (`pip install pexip-engage-client[fast]`).

httpx's own connection pool is where most of a call's time goes (see the README's benchmarks).
This keeps everything above the transport (httpx's client, auth flows, this package's retries and
errors) and swaps only the socket work for aiohttp's. aiohttp's failures are translated into the
httpx exceptions they correspond to, because the retry rules depend on the difference between a
request that never left (connect errors) and one that may have reached the server (read errors).
"""

from __future__ import annotations

import os

import aiohttp
import httpx
from yarl import URL

_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def _proxy_configured() -> bool:
    return any(os.environ.get(name) for name in _PROXY_VARIABLES)


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests with an aiohttp session (created lazily, inside the running loop)."""

    def __init__(self, *, max_connections: int = 100) -> None:
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    def _client_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._max_connections),  # TLS verification stays on
                auto_decompress=False,  # httpx decodes Content-Encoding itself
                cookie_jar=aiohttp.DummyCookieJar(),  # an API client keeps no cookies
                # Honour HTTP(S)_PROXY and NO_PROXY as httpx does, but only when one is set: aiohttp
                # looks them (and .netrc) up in a worker thread on every request.
                trust_env=_proxy_configured(),
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limits = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None, connect=limits.get("pool"), sock_connect=limits.get("connect"), sock_read=limits.get("read")
        )
        try:
            async with self._client_session().request(
                request.method,
                URL(str(request.url), encoded=True),  # keep percent-encoded path parameters as they are
                headers=list(request.headers.multi_items()),
                data=await request.aread(),
                allow_redirects=False,
                timeout=timeout,
            ) as response:
                content = await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc), request=request) from exc
        except (TimeoutError, aiohttp.SocketTimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise httpx.ReadTimeout(str(exc) or "timed out", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError) as exc:
            raise httpx.RemoteProtocolError(str(exc), request=request) from exc
        except aiohttp.ClientError as exc:  # includes resets (ClientOSError) after the request was sent
            raise httpx.ReadError(str(exc), request=request) from exc
        return httpx.Response(response.status, headers=response.raw_headers, content=content, request=request)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
