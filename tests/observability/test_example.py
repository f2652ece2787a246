"""examples/tracing_console.py, which docs/observability.md shows, runs and prints the spans it describes."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ..support.spec import ROOT


@pytest.mark.slow
def test_the_console_example_prints_the_calls_their_retry_and_the_walk() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "tracing_console.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    names = re.findall(r'^    "name": "([^"]+)"', run.stdout, flags=re.MULTILINE)
    assert names.count("GET /regions") == 2
    assert names.count("employees.get_employees") == 2  # two pages of two employees, then the last one
    assert {
        "regions.get_regions",
        "employees.get_employees pages",
        "POST /realms/{enterprise}/protocol/openid-connect/token",
    } <= set(names)
    assert "# regions.get_regions: HTTP 429, retry 1 in 0.2 s (Retry-After)" in run.stdout
    assert "# employees: Ada, Grace, Edsger" in run.stdout
    for metric in ("http.client.request.duration", "pexip_engage.client.retries", "pexip_engage.client.active_calls"):
        assert json.dumps(metric) in run.stdout
    assert "demo-secret" not in run.stdout


def test_the_guide_shows_the_example() -> None:
    guide = (ROOT / "docs" / "observability.md").read_text(encoding="utf-8")
    assert "examples/tracing_console.py" in guide
