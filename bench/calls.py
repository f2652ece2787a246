"""One GET of the documented appointment, through each client, side by side.

    python -m bench.calls [--sequential 600] [--seconds 0.3] [--in-flight 64 256] [--rounds 11] [--peers NAME ...]

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
from pathlib import Path

from . import _peers
from ._harness import Row, add_results_argument, record, row, server
from ._payloads import APPOINTMENT
from ._peers import Call

PEERS: dict[str, Callable[[str], AbstractAsyncContextManager[Call]]] = {
    "raw aiohttp + json.loads": _peers.raw_aiohttp,
    "raw aiohttp + msgspec": _peers.raw_aiohttp_msgspec,
    "aiohttp + pydantic": _peers.aiohttp_pydantic,
    "OpenAPI Generator (asyncio)": _peers.openapi_generator,
    "raw httpx + json.loads": _peers.raw_httpx,
    "pexip_engage_client (httpx, legacy path)": _peers.facade_legacy_httpx,
    "raw httpx2 + json.loads": _peers.raw_httpx2,
    "pexip_engage_client (httpx2)": _peers.facade,
    "stock openapi-python-client": _peers.stock_generated,
}
BASELINE = "raw aiohttp + json.loads"
# What each client is measured against in the results file, when not the BASELINE: the raw use of
# the library it sends with (the performance goals are stated that way), and httpx for httpx2.
# Every pexip_engage_client peer runs with the governor lifted (Governor.unlimited()): these are
# the client's own overhead figures, not the API's limits.
REFERENCES = {
    "pexip_engage_client (httpx2)": "raw httpx2 + json.loads",
    "pexip_engage_client (httpx, legacy path)": "raw httpx + json.loads",
    "raw httpx2 + json.loads": "raw httpx + json.loads",
}


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


async def main(args: argparse.Namespace) -> None:
    sequential, seconds, levels, rounds, peers = args.sequential, args.seconds, args.in_flight, args.rounds, args.peers
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
    report(samples, ratios, levels, rounds, args.results)


def report(
    samples: dict[str, dict[str, list[float]]],
    ratios: dict[str, dict[str, list[float]]],
    levels: list[int],
    rounds: int,
    results: Path | None,
) -> None:
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
        line = f"{name:<30}{statistics.median(by['latency']) * 1e6:>7.0f}us"
        line += f"{statistics.median(ratio['latency']):>7.2f}x{ratio_spread(ratio['latency']):>11}"
        line += f"{statistics.median(by['cpu']) * 1e6:>8.0f}us{statistics.median(ratio['cpu']):>7.2f}x"
        for key in map(str, levels):
            line += f"{statistics.median(by[key]):>15,.0f}"
            line += f"{statistics.median(ratio[key]):>7.2f}x{ratio_spread(ratio[key]):>11}"
        print(line)
    rows = result_rows(samples, ratios, levels)
    referenced = [found for found in rows if found["baseline"] not in (None, BASELINE)]
    if referenced:
        print("\nAgainst the raw use of the library each sends with (ratios of the same rounds, median and spread)")
        for found in referenced:
            assert found["ratio_spread"] is not None
            low, high = found["ratio_spread"]
            print(f"  {found['client']:<30}{found['case']:<34}{found['ratio']:>6.2f}x {low:.2f}-{high:.2f}", end="")
            print(f"  vs {found['baseline']}")
    record(results, "calls", rows)


CASES = {"latency": ("latency, 1 in flight", "us", False), "cpu": ("CPU time per call", "us", False)}


def result_rows(
    samples: dict[str, dict[str, list[float]]], ratios: dict[str, dict[str, list[float]]], levels: list[int]
) -> list[Row]:
    """The results file's rows: each client against BASELINE, or against its entry in REFERENCES.

    A ratio to a reference is taken per round as the ratio of the two clients' ratios to BASELINE,
    which for throughput were each measured against the BASELINE runs right beside them.
    """
    cases = dict(CASES)
    for level in levels:
        cases[str(level)] = (f"calls per second, {level} in flight", "calls/s", True)
    rows = []
    for name, by in samples.items():
        reference = REFERENCES.get(name, BASELINE)
        if reference not in samples:
            reference = BASELINE
        for key, (case, unit, higher_is_better) in cases.items():
            scale = 1e6 if unit == "us" else 1.0
            values = [value * scale for value in by[key]]
            if name == BASELINE:
                rows.append(row("calls", case, name, unit, values, higher_is_better=higher_is_better))
                continue
            per_round = [mine / theirs for mine, theirs in zip(ratios[name][key], ratios[reference][key], strict=True)]
            rows.append(
                row(
                    "calls",
                    case,
                    name,
                    unit,
                    values,
                    higher_is_better=higher_is_better,
                    baseline=reference,
                    baseline_values=[value * scale for value in samples[reference][key]],
                    ratios=per_round,
                )
            )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Sized so that the whole of `make bench` stays within 10 minutes with nine peers on a busy machine.
    parser.add_argument("--sequential", type=int, default=600)
    parser.add_argument("--seconds", type=float, default=0.3)
    parser.add_argument("--in-flight", type=int, nargs="+", default=[64, 256])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--peers", nargs="*", default=[], help="only the peers whose names contain one of these")
    add_results_argument(parser)
    args = parser.parse_args()
    asyncio.run(main(args))
