"""aiohttp's failures in httpx2's terms: the retry rules depend on whether a request may have left.

A connect error means it never did; a read error after it was written means it may have reached
the server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp

from ._failures import TLSCertificateError

if TYPE_CHECKING:
    import httpx2
else:
    from .._base.lazy_httpx import httpx2  # executed on first use


def as_httpx_error(error: aiohttp.ClientError | TimeoutError) -> httpx2.TransportError:
    """The httpx2 exception for an aiohttp failure."""
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return httpx2.ConnectTimeout(str(error))
    if isinstance(error, TimeoutError):  # aiohttp's socket read timeout
        return httpx2.ReadTimeout(str(error) or "timed out")
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        return TLSCertificateError(str(error))
    if isinstance(error, aiohttp.ClientConnectorError):
        return httpx2.ConnectError(str(error))
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return httpx2.RemoteProtocolError(str(error))
    return httpx2.ReadError(str(error))  # includes resets (ClientOSError) after the request was sent
