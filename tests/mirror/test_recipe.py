"""docs/mirror.md's CRM recipe from the command line, run as the page shows it: its shell lines in bash, in
a home of their own (the secrets in `~/.engage-client-secret` and `~/.engage-webhook-key`) and a
project folder holding examples/mirror_crm.py, against `pexip-engage fake serve` registering the
recipe's OAuth client and delivering to the mirror. The test changes only what must be: the port
(a free one), and the API's address (the fake's, in PEXIP_ENGAGE_BASE_URL and PEXIP_ENGAGE_AUTH_URL)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pexip_engage_client import SyncPexipEngage

from ..support.loopback import free_port, wait_until_listening
from ..support.mirror import ROOT, create_body, wire
from ..support.served_fake import serving
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

PAGE = ROOT / "docs" / "mirror.md"
# What the appointments created refer to (the fake refuses references to records it does not have).
SEED = """
subjects: [{id: subject-1}]
offices: [{id: office-1}]
employees: [{id: employee-1, email: employee-1@example.com}]
customers: [{id: customer-1}]
"""


def recipe(marker: str) -> str:
    """The shell block right after `marker` in the page."""
    found = re.search(re.escape(marker) + r"[^\n]*\n```sh\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert found, marker
    return found.group(1)


def bash(script: str, home: Path, project: Path, base_url: str, **options: object) -> subprocess.Popen[str]:
    environment = {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "PEXIP_ENGAGE_BASE_URL": base_url,
        "PEXIP_ENGAGE_AUTH_URL": base_url,
        "PEXIP_ENGAGE_STRICT_RESPONSES": "1",
    }
    started: subprocess.Popen[str] = subprocess.Popen(  # type: ignore[call-overload]
        ["bash", "-e", "-c", script],
        cwd=project,
        env=environment,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        **options,
    )
    return started


def meetings(project: Path) -> dict[str, str]:
    """The CRM's meetings: their status, by id."""
    return {meeting: status for meeting, status, _ in _crm(project)}


def starts(project: Path) -> dict[str, str]:
    return {meeting: starting for meeting, _, starting in _crm(project)}


def _crm(project: Path) -> list[tuple[str, str, str]]:
    path = project / "crm.db"
    if not path.exists():
        return []
    with closing(sqlite3.connect(path)) as crm, crm:
        found = crm.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meetings'").fetchone()[0]
        return list(crm.execute("SELECT id, status, starts FROM meetings").fetchall()) if found else []


def test_the_crm_recipe_runs_as_the_guide_shows_it(tmp_path: Path) -> None:
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    (home / ".engage-client-secret").write_text("client-s3cr3t\n")
    (home / ".engage-webhook-key").write_text("webhook-k3y\n")
    shutil.copy(ROOT / "examples" / "mirror_crm.py", project)
    port = free_port()
    run, later = recipe("<!-- mirror recipe: run"), recipe("<!-- mirror recipe, later")
    assert "--port 8000" in run
    run = run.replace("--port 8000", f"--port {port}")
    settings = "\n".join(line for line in run.splitlines() if line.startswith("export "))
    begins = datetime.now(UTC) + timedelta(days=3)
    (tmp_path / "seed.yaml").write_text(SEED)
    fake_options = (
        "--seed",
        str(tmp_path / "seed.yaml"),
        "--client",
        "crm-sync:client-s3cr3t",
        "--token",
        "test-token",
        "--deliver-webhooks-to",
        f"http://127.0.0.1:{port}/",
        "--webhook-secret",
        str(home / ".engage-webhook-key"),
        "--webhook-duplicates",
        "1",
        "--webhook-time-scale",
        "0.1",
    )
    with (
        serving(*fake_options) as (base_url, _),
        SyncPexipEngage("acme", token="test-token", base_url=base_url) as engage,
    ):
        created = [
            engage.appointments.create_appointment(body=create_body(begins + timedelta(hours=hour), f"CRM-{hour}"))
            for hour in range(3)
        ]
        mirror = bash(run, home, project, base_url, start_new_session=True)
        try:
            wait_until_listening(port, mirror, "the recipe's mirror run")
            wait_until(lambda: len(meetings(project)) == 3, 60)  # the start's catch-up, through the hook
            moved = begins + timedelta(days=1)  # an event, delivered twice
            engage.appointments.reschedule_appointment(
                created[0].id, body={"start": wire(moved), "end": wire(moved + timedelta(minutes=30))}
            )
            expected = datetime.fromisoformat(wire(moved).replace("Z", "+00:00")).isoformat()
            wait_until(lambda: starts(project).get(created[0].id) == expected, 60)
            checked = bash(f"{settings}\n{later}", home, project, base_url)
            said, _ = checked.communicate(timeout=120)
        finally:
            os.killpg(mirror.pid, signal.SIGTERM)
            log, _ = mirror.communicate(timeout=60)
    assert checked.returncode == 0, said
    assert '"rows": 3' in said
    assert "the table equals the API: 3 row(s), 3 appointment(s) listed" in said
    assert mirror.returncode == 0, log
    assert "client-s3cr3t" not in log + said
    assert "webhook-k3y" not in log + said
