"""One GET of the documented appointment, through each client, side by side.

    python -m bench.calls [--sequential 1000] [--concurrent 6400] [--in-flight 64]

Latency: the median of sequential calls (1 in flight). Throughput: calls per second with 64 calls
in flight. All peers run in this one process against one server process, each after a warm-up,
and the printed ratios compare them within this run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from . import _peers
from ._harness import server
from ._peers import Call
from ._server import APPOINTMENT

PEERS: dict[str, Callable[[str], AbstractAsyncContextManager[Call]]] = {
    "raw aiohttp": _peers.raw_aiohttp,
    "raw httpx": _peers.raw_httpx,
    "stock generated (httpx)": _peers.stock_generated,
    "pexip_engage_client": _peers.facade,
    "pexip_engage_client[fast]": _peers.facade_fast,
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


async def main(sequential: int, concurrent: int, in_flight: int) -> None:
    results: dict[str, tuple[float, float]] = {}
    with server(latency=0.0, items=0) as root:
        for name, peer in PEERS.items():
            async with peer(root) as call:
                await latency(call, 200)  # warm-up: connections, caches, imports
                results[name] = (await latency(call, sequential), await throughput(call, concurrent, in_flight))
    aiohttp_rate = results["raw aiohttp"][1]
    httpx_latency = results["raw httpx"][0]
    stock_rate = results["stock generated (httpx)"][1]
    print(f"GET /appointments/{{id}} (documented example, {len(APPOINTMENT)} bytes), loopback server process")
    columns = ("latency", "vs httpx", f"calls/s @{in_flight}", "vs aiohttp", "vs stock")
    print(f"{'client':<26}{columns[0]:>10}{columns[1]:>10}{columns[2]:>14}{columns[3]:>12}{columns[4]:>10}")
    for name, (median, rate) in results.items():
        print(
            f"{name:<26}{median * 1000:>8.2f}ms{median / httpx_latency:>9.2f}x"
            f"{rate:>14.0f}{rate / aiohttp_rate:>11.2f}x{rate / stock_rate:>9.2f}x"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=1000)
    parser.add_argument("--concurrent", type=int, default=6400)
    parser.add_argument("--in-flight", type=int, default=64)
    args = parser.parse_args()
    asyncio.run(main(args.sequential, args.concurrent, args.in_flight))
