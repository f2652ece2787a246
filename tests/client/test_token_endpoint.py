"""Token endpoint failures name the token URL, and client credentials go only where they are meant to.

The API and the token endpoint are two loopback servers, so that each error can be checked for the
URL it names; every case runs through both senders. Concurrent calls share one token request, each
waiting for it no longer than its attempt's time; a token endpoint that is down for a moment is
retried; and no secret is left where an error reporter looks (`tests/support/leaks.py`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client._runtime.options import attempt_seconds

from ..client.test_lifecycle import wait_for_requests
from ..senders.test_faults import APPOINTMENT, SENDERS
from ..support.faultserver import Fault, fault_server
from ..support.leaks import secret_leaks
from ..support.loopback import free_port

SECRET = "s3cret-client-secret"
TOKEN_PATH = "/realms/acme/protocol/openid-connect/token"
GRANT = Fault(body=b'{"access_token": "issued-token", "expires_in": 300}')
OK = Fault(body=APPOINTMENT)
# Time a call may take beyond its own bound: the event loop is shared by hundreds of calls, and the
# machine by other test runs.
MARGIN = 1.5

pytestmark = pytest.mark.usefixtures("sleeps")


def client(api_root: str, auth_root: str, sender: str, **kwargs: Any) -> PexipEngage:
    return PexipEngage(
        "acme",
        client_id="my-app",
        client_secret=SECRET,
        base_url=api_root,
        auth_url=auth_root,
        **SENDERS[sender](),
        **kwargs,
    )


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_an_unreachable_token_endpoint_is_named_and_retried_for_any_method(
    sender: str, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    auth_root = f"http://127.0.0.1:{free_port()}"
    with fault_server(Fault(body=APPOINTMENT)) as api, caplog.at_level(logging.DEBUG, logger="pexip_engage_client"):
        async with client(api.url, auth_root, sender, max_retries=2) as engage:
            with pytest.raises(errors.APIConnectionError) as caught:
                await engage.appointments.accept_appointment("1", correlation_id="token-down")
    error = caught.value
    assert type(error) is errors.APIConnectionError
    assert (error.method, error.url) == ("POST", auth_root + TOKEN_PATH)
    assert str(error).startswith(f"POST {auth_root}{TOKEN_PATH}: the token request failed: connection failed")
    assert error.correlation_id == "token-down"
    assert api.requests == []  # the API call itself never went out
    assert error.sent is False  # and the error says so, as a typed fact
    assert len(sleeps) == 2  # a token request changes nothing: retried even for a POST
    assert f"token request to {auth_root}{TOKEN_PATH} failed (ConnectError); retry 1 of 2" in caplog.text
    assert SECRET not in caplog.text + str(error)


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoint_that_does_not_answer_in_time_is_named(
    sender: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backoff is waited, so that the retry comes after the first token request has timed out
    # rather than joining it.
    monkeypatch.setattr("pexip_engage_client._pipeline._request._sleep", asyncio.sleep)
    with fault_server(Fault(body=APPOINTMENT)) as api, fault_server(Fault(delay=2, body=GRANT.body)) as auth:
        async with client(api.url, auth.url, sender, timeout=0.3, max_retries=1) as engage:
            with pytest.raises(errors.APITimeoutError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert caught.value.url == auth.url + TOKEN_PATH
    # The token request's own timeout, or the call's wait for it (whichever the event loop saw first:
    # a sender's deadline for the request and the call's for its token are equally long).
    assert "the token request failed: no answer in time" in str(caught.value) or "no token in time" in str(caught.value)
    assert len(auth.requests) == 2
    assert api.requests == []
    assert caught.value.sent is False


@pytest.mark.slow
@pytest.mark.parametrize(("calls", "max_retries"), [(20, 0), (200, 0), (20, 1)])
@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_calls_waiting_for_a_silent_token_endpoint_share_one_request_and_end_in_time(
    sender: str, calls: int, max_retries: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pexip_engage_client._pipeline._request._sleep", asyncio.sleep)  # backoff waited, as in use
    timeout = httpx2.Timeout(0.5)
    # Each attempt waits at most its time for a token; a retry comes after at most 0.5 s of backoff.
    bound = (max_retries + 1) * attempt_seconds(timeout) + max_retries * 0.5 + MARGIN
    ended: list[float] = []

    async def call(engage: PexipEngage) -> errors.PexipEngageError | None:
        try:
            await engage.appointments.get_appointment_by_id("1")
        except errors.PexipEngageError as exc:
            return exc
        finally:
            ended.append(time.monotonic() - started)
        return None

    with fault_server(OK) as api, fault_server(Fault(delay=60, body=GRANT.body)) as auth:
        async with client(api.url, auth.url, sender, timeout=timeout, max_retries=max_retries) as engage:
            started = time.monotonic()
            async with asyncio.timeout(bound + MARGIN):  # the calls used to queue, each then waiting its timeout
                outcomes = await asyncio.gather(*(call(engage) for _ in range(calls)))
    assert {type(outcome) for outcome in outcomes} == {errors.APITimeoutError}
    assert {outcome.url for outcome in outcomes if isinstance(outcome, errors.APITimeoutError)} == {
        auth.url + TOKEN_PATH
    }
    assert max(ended) < bound
    assert len(auth.requests) == max_retries + 1  # one token request per attempt, however many calls wait
    assert api.requests == []


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_refusal_of_the_shared_token_request_reaches_every_waiting_call(sender: str) -> None:
    refusal = Fault(status=401, delay=0.2, body=b'{"error": "invalid_client", "error_description": "bad secret"}')
    with fault_server(OK) as api, fault_server(refusal) as auth:
        async with client(api.url, auth.url, sender) as engage:
            outcomes = await asyncio.gather(
                *(engage.appointments.get_appointment_by_id("1", correlation_id=f"call-{n}") for n in range(20)),
                return_exceptions=True,
            )
    assert all(isinstance(outcome, errors.AuthenticationError) for outcome in outcomes), outcomes
    # Each call's error carries its own correlation id, though one request was refused for them all.
    assert [outcome.correlation_id for outcome in outcomes] == [f"call-{n}" for n in range(20)]  # type: ignore[union-attr]
    assert len(auth.requests) == 1
    assert api.requests == []


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_call_that_stops_waiting_leaves_the_token_request_to_the_others(sender: str) -> None:
    with fault_server(OK) as api, fault_server(Fault(delay=0.5, body=GRANT.body)) as auth:
        async with client(api.url, auth.url, sender) as engage:
            first = asyncio.create_task(engage.appointments.get_appointment_by_id("1"))
            await wait_for_requests(auth, 1)  # the first call's token request is in flight
            second = asyncio.create_task(engage.appointments.get_appointment_by_id("2"))
            await asyncio.sleep(0.05)
            first.cancel()
            assert (await second).id == "123"
            with pytest.raises(asyncio.CancelledError):
                await first
    assert len(auth.requests) == 1
    assert len(api.requests) == 1
    assert api.headers[0]["authorization"] == "Bearer issued-token"


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoint_down_for_a_moment_is_retried_even_for_a_write(
    sender: str, status: int, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    with (
        fault_server(OK) as api,
        fault_server(Fault(status=status, body=b"<html>busy</html>"), GRANT) as auth,
        caplog.at_level(logging.INFO, logger="pexip_engage_client"),
    ):
        async with client(api.url, auth.url, sender) as engage:
            await engage.appointments.accept_appointment("1")
    assert len(auth.requests) == 2
    assert api.requests == [("POST", "/enterprises/acme/appointments/1/_actions/accept")]
    assert len(sleeps) == 1
    assert 0.375 <= sleeps[0] <= 0.5  # the first backoff
    assert f"token request to {auth.url}{TOKEN_PATH} failed (HTTP {status}); retry 1 of 2" in caplog.text


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoints_retry_after_is_honoured(sender: str, sleeps: list[float]) -> None:
    busy = Fault(status=503, headers={"Retry-After": "2"}, body=b"")
    with fault_server(OK) as api, fault_server(busy, GRANT) as auth:
        async with client(api.url, auth.url, sender) as engage:
            await engage.appointments.get_appointment_by_id("1")
    assert sleeps == [2.0]
    assert len(auth.requests) == 2
    assert len(api.requests) == 1


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoint_down_for_longer_raises_auth_server_error_not_authentication_error(
    sender: str, sleeps: list[float]
) -> None:
    body = (
        b'{"error": "temporarily_unavailable", "access_token": "leaked-token",'
        b' "echo": "grant_type=client_credentials&client_secret=' + SECRET.encode() + b'"}'
    )
    down = Fault(status=503, headers={"Retry-After": "1", "X-Upstream": "keycloak-3"}, body=body)
    with fault_server(OK) as api, fault_server(down) as auth:
        async with client(api.url, auth.url, sender, max_retries=2) as engage:
            with pytest.raises(errors.AuthServerError) as caught:
                await engage.appointments.accept_appointment("1", correlation_id="auth-down")
    error = caught.value
    assert not isinstance(error, errors.AuthenticationError)
    assert isinstance(error, errors.APIConnectionError)
    assert error.sent is False  # the API call waited for its token: it was never sent
    assert (error.status_code, error.method, error.url) == (503, "POST", auth.url + TOKEN_PATH)
    assert error.headers["X-Upstream"] == "keycloak-3"
    assert error.correlation_id == "auth-down"
    assert b"temporarily_unavailable" in error.body
    assert str(error).startswith(f"POST {auth.url}{TOKEN_PATH}: the token request failed: the auth server answered")
    assert secret_leaks(error, [SECRET, "leaked-token"]) == []
    assert sleeps == [1.0, 1.0]
    assert len(auth.requests) == 3
    assert api.requests == []


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoints_retry_after_beyond_the_cap_is_not_waited_for(sender: str, sleeps: list[float]) -> None:
    with fault_server(OK) as api, fault_server(Fault(status=429, headers={"Retry-After": "3600"})) as auth:
        async with client(api.url, auth.url, sender) as engage:
            with pytest.raises(errors.AuthServerError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert caught.value.status_code == 429
    assert caught.value.headers["Retry-After"] == "3600"
    assert sleeps == []
    assert len(auth.requests) == 1


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (Fault(body=b"<html>login</html>", headers={"Content-Type": "text/html"}), "answer is not a JSON object"),
        (Fault(body=b'["not", "an", "object"]'), "answer is not a JSON object"),
        (Fault(body=b'{"token_type": "Bearer"}'), "holds no access token: /access_token was absent"),
        (Fault(status=400, body=b'{"error": "invalid_client"}'), "the token endpoint refused the request"),
        (Fault(body=b'{"access_token": "two\\r\\nlines"}'), "access_token cannot be sent in a header"),
        (Fault(status=401, body=b'{"error": "invalid_client", "error_description": "bad secret"}'), "bad secret"),
    ],
)
@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_an_unusable_token_answer_is_an_authentication_error_naming_the_token_url(
    sender: str, answer: Fault, message: str
) -> None:
    with fault_server(Fault(body=APPOINTMENT)) as api, fault_server(answer) as auth:
        async with client(api.url, auth.url, sender) as engage:
            with pytest.raises(errors.AuthenticationError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert (caught.value.method, caught.value.url) == ("POST", auth.url + TOKEN_PATH)
    assert caught.value.status_code == answer.status
    assert message in str(caught.value)
    assert api.requests == []


def test_pexip_engage_auth_url_is_the_environment_twin_of_auth_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_AUTH_URL", "https://login.example.com/auth")
    engage = PexipEngage("acme", client_id="my-app", client_secret=SECRET)
    assert engage.auth.token_url == "https://login.example.com/auth" + TOKEN_PATH  # type: ignore[union-attr]
    engage = PexipEngage("acme", client_id="my-app", client_secret=SECRET, auth_url="https://other.example.com")
    assert engage.auth.token_url == "https://other.example.com" + TOKEN_PATH  # type: ignore[union-attr]
    monkeypatch.setenv("PEXIP_ENGAGE_AUTH_URL", "http://login.example.com")
    with pytest.raises(ValueError, match="auth_url must use https"):
        PexipEngage("acme", client_id="my-app", client_secret=SECRET)


@pytest.mark.parametrize(
    ("settings", "allowed"),
    [
        ({"PEXIP_ENGAGE_BASE_URL": "https://api.elsewhere.example.com"}, False),
        ({"base_url": "https://api.elsewhere.example.com"}, False),
        ({"base_url": "http://127.0.0.1:4010"}, False),
        (
            {
                "PEXIP_ENGAGE_BASE_URL": "https://api.elsewhere.example.com",
                "PEXIP_ENGAGE_AUTH_URL": "https://a.example",
            },
            True,
        ),
        ({"base_url": "https://api.elsewhere.example.com", "auth_url": "https://a.example"}, True),
        ({"base_url": "https://api.pexipengage.com"}, True),  # the environment's own root
        ({"PEXIP_ENGAGE_ENVIRONMENT": "staging", "base_url": "https://api.staging.pexipengage.com/"}, True),
        ({"PEXIP_ENGAGE_ENVIRONMENT": "staging", "base_url": "https://api.pexipengage.com"}, False),
    ],
)
def test_client_credentials_for_an_api_elsewhere_need_an_explicit_auth_url(
    monkeypatch: pytest.MonkeyPatch, settings: dict[str, str], allowed: bool
) -> None:
    arguments = {name: value for name, value in settings.items() if not name.startswith("PEXIP_")}
    for name, value in settings.items():
        if name.startswith("PEXIP_"):
            monkeypatch.setenv(name, value)
    if allowed:
        PexipEngage("acme", client_id="my-app", client_secret=SECRET, **arguments)  # type: ignore[arg-type]
    else:
        with pytest.raises(ValueError, match=r"give auth_url too \(or set PEXIP_ENGAGE_AUTH_URL\)"):
            PexipEngage("acme", client_id="my-app", client_secret=SECRET, **arguments)  # type: ignore[arg-type]
    # A static token goes to the API anyway: no auth server is involved.
    PexipEngage("acme", token="t", **{k: v for k, v in arguments.items() if k != "auth_url"})  # type: ignore[arg-type]


LEAK_CASES = [
    # name, token endpoint's script, API's script, the error, the secrets besides the client secret
    (
        "refusal echoing the secret, with a token",
        [
            Fault(
                status=401,
                body=b'{"error": "invalid_client", "error_description": "bad secret '
                + SECRET.encode()
                + b'", "access_token": "refused-token"}',
            )
        ],
        [OK],
        errors.AuthenticationError,
        ["refused-token"],
    ),
    (
        "a token that cannot be sent in a header",
        [Fault(body=b'{"access_token": "two\\r\\nlines"}')],
        [OK],
        errors.AuthenticationError,
        ["two\r\nlines"],
    ),
    (
        "connection reset after the token was attached",
        [GRANT],
        [Fault(reset=True)],
        errors.APIConnectionError,
        ["issued-token"],
    ),
    (
        "401, renewal, then reset",
        [GRANT, Fault(body=b'{"access_token": "renewed-token"}')],
        [Fault(status=401), Fault(reset=True)],
        errors.APIConnectionError,
        ["issued-token", "renewed-token"],
    ),
    ("token request reset", [Fault(reset=True)], [OK], errors.APIConnectionError, []),
]


@pytest.mark.parametrize("sender", sorted(SENDERS))
@pytest.mark.parametrize(
    ("auth_script", "api_script", "expected", "tokens"),
    [case[1:] for case in LEAK_CASES],
    ids=[c[0] for c in LEAK_CASES],
)
async def test_no_secret_is_left_in_a_failed_calls_frames_or_exceptions(
    sender: str, auth_script: list[Fault], api_script: list[Fault], expected: type[Exception], tokens: list[str]
) -> None:
    with fault_server(*api_script) as api, fault_server(*auth_script) as auth:
        async with client(api.url, auth.url, sender, max_retries=0) as engage:
            with pytest.raises(expected) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert secret_leaks(caught.value, [SECRET, *tokens]) == []
