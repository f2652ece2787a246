"""The webhook receiver on a loopback uvicorn server: how fast it answers, and how soon it handles.

    python -m bench.webhooks [--events 300] [--rounds 3] [--load-events 1000] [--only load] [--results PATH]

Each receiver runs in its own uvicorn process; this process is Engage, POSTing appointment events
16 at a time. Printed per store (memory, SQLite, Redis on a redis-server started here, PostgreSQL on
a server started here):

- while every handler sleeps 10 s (handlers never delay the answer): the acknowledgement latency
  p50/p99 of deliveries sent one at a time, as Engage sends an event (the goal is a p99 under
  50 ms), and acknowledgements per second with 16 deliveries in flight; both beside a bare ASGI app
  that reads the body and answers 204 without checking or storing anything (the ceiling: the ratio
  is what receiving properly costs);
- the time from the acknowledgement (the answer read by the sender) to the handler's start, one
  delivery at a time; negative when the handler started before the sender had read the answer.

The first round is a warm-up and is not counted; the stores take turns over the rounds (who goes
first rotates), and the medians of the rounds are printed with their spread (min-max).

One run with the defaults: a warm-up round and 3 counted rounds, each sending every receiver 300
deliveries 16 in flight and then 75 one at a time (so each round's p99 is the slowest of its 75:
the median over the rounds is what keeps one stall from deciding it), then 100 deliveries one at
a time to each store's recording receiver; under a minute in all.
Under load (`--only load` runs just this case): the SQLite receiver, its handlers each busy 20 ms,
and the bare ASGI app are each sent `--load-events` deliveries (1,000) 50 in flight by aiohttp,
`--rounds` times; printed and recorded: the acknowledgement latency p50/p99/max and how many took
over 3 s (Engage's timeout: each of those is a delivery Engage counts as failed and sends again).
`--results` records, per store, acks/s and the p50 and p99 latencies against the bare ASGI app
in the same rounds, and the acknowledgement-to-start p50 and p99 (no peer: the table only).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx2

from pexip_engage_client.testing import appointment_event

from ._harness import Row, add_results_argument, free_port, record, row, wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
IN_FLIGHT = 16
LOAD_IN_FLIGHT = 50
ENGAGE_TIMEOUT = 3.0  # seconds Engage waits for the first attempt's answer
SECRET = "bench-key"  # noqa: S105 - as bench/_webhook_app.py, a loopback-only test key


@contextmanager
def receiver(store: str, handler: str, starts_file: Path) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ, BENCH_STORE=store, BENCH_HANDLER=handler, BENCH_RECORD=str(starts_file), PYTHONPATH=str(ROOT)
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench._webhook_app:app", "--port", str(port), "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/engage-webhooks"
    try:
        wait_until_serving(url, process, "the receiver")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def bodies(count: int, tag: str) -> list[bytes]:
    return [appointment_event({"id": f"appointment-{n % 50}"}, event_id=f"{tag}-{n}") for n in range(count)]


async def post_all(url: str, events: list[bytes], in_flight: int) -> tuple[list[float], float, dict[str, float]]:
    """Per-delivery latencies (s), the wall time, and each event's acknowledgement time (time.time())."""
    latencies: list[float] = []
    acked: dict[str, float] = {}
    pending = iter(events)
    headers = {"Content-Type": "application/json"}
    async with httpx2.AsyncClient(limits=httpx2.Limits(max_connections=in_flight), timeout=30) as client:

        async def sender() -> None:
            for body in pending:
                started = time.perf_counter()
                response = await client.post(url, params={"key": SECRET}, content=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                if response.status_code >= 300:
                    raise RuntimeError(f"the receiver answered {response.status_code}: {response.text}")
                acked[body.split(b'"id": "', 1)[1].split(b'"', 1)[0].decode()] = time.time()

        started = time.perf_counter()
        await asyncio.gather(*(sender() for _ in range(in_flight)))
    return latencies, time.perf_counter() - started, acked


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    median, low, high = (
        f"{value * scale:.{digits}f}" for value in (statistics.median(values), min(values), max(values))
    )
    return f"{median} ({low}-{high})"


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


async def burst(url: str, events: list[bytes], in_flight: int) -> list[float]:
    """Per-delivery latencies (s) of `events` POSTed `in_flight` at once with aiohttp.

    Not httpx2: at 50 in flight on 2 busy cores, httpx2's own cost dominates what it measures (a
    bare ASGI app answering 204 had a p99 of 4.7 s and 36 of 1,000 over 3 s through it), and
    Engage's senders are not on the receiver's machine.
    """
    import aiohttp  # noqa: PLC0415 - the load case's sender only

    latencies: list[float] = []
    pending = iter(events)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=in_flight)) as session:

        async def sender() -> None:
            for body in pending:
                started = time.perf_counter()
                async with session.post(url, params={"key": SECRET}, data=body, headers=headers) as response:
                    await response.read()
                    if response.status >= 300:
                        raise RuntimeError(f"the receiver answered {response.status}")
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(sender() for _ in range(in_flight)))
    return latencies


