"""Token endpoint failures name the token URL, and client credentials go only where they are meant to.

The API and the token endpoint are two loopback servers, so that each error can be checked for the
URL it names; every case runs through both senders.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, errors

from .faultserver import Fault, closed_port, fault_server
from .test_faults import APPOINTMENT, SENDERS

SECRET = "s3cret-client-secret"
TOKEN_PATH = "/realms/acme/protocol/openid-connect/token"
GRANT = Fault(body=b'{"access_token": "issued-token", "expires_in": 300}')

pytestmark = pytest.mark.usefixtures("sleeps")


def client(api_root: str, auth_root: str, sender: str, **kwargs: Any) -> PexipEngage:
    return PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, base_url=api_root, auth_url=auth_root,
        **SENDERS[sender](), **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_an_unreachable_token_endpoint_is_named_and_retried_for_any_method(
    sender: str, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    auth_root = f"http://127.0.0.1:{closed_port()}"
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
    assert len(sleeps) == 2  # a token request changes nothing: retried even for a POST
    assert f"token request to {auth_root}{TOKEN_PATH} failed (ConnectError); retry 1 of 2" in caplog.text
    assert SECRET not in caplog.text + str(error)


@pytest.mark.parametrize("sender", sorted(SENDERS))
async def test_a_token_endpoint_that_does_not_answer_in_time_is_named(sender: str) -> None:
    with fault_server(Fault(body=APPOINTMENT)) as api, fault_server(Fault(delay=2, body=GRANT.body)) as auth:
        async with client(api.url, auth.url, sender, timeout=0.3, max_retries=1) as engage:
            with pytest.raises(errors.APITimeoutError) as caught:
                await engage.appointments.get_appointment_by_id("1")
    assert caught.value.url == auth.url + TOKEN_PATH
    assert "the token request failed: no answer in time" in str(caught.value)
    assert len(auth.requests) == 2
    assert api.requests == []


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (Fault(body=b"<html>login</html>", headers={"Content-Type": "text/html"}), "answer is not a JSON object"),
        (Fault(body=b'["not", "an", "object"]'), "answer is not a JSON object"),
        (Fault(body=b'{"token_type": "Bearer"}'), "answer holds no access_token"),
        (Fault(status=503, body=b"down"), "the token endpoint refused the request"),
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
        ({"PEXIP_ENGAGE_BASE_URL": "https://api.elsewhere.example.com", "PEXIP_ENGAGE_AUTH_URL": "https://a.example"},
         True),
        ({"base_url": "https://api.elsewhere.example.com", "auth_url": "https://a.example"}, True),
        ({"base_url": "https://api.pexipengage.com"}, True),  # the environment's own root
        ({"PEXIP_ENGAGE_ENVIRONMENT": "staging", "base_url": "https://api.staging.pexipengage.com/"}, True),
        ({"PEXIP_ENGAGE_ENVIRONMENT": "staging", "base_url": "https://api.pexipengage.com"}, False),
    ],
)  # fmt: skip
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
