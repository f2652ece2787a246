"""The server as strict as its clients (issue 63): every case of the issue replayed.

Unknown arguments refused with the nearest name; no input echoed past 200 characters and every
answer within its budget; annotations derived from the operations each tool calls; a version;
output schemas that Ajv compiles in strict mode; operations found by words; tools chosen by name or
set; fields kept on list tools; audit digests keyed.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2
import pytest
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, METHOD_NOT_FOUND, EmptyResult, Request

import pexip_engage_client
from pexip_engage_cli import main
from pexip_engage_cli._exit import USAGE, CommandError
from pexip_engage_cli._mcp import ServerOptions, build_server
from pexip_engage_cli._mcp._auth import with_metadata
from pexip_engage_cli._mcp._catalog import catalog
from pexip_engage_cli._mcp._writes import WRITE_TOOL_NAMES
from pexip_engage_cli._mcp_command import _http_auth
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing._spec import spec

from ..support.spec import ROOT
from .support import MODES, connected, seeded, writes

EVERYTHING = {"allow_write_operations": True}
HUGE = "x" * (1 << 20)  # the issue's 1 MiB input
BUDGET = 8 * 1024


def _text(answer: Any) -> str:
    return str(answer.content[0].text)


# --- 1. unknown arguments -----------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
async def test_unknown_arguments_are_refused_naming_each_and_the_nearest(mode: str) -> None:
    fake = seeded()
    async with connected(fake, mode, writes(**EVERYTHING)) as client:
        tools = (await client.list_tools()).tools
        assert all(tool.input_schema.get("additionalProperties") is False for tool in tools)
        refused = await client.call_tool("list_appointments", {"stauts": ["CANCELLED"]})
        both = await client.call_tool("find_employee", {"emial": "ann@acme.test", "usrname": "ann"})
    assert refused.is_error
    assert "unknown argument 'stauts' (nearest: status)" in _text(refused)
    assert "'emial' (nearest: email)" in _text(both)
    assert "'usrname' (nearest: username)" in _text(both)
    assert fake.requests == []  # refused before anything was asked of Engage


# --- 2. echoes capped, errors with their reason -------------------------------------------------


def _string_arguments(schema: dict[str, Any]) -> list[str]:
    return [name for name, prop in schema.get("properties", {}).items() if prop.get("type") == "string"]


@pytest.mark.parametrize("mode", MODES)
async def test_a_huge_input_is_never_echoed_and_every_answer_fits(
    mode: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    audit = tmp_path / "audit.jsonl"
    caplog.set_level(logging.DEBUG)
    answers: list[tuple[str, str, str]] = []
    async with connected(seeded(), mode, writes(audit_log=str(audit), **EVERYTHING)) as client:
        for tool in (await client.list_tools()).tools:
            for argument in _string_arguments(tool.input_schema):
                answer = await client.call_tool(tool.name, {argument: HUGE})
                answers.append((tool.name, argument, answer.model_dump_json(by_alias=True)))
            answer = await client.call_tool(tool.name, {HUGE: 1})  # a huge unknown argument's name
            answers.append((tool.name, "(name)", answer.model_dump_json(by_alias=True)))
        with pytest.raises(MCPError) as unknown:
            await client.call_tool(HUGE, {})
        answer = await client.call_tool("get_appointment", {"id": HUGE})
    assert len(answers) > 40
    for name, argument, wire in answers:
        assert len(wire.encode()) <= BUDGET, (name, argument)
        assert "x" * 201 not in wire, (name, argument)
    assert len(unknown.value.error.message) <= 400
    # The client's own reason, in one line, where the SDK gave only "Error executing tool get_appointment".
    assert answer.is_error
    assert "the URL would be 1,048," in _text(answer)
    assert "\n" not in _text(answer)
    lines = audit.read_text().splitlines()
    assert len(lines) == len(answers) + 2
    assert max(len(line) for line in lines) <= 1024
    assert all("x" * 201 not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("mode", MODES)
async def test_a_huge_resource_uri_prompt_name_or_method_is_never_echoed(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    refused: list[MCPError] = []
    async with connected(seeded(), mode) as client:
        assert (await client.list_resource_templates()).resource_templates == []  # none to match a URI against
        assert (await client.list_prompts()).prompts == []
        for uri in (HUGE, "engage://reference/" + HUGE, "engage://reference/" + "a b " * 5000):
            with pytest.raises(MCPError) as error:
                await client.read_resource(uri)
            refused.append(error.value)
        with pytest.raises(MCPError) as error:
            await client.get_prompt(HUGE, {"x": HUGE})
        refused.append(error.value)
        with pytest.raises(MCPError) as error:  # an unknown method: the SDK puts its name in `data`
            await client.session.send_request(Request(method=HUGE, params={HUGE: HUGE}), EmptyResult)
        refused.append(error.value)
        # Every resource it lists is still read (the gate knows them all).
        listed = (await client.list_resources()).resources
        read = [await client.read_resource(str(resource.uri)) for resource in listed]
    assert len(listed) == len(read) == 3
    for refusal in refused:
        wire = refusal.error.model_dump_json(by_alias=True)
        assert len(wire) <= 600, len(wire)
        assert "x" * 201 not in wire
        assert "a b " * 60 not in wire
    assert refused[0].error.code == refused[3].error.code == INVALID_PARAMS
    assert refused[0].error.message.startswith("Unknown resource: 'xxx")
    assert "(1,048,576 characters)" in refused[0].error.message
    assert refused[3].error.message.startswith("Unknown prompt: 'xxx")
    assert refused[4].error.code == METHOD_NOT_FOUND
    assert all("x" * 201 not in record.getMessage() for record in caplog.records)
    assert max(len(record.getMessage()) for record in caplog.records) <= 1024


def _medium_inputs() -> list[str]:
    """Inputs of 201 to ~8,000 characters, most short enough for a URL (the fake sees them).

    Plain, spaced (words that never repeat, so no text around an echo can lengthen it by chance),
    and percent-encoded in a path or query.
    """
    words = " ".join(f"w{number:04}" for number in range(1000))
    return ["y" * 201, "y" * 5000, words, "ü/é?#%" * 50, "ü/é?#%" * 400, "z" * 8000]


def _echoed(text: str, value: str) -> bool:
    """Whether `text` holds more than ECHO_LIMIT characters of `value` in a row, as given or percent-encoded."""
    return not _windows(value).isdisjoint(text[start : start + 201] for start in range(len(text) - 200))


@functools.cache
def _windows(value: str) -> frozenset[str]:
    forms = {form for form in (value, quote(value, safe=""), quote(value, safe="/")) if len(form) > 200}
    return frozenset(form[start : start + 201] for form in forms for start in range(len(form) - 200))


@pytest.mark.parametrize("mode", MODES)
async def test_medium_inputs_reaching_engage_are_never_echoed(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    """Engage's own message may quote an input, and a path carries it percent-encoded: neither comes back whole."""
    caplog.set_level(logging.DEBUG, logger="mcp")
    answers: list[tuple[str, str]] = []
    fake = seeded()
    async with connected(fake, mode, writes(**EVERYTHING)) as client:
        for value in _medium_inputs():
            calls: list[tuple[str, dict[str, Any]]] = [
                ("get_appointment", {"id": value}),
                ("get_appointment", {"external_id": value}),
                ("find_employee", {"email": value}),
                ("list_appointments", {"employee_id": value}),
                (
                    "employee_schedule",
                    {"employee_id": value, "since": "2030-01-01T00:00:00Z", "until": "2030-01-02T00:00:00Z"},
                ),
                ("call_read_operation", {"operation_id": "getAppointments", "query": {"external-id": value}}),
                ("call_read_operation", {"operation_id": "getAppointmentById", "path_params": {"id": value}}),
                ("accept_appointment", {"id": value}),
            ]
            for name, arguments in calls:
                answer = await client.call_tool(name, arguments)
                answers.append((value, answer.model_dump_json(by_alias=True)))
    assert len(fake.requests) > 20  # they reached Engage
    for value, wire in answers:
        assert len(wire.encode()) <= BUDGET
        assert not _echoed(wire, value), wire[:600]
    logged = [record.getMessage() for record in caplog.records]
    assert any("failed" in line for line in logged)  # the SDK's INFO line, checked too
    for value in _medium_inputs():
        assert not any(_echoed(line, value) for line in logged)