def load(rounds: int, events: int) -> list[Row]:
    """Acknowledgements of `events` deliveries, LOAD_IN_FLIGHT at once, to the SQLite receiver with
    busy handlers, beside the bare ASGI app in the same rounds."""
    names = {"bare ASGI app (ceiling)": "bare", "SQLite": "sqlite"}
    p50: dict[str, list[float]] = {name: [] for name in names}
    p99: dict[str, list[float]] = {name: [] for name in names}
    worst: dict[str, list[float]] = {name: [] for name in names}
    late: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="bench-webhooks-load-") as work:
        for number in range(rounds):
            for name, kind in names.items():
                store = "bare" if kind == "bare" else f"sqlite:///{work}/load-{number}.db"
                with receiver(store, "busy", Path(work) / "unused") as url:
                    asyncio.run(burst(url, bodies(50, f"warm-{number}"), 10))
                    latencies = asyncio.run(burst(url, bodies(events, f"load-{number}"), LOAD_IN_FLIGHT))
                p50[name].append(percentile(latencies, 0.5))
                p99[name].append(percentile(latencies, 0.99))
                worst[name].append(max(latencies))
                late[name].append(sum(latency > ENGAGE_TIMEOUT for latency in latencies))
    print(
        f"\nunder load: {events} deliveries {LOAD_IN_FLIGHT} in flight, handlers busy 20 ms;"
        f" median of {rounds} rounds (min-max)"
    )
    print(f"{'':26} {'p50 ms':>18} {'p99 ms':>18} {'max ms':>18} {'over 3 s':>12}")
    for name in names:
        print(
            f"{name:26} {spread(p50[name], 1000):>18} {spread(p99[name], 1000):>18}"
            f" {spread(worst[name], 1000):>18} {spread(late[name], 1, 0):>12}"
        )
    case = f"under load ({events} deliveries, {LOAD_IN_FLIGHT} in flight, handlers busy 20 ms)"
    bare = "bare ASGI app (ceiling)"
    in_ms = {name: [value * 1000 for value in values] for name, values in p99.items()}
    return [
        row("webhooks", f"acknowledgement latency p99 {case}", bare, "ms", in_ms[bare]),
        row(
            "webhooks",
            f"acknowledgement latency p99 {case}",
            "SQLite",
            "ms",
            in_ms["SQLite"],
            baseline=bare,
            baseline_values=in_ms[bare],
        ),
        row("webhooks", f"acknowledgements over 3 s {case}", "SQLite", "deliveries", late["SQLite"]),
    ]


