"""Worker processes (`pexip-engage webhooks worker`): how fast they handle, and what they cost the web face.

    python -m bench.webhooks_worker [--events 2000] [--rounds 3] [--only throughput|ack] [--results PATH]

Printed:

- events handled per second by one and by two worker processes, on a SQLite file, on Redis (a
  redis-server started here) and on PostgreSQL (a server started here), handlers doing nothing:
  `--events` events (4 per appointment) are stored first, as web processes would have stored them;
  the workers start with their handlers held, and the clock runs from their release to the last
  handler's end. A fresh store each round.
- the acknowledgement latency p50/p99 of the ASGI face that only stores (`asgi_app(handle=False)`,
  SQLite, in a uvicorn process) while two workers run handlers that sleep 10 s, beside the same
  face on a store no worker reads, and a bare ASGI app that answers 204 without checking or
  storing (the ceiling), in the same rounds: per round 300 deliveries 16 in
  flight (to keep the store and the workers busy), then 75 one at a time, as Engage sends an event
  (the goal is a p99 under 50 ms). A warm-up round is not counted.

The medians of `--rounds` rounds are printed with their spread (min-max).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import WebhookReceiver
from pexip_engage_client.webhooks._stores import store_from_url

from ._harness import Row, add_results_argument, free_port, record, row, wait_until_serving
from .webhooks import IN_FLIGHT, SECRET, percentile, post_all, spread
from .webhooks import receiver as bare_receiver

ROOT = Path(__file__).resolve().parents[1]
APP = "bench._worker_app"


@contextmanager
def workers(count: int, store: str, handler: str, work: Path, tag: str, *, grace: float = 30) -> Iterator[Path]:
    """`count` worker processes, each running once it has logged its start; yields the record file.
    Stopped with SIGTERM at the end, as a process manager stops them; each must exit 0."""
    record_file = work / f"record-{tag}.txt"
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        BENCH_STORE=store,
        BENCH_HANDLER=handler,
        BENCH_GATE=str(work / f"gate-{tag}"),
        BENCH_RECORD=str(record_file),
    )
    started: list[tuple[subprocess.Popen[bytes], Path]] = []
    try:
        for number in range(count):
            log = work / f"worker-{tag}-{number}.log"
            with log.open("wb") as stderr:
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "pexip_engage_cli",
                        "webhooks",
                        "worker",
                        f"{APP}:receiver",
                        "--grace",
                        str(grace),
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            started.append((process, log))
        for process, log in started:
            deadline = time.monotonic() + 60
            while "webhook worker started" not in log.read_text():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"a worker did not start: {log.read_text()}")
                time.sleep(0.02)
        yield record_file
    finally:
        for process, _ in started:
            process.send_signal(signal.SIGTERM)
        for process, log in started:
            code = process.wait(timeout=60)
            if code != 0:
                raise RuntimeError(f"a worker exited {code}: {log.read_text()}")


def bodies(count: int, tag: str, appointments: int) -> list[bytes]:
    return [appointment_event({"id": f"{tag}-{n % appointments}"}, event_id=f"{tag}-{n}") for n in range(count)]


async def store_events(store: str, events: list[bytes]) -> None:
    """As web processes do: stored and acknowledged, no handler run (64 at a time)."""
    receiver = WebhookReceiver(store, secret=SECRET)
    await receiver.start(handle=False)
    try:
        for start in range(0, len(events), 64):
            answers = await asyncio.gather(*(receiver.receive(body, key=SECRET) for body in events[start : start + 64]))
            if {answer.status for answer in answers} != {202}:
                raise RuntimeError(f"storing failed: {answers}")
    finally:
        await receiver.stop()


async def wait_until_handled(store: str, event_ids: list[str]) -> None:
    """Until every event is handled (the end time is the handlers' own: this only has to see it)."""
    opened = store_from_url(store)
    await opened.open()
    try:
        while True:
            # An appointment's next event is due only once the one before it is settled: none due
            # is not yet all handled.
            none_due = not await opened.due(time.time(), 1)
            if none_due and all([await opened.status(event_id) == "handled" for event_id in event_ids]):
                return
            await asyncio.sleep(0.05)
    finally:
        await opened.close()


def handled_per_second(store: str, count: int, events: int, work: Path, tag: str) -> float:
    asyncio.run(store_events(store, bodies(events, tag, events // 4)))
    with workers(count, store, "nothing", work, tag) as record_file:
        released = time.time()
        (work / f"gate-{tag}").touch()
        asyncio.run(wait_until_handled(store, [f"{tag}-{n}" for n in range(events)]))
    lines = [line.split() for line in record_file.read_text().splitlines()]
    handled = sum(int(line[0]) for line in lines)
    if handled != events:
        raise RuntimeError(f"{handled} of {events} events handled")
    return events / (max(float(line[2]) for line in lines) - released)


KINDS = ("SQLite", "Redis", "PostgreSQL")


def throughput(rounds: int, events: int, work: Path, redis_url: str, postgres_url: str) -> list[Row]:
    cases: dict[tuple[str, int], list[float]] = {(kind, count): [] for kind in KINDS for count in (1, 2)}
    for number in range(rounds):
        for (kind, count), rates in cases.items():
            tag = f"{kind[:5].lower()}_{count}_{number}"
            store = {
                "SQLite": f"sqlite:///{work}/{tag}.db",
                "Redis": f"{redis_url}?prefix={tag}",
                "PostgreSQL": f"{postgres_url}?schema=bench_{tag}",
            }[kind]
            rates.append(handled_per_second(store, count, events, work, tag))
    print(
        f"events handled per second, handlers doing nothing ({events} events stored first); median of {rounds} rounds"
    )
    print(f"{'':26} {'1 worker':>20} {'2 workers':>20}")
    for kind in KINDS:
        print(f"{kind:26} {spread(cases[(kind, 1)], 1, 0):>20} {spread(cases[(kind, 2)], 1, 0):>20}")
    case = "events handled per second by worker processes, handlers doing nothing"
    rows: list[Row] = []
    for kind in KINDS:
        one, two = cases[(kind, 1)], cases[(kind, 2)]
        rows.append(row("webhooks-worker", case, f"{kind}, 1 worker", "events/s", one, higher_is_better=True))
        rows.append(
            row(
                "webhooks-worker",
                case,
                f"{kind}, 2 workers",
                "events/s",
                two,
                higher_is_better=True,
                baseline=f"{kind}, 1 worker",
                baseline_values=one,
            )
        )
    return rows


@contextmanager
def web_face(store: str) -> Iterator[str]:
    """The receiver's ASGI face that only stores, in a uvicorn process."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), BENCH_STORE=store)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            f"{APP}:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/engage-webhooks"
    try:
        wait_until_serving(url, process, "the web face")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def acknowledgements(rounds: int, work: Path) -> list[Row]:
    store = f"sqlite:///{work}/ack.db"
    names = ("bare ASGI app (ceiling)", "ASGI face, SQLite, no worker", "ASGI face, SQLite, 2 workers")
    p50: dict[str, list[float]] = {name: [] for name in names}
    p99: dict[str, list[float]] = {name: [] for name in names}
    with ExitStack() as stack:
        urls = {
            names[0]: stack.enter_context(bare_receiver("bare", "sleep", work / "unused")),
            names[1]: stack.enter_context(web_face(f"sqlite:///{work}/ack-alone.db")),
            names[2]: stack.enter_context(web_face(store)),
        }
        # A short grace: at the end, their sleeping handlers are left to their lease.
        stack.enter_context(workers(2, store, "sleep", work, "ack", grace=0.5))
        for number in range(rounds + 1):
            shift = number % len(names)  # rotated: none always runs right after the same one
            for name in names[shift:] + names[:shift]:
                url = urls[name]
                event_bodies = [
                    appointment_event({"id": f"a-{n % 50}"}, event_id=f"{number}-{name[:4]}-{n}") for n in range(375)
                ]
                asyncio.run(post_all(url, event_bodies[:300], IN_FLIGHT))
                one_by_one, _, _ = asyncio.run(post_all(url, event_bodies[300:], 1))
                if number:  # round 0 warms up
                    p50[name].append(percentile(one_by_one, 0.5) * 1000)
                    p99[name].append(percentile(one_by_one, 0.99) * 1000)
    print(
        f"\nacknowledgement latency while two workers run handlers sleeping 10 s, 75 deliveries one at a time"
        f" (after 300, {IN_FLIGHT} in flight); median of {rounds} rounds (min-max)"
    )
    print(f"{'':32} {'p50 ms':>18} {'p99 ms':>18}")
    for name in names:
        print(f"{name:32} {spread(p50[name]):>18} {spread(p99[name]):>18}")
    case = "acknowledgement latency p99 while workers run 10 s handlers, one delivery at a time (goal: under 50 ms)"
    return [row("webhooks-worker", case, names[0], "ms", p99[names[0]])] + [
        row("webhooks-worker", case, name, "ms", p99[name], baseline=names[0], baseline_values=p99[names[0]])
        for name in names[1:]
    ]


def main(events: int, rounds: int, results: Path | None, only: str | None) -> None:
    from tests.support.postgres_server import postgres_server  # noqa: PLC0415
    from tests.support.redis_server import redis_server  # noqa: PLC0415

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-webhooks-worker-")))
        redis_url = stack.enter_context(redis_server(work))
        postgres_url = stack.enter_context(postgres_server()).url
        rows: list[Row] = []
        if only in (None, "throughput"):
            rows += throughput(rounds, events, work, redis_url, postgres_url)
        if only in (None, "ack"):
            rows += acknowledgements(rounds, work)
        record(results, "webhooks-worker", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["throughput", "ack"], help="run only this case")
    add_results_argument(parser)
    arguments = parser.parse_args()
    main(arguments.events, arguments.rounds, arguments.results, arguments.only)
