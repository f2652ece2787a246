"""`pexip-engage availability free-busy`: the library's free/busy view from the command line."""

from __future__ import annotations

import json

import pytest

from pexip_engage_client.testing import FakePexipEngage

from ..support.cli import Cli


@pytest.mark.slow
@pytest.mark.usefixtures("engage_env")
def test_free_busy_prints_the_view_in_the_employee_zone_or_another(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_employee(
        id="emp-1", timeZone="America/New_York", officeRelations=[{"role": "AGENT", "office": {"id": "o-1"}}]
    )
    fake.seed(
        {
            "defined_availability": [
                {"start": "2026-11-01T04:00:00Z", "end": "2026-11-01T17:00:00Z", "employee": {"id": "emp-1"},
                 "office": {"id": "o-1"}, "subject": {"id": "s-1"}, "meetingType": "PHONE"},
            ]
        }
    )  # fmt: skip
    fake.add_external_calendar_event("emp-1", start="2026-11-01T05:30:00Z", end="2026-11-01T06:30:00Z", showAs="BUSY")
    args = (
        "availability",
        "free-busy",
        "emp-1",
        "--from",
        "2026-11-01T00:00:00-04:00",
        "--to",
        "2026-11-02T00:00:00-05:00",
    )

    run = cli(*args, "-o", "json")

    assert run.code == 0, run.err
    view = json.loads(run.out)
    assert view["time_zone"] == "America/New_York"
    assert [(f["start"], f["end"]) for f in view["free"]] == [  # in UTC with `Z`, as every command prints (cli.md)
        ("2026-11-01T04:00:00.000Z", "2026-11-01T05:30:00.000Z"),  # 00:00-01:30 EDT
        ("2026-11-01T06:30:00.000Z", "2026-11-01T17:00:00.000Z"),  # the second 01:30 (EST), after the change
    ]
    assert view["busy"][0]["kind"] == "external_event"
    utc = json.loads(cli(*args, "--zone", "UTC", "-o", "json").out)
    assert utc["free"][0]["start"] == "2026-11-01T04:00:00.000Z"
    assert utc["time_zone"] == "UTC"
    bad = cli(*args, "--zone", "Mars/Base")
    assert bad.code == 2
    assert "zone: 'Mars/Base' is not an IANA time zone" in bad.err
    assert "free-busy" in cli("availability", "--help").out
