"""`/metrics` of a real `mirror run`, scraped over HTTP as Prometheus does, against the alert rules and the Grafana
dashboard in docs/ops: each metric they name is served, the rules are well formed (by `promtool check rules` where it
is installed), and the scrape tells no secret (in process: tests/observability/test_metrics.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.testing._server import serve

from ..support.loopback import free_port
from ..support.mirror import SECRET, seed, seed_references, start_mirror, stopped
from ..support.spec import ROOT
from ..support.waiting import wait_until
from .test_health import health, scanned, scrape

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

OPS = ROOT / "docs" / "ops"
TOKEN = "token-that-must-not-show-5c1e"
METRIC = re.compile(r"\b(?:pexip_engage|http_client)_[a-z0-9_]+\b")
LABELS = re.compile(r"\{[^}]*\}|\bby \([^)]*\)")  # selectors and groupings: label names, not metrics


def rules() -> list[dict[str, Any]]:
    """The alert rules, each checked for what Prometheus and an on-call engineer need."""
    loaded = yaml.safe_load((OPS / "alerts.yaml").read_text())
    [group] = loaded["groups"]
    assert group["name"]
    for rule in group["rules"]:
        assert set(rule) == {"alert", "expr", "for", "labels", "annotations"}, rule
        assert re.fullmatch(r"[A-Z][A-Za-z]+", rule["alert"])
        assert re.fullmatch(r"\d+[smh]", rule["for"])
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert rule["annotations"]["summary"]
    return list(group["rules"])


def named_in_docs() -> set[str]:
    """Every metric the alert rules and the dashboard's queries name."""
    dashboard = json.loads((OPS / "grafana-dashboard.json").read_text())
    queries = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    exprs = [*queries, *(rule["expr"] for rule in rules())]
    return {name for query in exprs for name in METRIC.findall(LABELS.sub("", query))}


def test_the_alerts_cover_what_an_operator_is_paged_for_and_promtool_accepts_them() -> None:
    exprs = " ".join(rule["expr"] for rule in rules())
    for needed in (
        "pexip_engage_mirror_last_catch_up_age_seconds > 2 * pexip_engage_mirror_catch_up_period_seconds",
        'pexip_engage_webhooks_deliveries_total{outcome="refused"}',
        "pexip_engage_webhooks_parked_events",
        'http_response_status_code=~"401|403"',
        'http_response_status_code="429"',
    ):
        assert needed in exprs
    promtool = shutil.which("promtool")
    if promtool is not None:
        subprocess.run([promtool, "check", "rules", str(OPS / "alerts.yaml")], check=True, capture_output=True)


def test_every_metric_the_alerts_and_the_dashboard_name_is_served_by_mirror_run(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    [appointment, _] = seed(fake, 2, starting=datetime.now(UTC) + timedelta(days=2))
    fake.fail("getAppointments", status=429, retry_after=0.2)  # the first catch-up's first page
    port = free_port()
    with serve(fake) as base_url:
        (tmp_path / "crm_hooks.py").write_text("def changed(before, after):\n    pass\n")
        hook = ("--on-change", "crm_hooks:changed", "--app-dir", str(tmp_path))
        log, env = tmp_path / "log", {"PEXIP_ENGAGE_TOKEN": TOKEN}
        mirror = start_mirror(f"sqlite:///{tmp_path}/mirror.db", base_url, port, log, *hook, env=env)
        try:
            wait_until(lambda: health(port)[1].get("lastCatchUp") is not None, 30)
            delivery = urllib.request.Request(
                f"http://127.0.0.1:{port}/?key={SECRET}",
                data=appointment_event({"id": appointment}),
                headers={"content-type": "application/json"},
            )
            with urllib.request.urlopen(delivery, timeout=10) as accepted:  # noqa: S310 - http, built here
                assert accepted.status == 202
            sent = scanned(port)
            text, samples = scrape(port)
            ready = health(port, "/readyz")
        finally:
            stopped(mirror)
    assert sorted(named_in_docs() - set(samples)) == []
    assert ready[0] == 200
    assert ready[1]["refusedDeliveries"] == sent
    refused = [s.value for s in samples["pexip_engage_webhooks_deliveries_total"] if s.labels["outcome"] == "refused"]
    assert sum(refused) == sent
    [waiting] = samples["pexip_engage_webhooks_waiting_events"]
    [lag] = samples["pexip_engage_mirror_last_catch_up_age_seconds"]
    assert waiting.value >= 0
    assert 0 <= lag.value < 600
    durations = samples["http_client_request_duration_seconds_count"]
    assert sum(s.value for s in durations if s.labels.get("http_response_status_code") == "429") == 1
    assert SECRET not in text
    assert TOKEN not in text
