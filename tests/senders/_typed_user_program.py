"""A user's program on either stack (issue 52): mypy --strict (`make check`) and pyright strict
(tests/senders/test_stacks.py) must accept httpx2's objects and httpx's alike."""

import httpx
import httpx2

from pexip_engage_client import PexipEngage, SyncPexipEngage


async def on_httpx2() -> None:
    async with httpx2.AsyncClient() as client, PexipEngage("acme", token="t", http_client=client):
        pass
    PexipEngage("acme", token="t", transport=httpx2.AsyncHTTPTransport(), timeout=httpx2.Timeout(5.0))
    SyncPexipEngage("acme", token="t", transport=httpx2.HTTPTransport(), timeout=httpx2.Timeout(5.0))


async def on_httpx() -> None:
    async with httpx.AsyncClient() as client, PexipEngage("acme", token="t", http_client=client):
        pass
    PexipEngage("acme", token="t", transport=httpx.AsyncHTTPTransport())
    SyncPexipEngage("acme", token="t", http_client=httpx.Client(), timeout=5.0)
    SyncPexipEngage("acme", token="t", transport=httpx.HTTPTransport())
