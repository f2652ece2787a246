"""Every `APIError` keeps the response's headers; rate-limit and server errors read their `Retry-After`."""

from __future__ import annotations

import email.utils
import time

import pytest

from pexip_engage_client import PexipEngage, errors

from ..senders.test_faults import SENDERS
from ..support.clients import TOKEN
from ..support.faultserver import Fault, fault_server


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_retry_after_beyond_the_policy_is_not_waited_for_but_can_be_read(
    sleeps: list[float], sender: str
) -> None:
    script = [Fault(status=429, body=b"{}", headers={"Retry-After": "120", "X-RateLimit-Remaining": "0"})]
    with fault_server(*script) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            with pytest.raises(errors.RateLimitError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert len(server.requests) == 1
    assert sleeps == []
    error = caught.value
    assert error.retry_after == 120.0
    assert error.headers["retry-after"] == "120"
    assert error.headers["X-RATELIMIT-REMAINING"] == "0"
    assert "x-ratelimit-remaining" in error.headers


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_503_retry_after_given_as_a_date_is_read_in_seconds(sender: str) -> None:
    later = email.utils.formatdate(time.time() + 90, usegmt=True)
    with fault_server(Fault(status=503, body=b"{}", headers={"Retry-After": later})) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, max_retries=0, **SENDERS[sender]()) as engage:
            with pytest.raises(errors.ServerError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    retry_after = caught.value.retry_after
    assert retry_after is not None
    assert 80 < retry_after <= 90


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_every_api_error_keeps_headers_that_cannot_be_changed(sender: str) -> None:
    with fault_server(Fault(status=404, body=b"{}", headers={"X-Request-Id": "r-1"})) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            with pytest.raises(errors.NotFoundError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    headers = caught.value.headers
    assert headers["x-request-id"] == headers["X-Request-Id"] == "r-1"
    with pytest.raises(TypeError):
        headers["X-Request-Id"] = "changed"  # type: ignore[index]
    assert not hasattr(caught.value, "retry_after")


async def test_without_retry_after_it_is_none() -> None:
    error = errors.ServerError(status_code=500, errors=(), body=b"", correlation_id="c", method="GET", url="u")
    assert error.retry_after is None
    assert dict(error.headers) == {}
