"""`GET /healthz` on the ports of `mirror run` and `webhooks listen`, as a service manager or Kubernetes asks it:
200 and a short JSON body while healthy, 503 naming the failure (credentials refused, the database or the store
unreachable); no secret asked, none told."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.loopback import free_port, wait_until_listening
from ..support.mirror import SECRET, seed, seed_references, start_mirror, stopped
from ..support.postgres_server import application_role, migrated, postgres_server
from ..support.spec import ROOT
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]


def health(port: int) -> tuple[int, dict[str, Any]]:
    """The status and JSON body of `GET /healthz` on 127.0.0.1:`port`."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_mirror_run_is_healthy_after_its_catch_up_and_503_naming_credentials_refused_later(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=datetime.now(UTC) + timedelta(days=2))
    port = free_port()
    with serve(fake) as base_url:
        mirror = start_mirror(
            f"sqlite:///{tmp_path}/mirror.db", base_url, port, tmp_path / "log", "--catch-up-every", "1s"
        )
        try:
            wait_until(lambda: health(port)[1].get("lastCatchUp") is not None, 30)
            healthy = health(port)
            fake.fail("getAppointments", status=403, times=10_000)  # the credentials withdrawn after a good start
            wait_until(lambda: health(port)[0] == 503, 30)
            refused = health(port)
        finally:
            assert stopped(mirror) == 0
    assert healthy[0] == 200
    assert healthy[1]["status"] == "ok"
    assert refused[1]["status"] == "failing"
    assert any(
        failure.startswith("credentials refused: PermissionDeniedError (403)") for failure in refused[1]["failures"]
    )
    assert SECRET not in json.dumps(refused[1])


def test_webhooks_listen_is_healthy_while_its_store_answers_and_503_when_deliveries_are_refused_or_it_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with postgres_server() as server:
        store = migrated(f"{server.url.replace('postgres@', 'postgres:pg-s3cr3t@')}?schema=listen_health")
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
        listener = subprocess.Popen(
            [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port), "--store", store],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        try:
            wait_until_listening(port, listener, "the listener")
            healthy = health(port)
            wrong = Cli(capsys)("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key=a-wrong-secret")
            refusing = health(port)
            right = Cli(capsys)("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={SECRET}")
            accepting = health(port)
            server.stop()
            down = health(port)
        finally:
            listener.send_signal(signal.SIGINT)
            out, err = listener.communicate(timeout=30)
    assert healthy == (200, {"status": "ok", "failedEvents": 0, "refusedDeliveries": 0, "lastRefusedAt": None})
    assert (wrong.code, right.code) == (1, 0)
    assert refusing[0] == 503
    assert refusing[1]["failures"][0].startswith("deliveries refused: 1 without the webhook secret")
    assert (accepting[0], accepting[1]["refusedDeliveries"]) == (200, 1)
    assert down[0] == 503
    assert down[1]["failures"][0].startswith("store unreachable: ")
    for shown in (json.dumps(healthy[1]), json.dumps(refusing[1]), json.dumps(down[1]), out, err):
        assert "pg-s3cr3t" not in shown
        assert SECRET not in shown


def test_mirror_run_answers_503_naming_a_hook_behind_a_catch_up_overdue_and_the_database_unreachable(
    tmp_path: Path,
) -> None:
    """As the application's role on PostgreSQL: each failure the issue names, one after the other, in one run."""
    (tmp_path / "crm_down.py").write_text("def changed(before, after):\n    raise RuntimeError('the CRM is down')\n")
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=datetime.now(UTC) + timedelta(days=2))
    port = free_port()
    with postgres_server() as server, serve(fake) as base_url:
        database = f"{application_role(server).replace('app@', 'app:pg-s3cr3t@')}?schema=health"
        migrated(f"{server.url}?schema=health", role="app")
        mirror = start_mirror(
            database, base_url, port, tmp_path / "log", "--catch-up-every", "1s", "--on-change", "crm_down:changed",
            "--app-dir", str(tmp_path), "--grace", "1",
        )  # fmt: skip
        try:
            wait_until(lambda: health(port)[0] == 503, 30)
            behind = health(port)
            fake.fail("getAppointments", status=500, times=10_000)  # the catch-ups fail from now on
            wait_until(lambda: "catch-up overdue" in json.dumps(health(port)[1]), 30)
            overdue = health(port)
            server.stop()
            wait_until(lambda: "database unreachable" in json.dumps(health(port)[1]), 30)
            down = health(port)
        finally:
            stopped(mirror)
    assert behind == (503, {
        "status": "failing", "lastCatchUp": behind[1]["lastCatchUp"], "hooksBehind": {"default": 2},
        "refusedDeliveries": 0, "lastRefusedAt": None,
        "failures": ["hook 'default' behind by 2 change(s): RuntimeError"],
    })  # fmt: skip
    assert overdue[0] == 503
    assert any(failure.startswith("catch-up overdue: the last finished ") for failure in overdue[1]["failures"])
    assert down == (503, {
        "status": "failing", "refusedDeliveries": 0, "lastRefusedAt": None,
        "failures": [
            f"database unreachable: OperationalError on postgresql://app:<redacted>@127.0.0.1:{server.port}/postgres"
            "?schema=health"
        ],
    })  # fmt: skip
    for shown in (behind, overdue, down):
        assert "pg-s3cr3t" not in json.dumps(shown[1])
        assert SECRET not in json.dumps(shown[1])
