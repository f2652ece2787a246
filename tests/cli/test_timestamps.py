"""One spelling of a date-time in everything the command line prints: the API's own (`...362Z`)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import pexip_engage_cli
from pexip_engage_cli._listen import line
from pexip_engage_cli._output import timestamp
from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import Arrival, parse_event

from ..support.cli import Cli


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("2022-08-17T19:05:21.362000+00:00", "2022-08-17T19:05:21.362Z"),
        ("2022-08-17T19:05:21.362Z", "2022-08-17T19:05:21.362Z"),
        ("2022-08-17T19:05:21+00:00", "2022-08-17T19:05:21.000Z"),
        ("2022-08-17T19:05:21.123456+00:00", "2022-08-17T19:05:21.123456Z"),  # finer than ms: kept
        ("2022-08-17T21:05:21.362+02:00", "2022-08-17T19:05:21.362Z"),  # an offset: the same instant, in UTC
        ("2026-11-01T01:30:00-05:00", "2026-11-01T06:30:00.000Z"),
        ("2022-08-17", "2022-08-17"),
        ("2022-13-17T19:05:21Z", "2022-13-17T19:05:21Z"),  # looks like one, is not: printed as it came
        ("meet at 2022-08-17T19:05:21Z", "meet at 2022-08-17T19:05:21Z"),
    ],
)
def test_a_date_time_is_spelt_as_the_api_spells_it(text: str, printed: str) -> None:
    assert timestamp(text) == printed


@pytest.mark.usefixtures("engage_env")
def test_a_generated_command_and_the_raw_passthrough_print_the_same_instant_the_same_way(
    fake: FakePexipEngage, cli: Cli
) -> None:
    employee_id = fake.add_employee(id="e-1", status="ACTIVE")["id"]
    generated = json.loads(cli("employees", "get-employee-by-id", employee_id, "-o", "json").out)
    raw = json.loads(cli("api", "GET", f"/employees/{employee_id}", "-o", "json").out)["data"]
    assert generated["createdAt"] == raw["createdAt"]
    assert generated["createdAt"].endswith("Z")
    listed = [json.loads(line) for line in cli("employees", "get-employees", "-o", "jsonl").out.splitlines()]
    assert listed[0]["updatedAt"] == raw["updatedAt"]


@pytest.mark.parametrize("full", [True, False])
def test_webhooks_listen_spells_the_date_times_of_the_events_it_prints_the_same_way(full: bool) -> None:
    event = parse_event(appointment_event({"id": "a-1", "updatedAt": "2026-01-01T10:00:00.000Z"}, event_id="e1"))
    printed = line(Arrival(event, 1, duplicate=False), full)
    assert "+00:00" not in printed
    if full:
        assert '"updatedAt": "2026-01-01T10:00:00.000Z"' in printed
    else:
        assert json.loads(printed) == {"id": "e1", "entity": "Appointment", "eventType": "CREATE", "duplicate": False}


def test_no_command_writes_a_date_time_but_through_output_instant() -> None:
    """One writer of date-times (`_output.instant`): a command calling `.isoformat()` would print offsets.

    The MCP server (`_mcp/`) is a room of its own, which answers agents and not this spelling.
    """
    package = Path(pexip_engage_cli.__file__).parent
    writers = [
        f"{path.relative_to(package)}:{node.lineno}"
        for path in sorted(package.glob("*.py"))
        if path.name != "_output.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in {"isoformat", "strftime"}
    ]
    assert writers == []
