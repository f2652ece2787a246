"""`pexip-engage webhooks reconcile`: the changes lost while the receiver answered 503, added to the
store for its handlers, with the connection settings of every command; the counts printed."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pexip_engage_cli._arguments import span
from pexip_engage_cli._webhooks_reconcile import moment
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import Delivery, ReconciledAppointmentEvent, WebhookReceiver

from ..support.cli import Cli
from ..webhooks.test_reconcile import END, START, lost_while_down, seed


@pytest.mark.usefixtures("clean_environment")
def test_reconcile_adds_the_lost_changes_for_the_handlers_and_prints_the_counts(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PEXIP_ENGAGE_TOKEN", "test-token")
    fake = FakePexipEngage()
    ids = seed(fake, 8)
    latest = asyncio.run(lost_while_down(fake, ids, times=1))
    store = f"sqlite:///{tmp_path}/events.db"
    asyncio.run(_open(store))  # the receiver's store exists: a web process made it
    window = ["--from", START.isoformat(), "--to", END.isoformat().replace("+00:00", "Z")]
    with fake.serve() as base_url:
        common = ["--enterprise", "acme", "--base-url", base_url, "-o", "json"]
        first = cli("webhooks", "reconcile", "--store", store, *window, *common)
        again = cli("webhooks", "reconcile", "--store", store, *window, *common)
    assert first.code == 0, first.err
    counts = json.loads(first.out)
    assert (counts["appointments"], counts["handedOver"], counts["alreadySeen"]) == (8, 8, 0)
    assert json.loads(again.out)["handedOver"] == 0
    assert json.loads(again.out)["alreadySeen"] == 8
    assert asyncio.run(_handle(store)) == latest


async def _open(store: str) -> None:
    receiver = WebhookReceiver(store, secret="x")
    await receiver.start(handle=False)
    await receiver.stop()


async def _handle(store: str) -> dict[str, datetime]:
    handled: dict[str, datetime] = {}
    receiver = WebhookReceiver(store, secret="x", poll_interval=0.02)

    @receiver.on(ReconciledAppointmentEvent)
    async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
        assert isinstance(event.appointment.updated_at, datetime)
        handled[event.appointment.id] = event.appointment.updated_at

    async with receiver, asyncio.timeout(10):
        await receiver.join()
    return handled


@pytest.mark.usefixtures("clean_environment")
def test_a_bad_window_or_store_is_a_usage_error_naming_the_option(cli: Cli, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path}/events.db"
    asyncio.run(_open(store))
    bad = cli("webhooks", "reconcile", "--store", store, "--from", "2026-12-01T00:00:00", "--enterprise", "acme")
    assert bad.code == 2
    assert "--from" in bad.err
    assert "no offset" in bad.err
    backwards = cli("webhooks", "reconcile", "--store", store, "--from", "+1d", "--to=-1d", "--enterprise", "acme")
    assert backwards.code == 2
    assert "--from must be before --to" in backwards.err
    missing = cli("webhooks", "reconcile", "--store", f"sqlite:///{tmp_path}/nothing.db", "--enterprise", "acme")
    assert missing.code == 2
    assert "no SQLite store" in missing.err


def test_spans_and_moments_read_as_documented() -> None:
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert moment("-1d", now) == datetime(2026, 11, 30, 12, tzinfo=UTC)
    assert moment("+90m", now) == datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    assert moment("now", now) == now
    assert moment("2026-12-02T00:00:00Z", now) == datetime(2026, 12, 2, tzinfo=UTC)
    assert span("600").total_seconds() == 600
    assert span("12h").total_seconds() == 12 * 3600


def test_the_worker_schedule_comes_from_its_flags_or_its_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    from pexip_engage_cli._app import parse

    for name in ("PEXIP_ENGAGE_RECONCILE_EVERY", "PEXIP_ENGAGE_RECONCILE_FROM", "PEXIP_ENGAGE_RECONCILE_TO"):
        monkeypatch.delenv(name, raising=False)
    never = parse(["webhooks", "worker", "myapp.webhooks:receiver"]).options
    assert never.reconcile_every is None
    assert (never.reconcile_from, never.reconcile_to) == (timedelta(days=-1), timedelta(days=90))
    monkeypatch.setenv("PEXIP_ENGAGE_RECONCILE_EVERY", "10m")
    monkeypatch.setenv("PEXIP_ENGAGE_RECONCILE_FROM", "-2d")
    from_variables = parse(["webhooks", "worker", "myapp.webhooks:receiver"]).options
    assert (from_variables.reconcile_every, from_variables.reconcile_from) == (600.0, timedelta(days=-2))
    flags = ["--reconcile-every", "1h", "--reconcile-to=+7d"]
    from_flags = parse(["webhooks", "worker", "myapp.webhooks:receiver", *flags]).options
    assert (from_flags.reconcile_every, from_flags.reconcile_to) == (3600.0, timedelta(days=7))
