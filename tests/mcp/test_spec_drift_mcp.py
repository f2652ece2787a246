"""The MCP server hands an agent what the API sent, whatever openapi.yaml guessed (issue 67): its rows and
output schemas accept values of another type, so an agent never gets an error for the spec's guess."""

from __future__ import annotations

import copy
from typing import Any

import httpx2
import jsonschema
import pytest
from mcp import Client

from pexip_engage_cli._mcp import build_server
from pexip_engage_client import PexipEngage

from ..support.clients import answer
from ..support.spec import documented_example
from .support import MODES


def differing_page() -> dict[str, Any]:
    item = documented_example("Appointment")["data"]
    items = [{**copy.deepcopy(item), "id": f"a{index}"} for index in range(3)]
    items[0]["status"] = None  # the spec says a status is always there
    items[1]["start"] = 1767261600  # a number for a date-time
    items[1]["subject"] = "s1"  # a string for an object
    items[2]["appointmentParticipants"] = [{"role": "PRIMARY", "type": "EMPLOYEE", "participant": "e1"}]
    del items[2]["meetingType"]
    return {"data": items, "meta": {"offset": 0, "limit": 25, "totalCount": 3}}


@pytest.mark.parametrize("mode", MODES)
async def test_list_appointments_returns_rows_of_answers_unlike_the_spec(mode: str) -> None:
    transport = httpx2.MockTransport(answer(200, differing_page()))
    engage = PexipEngage("acme", token="t", transport=transport, strict_responses=False)
    async with engage, Client(build_server(engage, None), mode=mode) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        result = await client.call_tool("list_appointments", {"limit": 3})
    assert not result.is_error, result.content
    rows = result.structured_content["appointments"]
    assert [row["id"] for row in rows] == ["a0", "a1", "a2"]
    assert rows[1]["start"] == 1767261600
    assert rows[0]["status"] is None
    schema = tools["list_appointments"].output_schema
    assert schema is not None
    jsonschema.validate(result.structured_content, schema)
