"""Each pattern of a caller's code written for httpx, run against the client on httpx2.

docs/migrating-to-httpx2.md has a row for each: what it does now, and what to write instead.
httpx's `Timeout` and `Limits` keep working (a Timeout with a `DeprecationWarning` saying what to
write); a caller's httpx client or transport keeps working (the legacy path), with a warning that
says what the client hands back is httpx2's (`isinstance(..., httpx.Response)` and `except
httpx.ConnectError` no longer match: nothing is re-classed); `respx.mock` is refused loudly, never
silently bypassed.
A respx router on pytest-httpx2's mocker (httpcore2) does intercept the client, and is left alone.
Type checkers flag httpx's Timeout and Limits where httpx2's are annotated (the `type: ignore`s here).
"""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import httpx
import httpx2
import pytest
import pytest_httpx2
import respx

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client._senders import _respx
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.loopback import free_port
from ..support.spec import documented_example

# respx's name for pytest-httpx2's mocker of httpcore2's pools (registered when pytest_httpx2 is imported)
HTTPCORE2 = pytest_httpx2._plugin.HTTPCore2Mocker.name


def _timeouts(fake: FakePexipEngage) -> dict[str, float]:
    timeout: dict[str, float] = fake.requests[-1].extensions["timeout"]
    return timeout


async def test_an_httpx_timeout_is_read_as_httpx2_s_with_a_warning_at_the_caller_s_line() -> None:
    fake = FakePexipEngage()
    found = fake.add_appointment()["id"]
    with pytest.warns(DeprecationWarning, match=r"timeout is an httpx\.Timeout: .* takes an httpx2\.Timeout") as caught:
        engage = PexipEngage("acme", token=TOKEN, transport=fake, timeout=httpx.Timeout(5.0, connect=2.0))  # type: ignore[arg-type]
    assert caught[0].filename == __file__
    async with engage:
        await engage.appointments.get_appointment_by_id(found)
        assert _timeouts(fake) == {"connect": 2.0, "read": 5.0, "write": 5.0, "pool": 5.0}
        with pytest.warns(DeprecationWarning, match="httpx.Timeout"):
            patient = engage.with_options(timeout=httpx.Timeout(9.0))  # type: ignore[arg-type]
        await patient.appointments.get_appointment_by_id(found)
        assert _timeouts(fake) == {"connect": 9.0, "read": 9.0, "write": 9.0, "pool": 9.0}
    # Half-set (None would never time out) is refused, whichever library's Timeout it is.
    with (
        pytest.raises(ValueError, match="timeout must set every limit"),
        pytest.warns(DeprecationWarning, match="httpx"),
    ):
        PexipEngage("acme", token=TOKEN, transport=fake, timeout=httpx.Timeout(None))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^timeout must be .* \(got str: '5'\)"):
        PexipEngage("acme", token=TOKEN, transport=fake, timeout="5")  # type: ignore[arg-type]


def test_the_sync_client_reads_an_httpx_timeout_too() -> None:
    fake = FakePexipEngage()
    found = fake.add_appointment()["id"]
    with pytest.warns(DeprecationWarning, match="httpx.Timeout"):
        engage = SyncPexipEngage("acme", token=TOKEN, transport=fake, timeout=httpx.Timeout(4.0))  # type: ignore[arg-type]
    with engage:
        engage.appointments.get_appointment_by_id(found)
    assert _timeouts(fake)["read"] == 4.0


async def test_httpx_limits_work_in_an_httpx2_client_and_in_an_httpx_one() -> None:
    fake = FakePexipEngage(latency=0.2)  # answers overlap: the pool's bound shows at the server
    found = fake.add_appointment()["id"]
    with fake.serve() as root:
        limits = httpx.Limits(max_connections=2)
        async with (
            httpx2.AsyncClient(limits=limits) as pool,  # type: ignore[arg-type]
            PexipEngage(  # httpx2 reads httpx's Limits as its own
                "acme", token=TOKEN, base_url=root, http_client=pool
            ) as engage,
        ):
            await asyncio.gather(*(engage.appointments.get_appointment_by_id(found) for _ in range(6)))
        assert fake.most_in_flight == 2
        async with httpx.AsyncClient(limits=limits) as old_pool:  # the caller's client: the caller closes it
            with pytest.warns(DeprecationWarning, match="http_client is an httpx object"):
                legacy = PexipEngage("acme", token=TOKEN, base_url=root, http_client=old_pool)
            async with legacy:
                answers = await asyncio.gather(*(legacy.appointments.get_appointment_by_id(found) for _ in range(4)))
        assert {answer.id for answer in answers} == {found}
        assert fake.most_in_flight == 2


