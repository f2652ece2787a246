"""respx mocks the default sender: a client created with no transport of the caller's.

Users test their code against respx routes; the client's own connection pool (and what it does
to it, `_senders/_httpx_sender.py`) must leave respx's patching of httpx's transports working.
"""

from __future__ import annotations

import json

import httpx
import pytest
import pytest_httpx2
import respx

from pexip_engage_client import PexipEngage
from pexip_engage_client.errors import NotFoundError

from ..support.clients import TOKEN
from ..support.spec import documented_example

BASE_URL = "https://api.example.test/v1"
# respx's name for pytest-httpx2's mocker of httpcore2's pools (registered when pytest_httpx2 is imported)
HTTPCORE2 = pytest_httpx2._plugin.HTTPCore2Mocker.name


async def test_respx_answers_a_call_on_the_default_sender() -> None:
    documented = documented_example("Appointment")
    with respx.mock(using=HTTPCORE2, base_url=BASE_URL, assert_all_called=True) as router:
        route = router.get("/enterprises/acme/appointments/42").respond(200, json=documented)
        async with PexipEngage("acme", token=TOKEN, base_url=BASE_URL) as engage:
            found = await engage.appointments.get_appointment_by_id("42")
    assert found.id == documented["data"]["id"]
    assert found.to_dict()["start"].startswith(documented["data"]["start"][:19])
    sent = route.calls.last.request
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["X-Correlation-Id"]


async def test_respx_errors_and_request_bodies_on_the_default_sender() -> None:
    with respx.mock(using=HTTPCORE2, base_url=BASE_URL) as router:
        router.get("/enterprises/acme/appointments/404").respond(404, json={"errors": []})
        created = router.post("/enterprises/acme/subject-groups").respond(201, json={"data": {"id": "7"}})
        async with PexipEngage("acme", token=TOKEN, base_url=BASE_URL, max_retries=0) as engage:
            with pytest.raises(NotFoundError):
                await engage.appointments.get_appointment_by_id("404")
            answered = await engage.post("/subject-groups", json={"name": "Mortgages"})
    assert answered == {"data": {"id": "7"}}
    assert json.loads(created.calls.last.request.content) == {"name": "Mortgages"}


async def test_a_request_respx_does_not_route_reaches_respx_not_the_network() -> None:
    with respx.mock(using=HTTPCORE2, base_url=BASE_URL, assert_all_mocked=True, assert_all_called=False) as router:
        router.get("/enterprises/acme/appointments/1").respond(200, json=documented_example("Appointment"))
        async with PexipEngage("acme", token=TOKEN, base_url=BASE_URL, max_retries=0) as engage:
            with pytest.raises(AssertionError, match="RESPX: <Request"):
                await engage.appointments.get_appointment_by_id("2")


async def test_respx_alone_still_mocks_a_callers_httpx_client_on_the_legacy_path() -> None:
    # respx's own mocker patches httpx's transports: a caller's httpx client (the legacy path).
    with respx.mock(base_url=BASE_URL, assert_all_called=True) as router:
        router.get("/enterprises/acme/appointments/42").respond(200, json=documented_example("Appointment"))
        async with httpx.AsyncClient() as legacy:
            with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
                engage = PexipEngage("acme", token=TOKEN, base_url=BASE_URL, http_client=legacy)
            async with engage:
                found = await engage.appointments.get_appointment_by_id("42")
    assert found.id == documented_example("Appointment")["data"]["id"]


async def test_pytest_httpx2s_fixture_mocks_the_default_sender(httpx2_mock: respx.Router) -> None:
    # As docs/testing.md shows it: the fixture, with whole URLs (its base_url comes from a marker
    # that pytest-httpx2 1.0.0 does not register).
    documented = documented_example("Appointment")
    httpx2_mock.get(f"{BASE_URL}/enterprises/acme/appointments/42").respond(200, json=documented)
    async with PexipEngage("acme", token=TOKEN, base_url=BASE_URL) as engage:
        found = await engage.appointments.get_appointment_by_id("42")
    assert found.id == documented["data"]["id"]
