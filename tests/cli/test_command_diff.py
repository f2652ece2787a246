"""`make api-diff` lists the command line's changes too: commands, options and choices, classified
for the scripts that run them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from scripts.generate.cli_commands import build_table, compare_tables, render

from ..support.code import generated_surface
from ..support.spec import ROOT, read_spec
from ..tooling.test_api_diff import diff_after, repo

__all__ = ["repo"]  # the fixture, used by name

GENERATED = ROOT / "pexip_engage_client" / "_generated"


@pytest.fixture(scope="module")
def table() -> dict[str, Any]:
    return build_table(read_spec(), generated_surface())


def test_the_committed_table_is_the_one_the_spec_makes(table: dict[str, Any]) -> None:
    committed = (GENERATED / "cli_commands.json").read_text(encoding="utf-8")
    assert committed == render(table), "cli_commands.json is stale: run `make generate`"


def test_identical_tables_have_no_changes(table: dict[str, Any]) -> None:
    assert compare_tables(table, copy.deepcopy(table)) == []


def test_removed_commands_options_and_choices_break_added_ones_do_not(table: dict[str, Any]) -> None:
    new = copy.deepcopy(table)
    employees = new["groups"]["employees"]["commands"]
    del employees["get-employee-by-id"]
    get_employees = employees["get-employees"]
    get_employees["parameters"] = [p for p in get_employees["parameters"] if p["python"] != "email"]
    status = next(p for p in get_employees["parameters"] if p["python"] == "status")
    status["enum"] = ["ACTIVE", "PENDING", "RETIRED"]
    get_employees["parameters"].append({**status, "python": "region", "name": "region", "required": True, "enum": None})
    changes = compare_tables(table, new)
    assert changes == [
        (True, "pexip-engage employees get-employee-by-id", "command removed"),
        (True, "pexip-engage employees get-employees", "option --email removed"),
        (True, "pexip-engage employees get-employees", "new required option --region"),
        (True, "pexip-engage employees get-employees", "option --status: choice SUSPENDED removed"),
        (False, "pexip-engage employees get-employees", "option --status: choice RETIRED added"),
    ]
    assert (False, "pexip-engage employees get-employee-by-id", "command added") in compare_tables(new, table)


@pytest.mark.slow
def test_api_diff_reports_a_new_required_option_and_a_new_command(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    required_query = {"name": "channel", "in": "query", "required": True, "schema": {"type": "string"}}

    def add_operation(paths: dict[str, Any]) -> None:
        paths["/lead-segments/{id}"]["delete"] = {
            **copy.deepcopy(paths["/lead-segments/{id}"]["get"]),
            "operationId": "deleteLeadSegmentById",
            "summary": "Delete a lead segment",
        }

    status, lines = diff_after(
        repo,
        {
            "paths./lead-segments/{id}.get.parameters": lambda parameters: parameters.append(required_query),
            "paths": add_operation,
        },
        capsys,
    )
    assert status == 1
    assert "BREAKING    pexip-engage lead-segments get-lead-segment-by-id: new required option --channel" in lines
    assert "compatible  pexip-engage lead-segments delete-lead-segment-by-id: command added" in lines
    assert "1 breaking, 1 compatible command change(s)" in lines
