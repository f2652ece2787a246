"""What each kind of the mirror's catch-up costs: requests and time, at 20,000 and 200,000 rows.

    python -m bench.mirror_catch_up [--rows 20000 200000] [--latency 0.05]

The fake API is served on loopback (`FakePexipEngage.serve()`), keeping Engage's documented limits (4
calls in flight, 3,000 a minute) and answering each call `--latency` seconds late; the mirror's client
keeps them too, on a SQLite file. The rows' times are spread over five years (four past, one ahead),
the last change of each a month ago, as a table that grew for years holds them; so the window (a day
ago to 90 days ahead) holds about a twentieth of them. The kinds, in order:

- **everything, first**: the catch-up of everything on an empty table (the first start);
- **everything, again**: the daily one, nothing changed;
- **window, steady**: the frequent one (every 10 minutes by default), nothing changed;
- **window, 1% changed**: the frequent one after 1% of the rows (those from 6 days ago to 30 days
  ahead: a past one completed late, a coming one accepted) changed with their deliveries lost.

Printed per kind: the requests (`getAppointments` and `getAppointmentById` calls) and the seconds it took,
and, from them, the steady cost projected to 1,000,000 rows: the window's requests every 10 minutes
and the everything's once a day, in requests a minute (Engage's limit: 3,000).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage

SECRET = "bench-s3cr3t"  # noqa: S105 - a loopback-only test key
_READS = ("getAppointments", "getAppointmentById")


def _wire(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def seeded(count: int, latency: float) -> FakePexipEngage:
    """`count` appointments over five years (four past, one ahead), each last changed a month ago."""
    fake = FakePexipEngage(latency=latency)
    fake.add_subject(id="subject-1")
    fake.add_office(id="office-1")
    fake.add_customer(id="customer-1")
    fake.add_employee(id="employee-1", email="employee-1@example.com")
    now = datetime.now(UTC)
    first, span = now - timedelta(days=4 * 365), timedelta(days=5 * 365)
    changed = _wire(now - timedelta(days=30))
    for number in range(count):
        start = first + span * (number / count)
        fake.add_appointment(
            id=f"bench-{number}",
            start=_wire(start),
            end=_wire(start + timedelta(minutes=30)),
            subject={"id": "subject-1"},
            office={"id": "office-1"},
            appointmentParticipants=[
                {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
            ],
            status="ACCEPTED",
            meetingType="VIDEO",
        )
        fake.appointments[f"bench-{number}"]["updatedAt"] = changed
    return fake


def reads(fake: FakePexipEngage) -> int:
    return sum(len(fake.calls_to(operation)) for operation in _READS)


async def measure(count: int, latency: float) -> dict[str, tuple[int, float]]:
    """(requests, seconds) of each kind of catch-up over `count` rows."""
    fake = seeded(count, latency)
    found: dict[str, tuple[int, float]] = {}
    with tempfile.TemporaryDirectory() as directory, fake.serve() as base_url:
        async with PexipEngage("acme", token="bench", base_url=base_url) as engage:
            mirror = AppointmentMirror(
                f"sqlite:///{Path(directory) / 'mirror.db'}", secret=SECRET, client=engage, catch_up_every=None
            )
            try:

                async def kind(name: str, *, everything: bool) -> int:
                    before, started = reads(fake), time.monotonic()
                    caught = await mirror.catch_up(everything=everything)
                    found[name] = (reads(fake) - before, time.monotonic() - started)
                    return caught.changed

                await kind("everything, first", everything=True)
                await kind("everything, again", everything=True)
                await kind("window, steady", everything=False)
                now = datetime.now(UTC)
                near = [
                    appointment_id
                    for appointment_id, appointment in fake.appointments.items()
                    if now - timedelta(days=6)
                    <= datetime.fromisoformat(appointment["start"])
                    <= now + timedelta(days=30)
                ][: max(1, count // 100)]
                for appointment_id in near:  # changed, their deliveries lost
                    fake.clock.advance(0.001)
                    fake.appointments[appointment_id] = {
                        **fake.appointments[appointment_id],
                        "status": "COMPLETED",
                        "updatedAt": fake.clock.write_time(),
                    }
                assert await kind("window, 1% changed", everything=False) == len(near)  # every change found
            finally:
                await mirror.stop()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()
    for count in options.rows:
        found = asyncio.run(measure(count, options.latency))
        print(f"{count:,} rows")
        for name, (requests, seconds) in found.items():
            print(f"  {name:<22} {requests:>7,} requests  {seconds:>8.1f} s")
        # Each listing's pages grow with the rows; the empty page that ends it does not.
        scale = 1_000_000 / count
        window = (found["window, steady"][0] - 1) * scale + 1
        everything = (found["everything, again"][0] - 1) * scale + 1
        steady = window / 10 + everything / (24 * 60)
        print(
            f"  at 1,000,000 rows: the window's {window:,.0f} requests every 10 minutes and everything's"
            f" {everything:,.0f} a day: {steady:,.0f} requests a minute (5% of Engage's 3,000: 150)"
        )


if __name__ == "__main__":
    main()
