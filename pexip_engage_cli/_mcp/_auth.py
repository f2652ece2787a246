"""Who may call the HTTP server: the SDK's token verification, with a static token or JWTs.

The caller's token opens this server only; Engage is called with the server's own credentials.
A token's scopes choose its tool sets: `read`, `book` (the booking tools) and `admin` (any write).
"""

from __future__ import annotations

import hmac
from typing import Any

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings


def caller() -> str:
    """Who is calling, as confirmations are bound to it: a JWT's subject, the static token's holder, or local.

    Every holder of the one static token is one caller; JWTs tell people (or agents) apart.
    """
    token = get_access_token()
    if token is None:
        return "local"  # stdio, or in memory: the operator's own process
    return f"subject:{token.subject}" if token.subject else f"client:{token.client_id}"


class StaticTokenVerifier:
    """One shared token, for loopback and labs: compared in constant time."""

    def __init__(self, token: str, scopes: list[str]) -> None:
        self._token = token
        self._scopes = scopes

    def __repr__(self) -> str:
        return f"StaticTokenVerifier(scopes={self._scopes})"

    async def verify_token(self, token: str) -> AccessToken | None:
        if not hmac.compare_digest(token.encode(), self._token.encode()):
            return None
        return AccessToken(token=token, client_id="static-token", scopes=list(self._scopes))


class JWTVerifier:
    """JWTs signed by the issuer's published keys, for this audience; scopes from the `scope` claim."""

    def __init__(self, issuer: str, audience: str, jwks_url: str) -> None:
        import jwt  # noqa: PLC0415 - pyjwt[crypto] comes with the mcp extra

        self._issuer, self._audience = issuer, audience
        self._keys = jwt.PyJWKClient(jwks_url)

    async def verify_token(self, token: str) -> AccessToken | None:
        import anyio.to_thread  # noqa: PLC0415
        import jwt  # noqa: PLC0415

        try:
            key = await anyio.to_thread.run_sync(self._keys.get_signing_key_from_jwt, token)
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=["RS256", "ES256", "PS256", "EdDSA"], audience=self._audience,
                issuer=self._issuer, options={"require": ["exp", "iss", "aud"]},
            )  # fmt: skip
        except jwt.PyJWTError:
            return None
        return AccessToken(
            token=token, client_id=str(claims.get("client_id") or claims.get("azp") or claims.get("sub")),
            scopes=str(claims.get("scope", "")).split(), expires_at=int(claims["exp"]), subject=claims.get("sub"),
        )  # fmt: skip


def static_verifier(token: str, scopes: list[str]) -> StaticTokenVerifier:
    return StaticTokenVerifier(token, scopes)


def jwt_verifier(issuer: str, audience: str, jwks_url: str) -> JWTVerifier:
    return JWTVerifier(issuer, audience, jwks_url)


def settings_for(issuer_url: str, resource_url: str) -> AuthSettings:
    """What the 401's resource metadata names: the authorization server and this resource."""
    return AuthSettings.model_validate(
        {"issuer_url": issuer_url, "resource_server_url": resource_url, "required_scopes": ["read"],
         "validate_token_resource": False}
    )  # fmt: skip
