"""Fault injection against a real, misbehaving HTTP server on 127.0.0.1.

Each case asserts the outcome (a result, or the error type), and how many requests the server saw:
the count is what proves that a write is never sent twice. The fault table of docs/errors-and-retries.md lists these.
"""

from __future__ import annotations

import email.utils
import gzip
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client._one_shot._sender import OneShotSender
from pexip_engage_client._senders._httpx_sender import HttpxSender
from pexip_engage_client._senders._tls import plain_http_context

from ..support.clients import TOKEN
from ..support.faultserver import Fault, fault_server
from ..support.loopback import free_port
from ..support.spec import documented_example

APPOINTMENT = json.dumps(documented_example("Appointment")).encode()
SEGMENT = json.dumps(
    {"data": {"id": "1", "code": "RV", "createdAt": "2022-08-17T19:05:21Z", "updatedAt": "2022-08-17T19:05:21Z"}}
).encode()
OK_GET = Fault(body=APPOINTMENT)
OK_PATCH = Fault(body=SEGMENT)
OK_PUT = Fault(body=b'{"data": [{"meetingType": "OFFICE", "subject": {"id": "1"}}]}')
HTML_502 = Fault(
    status=502, body=b"<html><body><h1>502 Bad Gateway</h1></body></html>", headers={"Content-Type": "text/html"}
)

Operation = Callable[[PexipEngage], Awaitable[Any]]
GET: Operation = lambda engage: engage.appointments.get_appointment_by_id("1")  # noqa: E731
POST: Operation = lambda engage: engage.appointments.accept_appointment("1")  # noqa: E731
PATCH: Operation = lambda engage: engage.lead_segments.update_lead_segment_by_id("1", body={"code": "RV"})  # noqa: E731
PUT: Operation = lambda engage: engage.lead_segments.update_lead_segment_scheduling_settings("1", body=[])  # noqa: E731


# Backoff sleeps are recorded, not waited: see the `sleeps` fixture.
pytestmark = pytest.mark.usefixtures("sleeps")


CASES = [
    # name, server script, operation, expected (a type to raise, or "ok"), requests the server saw
    ("reset after the request, GET", [Fault(reset=True), Fault(reset=True), OK_GET], GET, "ok", 3),
    ("reset after the request, POST", [Fault(reset=True), OK_GET], POST, errors.APIConnectionError, 1),
    ("reset after the request, PATCH", [Fault(reset=True), OK_PATCH], PATCH, errors.APIConnectionError, 1),
    ("429 with Retry-After, POST", [Fault(status=429, headers={"Retry-After": "1"}), OK_GET], POST, "ok", 2),
    ("503 with Retry-After, PATCH", [Fault(status=503, headers={"Retry-After": "1"}), OK_PATCH], PATCH, "ok", 2),
    ("503 without Retry-After, PATCH", [Fault(status=503), OK_PATCH], PATCH, errors.ServerError, 1),
    ("5xx burst shorter than the retries, GET", [Fault(status=503), Fault(status=500), OK_GET], GET, "ok", 3),
    ("5xx burst longer than the retries, GET", [Fault(status=500)], GET, errors.ServerError, 3),
    ("5xx burst, PUT (idempotent)", [Fault(status=504), OK_PUT], PUT, "ok", 2),
    ("500, POST", [Fault(status=500), OK_GET], POST, errors.ServerError, 1),
    ("slow answer past the timeout, GET", [Fault(delay=2, body=APPOINTMENT)], GET, errors.APITimeoutError, 3),
    ("slow answer past the timeout, POST", [Fault(delay=2, body=APPOINTMENT)], POST, errors.APITimeoutError, 1),
    ("body cut short by a closed connection, GET", [Fault(body=APPOINTMENT, truncate_to=40), OK_GET], GET, "ok", 2),
    (
        "body cut short by a closed connection, POST",
        [Fault(body=APPOINTMENT, truncate_to=40)],
        POST,
        errors.APIConnectionError,
        1,
    ),
    ("truncated JSON document", [Fault(body=APPOINTMENT[:40])], GET, errors.UnexpectedResponseError, 1),
    (
        "non-JSON 200 body",
        [Fault(body=b"OK", headers={"Content-Type": "text/plain"})],
        GET,
        errors.UnexpectedResponseError,
        1,
    ),
    ("HTML 502 page, GET", [HTML_502], GET, errors.ServerError, 3),
    ("HTML 502 page, POST", [HTML_502], POST, errors.ServerError, 1),
    ("status 520", [Fault(status=520, body=b"")], GET, errors.ServerError, 1),
    ("status 418", [Fault(status=418, body=b"teapot")], GET, errors.APIError, 1),
    ("status 304", [Fault(status=304, body=b"")], GET, errors.UnexpectedResponseError, 1),
    ("status 299 with a valid body", [Fault(status=299, body=APPOINTMENT)], GET, "ok", 1),
]


