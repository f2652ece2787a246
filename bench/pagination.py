"""Walking a long list: concurrent page fetching against sequential paging, on a server with latency.

    python -m bench.pagination [--items 10000] [--limit 100] [--latency 0.02]

Both walks use the same client, server and page size; only the number of pages in flight differs.
The first walk of each kind is a warm-up and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from pexip_engage_client import PexipEngage

from ._harness import server


async def walk(engage: PexipEngage, limit: int, concurrency: int) -> tuple[float, int]:
    started = time.perf_counter()
    count = 0
    async for _ in engage.employees.get_employees(limit=limit).items(concurrency=concurrency):
        count += 1
    return time.perf_counter() - started, count


async def main(items: int, limit: int, latency: float, rounds: int) -> None:
    with server(latency, items) as root:
        async with PexipEngage("bench", token="bench-token", base_url=root, http_backend="aiohttp") as engage:
            print(f"Walking {items} items, {limit} per page, {latency * 1000:.0f} ms added latency per page")
            results: dict[int, float] = {}
            for concurrency in (1, 4, 8):
                await walk(engage, limit, concurrency)  # warm-up
                times = []
                for _ in range(rounds):
                    elapsed, count = await walk(engage, limit, concurrency)
                    assert count == items, f"walked {count} items, expected {items}"
                    times.append(elapsed)
                results[concurrency] = statistics.median(times)
            sequential = results[1]
            for concurrency, elapsed in results.items():
                label = "sequential" if concurrency == 1 else f"{concurrency} pages in flight"
                print(f"  {label:<20} {elapsed:7.3f} s   {sequential / elapsed:5.2f}x sequential")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.items, args.limit, args.latency, args.rounds))
