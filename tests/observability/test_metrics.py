"""`/metrics` in process (the commands serving it for real: tests/cli/test_metrics_served.py): what a request, a 429,
a retry, a delivery and a failing handler count, what a scrape reads of a real store and a real mirror, and that a
scrape neither changes readiness nor tells a secret. The global meter provider is this test's, through the public
`get_meter_provider` (a process sets its own once), read by OpenTelemetry's Prometheus exporter as a command's is."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest
from opentelemetry import metrics
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from prometheus_client.parser import text_string_to_metric_families

from pexip_engage_cli._listen import served
from pexip_engage_client import PexipEngage
from pexip_engage_client._shared.health import with_probes
from pexip_engage_client._shared.metrics import Instrument, export
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage, appointment_event
from pexip_engage_client.webhooks import WebhookReceiver

from ..cli.test_probes import strangers, wait_until_async
from ..support.mirror import SECRET, seed, seed_references

TOKEN = "token-that-must-not-show-0f3a"
JSON = {"content-type": "application/json"}
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[MeterProvider]:
    """The process's meter provider for this test, read by the Prometheus exporter."""
    made = MeterProvider(metric_readers=[PrometheusMetricReader()])
    monkeypatch.setattr(metrics, "get_meter_provider", lambda: made)
    yield made
    made.shutdown()  # the exporter's collector leaves prometheus-client's registry


async def scrape(app: Any) -> tuple[str, Samples]:
    """`GET /metrics` of `app`: the text, and each sample's value by name and labels (OpenTelemetry's scope
    labels left out)."""
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://127.0.0.1") as http:
        answer = await http.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:  # summed: a provider set before this test's is read too (see `grown`)
            key = sample.name, frozenset((k, v) for k, v in sample.labels.items() if not k.startswith("otel_scope"))
            samples[key] = samples.get(key, 0.0) + sample.value
    return answer.text, samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (n, have), v in samples.items() if n == name and wanted <= have)


def grown(before: Samples, after: Samples, name: str, **labels: str) -> float:
    """How much a count grew between two scrapes: the process may have counted before this test (a command run in it
    sets the global meter provider once, and its exporter stays in prometheus-client's registry)."""
    return value(after, name, **labels) - value(before, name, **labels)


async def ready(http: httpx2.AsyncClient) -> tuple[int, Any]:
    answer = await http.get("/readyz")
    return answer.status_code, answer.json()


async def test_a_request_a_429_its_retry_and_the_governors_waits_are_counted(
    provider: MeterProvider, sleeps: list[float]
) -> None:
    fake = FakePexipEngage()
    fake.fail("getRegions", status=429, retry_after=2)
    _, before = await scrape(with_probes(None, ready_always))
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        await engage.regions.get_regions(country_code="NL")
    text, samples = await scrape(with_probes(None, ready_always))
    operation = {"pexip_engage_operation": "regions.get_regions"}
    duration = "http_client_request_duration_seconds_count"
    assert grown(before, samples, duration, http_response_status_code="429", **operation) == 1
    assert grown(before, samples, duration, http_response_status_code="200", url_template="/regions", **operation) == 1
    assert (
        grown(before, samples, "pexip_engage_client_retries_total", pexip_engage_retry_reason="429", **operation) == 1
    )
    assert grown(before, samples, "pexip_engage_client_governor_wait_seconds_count") == 2
    waited = "pexip_engage_client_governor_wait_seconds_bucket"
    assert grown(before, samples, waited, le="60.0") == 2  # seconds, not ms
    assert value(samples, "pexip_engage_client_active_calls", **operation) == 0
    assert sleeps == [2.0]
    assert TOKEN not in text


async def ready_always() -> tuple[bool, dict[str, Any]]:
    return True, {"status": "ok"}