async def test_a_response_and_a_connection_failure_s_cause_are_httpx2_s_only() -> None:
    fake = FakePexipEngage()
    found = fake.add_appointment()["id"]
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        raw = await engage.appointments.with_raw_response.get_appointment_by_id(found)
    response = raw.http_response
    assert type(response) is httpx2.Response  # nothing re-classed (issue 68): httpx's check no longer matches
    assert not isinstance(response, httpx.Response)
    closed = f"http://127.0.0.1:{free_port()}"
    async with PexipEngage("acme", token=TOKEN, base_url=closed, max_retries=0) as engage:
        with pytest.raises(errors.APIConnectionError) as raised:
            await engage.appointments.get_appointment_by_id(found)
    cause = raised.value.__cause__
    assert type(cause) is httpx2.ConnectError
    assert not isinstance(cause, httpx.TransportError)


def test_the_legacy_path_s_warning_says_what_comes_back_is_httpx2_s() -> None:
    with httpx.Client() as legacy, pytest.warns(DeprecationWarning, match="httpx object") as warned:
        SyncPexipEngage("acme", token=TOKEN, http_client=legacy).close()
    message = str(warned[0].message)
    assert "httpx2's classes" in message
    assert "docs/migrating-to-httpx2.md" in message


async def test_respx_mock_is_refused_before_a_request_leaves_never_bypassed() -> None:
    fake = FakePexipEngage()
    found = fake.add_appointment()["id"]
    with fake.serve() as root:
        # Built inside the mock (the default host: production): refused at once.
        with (
            respx.mock,
            pytest.raises(RuntimeError, match=r"respx mock is active.*real api\.pexipengage\.com") as built,
        ):
            PexipEngage("acme", token=TOKEN)
        assert "FakePexipEngage" in str(built.value)
        assert "pytest-httpx2" in str(built.value)
        # Built before the mock started (a fixture, then @respx.mock on the test): each call is refused.
        engage = PexipEngage("acme", token=TOKEN, base_url=root)
        async with engage:
            with respx.mock, pytest.raises(RuntimeError, match=r"respx mock is active.*127\.0\.0\.1"):
                await engage.appointments.get_appointment_by_id(found)
            assert fake.requests == []  # nothing reached the server
            await engage.appointments.get_appointment_by_id(found)  # the mock over, calls go again
        assert len(fake.requests) == 1
        sync_engage = SyncPexipEngage("acme", token=TOKEN, base_url=root)
        with sync_engage, respx.mock, pytest.raises(RuntimeError, match="respx mock is active"):
            sync_engage.appointments.get_appointment_by_id(found)
        assert len(fake.requests) == 1
    # A transport given by the caller is theirs to mock: the fake under respx is fine.
    with respx.mock:
        async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
            await engage.appointments.get_appointment_by_id(found)


def test_a_respx_router_on_httpcore2_intercepts_the_client_and_is_not_refused() -> None:
    # pytest-httpx2's mocker (respx's machinery, patching httpcore2): the client's requests reach it.
    with respx.mock(using=HTTPCORE2, base_url="https://api.pexipengage.com") as router:
        router.get(path__regex=r".*/appointments/42").respond(200, json=documented_example("Appointment"))
        assert not _respx.respx_bypassed()
        with respx.mock:  # a plain router beside it changes nothing: the requests are intercepted
            assert not _respx.respx_bypassed()
            with SyncPexipEngage("acme", token=TOKEN) as engage:
                assert (
                    engage.appointments.get_appointment_by_id("42").id
                    == documented_example("Appointment")["data"]["id"]
                )


def test_respx_is_found_by_what_it_patches_not_by_its_private_registry() -> None:
    assert not _respx.respx_bypassed()
    with respx.mock:
        assert _respx._patched_by_respx() == {"httpcore"}
        assert _respx.respx_bypassed()
    with respx.mock(using=HTTPCORE2):
        assert _respx._patched_by_respx() == {"httpcore2"}
        assert not _respx.respx_bypassed()
    assert not _respx.respx_bypassed()


def test_the_migration_page_names_every_pattern() -> None:
    page = (Path(__file__).parents[2] / "docs" / "migrating-to-httpx2.md").read_text(encoding="utf-8")
    for pattern in (
        "httpx.Timeout",
        "httpx.Limits",
        "isinstance(response, httpx.Response)",
        "except httpx.ConnectError",
        "respx.mock",
        "http_client=httpx.AsyncClient",
        "httpx2_mock",
    ):
        assert pattern in page, pattern


def test_no_warning_for_httpx2_s_own_timeout() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        PexipEngage("acme", token=TOKEN, transport=FakePexipEngage(), timeout=httpx2.Timeout(3.0))
