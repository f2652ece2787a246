"""One GET of the documented appointment, through each client, side by side.

    python -m bench.calls [--sequential 1000] [--seconds 0.5] [--in-flight 64 256] [--rounds 11] [--peers NAME ...]

Latency: the median of sequential calls (1 in flight), and the CPU time this process spent per
call meanwhile (steadier than wall-clock time on a busy machine). The peers' sequential calls are
interleaved in blocks of 20, so that a slow spell of this small shared machine (they last from
milliseconds to seconds) falls on every peer alike, and the blocks come in a new random order each
time round: a peer runs faster right after one that shares its code (the CPU's caches are still
warm with it), so a fixed order would favour whichever peer always follows a relative.
Throughput: calls per second with 64 and with 256 calls in flight, each run lasting about
`--seconds`. All peers run in this one process against one server process, each after a warm-up,
and every peer returns what a caller would use: the decoded JSON (raw clients) or models (the
others). The peers take turns over several rounds, a peer's ratio is taken against the baseline
in the same round (for throughput, against the mean of the baseline's runs just before and just
after the peer's own), and the table shows the median of those ratios with their spread (lowest
to highest round). Eleven rounds by default: one round's throughput ratio moves by a fifth either
way with this shared machine's slow spells, and the median of seven still moved by 0.05 from one
run to the next.
"""

from __future__ import annotations

import argparse
import asyncio
import random
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


# Sequential calls per peer in a row, before the next peer's turn (see the module's docstring).
LATENCY_BLOCK = 20


async def latency(calls: dict[str, Call], per_peer: int, round_number: int) -> dict[str, tuple[float, float]]:
    """Per peer: the median wall-clock time of its sequential calls, and this process's CPU time per call.

    The peers take turns every LATENCY_BLOCK calls, in an order shuffled anew for each turn
    (seeded by the round, so that a run can be repeated).
    """
    names = list(calls)
    orders = random.Random(round_number)  # noqa: S311 - an order, not a secret
    samples: dict[str, list[float]] = {name: [] for name in names}
    cpu = dict.fromkeys(names, 0.0)
    for _turn in range(max(1, per_peer // LATENCY_BLOCK)):
        for name in orders.sample(names, len(names)):
            call, times = calls[name], samples[name]
            cpu_started = time.process_time()
            for _ in range(LATENCY_BLOCK):
                started = time.perf_counter()
                await call()
                times.append(time.perf_counter() - started)
            cpu[name] += time.process_time() - cpu_started
    return {name: (statistics.median(samples[name]), cpu[name] / len(samples[name])) for name in names}


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


def ratio_spread(ratios: list[float]) -> str:
    return f"{min(ratios):.2f}-{max(ratios):.2f}"


async def main(sequential: int, seconds: float, levels: list[int], rounds: int, peers: list[str]) -> None:
    # name -> measure ("latency", "cpu", or an in-flight level) -> one sample per round, and its ratio
    samples: dict[str, dict[str, list[float]]] = {}
    ratios: dict[str, dict[str, list[float]]] = {}
    with server(latency=0.0, items=0) as root:
        async with AsyncExitStack() as stack:
            calls: dict[str, Call] = {}
            for name, peer in PEERS.items():
                if name != BASELINE and peers and not any(word in name for word in peers):
                    continue
                try:
                    calls[name] = await stack.enter_async_context(peer(root))
                except _peers.PeerUnavailableError as exc:
                    print(f"{name}: not measured ({exc})")
            rates = {}
            for name, call in calls.items():  # warm-up: connections, caches, imports; and a rough rate
                for _ in range(100):
                    await call()
                rates[name] = await throughput(call, 500, max(levels))
                samples[name] = {"latency": [], "cpu": [], **{str(level): [] for level in levels}}
                ratios[name] = {key: [] for key in samples[name]}

            async def run(name: str, level: int) -> float:
                return await throughput(calls[name], max(level * 2, int(rates[name] * seconds)), level)

            others = [name for name in calls if name != BASELINE]
            for round_number in range(rounds):
                # Latency interleaves the peers block by block. Throughput runs each other peer between
                # two runs of the baseline, so that a slow spell of this shared machine falls on
                # neighbours in time, whose ratio is then still fair; who goes first rotates.
                measured = await latency(calls, sequential, round_number)
                for name, (median, cpu) in measured.items():
                    samples[name]["latency"].append(median)
                    samples[name]["cpu"].append(cpu)
                    ratios[name]["latency"].append(median / measured[BASELINE][0])
                    ratios[name]["cpu"].append(cpu / measured[BASELINE][1])
                turn = round_number % len(others) if others else 0
                for level in levels:
                    key = str(level)
                    baseline_rates = [await run(BASELINE, level)]
                    for name in others[turn:] + others[:turn]:
                        rate = await run(name, level)
                        baseline_rates.append(await run(BASELINE, level))
                        samples[name][key].append(rate)
                        ratios[name][key].append(rate / statistics.mean(baseline_rates[-2:]))
                    samples[BASELINE][key].append(statistics.median(baseline_rates))
                    ratios[BASELINE][key].append(1.0)
    print(
        f"\nGET /appointments/{{id}} ({len(APPOINTMENT):,} bytes), loopback server process, {rounds} rounds; "
        f"medians, and ratios to {BASELINE} measured in the same round (median, and lowest-highest round)"
    )
    header = f"{'client':<30}{'latency':>9}{'ratio':>8}{'spread':>11}{'CPU/call':>10}{'ratio':>8}"
    for level in levels:
        header += f"{f'calls/s @{level}':>15}{'ratio':>8}{'spread':>11}"
    print(header)
    for name, by in samples.items():
        ratio = ratios[name]
        row = f"{name:<30}{statistics.median(by['latency']) * 1e6:>7.0f}us"
        row += f"{statistics.median(ratio['latency']):>7.2f}x{ratio_spread(ratio['latency']):>11}"
        row += f"{statistics.median(by['cpu']) * 1e6:>8.0f}us{statistics.median(ratio['cpu']):>7.2f}x"
        for key in map(str, levels):
            row += f"{statistics.median(by[key]):>15,.0f}"
            row += f"{statistics.median(ratio[key]):>7.2f}x{ratio_spread(ratio[key]):>11}"
        print(row)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--in-flight", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--peers", nargs="*", default=[], help="only the peers whose names contain one of these")
    args = parser.parse_args()
    asyncio.run(main(args.sequential, args.seconds, args.in_flight, args.rounds, args.peers))
