"""Enterprises kept apart at the door: a client's credentials get tokens at their own enterprise's
realm only (401 `invalid_client` elsewhere, as Keycloak answers), a token passes at its own
enterprise's paths only, an enterprise the fake does not serve is refused, and the client's error
names the enterprise it used and says it may be the mistake."""

from __future__ import annotations

import pickle
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx2
import pytest

from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

SECRET = "acme-client-secret-s3cr3t"
# What Keycloak answers at a realm's token endpoint to credentials it does not know there.
KEYCLOAK_INVALID_CLIENT = {
    "error": "invalid_client",
    "error_description": "Invalid client or Invalid client credentials",
}

Connect = Callable[..., AbstractAsyncContextManager[PexipEngage]]


@pytest.fixture(params=["in memory", "served"])
def connect(request: pytest.FixtureRequest, fake: FakePexipEngage) -> Connect:
    """`connect(enterprise, **credentials)`: a client of the fake, in memory or over HTTP (token URL on the fake)."""

    @asynccontextmanager
    async def connected(enterprise: str, **credentials: object) -> AsyncIterator[PexipEngage]:
        if request.param == "in memory":
            async with PexipEngage(enterprise, transport=fake, max_retries=0, **credentials) as engage:  # type: ignore[arg-type]
                yield engage
            return
        with fake.serve() as root:
            async with PexipEngage(
                enterprise,
                base_url=root,
                auth_url=root,
                max_retries=0,
                **credentials,  # type: ignore[arg-type]
            ) as engage:
                yield engage

    return connected


async def test_credentials_get_tokens_at_their_own_realm_only(fake: FakePexipEngage, connect: Connect) -> None:
    fake.add_employee(id="e1")
    fake.add_client("crm-sync", SECRET)  # the default enterprise's: acme
    async with connect("acme", client_id="crm-sync", client_secret=SECRET) as engage:
        assert [employee.id async for employee in engage.employees.get_employees()] == ["e1"]
    async with connect("acmee", client_id="crm-sync", client_secret=SECRET) as engage:  # a typo
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.employees.get_employees()
    error = caught.value
    assert (error.status_code, error.errors[0].code) == (401, "invalid_client")
    assert error.url.endswith("/realms/acmee/protocol/openid-connect/token")
    assert error.enterprise == "acmee"
    assert "refused for enterprise 'acmee': the enterprise may be wrong, as well as the client id and secret" in str(
        error
    )
    assert SECRET not in str(error) + repr(error)
    assert [call.operation_id for call in fake.calls] == ["getEmployees"]  # the typo's call was never sent
    assert pickle.loads(pickle.dumps(error)).enterprise == "acmee"  # noqa: S301 - our own error


def test_the_token_endpoint_answers_a_client_of_another_realm_as_keycloak_does(fake: FakePexipEngage) -> None:
    fake.add_client("crm-sync", SECRET, enterprise="acme")
    fake.add_client("crm-sync", "globex-secret", enterprise="globex")  # the same id in another realm
    form = {"grant_type": "client_credentials", "client_id": "crm-sync"}
    with fake.serve() as root, httpx2.Client(base_url=root) as http:

        def token(realm: str, secret: str) -> httpx2.Response:
            return http.post(f"/realms/{realm}/protocol/openid-connect/token", data={**form, "client_secret": secret})

        assert token("acme", SECRET).status_code == 200
        assert token("globex", "globex-secret").status_code == 200
        for realm, secret in (("globex", SECRET), ("acme", "globex-secret"), ("acmee", SECRET), ("acme", "wrong")):
            refused = token(realm, secret)
            assert (refused.status_code, refused.json()) == (401, KEYCLOAK_INVALID_CLIENT), (realm, secret)


async def test_a_token_passes_at_its_own_enterprises_paths_only(fake: FakePexipEngage, connect: Connect) -> None:
    fake.in_enterprise("globex").add_employee(id="g1")
    fake.add_token("acme-token")  # the default enterprise's
    async with connect("acme", token="acme-token") as engage:
        assert [employee.id async for employee in engage.employees.get_employees()] == []
    async with connect("globex", token="acme-token") as engage:  # served, but not this token's
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.employees.get_employees()
    assert caught.value.status_code == 401
    assert caught.value.errors[0].message == "The access token is not valid for enterprise 'globex'"
    assert "refused for enterprise 'globex': the enterprise may be wrong, as well as the token" in str(caught.value)


async def test_an_enterprise_the_fake_does_not_serve_is_refused_whatever_the_token(
    fake: FakePexipEngage, connect: Connect
) -> None:
    fake.add_employee(id="e1")  # no client or token registered: any bearer token passes, at acme
    async with connect("acmee", token="anything") as engage:
        with pytest.raises(errors.AuthenticationError) as caught:
            await engage.employees.get_employees()
    assert "refused for enterprise 'acmee'" in str(caught.value)
    assert "acmee" not in fake.enterprises  # nothing made for it
    fake.in_enterprise("acmee")  # served from now on: empty, with data of its own
    async with connect("acmee", token="anything") as engage:
        assert [employee async for employee in engage.employees.get_employees()] == []


async def test_a_fake_of_one_enterprise_serves_no_other() -> None:
    fake = FakePexipEngage(enterprise="bank")
    async with PexipEngage("acme", token="t", transport=fake) as engage:  # the default name, not this fake's
        with pytest.raises(errors.AuthenticationError, match="refused for enterprise 'acme'"):
            await engage.employees.get_employees()
    with pytest.raises(ValueError, match="serves only enterprise 'bank'"):
        fake.add_client("crm-sync", SECRET, enterprise="acme")
    fake.add_client("crm-sync", SECRET)
    assert fake.clients["bank", "crm-sync"].enterprise == "bank"