# --- 3. annotations, version, strict schemas, resource metadata ---------------------------------


def _derived(operation_ids: set[str], keyed: bool) -> dict[str, bool]:
    """The rule of docs/mcp.md ("Annotations"), restated from the operations' methods and paths."""
    operations = [catalog().operations[name] for name in operation_ids]
    reads = all(op.method == "GET" for op in operations)
    changes_what_exists = any(
        op.method in {"PUT", "PATCH", "DELETE"} or (op.method == "POST" and "{" in op.path) for op in operations
    )
    return {
        "readOnlyHint": reads,
        "destructiveHint": not reads and changes_what_exists,
        "idempotentHint": keyed or all(op.method in {"GET", "PUT", "DELETE"} for op in operations),
        "openWorldHint": False,
    }


# A valid call of each tool against the seed (writes: preview, then confirm).
_CALLS: dict[str, dict[str, Any]] = {
    "list_appointments": {},
    "get_appointment": {"external_id": "EXT-1"},
    "find_employee": {"email": "ann@acme.test"},
    "employee_schedule": {
        "employee_id": "e-ann",
        "since": "2030-01-01T00:00:00Z",
        "until": "2030-01-09T00:00:00Z",
        "office_id": "o-1",
    },
    "get_timetable": {
        "office_id": "o-1",
        "subject_id": "s-1",
        "meeting_type": "OFFICE",
        "since": "2030-01-07T00:00:00Z",
        "until": "2030-01-08T00:00:00Z",
    },
    "propose_times": {
        "office_id": "o-1",
        "employee_id": ["e-ann"],
        "duration_minutes": 30,
        "since": "2030-01-01T00:00:00Z",
        "until": "2030-01-02T00:00:00Z",
    },
    "search_operations": {"query": "appointments"},
    "describe_operation": {"operation_id": "getAppointments"},
    "call_read_operation": {"operation_id": "getSubjects"},
    "book_appointment": {
        "external_id": "NEW-1",
        "subject_id": "s-1",
        "office_id": "o-1",
        "meeting_type": "OFFICE",
        "start": "2030-03-01T09:00:00Z",
        "end": "2030-03-01T10:00:00Z",
        "employee_id": "e-ann",
        "customer_id": "c-1",
    },
    "reschedule_appointment": {"id": "a-2", "start": "2030-03-02T09:00:00Z", "end": "2030-03-02T10:00:00Z"},
    "accept_appointment": {"id": "a-1"},
    "reassign_appointment": {"id": "a-2", "employee_id": "e-ann", "office_id": "o-1"},
    "cancel_appointment": {"id": "a-2"},
    "call_write_operation": {
        "operation_id": "updateCustomerById",
        "path_params": {"id": "c-1"},
        "body": {"firstName": "Cleo"},
    },
}
# The generic tools may call any operation of their kind: their hints are the worst case over all of them.
_ANY = {
    "call_read_operation": {op for op, o in catalog().operations.items() if o.method == "GET"},
    "call_write_operation": {op for op, o in catalog().operations.items() if o.method != "GET"},
}


