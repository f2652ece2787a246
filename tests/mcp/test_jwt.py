"""JWTs from an identity provider: signature by its published keys, issuer, audience, expiry; scopes from `scope`."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from pexip_engage_cli._mcp._auth import jwt_verifier

ISSUER, AUDIENCE = "https://id.example.test/realms/agents", "pexip-engage-mcp"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/certs"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
    verified = await jwt_verifier(ISSUER, AUDIENCE, jwks_url).verify_token(_token())
    assert verified is not None
    assert (verified.client_id, verified.scopes, verified.subject) == ("assistant", ["read", "book"], "user-1")


@pytest.mark.parametrize(
    "token",
    [
        _token(aud="another-service"), _token(iss="https://elsewhere.test"), _token(exp=int(time.time()) - 10),
        _token(OTHER_KEY), "not-a-jwt",
    ],
    ids=["audience", "issuer", "expired", "signature", "garbage"],
)  # fmt: skip
async def test_a_token_for_anything_else_is_refused(jwks_url: str, token: str) -> None:
    assert await jwt_verifier(ISSUER, AUDIENCE, jwks_url).verify_token(token) is None
