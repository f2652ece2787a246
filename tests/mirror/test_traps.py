"""The three traps a team's hand-written copy fell into (issue 89), each met by the mirror.

- An appointment rescheduled to +100 days (and +200) while the receiver was down: reconcile's window
  (-1 day to +90 days) does not list it, and the copy stayed stale with no sign in the counts. A
  catch-up reads again every row the window did not cover, and says so in its counts.
- A webhook event carries no status, start or end: the table holds what the API says, read for it.
- Nothing showed what was waiting: `status()` counts the events and the reads that wait.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage, WebhookSender, appointment_event
from pexip_engage_client.webhooks import WebhookReceiver

from ..support.loopback import unavailable
from ..support.mirror import SECRET, reschedule, seed, seed_references, stale_or_missing, table

NOW = datetime.now(UTC)


async def lost(fake: FakePexipEngage, changes: int) -> WebhookSender:
    """Deliveries to a receiver that is down, each of Engage's three attempts spent: every change is lost."""
    sender = WebhookSender(unavailable, key=SECRET, time_scale=0.001)
    fake.webhooks = sender
    return sender


async def test_an_appointment_moved_past_the_window_while_the_receiver_was_down_is_caught_up(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 6, starting=NOW + timedelta(days=2))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            first = await mirror.catch_up()
            assert (first.listed, first.added) == (6, 6)
            sender = await lost(fake, 2)
            fake.clock.advance(1)
            await reschedule(engage, ids[0], NOW + timedelta(days=100))
            fake.clock.advance(1)
            await reschedule(engage, ids[1], NOW + timedelta(days=200))
            await sender.drain()
            assert len(sender.lost) == 2  # every attempt spent: Engage drops the events
            fake.webhooks = None

            # The trap: reconcile reads the window, which no longer holds them, and its counts say nothing of them.
            receiver = WebhookReceiver("memory://", secret=SECRET)
            reconciled = await receiver.reconcile(engage, start=NOW - timedelta(days=1), end=NOW + timedelta(days=90))
            assert reconciled.appointments == 4  # the two moved ones are not read

            caught = await mirror.catch_up()  # the same window, by default
    assert caught.start is not None
    assert caught.end is not None
    assert caught.start < NOW < caught.end
    assert (caught.listed, caught.reread) == (4, 2)  # the two rows the window did not cover, read again by id
    assert (caught.updated, caught.unchanged, caught.changed) == (2, 4, 2)
    rows = table(database)
    assert rows[ids[0]]["start"] == NOW.replace(microsecond=NOW.microsecond // 1000 * 1000) + timedelta(days=100)
    assert rows[ids[1]]["start"] == NOW.replace(microsecond=NOW.microsecond // 1000 * 1000) + timedelta(days=200)
    assert stale_or_missing(database, fake) == []


async def test_appointments_booked_outside_the_window_while_down_are_found_by_a_catch_up_of_everything(
    database: str,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            await mirror.catch_up(everything=True)
            far = seed(fake, 3, starting=NOW + timedelta(days=300))  # the table never held them
            past = seed(fake, 2, starting=NOW - timedelta(days=30))
            window = await mirror.catch_up()
            assert window.added == 0  # outside the window, and no row of the table to read again
            everything = await mirror.catch_up(everything=True)
    assert (everything.start, everything.end, everything.listed, everything.added) == (None, None, 5, 5)
    assert set(table(database)) == {*far, *past}
    assert stale_or_missing(database, fake) == []


async def test_the_table_holds_what_the_api_says_where_the_event_carries_no_status_start_or_end(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 3, starting=NOW + timedelta(days=2))
    delivered: list[bytes] = []
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        sender = fake.deliver_webhooks(mirror.asgi_app(), key=SECRET, time_scale=0.01)
        async with mirror:
            await engage.appointments.accept_appointment(ids[0])
            fake.clock.advance(1)
            await reschedule(engage, ids[1], NOW + timedelta(days=5))
            await sender.drain()
            delivered += sender.delivered
            async with asyncio.timeout(10):
                await mirror.join()
    for body in delivered:  # what Engage's event says of the appointment: no state
        appointment = json.loads(body)["data"]["appointment"]
        assert {"status", "start", "end"}.isdisjoint(appointment)
    rows = table(database)
    assert rows[ids[0]]["status"] == "ACCEPTED"
    assert rows[ids[1]]["start"] == datetime.fromisoformat(fake.appointments[ids[1]]["start"].replace("Z", "+00:00"))
    assert ids[2] not in rows  # no event named it, and no catch-up ran


async def test_status_says_what_waits_and_how_far_the_table_is(database: str) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 4, starting=NOW + timedelta(days=2))
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with mirror:
            await mirror.catch_up()
        # Only the receiver runs: the events are taken in and the appointments they name wait for a read.
        sender = fake.deliver_webhooks(mirror.receiver.asgi_app(), key=SECRET, time_scale=0.01)
        async with mirror.receiver:
            for appointment_id in ids[:3]:
                fake.clock.advance(1)
                await engage.appointments.accept_appointment(appointment_id)
            await sender.drain()
            async with asyncio.timeout(10):
                await mirror.receiver.join()
        waiting = await mirror.status()
        async with mirror:
            async with asyncio.timeout(10):
                await mirror.join()
            done = await mirror.status()
    assert (waiting.rows, waiting.waiting_reads, waiting.last_change) == (4, 3, 4)
    assert waiting.last_catch_up is not None
    assert waiting.last_catch_up.added == 4
    assert (done.waiting_reads, done.waiting_events, done.last_change) == (0, 0, 7)
    assert done.newest_updated_at == max(table(database)[i]["updated_at"] for i in ids)


async def test_a_read_in_flight_as_a_catch_up_begins_is_read_again_by_it(tmp_path: Path) -> None:
    """Exact after a catch-up: a row an event's read asked the API for before the catch-up began, and applied
    after, holds the appointment as of that earlier moment; a change made in between (its deliveries lost)
    is found by the catch-up's reads by id, wherever the appointment is."""
    fake = FakePexipEngage()
    seed_references(fake)
    far = seed(fake, 1, starting=NOW + timedelta(days=200))[0]  # outside the window: only a read by id finds it
    held, release = asyncio.Event(), asyncio.Event()

    class Holding(httpx2.AsyncBaseTransport):
        """The fake, but the event's read is answered as the API had it when asked and held until the catch-up
        has begun, then applied before the catch-up goes on."""

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            response = await fake.handle_async_request(request)
            await response.aread()
            if "id" in request.url.params and not held.is_set():
                held.set()
                await release.wait()
            elif "from" in request.url.params and held.is_set():  # the catch-up's listing: it has begun
                release.set()
                async with asyncio.timeout(10):
                    await mirror.join()  # the held read applied
            return response

    database = f"sqlite:///{tmp_path}/mirror.db"
    async with PexipEngage("acme", token="t", transport=Holding()) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0.01)
        async with mirror:
            await mirror.catch_up(everything=True)
            fake.clock.advance(1)
            await reschedule(engage, far, NOW + timedelta(days=201))
            event = appointment_event(dict(fake.appointments[far]), "RESCHEDULE")
            assert (await mirror.receive(event, key=SECRET)).status == 202
            async with asyncio.timeout(10):
                await held.wait()  # the event's read has its answer
            fake.clock.advance(1)
            await reschedule(engage, far, NOW + timedelta(days=202))  # every delivery lost
            caught = await mirror.catch_up()
    assert caught.reread == 1
    assert stale_or_missing(database, fake) == []
