"""`pexip-engage availability free-busy`: the library's free/busy view from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.rewriting import Rewriting, at_path


@pytest.fixture
def rewriting(fake: FakePexipEngage) -> Rewriting:
    """The served fake's transport: it changes no answer until a test gives it a `path` and a `change`."""
    return Rewriting(fake, lambda request, document: None)


@pytest.fixture
def root(rewriting: Rewriting) -> Iterator[str]:
    """The fake on 127.0.0.1, behind the transport that changes the answers a test says."""
    with serve(rewriting) as url:
        yield url


@pytest.mark.usefixtures("engage_env")
def test_free_busy_prints_the_view_in_the_employee_zone_or_another(fake: FakePexipEngage, cli: Cli) -> None:
    fake.add_employee(
        id="emp-1", timeZone="America/New_York", officeRelations=[{"role": "AGENT", "office": {"id": "o-1"}}]
    )
    fake.seed(
        {
            "defined_availability": [
                {
                    "start": "2026-11-01T04:00:00Z",
                    "end": "2026-11-01T17:00:00Z",
                    "employee": {"id": "emp-1"},
                    "office": {"id": "o-1"},
                    "subject": {"id": "s-1"},
                    "meetingType": "PHONE",
                },
            ]
        }
    )
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


def seed_one_appointment(fake: FakePexipEngage) -> None:
    fake.add_employee(id="emp-1", timeZone="UTC", officeRelations=[{"role": "AGENT", "office": {"id": "o-1"}}])
    fake.seed(
        {
            "defined_availability": [
                {
                    "start": "2026-06-01T08:00:00Z",
                    "end": "2026-06-01T12:00:00Z",
                    "employee": {"id": "emp-1"},
                    "office": {"id": "o-1"},
                    "subject": {"id": "s-1"},
                    "meetingType": "PHONE",
                },
            ]
        }
    )
    fake.add_appointment(
        start="2026-06-01T09:00:00Z",
        end="2026-06-01T10:00:00Z",
        status="ACCEPTED",
        subject={"id": "s-1"},
        office={"id": "o-1"},
        trailingBufferTime=0,
        appointmentParticipants=[
            {"role": "PRIMARY", "participant": {"id": "c-1"}, "type": "CUSTOMER"},
            {"role": "PRIMARY", "participant": {"id": "emp-1"}, "type": "EMPLOYEE"},
        ],
    )


DAY = ("availability", "free-busy", "emp-1", "--from", "2026-06-01T00:00:00Z", "--to", "2026-06-02T00:00:00Z")


@pytest.mark.usefixtures("engage_env")
def test_an_appointment_without_a_start_is_printed_busy_and_named(
    fake: FakePexipEngage, cli: Cli, rewriting: Rewriting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_STRICT_RESPONSES")  # read as a user's command line reads: leniently
    seed_one_appointment(fake)
    rewriting.rewrite = at_path(r".*/appointments", lambda body: body["data"][0].update(start=None))

    run = cli(*DAY, "-o", "json")

    assert run.code == 0, run.err
    view = json.loads(run.out)
    [busy] = view["busy"]
    assert (busy["start"], busy["end"], busy["unread"]) == (
        "2026-06-01T00:00:00.000Z",
        "2026-06-01T10:00:00.000Z",
        ["/data/*/start"],
    )
    assert [(f["start"], f["end"]) for f in view["free"]] == [("2026-06-01T10:00:00.000Z", "2026-06-01T12:00:00.000Z")]
    assert any("/data/*/start was null in getAppointments's answer" in note for note in view["notes"])


@pytest.mark.usefixtures("engage_env")
def test_office_relations_it_cannot_read_end_with_the_field_named_not_unexpected(
    fake: FakePexipEngage, cli: Cli, rewriting: Rewriting, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PEXIP_ENGAGE_STRICT_RESPONSES")
    seed_one_appointment(fake)
    rewriting.rewrite = at_path(r".*/employees/emp-1", lambda body: body["data"].update(officeRelations=None))

    run = cli(*DAY)

    assert run.code == 5  # an answer the command cannot use (docs/cli.md, exit codes)
    assert "unexpected" not in run.err
    assert "free_busy stopped: /data/officeRelations in getEmployeeById's answer was null" in run.err
    assert cli(*DAY, "--office-id", "o-1", "-o", "json").code == 0
