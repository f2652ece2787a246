"""One GET of the documented appointment without an event loop: `SyncPexipEngage` against raw `httpx2.Client`.

    python -m bench.sync [--sequential 600] [--rounds 11]

The goal (for `SyncPexipEngage`): a GET within 1.1x of raw `httpx2.Client` + `json.loads` on the
bench server. Both send through httpx2's sync pool to the same server process, one call at a time;
the raw peer returns the decoded JSON, the client the parsed model, as a caller would use them.
Their calls are interleaved in blocks of 20, in a new random order each time round (as
bench/calls.py does, for the same reasons), and a round's ratio is the client's median over the
raw peer's in that round; the table shows the median of the rounds' ratios and their spread.
Wall-clock latency and this process's CPU time per call are both reported. The client is measured
with `SyncGovernor.unlimited()`: with the documented limits it would be paced at 50 calls a second,
which is what the Limits page measures, not what the client costs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import httpx2

from pexip_engage_client import SyncGovernor, SyncPexipEngage

from ._harness import Row, add_results_argument, record, row, server

Call = Callable[[], Any]
AUTHORIZATION = {"Authorization": "Bearer bench-token"}
RAW = "raw httpx2.Client + json.loads"
CLIENT = "SyncPexipEngage (httpx2)"
LATENCY_BLOCK = 20


@contextmanager
def raw_httpx(root: str) -> Iterator[Call]:
    url = f"{root}/enterprises/bench/appointments/123"
    with httpx2.Client(timeout=httpx2.Timeout(5.0, pool=None)) as client:

        def call() -> Any:
            return json.loads(client.get(url, headers=AUTHORIZATION).content)

        yield call


@contextmanager
def sync_client(root: str) -> Iterator[Call]:
    with SyncPexipEngage("bench", token="bench-token", base_url=root, governor=SyncGovernor.unlimited()) as engage:

        def call() -> Any:
            return engage.appointments.get_appointment_by_id("123")

        yield call


PEERS = {RAW: raw_httpx, CLIENT: sync_client}


def block(call: Call, count: int) -> tuple[list[float], float]:
    """`count` calls one after another: each one's seconds, and the CPU seconds of the whole block."""
    timings = []
    cpu = time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return timings, time.process_time() - cpu


def main(args: argparse.Namespace) -> None:
    rng = random.Random(44)  # noqa: S311 - the blocks' order, fixed so that runs compare; not secrecy
    samples: dict[str, dict[str, list[float]]] = {name: {"latency": [], "cpu": []} for name in PEERS}
    with server(latency=0.0, items=0) as root, ExitStack() as stack:
        calls = {name: stack.enter_context(peer(root)) for name, peer in PEERS.items()}
        for call in calls.values():  # warm-up: connections, caches, imports
            block(call, 200)
        for _ in range(args.rounds):
            timings: dict[str, list[float]] = {name: [] for name in calls}
            cpu: dict[str, float] = dict.fromkeys(calls, 0.0)
            for _ in range(args.sequential // LATENCY_BLOCK):
                order = list(calls)
                rng.shuffle(order)
                for name in order:
                    spent, cpu_spent = block(calls[name], LATENCY_BLOCK)
                    timings[name] += spent
                    cpu[name] += cpu_spent
            for name in calls:
                samples[name]["latency"].append(statistics.median(timings[name]) * 1e6)
                samples[name]["cpu"].append(cpu[name] / len(timings[name]) * 1e6)
    rows: list[Row] = []
    for measure, unit in (("latency", "µs/call"), ("cpu", "CPU µs/call")):
        case = "sequential GET" if measure == "latency" else "sequential GET, CPU"
        rows.append(row("sync", case, RAW, unit, samples[RAW][measure]))
        rows.append(
            row(
                "sync",
                case,
                CLIENT,
                unit,
                samples[CLIENT][measure],
                baseline=RAW,
                baseline_values=samples[RAW][measure],
            )
        )
    print(f"One GET without an event loop, {args.rounds} rounds of {args.sequential} calls each")
    print(f"{'client':<34} {'measure':<22} {'median':>10} {'ratio':>7}  spread")
    for result in rows:
        ratio = "" if result["ratio"] is None else f"{result['ratio']:.2f}x"
        spread = "" if result["ratio_spread"] is None else "{:.2f}-{:.2f}".format(*result["ratio_spread"])
        print(f"{result['client']:<34} {result['case']:<22} {result['value']:>7.0f} µs {ratio:>7}  {spread}")
    record(args.results, "sync", rows)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=600, help="calls per peer per round")
    parser.add_argument("--rounds", type=int, default=11)
    add_results_argument(parser)
    return parser.parse_args()


if __name__ == "__main__":
    main(arguments())
