"""aiohttp's failures in httpx's terms: the retry rules depend on whether a request may have left.

A connect error means it never did; a read error after it was written means it may have reached
the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp

from ._failures import TLSCertificateError

if TYPE_CHECKING:
    import httpx
else:
    from .._runtime.lazy_httpx import httpx  # executed on first use


def as_httpx_error(error: aiohttp.ClientError | TimeoutError) -> httpx.TransportError:
    """The httpx exception for an aiohttp failure."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(str(error))
    if isinstance(error, TimeoutError):  # aiohttp's socket read timeout
        return httpx.ReadTimeout(str(error) or "timed out")
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return TLSCertificateError(str(error))
    if isinstance(error, aiohttp.ClientConnectorError):
        return httpx.ConnectError(str(error))
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError(str(error))
    return httpx.ReadError(str(error))  # includes resets (ClientOSError) after the request was sent
