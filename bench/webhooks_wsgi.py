"""The receiver's WSGI face under gunicorn beside its ASGI face under uvicorn: how fast each answers.

    python -m bench.webhooks_wsgi [--events 300] [--rounds 3] [--results PATH]

Both use the SQLite store, each a file of its own, and every handler sleeps 10 s: the ASGI face
handles in its own process (bench/_webhook_app.py); the WSGI face (gunicorn, `gthread` worker,
GUNICORN_WORKERS processes of GUNICORN_THREADS threads) only stores, and a handling process on the
same file (bench/_webhook_wsgi.py) claims and settles beside it, as a deployment would run them.
This process is Engage, sending 16 at a time with aiohttp (httpx2's own cost at that
concurrency would dominate the figure, see bench/webhooks.py) and one at a time with httpx2.
Printed per face, median of the rounds (min-max): the acknowledgement latency p50/p99 of
`--events` deliveries 16 in flight and of a quarter as many one at a time (the goal is a p99 under
50 ms), and acknowledgements per second 16 in flight. The first round is a warm-up and is not
counted; which face goes first alternates.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ._harness import Row, add_results_argument, free_port, record, row, wait_until_serving
from .webhooks import IN_FLIGHT, ROOT, bodies, burst, percentile, post_all, receiver, spread

GUNICORN_WORKERS, GUNICORN_THREADS = 1, 16


@contextmanager
def wsgi_receiver(store: str) -> Iterator[str]:
    """gunicorn serving the WSGI face, and the process handling what it stores."""
    env = dict(os.environ, BENCH_STORE=store, PYTHONPATH=str(ROOT))
    port = free_port()
    handling = subprocess.Popen(
        [sys.executable, "-m", "bench._webhook_wsgi"], env=env, cwd=ROOT, stdout=subprocess.PIPE
    )
    assert handling.stdout is not None
    handling.stdout.readline()  # "handling": its store is open
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-k",
            "gthread",
            "--workers",
            str(GUNICORN_WORKERS),
            "--threads",
            str(GUNICORN_THREADS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench._webhook_wsgi:app",
        ],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/engage-webhooks"
    try:
        wait_until_serving(url, server, "gunicorn")
        yield url
    finally:
        for process in (server, handling):
            process.terminate()
            process.wait(timeout=15)


def main(events: int, rounds: int, results: Path | None) -> None:
    faces = ["ASGI face (uvicorn)", f"WSGI face (gunicorn gthread, {GUNICORN_WORKERS}x{GUNICORN_THREADS})"]
    burst_p50: dict[str, list[float]] = {name: [] for name in faces}
    burst_p99: dict[str, list[float]] = {name: [] for name in faces}
    single_p50: dict[str, list[float]] = {name: [] for name in faces}
    single_p99: dict[str, list[float]] = {name: [] for name in faces}
    rates: dict[str, list[float]] = {name: [] for name in faces}
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-webhooks-wsgi-")))
        urls = {
            faces[0]: stack.enter_context(receiver(f"sqlite:///{work}/asgi.db", "sleep", work / "unused")),
            faces[1]: stack.enter_context(wsgi_receiver(f"sqlite:///{work}/wsgi.db")),
        }
        for number in range(rounds + 1):
            for name in faces if number % 2 else faces[::-1]:
                tag = f"r{number}-{name[:4]}"
                started = time.perf_counter()
                latencies = asyncio.run(burst(urls[name], bodies(events, tag), IN_FLIGHT))
                wall = time.perf_counter() - started
                one_by_one, _, _ = asyncio.run(post_all(urls[name], bodies(events // 4, f"s-{tag}"), 1))
                if number:  # round 0 warms up
                    burst_p50[name].append(percentile(latencies, 0.5) * 1000)
                    burst_p99[name].append(percentile(latencies, 0.99) * 1000)
                    single_p50[name].append(percentile(one_by_one, 0.5) * 1000)
                    single_p99[name].append(percentile(one_by_one, 0.99) * 1000)
                    rates[name].append(len(latencies) / wall)
    print(
        f"SQLite store, every handler sleeping 10 s; median of {rounds} rounds (min-max): acknowledgement latency"
        f" of {events} deliveries {IN_FLIGHT} in flight and of {events // 4} one at a time, in ms"
    )
    print(
        f"{'':42} {'p50, 16 in flight':>18} {'p99, 16 in flight':>18} {'p50, one':>16} {'p99, one':>16} {'acks/s':>16}"
    )
    for name in faces:
        print(
            f"{name:42} {spread(burst_p50[name]):>18} {spread(burst_p99[name]):>18} {spread(single_p50[name]):>16}"
            f" {spread(single_p99[name]):>16} {spread(rates[name], 1, 0):>16}"
        )
    asgi, wsgi = faces
    rows: list[Row] = []
    for case, unit, measured, higher in (
        (f"acknowledgement latency p99, {IN_FLIGHT} in flight (goal: under 50 ms)", "ms", burst_p99, False),
        (f"acknowledgement latency p50, {IN_FLIGHT} in flight", "ms", burst_p50, False),
        ("acknowledgement latency p99, one delivery at a time", "ms", single_p99, False),
        (f"acknowledgements per second, {IN_FLIGHT} in flight", "acks/s", rates, True),
    ):
        rows.append(row("webhooks-wsgi", case, asgi, unit, measured[asgi], higher_is_better=higher))
        rows.append(
            row(
                "webhooks-wsgi",
                case,
                wsgi,
                unit,
                measured[wsgi],
                higher_is_better=higher,
                baseline=asgi,
                baseline_values=measured[asgi],
            )
        )
    record(results, "webhooks-wsgi", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    add_results_argument(parser)
    arguments = parser.parse_args()
    main(arguments.events, arguments.rounds, arguments.results)
