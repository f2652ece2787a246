"""OAuth 2.0 client credentials against a token endpoint on loopback (the fake, served by uvicorn)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import answer, client_for
from ..support.leaks import secret_leaks
from ..support.loopback import serve, transport_app
from ..support.spec import documented_example

SECRET = "s3cret-client-secret"
A_DAY = 24 * 3600.0  # the longest lifetime the client believes
NOT_GIVEN = 60.0  # the lifetime of a token whose answer states none that makes sense


@pytest.fixture
def fake() -> FakePexipEngage:
    fake = FakePexipEngage(enterprise="acme")
    fake.add_client("my-app", SECRET, scopes=["engage:appointments:readOnly", "engage:appointments:readWrite"])
    return fake


@pytest.fixture
def root(fake: FakePexipEngage) -> Iterator[str]:
    with serve(transport_app(fake)) as url:
        yield url


def client(root: str, **kwargs: object) -> PexipEngage:
    kwargs.setdefault("client_id", "my-app")
    kwargs.setdefault("client_secret", SECRET)
    return PexipEngage("acme", base_url=root, auth_url=root, **kwargs)  # type: ignore[arg-type]


async def test_the_grant_is_sent_as_documented_and_its_token_used(root: str, fake: FakePexipEngage) -> None:
    appointment_id = fake.add_appointment()["id"]
    async with client(root, scopes=["engage:appointments:readOnly"]) as engage:
        await engage.appointments.get_appointment_by_id(appointment_id)

    [token_request] = fake.token_requests
    assert token_request.method == "POST"
    assert token_request.url.path == "/realms/acme/protocol/openid-connect/token"
    assert token_request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(token_request.content.decode()) == {
        "grant_type": ["client_credentials"],
        "client_id": ["my-app"],
        "client_secret": [SECRET],
        "scope": ["engage:appointments:readOnly"],
    }
    assert fake.requests[0].headers["Authorization"].startswith("Bearer fake-access-")


def test_token_url_per_environment() -> None:
    def token_url(**kwargs: object) -> str:
        return PexipEngage("acme", client_id="a", client_secret="b", **kwargs).auth.token_url  # type: ignore[arg-type, union-attr]

    suffix = "/realms/acme/protocol/openid-connect/token"
    assert token_url() == "https://auth.pexipengage.com" + suffix
    assert token_url(environment="development") == "https://auth.development.pexipengage.com" + suffix
    assert token_url(environment="staging") == "https://auth.staging.pexipengage.com" + suffix
    assert token_url(auth_url="http://127.0.0.1:8080/auth") == "http://127.0.0.1:8080/auth" + suffix
    with pytest.raises(ValueError, match="auth_url must use https"):
        token_url(auth_url="http://auth.example.com")


async def test_the_token_is_cached(root: str, fake: FakePexipEngage) -> None:
    appointment_id = fake.add_appointment()["id"]
    async with client(root) as engage:
        for _ in range(3):
            await engage.appointments.get_appointment_by_id(appointment_id)
    assert len(fake.token_requests) == 1
    assert len({r.headers["Authorization"] for r in fake.requests}) == 1


async def test_the_token_is_renewed_shortly_before_it_expires(root: str, fake: FakePexipEngage) -> None:
    fake.add_client("short-lived", SECRET, expires_in=2)  # renewed after 1 s: half its life at most
    appointment_id = fake.add_appointment()["id"]
    async with client(root, client_id="short-lived") as engage:
        await engage.appointments.get_appointment_by_id(appointment_id)
        await engage.appointments.get_appointment_by_id(appointment_id)
        await asyncio.sleep(1.1)
        await engage.appointments.get_appointment_by_id(appointment_id)
    assert len(fake.token_requests) == 2
    first, second, third = (r.headers["Authorization"] for r in fake.requests)
    assert first == second != third


async def test_fifty_concurrent_calls_on_a_fresh_client_make_one_token_request(
    root: str, fake: FakePexipEngage
) -> None:
    appointment_id = fake.add_appointment()["id"]
    async with client(root) as engage:
        results = await asyncio.gather(*(engage.appointments.get_appointment_by_id(appointment_id) for _ in range(50)))
    assert len(results) == 50
    assert len(fake.token_requests) == 1
    assert len(fake.requests) == 50


async def test_a_401_renews_the_token_once_and_replays_the_call_once(root: str, fake: FakePexipEngage) -> None:
    appointment_id = fake.add_appointment(status="INCOMING_REQUEST")["id"]
    async with client(root) as engage:
        await engage.appointments.get_appointment_by_id(appointment_id)
        fake.revoke_tokens()  # the server no longer accepts the cached token
        accepted = await engage.appointments.accept_appointment(appointment_id)
    assert accepted.status == "ACCEPTED"
    assert len(fake.token_requests) == 2
    assert [r.method for r in fake.requests] == ["GET", "POST", "POST"]
    assert fake.requests[1].headers["Authorization"] != fake.requests[2].headers["Authorization"]


async def test_a_401_that_persists_after_renewal_raises_authentication_error() -> None:
    seen: list[str] = []

    def respond(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/token"):
            return httpx2.Response(200, json={"access_token": f"t{len(seen)}", "expires_in": 300})
        return httpx2.Response(
            401, json={"errors": [{"message": "no", "code": "UNAUTHORIZED", "type": "AUTH", "statusCode": "401"}]}
        )

    transport = httpx2.MockTransport(respond)
    async with PexipEngage("acme", client_id="my-app", client_secret=SECRET, transport=transport) as engage:
        with pytest.raises(errors.AuthenticationError):
            await engage.appointments.get_appointment_by_id("1")
    token_path = "/realms/acme/protocol/openid-connect/token"
    assert seen == [token_path, "/enterprises/acme/appointments/1", token_path, "/enterprises/acme/appointments/1"]


@pytest.mark.parametrize(
    ("kwargs", "oauth_error"),
    [
        ({"client_secret": "wrong-secret"}, "invalid_client"),
        ({"client_id": "nobody"}, "invalid_client"),
        ({"scopes": ["engage:webhooks:readWrite"]}, "invalid_scope"),
    ],
)
async def test_a_refused_token_request_raises_authentication_error_naming_the_oauth_error(
    root: str, fake: FakePexipEngage, kwargs: dict[str, object], oauth_error: str
) -> None:
    async with client(root, **kwargs) as engage:
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.appointments.get_appointment_by_id("1", correlation_id="auth-fail")
    error = caught.value
    assert error.errors[0].code == oauth_error
    assert oauth_error in str(error)
    assert error.url.endswith("/realms/acme/protocol/openid-connect/token")
    assert error.correlation_id == "auth-fail"
    assert fake.requests == []  # the API call was never sent
    for text in (str(error), repr(error), repr(error.errors), error.body.decode()):
        assert SECRET not in text
        assert "wrong-secret" not in text


async def test_a_token_response_without_a_token_is_refused_without_echoing_it() -> None:
    def respond(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"token": "leaky-value", "expires_in": 300})

    async with PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, transport=httpx2.MockTransport(respond)
    ) as engage:
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert "leaky-value" not in f"{caught.value} {caught.value.body!r} {caught.value.errors!r}"


async def test_secrets_and_tokens_never_reach_repr_or_logs(
    root: str, fake: FakePexipEngage, caplog: pytest.LogCaptureFixture
) -> None:
    appointment_id = fake.add_appointment()["id"]
    with caplog.at_level(logging.DEBUG):
        async with client(root) as engage:
            await engage.appointments.get_appointment_by_id(appointment_id)
            fake.revoke_tokens()
            response = await engage.appointments.with_raw_response.get_appointment_by_id(appointment_id)
            sent = response.http_response.request
            rendered = f"{engage!r} {engage.auth!r} {vars(engage.auth)!r} {response!r} {sent!r} {sent.headers!r}"
            # What the pipeline hands its sender, and the token request built from it.
            rendered += f" {response._received.request!r}"  # type: ignore[attr-defined]
            rendered += f" {engage.auth._token_request(response._received.request)!r}"  # type: ignore[union-attr, attr-defined]
    issued = [r.headers["Authorization"].removeprefix("Bearer ") for r in fake.requests]
    for secret in [SECRET, *issued]:
        assert secret not in caplog.text
        assert secret not in rendered
    assert "my-app" in rendered


EXPIRES_IN = [
    # id, the answer's expires_in as JSON text, the lifetime the client gives the token
    ("401-digit integer", "1" + "0" * 400, A_DAY),
    ("NaN", "NaN", NOT_GIVEN),
    ("Infinity", "Infinity", NOT_GIVEN),
    ("-Infinity", "-Infinity", NOT_GIVEN),
    ("1e400, read as infinity", "1e400", NOT_GIVEN),
    ("huge float", "1e308", A_DAY),
    ("negative", "-300", NOT_GIVEN),
    ("zero", "0", NOT_GIVEN),
    ("boolean", "true", NOT_GIVEN),
    ("null", "null", NOT_GIVEN),
    ("word", '"soon"', NOT_GIVEN),
    ("digits as a string", '"3600"', 3600.0),
    ("5000 digits as a string", '"' + "9" * 5000 + '"', A_DAY),
    ("integer", "300", 300.0),
    ("float", "300.5", 300.5),
]


@pytest.mark.parametrize(("expires_in", "lifetime"), [case[1:] for case in EXPIRES_IN], ids=[c[0] for c in EXPIRES_IN])
async def test_any_expires_in_gives_the_token_a_sane_lifetime(expires_in: str, lifetime: float) -> None:
    token_requests = 0

    def respond(request: httpx2.Request) -> httpx2.Response:
        nonlocal token_requests
        if request.url.path.endswith("/token"):
            token_requests += 1
            return httpx2.Response(200, content=f'{{"access_token": "t", "expires_in": {expires_in}}}'.encode())
        return httpx2.Response(200, json=documented_example("Appointment"))

    transport = httpx2.MockTransport(respond)
    async with PexipEngage("acme", client_id="my-app", client_secret=SECRET, transport=transport) as engage:
        for _ in range(3):
            await engage.appointments.get_appointment_by_id("1")
        used_for = engage.auth._token.expires_at - time.monotonic()  # type: ignore[union-attr]
    assert token_requests == 1  # cached (a NaN used to ask for a token on every call)
    renewed_after = lifetime - min(30.0, lifetime / 2)  # renewed 30 s before it expires, or half-way
    assert renewed_after - 10 < used_for <= renewed_after


async def test_a_provided_token_that_cannot_be_sent_is_refused_without_showing_it() -> None:
    provided = "provided-s3cret\r\nX-Injected: 1"

    async def provide() -> str:
        return provided

    engage, recorder = client_for(answer(200, documented_example("Appointment")), token=provide)
    async with engage:
        with pytest.raises(
            ValueError, match="token provider returned a token that cannot be sent in a header"
        ) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert recorder.requests == []
    assert secret_leaks(caught.value, [provided]) == []


def test_configuration_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "envco")
    monkeypatch.setenv("PEXIP_ENGAGE_ENVIRONMENT", "development")
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_ID", "env-app")
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET", SECRET)
    engage = PexipEngage()
    assert str(engage.base_url) == "https://api.development.pexipengage.com/enterprises/envco/"
    assert engage.auth.token_url == (  # type: ignore[union-attr]
        "https://auth.development.pexipengage.com/realms/envco/protocol/openid-connect/token"
    )
    monkeypatch.setenv("PEXIP_ENGAGE_BASE_URL", "http://127.0.0.1:9")
    # Client credentials are never sent to the environment's auth server for an API elsewhere.
    with pytest.raises(ValueError, match="give auth_url too \\(or set PEXIP_ENGAGE_AUTH_URL\\)"):
        PexipEngage()
    monkeypatch.setenv("PEXIP_ENGAGE_AUTH_URL", "http://127.0.0.1:8")
    engage = PexipEngage()
    assert str(engage.base_url) == "http://127.0.0.1:9/enterprises/envco/"
    assert engage.auth.token_url == "http://127.0.0.1:8/realms/envco/protocol/openid-connect/token"  # type: ignore[union-attr]
    # Arguments win over the environment.
    assert PexipEngage("other", token="t").enterprise == "other"


def test_the_environment_can_hold_a_static_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_ENTERPRISE", "envco")
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "env-token")
    assert repr(PexipEngage().auth) == "BearerAuth(token=<redacted>)"


async def test_the_client_secret_may_be_a_mounted_file_named_by_the_environment(
    root: str, fake: FakePexipEngage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As Docker and Kubernetes mount a secret: a file, its trailing newline the file's and not the secret's.
    secret_file = tmp_path / "client_secret"
    secret_file.write_text(SECRET + "\n")
    monkeypatch.delenv("PEXIP_ENGAGE_CLIENT_SECRET", raising=False)
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_ID", "my-app")
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET_FILE", str(secret_file))
    async with PexipEngage("acme", base_url=root, auth_url=root) as engage:
        await engage.appointments.get_appointment_by_id(fake.add_appointment()["id"])
    [token_request] = fake.token_requests
    assert parse_qs(token_request.content.decode())["client_secret"] == [SECRET]

    # Both set, a file that cannot be read, or one that holds nothing: the variable and the path, not the content.
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET", SECRET)
    with pytest.raises(ValueError, match="PEXIP_ENGAGE_CLIENT_SECRET and PEXIP_ENGAGE_CLIENT_SECRET_FILE are both"):
        PexipEngage("acme", base_url=root, auth_url=root)
    monkeypatch.delenv("PEXIP_ENGAGE_CLIENT_SECRET")
    for path, reason in ((tmp_path / "absent", "No such file"), (tmp_path, "Is a directory")):
        monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET_FILE", str(path))
        with pytest.raises(ValueError, match=f"cannot read PEXIP_ENGAGE_CLIENT_SECRET_FILE \\({path}\\): {reason}"):
            PexipEngage("acme", base_url=root, auth_url=root)
    secret_file.write_bytes(b"\xff" + SECRET.encode())
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET_FILE", str(secret_file))
    with pytest.raises(ValueError, match="not UTF-8 text") as caught:
        PexipEngage("acme", base_url=root, auth_url=root)
    assert secret_leaks(caught.value, [SECRET]) == []
    secret_file.write_text("\n")
    with pytest.raises(ValueError, match=f"PEXIP_ENGAGE_CLIENT_SECRET_FILE \\({secret_file}\\) holds no secret"):
        PexipEngage("acme", base_url=root, auth_url=root)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "credentials are required"),
        ({"client_id": "a"}, "need both client_id and client_secret"),
        ({"client_secret": "b"}, "need both client_id and client_secret"),
        ({"token": "t", "client_id": "a", "client_secret": "b"}, "either token or client_id"),
    ],
)
def test_missing_or_conflicting_credentials_are_refused(
    monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, str], message: str
) -> None:
    for name in (
        "PEXIP_ENGAGE_TOKEN",
        "PEXIP_ENGAGE_CLIENT_ID",
        "PEXIP_ENGAGE_CLIENT_SECRET",
        "PEXIP_ENGAGE_CLIENT_SECRET_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValueError, match=message):
        PexipEngage("acme", **kwargs)  # type: ignore[arg-type]


def test_a_missing_enterprise_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_ENTERPRISE", raising=False)
    with pytest.raises(ValueError, match="PEXIP_ENGAGE_ENTERPRISE"):
        PexipEngage(token="t")


# The token answer's fields a tenant's token endpoint may send otherwise (docs/spec-drift.md, "the token answer").
ACCESS_TOKENS = [
    ("absent", {}, "/access_token was absent"),
    ("null", {"access_token": None}, "/access_token was null"),
    ("a number", {"access_token": 12345}, "/access_token held a value of another type"),
    ("an object", {"access_token": {"value": "leaky-value"}}, "/access_token held a value of another type"),
    ("empty", {"access_token": ""}, "/access_token was empty"),
]


@pytest.mark.parametrize(("body", "named"), [case[1:] for case in ACCESS_TOKENS], ids=[c[0] for c in ACCESS_TOKENS])
async def test_an_answer_without_a_usable_access_token_names_the_field_never_a_secret(
    body: dict[str, object], named: str
) -> None:
    def respond(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={**body, "token_type": "Bearer", "expires_in": 300})

    async with PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, transport=httpx2.MockTransport(respond)
    ) as engage:
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    shown = f"{caught.value} {caught.value.body!r} {caught.value.errors!r}"
    assert named in str(caught.value)
    assert "leaky-value" not in shown
    assert SECRET not in shown


@pytest.mark.parametrize(
    ("token_type", "used"),
    [
        ('"Bearer"', True),
        ('"bearer"', True),
        (None, True),
        ("null", True),
        ("7", True),
        ('"mac"', False),
        ('"DPoP"', False),
    ],
)
async def test_a_token_of_another_type_than_bearer_is_refused_and_an_unreadable_type_is_taken_as_bearer(
    token_type: str | None, used: bool
) -> None:
    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("/token"):
            kind = "" if token_type is None else f', "token_type": {token_type}'
            return httpx2.Response(200, content=f'{{"access_token": "the-token", "expires_in": 300{kind}}}'.encode())
        assert request.headers["Authorization"] == "Bearer the-token"
        return httpx2.Response(200, json=documented_example("Appointment"))

    async with PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, transport=httpx2.MockTransport(respond)
    ) as engage:
        if used:
            await engage.appointments.get_appointment_by_id("1")
            return
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.appointments.get_appointment_by_id("1")
    assert "/token_type" in str(caught.value)
    assert "bearer tokens only" in str(caught.value)
    assert "the-token" not in f"{caught.value} {caught.value.body!r} {caught.value.errors!r}"


async def test_an_absent_expires_in_gives_the_token_the_short_fallback_lifetime() -> None:
    def respond(request: httpx2.Request) -> httpx2.Response:
        if request.url.path.endswith("/token"):
            return httpx2.Response(200, json={"access_token": "t", "token_type": "Bearer"})
        return httpx2.Response(200, json=documented_example("Appointment"))

    async with PexipEngage(
        "acme", client_id="my-app", client_secret=SECRET, transport=httpx2.MockTransport(respond)
    ) as engage:
        await engage.appointments.get_appointment_by_id("1")
        used_for = engage.auth._token.expires_at - time.monotonic()  # type: ignore[union-attr]
    assert NOT_GIVEN - 30 - 10 < used_for <= NOT_GIVEN - 30
