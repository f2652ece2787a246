"""`WebhookReceiver.reconcile` in process (issue 69): after Engage's three attempts were spent on a
receiver answering 503, reading the appointments in a window hands every latest change the store
never saw to the handlers once, as `ReconciledAppointmentEvent`; what was delivered is already seen;
a delivery arriving after the reconcile is a duplicate. The fake API delivers and is read."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage, WebhookSender, appointment_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Delivery,
    ReconciledAppointmentEvent,
    ReconcileResult,
    WebhookReceiver,
)
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from ..support.loopback import unavailable

SECRET = "reconcile-s3cr3t"
START = datetime(2026, 12, 1, tzinfo=UTC)
END = START + timedelta(days=2)


def seed(fake: FakePexipEngage, count: int) -> list[str]:
    """`count` appointments inside the window, and one outside it."""
    ids = []
    for number in range(count):
        begins = START + timedelta(hours=1 + number % 40)
        appointment = fake.add_appointment(
            status="INCOMING_REQUEST", start=_wire(begins), end=_wire(begins + timedelta(minutes=30))
        )
        ids.append(appointment["id"])
    fake.add_appointment(status="INCOMING_REQUEST", start=_wire(END + timedelta(days=3)))
    return ids


def _wire(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def change(fake: FakePexipEngage, ids: list[str], times: int) -> dict[str, datetime]:
    """Change each appointment `times` times through the API; each one's latest updatedAt."""
    latest: dict[str, datetime] = {}
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        for appointment_id in ids:
            for _ in range(times):
                fake.clock.advance(1)
                changed = await engage.appointments.update_appointment_details(appointment_id, body={"answers": []})
                assert isinstance(changed.updated_at, datetime)
                latest[appointment_id] = changed.updated_at
    return latest


class Seen:
    """What the handlers were given, in order."""

    def __init__(self, receiver: WebhookReceiver) -> None:
        self.reconciled: list[tuple[str, datetime, bool]] = []
        self.delivered: list[tuple[str, Any]] = []

        @receiver.on(ReconciledAppointmentEvent)
        async def caught_up(event: ReconciledAppointmentEvent, delivery: Delivery) -> None:
            assert event.reconciled is True
            assert isinstance(event.appointment.updated_at, datetime)
            self.reconciled.append((event.appointment.id, event.appointment.updated_at, delivery.reconciled))

        @receiver.on(AppointmentWebhookEvent)
        async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
            assert delivery.reconciled is False
            self.delivered.append((event.data.appointment.id, event.data.appointment.updated_at))


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return "memory://" if request.param == "memory" else f"sqlite:///{tmp_path}/events.db"


async def lost_while_down(fake: FakePexipEngage, ids: list[str], times: int) -> dict[str, datetime]:
    sender = WebhookSender(unavailable, key=SECRET, time_scale=0.001)  # Engage's schedule in ~50 ms
    fake.webhooks = sender
    latest = await change(fake, ids, times)
    await sender.drain()
    assert len(sender.lost) == len(ids) * times  # every attempt of every event spent
    assert {attempt.status for attempt in sender.attempts} == {503}
    assert len(sender.attempts) == 3 * len(ids) * times
    await sender.aclose()
    fake.webhooks = None
    return latest


async def test_the_changes_lost_while_the_receiver_answered_503_reach_the_handlers_once(store: str) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 10)
    latest = await lost_while_down(fake, ids, times=2)
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)
    seen = Seen(receiver)
    async with receiver, PexipEngage("acme", token="t", transport=fake) as engage:
        result = await receiver.reconcile(engage, start=START, end=END)
        async with asyncio.timeout(10):
            await receiver.join()
        assert result == ReconcileResult(appointments=10, handed_over=10, already_seen=0)
        assert sorted((appointment, updated) for appointment, updated, _ in seen.reconciled) == sorted(latest.items())
        assert all(flag for *_, flag in seen.reconciled)
        # Run again: nothing new.
        again = await receiver.reconcile(engage, start=START, end=END)
        assert again == ReconcileResult(appointments=10, handed_over=0, already_seen=10)
        # A late delivery of a change handed over is a duplicate; of a newer one, a new event.
        first = ids[0]
        appointment = (await engage.appointments.get_appointment_by_id(first)).to_dict()
        late = await receiver.receive(appointment_event(appointment, "GENERIC_UPDATE", event_id="late"), key=SECRET)
        assert (late.status, late.reason) == (200, "duplicate: already received")
        async with asyncio.timeout(10):
            await receiver.join()
    assert len(seen.reconciled) == 10
    assert seen.delivered == []


