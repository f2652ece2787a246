"""One GET of the documented appointment, through each client, side by side.

    python -m bench.calls [--sequential 1000] [--concurrent 6400] [--in-flight 64] [--rounds 3]

Latency: the median of sequential calls (1 in flight). Throughput: calls per second with 64 calls
in flight. All peers run in this one process against one server process, each after a warm-up,
and the printed ratios compare them within this run. The peers take turns over several rounds and
each keeps its best round, so that a burst of noise on this small machine hits one round of one
peer, not a whole peer's figure.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack

from . import _peers
from ._harness import server
from ._payloads import APPOINTMENT
from ._peers import Call

PEERS: dict[str, Callable[[str], AbstractAsyncContextManager[Call]]] = {
    "raw aiohttp": _peers.raw_aiohttp,
    "raw httpx": _peers.raw_httpx,
    "stock generated (httpx)": _peers.stock_generated,
    "pexip_engage_client": _peers.facade,
    "pexip_engage_client[fast]": _peers.facade_fast,
}

# The raw client each peer sends through: its latency is compared with that one's.
TRANSPORT_OF = {
    "raw aiohttp": "raw aiohttp",
    "raw httpx": "raw httpx",
    "stock generated (httpx)": "raw httpx",
    "pexip_engage_client": "raw httpx",
    "pexip_engage_client[fast]": "raw aiohttp",
}


async def latency(call: Call, calls: int) -> float:
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


async def throughput(call: Call, calls: int, in_flight: int) -> float:
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            await call()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return calls / (time.perf_counter() - started)


async def main(sequential: int, concurrent: int, in_flight: int, rounds: int) -> None:
    results: dict[str, tuple[float, float]] = {}
    with server(latency=0.0, items=0) as root:
        async with AsyncExitStack() as stack:
            calls = {name: await stack.enter_async_context(peer(root)) for name, peer in PEERS.items()}
            for call in calls.values():
                await latency(call, 200)  # warm-up: connections, caches, imports
            for _ in range(rounds):
                for name, call in calls.items():
                    median = await latency(call, sequential)
                    rate = await throughput(call, concurrent, in_flight)
                    best_median, best_rate = results.get(name, (median, rate))
                    results[name] = (min(median, best_median), max(rate, best_rate))
    aiohttp_rate = results["raw aiohttp"][1]
    stock_rate = results["stock generated (httpx)"][1]
    print(
        f"GET /appointments/{{id}} (documented example, {len(APPOINTMENT)} bytes), loopback server process, "
        f"best of {rounds} rounds"
    )
    columns = ("latency", "vs transport", f"calls/s @{in_flight}", "vs aiohttp", "vs stock")
    print(f"{'client':<26}{columns[0]:>10}{columns[1]:>14}{columns[2]:>14}{columns[3]:>12}{columns[4]:>10}")
    for name, (median, rate) in results.items():
        transport_latency = results[TRANSPORT_OF[name]][0]
        print(
            f"{name:<26}{median * 1e6:>8.0f}us{median / transport_latency:>13.2f}x"
            f"{rate:>14.0f}{rate / aiohttp_rate:>11.2f}x{rate / stock_rate:>9.2f}x"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=1000)
    parser.add_argument("--concurrent", type=int, default=6400)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.sequential, args.concurrent, args.in_flight, args.rounds))
