"""The mirror on PostgreSQL through a real restart of the server, with changes coming all the while: the
deliveries refused meanwhile (503) are retried or lost, the reads and the hooks wait, and once the
database is back the mirror carries on; after a catch-up the table equals the API and no change was
handed to the hook twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror, MirroredAppointment
from pexip_engage_client.testing import FakePexipEngage

from ..support.mirror import SECRET, reschedule, seed, seed_references, stale_or_missing
from ..support.postgres_server import migrated, postgres_server
from ..support.waiting import eventually

pytestmark = [pytest.mark.end_to_end, pytest.mark.slow]

NOW = datetime.now(UTC)


async def test_a_postgresql_restart_under_changes_leaves_the_table_equal_to_the_api_after_a_catch_up(
    tmp_path: Path,
) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    ids = seed(fake, 20, starting=NOW + timedelta(days=2))
    handed: list[int] = []
    with postgres_server() as server:
        database = migrated(f"{server.url}?schema=mirror_restart")
        async with PexipEngage("acme", token="t", transport=fake) as engage:
            mirror = AppointmentMirror(
                database, secret=SECRET, client=engage, catch_up_every=1.0, quiet=0.02, poll_interval=0.1
            )

            @mirror.on_change
            async def changed(before: MirroredAppointment | None, after: MirroredAppointment) -> None:
                handed.append(after.sequence)

            sender = fake.deliver_webhooks(mirror.asgi_app(), key=SECRET, duplicates=1, time_scale=0.05)
            async with mirror:
                async with asyncio.timeout(30):
                    await mirror.join()
                restarting = asyncio.create_task(asyncio.to_thread(server.restart))
                for round_ in range(6):  # before, during and after the restart
                    for number, appointment_id in enumerate(ids):
                        fake.clock.advance(1)
                        await reschedule(engage, appointment_id, NOW + timedelta(days=3 + round_, hours=number))
                    await asyncio.sleep(0.3)
                await restarting
                await sender.drain()
                await eventually(lambda: not stale_or_missing(database, fake), 60)
                last = (await mirror.status()).last_change
                await eventually(lambda: len(handed) >= last, 30)
        assert stale_or_missing(database, fake) == []
    assert [number for number, count in Counter(handed).items() if count > 1] == []
    assert handed == sorted(handed)
    assert len(sender.lost) + len(sender.delivered) == 2 * 6 * 20
    assert 503 in {attempt.status for attempt in sender.attempts}  # the restart was felt: deliveries refused
