"""Branch searches through an `AvailabilityStore` at a bank's scale, with background work beside them.

    python -m bench.availability [--branches 500] [--advisers 20] [--seeded 4] [--days 7] [--latency 0.2]
                                 [--searches 60] [--per-minute 60] [--apply 5000]

The fake API, served over HTTP on 127.0.0.1 by a process of its own (Engage's work never holds the client's
interpreter, so neither does the fake's) at the documented limits (4 in flight,
3,000 a minute) and `--latency` seconds an answer, holds `--seeded` branches of `--advisers` advisers, each as
bench/team.py seeds one (a block each working day, four appointments and a calendar event a day). The store (a
SQLite file) holds `--branches` branches: the first read from the fake, the others its copies under their own
office and adviser ids (reading 500 branches at 3,000 requests a minute takes seven minutes), and the employees
of them all (10,000 for 500 branches of 20). The client keeps the documented limits (its default governor).

Measured, while a second store catches up the seeded branches again and again and an apply creates `--apply`
employees (both in the background lane: their requests keep the limits busy), each with its own client of the
same governor: `--searches` warm searches of random branches held, `--per-minute` (each
`team_free_busy` and `Candidates.from_team`, from the store, the least recently searched lists decoded again);
a cold search of each other seeded branch (its lists read from the fake, in the interactive lane); how long an
interactive request (`getEmployeeById`, once a second) takes beyond the fake's latency (its wait for a slot); and
the requests the fake refused (429).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import multiprocessing
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pexip_engage_client import Candidates, Governor, PexipEngage
from pexip_engage_client.availability import AvailabilityStore, _tables
from pexip_engage_client.provisioning import ApplyInterruptedError, Plan, apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ._harness import add_results_argument, record, row
from .team import START, seed_branch


def bank(branches: int, advisers: int, days: int, latency: float) -> FakePexipEngage:
    fake = FakePexipEngage(latency=latency)
    fake.add_token("bench-token")
    fake.add_token("background-token")
    fake.add_token("apply-token")
    fake.add_subject(id="mortgage")
    fake.add_customer(id="customer-1")
    for n in range(branches):
        seed_branch(fake, office(n), advisers, days)
    return fake


def office(n: int) -> str:
    return f"branch-{n:03}"


async def search(engage: PexipEngage, store: AvailabilityStore, branch: str, days: int) -> tuple[float, int]:
    """Seconds for a branch's view and its candidates, and how many candidates."""
    started = time.perf_counter()
    end = START + datetime.timedelta(days=days)
    team = await engage.availability.team_free_busy(branch, start=START, end=end, subject_id="mortgage", store=store)
    proposal = Candidates.from_team(team, 30, step=15, order="fair")
    return time.perf_counter() - started, len(proposal)


async def copied(store: AvailabilityStore, seeded: int, branches: int) -> None:
    """The store's lists of branch-000 copied for each branch from `seeded` on, under its own ids, and the employees
    of every branch in its list of employees."""

    def copy(statements: Any) -> None:
        rows = statements.rows(
            'SELECT name, start, "end", read_at, documents FROM availability_lists WHERE name != ?', ("employees",)
        )
        first = [each for each in rows if office(0) in each[0]]
        employees = store._dialect.read_json(
            statements.rows("SELECT documents FROM availability_lists WHERE name = ?", ("employees",))[0][0]
        )
        ours = [e for e in employees if office(0) in e["id"]]
        for n in range(seeded, branches):
            for name, start, end, read_at, documents in first:
                _tables.keep(
                    store._dialect, statements, enterprise=store.enterprise, name=name.replace(office(0), office(n)),
                    span=(datetime.datetime.fromisoformat(start), datetime.datetime.fromisoformat(end)),
                    read_at=datetime.datetime.fromisoformat(read_at),
                    documents=store._dialect.read_json(documents.replace(office(0), office(n))),
                )  # fmt: skip
            employees += store._dialect.read_json(store._dialect.json(ours).replace(office(0), office(n)))
        statements.run(
            "UPDATE availability_lists SET documents = ?, version = version + 1 WHERE name = ?",
            (store._dialect.json(employees), "employees"),
        )

    await store._database.run(copy)


async def newcomers(engage: PexipEngage, count: int) -> Plan:
    """The plan of a nightly apply: `count` employees to create."""
    rows = [
        {"externalId": f"new-{n:05}", "email": f"new-{n:05}@bank.test", "lastName": f"New {n}"} for n in range(count)
    ]
    return await plan_employees(engage, rows, max_creates=count)


Ask = Callable[[str], int]


def _answers(fake: FakePexipEngage, asks: Any) -> None:
    """The served fake's process: the root URL, then what the bench asks of its calls until it asks nothing."""

    def searched() -> int:  # the requests of the searches: the main client's, but the probes'
        return sum(
            1
            for call in fake.calls
            if call.request.headers["authorization"] == "Bearer bench-token" and call.operation_id != "getEmployeeById"
        )

    counts: dict[str, Callable[[], int]] = {
        "searched": searched,
        "calls": lambda: len(fake.calls),
        "created": lambda: sum(1 for call in fake.calls if call.operation_id == "createEmployee"),
        "refused": lambda: fake.over_limits,
    }
    with serve(fake) as root:
        asks.send(root)
        while (asked := asks.recv()) is not None:
            asks.send(counts[asked]())


