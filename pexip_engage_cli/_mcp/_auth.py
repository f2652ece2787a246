"""Who may call the HTTP server: the SDK's token verification, with a static token or JWTs.

The caller's token opens this server only; Engage is called with the server's own credentials.
A token's scopes choose its tool sets: `read`, `book` (the booking tools) and `admin` (any write).
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken
from mcp.server.auth.settings import AuthSettings

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response


def caller() -> str:
    """Who is calling, as confirmations are bound to it (docs/mcp.md, "Security model"): a JWT's subject, the
    static token's one holder, or local."""
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
                token,
                key.key,
                algorithms=["RS256", "ES256", "PS256", "EdDSA"],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError:
            return None
        return AccessToken(
            token=token,
            client_id=str(claims.get("client_id") or claims.get("azp") or claims.get("sub")),
            scopes=str(claims.get("scope", "")).split(),
            expires_at=int(claims["exp"]),
            subject=claims.get("sub"),
        )


def settings_for(issuer_url: str, resource_url: str) -> AuthSettings:
    """What the 401's resource metadata names: the authorization server and this resource."""
    return AuthSettings.model_validate(
        {
            "issuer_url": issuer_url,
            "resource_server_url": resource_url,
            "required_scopes": ["read"],
            "validate_token_resource": False,
        }
    )


def resource_metadata(resource_url: str, scopes: list[str], issuer: str | None) -> dict[str, Any]:
    """This server's RFC 9728 protected resource metadata: what each field names, and why a static token's names no
    `authorization_servers` (optional, RFC 9728 section 2): docs/mcp.md, "Client configuration"."""
    metadata: dict[str, Any] = {
        "resource": resource_url,
        "scopes_supported": scopes,
        "bearer_methods_supported": ["header"],
        "resource_name": "Pexip Engage MCP server",
    }
    if issuer is not None:
        metadata["authorization_servers"] = [issuer]
    return metadata


def with_metadata(app: Starlette, metadata: dict[str, Any]) -> Starlette:
    """`app` with the SDK's metadata route answering `metadata` instead: the SDK writes `scopes_supported` from the
    `required_scopes` it also enforces, so listing every scope there would require them all."""
    from mcp.server.auth.routes import build_resource_metadata_url  # noqa: PLC0415
    from pydantic import AnyHttpUrl  # noqa: PLC0415
    from starlette.responses import JSONResponse, Response  # noqa: PLC0415
    from starlette.routing import Route  # noqa: PLC0415

    path = urlparse(str(build_resource_metadata_url(AnyHttpUrl(metadata["resource"])))).path

    async def answer(request: Request) -> Response:
        headers = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, OPTIONS"}
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=headers)
        return JSONResponse(metadata, headers={**headers, "Cache-Control": "public, max-age=3600"})

    routes = app.router.routes
    for index, route in enumerate(routes):
        if getattr(route, "path", None) == path:
            routes[index] = Route(path, endpoint=answer, methods=["GET", "OPTIONS"])
            return app
    raise LookupError(f"the SDK's app has no route {path}")
