"""JWTs from an identity provider: signature by its published keys, issuer, audience, expiry; scopes from `scope`."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from pexip_engage_cli._mcp._auth import JWTVerifier

from .support import published_keys

ISSUER, AUDIENCE = "https://id.example.test/realms/agents", "pexip-engage-mcp"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    with published_keys(KEY.public_key()) as url:
        yield url


def _token(key: Any = KEY, **claims: Any) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "exp": now + 300,
        "sub": "user-1",
        "azp": "assistant",
        "scope": "read book",
    }
    return jwt.encode({**payload, **claims}, key, algorithm="RS256", headers={"kid": "k1"})


async def test_a_valid_token_gives_its_client_and_scopes(jwks_url: str) -> None:
    verified = await JWTVerifier(ISSUER, AUDIENCE, jwks_url).verify_token(_token())
    assert verified is not None
    assert (verified.client_id, verified.scopes, verified.subject) == ("assistant", ["read", "book"], "user-1")


@pytest.mark.parametrize(
    "token",
    [
        _token(aud="another-service"),
        _token(iss="https://elsewhere.test"),
        _token(exp=int(time.time()) - 10),
        _token(OTHER_KEY),
        "not-a-jwt",
    ],
    ids=["audience", "issuer", "expired", "signature", "garbage"],
)
async def test_a_token_for_anything_else_is_refused(jwks_url: str, token: str) -> None:
    assert await JWTVerifier(ISSUER, AUDIENCE, jwks_url).verify_token(token) is None
