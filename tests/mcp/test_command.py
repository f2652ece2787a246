"""`pexip-engage mcp` as an MCP client starts it: stdio, and streamable HTTP behind a bearer token."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

import pexip_engage_cli
from pexip_engage_cli import main
from pexip_engage_client.testing import FakePexipEngage

from ..support.spec import ROOT
from .support import listening, seeded

TOKEN = "t" * 40


@pytest.fixture
def served() -> Iterator[tuple[FakePexipEngage, dict[str, str]]]:
    fake = seeded()
    fake.add_client("agent", "agent-secret")
    with fake.serve() as root:
        variables = {k: v for k, v in os.environ.items() if not k.startswith("PEXIP_ENGAGE_")}
        yield (
            fake,
            {
                **variables,
                "PYTHONPATH": str(ROOT),
                "PEXIP_ENGAGE_ENTERPRISE": "acme",
                "PEXIP_ENGAGE_BASE_URL": root,
                "PEXIP_ENGAGE_AUTH_URL": root,
                "PEXIP_ENGAGE_CLIENT_ID": "agent",
                "PEXIP_ENGAGE_CLIENT_SECRET": "agent-secret",
            },
        )


@pytest.mark.end_to_end
async def test_stdio_serves_the_read_tools_with_a_read_only_token(
    served: tuple[FakePexipEngage, dict[str, str]],
) -> None:
    fake, environment = served
    command = StdioServerParameters(command=sys.executable, args=["-m", "pexip_engage_client", "mcp"], env=environment)
    async with Client(command, mode="legacy") as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
        answer = await client.call_tool("get_appointment", {"external_id": "EXT-2"})
    assert len(names) == 9
    assert "book_appointment" not in names
    assert set(answer.structured_content) == {"untrusted", "appointment", "detail"}
    assert answer.structured_content["appointment"]["id"] == "a-2"
    asked = [request.content.decode() for request in fake.token_requests]
    assert asked
    assert all("readOnly" in form and "readWrite" not in form for form in asked)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.end_to_end
async def test_http_needs_the_bearer_token_and_never_forwards_it(
    served: tuple[FakePexipEngage, dict[str, str]], tmp_path: Path
) -> None:
    fake, environment = served
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    port = _free_port()
    arguments = ["mcp", "--http", "--port", str(port), "--bearer-token-file", str(token_file)]
    log = tmp_path / "server.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(  # noqa: ASYNC220 - started once, stopped below
            [sys.executable, "-m", "pexip_engage_client", *arguments],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        listening(port, server, log)
        async with httpx2.AsyncClient() as plain:
            refused = await plain.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
            wrong = await plain.post(url, json={}, headers={"Authorization": "Bearer " + "x" * 40})
            metadata = (await plain.get(f"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp")).json()
        assert refused.status_code == 401
        assert wrong.status_code == 401
        assert "resource_metadata=" in refused.headers["www-authenticate"]
        # RFC 9728: no authorization server issues a static token, so none is named (never this endpoint).
        assert metadata == {
            "resource": url,
            "scopes_supported": ["read"],
            "bearer_methods_supported": ["header"],
            "resource_name": "Pexip Engage MCP server",
        }
        async with (
            httpx2.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"}) as authorized,
            Client(streamable_http_client(url, http_client=authorized), mode="legacy") as client,
        ):
            names = {tool.name for tool in (await client.list_tools()).tools}
            answer = await client.call_tool("find_employee", {"email": "ann@acme.test"})
            # The probe: a 1 MiB id came back in a ~1 MB event the Python SDK's client refuses to read.
            huge = await client.call_tool("get_appointment", {"id": "x" * (1 << 20)})
        assert "list_appointments" in names
        assert answer.structured_content["employees"][0]["id"] == "e-ann"
        assert huge.is_error
        assert "the URL would be 1,048," in huge.content[0].text  # type: ignore[union-attr]
        assert len(huge.model_dump_json()) < 1024
        assert all(TOKEN not in request.headers.get("authorization", "") for request in fake.requests)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_http_without_a_way_to_authenticate_callers_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["mcp", "--http", "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"])
    assert code == 2
    assert "--bearer-token-file" in capsys.readouterr().err


def test_a_short_static_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    short = tmp_path / "token"
    short.write_text("short")
    code = main(["mcp", "--http", "--bearer-token-file", str(short), "--enterprise", "acme"])
    assert code == 2
    assert "32 characters" in capsys.readouterr().err


def test_an_unreadable_static_token_file_is_a_usage_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-token"
    code = main(["mcp", "--http", "--bearer-token-file", str(missing), "--enterprise", "acme"])
    assert code == 2
    assert f"cannot read --bearer-token-file {missing}: FileNotFoundError" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--confirmation-key-file", "--audit-key-file"])
@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_an_unreadable_key_file_is_a_usage_error_naming_it(
    option: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no-such-key" if kind == "missing" else tmp_path
    code = main(["mcp", option, str(path), "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    reason = "FileNotFoundError" if kind == "missing" else "IsADirectoryError"
    assert f"cannot read {option} {path}: {reason}" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_write_flags_need_the_one_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mcp", "--allow-write-operations", "--enterprise", "acme"]) == 2
    assert "needs --allow-writes" in capsys.readouterr().err


def test_without_the_extra_one_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [name for name in sys.modules if name == "mcp" or name.startswith(("mcp.", "pexip_engage_cli._mcp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(pexip_engage_cli, "_mcp", raising=False)
    monkeypatch.setitem(sys.modules, "mcp", None)  # what Python does when the package is absent
    assert main(["mcp", "--enterprise", "acme"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'pexip-engage-client[mcp]'" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(("flag", "value"), [("--tools", ""), ("--toolsets", ","), ("--tools", " , ")])
def test_a_selection_naming_nothing_is_a_usage_error(
    flag: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_ID", "agent")
    monkeypatch.setenv("PEXIP_ENGAGE_CLIENT_SECRET", "agent-secret")
    code = main(["mcp", flag, value, "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{flag} names nothing" in err


@pytest.mark.parametrize(
    ("arguments", "variable", "says"),
    [
        (["--elicitation-timeout", "0"], None, "--elicitation-timeout: expected a number of seconds above 0"),
        (["--elicitation-timeout", "soon"], None, "--elicitation-timeout: expected"),
        ([], "inf", "PEXIP_ENGAGE_MCP_ELICITATION_TIMEOUT: expected"),
    ],
)
def test_the_elicitation_timeout_is_checked(
    arguments: list[str],
    variable: str | None,
    says: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if variable is not None:
        monkeypatch.setenv("PEXIP_ENGAGE_MCP_ELICITATION_TIMEOUT", variable)
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "t")
    code = main(["mcp", "--allow-writes", *arguments, "--enterprise", "acme", "--base-url", "http://127.0.0.1:9"])
    assert code == 2
    assert says in capsys.readouterr().err
