"""One GET of the documented appointment, through each client, side by side.

    python -m bench.calls [--sequential 1000] [--seconds 1.0] [--in-flight 64 256] [--rounds 5]

Latency: the median of sequential calls (1 in flight), and the CPU time this process spent per
call meanwhile (steadier than wall-clock time on a busy machine). Throughput: calls per second with 64 and
with 256 calls in flight, each run lasting about `--seconds`. All peers run in this one process
against one server process, each after a warm-up, and every peer returns what a caller would use:
the decoded JSON (raw clients) or models (the others). The peers take turns over several rounds,
so that a burst of noise on this small machine hits one round of one peer; the table shows the
median round and the spread (lowest to highest), and the ratios compare medians within this run.
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
    "raw aiohttp + json.loads": _peers.raw_aiohttp,
    "aiohttp + pydantic": _peers.aiohttp_pydantic,
    "pexip_engage_client[fast]": _peers.facade_fast,
    "OpenAPI Generator (asyncio)": _peers.openapi_generator,
    "raw httpx + json.loads": _peers.raw_httpx,
    "pexip_engage_client (httpx)": _peers.facade,
    "stock openapi-python-client": _peers.stock_generated,
}
BASELINE = "raw aiohttp + json.loads"


async def latency(call: Call, calls: int) -> tuple[float, float]:
    """The median wall-clock time of sequential calls, and this process's CPU time per call."""
    samples = []
    cpu_started = time.process_time()
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), (time.process_time() - cpu_started) / calls


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


def spread(samples: list[float], scale: float, unit: str) -> str:
    return f"{min(samples) * scale:,.0f}-{max(samples) * scale:,.0f}{unit}"


async def main(sequential: int, seconds: float, levels: list[int], rounds: int) -> None:
    # name -> "latency" or in-flight level -> one sample per round
    samples: dict[str, dict[str, list[float]]] = {}
    with server(latency=0.0, items=0) as root:
        async with AsyncExitStack() as stack:
            calls: dict[str, Call] = {}
            for name, peer in PEERS.items():
                try:
                    calls[name] = await stack.enter_async_context(peer(root))
                except _peers.PeerUnavailableError as exc:
                    print(f"{name}: not measured ({exc})")
            rates = {}
            for name, call in calls.items():  # warm-up: connections, caches, imports; and a rough rate
                await latency(call, 100)
                rates[name] = await throughput(call, 500, max(levels))
                samples[name] = {"latency": [], "cpu": [], **{str(level): [] for level in levels}}
            for _ in range(rounds):
                for name, call in calls.items():
                    median, cpu = await latency(call, sequential)
                    samples[name]["latency"].append(median)
                    samples[name]["cpu"].append(cpu)
                    for level in levels:
                        count = max(level * 2, int(rates[name] * seconds))
                        samples[name][str(level)].append(await throughput(call, count, level))
    medians = {name: {key: statistics.median(values) for key, values in by.items()} for name, by in samples.items()}
    base = medians[BASELINE]
    print(
        f"\nGET /appointments/{{id}} ({len(APPOINTMENT):,} bytes), loopback server process, "
        f"median of {rounds} rounds (spread: lowest-highest round); ratios to {BASELINE}"
    )
    header = f"{'client':<30}{'latency':>9}{'spread':>16}{'ratio':>8}{'CPU/call':>10}{'ratio':>8}"
    for level in levels:
        header += f"{f'calls/s @{level}':>15}{'spread':>16}{'ratio':>8}"
    print(header)
    for name, by in samples.items():
        row = f"{name:<30}{medians[name]['latency'] * 1e6:>7.0f}us{spread(by['latency'], 1e6, 'us'):>16}"
        row += f"{medians[name]['latency'] / base['latency']:>7.2f}x"
        row += f"{medians[name]['cpu'] * 1e6:>8.0f}us{medians[name]['cpu'] / base['cpu']:>7.2f}x"
        for key in map(str, levels):
            ratio = medians[name][key] / base[key]
            row += f"{medians[name][key]:>15,.0f}{spread(by[key], 1, ''):>16}{ratio:>7.2f}x"
        print(row)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--in-flight", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.sequential, args.seconds, args.in_flight, args.rounds))