def main(events: int, rounds: int, results: Path | None, load_events: int = 1000) -> None:  # noqa: PLR0915
    from tests.support.postgres_server import postgres_server  # noqa: PLC0415
    from tests.support.redis_server import redis_server  # noqa: PLC0415

    with ExitStack() as stack:
        # Entered first, so removed last: after the receivers and redis-server that write in it.
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-webhooks-")))
        redis_url = stack.enter_context(redis_server(work))
        postgres_url = stack.enter_context(postgres_server()).url
        stores = {
            "bare ASGI app (ceiling)": "bare",
            "memory": "memory://",
            "SQLite": f"sqlite:///{work}/events.db",
            "Redis": f"{redis_url}?prefix=bench",
            "PostgreSQL": f"{postgres_url}?schema=bench",
        }
        sleeping = {
            name: stack.enter_context(receiver(store, "sleep", work / "unused")) for name, store in stores.items()
        }
        p50: dict[str, list[float]] = {name: [] for name in stores}
        p99: dict[str, list[float]] = {name: [] for name in stores}
        rates: dict[str, list[float]] = {name: [] for name in stores}
        names = list(sleeping)
        for number in range(rounds + 1):
            # Rotated each round: no store always runs right after the same one.
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                url = sleeping[name]
                latencies, wall, _ = asyncio.run(post_all(url, bodies(events, f"r{number}-{name[:6]}"), IN_FLIGHT))
                one_by_one, _, _ = asyncio.run(post_all(url, bodies(events // 4, f"s{number}-{name[:6]}"), 1))
                if number:  # round 0 warms up
                    p50[name].append(percentile(one_by_one, 0.5))
                    p99[name].append(percentile(one_by_one, 0.99))
                    rates[name].append(len(latencies) / wall)
        print(
            f"every handler sleeping 10 s; median of {rounds} rounds (min-max): acknowledgement latency of"
            f" {events // 4} deliveries one at a time, acks/s of {events} deliveries {IN_FLIGHT} in flight"
        )
        print(f"{'':26} {'p50 ms':>18} {'p99 ms':>18} {'acks/s':>20} {'vs ceiling':>10}")
        bare = "bare ASGI app (ceiling)"
        ceiling = statistics.median(rates[bare])
        for name in stores:
            ratio = statistics.median(rates[name]) / ceiling
            print(
                f"{name:26} {spread(p50[name], 1000):>18} {spread(p99[name], 1000):>18}"
                f" {spread(rates[name], 1, 0):>20} {ratio:>9.2f}x"
            )
        rows: list[Row] = []
        goal = "acknowledgement latency p99, one delivery at a time (goal: under 50 ms)"
        for case, unit, measured, scale, higher in (
            (f"acknowledgements per second, {IN_FLIGHT} in flight", "acks/s", rates, 1, True),
            ("acknowledgement latency p50, one delivery at a time", "ms", p50, 1000, False),
            (goal, "ms", p99, 1000, False),
        ):
            scaled = {name: [value * scale for value in values] for name, values in measured.items()}
            rows.append(row("webhooks", case, bare, unit, scaled[bare], higher_is_better=higher))
            rows += [
                row(
                    "webhooks",
                    case,
                    name,
                    unit,
                    scaled[name],
                    higher_is_better=higher,
                    baseline=bare,
                    baseline_values=scaled[bare],
                )
                for name in stores
                if name != bare
            ]
        print("\nacknowledgement -> handler start, one delivery at a time (ms)")
        print(f"{'':26} {'p50':>8} {'p99':>8}")
        starts_p50: list[Row] = []
        starts_p99: list[Row] = []
        for name, store in stores.items():
            if store == "bare":
                continue
            starts_file = work / f"starts-{name}.txt"
            # A store of its own: the sleeping receiver left its events pending in the first one.
            fresh = store.replace("?prefix=bench", "?prefix=bench-start").replace("events.db", "starts.db")
            fresh = fresh.replace("?schema=bench", "?schema=bench_start")
            with receiver(fresh, "record", starts_file) as url:
                tag = f"start-{name[:6]}"
                _, _, acked = asyncio.run(post_all(url, bodies(100, tag), 1))
                deadline = time.monotonic() + 30
                # Until every acknowledged event's handler has started (one line each).
                while time.monotonic() < deadline and _lines(starts_file) < len(acked):
                    time.sleep(0.05)
            starts = dict(line.split() for line in starts_file.read_text().splitlines())
            delays = [float(starts[event]) - acked[event] for event in acked if event in starts]
            print(f"{name:26} {percentile(delays, 0.5) * 1000:>8.1f} {percentile(delays, 0.99) * 1000:>8.1f}")
            case = "acknowledgement to handler start, one delivery at a time"
            starts_p50.append(row("webhooks", f"{case}, p50", name, "ms", [percentile(delays, 0.5) * 1000]))
            starts_p99.append(row("webhooks", f"{case}, p99", name, "ms", [percentile(delays, 0.99) * 1000]))
        record(results, "webhooks", rows + starts_p50 + starts_p99 + load(rounds, load_events))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--load-events", type=int, default=1000)
    parser.add_argument("--only", choices=["load"], help="run only this case")
    add_results_argument(parser)
    arguments = parser.parse_args()
    if arguments.only == "load":
        record(arguments.results, "webhooks", load(arguments.rounds, arguments.load_events))
    else:
        main(arguments.events, arguments.rounds, arguments.results, arguments.load_events)
