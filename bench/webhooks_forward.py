"""The forward path of the webhook receiver: how long from the durable insert to the event in the queue.

    python -m bench.webhooks_forward [--events 200] [--rounds 3] [--results PATH]

One receiver in this process, with the Redis store on a redis-server started here, forwards with
`until="enqueued"` to each sink in turn, all on that Redis: a function (the receiver's own claim
and settle around a call that does nothing: the floor), a Redis Stream (`RedisStreamSink`: the Lua
dedup and XADD), arq (`ArqSink`: arq's enqueue with its job-id check) and Celery (`CelerySink`:
`send_task` on the Redis broker, in a thread, after a look at the result backend). Deliveries go one
at a time, as Engage sends an event; each is timed from the moment `receive()` returns (the event
is stored and acknowledged) to the moment the sink's `send` returns (the queue has it). No worker
consumes the queues: what is measured is the hand-off, not the team's processing.

Printed per sink: the p50 and p99 of those latencies, medians of the rounds with their spread
(min-max); the first round is a warm-up and is not counted, and the sinks take turns over the rounds.
`--results` records, per sink, the p50 and the p99 (no peer: the table only).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import (
    ArqSink,
    CelerySink,
    ForwardedEvent,
    RedisStreamSink,
    Sink,
    WebhookReceiver,
)

from ._harness import Row, add_results_argument, record, row
from .webhooks import percentile, spread

SECRET = "bench-key"  # noqa: S105 - a loopback-only key


class Timed:
    """A sink that notes when its inner sink's `send` returned, per event id."""

    def __init__(self, inner: Sink) -> None:
        self.inner = inner
        self.sent: dict[str, float] = {}
        self.arrived = asyncio.Event()

    async def send(self, event: ForwardedEvent) -> None:
        await self.inner.send(event)
        self.sent[event.event_id] = time.perf_counter()
        self.arrived.set()

    async def processed(self, event: ForwardedEvent) -> None:
        await self.inner.processed(event)


class Nothing:
    """What `forward(function)` makes of an `async def` that does nothing."""

    async def send(self, event: ForwardedEvent) -> None:
        return None

    async def processed(self, event: ForwardedEvent) -> None:
        return None


@asynccontextmanager
async def sinks(redis_url: str) -> AsyncIterator[dict[str, Callable[[], Sink]]]:
    from arq import create_pool  # noqa: PLC0415 - bench dependencies, loaded when run
    from arq.connections import RedisSettings  # noqa: PLC0415
    from celery import Celery  # type: ignore[import-untyped]  # noqa: PLC0415

    async with AsyncExitStack() as stack:
        with warnings.catch_warnings():  # arq 0.28 passes redis-py an argument it deprecates since 6.0
            warnings.simplefilter("ignore", DeprecationWarning)
            pool = await create_pool(RedisSettings.from_dsn(redis_url))
        stack.push_async_callback(pool.aclose)
        stream = RedisStreamSink(redis_url, "bench-events", group="bench")
        stack.push_async_callback(stream.aclose)
        celery = Celery("bench", broker=redis_url, backend=redis_url)
        celery.conf.update(broker_connection_retry_on_startup=True)

        yield {
            "function": Nothing,
            "Redis Stream": lambda: stream,
            "arq": lambda: ArqSink(pool, "bench_task"),
            "Celery": lambda: CelerySink(celery, "bench.task"),
        }


async def one_round(store: str, sink: Sink, tag: str, events: int) -> list[float]:
    timed = Timed(sink)
    receiver = WebhookReceiver(store, secret=SECRET, poll_interval=0.5)
    receiver.forward(timed, until="enqueued")
    latencies = []
    async with receiver:
        for number in range(events):
            event_id = f"{tag}-{number}"
            body = appointment_event({"id": f"appointment-{number % 50}"}, event_id=event_id)
            timed.arrived.clear()
            answer = await receiver.receive(body, key=SECRET)
            stored = time.perf_counter()
            assert answer.status == 202, answer
            async with asyncio.timeout(30):
                while event_id not in timed.sent:
                    await timed.arrived.wait()
                    timed.arrived.clear()
            latencies.append(timed.sent[event_id] - stored)
        async with asyncio.timeout(30):
            await receiver.join()
    return latencies


async def measure(redis_url: str, events: int, rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    store = f"{redis_url}?prefix=bench-forward"
    found: dict[str, tuple[list[float], list[float]]] = {}
    async with sinks(redis_url) as made:
        names = list(made)
        found = {name: ([], []) for name in names}
        for number in range(rounds + 1):
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                sink = made[name]()
                latencies = await one_round(store, sink, f"r{number}-{name[:6]}", events)
                if number:  # round 0 warms up
                    found[name][0].append(percentile(latencies, 0.5))
                    found[name][1].append(percentile(latencies, 0.99))
    return found


def main(events: int, rounds: int, results: Path | None) -> None:
    from tests.support.redis_server import redis_server  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="bench-forward-") as work, redis_server(Path(work)) as redis_url:
        found = asyncio.run(measure(redis_url, events, rounds))
    print(
        f"forwarding, until='enqueued', Redis store and queues on one redis-server; {events} deliveries one at a"
        f" time; from stored (receive() returned) to enqueued (the sink's send returned); median of {rounds}"
        " rounds (min-max)"
    )
    rows: list[Row] = []
    for name, (p50, p99) in found.items():
        print(f"  {name:<14} p50 {spread(p50, 1000, 2)} ms   p99 {spread(p99, 1000, 2)} ms")
        rows.append(row("webhooks_forward", "stored to enqueued, p50", name, "ms", [v * 1000 for v in p50]))
        rows.append(row("webhooks_forward", "stored to enqueued, p99", name, "ms", [v * 1000 for v in p99]))
    record(results, "webhooks_forward", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    add_results_argument(parser)
    arguments = parser.parse_args()
    main(arguments.events, arguments.rounds, arguments.results)
