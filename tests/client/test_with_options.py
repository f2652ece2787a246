"""`with_options()`: another timeout or retry profile over the same connections, tokens and lifecycle."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, RetryPolicy, errors
from pexip_engage_client.testing import FakePexipEngage

from ..senders.test_faults import APPOINTMENT, SENDERS
from ..support.clients import TOKEN
from ..support.faultserver import Fault, fault_server
from ..support.loopback import serve, transport_app
from ..support.spec import documented_example

SECRET = "s3cret-client-secret"


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage(enterprise="acme")
    fake.add_client("my-app", SECRET, scopes=["engage:appointments:readOnly"])
    return fake


@pytest.fixture
def root(fake: FakePexipEngage) -> Iterator[str]:
    with serve(transport_app(fake)) as url:
        yield url


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_the_new_client_shares_the_token(root: str, fake: FakePexipEngage, sender: str) -> None:
    appointment_id = fake.add_appointment()["id"]
    async with PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, base_url=root, auth_url=root, **SENDERS[sender]()
    ) as engage:
        patient = engage.with_options(timeout=60, max_retries=5)
        await engage.appointments.get_appointment_by_id(appointment_id)
        await patient.appointments.get_appointment_by_id(appointment_id)
    assert len(fake.token_requests) == 1
    assert len(fake.requests) == 2


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_the_new_client_shares_the_connections(sender: str) -> None:
    if sender == "one-shot":
        pytest.skip("the one-shot sender keeps no connection to share")
    with fault_server(Fault(body=APPOINTMENT), Fault(body=APPOINTMENT)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            await engage.appointments.get_appointment_by_id("1")
            await engage.with_options(timeout=5).appointments.get_appointment_by_id("2")
    assert len(server.requests) == 2
    assert server.connections == 1


@pytest.mark.parametrize("close_first", ["original", "derived"])
async def test_closing_either_closes_both(close_first: str) -> None:
    engage = PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(lambda r: httpx2.Response(200, json={})))
    derived = engage.with_options(max_retries=0)
    await (engage if close_first == "original" else derived).close()
    for client in (engage, derived):
        with pytest.raises(errors.ClientClosedError):
            await client.appointments.get_appointment_by_id("1")


async def test_max_retries_and_the_retry_policy_apply_to_the_new_client_only(sleeps: list[float]) -> None:
    statuses = iter([503, 503, 503, 503, 429, 200])
    headers = {503: {}, 429: {"Retry-After": "120"}, 200: {}}

    def respond(request: httpx2.Request) -> httpx2.Response:
        status = next(statuses)
        return httpx2.Response(
            status, json=documented_example("Appointment") if status == 200 else None, headers=headers[status]
        )

    async with PexipEngage("acme", token=TOKEN, transport=httpx2.MockTransport(respond)) as engage:
        quick = engage.with_options(max_retries=0)
        with pytest.raises(errors.ServerError):
            await quick.appointments.get_appointment_by_id("1")
        assert sleeps == []
        with pytest.raises(errors.ServerError):  # the original keeps its 2 retries
            await engage.appointments.get_appointment_by_id("1")
        assert len(sleeps) == 2
        patient = engage.with_options(retry=RetryPolicy(max_retry_after=300, jitter=0))
        await patient.appointments.get_appointment_by_id("1")  # 429 asking for 120 s, then OK
    assert sleeps[2:] == [120.0]


def test_the_new_client_checks_its_options() -> None:
    engage = PexipEngage("acme", token=TOKEN)
    with pytest.raises(ValueError, match="timeout must be a positive number"):
        engage.with_options(timeout=0)
    with pytest.raises(ValueError, match="max_retries"):
        engage.with_options(max_retries=-1)
    with pytest.raises(ValueError, match="retry must be a RetryPolicy"):
        engage.with_options(retry={"max_delay": 1})  # type: ignore[arg-type]


def test_the_backoff_follows_the_policy() -> None:
    policy = RetryPolicy(initial_delay=1, max_delay=3, jitter=0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4)] == [1, 2, 3, 3]
    jittered = RetryPolicy(initial_delay=1, jitter=1)
    assert all(0 <= jittered.backoff(1) <= 1 for _ in range(50))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("initial_delay", -0.1, "initial_delay must be a finite number of seconds, 0 or more (got -0.1)"),
        ("max_delay", math.inf, "max_delay must be a finite number"),
        ("max_retry_after", math.nan, "max_retry_after must be a finite number"),
        ("max_retry_after", "60", "max_retry_after must be a finite number"),
        ("initial_delay", True, "initial_delay must be a finite number"),
        ("jitter", -1, "jitter must be a finite number"),
        ("jitter", 1.5, "jitter must be between 0 and 1 (got 1.5)"),
    ],
)
def test_the_retry_policy_refuses_negative_or_meaningless_values(field: str, value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        RetryPolicy(**{field: value})
