"""An apply under the API's rate limit: how much of the allowed rate it uses, and how often it is refused.

    python -m bench.provisioning [--rate 50] [--changes 100] [--rounds 3] [--results PATH]

The fake API (in memory) refuses more than `--rate` requests a second with 429 and a
`Retry-After` (a token bucket holding one second's worth); an apply of `--changes` updates runs
against it with three governors, in turns over the rounds: none (the apply's own concurrency
only), one told the rate, and one not told it (it learns the rate from the refusals). Printed per
governor: the medians, with lowest and highest, of the requests answered per second as a share of
the allowed rate (above 100% when a run spends the bucket's first second's worth at once), and of
the share of requests answered 429. An apply lasts about changes / rate seconds.

One run with the defaults: 3 rounds of one apply of 100 updates per governor (about 2 s each, so
that the whole run stays near 20 s), the governors taking turns in the same order each round.
In a short apply the bucket's first second and the whole-second `Retry-After` waits weigh more
than in a long one, so its shares are not a steady state's; raise `--changes` for that. `--results` records, per
governor, the requests answered per second against the configured rate (the ratio is the share
used) and the share answered 429 (no peer: the table only).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

from ._harness import add_results_argument, record, row


def directory(count: int, generation: int) -> list[dict[str, str]]:
    return [
        {"externalId": f"EXT-{i:05d}", "email": f"p{i}@acme.test", "lastName": f"Name{generation}"}
        for i in range(count)
    ]


async def one_apply(
    fake: FakePexipEngage, changes: int, rate: float, governor: Governor | None, generation: int
) -> tuple[float, float]:
    """(share of the allowed rate used, share of requests refused) for one apply of `changes` updates."""
    async with PexipEngage("acme", token="bench", transport=fake) as planner:
        plan = await plan_employees(planner, directory(changes, generation), threshold=1)
    assert len(plan.updates) == changes, len(plan.updates)
    fake.limit_rate(rate)
    before = len(fake.calls)
    async with PexipEngage("acme", token="bench", transport=fake, governor=governor) as engage:
        started = time.monotonic()
        report = await apply_plan(engage, plan, force=True, concurrency=8)
        elapsed = time.monotonic() - started
    refused = fake.rate_limited
    fake.limit_rate(None)
    assert report.ok, report.render()
    requests = len(fake.calls) - before
    return (requests - refused) / elapsed / rate, refused / requests


async def main(rate: float, changes: int, rounds: int, results: Path | None) -> None:
    fake = FakePexipEngage()
    for person in directory(changes, 0):
        fake.add_employee(**person)
    kinds: dict[str, Callable[[], Governor | None]] = {
        "Governor.unlimited()": Governor.unlimited,
        f"Governor(rate={rate:g})": lambda: Governor(rate=rate),
        "Governor(rate=None) (learns the limit)": lambda: Governor(rate=None),
    }
    used: dict[str, list[float]] = {kind: [] for kind in kinds}
    refused: dict[str, list[float]] = {kind: [] for kind in kinds}
    generation = 0
    for _ in range(rounds):
        for kind, make in kinds.items():
            generation += 1
            share, refusals = await one_apply(fake, changes, rate, make(), generation)
            used[kind].append(share)
            refused[kind].append(refusals)
    print(f"\nApplying {changes} updates against a limit of {rate:g} requests/s (median of {rounds}, lowest-highest)")
    print(f"{'governor':32} {'share of the allowed rate':>28} {'answered 429':>22}")
    for kind in kinds:
        print(f"{kind:32} {_spread(used[kind]):>28} {_spread(refused[kind]):>22}")
    allowed = f"the allowed rate ({rate:g} requests/s)"
    rows = [
        row(
            "provisioning",
            f"requests answered per second, applying {changes} updates",
            kind,
            "requests/s",
            [share * rate for share in used[kind]],
            higher_is_better=True,
            baseline=allowed,
            baseline_values=[rate] * rounds,
        )
        for kind in kinds
    ]
    rows += [
        row(
            "provisioning",
            f"share of requests answered 429, applying {changes} updates",
            kind,
            "%",
            [share * 100 for share in refused[kind]],
        )
        for kind in kinds
    ]
    record(results, "provisioning", rows)


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1%} ({min(values):.1%}-{max(values):.1%})"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    add_results_argument(parser)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rate, arguments.changes, arguments.rounds, arguments.results))
