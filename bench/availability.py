"""Branch searches through an `AvailabilityStore`: a cold search, a catch-up, and warm searches, in time and requests.

    python -m bench.availability [--branches 10] [--advisers 20] [--days 14] [--latency 0.2] [--searches 60]

The fake API, served over HTTP on 127.0.0.1 (in a thread of this process) at the documented limits (4 in flight,
3,000 a minute) and `--latency` seconds an answer, holds `--branches` branches of `--advisers` advisers, each as
bench/team.py seeds one (a block each working day, four appointments and a calendar event a day). The client keeps
the documented limits (its default governor); the store is a SQLite file. Measured: the first search of a branch
(cold: its lists read into the store), a catch-up of every branch, then `--searches` searches of random branches
(warm: from the store), each `team_free_busy` and `Candidates.from_team`; and the requests of each.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import random
import statistics
import tempfile
import time
from pathlib import Path

from pexip_engage_client import Candidates, PexipEngage
from pexip_engage_client.availability import AvailabilityStore
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ._harness import add_results_argument, record, row
from .team import START, seed_branch


def bank(branches: int, advisers: int, days: int, latency: float) -> FakePexipEngage:
    fake = FakePexipEngage(latency=latency)
    fake.add_token("bench-token")
    fake.add_subject(id="mortgage")
    fake.add_customer(id="customer-1")
    for n in range(branches):
        seed_branch(fake, f"branch-{n:03}", advisers, days)
    return fake


async def search(engage: PexipEngage, store: AvailabilityStore, office: str, days: int) -> tuple[float, int]:
    """Seconds for a branch's view and its candidates, and how many candidates."""
    started = time.perf_counter()
    end = START + datetime.timedelta(days=days)
    team = await engage.availability.team_free_busy(office, start=START, end=end, subject_id="mortgage", store=store)
    proposal = Candidates.from_team(team, 30, step=15, order="fair")
    return time.perf_counter() - started, len(proposal)


async def main(arguments: argparse.Namespace) -> None:
    fake = bank(arguments.branches, arguments.advisers, arguments.days, arguments.latency)
    offices = [f"branch-{n:03}" for n in range(arguments.branches)]
    rng = random.Random(107)  # noqa: S311 - which branches the customers search
    with serve(fake) as root, tempfile.TemporaryDirectory() as folder:
        async with (
            PexipEngage("acme", token="bench-token", base_url=root) as engage,
            AvailabilityStore(f"sqlite:///{Path(folder) / 'availability.db'}", client=engage) as store,
        ):
            before = len(fake.calls)
            cold, _ = await search(engage, store, offices[0], arguments.days)
            cold_requests = len(fake.calls) - before
            for office in offices[1:]:
                await search(engage, store, office, arguments.days)
            before, started = len(fake.calls), time.perf_counter()
            await store.catch_up()
            catch_up, catch_up_requests = time.perf_counter() - started, len(fake.calls) - before
            before = len(fake.calls)
            warm = [await search(engage, store, rng.choice(offices), arguments.days) for _ in range(arguments.searches)]
            warm_requests = len(fake.calls) - before
    times = [seconds for seconds, _ in warm]
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"\n{arguments.branches} branches of {arguments.advisers} advisers over {arguments.days} days, "
        f"{arguments.latency * 1000:.0f} ms an answer, at the documented limits"
    )
    print(f"  cold search: {cold:.3f}s, {cold_requests} requests")
    print(f"  catch-up of every branch: {catch_up:.3f}s, {catch_up_requests} requests")
    print(
        f"  warm searches ({arguments.searches}): median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, {warm_requests} requests, {warm[-1][1]} candidates"
    )
    case = f"{arguments.branches} branches of {arguments.advisers} advisers, {arguments.latency * 1000:.0f} ms"
    record(
        arguments.results,
        "availability",
        [
            row("availability", f"{case}: warm search", "pexip_engage_client", "s", times),
            row("availability", f"{case}: cold search", "pexip_engage_client", "s", [cold]),
            row("availability", f"{case}: warm requests", "pexip_engage_client", "requests", [float(warm_requests)]),
        ],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--advisers", type=int, default=20)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--searches", type=int, default=60)
    add_results_argument(parser)
    asyncio.run(main(parser.parse_args()))