async def test_annotations_follow_from_the_operations_each_tool_calls() -> None:
    listed: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[str]] = {}
    for name, arguments in _CALLS.items():
        fake = seeded()
        async with connected(fake, "legacy", writes(**EVERYTHING)) as client:
            tools = (await client.list_tools()).tools
            listed = {tool.name: tool.annotations.model_dump(by_alias=True, exclude_none=True) for tool in tools}  # type: ignore[union-attr]
            answer = await client.call_tool(name, arguments)
            if name in WRITE_TOOL_NAMES:
                confirmation = answer.structured_content["confirmation"]
                answer = await client.call_tool(name, {**arguments, "confirmation": confirmation})
            assert not answer.is_error, (name, _text(answer))
        seen[name] = {spec().route(r.method, r.url.path.split("/acme", 1)[1])[0].operation_id for r in fake.requests}  # type: ignore[union-attr]
    assert set(listed) == set(_CALLS)
    for name, operations in seen.items():
        assert listed[name] == _derived(_ANY.get(name, operations), keyed=name == "book_appointment"), name
    # The issue's two: they change appointments that exist.
    assert listed["reschedule_appointment"]["destructiveHint"] is True
    assert listed["reassign_appointment"]["destructiveHint"] is True
    assert listed["book_appointment"]["destructiveHint"] is False  # it only adds, once per external id


