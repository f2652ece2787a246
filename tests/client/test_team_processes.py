"""A branch booked from 12 processes at once, against the fake served in a process of its own: 3 advisers free for
2 slots make exactly 6 appointments, no adviser twice at one time; each process run again finds its own.

The asyncio tasks' and threads' forms: tests/client/test_team_booking.py, tests/sync/test_booking.py.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import SyncPexipEngage

from ..support.served_fake import serving
from ..support.spec import ROOT

ADVISERS = ("emp-a", "emp-b", "emp-c")
CUSTOMERS = 12
# Each process: read the branch, propose, wait for the common start, book under its own key; print the outcome.
CUSTOMER = """
import json, sys, time
from pexip_engage_client import Candidates, SyncPexipEngage, errors
n, root, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
with SyncPexipEngage("acme", token="anything", base_url=root) as engage:
    team = engage.availability.team_free_busy(
        "office-1", start="2026-10-25T00:00:00+02:00", end="2026-10-26T00:00:00+01:00", subject_id="subject-1"
    )
    proposal = Candidates.from_team(team, 60, step=60, order="fair")
    time.sleep(max(0.0, go - time.time()))
    body = {
        "externalId": f"web-{n}",
        "appointmentParticipants": [{"role": "PRIMARY", "participantId": f"customer-{n}", "type": "CUSTOMER"}],
    }
    try:
        booked = engage.availability.book_first(proposal, body)
    except errors.NoSlotBookedError as error:
        print(json.dumps({"booked": None, "refused": len(error.refused)}))
    else:
        print(json.dumps({"booked": booked.appointment.id, "outcome": str(booked.outcome)}))
"""


def seed(path: Path) -> Path:
    """The branch on the day Brussels falls back: 3 advisers free 10:00-12:00 (+01:00), one appointment at a time."""
    block = {
        "start": "2026-10-25T09:00:00Z",
        "end": "2026-10-25T11:00:00Z",
        "office": {"id": "office-1"},
        "subject": {"id": "subject-1"},
        "meetingType": "VIDEO",
        "maxConcurrentAppointments": 1,
    }
    relations = [{"role": "AGENT", "office": {"id": "office-1"}}]
    path.write_text(
        json.dumps(
            {
                "offices": [{"id": "office-1"}],
                "subjects": [{"id": "subject-1"}],
                "customers": [{"id": f"customer-{n}"} for n in range(CUSTOMERS)],
                "employees": [
                    {"id": who, "timeZone": "Europe/Brussels", "officeRelations": relations} for who in ADVISERS
                ],
                "defined_availability": [{**block, "employee": {"id": who}} for who in ADVISERS],
            }
        )
    )
    return path


def customers_at_once(root: str) -> list[dict[str, Any]]:
    """The 12 processes, started together and booking at one instant (after each has read and proposed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    go = time.time() + 6  # each has read and proposed by then, on a loaded machine too
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CUSTOMER, str(n), root, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(CUSTOMERS)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _, err in outputs]
    return [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]


@pytest.mark.end_to_end
@pytest.mark.slow
def test_twelve_processes_at_a_served_branch_make_six_appointments_and_a_rerun_finds_each(tmp_path: Path) -> None:
    # Every process has its own allowance of the documented limits, all from one address: sharing them is
    # Governor(shared=...)'s (docs/limits.md); here the fake does not count them, so 429s do not slow the test.
    with serving("--seed", str(seed(tmp_path / "branch.json")), "--max-in-flight", "0", "--per-minute", "0") as (
        root,
        _,
    ):
        first = customers_at_once(root)
        again = customers_at_once(root)  # the branch is full: each re-proposes nothing, and finds its own
        with SyncPexipEngage("acme", token="anything", base_url=root) as engage:
            held = [a.to_dict() for a in engage.appointments.get_appointments(limit=100)]
    booked = [r["booked"] for r in first if r["booked"]]
    assert len(booked) == 6
    assert all(r["refused"] == 6 for r in first if not r["booked"])  # each tried every adviser at both times
    assert [r["booked"] for r in again] == [r["booked"] for r in first]
    assert {r["outcome"] for r in again if r["booked"]} == {"found"}
    adviser = Counter(
        (
            next(p["participant"]["id"] for p in a["appointmentParticipants"] if p["type"] == "EMPLOYEE"),
            datetime.datetime.fromisoformat(a["start"]).astimezone(datetime.UTC).isoformat(),
        )
        for a in held
    )
    starts = ("2026-10-25T09:00:00+00:00", "2026-10-25T10:00:00+00:00")
    assert adviser == {(who, at): 1 for who in ADVISERS for at in starts}
