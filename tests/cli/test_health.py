"""The probes on the ports of `mirror run`, `webhooks listen` and `webhooks worker --port`, as Kubernetes asks them:
`/livez` 200 while the loop runs; `/readyz` (and `/healthz`) 200 and a short JSON body while ready, 503 naming the
failure (credentials refused, the database or the store unreachable) and 200 again once it mends; what strangers
send without the secret changes neither; no secret asked, none told. And what a stranger can hold on the port:
half-sent requests are closed within the bound while a genuine delivery gets through (in process: test_probes.py)."""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from pexip_engage_client._shared.health import REQUEST_TIMEOUT_VARIABLE
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.cli import Cli
from ..support.loopback import free_port, wait_until_listening
from ..support.mirror import SECRET, seed, seed_references, start_mirror, stopped
from ..support.postgres_server import application_role, migrated, postgres_server
from ..support.spec import ROOT
from ..support.waiting import wait_until

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]


def health(port: int, path: str = "/healthz") -> tuple[int, dict[str, Any]]:
    """The status and JSON body of `GET path` on 127.0.0.1:`port`."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def scrape(port: int) -> tuple[str, dict[str, list[Any]]]:
    """`GET /metrics` on 127.0.0.1:`port`: the text, and its samples by name."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        assert answer.status == 200
        text = answer.read().decode()
    samples: dict[str, list[Any]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append(sample)
    return text, samples


def scanned(port: int, seed: int = 11) -> int:
    """What a stranger sends without the secret, as curl and a port scan would: a wrong key, none, random paths and
    methods; how many requests, each answered 4xx."""
    scan = random.Random(seed)  # noqa: S311 - a scan repeated as it is, no secret
    requests = [("POST", "/?key=wrong", b'{"x":1}'), ("POST", "/", b"{}")]
    for _ in range(30):
        path = scan.choice(["/", "/admin", "/.env", "/readyz/x", "/livez/x", "/metrics/x", "/%2e%2e/"])
        requests.append(
            (scan.choice(["GET", "POST", "PUT", "DELETE", "OPTIONS"]), path + scan.choice(["", "?key="]), b"")
        )
    for method, target, body in requests:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request(method, target, body=body, headers={"content-type": "application/json"})
            assert 400 <= connection.getresponse().status < 500
        finally:
            connection.close()
    return len(requests)


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
            sent = scanned(port)
            healthy = health(port, "/readyz")
            fake.fail("getAppointments", status=403, times=3)  # the credentials withdrawn after a good start, then back
            wait_until(lambda: health(port)[0] == 503, 30)
            refused, alive = health(port), health(port, "/livez")
            wait_until(lambda: health(port, "/readyz")[0] == 200, 30)
        finally:
            assert stopped(mirror) == 0
    assert healthy[0] == 200
    assert healthy[1]["status"] == "ok"
    assert healthy[1]["refusedDeliveries"] == sent
    assert alive == (200, {"status": "alive"})
    assert refused[1]["status"] == "failing"
    assert any(
        failure.startswith("credentials refused: PermissionDeniedError (403)") for failure in refused[1]["failures"]
    )
    assert SECRET not in json.dumps(refused[1])


def test_webhooks_listen_is_ready_while_its_store_answers_whatever_strangers_send_and_again_once_it_is_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with postgres_server() as server:
        store = migrated(f"{server.url.replace('postgres@', 'postgres:pg-s3cr3t@')}?schema=listen_health")
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET}
        listener = subprocess.Popen(
            [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port), "--store", store],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            wait_until_listening(port, listener, "the listener")
            healthy = health(port, "/readyz")
            wrong = Cli(capsys)("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key=a-wrong-secret")
            sent = scanned(port)
            refusing = health(port, "/readyz")
            right = Cli(capsys)("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={SECRET}")
            metrics, samples = scrape(port)
            server.stop()
            down, alive = health(port), health(port, "/livez")
            _, unreadable = scrape(port)
            server.start()
            wait_until(lambda: health(port, "/readyz")[0] == 200, 30)
        finally:
            listener.send_signal(signal.SIGINT)
            out, err = listener.communicate(timeout=30)
    empty = {"status": "ok", "waiting": 0, "failedEvents": 0, "refusedDeliveries": 0, "refusedByCause": {}}
    assert healthy == (200, empty)
    assert (wrong.code, right.code) == (1, 0)
    assert refusing[0] == 200  # strangers never take a receiver out of rotation
    assert refusing[1]["refusedDeliveries"] == sent + 1
    assert down[0] == 503
    assert down[1]["failures"][0].startswith("store unreachable: ")
    assert alive == (200, {"status": "alive"})
    assert "stores each event without claiming" in err
    counted = {s.labels["outcome"]: s.value for s in samples["pexip_engage_webhooks_deliveries_total"]}
    assert counted["accepted"] == 1
    assert sum(s.value for s in samples["pexip_engage_webhooks_deliveries_total"]) == sent + 2
    assert [s.value for s in samples["pexip_engage_webhooks_waiting_events"]] == [1]  # stored for the handling process
    assert [[s.value for s in found["pexip_engage_database_up"]] for found in (samples, unreadable)] == [[1], [0]]
    for shown in (json.dumps(healthy[1]), json.dumps(refusing[1]), json.dumps(down[1]), out, err, metrics):
        assert "pg-s3cr3t" not in shown
        assert SECRET not in shown


