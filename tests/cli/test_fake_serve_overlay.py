"""`pexip-engage fake serve --overlay FILE`: the served fake answers with openapi.yaml as the overlay
changes it, and a file that does not apply is a usage error naming the action."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
import yaml

from ..support.spec import ROOT
from .test_fake_serve import served

# Starts the command line: left out of `make check`.
pytestmark = pytest.mark.end_to_end

OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "hybrid is not always sent", "version": "1"},
    "actions": [
        {"target": "$['components']['schemas']['Appointment']['required'][?@ == 'hybrid']", "remove": True},
    ],
}


def test_fake_serve_answers_with_the_overlay(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(yaml.safe_dump(OVERLAY), encoding="utf-8")
    seed = tmp_path / "seed.yaml"
    seed.write_text(yaml.safe_dump({"appointments": [{"id": "a1"}]}), encoding="utf-8")
    with served("--overlay", str(overlay), "--seed", str(seed)) as root:
        answer = httpx2.get(f"{root}/enterprises/acme/appointments/a1", headers={"Authorization": "Bearer x"})
    assert answer.status_code == 200, answer.text
    assert "hybrid" not in answer.json()["data"]


def test_fake_serve_refuses_an_overlay_that_does_not_apply(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.json"
    overlay.write_text('{"overlay": "1.0.0", "info": {}, "actions": [{"target": "$.nothing", "remove": true}]}')
    run = subprocess.run(
        [sys.executable, "-m", "pexip_engage_cli", "fake", "serve", "--port", "0", "--overlay", str(overlay)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 2
    assert "action 1 ($.nothing): the target selects nothing" in run.stderr
