"""Which failures are retried, how often, how long the client waits, and that writes never repeat."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable

import httpx2
import pytest

from pexip_engage_client import errors

from ..support.clients import answer, client_for
from ..support.spec import documented_example

SEGMENT = {"data": {"id": "1", "code": "c", "createdAt": "2022-08-17T19:05:21Z", "updatedAt": "2022-08-17T19:05:21Z"}}


# Backoff sleeps are recorded, not waited: see the `sleeps` fixture.
pytestmark = pytest.mark.usefixtures("sleeps")


def sequence(*responders: Callable[[httpx2.Request], httpx2.Response]) -> Callable[[httpx2.Request], httpx2.Response]:
    """Answer the n-th request with the n-th responder (the last one repeats)."""
    calls = iter(range(10_000))

    def respond(request: httpx2.Request) -> httpx2.Response:
        return responders[min(next(calls), len(responders) - 1)](request)

    return respond


def raise_(error: type[httpx2.TransportError]) -> Callable[[httpx2.Request], httpx2.Response]:
    def respond(request: httpx2.Request) -> httpx2.Response:
        raise error("injected", request=request)

    return respond


GET_OK = answer(200, documented_example("Appointment"))


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_idempotent_call_is_retried_on_transient_statuses(status: int, sleeps: list[float]) -> None:
    engage, recorder = client_for(sequence(answer(status, {}), answer(status, {}), GET_OK))
    async with engage:
        appointment = await engage.appointments.get_appointment_by_id("1", correlation_id="same-id")
    assert appointment.id == "123"
    assert len(recorder.requests) == 3
    assert {r.headers["X-Correlation-Id"] for r in recorder.requests} == {"same-id"}
    # 0.5 s then 1 s, each with up to 25% jitter taken off.
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


async def test_retries_stop_at_max_retries_and_raise_the_last_error() -> None:
    engage, recorder = client_for(answer(503, {}), max_retries=2)
    async with engage:
        with pytest.raises(errors.ServerError):
            await engage.appointments.get_appointment_by_id("1")
        with pytest.raises(errors.ServerError):
            await engage.appointments.get_appointment_by_id("1", max_retries=0)
    assert len(recorder.requests) == 3 + 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 501])
async def test_client_errors_are_not_retried(status: int) -> None:
    engage, recorder = client_for(answer(status, {}))
    async with engage:
        with pytest.raises(errors.APIError):
            await engage.appointments.get_appointment_by_id("1")
    assert len(recorder.requests) == 1


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
async def test_writes_are_not_retried_when_the_server_may_have_processed_them(status: int) -> None:
    engage, recorder = client_for(answer(status, {}))
    async with engage:
        with pytest.raises(errors.APIError):
            await engage.appointments.accept_appointment("1")
        with pytest.raises(errors.APIError):
            await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"})
    assert [r.method for r in recorder.requests] == ["POST", "PATCH"]


@pytest.mark.parametrize(
    "refusal",
    [answer(429, {}), answer(503, {}, headers={"Retry-After": "1"})],
    ids=["429", "503 with Retry-After"],
)
async def test_writes_are_retried_when_the_server_says_it_did_not_process_them(
    refusal: Callable[[httpx2.Request], httpx2.Response],
) -> None:
    engage, recorder = client_for(sequence(refusal, answer(200, SEGMENT)))
    async with engage:
        segment = await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"})
    assert segment.id == "1"
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("error", [httpx2.ReadTimeout, httpx2.ReadError, httpx2.RemoteProtocolError, httpx2.WriteError])
async def test_a_write_that_may_have_been_sent_is_never_repeated(error: type[httpx2.TransportError]) -> None:
    engage, recorder = client_for(sequence(raise_(error), answer(200, SEGMENT)))
    async with engage:
        with pytest.raises(errors.APIConnectionError) as raised:
            await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"})
    assert len(recorder.requests) == 1
    assert raised.value.sent is True  # the typed fact a caller (the ensure) reads: it may have been processed


@pytest.mark.parametrize("error", [httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout])
async def test_a_request_that_never_left_says_so_when_its_retries_are_spent(error: type[httpx2.TransportError]) -> None:
    engage, recorder = client_for(raise_(error), max_retries=1)
    async with engage:
        with pytest.raises(errors.APIConnectionError) as raised:
            await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"})
    assert len(recorder.requests) == 2
    assert raised.value.sent is False


@pytest.mark.parametrize("error", [httpx2.ReadTimeout, httpx2.ReadError, httpx2.RemoteProtocolError])
async def test_an_idempotent_call_is_retried_after_a_dropped_or_slow_answer(error: type[httpx2.TransportError]) -> None:
    engage, recorder = client_for(sequence(raise_(error), GET_OK))
    async with engage:
        await engage.appointments.get_appointment_by_id("1")
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("error", [httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout])
async def test_a_request_that_never_left_is_retried_for_any_method(error: type[httpx2.TransportError]) -> None:
    engage, recorder = client_for(sequence(raise_(error), answer(200, SEGMENT)))
    async with engage:
        await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "X"})
    assert len(recorder.requests) == 2


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [("3", 3.0), ("0", 0.0), ("http-date in 20 s", 20.0)],
)
async def test_retry_after_is_honoured(retry_after: str, expected: float, sleeps: list[float]) -> None:
    if retry_after.startswith("http-date"):
        retry_after = email.utils.formatdate(time.time() + expected, usegmt=True)
    engage, _ = client_for(sequence(answer(429, {}, headers={"Retry-After": retry_after}), GET_OK))
    async with engage:
        await engage.appointments.get_appointment_by_id("1")
    assert sleeps == [pytest.approx(expected, abs=1.5)]


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(sleeps: list[float]) -> None:
    engage, recorder = client_for(answer(429, {}, headers={"Retry-After": "3600"}))
    async with engage:
        with pytest.raises(errors.RateLimitError):
            await engage.appointments.get_appointment_by_id("1")
    assert len(recorder.requests) == 1
    assert sleeps == []


async def test_backoff_doubles_and_is_capped(sleeps: list[float]) -> None:
    engage, recorder = client_for(answer(503, {}), max_retries=6)
    async with engage:
        with pytest.raises(errors.ServerError):
            await engage.appointments.get_appointment_by_id("1")
    assert len(recorder.requests) == 7
    ceilings = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert all(0.75 * ceiling <= slept <= ceiling for slept, ceiling in zip(sleeps, ceilings, strict=True))


async def test_a_slow_server_times_out_per_attempt_and_only_reads_are_retried() -> None:
    """Against a real server on 127.0.0.1 that answers after 2 s, with a 0.2 s timeout."""
    import asyncio

    from pexip_engage_client import PexipEngage

    from ..support.clients import TOKEN
    from ..support.loopback import Receive, Scope, Send, serve
    from ..support.waiting import eventually

    hits: list[str] = []

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        hits.append(scope["method"])
        await asyncio.sleep(2)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b"{}"})

    with serve(slow_app) as root:
        async with PexipEngage("acme", token=TOKEN, base_url=root, timeout=0.2, max_retries=1) as engage:
            started = time.monotonic()
            with pytest.raises(errors.APITimeoutError):
                await engage.appointments.get_appointment_by_id("1")
            with pytest.raises(errors.APITimeoutError):
                await engage.appointments.accept_appointment("1")
            elapsed = time.monotonic() - started
        # Every attempt was written before it timed out, but a loaded server may read the last ones
        # after the client gave up on them (in any order): wait for them, within bounds.
        await eventually(lambda: len(hits) >= 3)
    assert sorted(hits) == ["GET", "GET", "POST"]
    assert hits[0] == "GET"
    assert elapsed < 1.5  # three 0.2 s attempts, not three 2 s answers


async def test_each_retry_decision_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    engage, _ = client_for(sequence(answer(503, {}), answer(500, {})), max_retries=3)
    with caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        async with engage:
            with pytest.raises(errors.ServerError):
                await engage.appointments.get_appointment_by_id("1", correlation_id="log-retry")
            with pytest.raises(errors.ServerError):
                await engage.appointments.accept_appointment("1", correlation_id="log-write")
    lines = [record.getMessage() for record in caplog.records]
    assert any("HTTP 503; retry 1 of 3" in line and "log-retry" in line for line in lines)
    assert any("HTTP 500; retry 3 of 3" in line for line in lines)
    assert any("HTTP 500, not retried: no retries left (max_retries=3)" in line for line in lines)
    assert any(
        "HTTP 500, not retried: the POST may have been processed; a POST is retried only after 429, or 503 with "
        "Retry-After"
        in line
        and "log-write" in line
        for line in lines
    )
