"""`SyncPexipEngage`'s spans and metrics: the same as `PexipEngage`'s for the same call, never a secret.

Both clients reach the fake as a transport (the sync one on the fake's own loop thread), with
client credentials, so each call's spans include the token request's. The shapes are compared
span by span: names, kinds, attribute names and parents.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client._pipeline._sync import _request as sync_request
from pexip_engage_client.testing import FakePexipEngage

from ..contract import test_contract
from ..contract.test_contract import OPERATIONS
from ..support.leaks import value_leaks
from ..support.telemetry import Telemetry
from .test_tracing import CLIENT_ID, CLIENT_SECRET, SCOPE, new_fake, scope_of, shape

# One of each kind: a plain read, a list's first page, a write with a body, and a business error.
CALLS = ("getRegions", "getEmployees", "createLeadSegment", "createAppointment")


def providers(telemetry: Telemetry) -> dict[str, Any]:
    return {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "tracer_provider": telemetry.tracer_provider,
        "meter_provider": telemetry.meter_provider,
        "max_retries": 0,
    }


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waits: list[float] = []
    monkeypatch.setattr(sync_request, "_sleep", waits.append)
    return waits


async def async_shape(operation_id: str, fake: FakePexipEngage, telemetry: Telemetry) -> list[Any]:
    telemetry.clear()
    async with PexipEngage("acme", transport=fake, **providers(telemetry)) as engage:
        with contextlib.suppress(errors.PexipEngageError):
            await OPERATIONS[operation_id][0](engage)
    return shape(telemetry.spans())


@pytest.mark.parametrize("operation_id", CALLS)
async def test_a_sync_call_is_traced_as_the_async_call(
    operation_id: str, telemetry: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = await async_shape(operation_id, new_fake(), telemetry)

    # The table takes a list's first page by awaiting it; a sync list has `first_page()` for that.
    monkeypatch.setattr(test_contract, "first_page", lambda pages: pages.first_page())
    telemetry.clear()
    with (
        SyncPexipEngage("acme", transport=new_fake(), **providers(telemetry)) as engage,
        contextlib.suppress(errors.PexipEngageError),
    ):
        OPERATIONS[operation_id][0](engage)  # type: ignore[arg-type]  # the table is typed for PexipEngage
    spans = telemetry.spans()

    assert len(spans) == 3  # the call, the token request and the API request
    assert all(scope_of(span) == SCOPE for span in spans)
    assert shape(spans) == expected


def test_the_pages_of_one_sync_walk_share_a_parent_span(telemetry: Telemetry) -> None:
    fake = new_fake()
    for number in range(7):
        fake.add_employee(first_name=f"E{number}")
    with SyncPexipEngage("acme", transport=fake, **providers(telemetry)) as engage:
        walked = list(engage.employees.get_employees(limit=2))
    assert len(walked) == len(fake.employees)
    spans = telemetry.spans()
    [walk] = [span for span in spans if span.name == "employees.get_employees pages"]
    pages = [span for span in spans if span.name == "employees.get_employees"]
    assert len(pages) == 4  # the call's page, then the walk's three after it
    assert [span.parent.span_id if span.parent else None for span in pages[1:]] == [walk.context.span_id] * 3


def test_no_secret_in_any_sync_span_or_metric(telemetry: Telemetry, no_backoff: list[float]) -> None:
    fake = new_fake()
    fake.fail("getRegions", status=503)
    with SyncPexipEngage("acme", transport=fake, **{**providers(telemetry), "max_retries": 2}) as engage:
        engage.regions.get_regions(country_code="NL")  # a 503, then a retry
        fake.revoke_tokens()  # a 401, then a renewed token
        engage.regions.get_regions(country_code="NL")
    tokens = {request.headers["Authorization"].removeprefix("Bearer ") for request in fake.requests}
    assert len(tokens) == 2
    assert no_backoff  # the 503 was retried

    values = telemetry.recorded_values()
    assert values
    assert value_leaks(values, [CLIENT_SECRET, *tokens, "Bearer", "Authorization"]) == []
