"""The catalog's size and shape, read-only enforced three ways, resources and the audit log."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS

from pexip_engage_cli._mcp import ServerOptions, build_server, read_only_scopes
from pexip_engage_cli._mcp._catalog import catalog
from pexip_engage_cli._mcp._results import UNTRUSTED
from pexip_engage_cli._mcp._server import WEBSITE_URL
from pexip_engage_cli._mcp._writes import WRITE_TOOL_NAMES
from pexip_engage_client import PexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.spec import ROOT, read_spec
from .support import MODES, connected, seeded, writes

READ_TOOLS = {
    "list_appointments",
    "get_appointment",
    "find_employee",
    "employee_schedule",
    "get_timetable",
    "propose_times",
    "search_operations",
    "describe_operation",
    "call_read_operation",
}
WRITE_TOOLS = WRITE_TOOL_NAMES - {"call_write_operation"}  # the appointment writes of --allow-writes
NOT_GET = sorted(op.operation_id for op in catalog().operations.values() if op.method != "GET")


def _enums(node: Any) -> set[frozenset[str]]:
    """The value sets of every `enum` in `node` (a spec or a tool's schema)."""
    if isinstance(node, list):
        return set().union(*(_enums(item) for item in node))
    if not isinstance(node, dict):
        return set()
    found = {frozenset(map(json.dumps, node["enum"]))} if isinstance(node.get("enum"), list) else set()
    return found.union(*(_enums(item) for item in node.values()))


SPEC_ENUMS = _enums(read_spec())


def _measured(node: Any) -> Any:
    """A tool as its budget counts it: an enum whose values are one of openapi.yaml's enums is left out, for a
    compatible change adds values to them with no edit of the server (issue 99: a status added to
    AppointmentStatus took list_appointments 1 byte past its 2 KiB)."""
    if isinstance(node, list):
        return [_measured(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: [] if key == "enum" and _enums({key: value}) <= SPEC_ENUMS else _measured(value)
        for key, value in node.items()
    }


def _wire(tools: Any) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = tools.model_dump(mode="json", by_alias=True, exclude_none=True)["tools"]
    return listed


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("options", "names", "budget"),
    [
        (ServerOptions(), READ_TOOLS, 16 * 1024),
        # 18 KiB with the writes: propose_times (issue 97, 1.5 KiB) took the set past 16.
        (writes(), READ_TOOLS | WRITE_TOOLS, 18 * 1024),
        (writes(allow_write_operations=True), READ_TOOLS | WRITE_TOOLS | {"call_write_operation"}, 18 * 1024),
    ],
    ids=["read-only", "writes", "write-operations"],
)
async def test_the_catalog_is_small_and_every_tool_is_annotated_and_typed(
    options: ServerOptions, names: set[str], budget: int, mode: str
) -> None:
    async with connected(seeded(), mode, options) as client:
        tools = _wire(await client.list_tools())
    assert {tool["name"] for tool in tools} == names
    # A budget, chosen: an agent picks better from few tools (cancel_appointment, issue 76, is the 14th;
    # propose_times, issue 97, the 15th: a branch's times, which an agent would otherwise fan out for).
    assert len(tools) <= (9 if names == READ_TOOLS else 15)
    assert len(json.dumps({"tools": _measured(tools)})) <= budget
    for tool in tools:
        # 2 KiB each, titles included: list_appointments, the largest, names its ten fields (an enum).
        assert len(json.dumps(_measured(tool))) <= 2048, tool["name"]
        assert tool["title"], tool["name"]
        assert len(tool["description"]) <= 160, tool["name"]
        assert tool["outputSchema"]["type"] == "object", tool["name"]
        hints = tool["annotations"]
        assert hints["readOnlyHint"] is (tool["name"] in READ_TOOLS), tool["name"]
        assert "title" not in json.dumps(tool["inputSchema"]), tool["name"]
    shared = [tool["name"] for tool in tools if "$defs" in tool["outputSchema"]]
    assert {"list_appointments", "find_employee", "employee_schedule"} <= set(shared)


@pytest.mark.parametrize("operation_id", NOT_GET)
async def test_read_only_sends_nothing_but_gets_whatever_the_agent_tries(operation_id: str) -> None:
    fake = seeded()
    async with connected(fake, "2026-07-28") as client:
        refused = await client.call_tool("call_read_operation", {"operation_id": operation_id})
        assert refused.is_error
        assert "GET operations only" in refused.content[0].text  # type: ignore[union-attr]
        for tool in [*WRITE_TOOLS, "call_write_operation"]:
            with pytest.raises(MCPError) as raised:
                await client.call_tool(tool, {"operation_id": operation_id, "id": "a-1"})
            assert raised.value.error.code == INVALID_PARAMS
            assert "allow" not in raised.value.error.message.lower()
    assert fake.calls_to(operation_id) == []
    assert fake.requests == []


async def test_the_token_is_asked_with_the_read_only_scopes_so_engage_refuses_a_write() -> None:
    fake = seeded()
    fake.add_client("agent", "agent-secret")
    scopes = read_only_scopes()
    assert scopes
    assert all(scope.endswith(":readOnly") for scope in scopes)
    assert "engage:appointments:readOnly" in scopes
    engage = PexipEngage(
        "acme",
        client_id="agent",
        client_secret="agent-secret",
        scopes=scopes,
        transport=fake,
        base_url="http://127.0.0.1:9",
        auth_url="http://127.0.0.1:9",
    )
    async with engage, Client(build_server(engage), mode="legacy") as client:
        answer = await client.call_tool("get_appointment", {"id": "a-1"})
        assert not answer.is_error
        # Whatever got past the server's two other locks, Engage refuses a write with this token.
        with pytest.raises(errors.PermissionDeniedError):
            await engage.post("/appointments/a-1/_actions/accept")
    asked = fake.token_requests[0].content.decode()
    assert "readWrite" not in asked
    assert fake.appointments["a-1"]["status"] == "INCOMING_REQUEST"


async def test_resources_hold_subjects_meeting_types_and_error_codes() -> None:
    async with connected(seeded(), "legacy") as client:
        listed = {str(resource.uri) for resource in (await client.list_resources()).resources}
        assert listed == {f"engage://reference/{name}" for name in ("subjects", "meeting-types", "error-codes")}
        subjects = json.loads((await client.read_resource("engage://reference/subjects")).contents[0].text)  # type: ignore[union-attr]
        codes = json.loads((await client.read_resource("engage://reference/error-codes")).contents[0].text)  # type: ignore[union-attr]
    assert subjects == {**UNTRUSTED, "subjects": [{"id": "s-1", "external_id": "SUBJ-1", "name": "Mortgage"}]}
    assert "APPOINTMENT_NO_AVAILABILITY" in codes


async def test_the_audit_log_has_one_line_a_call_with_correlation_ids_and_no_arguments(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    options = ServerOptions(audit_log=str(log))
    async with connected(seeded(), "legacy", options) as client:
        await client.call_tool("get_appointment", {"id": "a-1"})
        await client.call_tool("get_appointment", {"id": "secret-looking-id"})
        with pytest.raises(MCPError):
            await client.call_tool("book_appointment", {})
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(line["tool"], line["outcome"]) for line in lines] == [
        ("get_appointment", "ok"),
        ("get_appointment", "tool error"),
        ("book_appointment", "unknown tool"),
    ]
    assert len(lines[0]["correlation_ids"]) == 1
    assert lines[0]["caller"] == "local"
    assert "secret-looking-id" not in log.read_text()  # a digest of the arguments, not the arguments


async def test_an_engage_error_names_code_and_correlation_id_but_never_the_token() -> None:
    fake = FakePexipEngage()
    fake.fail("getAppointmentById", status=403, message="not yours")
    engage = PexipEngage("acme", token="very-secret-token-value", transport=fake, max_retries=0)
    async with engage, Client(build_server(engage), mode="legacy") as client:
        answer = await client.call_tool("get_appointment", {"id": "a-1"})
    text = answer.content[0].text  # type: ignore[union-attr]
    assert answer.is_error
    for said in ("HTTP 403", "not yours", "correlation id"):
        assert said in text
    for secret in ("very-secret-token-value", "api.pexipengage.com"):
        assert secret not in text


async def test_a_large_result_is_cut_at_whole_rows_and_says_so() -> None:
    fake = FakePexipEngage()
    for number in range(120):
        fake.add_appointment(externalId=f"LONG-{number}", internalNotes="n" * 400)
    async with connected(fake, "legacy") as client:
        compact = await client.call_tool("call_read_operation", {"operation_id": "getAppointments", "max_items": 100})
        full = await client.call_tool(
            "call_read_operation", {"operation_id": "getAppointments", "max_items": 100, "detail": "full"}
        )
    for answer, budget in ((compact, 8 * 1024), (full, 64 * 1024)):
        content = answer.structured_content or {}
        assert len(json.dumps(content, separators=(",", ":"))) <= budget
        assert content["truncated"] is True
        assert content["left_out"] > 0 or content["next_offset"] is not None
    shown = compact.structured_content or {}
    assert shown["left_out"] == 100 - len(shown["items"])


async def test_an_agents_fan_out_never_exceeds_the_governors_limit() -> None:
    import asyncio

    fake = seeded(limits=True)  # the client paces itself only against a fake that keeps the limits
    fake.latency = 0.02  # answers overlap, as over a real network
    window = {"since": "2029-12-01T00:00:00Z", "until": "2030-02-01T00:00:00Z", "office_id": "o-1"}
    async with connected(fake, "2026-07-28") as client:
        answers = await asyncio.gather(
            *[client.call_tool("employee_schedule", {"employee_id": who, **window}) for who in ("e-ann", "e-bob") * 4],
            *[
                client.call_tool("call_read_operation", {"operation_id": "getAppointments", "max_items": 60})
                for _ in "ab"
            ],
            *[client.call_tool("get_appointment", {"id": f"a-{number}"}) for number in range(1, 7)],
        )
    assert not [answer for answer in answers if answer.is_error]
    assert len(fake.requests) >= 8 * 3 + 2 * 3 + 6
    assert fake.most_in_flight == 4  # the governor's limit reached, never passed
    assert fake.over_limits == 0


async def test_a_whole_result_counts_its_budget_in_utf8_bytes_of_json() -> None:
    # 4,500 characters of text, 9,000 bytes once encoded: over the 8 KB compact budget, under it in characters.
    fake = FakePexipEngage()
    fake.add_appointment(id="a-long", externalId="LONG", internalNotes="é" * 4500)
    async with connected(fake, "legacy") as client:
        compact = await client.call_tool(
            "call_read_operation", {"operation_id": "getAppointmentById", "path_params": {"id": "a-long"}}
        )
        full = await client.call_tool(
            "call_read_operation",
            {"operation_id": "getAppointmentById", "path_params": {"id": "a-long"}, "detail": "full"},
        )
    content = compact.structured_content or {}
    assert len(json.dumps(content, separators=(",", ":"), ensure_ascii=False).encode()) <= 8 * 1024
    assert content["truncated"] is True
    assert content["result"] is None
    assert "ask detail='full'" in content["note"]
    whole = full.structured_content or {}
    assert whole["truncated"] is False
    assert whole["result"]["internalNotes"] == "é" * 4500


@pytest.mark.parametrize("options", [ServerOptions(tools=frozenset()), ServerOptions(toolsets=frozenset())])
async def test_a_server_chosen_to_have_no_tool_is_refused(options: ServerOptions) -> None:
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        with pytest.raises(ValueError, match="names nothing"):
            build_server(engage, options)


@pytest.mark.parametrize("mode", ["legacy", "auto"])  # "auto": the 2026-07-28 era, after server/discover
async def test_the_server_looks_its_part(mode: str) -> None:
    """A title, a description, a website and an icon; cache hints kept private; an unknown tool is -32602."""
    async with connected(seeded(), mode, writes()) as client:
        info, era = client.server_info, client.protocol_version
        listed = await client.list_tools()
        resources = await client.list_resources()
        read = await client.read_resource("engage://reference/meeting-types")
        with pytest.raises(MCPError) as unknown:
            await client.call_tool("no_such_tool", {})
    assert info is not None
    assert (info.title, info.website_url) == ("Pexip Engage", WEBSITE_URL)
    assert info.description
    assert info.icons
    assert info.icons[0].src.startswith("data:image/svg+xml,")
    assert info.icons[0].mime_type == "image/svg+xml"
    assert all(tool.title for tool in listed.tools)
    assert unknown.value.error.code == INVALID_PARAMS
    assert mode == "legacy" or era >= "2026-07-28"
    if era >= "2026-07-28":  # the cache hints ride that era's results
        for answer in (listed, resources, read):
            wire = answer.model_dump(mode="json", by_alias=True, exclude_none=True)
            assert wire["cacheScope"] == "private", wire.keys()
            assert wire["ttlMs"] > 0


def test_the_website_is_the_one_pyproject_names() -> None:
    with (ROOT / "pyproject.toml").open("rb") as file:
        urls = tomllib.load(file)["project"]["urls"]
    assert WEBSITE_URL in urls.values()


async def test_servers_of_one_process_each_call_their_own_client_with_their_own_schemas() -> None:
    """The SDK's part of each tool is built once per process (`_tools._built`): each server's tools
    still call its own client, and one server's options never show in another's schemas."""
    first, second = seeded(), seeded()
    second.add_appointment(id="only-in-second", status="ACCEPTED")
    async with (
        connected(first, "legacy", writes(allow_write_operations=True)) as one,
        connected(second, "legacy") as two,
    ):
        assert (await one.call_tool("get_appointment", {"id": "only-in-second"})).is_error
        found = await two.call_tool("get_appointment", {"id": "only-in-second"})
        assert not found.is_error
        preview = await one.call_tool("accept_appointment", {"id": "a-1"})
        accepted = await one.call_tool(
            "accept_appointment", {"id": "a-1", "confirmation": preview.structured_content["confirmation"]}
        )
        assert not accepted.is_error
        tools_of_one = {tool.name: tool for tool in (await one.list_tools()).tools}
        tools_of_two = {tool.name: tool for tool in (await two.list_tools()).tools}
    assert first.appointments["a-1"]["status"] == "ACCEPTED"
    assert second.appointments["a-1"]["status"] == "INCOMING_REQUEST"
    assert "call_write_operation" in tools_of_one
    assert "accept_appointment" not in tools_of_two
    for name, tool in tools_of_two.items():
        assert tool.input_schema == tools_of_one[name].input_schema
        assert tool.output_schema == tools_of_one[name].output_schema


async def test_a_tool_has_its_own_output_schema_whatever_was_read_of_the_one_it_was_built_from() -> None:
    from pexip_engage_cli._mcp import _tools

    async with connected(seeded(), "legacy"):
        pass  # a server built: the SDK's part of each read tool is kept (`_tools._BUILT`)
    for built in _tools._BUILT.values():
        assert built.output_schema is None  # read (and cached by the SDK's property) on what is kept
    async with connected(seeded(), "legacy") as client:
        listed = (await client.list_tools()).tools
    assert listed
    assert all(tool.output_schema for tool in listed)
