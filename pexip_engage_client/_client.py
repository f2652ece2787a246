"""`PexipEngage`: the async client for one enterprise of the Pexip Engage API."""

from __future__ import annotations

from types import TracebackType

import httpx

from ._auth import BearerAuth, TokenProvider
from ._config import DEFAULT_TIMEOUT, Environment, enterprise_url, validate_header_value
from ._generated.api import Resources
from ._request import RequestSender, timeout_of
from ._retry import RetryPolicy

DEFAULT_MAX_RETRIES = 2


class PexipEngage(Resources):
    """The Pexip Engage API of one enterprise.

    Operations are grouped by tag, one attribute each (`engage.appointments`,
    `engage.lead_segments`, ...), and are async methods named after their operationId::

        async with PexipEngage("acme", token="...") as engage:
            appointment = await engage.appointments.get_appointment_by_id("123")

    Args:
        enterprise: The enterprise identifier; every request goes to `/enterprises/<enterprise>`.
        token: An access token, or an async callable that returns a valid one.
        environment: Which API to talk to: "production", "staging" or "development".
        base_url: The API root instead of the environment's (a proxy, or a local server such as
            `http://127.0.0.1:4010`); `/enterprises/<enterprise>` is still appended. Plain http is
            refused except for loopback hosts.
        timeout: Seconds, or an `httpx.Timeout`, for each attempt; finite by default (30 s, 5 s to connect).
        max_retries: How often a failed call is retried where that is safe (default 2).
        accept_language: Default `Accept-Language` (RFC 5646 tags; `*` means the enterprise default).
        transport: An httpx transport to send through instead of the network (for instance
            `pexip_engage_client.testing.FakePexipEngage`).
        http_client: An `httpx.AsyncClient` to use as it is configured (proxies, limits, ...); the
            client still sets the base URL, auth and timeout on each request. It is not closed by
            `close()`.

    Raises:
        ValueError: An argument is invalid (the message says which and why).
    """

    def __init__(
        self,
        enterprise: str,
        *,
        token: str | TokenProvider,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        accept_language: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if transport is not None and http_client is not None:
            raise ValueError("pass either transport or http_client, not both")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be a non-negative integer (got {max_retries!r})")
        if accept_language is not None:
            validate_header_value("Accept-Language", accept_language)
        self.enterprise = enterprise
        self.base_url = enterprise_url(enterprise, environment, base_url)
        auth = BearerAuth(token)
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(transport=transport)
        http_client.base_url = self.base_url
        http_client.auth = auth
        self._http = http_client
        super().__init__(
            RequestSender(
                http_client,
                timeout=timeout_of(timeout),
                max_retries=max_retries,
                accept_language=accept_language,
                retry_policy=RetryPolicy(),
            )
        )

    def __repr__(self) -> str:
        return f"PexipEngage(enterprise={self.enterprise!r}, base_url={str(self.base_url)!r})"

    async def close(self) -> None:
        """Close the connections this client opened (not those of an `http_client` passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> PexipEngage:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