async def test_deliveries_are_counted_the_queue_read_from_the_store_and_strangers_leave_it_ready(
    provider: MeterProvider, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/events.db"
    receiver = WebhookReceiver(store=url, secret=SECRET)
    app = served(receiver, url)
    _, counted = await scrape(app)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://127.0.0.1") as http:
        delivery = appointment_event({"id": "appointment-1"}, event_id="event-1")
        answers = [(await http.post(f"/?key={SECRET}", content=delivery, headers=JSON)).status_code]
        before = await ready(http)
        answers.append((await http.post(f"/?key={SECRET}", content=delivery, headers=JSON)).status_code)
        sent = await strangers(http)
        text, samples = await scrape(app)
        after = await ready(http)
    await receiver.aclose()
    assert answers == [202, 200]
    assert before[0] == after[0] == 200
    assert after[1]["refusedDeliveries"] == sent
    deliveries = "pexip_engage_webhooks_deliveries_total"
    assert grown(counted, samples, deliveries, outcome="accepted") == 1
    assert grown(counted, samples, deliveries, outcome="duplicate") == 1
    assert grown(counted, samples, deliveries, outcome="refused") == sent
    assert grown(counted, samples, deliveries, outcome="refused", cause="wrong or missing key") >= 2
    assert value(samples, "pexip_engage_webhooks_waiting_events") == 1  # stored, for the process that handles it
    assert value(samples, "pexip_engage_webhooks_parked_events") == 0
    assert value(samples, "pexip_engage_database_up") == 1
    assert SECRET not in text


async def test_a_failing_handler_is_counted_retried_then_parked_and_the_parked_event_read(
    provider: MeterProvider, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path}/events.db"
    receiver = WebhookReceiver(store=url, secret=SECRET, max_attempts=2, retry_backoff=0.01, poll_interval=0.05)

    @receiver.on("CREATE")
    async def failing(event: object, delivery: object) -> None:
        raise RuntimeError("the CRM is down")

    _, before = await scrape(with_probes(None, ready_always))
    await receiver.receive(appointment_event({"id": "appointment-1"}, event_id="event-1"), key=SECRET)
    await wait_until_async(lambda: _parked(receiver))
    _, samples = await scrape(with_probes(None, ready_always, lambda: _queue(receiver)))
    await receiver.aclose()
    failures = "pexip_engage_webhooks_handler_failures_total"
    assert grown(before, samples, failures, outcome="retried", error_type="RuntimeError") == 1
    assert grown(before, samples, failures, outcome="parked", error_type="RuntimeError") == 1
    assert value(samples, "pexip_engage_webhooks_parked_events") == 1


async def _parked(receiver: WebhookReceiver) -> bool:
    return (await receiver.tallies()).failed == 1


async def _queue(receiver: WebhookReceiver) -> Any:
    from pexip_engage_cli._listen import readings

    return await readings(receiver)


async def test_a_mirrors_scrape_reads_its_lag_its_queue_and_its_cursors_and_tells_no_secret(
    provider: MeterProvider, tmp_path: Path
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 2, starting=datetime.now(UTC) + timedelta(days=2))
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, poll_interval=0.05)
        mirror.on_change(lambda before, after: None)
        async with mirror:
            app = mirror.asgi_app()
            async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://127.0.0.1") as http:
                await wait_until_async(lambda: _caught_up(http))
                text, samples = await scrape(app)
    assert 0 <= value(samples, "pexip_engage_mirror_last_catch_up_age_seconds") < 60
    assert value(samples, "pexip_engage_mirror_catch_up_period_seconds") == 600
    assert value(samples, "pexip_engage_mirror_newest_change_age_seconds") >= 0
    assert value(samples, "pexip_engage_mirror_rows") == 2
    assert value(samples, "pexip_engage_mirror_changes_total") == 2
    assert ("pexip_engage_mirror_cursor_behind", frozenset({("cursor", "default")})) in samples
    assert value(samples, "pexip_engage_webhooks_waiting_events") == 0
    assert value(samples, "pexip_engage_mirror_pending_reads") == value(samples, "pexip_engage_mirror_refused_events")
    listed = {"pexip_engage_operation": "appointments.get_appointments"}
    assert value(samples, "http_client_request_duration_seconds_count", **listed) >= 1
    assert SECRET not in text
    assert TOKEN not in text
    assert str(tmp_path) not in text  # the database's URL: a password would be in it


async def _caught_up(http: httpx2.AsyncClient) -> bool:
    return (await ready(http))[1].get("lastCatchUp") is not None


async def test_without_prometheus_client_the_path_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "prometheus_client", None)
    app = with_probes(None, ready_always)
    async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app), base_url="http://127.0.0.1") as http:
        answer, alive = await http.get("/metrics"), await http.get("/livez")
    assert (answer.status_code, answer.json()) == (
        501,
        {"error": "/metrics needs the metrics extra: pip install 'pexip-engage-client[metrics]'"},
    )
    assert alive.status_code == 200


async def test_an_instrument_records_nothing_until_opentelemetry_is_imported(
    provider: MeterProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = Instrument("counter", "pexip_engage.test.counted", "{thing}", "Counted in a test.")
    with monkeypatch.context() as absent:
        absent.delitem(sys.modules, "opentelemetry.metrics")
        counter(1, {"kind": "x"})
    counter(2, {"kind": "x"})
    _, samples = await scrape(with_probes(None, ready_always))
    assert value(samples, "pexip_engage_test_counted_total", kind="x") == 2


def test_export_keeps_a_provider_the_program_set(provider: MeterProvider) -> None:
    assert export()
    assert metrics.get_meter_provider() is provider
