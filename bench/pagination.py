"""Walking a long list: concurrent page fetching against sequential paging, on a server with latency.

    python -m bench.pagination [--items 10000] [--limit 100] [--latency 0.02] [--rounds 5]

Every walk uses the same client (the default httpx2 sender), server and page size (documented employees);
only the number of pages in flight differs. The first walk of each kind is a warm-up and is not
counted; the kinds take turns over the rounds. Printed: the median walk and its spread, the CPU
time this process spent per item (fetching, parsing, handing out), and the resident memory after
every walk, which must not grow with the number of items walked: the peak over the later half of
the walks is compared with the earlier half's, since a leak would raise it while the allocator's
own ups and downs would not.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import time
from pathlib import Path

from pexip_engage_client import Governor, PexipEngage

from ._harness import add_results_argument, record, row, server
from .footprint import rss_mib

LEVELS = (1, 4, 16, 32)
DEFAULT = 16  # AsyncPages.items()'s default without a bound on calls in flight (Governor.unlimited())


async def walk(engage: PexipEngage, limit: int, concurrency: int) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds, and the number of items walked."""
    started, cpu_started = time.perf_counter(), time.process_time()
    count = 0
    async for _ in engage.employees.get_employees(limit=limit).items(concurrency=concurrency):
        count += 1
    return time.perf_counter() - started, time.process_time() - cpu_started, count


async def main(items: int, limit: int, latency: float, rounds: int, results: Path | None) -> None:
    with server(latency, items) as root:
        # Loopback without limits: what the walk itself costs, not the API's allowance.
        async with PexipEngage("bench", token="bench-token", base_url=root, governor=Governor.unlimited()) as engage:
            for concurrency in LEVELS:
                await walk(engage, limit, concurrency)  # warm-up
            gc.collect()
            memory = [rss_mib()]
            times: dict[int, list[float]] = {level: [] for level in LEVELS}
            cpu: dict[int, list[float]] = {level: [] for level in LEVELS}
            for _ in range(rounds):
                for concurrency in LEVELS:
                    elapsed, cpu_seconds, count = await walk(engage, limit, concurrency)
                    assert count == items, f"walked {count} items, expected {items}"
                    times[concurrency].append(elapsed)
                    cpu[concurrency].append(cpu_seconds / count)
                    memory.append(rss_mib())
    sequential = statistics.median(times[1])
    print(
        f"\nWalking {items:,} items, {limit} per page, {latency * 1000:.0f} ms added latency per page "
        f"(median of {rounds} walks, spread lowest-highest)"
    )
    print(f"  {'pages in flight':<22}{'time':>9}{'spread':>18}{'vs sequential':>15}{'CPU per item':>15}")
    for concurrency in LEVELS:
        label = (
            "1 (sequential)"
            if concurrency == 1
            else f"{concurrency} (the default)"
            if concurrency == DEFAULT
            else f"{concurrency}"
        )
        median = statistics.median(times[concurrency])
        print(
            f"  {label:<22}{median:>8.3f}s{f'{min(times[concurrency]):.3f}-{max(times[concurrency]):.3f}s':>18}"
            f"{sequential / median:>14.2f}x{statistics.median(cpu[concurrency]) * 1e6:>12.1f} us"
        )
    case = f"walking {items:,} items, {limit} per page, {latency * 1000:.0f} ms latency per page"
    rows = [row("pagination", case, "1 page in flight (sequential)", "s", times[1])]
    rows += [
        row(
            "pagination",
            case,
            f"{level} pages in flight",
            "s",
            times[level],
            baseline="1 page in flight (sequential)",
            baseline_values=times[1],
        )
        for level in LEVELS[1:]
    ]
    # Resident memory moves by a fraction of a MiB either way as the allocator keeps or returns
    # arenas; a leak would make the later walks' peak higher than the earlier walks' one.
    walks = memory[1:]
    earlier, later = max(walks[: len(walks) // 2]), max(walks[len(walks) // 2 :])
    print(
        f"  resident memory: {memory[0]:.1f} MiB after the warm-up, {max(memory):.1f} MiB at most over "
        f"{len(walks)} walks ({max(memory) - memory[0]:+.2f} MiB); the last {len(walks) - len(walks) // 2} "
        f"walks' peak against the first {len(walks) // 2}'s: {later - earlier:+.2f} MiB"
    )
    rows.append(
        row(
            "pagination", "resident memory, later walks' peak against the earlier's", "client", "MiB", [later - earlier]
        )
    )
    record(results, "pagination", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=5)
    add_results_argument(parser)
    args = parser.parse_args()
    asyncio.run(main(args.items, args.limit, args.latency, args.rounds, args.results))