# Each case runs through every sender: httpx2 (the default), a
# caller's httpx transport (the legacy path, the `httpx` extra) and the one-shot sender. The retry
# rules depend on how each reports a failure, so all must agree.
SENDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "httpx2": dict,  # the default
    "httpx": lambda: {"transport": httpx.AsyncHTTPTransport(verify=plain_http_context())},
    "one-shot": lambda: {"http_backend": "one-shot"},
}


@pytest.mark.slow
@pytest.mark.parametrize("sender", sorted(SENDERS))
@pytest.mark.parametrize(
    ("script", "operation", "expected", "requests_seen"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
async def test_fault(script: list[Fault], operation: Operation, expected: Any, requests_seen: int, sender: str) -> None:
    with fault_server(*script) as server:
        async with PexipEngage(
            "acme", token=TOKEN, base_url=server.url, timeout=0.5, max_retries=2, **SENDERS[sender]()
        ) as engage:
            if expected == "ok":
                result = await operation(engage)
                assert result is not None
            else:
                with pytest.raises(expected) as caught:
                    await operation(engage)
                assert type(caught.value) is expected
                if isinstance(caught.value, errors.APIError | errors.UnexpectedResponseError):
                    last = script[min(requests_seen, len(script)) - 1]  # the fault that answered last
                    assert caught.value.body == last.body  # the raw body, whatever it was
    assert len(server.requests) == requests_seen


async def test_retry_after_is_waited_before_the_retry(sleeps: list[float]) -> None:
    with fault_server(Fault(status=429, headers={"Retry-After": "1"}), OK_GET) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url) as engage:
            await engage.appointments.accept_appointment("1")
    assert sleeps == [1.0]


async def test_retry_after_as_an_http_date_is_waited_until_that_moment(sleeps: list[float]) -> None:
    moment = email.utils.formatdate(time.time() + 30, usegmt=True)  # whole seconds: 29 to 30 s from now
    with fault_server(Fault(status=503, headers={"Retry-After": moment}), OK_GET) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url) as engage:
            await engage.appointments.get_appointment_by_id("1")
    assert len(sleeps) == 1
    assert 25 < sleeps[0] <= 30
    assert len(server.requests) == 2


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_connection_refused_is_retried_for_any_method_and_reaches_no_server(
    sleeps: list[float], sender: str
) -> None:
    root = f"http://127.0.0.1:{free_port()}"
    async with PexipEngage("acme", token=TOKEN, base_url=root, max_retries=2, **SENDERS[sender]()) as engage:
        with pytest.raises(errors.APIConnectionError) as caught:
            await engage.lead_segments.update_lead_segment_by_id("1", body={"code": "RV"})
    assert "ConnectError" in str(caught.value)
    assert len(sleeps) == 2  # two retries, each after a backoff


async def test_all_attempts_share_the_correlation_id() -> None:
    with fault_server(Fault(status=503), Fault(status=503), OK_GET) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url) as engage:
            response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
    assert len(server.requests) == 3
    assert response.correlation_id


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_path_parameters_reach_the_server_percent_encoded(sender: str) -> None:
    with fault_server(OK_GET) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            await engage.appointments.get_appointment_by_id("../../x y/z")
    assert server.requests == [("GET", "/enterprises/acme/appointments/..%2F..%2Fx%20y%2Fz")]


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_the_raw_response_shows_what_was_sent_and_received(sender: str) -> None:
    with fault_server(Fault(body=APPOINTMENT, headers={"X-Request-Id": "srv-1"})) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            response = await engage.appointments.with_raw_response.get_appointment_by_id("1", correlation_id="c-1")
    assert response.headers["x-request-id"] == "srv-1"
    assert response.http_response.status_code == 200
    assert response.http_response.json() == json.loads(APPOINTMENT)
    sent = response.http_response.request
    assert (sent.method, sent.url.path) == ("GET", "/enterprises/acme/appointments/1")
    assert sent.headers["X-Correlation-Id"] == "c-1"
    assert sent.headers["User-Agent"].startswith("pexip-engage-client/")
    assert TOKEN not in repr(sent.headers)


