"""A CRM kept in step with Engage: the mirror's change hook writes each change to the CRM's table exactly once.

`changed` is the hook: `pexip-engage mirror run --on-change mirror_crm:changed` runs it from the
command line (docs/mirror.md), and `main` runs the same mirror in Python against the fake API, which
delivers its webhook events twice each, out of order.
"""

import asyncio
import os
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror, MirroredAppointment
from pexip_engage_client.testing import FakePexipEngage

# --8<-- [start:hook]
# The CRM's own database (a file here; your CRM's in use), named by the environment.
CRM = os.environ.get("CRM_DATABASE") or str(Path(tempfile.mkdtemp()) / "crm.db")


def changed(before: MirroredAppointment | None, after: MirroredAppointment) -> None:
    """One change of an appointment, written to the CRM once: a plain function, run in a thread."""
    with closing(sqlite3.connect(CRM)) as crm, crm:  # one transaction (the change and its number), then closed
        crm.execute("CREATE TABLE IF NOT EXISTS meetings (id TEXT PRIMARY KEY, status TEXT, starts TEXT)")
        crm.execute("CREATE TABLE IF NOT EXISTS applied (sequence INTEGER NOT NULL)")
        if crm.execute("SELECT 1 FROM applied WHERE sequence >= ?", (after.sequence,)).fetchone():
            return  # handed again after a crash between this commit and the mirror's cursor: done already
        crm.execute("DELETE FROM applied")
        crm.execute("INSERT INTO applied (sequence) VALUES (?)", (after.sequence,))
        if after.gone_at is not None:
            crm.execute("DELETE FROM meetings WHERE id = ?", (after.id,))
        else:
            starts = None if after.start is None else after.start.isoformat()
            crm.execute("INSERT OR REPLACE INTO meetings VALUES (?, ?, ?)", (after.id, after.status, starts))


# --8<-- [end:hook]


async def main() -> None:
    fake = FakePexipEngage()
    fake.add_subject(id="subject-1")
    fake.add_office(id="office-1")
    begins = datetime.now(UTC) + timedelta(days=2)
    ids = [
        fake.add_appointment(
            start=f"{begins + timedelta(hours=hour):%Y-%m-%dT%H:%M:%S.000Z}",
            end=f"{begins + timedelta(hours=hour, minutes=30):%Y-%m-%dT%H:%M:%S.000Z}",
            subject={"id": "subject-1"},
            office={"id": "office-1"},
            status="INCOMING_REQUEST",
            meetingType="VIDEO",
        )["id"]
        for hour in range(3)
    ]
    database = f"sqlite:///{tempfile.mkdtemp()}/mirror.db"
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        # --8<-- [start:mirror]
        mirror = AppointmentMirror(database, secret="change-me", client=engage)
        mirror.on_change(changed)  # at least once each; once in the CRM, which keeps the number
        # --8<-- [end:mirror]
        sender = fake.deliver_webhooks(mirror.asgi_app(), key="change-me", duplicates=1, reorder_window=0.05)
        async with mirror:  # catches up at start: every appointment is a change new to the table
            await engage.appointments.accept_appointment(ids[0])
            await sender.drain()
            await mirror.join()  # caught up, every event read and applied, every change handed to the hook
            status = await mirror.status()
            print(f"{status.rows} rows, {status.last_change} changes, {status.waiting_reads} reads waiting")
    with closing(sqlite3.connect(CRM)) as crm, crm:
        for row in crm.execute("SELECT id, status, starts FROM meetings ORDER BY starts"):
            print(row)


if __name__ == "__main__":
    asyncio.run(main())