def test_half_sent_requests_are_closed_within_the_bound_while_a_genuine_delivery_gets_through(
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEXIP_ENGAGE_WEBHOOK_SECRET": SECRET, REQUEST_TIMEOUT_VARIABLE: "1"}
    listener = subprocess.Popen(
        [sys.executable, "-m", "pexip_engage_cli", "webhooks", "listen", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    slow: list[socket.socket] = []
    try:
        wait_until_listening(port, listener, "the listener")
        for _ in range(400):  # each stops halfway through its head
            stranger = socket.create_connection(("127.0.0.1", port), timeout=10)
            stranger.sendall(b"POST /?key=x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            slow.append(stranger)
        opened = time.monotonic()
        delivered = Cli(capsys)("webhooks", "send", "--to", f"http://127.0.0.1:{port}/?key={SECRET}")
        closed = [stranger.recv(1) for stranger in slow]  # b"" once the server closed it; a timeout if never
        took = time.monotonic() - opened
        ready = health(port, "/readyz")
    finally:
        for stranger in slow:
            stranger.close()
        listener.send_signal(signal.SIGINT)
        listener.communicate(timeout=30)
    assert delivered.code == 0, delivered.err
    assert closed == [b""] * 400
    assert took < 5  # the bound (1 s), with room for a loaded machine; uvicorn alone never closes them
    assert ready[0] == 200


def test_a_worker_answers_its_probes_on_its_port(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKER_STORE": f"sqlite:///{tmp_path}/events.db"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pexip_engage_cli",
            "webhooks",
            "worker",
            "tests.support.worker_receiver:receiver",
            "--port",
            str(port),
            "--app-dir",
            str(ROOT),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        wait_until_listening(port, worker, "the worker")
        answers = [health(port, "/livez"), health(port, "/readyz"), health(port, "/healthz")]
        _, samples = scrape(port)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.communicate(timeout=30)
    ready = {"status": "ok", "waiting": 0, "failedEvents": 0, "refusedDeliveries": 0, "refusedByCause": {}}
    assert answers == [(200, {"status": "alive"}), (200, ready), (200, ready)]
    assert [s.value for s in samples["pexip_engage_webhooks_parked_events"]] == [0]
    assert worker.returncode == 0


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
            database,
            base_url,
            port,
            tmp_path / "log",
            "--catch-up-every",
            "1s",
            "--on-change",
            "crm_down:changed",
            "--app-dir",
            str(tmp_path),
            "--grace",
            "1",
        )
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
    assert behind == (
        503,
        {
            "status": "failing",
            "lastCatchUp": behind[1]["lastCatchUp"],
            "hooksBehind": {"default": 2},
            "refusedDeliveries": 0,
            "refusedByCause": {},
            "failures": ["hook 'default' behind by 2 change(s): RuntimeError"],
        },
    )
    assert overdue[0] == 503
    assert any(failure.startswith("catch-up overdue: the last finished ") for failure in overdue[1]["failures"])
    assert down == (
        503,
        {
            "status": "failing",
            "refusedDeliveries": 0,
            "refusedByCause": {},
            "failures": [
                f"database unreachable: OperationalError on postgresql://app:<redacted>@127.0.0.1:{server.port}/postgres"
                "?schema=health"
            ],
        },
    )
    for shown in (behind, overdue, down):
        assert "pg-s3cr3t" not in json.dumps(shown[1])
        assert SECRET not in json.dumps(shown[1])