async def test_what_was_delivered_is_already_seen_and_only_the_lost_changes_are_handed_over(store: str) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 10)
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.02)
    seen = Seen(receiver)
    async with receiver:
        # 300 ms to answer, ample for a durable insert
        sender = fake.deliver_webhooks(receiver.asgi_app(), key=SECRET, time_scale=0.1)
        delivered = await change(fake, ids, times=1)  # every change delivered and handled
        await sender.drain()
        async with asyncio.timeout(10):
            await receiver.join()
        await sender.aclose()
        assert sorted(seen.delivered) == sorted(delivered.items())
        latest = await lost_while_down(fake, ids[:4], times=1)  # then the receiver was down for 4 changes
        async with PexipEngage("acme", token="t", transport=fake) as engage:
            result = await receiver.reconcile(engage, start=START, end=END)
        async with asyncio.timeout(10):
            await receiver.join()
    assert result == ReconcileResult(appointments=10, handed_over=4, already_seen=6)
    assert sorted((appointment, updated) for appointment, updated, _ in seen.reconciled) == sorted(latest.items())


async def test_reconcile_without_a_running_receiver_leaves_the_changes_to_whoever_handles_the_store(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 5)
    latest = await lost_while_down(fake, ids, times=1)
    url = f"sqlite:///{tmp_path}/events.db"
    writer = WebhookReceiver(url, secret=SECRET)  # a cron job's: no handler, never started
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        result = await writer.reconcile(engage, start=START, end=END)
    assert result.handed_over == 5
    worker = WebhookReceiver(url, secret=SECRET, poll_interval=0.02)
    seen = Seen(worker)
    async with worker, asyncio.timeout(10):
        await worker.join()  # until nothing is due in the store: the five handled
    assert sorted((appointment, updated) for appointment, updated, _ in seen.reconciled) == sorted(latest.items())


def test_reconcile_sync_reads_with_the_sync_client_and_counts_alike(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 6)
    latest = asyncio.run(lost_while_down(fake, ids, times=1))
    url = f"sqlite:///{tmp_path}/events.db"
    receiver = WebhookReceiver(url, secret=SECRET)
    with fake.serve() as base_url, SyncPexipEngage("acme", token="t", base_url=base_url) as engage:
        first = receiver.reconcile_sync(engage, start=START, end=END)
        again = receiver.reconcile_sync(engage, start=START, end=END)
    assert first == ReconcileResult(appointments=6, handed_over=6, already_seen=0)
    assert again == ReconcileResult(appointments=6, handed_over=0, already_seen=6)

    async def handle() -> list[tuple[str, datetime, bool]]:
        worker = WebhookReceiver(url, secret=SECRET, poll_interval=0.02)
        seen = Seen(worker)
        async with worker, asyncio.timeout(10):
            await worker.join()
        return seen.reconciled

    handled = asyncio.run(handle())
    assert sorted((appointment, updated) for appointment, updated, _ in handled) == sorted(latest.items())


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (datetime(2026, 12, 1), END, "start must be timezone-aware"),
        (START, "2026-12-02", "end must be a datetime"),
        (END, START, "start must be before end"),
    ],
)
async def test_a_bad_window_is_refused_naming_the_argument(start: Any, end: Any, message: str) -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    async with PexipEngage("acme", token="t", transport=FakePexipEngage()) as engage:
        with pytest.raises(ValueError, match=message):
            await receiver.reconcile(engage, start=start, end=end)


async def test_a_delivery_may_not_take_a_reconciled_id() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    body = appointment_event({"id": "a"}, "ACCEPT", event_id="reconciled:a:1")
    async with receiver:
        answer = await receiver.receive(body, key=SECRET)
    assert answer.status == 400
    assert "reconciled" in answer.reason


async def handed_over(seen: Seen, changes: dict[str, datetime]) -> None:
    """Wait (10 s at most) until every one of `changes` reached the handlers."""
    async with asyncio.timeout(10):
        while not set(changes.items()) <= {(appointment, at) for appointment, at, _ in seen.reconciled}:  # noqa: ASYNC110 - the worker's handlers are watched
            await asyncio.sleep(0.01)