async def test_write_tool_names_are_the_write_tools() -> None:
    async with connected(seeded(), "legacy", writes(**EVERYTHING)) as client:
        every = {tool.name for tool in (await client.list_tools()).tools}
    async with connected(seeded(), "legacy") as client:
        reads = {tool.name for tool in (await client.list_tools()).tools}
    assert every - reads == WRITE_TOOL_NAMES


async def test_the_server_says_its_version() -> None:
    async with connected(seeded(), "legacy") as client:
        assert client.server_info is not None
        assert client.server_info.version == pexip_engage_client.__version__ != ""


_AJV = """
const Ajv2020 = require("ajv/dist/2020").default;
const schemas = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const failures = {};
for (const [name, schema] of Object.entries(schemas)) {
  try { new Ajv2020({strict: true}).compile(schema); } catch (error) { failures[name] = error.message; }
}
process.stdout.write(JSON.stringify(failures));
"""


def _ajv_strict(schemas: dict[str, Any]) -> dict[str, str]:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "ajv").exists():
        pytest.fail("node and ajv are needed (npm ci installs ajv, a devDependency in package.json)")
    done = subprocess.run(
        ["node", "-e", _AJV],
        input=json.dumps(schemas),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    failures: dict[str, str] = json.loads(done.stdout)
    return failures


@pytest.mark.end_to_end
async def test_every_schema_compiles_under_ajv_strict() -> None:
    async with connected(seeded(), "legacy", writes(**EVERYTHING)) as client:
        tools = (await client.list_tools()).tools
    schemas = {f"{tool.name} output": tool.output_schema for tool in tools}
    schemas |= {f"{tool.name} input": tool.input_schema for tool in tools}
    assert _ajv_strict(schemas) == {}


@pytest.mark.end_to_end
def test_the_strict_check_refuses_what_the_issue_found() -> None:
    # The issue's case (two non-null types), and an unknown keyword: the check itself can fail.
    failures = _ajv_strict(
        {
            "two types": {"type": "object", "properties": {"left_out": {"type": ["integer", "string"]}}},
            "unknown keyword": {"type": "object", "propertys": {}},
            "nullable": {"type": "object", "properties": {"next": {"type": ["string", "null"]}}},
        }
    )
    assert set(failures) == {"two types", "unknown keyword"}


# --- 4. operations found by words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("subject groups", "getSubjectGroups"),
        ("reschedule", "rescheduleAppointment"),
        ("external calendar events", "getExternalCalendarEvents"),
        ("meeting rooms", "getMeetingRooms"),
        ("translations", None),  # a tag: at least one
    ],
)
async def test_search_operations_finds_by_words_within_the_budget(query: str, found: str | None) -> None:
    async with connected(seeded(), "2026-07-28") as client:
        answer = await client.call_tool("search_operations", {"query": query})
        widest = await client.call_tool("search_operations", {"query": "a e i o", "limit": 20})
    ids = [row["operation_id"] for row in answer.structured_content["operations"]]
    assert ids
    if found is not None:
        assert found in ids[:3], ids
    assert len(json.dumps(widest.structured_content, separators=(",", ":")).encode()) <= BUDGET
    assert widest.structured_content["count"] == 20


async def test_search_operations_with_no_match_names_the_tags() -> None:
    async with connected(seeded(), "legacy") as client:
        answer = await client.call_tool("search_operations", {"query": "webhooks"})
    assert answer.structured_content["count"] == 0
    assert "subject-groups" in answer.structured_content["note"]


