"""A test that mocks the HTTP layer with pytest-httpx2 instead of using the fake (docs/testing.md).

    pip install pytest pytest-asyncio pytest-httpx2
    pytest examples/test_with_pytest_httpx2.py

`httpx2_mock` intercepts every request of a client made without a transport, through the client's
own connection pool: the answer is canned, and nothing reaches the network.
"""

# --8<-- [start:test]
import pytest
import respx

from pexip_engage_client import PexipEngage

SEGMENT = {"id": "42", "code": "VIP", "createdAt": "2026-03-01T10:00:00Z", "updatedAt": "2026-03-01T10:00:00Z"}


@pytest.mark.asyncio  # pytest-asyncio runs the coroutine (anyio's marker works as well)
async def test_get_lead_segment(httpx2_mock: respx.Router) -> None:
    route = httpx2_mock.get("https://api.pexipengage.com/enterprises/acme/lead-segments/42").respond(
        200, json={"data": SEGMENT}
    )
    async with PexipEngage("acme", token="t") as engage:
        segment = await engage.lead_segments.get_lead_segment_by_id("42")
    assert (segment.id, segment.code) == ("42", "VIP")
    assert route.call_count == 1


# --8<-- [end:test]
