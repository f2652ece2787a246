"""`pexip-engage availability candidates`: a branch's times to propose from the command line, through every
command's output (`-o json`, `jsonl`, `yaml`, `csv`, `table`)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli

ARGS = (
    "availability",
    "candidates",
    "--office",
    "o-1",
    "--subject",
    "s-1",
    "--meeting-type",
    "VIDEO",
    "--from",
    "2026-03-29T00:00:00+01:00",
    "--to",
    "2026-03-30T00:00:00+02:00",
    "--duration",
    "60",
    "--step",
    "60",
)


def seeded(fake: FakePexipEngage) -> None:
    """Two advisers in Brussels on the night the clocks go forward, and one with no block at the office."""
    for who in ("emp-a", "emp-b", "emp-c"):
        relations = [{"role": "AGENT", "office": {"id": "o-1"}}]
        fake.add_employee(id=who, timeZone="Europe/Brussels", officeRelations=relations)
    for who in ("emp-a", "emp-b"):
        fake.add_defined_availability(  # 00:00-04:00 Brussels: 01:00 and then 03:00 (02:00 does not exist)
            start="2026-03-28T23:00:00Z",
            end="2026-03-29T02:00:00Z",
            employee={"id": who},
            office={"id": "o-1"},
            subject={"id": "s-1"},
            meetingType="VIDEO",
        )
    fake.add_appointment(
        start="2026-03-28T23:00:00Z",
        end="2026-03-29T00:00:00Z",
        status="ACCEPTED",
        subject={"id": "s-1"},
        office={"id": "o-1"},
        meetingType="VIDEO",
        trailingBufferTime=0,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "emp-a"}, "type": "EMPLOYEE"},
        ],
    )


@pytest.mark.usefixtures("engage_env")
def test_candidates_print_each_time_with_its_advisers_and_each_reason(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_customer(id="c-1")
    seeded(fake)
    run = cli(*ARGS, "-o", "json")
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    assert printed["time_zone"] == "Europe/Brussels"
    assert printed["employee_ids"] == ["emp-a", "emp-b", "emp-c"]
    assert [(c["start"], c["employee_ids"]) for c in printed["candidates"]] == [
        ("2026-03-28T23:00:00.000Z", ["emp-b"]),  # 00:00 in Brussels: emp-a has an appointment
        ("2026-03-29T00:00:00.000Z", ["emp-a", "emp-b"]),  # 01:00
        ("2026-03-29T01:00:00.000Z", ["emp-a", "emp-b"]),  # 03:00 (+02:00): an hour of elapsed time later
    ]
    assert [(r["employee_id"], r["code"]) for r in printed["reasons"]] == [("emp-c", "no_availability_at_office")]
    fair = json.loads(cli(*ARGS, "--order", "fair", "-o", "json").out)
    assert fair["candidates"][1]["employee_ids"] == ["emp-b", "emp-a"]  # emp-a holds one appointment already
    assert yaml.safe_load(cli(*ARGS, "-o", "yaml").out) == printed
    # A sheet, a table or JSON Lines: a row per candidate, each reason a line of stderr.
    said = "reason: no_availability_at_office: emp-c: no defined availability at office o-1 in the window\n"
    jsonl = cli(*ARGS, "-o", "jsonl")
    assert [json.loads(line) for line in jsonl.out.splitlines()] == printed["candidates"]
    assert said in jsonl.err
    sheet = cli(*ARGS, "-o", "csv")
    rows = list(csv.DictReader(io.StringIO(sheet.out)))
    assert [(row["start"], json.loads(row["employee_ids"])) for row in rows] == [
        (c["start"], c["employee_ids"]) for c in printed["candidates"]
    ]
    assert {(row["office_id"], row["subject_id"], row["meeting_type"]) for row in rows} == {("o-1", "s-1", "VIDEO")}
    assert said in sheet.err
    table = cli(*ARGS, "-o", "table")
    assert table.code == 0
    assert "2026-03-29T01:00:00.000Z" in table.out
    assert said in table.err
    bad = cli(*ARGS, "--order", "random")
    assert bad.code == 2
    assert "candidates" in cli("availability", "--help").out


@pytest.mark.usefixtures("engage_env")
def test_an_empty_sheet_comes_with_each_advisers_reason(fake: FakePexipEngage, cli: Cli) -> None:
    for who in ("emp-a", "emp-b"):
        fake.add_employee(
            id=who, timeZone="Europe/Brussels", officeRelations=[{"role": "AGENT", "office": {"id": "o-1"}}]
        )
    run = cli(*ARGS, "-o", "csv")
    assert run.code == 0, run.err
    assert list(csv.DictReader(io.StringIO(run.out))) == []
    for who in ("emp-a", "emp-b"):
        assert f"reason: no_availability_at_office: {who}: " in run.err
