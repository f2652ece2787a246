"""examples/provisioning_sync.py runs against the fake and does what docs/provisioning.md says."""

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
        capture_output=True, text=True, env=environment, check=True, timeout=60,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Plan: 1 to create, 1 to update, 1 to deactivate, 0 conflict(s); 1 unchanged")
    assert "+ HR-004  (row 3)" in lines
    assert '    lastName: "Hopper" -> "Hopper-Murray"' in lines
    assert '    status: "ACTIVE" -> "SUSPENDED"' in lines
    assert "Applied: 1 created, 1 updated, 1 deactivated, 0 skipped, 0 conflict(s), 0 failed" in lines
    assert lines[-1] == "After the apply: nothing left to do"
    assert done.stderr == ""
