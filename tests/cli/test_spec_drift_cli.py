"""The command line follows `PEXIP_ENGAGE_STRICT_RESPONSES`: an answer unlike openapi.yaml is printed
whole by default, refused when the variable asks for strict reading (issue 67)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from ..support.cli import Cli
from ..support.clients import TOKEN, answer
from ..support.loopback import serve, transport_app
from ..support.spec import documented_example


@pytest.fixture
def differing_root() -> Iterator[str]:
    """A loopback server answering the documented appointment without its `subject`, `hybrid` as 0."""
    payload = documented_example("Appointment")
    del payload["data"]["subject"]
    payload["data"]["hybrid"] = 0
    with serve(transport_app(httpx2.MockTransport(answer(200, payload)))) as root:
        yield root


def test_the_command_line_prints_an_answer_unlike_the_spec_unless_told_to_be_strict(
    monkeypatch: pytest.MonkeyPatch, clean_environment: Path, cli: Cli, differing_root: str
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    command = ["--enterprise", "acme", "--base-url", differing_root]
    command += ["appointments", "get-appointment-by-id", "-o", "json"]
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "0")
    lenient = cli(*command, "123")
    assert lenient.code == 0, lenient.err
    shown = json.loads(lenient.out)
    assert shown["hybrid"] == 0
    assert "subject" not in shown
    assert "Traceback" not in lenient.err
    monkeypatch.setenv("PEXIP_ENGAGE_STRICT_RESPONSES", "1")
    strict = cli(*command, "123")
    assert strict.code != 0
    assert "subject" in strict.err
    assert "Traceback" not in strict.err
