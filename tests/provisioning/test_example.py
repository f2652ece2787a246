"""examples/provisioning_sync.py, a sync script with `SyncPexipEngage`, runs against the fake and does what
docs/provisioning.md says: HR's export read through its column mapping, one branch planned, applied, and
nothing left to do."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..support.spec import ROOT


@pytest.mark.slow
def test_the_provisioning_example_plans_applies_and_ends_with_nothing_left() -> None:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PEXIP_ENGAGE_")}
    environment["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "provisioning_sync.py")],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Plan: 1 to create, 2 to update, 1 to deactivate, 0 conflict(s); 1 unchanged, 4 managed")
    assert lines[0].endswith("scope offices branch-a)")
    assert "+ A-005  (row 4)" in lines
    assert '    lastName: "Claes" -> "Claes-Wouters"' in lines
    assert "    officeRelations: AGENT:branch-a -> AGENT:branch-a; OFFICE_MANAGER:branch-a" in lines
    assert "- A-004  (employee e-a4): deactivate" in lines
    assert not [line for line in lines if line.startswith(("~ A-001", "~ B-", "- B-"))]  # Ann's capitals; branch B
    assert "Applied: 1 created, 2 updated, 1 deactivated, 0 skipped, 0 conflict(s), 0 failed" in lines
    assert lines[-1] == "After the apply: nothing left to do"
    assert done.stderr == ""
