"""The appointment mirror at the API's documented limits: changes applied per second, API reads per event.

    python -m bench.mirror [--appointments 500] [--rounds 3] [--latency 0.05] [--results PATH]

The fake API (in memory) keeps Engage's limits (4 in flight, 3,000 a minute) and answers each call
`--latency` seconds late, as a distant server would; the mirror's client keeps them too. Each round,
on a new SQLite file (and a new PostgreSQL schema, where a server can be started), three cases:

- **a burst**: `--appointments` appointments changed at once (in the fake's store, so that the API's
  rate is the mirror's alone), each event delivered three times, the deliveries spread at random
  over a second (so in no order), to the mirror's ASGI face in process; timed from the first
  delivery to the last change applied (`join()`);
- **a stream**: 200 appointments changed five times each over five seconds, an event every 5 ms:
  what the bursts of one appointment's events cost in reads;
- **a catch-up of everything** over the `--appointments` rows the table holds, each changed since.

Printed per case and database: changes applied per second, and API reads (requests that read
appointments: pages by id, single reads, listings) per event delivered (duplicates not counted)
or, for the catch-up, per appointment; medians of the rounds, lowest-highest in brackets.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pexip_engage_client import PexipEngage
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.testing import FakePexipEngage, WebhookSender, appointment_event

from ._harness import add_results_argument, record, row

SECRET = "bench-s3cr3t"  # noqa: S105 - a loopback-only test key
_READS = ("getAppointments", "getAppointmentById")


def seeded(count: int, latency: float) -> FakePexipEngage:
    fake = FakePexipEngage(latency=latency)  # Engage's limits, kept by the fake as by the client
    fake.add_subject(id="subject-1")
    fake.add_office(id="office-1")
    begins = datetime.now(UTC) + timedelta(days=2)
    for number in range(count):
        start = begins + timedelta(minutes=30 * number)
        fake.add_appointment(
            id=f"bench-{number}",
            start=start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            end=(start + timedelta(minutes=30)).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            subject={"id": "subject-1"},
            office={"id": "office-1"},
            appointmentParticipants=[
                {"role": "PRIMARY", "participant": {"id": "customer-1"}, "type": "CUSTOMER"},
                {"role": "PRIMARY", "participant": {"id": "employee-1"}, "type": "EMPLOYEE"},
            ],
            status="INCOMING_REQUEST",
            meetingType="VIDEO",
        )
    return fake


def changed(fake: FakePexipEngage, appointment_id: str) -> bytes:
    """The appointment changed in the fake's store (the API's rate left to the mirror), and its event."""
    fake.clock.advance(0.001)
    appointment = fake.appointments[appointment_id]
    appointment["internalNotes"] = uuid.uuid4().hex
    appointment["updatedAt"] = fake.clock.write_time()
    return appointment_event(dict(appointment), "GENERIC_UPDATE")


def reads(fake: FakePexipEngage) -> int:
    return sum(len(fake.calls_to(operation)) for operation in _READS)


async def one_round(database: str, count: int, latency: float) -> dict[str, tuple[float, float]]:
    """(changes applied per second, reads per event or appointment) for each case, on one database."""
    fake = seeded(count, latency)
    found: dict[str, tuple[float, float]] = {}
    async with PexipEngage("acme", token="bench", transport=fake) as engage:
        mirror = AppointmentMirror(database, secret=SECRET, client=engage, catch_up_every=None)
        # Each event three times, the deliveries of a burst spread over a second (Engage sends as changes come).
        sender = WebhookSender(mirror.asgi_app(), key=SECRET, duplicates=2, reorder_window=1.0, max_recorded=0)
        async with mirror:
            await mirror.catch_up(everything=True)
            await mirror.join()
            before, last = reads(fake), (await mirror.status()).last_change
            started = time.monotonic()
            for number in range(count):  # a burst
                sender.send(changed(fake, f"bench-{number}"))
            await sender.drain()
            await mirror.join()
            applied = (await mirror.status()).last_change - last
            found["a burst"] = (applied / (time.monotonic() - started), (reads(fake) - before) / count)

            before, last, events = reads(fake), (await mirror.status()).last_change, 0
            started = time.monotonic()
            for _ in range(5):  # a stream: each of 200 appointments changed five times, an event every 5 ms
                for number in range(200):
                    sender.send(changed(fake, f"bench-{number}"))
                    events += 1
                    await asyncio.sleep(0.005)
            await sender.drain()
            await mirror.join()
            applied = (await mirror.status()).last_change - last
            found["a stream"] = (applied / (time.monotonic() - started), (reads(fake) - before) / events)

            for number in range(count):  # every appointment changed while the mirror heard nothing
                changed(fake, f"bench-{number}")
            before = reads(fake)
            started = time.monotonic()
            caught = await mirror.catch_up(everything=True)
            elapsed = time.monotonic() - started
            assert caught.updated == count, caught
            found["a catch-up of everything"] = (caught.changed / elapsed, (reads(fake) - before) / count)
        await sender.aclose()
    return found


@contextlib.contextmanager
def databases() -> Iterator[dict[str, Any]]:
    """A SQLite folder, and a PostgreSQL server where one can be started (tests/support/postgres_server.py)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-mirror-"))
    found: dict[str, Any] = {"SQLite": lambda: f"sqlite:///{folder}/{uuid.uuid4().hex}.db"}
    with contextlib.ExitStack() as stack:
        try:
            from tests.support.postgres_server import binaries, postgres_server  # noqa: PLC0415

            if binaries() is not None:
                server = stack.enter_context(postgres_server())
                found["PostgreSQL"] = lambda: f"{server.url}?schema=bench_{uuid.uuid4().hex[:12]}"
        except ImportError:  # run outside the repository
            pass
        yield found


async def main(count: int, rounds: int, latency: float, results: Path | None) -> None:
    measured: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with databases() as kinds:
        for _ in range(rounds):
            for kind, database in kinds.items():
                for case, found in (await one_round(database(), count, latency)).items():
                    measured.setdefault((kind, case), []).append(found)
    print(
        f"\nThe mirror at Engage's limits (4 in flight, 3,000 a minute, {latency * 1000:g} ms a call),"
        f" {count} appointments, median of {rounds} (lowest-highest)"
    )
    print(f"{'database':11} {'case':26} {'changes applied/s':>24} {'API reads per event':>26}")
    rows = []
    for (kind, case), figures in measured.items():
        rates, per = [rate for rate, _ in figures], [share for _, share in figures]
        unit = "per appointment" if "catch-up" in case else "per event"
        print(f"{kind:11} {case:26} {_spread(rates, '.0f'):>24} {_spread(per, '.4f'):>20} {unit}")
        rows.append(
            row("mirror", f"changes applied per second, {case}", kind, "changes/s", rates, higher_is_better=True)
        )
        rows.append(row("mirror", f"API reads {unit}, {case}", kind, "reads", per))
    record(results, "mirror", rows)


def _spread(values: list[float], form: str) -> str:
    return f"{statistics.median(values):{form}} ({min(values):{form}}-{max(values):{form}})"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--appointments", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.05)
    add_results_argument(parser)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.appointments, arguments.rounds, arguments.latency, arguments.results))
