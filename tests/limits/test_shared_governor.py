"""`Governor(shared=...)`: clients in several processes keep Engage's documented limits together."""

from __future__ import annotations

import asyncio
import logging

import pytest

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client.testing import FakePexipEngage

from ..support.loopback import free_port, transport_app
from ._processes import workers
from ._server import limited_api

pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]

DOCUMENTED = {"max_in_flight": 4, "per_minute": 3000}


@pytest.mark.slow
def test_six_processes_creating_100_each_at_once_keep_the_documented_limits(shared_url: str) -> None:
    # A server enforcing 4 in flight and 3,000 a minute, as the rate-limiting page says Engage does.
    with limited_api(**DOCUMENTED, delay=0.02, answer=transport_app(FakePexipEngage())) as (api, url):
        command = ["creates", "--url", url, "--count", "100"]
        # No --key: the client names the shared limit after its enterprise and API host.
        with workers([command] * 6, redis_url=shared_url) as started:
            api.forget()
            started.go()
            results = started.results(timeout=180)
    assert [result["outcomes"] for result in results] == [{"created": 100}] * 6
    assert api.statuses == {201: 600}
    assert api.most_in_flight <= 4
    assert [result["throttled"] for result in results] == [0] * 6
    # ... and the budget is used, not wasted: near 50 a second over the whole run.
    rate = (len(api.accepted) - 1) / (max(api.accepted) - min(api.accepted))
    assert 45 <= rate <= 50.5, f"{rate:.1f}/s"


@pytest.mark.slow
def test_without_redis_the_governor_keeps_the_limits_locally_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario(url: str) -> list[object]:
        governor = Governor(shared=f"redis://:hunter2-password@127.0.0.1:{free_port()}/0")
        try:
            async with PexipEngage("acme", token="test-token", base_url=url, governor=governor) as engage:
                return await asyncio.gather(
                    *(engage.employees.create_employee(body={"email": f"e{n}@example.com"}) for n in range(40)),
                    return_exceptions=True,
                )
        finally:
            await governor.aclose()

    fake = transport_app(FakePexipEngage())
    with (
        limited_api(**DOCUMENTED, delay=0.02, answer=fake) as (api, url),
        caplog.at_level(logging.INFO, logger="pexip_engage_client"),
    ):
        outcomes = asyncio.run(scenario(url))
    assert [type(outcome).__name__ for outcome in outcomes] == ["Employee"] * 40
    assert api.statuses == {201: 40}
    assert api.most_in_flight == 4  # the local limits, not none
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "shared limits cannot be reached" in warnings[0].getMessage()
    assert all("hunter2-password" not in record.getMessage() for record in caplog.records)
