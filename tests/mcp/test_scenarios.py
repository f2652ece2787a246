"""The offline evaluation: chains of tool calls an agent makes, run on both protocol modes.

`scenarios.yaml` holds them: each a seed-relative chain of calls with the arguments an agent
would send, what each answer must say, and the fake's end state. After every scenario the fake
never saw more than the governor's limit in flight, and a read-only server sent it nothing but GETs.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS

from pexip_engage_cli._mcp import ServerOptions
from pexip_engage_cli._mcp._writes import WRITE_TOOL_NAMES
from pexip_engage_client import DOCUMENTED_MAX_IN_FLIGHT

from ..support.spec import read_yaml
from .support import KEY, MODES, connected, seeded

SCENARIOS: list[dict[str, Any]] = read_yaml(Path(__file__).parent / "scenarios.yaml")
HUGE = "x" * (1 << 20)
ECHO = "x" * 201  # no answer repeats more than 200 characters of an input
_OPTIONS: dict[str, dict[str, bool]] = {
    "read": {},
    "writes": {"allow_writes": True},
    "write_operations": {"allow_writes": True, "allow_write_operations": True},
    "settings": {"allow_writes": True, "allow_write_operations": True, "allow_settings": True},
}


def test_there_are_enough_scenarios_and_each_tool_is_used_by_three() -> None:
    assert len(SCENARIOS) >= 60
    assert len({scenario["name"] for scenario in SCENARIOS}) == len(SCENARIOS)
    uses = Counter(tool for scenario in SCENARIOS for tool in {step["call"] for step in scenario["steps"]})
    tools = {
        "list_appointments",
        "get_appointment",
        "find_employee",
        "employee_schedule",
        "get_timetable",
        "propose_times",
        "search_operations",
        "describe_operation",
        "call_read_operation",
        *WRITE_TOOL_NAMES,
    }
    assert {tool: uses[tool] for tool in tools if uses[tool] < 3} == {}


class _Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


# The whole evaluation (234 runs, 14 s of a core) is `make test`'s: `make check` keeps its minute with
# the server's unit tests (test_server.py, test_strict.py), which cover each tool.
@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario["name"] for scenario in SCENARIOS])
async def test_scenario(scenario: dict[str, Any], mode: str) -> None:
    fake = seeded()
    for fault in scenario.get("faults", []):
        fake.fail(**fault)
    clock = _Clock()
    flags = _OPTIONS[scenario.get("options", "read")]
    options = ServerOptions(
        allow_writes=flags.get("allow_writes", False),
        allow_unconfirmed_writes=flags.get("allow_writes", False),
        allow_write_operations=flags.get("allow_write_operations", False),
        allow_settings=flags.get("allow_settings", False),
        confirmation_key=KEY,
        clock=clock,
        tools=_chosen(scenario, "tools"),
        toolsets=_chosen(scenario, "toolsets"),
    )
    answers: list[dict[str, Any]] = []
    async with connected(fake, mode, options, **scenario.get("client", {})) as client:
        for number, step in enumerate(scenario["steps"], start=1):
            clock.now += step.get("wait", 0)
            arguments = _filled(step.get("args", {}), answers)
            where = f"{scenario['name']} step {number} ({step['call']})"
            if step.get("error") == "method_not_found":
                with pytest.raises(MCPError) as raised:
                    await client.call_tool(step["call"], arguments)
                assert raised.value.error.code == INVALID_PARAMS, where  # an unknown tool: -32602
                assert ECHO not in raised.value.error.message, where
                assert "allow" not in str(raised.value).lower(), where  # never how to turn writes on
                answers.append({})
                continue
            answer = await client.call_tool(step["call"], arguments)
            text = " ".join(getattr(block, "text", "") for block in answer.content)
            assert answer.is_error == bool(step.get("error", False)), f"{where}: {text[:1000]}"
            assert ECHO not in answer.model_dump_json(), f"{where}: an input echoed past 200 characters"
            assert len(text.encode()) <= 8 * 1024 or not answer.is_error, where
            for expected in step.get("says", []):
                assert expected in text, f"{where}: {expected!r} not in {text}"
            assert "--allow" not in text, where
            structured = answer.structured_content or {}
            budget = 64 * 1024 if arguments.get("detail") == "full" else 8 * 1024
            assert len(json.dumps(structured, separators=(",", ":")).encode()) <= budget, where
            for path, expected in step.get("expect", {}).items():
                assert _at(structured, path) == expected, f"{where}: {path} in {structured}"
            answers.append(structured)
    _check_end(scenario, fake)


def _check_end(scenario: dict[str, Any], fake: Any) -> None:
    end = scenario.get("end", {})
    assert fake.most_in_flight <= DOCUMENTED_MAX_IN_FLIGHT
    writes = [request for request in fake.requests if request.method != "GET"]
    if scenario.get("options", "read") == "read" or end.get("writes") == 0:
        assert writes == []
    if "appointments" in end:
        assert len(fake.appointments) == end["appointments"]
    for appointment_id, fields in end.get("appointment", {}).items():
        stored = fake.appointments[appointment_id]
        for path, expected in fields.items():
            assert _at(stored, path) == expected, f"{appointment_id}.{path}: {stored}"
    for external_id, count in end.get("with_external_id", {}).items():
        assert sum(1 for item in fake.appointments.values() if item.get("externalId") == external_id) == count


def _chosen(scenario: dict[str, Any], kind: str) -> frozenset[str] | None:
    names = scenario.get("select", {}).get(kind)
    return None if names is None else frozenset(names)


def _filled(arguments: Any, answers: list[dict[str, Any]]) -> Any:
    """`$N.path`: that field of step N's answer; `$prev.path`: of the step before; `$huge`: 1 MiB."""
    if isinstance(arguments, dict):
        return {key: _filled(value, answers) for key, value in arguments.items()}
    if isinstance(arguments, list):
        return [_filled(value, answers) for value in arguments]
    if arguments == "$huge":
        return HUGE
    if isinstance(arguments, str) and arguments.startswith("$"):
        step, _, path = arguments[1:].partition(".")
        return _at(answers[-1] if step == "prev" else answers[int(step) - 1], path)
    return arguments


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        value = value[int(part)] if isinstance(value, list) else value.get(part)
    return value
