"""The read tools with answers unlike openapi.yaml, through the MCP SDK's own in-memory client: a
`meta.totalCount` that cannot be read is counted from the pages and said in `note`; a `data` that
cannot be read is a tool result naming the field and the operation, never a crash, a protocol error
or a wrong answer (docs/mcp.md, "Answers unlike the spec")."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import jsonschema
import pytest
from mcp import Client

from pexip_engage_cli._mcp import build_server
from pexip_engage_client import PexipEngage

from ..support.rewriting import KINDS, Rewriting, planted
from .support import MODES, seeded

LIMIT_OF_A_TOOL = "50"  # employee_schedule's own reads ask for 50; free_busy's walks ask for their own size


@asynccontextmanager
async def drifted(
    mode: str, pointer: str, kind: str, path_end: str, when: Callable[[httpx2.Request], bool] = bool
) -> AsyncIterator[Client]:
    transport = Rewriting(seeded(), planted(pointer, kind, path_end=path_end, when=when))
    engage = PexipEngage("acme", token="t", transport=transport, strict_responses=False)
    async with engage, Client(build_server(engage, None), mode=mode) as client:
        yield client


async def called(client: Client, tool: str, arguments: dict[str, Any]) -> Any:
    """The tool's result, its structured content checked against the tool's output schema when it succeeded."""
    answer = await client.call_tool(tool, arguments)
    if not answer.is_error:
        schema = {t.name: t for t in (await client.list_tools()).tools}[tool].output_schema
        assert schema is not None
        jsonschema.validate(answer.structured_content, schema)
    return answer


def text(answer: Any) -> str:
    return str(answer.content[0].text)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_find_employee_counts_the_page_when_the_total_cannot_be_read(mode: str, kind: str) -> None:
    async with drifted(mode, "/meta/totalCount", kind, "/employees") as client:
        two = await called(client, "find_employee", {"username": "sam"})
        one = await called(client, "find_employee", {"email": "ann@acme.test"})
        none = await called(client, "find_employee", {"email": "nobody@acme.test"})
    assert not two.is_error, text(two)
    assert (two.structured_content["count"], two.structured_content["ambiguous"]) == (2, True)
    assert "/meta/totalCount" in two.structured_content["note"]
    assert "getEmployees" in two.structured_content["note"]
    assert (one.structured_content["count"], one.structured_content["ambiguous"]) == (1, False)
    assert one.structured_content["employees"][0]["id"] == "e-ann"
    assert (none.structured_content["count"], none.structured_content["ambiguous"]) == (0, False)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_find_employee_without_readable_data_says_which_field_of_which_operation(mode: str, kind: str) -> None:
    async with drifted(mode, "/data", kind, "/employees") as client:
        answer = await called(client, "find_employee", {"username": "sam"})
    assert answer.is_error
    assert "find_employee cannot answer: /data" in text(answer)
    assert "getEmployees" in text(answer)
    assert "ambiguous" not in text(answer)
    assert "not found" not in text(answer)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_list_appointments_without_a_readable_total_pages_on_and_says_so(mode: str, kind: str) -> None:
    async with drifted(mode, "/meta/totalCount", kind, "/appointments") as client:
        first = await called(client, "list_appointments", {"limit": 10})
        following = await called(
            client, "list_appointments", {"limit": 10, "cursor": first.structured_content["next_cursor"]}
        )
        incoming = await called(client, "list_appointments", {"status": ["INCOMING_REQUEST"]})
    assert not first.is_error, text(first)
    assert (first.structured_content["total"], first.structured_content["next_cursor"]) == (None, "10")
    assert "total unknown: /meta/totalCount" in first.structured_content["note"]
    assert following.structured_content["appointments"][0]["id"] == "a-11"
    assert [row["id"] for row in incoming.structured_content["appointments"]] == ["a-1", "a-6"]
    assert incoming.structured_content["next_cursor"] is None  # the page held fewer than asked: the end


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_call_read_operation_without_a_readable_total_stops_at_a_short_page(mode: str, kind: str) -> None:
    async with drifted(mode, "/meta/totalCount", kind, "/appointments") as client:
        capped = await called(client, "call_read_operation", {"operation_id": "getAppointments", "max_items": 5})
        paged = await called(
            client,
            "call_read_operation",
            {"operation_id": "getAppointments", "query": {"limit": 30}, "max_items": 200},
        )
    assert not capped.is_error, text(capped)
    assert (capped.structured_content["truncated"], capped.structured_content["next_offset"]) == (True, 5)
    assert capped.structured_content["total"] is None
    shown = len(paged.structured_content["items"])
    assert shown + paged.structured_content["left_out"] == 68  # every page read, to the short one; cut to the budget
    assert (paged.structured_content["truncated"], paged.structured_content["next_offset"]) == (True, shown)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_get_appointment_is_ambiguous_from_what_the_page_holds(mode: str, kind: str) -> None:
    async with drifted(mode, "/meta/totalCount", kind, "/appointments") as client:
        shared = await called(client, "get_appointment", {"external_id": "EXT-DUP"})
        one = await called(client, "get_appointment", {"external_id": "EXT-2"})
    assert shared.is_error
    assert "ambiguous: 2 or more appointments" in text(shared)
    assert one.structured_content["appointment"]["id"] == "a-2"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_get_appointment_without_a_readable_object_names_the_field(mode: str, kind: str) -> None:
    async with drifted(mode, "/data", kind, "/appointments/a-2") as client:
        answer = await called(client, "get_appointment", {"id": "a-2"})
    assert answer.is_error
    assert "/data" in text(answer)
    assert "getAppointmentById" in text(answer)


@pytest.mark.parametrize("mode", MODES)
async def test_a_list_item_that_is_not_an_object_is_named_not_a_crash(mode: str) -> None:
    async with drifted(mode, "/data", "type", "/appointments") as client:  # data: {"unexpected": true}... a list
        answer = await called(client, "list_appointments", {"limit": 5})
    assert answer.is_error
    assert "list_appointments cannot answer: /data" in text(answer)
    assert "getAppointments" in text(answer)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", KINDS)
async def test_employee_schedule_notes_a_full_list_whose_total_cannot_be_read(mode: str, kind: str) -> None:
    def tools_read(request: httpx2.Request) -> bool:
        return bool(request.url.params.get("limit") == LIMIT_OF_A_TOOL)

    window = {"employee_id": "employee-1", "since": "2030-01-01T00:00:00Z", "until": "2031-01-01T00:00:00Z"}
    async with drifted(mode, "/meta/totalCount", kind, "/appointments", tools_read) as client:
        answer = await called(client, "employee_schedule", window)
    assert not answer.is_error, text(answer)
    assert answer.structured_content["notes"][-1].startswith("appointments: first 50 shown, there may be more")
