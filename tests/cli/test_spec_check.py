"""`pexip-engage spec check` against the fake on loopback: an API that keeps to openapi.yaml (exit 0),
and one that does not, played by the fake with an overlay (exit 1, the records, the overlay written).

These read `engage.spec_drift` (issue 67's lenient reading and drift records).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli
from ..support.clients import TOKEN
from ..support.loopback import free_port

# The real API as the fake plays it: appointments come without `hybrid`, which the spec requires.
HYBRID_OPTIONAL: dict[str, Any] = {
    "overlay": "1.0.0",
    "info": {"title": "appointments without hybrid", "version": "1"},
    "actions": [
        {"target": "$['components']['schemas']['Appointment']['required'][?@ == 'hybrid']", "remove": True},
    ],
}


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> FakePexipEngage:
    """The fake, with the overlay a test names by `indirect` parametrization (none by default)."""
    fake = FakePexipEngage(overlay=getattr(request, "param", None))
    for _ in range(2):
        fake.add_appointment()
    fake.add_subject()
    return fake


@pytest.mark.usefixtures("engage_env")
def test_an_api_that_keeps_to_the_spec_exits_0_and_reads_only(fake: FakePexipEngage, cli: Cli) -> None:
    run = cli("spec", "check", "--json")
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert document["records"] == []
    assert {"getAppointments", "getAppointmentById", "getSubjects", "getSubjectById"} <= set(document["read"])
    assert {call.request.method for call in fake.calls} == {"GET"}
    table = cli("spec", "check")
    assert table.code == 0
    assert "no difference from openapi.yaml" in table.err


@pytest.mark.usefixtures("engage_env")
@pytest.mark.parametrize("fake", [HYBRID_OPTIONAL], indirect=True)
def test_a_difference_exits_1_with_its_records_and_the_overlay(fake: FakePexipEngage, cli: Cli, tmp_path: Path) -> None:
    overlay_file = tmp_path / "drift.yaml"
    run = cli("spec", "check", "--json", "--overlay", str(overlay_file))
    assert run.code == 1, run.err
    records: list[dict[str, Any]] = json.loads(run.out)["records"]
    seen = {(record["operation"], record["pointer"], record["kind"]) for record in records}
    assert ("getAppointments", "/data/*/hybrid", "missing") in seen
    assert ("getAppointmentById", "/data/hybrid", "missing") in seen
    assert all(record["count"] >= 1 for record in records)
    overlay = yaml.safe_load(overlay_file.read_text())
    assert overlay["overlay"] == "1.0.0"
    assert HYBRID_OPTIONAL["actions"][0]["target"] in [action["target"] for action in overlay["actions"]]
    # The table says the same, one row per record.
    table = cli("spec", "check")
    assert table.code == 1
    assert "/data/*/hybrid" in table.out
    assert "missing" in table.out


@pytest.mark.usefixtures("engage_env")
def test_an_operation_the_credentials_may_not_call_is_skipped(fake: FakePexipEngage, cli: Cli) -> None:
    fake.fail("getSubjects", status=403)
    run = cli("spec", "check", "--operations", "getSubjects", "get-appointments")
    assert run.code == 0, run.err
    assert "skipped getSubjects: HTTP 403" in run.err
    assert {call.operation_id for call in fake.calls} <= {"getSubjects", "getAppointments", "getAppointmentById"}


@pytest.mark.usefixtures("engage_env")
def test_max_pages_and_sample_bound_the_reads(fake: FakePexipEngage, cli: Cli) -> None:
    for _ in range(5):
        fake.add_appointment()
    run = cli("spec", "check", "--operations", "getAppointments", "--sample", "1", "--max-pages", "1")
    assert run.code == 0, run.err
    assert len(fake.calls_to("getAppointments")) == 1
    assert len(fake.calls_to("getAppointmentById")) == 1


@pytest.mark.usefixtures("engage_env")
def test_an_unknown_operation_is_a_usage_error(cli: Cli) -> None:
    run = cli("spec", "check", "--operations", "getAppointmentById")
    assert run.code == 2
    assert "argument --operations: invalid choice: 'getAppointmentById' (choose from 'getAppliedTemplates', " in run.err


def test_a_connection_failure_exits_2(monkeypatch: pytest.MonkeyPatch, clean_environment: Path, cli: Cli) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", TOKEN)
    run = cli(
        "--enterprise", "acme", "--base-url", f"http://127.0.0.1:{free_port()}", "--max-retries", "0", "spec", "check"
    )
    assert run.code == 2
    assert "Traceback" not in run.err