@contextlib.contextmanager
def served_apart(fake: FakePexipEngage) -> Iterator[tuple[str, Ask]]:
    """`fake` served by a forked child (made before this process starts any thread); yields its root URL and a way
    to ask it for a count of its calls."""
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.get_context("fork").Process(target=_answers, args=(fake, theirs), daemon=True)
    child.start()

    def ask(what: str) -> int:
        ours.send(what)
        return int(ours.recv())

    try:
        yield ours.recv(), ask
    finally:
        ours.send(None)
        child.join(timeout=10)
        child.kill()


async def main(arguments: argparse.Namespace, root: str, ask: Ask) -> None:
    offices = [office(n) for n in range(arguments.branches)]
    rng = random.Random(107)  # noqa: S311 - which branches the customers search
    with tempfile.TemporaryDirectory() as folder:
        governor = Governor()  # the documented limits, for both clients
        async with (
            PexipEngage("acme", token="bench-token", base_url=root, governor=governor) as engage,
            PexipEngage("acme", token="background-token", base_url=root, governor=governor) as other,
            PexipEngage("acme", token="apply-token", base_url=root, governor=governor) as provisioning,
            AvailabilityStore(f"sqlite:///{Path(folder) / 'availability.db'}", client=engage) as store,
            AvailabilityStore(f"sqlite:///{Path(folder) / 'background.db'}", client=other) as background,
        ):
            await search(engage, store, offices[0], arguments.days)
            filled = time.perf_counter()
            await copied(store, arguments.seeded, arguments.branches)
            filled = time.perf_counter() - filled
            for each in offices[1 : arguments.seeded]:
                await search(engage, background, each, arguments.days)

            async def catching_up() -> None:
                while True:
                    await background.catch_up()

            async def probing(waits: list[float]) -> None:
                while True:
                    started = time.perf_counter()
                    await engage.employees.get_employee_by_id(f"{office(0)}-adviser-00")
                    waits.append(time.perf_counter() - started - arguments.latency)
                    await asyncio.sleep(1)

            waits: list[float] = []
            nightly = apply_plan(provisioning, await newcomers(provisioning, arguments.apply))  # outlasts the searches
            beside = [asyncio.create_task(each) for each in (catching_up(), nightly, probing(waits))]
            before, created_before, started = ask("calls"), ask("created"), time.perf_counter()
            try:
                warm = []
                kept = [offices[0], *offices[arguments.seeded :]]
                for n in range(arguments.searches):  # at `--per-minute`, as customers come
                    await asyncio.sleep(max(0.0, started + n * 60 / arguments.per_minute - time.perf_counter()))
                    calls = ask("searched")
                    seconds, found = await search(engage, store, rng.choice(kept), arguments.days)
                    warm.append((seconds, found, ask("searched") - calls))
                cold = [await search(engage, store, each, arguments.days) for each in offices[1 : arguments.seeded]]
            finally:
                for task in beside:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, ApplyInterruptedError):  # the apply says so
                        await task
            elapsed, background_requests = time.perf_counter() - started, ask("calls") - before
            created, refused = ask("created") - created_before, ask("refused")
    times = [seconds for seconds, _, _ in warm]
    colds = [seconds for seconds, _ in cold]
    p95 = statistics.quantiles(times, n=20)[-1]
    wait_p95 = statistics.quantiles(waits, n=20)[-1] if len(waits) > 1 else waits[0]
    print(
        f"\n{arguments.branches} branches of {arguments.advisers} advisers held in the store ({arguments.seeded} read "
        f"from the fake, the others copied in {filled:.1f}s), {arguments.days} days, "
        f"{arguments.latency * 1000:.0f} ms an answer, at the documented limits; a catch-up of the seeded branches "
        f"running again and again and an apply of {arguments.apply} new employees ({created} created meanwhile), "
        f"in the background lane"
    )
    print(
        f"  warm searches ({arguments.searches}): median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, {sum(r for _, _, r in warm)} requests, {warm[-1][1]} candidates"
    )
    print(f"  cold searches ({len(colds)}): {', '.join(f'{s:.2f}s' for s in colds)}")
    print(
        f"  interactive requests ({len(waits)}) beyond the latency: median {statistics.median(waits) * 1000:.0f} ms, "
        f"p95 {wait_p95 * 1000:.0f} ms; {background_requests} requests in {elapsed:.0f}s, "
        f"{refused} refused (429)"
    )
    case = f"{arguments.branches} branches of {arguments.advisers} advisers, {arguments.latency * 1000:.0f} ms"
    record(
        arguments.results,
        "availability",
        [
            row("availability", f"{case}: warm search", "pexip_engage_client", "s", times),
            row("availability", f"{case}: cold search", "pexip_engage_client", "s", colds),
            row("availability", f"{case}: interactive wait", "pexip_engage_client", "s", waits),
            row(
                "availability",
                f"{case}: warm requests",
                "pexip_engage_client",
                "requests",
                [float(r) for _, _, r in warm],
            ),
            row("availability", f"{case}: refused", "pexip_engage_client", "requests", [float(refused)]),
        ],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--branches", type=int, default=500)
    parser.add_argument("--advisers", type=int, default=20)
    parser.add_argument(
        "--seeded", type=int, default=4, help="branches in the fake (the first copied, the others cold)"
    )
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--per-minute", type=float, default=60, help="how often a warm search starts")
    parser.add_argument("--apply", type=int, default=5000, help="employees the apply beside creates")
    add_results_argument(parser)
    arguments = parser.parse_args()
    with served_apart(bank(arguments.seeded, arguments.advisers, arguments.days, arguments.latency)) as (root, ask):
        asyncio.run(main(arguments, root, ask))
