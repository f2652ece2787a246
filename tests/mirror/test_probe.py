"""The issue's probe, as it will be run: `pexip-engage fake serve` delivering to `pexip-engage mirror run`
with duplicates and reordering at a hundredth of Engage's retry timings; live changes; an outage in
which deliveries are lost for good (a reschedule 200 days out among them), then a restart; the table
compared with the API; `mirror status`; `mirror check` before and after a row is changed by hand.
Every part in a process of its own, as a team runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import SyncPexipEngage

from ..support.loopback import free_port
from ..support.mirror import ROOT, SECRET, create_body, execute, start_mirror, stopped, table, wire
from ..support.served_fake import serving
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

NOW = datetime.now(UTC)
SEED = """
subjects: [{id: subject-1}]
offices: [{id: office-1}]
employees: [{id: employee-1, email: employee-1@example.com}]
customers: [{id: customer-1}]
appointments:
"""
APPOINTMENT = """- id: {id}
  start: "{start}"
  end: "{end}"
  subject: {{id: subject-1}}
  office: {{id: office-1}}
  appointmentParticipants:
  - {{role: PRIMARY, participant: {{id: customer-1}}, type: CUSTOMER}}
  - {{role: PRIMARY, participant: {{id: employee-1}}, type: EMPLOYEE}}
  status: INCOMING_REQUEST
  meetingType: VIDEO
"""


def seeded(tmp_path: Path) -> Path:
    """Twelve appointments a day or more ahead, and three far past any window (`+400d`)."""
    lines = [SEED]
    for number in range(15):
        days = 2 + number // 4 if number < 12 else 400
        lines.append(
            APPOINTMENT.format(
                id=f"a-{number}", start=f"+{days}d {9 + number % 4:02}:00", end=f"+{days}d {9 + number % 4:02}:30"
            )
        )
    path = tmp_path / "seed.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def api(engage: SyncPexipEngage) -> dict[str, dict[str, Any]]:
    """Every appointment the API lists, as it sends them."""
    return {
        appointment.id: appointment.to_dict() for appointment in engage.appointments.get_appointments(limit=100).items()
    }


def differing(database: str, engage: SyncPexipEngage) -> list[str]:
    """Each appointment the table does not hold as the API lists it (status, start, end, updatedAt), and
    each row the API does not have."""
    rows, wrong = table(database), []
    for appointment_id, appointment in api(engage).items():
        row = rows.pop(appointment_id, None)
        sent = {
            name: appointment.get(key)
            for name, key in (("start", "start"), ("end", "end"), ("updated_at", "updatedAt"))
        }
        expected = {name: None if value is None else datetime.fromisoformat(value) for name, value in sent.items()}
        if (
            row is None
            or row["status"] != appointment["status"]
            or any(row[name] != value for name, value in expected.items())
        ):
            wrong.append(f"{appointment_id}: {row and {name: row[name] for name in ('status', *expected)}}")
    return wrong + [appointment_id for appointment_id, row in rows.items() if row["gone_at"] is None]


def command(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {"PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_TOKEN": "t", "PATH": ""}
    return subprocess.run(
        [sys.executable, "-m", "pexip_engage_cli", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_the_issues_probe_through_fake_serve_and_mirror_run(tmp_path: Path) -> None:
    (tmp_path / "secret").write_text(SECRET)
    database, port, log = f"sqlite:///{tmp_path}/mirror.db", free_port(), tmp_path / "mirror.log"
    fake_options = (
        "--seed",
        str(seeded(tmp_path)),
        "--deliver-webhooks-to",
        f"http://127.0.0.1:{port}/",
        "--webhook-secret",
        str(tmp_path / "secret"),
        "--webhook-duplicates",
        "2",
        "--webhook-reorder-window",
        "0.05",
        "--webhook-time-scale",
        "0.01",
        "--webhook-seed",
        "89",
    )
    with (
        serving(*fake_options) as (base_url, fake_said),
        SyncPexipEngage("acme", token="t", base_url=base_url) as engage,
    ):
        mirror = start_mirror(database, base_url, port, log, "--catch-up-every", "1h")
        try:
            wait_until(lambda: not differing(database, engage), 60)
            for round_ in range(3):  # live changes, each event delivered three times in no order
                for number in range(12):
                    appointment_id = f"a-{number}"
                    if round_ == 0 and number % 2 == 0:
                        engage.appointments.accept_appointment(appointment_id)
                    else:
                        begins = NOW + timedelta(days=5 + round_, hours=number)
                        engage.appointments.reschedule_appointment(
                            appointment_id, body={"start": wire(begins), "end": wire(begins + timedelta(minutes=30))}
                        )
            engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=8), "CRM-live"))
            wait_until(lambda: not differing(database, engage), 60)
        finally:
            assert stopped(mirror) == 0

        # The outage: the receiver down, each event lost for good after its three attempts (three copies each).
        lost_before = sum("lost for good" in line for line in fake_said)
        moved = engage.appointments.reschedule_appointment(
            "a-3", body={"start": wire(NOW + timedelta(days=200)), "end": wire(NOW + timedelta(days=200, hours=1))}
        )
        engage.appointments.accept_appointment("a-5")
        far = engage.appointments.create_appointment(body=create_body(NOW + timedelta(days=300), "CRM-far"))
        wait_until(lambda: sum("lost for good" in line for line in fake_said) >= lost_before + 3 * 3, 30)
        assert differing(database, engage)  # stale: the moved one, the accepted one, the new one

        mirror = start_mirror(database, base_url, port, log, "--catch-up-every", "1h")  # the restart
        try:
            wait_until(lambda: not differing(database, engage), 60)
            rows = table(database)
            status = command("mirror", "status", "--database", database, "-o", "json")
            before = command("mirror", "check", "--database", database, "--base-url", base_url, "--enterprise", "acme")
            execute(database, "UPDATE appointments SET status = 'CANCELLED' WHERE id = ?", ("a-7",))
            after = command("mirror", "check", "--database", database, "--base-url", base_url, "--enterprise", "acme")
        finally:
            assert stopped(mirror) == 0
    assert rows["a-3"]["start"] == moved.start
    assert rows[far.id]["start"] == far.start
    assert rows["a-5"]["status"] == "ACCEPTED"
    shown = json.loads(status.stdout)
    assert (shown["rows"], shown["waitingReads"], shown["waitingEvents"], shown["failedEvents"]) == (17, 0, 0, 0)
    assert shown["lastCatchUp"]["window"] == "everything"
    assert (before.returncode, after.returncode) == (0, 1), before.stderr + after.stderr
    assert after.stdout.splitlines() == ["a-7: the table differs from the API at the same updatedAt (status)"]
    assert "1 appointment(s) differ" in after.stderr