# --- 5. tools chosen, fields kept ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (
            ServerOptions(tools=frozenset({"get_appointment", "search_operations"})),
            {"get_appointment", "search_operations"},
        ),
        (writes(toolsets=frozenset({"book"})), WRITE_TOOL_NAMES - {"call_write_operation"}),
        (
            writes(toolsets=frozenset({"read"}), tools=frozenset({"accept_appointment"})),
            {
                "list_appointments",
                "get_appointment",
                "find_employee",
                "employee_schedule",
                "get_timetable",
                "propose_times",
                "search_operations",
                "describe_operation",
                "call_read_operation",
                "accept_appointment",
            },
        ),
    ],
    ids=["tools", "toolsets", "both"],
)
async def test_tools_and_toolsets_choose_what_is_registered(options: ServerOptions, names: set[str]) -> None:
    async with connected(seeded(), "legacy", options) as client:
        assert {tool.name for tool in (await client.list_tools()).tools} == names
        with pytest.raises(MCPError):
            await client.call_tool("list_appointments" if "list_appointments" not in names else "x", {})


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (ServerOptions(tools=frozenset({"book_appointment"})), "need --allow-writes"),
        (writes(tools=frozenset({"call_write_operation"})), "need --allow-writes"),
        (ServerOptions(toolsets=frozenset({"book"})), "book needs --allow-writes"),
        (ServerOptions(tools=frozenset({"get_apointment"})), "'get_apointment' (nearest: get_appointment)"),
        (ServerOptions(toolsets=frozenset({"reed"})), "'reed' (nearest: read)"),
    ],
)
async def test_a_selection_never_widens_what_the_flags_allow(options: ServerOptions, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        async with connected(seeded(), "legacy", options):
            pass


def test_the_command_line_refuses_a_write_tool_without_the_write_flag(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    code = main(["mcp", "--tools", "get_appointment,book_appointment", "--enterprise", "acme"])
    assert code == 2
    assert "book_appointment: write tools need --allow-writes" in capsys.readouterr().err


@pytest.mark.parametrize("mode", MODES)
async def test_fields_keep_only_the_named_fields(mode: str) -> None:
    async with connected(seeded(), mode) as client:
        rows = await client.call_tool("list_appointments", {"fields": ["status"], "limit": 3})
        people = await client.call_tool("find_employee", {"username": "sam", "fields": ["email"]})
        refused = await client.call_tool("list_appointments", {"fields": ["stauts"]})
    assert rows.structured_content["appointments"][0] == {"id": "a-1", "status": "INCOMING_REQUEST"}
    assert rows.structured_content["counts_by_status"]
    assert {tuple(row) for row in people.structured_content["employees"]} == {("id", "email")}
    assert refused.is_error
    assert "unknown field 'stauts' (nearest: status)" in _text(refused)


@pytest.mark.parametrize("mode", MODES)
async def test_fields_keep_only_the_named_fields_of_raw_api_objects(mode: str) -> None:
    async with connected(seeded(), mode) as client:
        described = await client.call_tool("describe_operation", {"operation_id": "getAppointments"})
        paged = await client.call_tool(
            "call_read_operation", {"operation_id": "getAppointments", "fields": ["externalId"], "max_items": 3}
        )
        one = await client.call_tool(
            "call_read_operation",
            {"operation_id": "getAppointmentById", "path_params": {"id": "a-2"}, "fields": ["start", "end"]},
        )
        refused = await client.call_tool("call_read_operation", {"operation_id": "getSubjects", "fields": ["nmae"]})
        whole = await client.call_tool("call_read_operation", {"operation_id": "getSubjects"})
    assert "externalId" in described.structured_content["result_fields"]
    assert paged.structured_content["items"] == [
        {"id": "a-1", "externalId": "EXT-1"},
        {"id": "a-2", "externalId": "EXT-2"},
        {"id": "a-3", "externalId": "EXT-3"},
    ]
    assert one.structured_content["result"] == {
        "id": "a-2",
        "start": "2030-01-02T09:00:00.000Z",
        "end": "2030-01-02T10:00:00.000Z",
    }
    assert refused.is_error
    assert "unknown field of getSubjects's result 'nmae' (nearest: name)" in _text(refused)
    assert len(whole.structured_content["items"][0]) > 2  # without fields: the objects whole


async def test_the_list_tools_name_their_fields_in_the_schema() -> None:
    async with connected(seeded(), "legacy") as client:
        tools = {tool.name: tool.input_schema for tool in (await client.list_tools()).tools}
    appointment = tools["list_appointments"]["properties"]["fields"]["items"]
    assert {"status", "start", "subject_id"} <= set(appointment["enum"])
    assert "email" in tools["find_employee"]["properties"]["fields"]["items"]["enum"]
    # Any GET's fields differ by operation: describe_operation lists them, the schema cannot.
    assert "enum" not in tools["call_read_operation"]["properties"]["fields"]["items"]


# --- 6. audit digests keyed ---------------------------------------------------------------------


async def test_audit_digests_are_keyed_so_a_short_argument_cannot_be_confirmed_by_guessing(tmp_path: Path) -> None:
    arguments = {"email": "ann@acme.test"}
    digests = []
    for number, key in enumerate([None, None, b"k" * 32, b"k" * 32]):
        audit = tmp_path / f"audit-{number}.jsonl"
        async with connected(seeded(), "legacy", ServerOptions(audit_log=str(audit), audit_key=key)) as client:
            await client.call_tool("find_employee", arguments)
        line = json.loads(audit.read_text())
        assert "arguments_sha256" not in line
        digests.append(line["arguments_hmac"])
    bare = hashlib.sha256(json.dumps(arguments, sort_keys=True).encode()).hexdigest()
    assert bare not in digests
    assert digests[0] != digests[1]  # random per server
    assert digests[2] == digests[3]  # one configured key: comparable across servers and runs


@pytest.mark.parametrize("kind", ["static", "jwt"])
async def test_resource_metadata_follows_rfc_9728_and_lists_every_scope(kind: str, tmp_path: Path) -> None:

    token = tmp_path / "token"
    token.write_text("t" * 40)
    options = argparse.Namespace(
        host="127.0.0.1",
        port=8123,
        allow_writes=True,
        allow_write_operations=True,
        bearer_token_file=str(token) if kind == "static" else None,
        jwt_issuer="https://id.example.test/realms/a",
        jwt_audience="mcp",
        jwt_jwks_url="https://id.example.test/certs",
    )
    verifier, auth, metadata = _http_auth(options)
    async with PexipEngage("acme", token="t", transport=seeded()) as engage:
        server = build_server(engage, writes(allow_write_operations=True, token_verifier=verifier, auth=auth))
        app = with_metadata(server.streamable_http_app(host="127.0.0.1"), metadata)
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://127.0.0.1:8123") as http:
            served = (await http.get("/.well-known/oauth-protected-resource/mcp")).json()
            challenge = (await http.post("/mcp", json={})).headers["www-authenticate"]
    assert served["resource"] == "http://127.0.0.1:8123/mcp"
    assert served["scopes_supported"] == ["read", "book", "admin"]
    assert served["bearer_methods_supported"] == ["header"]
    if kind == "static":  # no OAuth server issues a static token: none named, never the MCP endpoint itself
        assert "authorization_servers" not in served
    else:
        assert served["authorization_servers"] == ["https://id.example.test/realms/a"]
    assert 'resource_metadata="http://127.0.0.1:8123/.well-known/oauth-protected-resource/mcp"' in challenge


def _http_options(tmp_path: Path, **more: Any) -> argparse.Namespace:
    token = tmp_path / "token"
    token.write_text("t" * 40)
    given: dict[str, Any] = {
        "host": "0.0.0.0",  # noqa: S104 - the options of a server off loopback, never bound
        "port": 8123,
        "allow_writes": True,
        "allow_write_operations": True,
        "bearer_token_file": str(token),
        "jwt_issuer": None,
        "jwt_audience": None,
        "jwt_jwks_url": None,
        "public_url": None,
        "tools": None,
        "toolsets": None,
    }
    return argparse.Namespace(**{**given, **more})


async def _served_metadata(options: argparse.Namespace, well_known: str) -> tuple[dict[str, Any], str]:
    """The metadata served at `well_known`, and the 401's challenge, through the app `pexip-engage mcp` serves."""
    verifier, auth, metadata = _http_auth(options)
    async with PexipEngage("acme", token="t", transport=seeded()) as engage:
        server = build_server(engage, writes(allow_write_operations=True, token_verifier=verifier, auth=auth))
        app = with_metadata(server.streamable_http_app(host="127.0.0.1"), metadata)
        async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
            served = await http.get(well_known)
            challenge = (await http.post("/mcp", json={})).headers["www-authenticate"]
    assert served.status_code == 200, served.text
    return served.json(), challenge


@pytest.mark.parametrize(
    ("public", "well_known"),
    [
        ("https://agents.example.com/mcp", "/.well-known/oauth-protected-resource/mcp"),
        ("https://example.com/engage/mcp", "/.well-known/oauth-protected-resource/engage/mcp"),
    ],
)
@pytest.mark.parametrize("source", ["option", "variable"])
async def test_behind_a_proxy_the_metadata_names_the_public_url(
    public: str, well_known: str, source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if source == "variable":
        monkeypatch.setenv("PEXIP_ENGAGE_MCP_PUBLIC_URL", public)
        options = _http_options(tmp_path)
    else:
        monkeypatch.setenv("PEXIP_ENGAGE_MCP_PUBLIC_URL", "https://not-this.example.com/mcp")  # the option wins
        options = _http_options(tmp_path, public_url=public)
    served, challenge = await _served_metadata(options, well_known)
    assert served["resource"] == public  # never http://0.0.0.0:8123/mcp
    origin = public.split("/", 3)
    assert f'resource_metadata="{origin[0]}//{origin[2]}{well_known}"' in challenge


@pytest.mark.parametrize(
    "url",
    [
        "agents.example.com/mcp",
        "ftp://agents.example.com/mcp",
        "https:///mcp",
        "https://agents.example.com/mcp?x=1",
        "/mcp",
    ],
)
def test_a_public_url_that_is_not_an_absolute_http_url_is_a_usage_error(url: str, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"--public-url takes the absolute http\(s\) URL") as refused:
        _http_auth(_http_options(tmp_path, public_url=url))
    assert refused.value.code == USAGE


def test_the_command_line_takes_the_public_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    monkeypatch.setenv("PEXIP_ENGAGE_MCP_PUBLIC_URL", "agents.example.com")
    assert (
        main(
            [
                "mcp",
                "--http",
                "--enterprise",
                "acme",
                "--jwt-issuer",
                "https://id.example.test",
                "--jwt-audience",
                "mcp",
                "--jwt-jwks-url",
                "https://id.example.test/certs",
            ]
        )
        == 2
    )
    assert "PEXIP_ENGAGE_MCP_PUBLIC_URL takes the absolute http(s) URL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("selection", "scopes"),
    [
        ({}, ["read", "book", "admin"]),
        ({"toolsets": "book"}, ["book"]),
        ({"tools": "get_appointment,search_operations"}, ["read"]),
        ({"tools": "call_write_operation", "toolsets": "read"}, ["read", "admin"]),
        ({"tools": "accept_appointment", "allow_write_operations": False}, ["book"]),
    ],
)
async def test_scopes_supported_are_those_of_the_registered_tools(
    selection: dict[str, Any], scopes: list[str], tmp_path: Path
) -> None:
    options = _http_options(tmp_path, **selection)
    served, _ = await _served_metadata(options, "/.well-known/oauth-protected-resource/mcp")
    assert served["scopes_supported"] == scopes
    # What build_server registers with the same selection: tools of those sets and no other.
    chosen = writes(
        allow_write_operations=options.allow_write_operations,
        tools=frozenset(options.tools.split(",")) if options.tools else None,
        toolsets=frozenset(options.toolsets.split(",")) if options.toolsets else None,
    )
    async with connected(seeded(), "legacy", chosen) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
    sets = {
        "admin" if name == "call_write_operation" else "book" if name in WRITE_TOOL_NAMES else "read" for name in names
    }
    assert sets == set(scopes)
