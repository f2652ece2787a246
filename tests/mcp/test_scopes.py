"""Over HTTP, a caller's token scopes choose its tools: read, book (the booking tools), admin."""

from __future__ import annotations

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS

from pexip_engage_cli._mcp import ServerOptions, build_server
from pexip_engage_cli._mcp._auth import StaticTokenVerifier, settings_for
from pexip_engage_client import PexipEngage

from .support import KEY, seeded

READER, BOOKER = "r" * 40, "b" * 40


class _Tokens:
    """Two static tokens with different scopes."""

    def __init__(self) -> None:
        self.verifiers = {
            READER: StaticTokenVerifier(READER, ["read"]),
            BOOKER: StaticTokenVerifier(BOOKER, ["read", "book"]),
        }

    async def verify_token(self, token: str) -> object:
        verifier = self.verifiers.get(token)
        return None if verifier is None else await verifier.verify_token(token)


@pytest.mark.parametrize(("token", "can_book"), [(READER, False), (BOOKER, True)], ids=["read", "book"])
async def test_a_callers_scopes_choose_its_tools(token: str, can_book: bool) -> None:
    fake = seeded()
    url = "http://127.0.0.1:8000/mcp"
    options = ServerOptions(
        allow_writes=True,
        allow_write_operations=True,
        confirmation_key=KEY,
        token_verifier=_Tokens(),  # type: ignore[arg-type]
        auth=settings_for(url, url),
    )
    async with PexipEngage("acme", token="engage-token", transport=fake) as engage:
        server = build_server(engage, options)
        app = server.streamable_http_app(json_response=True)
        async with (
            server.session_manager.run(),
            httpx2.AsyncClient(
                transport=httpx2.ASGITransport(app),
                base_url="http://127.0.0.1:8000",
                headers={"Authorization": f"Bearer {token}"},
            ) as http,
            Client(streamable_http_client(url, http_client=http), mode="legacy") as client,
        ):
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert ("book_appointment" in names) is can_book
            assert "call_write_operation" not in names  # admin only
            with pytest.raises(MCPError) as raised:
                await client.call_tool("call_write_operation", {"operation_id": "createAppointment"})
            assert raised.value.error.code == INVALID_PARAMS
            assert not (await client.call_tool("get_appointment", {"id": "a-1"})).is_error
            preview = {"id": "a-1"}
            if can_book:
                assert not (await client.call_tool("accept_appointment", preview)).is_error
            else:
                with pytest.raises(MCPError):
                    await client.call_tool("accept_appointment", preview)
    assert fake.requests  # the caller's token opened the server; Engage saw the server's own
    assert all(request.headers["authorization"] == "Bearer engage-token" for request in fake.requests)