@pytest.mark.parametrize("sender", sorted(SENDERS))
@pytest.mark.parametrize("encoding", ["identity", "gzip"])
async def test_the_raw_response_tells_the_http_version_and_the_time_taken(sender: str, encoding: str) -> None:
    body, headers = (
        (APPOINTMENT, {}) if encoding == "identity" else (gzip.compress(APPOINTMENT), {"Content-Encoding": "gzip"})
    )
    with fault_server(Fault(body=body, headers=headers, delay=0.05)) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            started = time.perf_counter()
            response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
            took = time.perf_counter() - started
    assert response.http_response.http_version == "HTTP/1.1"
    assert 0.05 <= response.http_response.elapsed.total_seconds() <= took


async def test_the_raw_response_keeps_the_http_version_httpx_reports() -> None:
    class Streamed(httpx2.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield APPOINTMENT

    class Http2Transport(httpx2.AsyncBaseTransport):
        """Answers as over an HTTP/2 connection, with a body still to be read (as httpcore2 does)."""

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            return httpx2.Response(200, stream=Streamed(), extensions={"http_version": b"HTTP/2"})

    async with PexipEngage("acme", token=TOKEN, transport=Http2Transport()) as engage:
        response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
    assert response.http_response.http_version == "HTTP/2"
    assert response.http_response.elapsed.total_seconds() >= 0


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_gzip_compressed_answer_is_decoded(sender: str) -> None:
    compressed = Fault(body=gzip.compress(APPOINTMENT), headers={"Content-Encoding": "gzip"})
    with fault_server(compressed) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            response = await engage.appointments.with_raw_response.get_appointment_by_id("1")
    assert response.data.id == "123"
    assert response.http_response.content == APPOINTMENT


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_corrupt_compressed_body_raises_the_library_error_with_the_status(sender: str) -> None:
    corrupt = Fault(body=b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with fault_server(corrupt) as server:
        async with PexipEngage("acme", token=TOKEN, base_url=server.url, **SENDERS[sender]()) as engage:
            with pytest.raises(errors.UnexpectedResponseError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert caught.value.status_code == 200
    assert "could not be decoded" in caught.value.reason
    assert caught.value.body == b"not gzip at all"  # the bytes as received, on both senders
    assert len(server.requests) == 1


def test_httpx2_sends_unless_the_one_shot_sender_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_HTTP_BACKEND", raising=False)
    assert isinstance(PexipEngage("acme", token=TOKEN)._sender.current, HttpxSender)
    assert isinstance(PexipEngage("acme", token=TOKEN, http_backend="one-shot")._sender.current, OneShotSender)
    monkeypatch.setenv("PEXIP_ENGAGE_HTTP_BACKEND", "one-shot")
    assert isinstance(PexipEngage("acme", token=TOKEN)._sender.current, OneShotSender)
    # A transport or http_client is httpx2's: it wins over the environment's choice...
    assert isinstance(
        PexipEngage("acme", token=TOKEN, transport=httpx2.AsyncHTTPTransport())._sender.current, HttpxSender
    )
    assert isinstance(PexipEngage("acme", token=TOKEN, http_backend="httpx2")._sender.current, HttpxSender)


def test_conflicting_unknown_or_removed_backends_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # ...but contradicts an explicit http_backend="one-shot".
    with pytest.raises(ValueError, match=r"httpx2 \(or httpx\) objects"):
        PexipEngage("acme", token=TOKEN, http_backend="one-shot", transport=httpx2.AsyncHTTPTransport())
    with pytest.raises(ValueError, match=r"httpx2 \(or httpx\) objects"):
        PexipEngage("acme", token=TOKEN, http_backend="one-shot", http_client=httpx2.AsyncClient())
    with pytest.raises(ValueError, match="http_backend must be"):
        PexipEngage("acme", token=TOKEN, http_backend="requests")  # type: ignore[arg-type]
    # The aiohttp sender was removed (issue 68): the refusal says what to use.
    with pytest.raises(ValueError, match=r"was removed.*Leave http_backend out \(httpx2\), or use 'one-shot'"):
        PexipEngage("acme", token=TOKEN, http_backend="aiohttp")  # type: ignore[arg-type]
    monkeypatch.setenv("PEXIP_ENGAGE_HTTP_BACKEND", "curl")
    with pytest.raises(ValueError, match="http_backend must be"):
        PexipEngage("acme", token=TOKEN)


# What SyncPexipEngage sends with (tests/client/_sync/, converted from tests/client/): httpx2, or a
# caller's httpx transport (the legacy path).
SYNC_SENDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "httpx2": dict,
    "httpx": lambda: {"transport": httpx.HTTPTransport(verify=plain_http_context())},
}