async def test_a_worker_catches_up_on_its_schedule_and_logs_the_counts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 5)
    now = datetime.now(UTC)
    window = (START - now - timedelta(hours=1), END - now)  # the seeded window, as offsets from now
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET, poll_interval=0.02)
    seen = Seen(receiver)
    caplog.set_level("INFO", "pexip_engage_client.webhooks")
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        worker = asyncio.create_task(
            receiver.run_worker(stop_signals=False, reconcile_every=0.05, reconcile_window=window, engage=engage)
        )
        # The worker's first reconcile may run before these changes (it then hands over the seeded
        # states too) or after them: either way each lost change reaches the handlers once.
        latest = await lost_while_down(fake, ids, times=1)  # lost while the worker runs
        await handed_over(seen, latest)
        more = await lost_while_down(fake, ids[:2], times=1)  # and later ones, at a later period
        await handed_over(seen, more)
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
    changes = [(appointment, at) for appointment, at, _ in seen.reconciled]
    assert len(changes) == len(set(changes))  # none twice
    for appointment in ids:  # each appointment's in its order, the latest last
        its = [at for one, at in changes if one == appointment]
        assert its == sorted(its)
        assert its[-1] == more.get(appointment, latest[appointment])
    logged = [record.getMessage() for record in caplog.records if "reconciled" in record.getMessage()]
    assert any("5 appointments read, 5 changes handed over, 0 already seen" in line for line in logged)


async def test_a_worker_schedule_needs_a_client_and_a_window_in_order() -> None:
    receiver = WebhookReceiver("memory://", secret=SECRET)
    Seen(receiver)
    with pytest.raises(ValueError, match="needs a client"):
        await receiver.run_worker(stop_signals=False, reconcile_every=60)
    with pytest.raises(ValueError, match="reconcile_every must be a positive number"):
        await receiver.run_worker(stop_signals=False, reconcile_every=0, engage=object())  # type: ignore[arg-type]
    backwards = (timedelta(days=1), timedelta(days=-1))
    with pytest.raises(ValueError, match="reconcile_window"):
        await receiver.run_worker(stop_signals=False, reconcile_every=60, reconcile_window=backwards)


async def test_reconcile_sync_beside_a_running_receiver_hands_over_on_its_loop(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    ids = seed(fake, 4)
    latest = await lost_while_down(fake, ids, times=1)
    receiver = WebhookReceiver(f"sqlite:///{tmp_path}/events.db", secret=SECRET, poll_interval=0.02)
    seen = Seen(receiver)

    def from_a_thread(base_url: str) -> ReconcileResult:
        with SyncPexipEngage("acme", token="t", base_url=base_url) as engage:
            return receiver.reconcile_sync(engage, start=START, end=END)

    with fake.serve() as base_url:
        async with receiver:
            result = await asyncio.to_thread(from_a_thread, base_url)
            async with asyncio.timeout(10):
                await receiver.join()
            with (
                SyncPexipEngage("acme", token="t", base_url=base_url) as engage,
                pytest.raises(RuntimeError, match="await reconcile"),
            ):
                receiver.reconcile_sync(engage, start=START, end=END)
    assert result == ReconcileResult(appointments=4, handed_over=4, already_seen=0)
    assert sorted((appointment, at) for appointment, at, _ in seen.reconciled) == sorted(latest.items())


async def test_a_store_of_ones_own_without_add_reconciled_is_refused_before_any_read() -> None:
    class Older(MemoryStore):
        add_reconciled = None  # type: ignore[assignment]  # a store written before reconcile existed

    receiver = WebhookReceiver(Older(), secret=SECRET)  # type: ignore[arg-type]
    fake = FakePexipEngage()
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        with pytest.raises(TypeError, match="add_reconciled"):
            await receiver.reconcile(engage, start=START, end=END)
    assert fake.calls == []


async def test_without_a_handler_of_its_own_a_reconciled_change_goes_as_a_generic_update() -> None:
    """A receiver written for delivered events catches up too: the handler of GENERIC_UPDATE, else of
    AppointmentWebhookEvent, gets it, reading it where the two agree, and can tell it apart."""
    fake = FakePexipEngage()
    ids = seed(fake, 2)
    latest = await lost_while_down(fake, ids, times=1)
    by_class = WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02)
    got: list[tuple[str, str, Any, bool, bool]] = []

    @by_class.on(AppointmentWebhookEvent)
    async def changed(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        appointment = event.data.appointment
        marked = getattr(event, "reconciled", False)
        got.append((event.data.event_type.value, appointment.id, appointment.updated_at, marked, delivery.reconciled))

    by_type = WebhookReceiver("memory://", secret=SECRET, poll_interval=0.02)
    generic: list[str] = []

    @by_type.on("GENERIC_UPDATE")
    async def updated(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        generic.append(event.data.appointment.id)

    async with PexipEngage("acme", token="t", transport=fake) as engage:
        for receiver in (by_class, by_type):
            async with receiver:
                await receiver.reconcile(engage, start=START, end=END)
                async with asyncio.timeout(10):
                    await receiver.join()
    assert sorted(got) == sorted(("GENERIC_UPDATE", key, at, True, True) for key, at in latest.items())
    assert sorted(generic) == sorted(ids)
