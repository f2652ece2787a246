"""The mirror made in one process and run in a child it forks, as gunicorn's `--preload` runs its workers."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage, appointment_event

from ..support.mirror import SECRET, seed, seed_references, stale_or_missing
from ..support.waiting import wait_until


def claimed_by(tmp_path: Path) -> str | None:
    if not (tmp_path / "mirror.db").exists():
        return None
    with closing(sqlite3.connect(tmp_path / "mirror.db")) as db, db:
        try:
            found = db.execute("SELECT claimed_by FROM mirror_pending WHERE claimed_by IS NOT NULL").fetchone()
        except sqlite3.OperationalError:  # its tables not made yet
            return None
    return None if found is None else str(found[0])


def test_a_forked_worker_killed_holding_a_read_lets_go_of_it_when_a_mirror_starts_on_its_host(tmp_path: Path) -> None:
    """A worker's claims name the worker, not the process that made the mirror before forking: when the worker
    dies holding a read, the next mirror to start on the host frees it at once (its process is gone), rather than
    waiting out the claim's lease while the process that forked it lives on."""
    fake = FakePexipEngage()
    seed_references(fake)
    appointment_id = seed(fake, 1, starting=datetime.now(UTC) + timedelta(days=3))[0]
    database = f"sqlite:///{tmp_path}/mirror.db"
    made_here = AppointmentMirror(database, secret=SECRET, catch_up_every=None, quiet=0)  # made, not started

    class Unanswered(httpx2.AsyncBaseTransport):
        """The fake, but a read by id never answered: the worker holds its claim until it dies."""

        async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
            if "id" in request.url.params:
                await asyncio.sleep(3600)
            return await fake.handle_async_request(request)

    async def work() -> None:
        async with PexipEngage("acme", token="t", transport=Unanswered()) as engage:
            made_here.client = engage
            async with made_here:
                event = appointment_event(dict(fake.appointments[appointment_id]), "GENERIC_UPDATE")
                await made_here.receive(event, key=SECRET)
                await asyncio.sleep(3600)

    worker = os.fork()
    if worker == 0:  # pragma: no cover - the worker, killed by the test
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a hung process ends rather than outlive the test
        signal.alarm(60)
        asyncio.run(work())
        os._exit(0)
    try:
        wait_until(lambda: claimed_by(tmp_path) is not None, 30)
        assert f":{worker}:" in str(claimed_by(tmp_path))
    finally:
        os.kill(worker, signal.SIGKILL)
        os.waitpid(worker, 0)

    async def restarted() -> None:
        async with PexipEngage("acme", token="t", transport=fake) as engage:
            again = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None, quiet=0)
            async with again, asyncio.timeout(10):  # far less than the claim's lease (60 s)
                await again.join()

    asyncio.run(restarted())
    assert stale_or_missing(database, fake) == []
