"""`receiver.forward(sink)`: 300 events (30 appointments changed 10 times), each delivered 3 times, shuffled, handed
to a real queue (Celery and arq workers on a Redis broker, a Redis Stream read by a consumer group, a function): each
event processed once downstream, each appointment's events in order, the newest last. The receivers' own load (1,000
events, two processes) is tests/webhooks/test_load.py's: here the hand-over to each queue is the point."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
import redis.asyncio

from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    ArqSink,
    CelerySink,
    ForwardedEvent,
    RedisStreamSink,
    Sink,
    WebhookReceiver,
)

from . import _load

pytestmark = [pytest.mark.end_to_end, pytest.mark.main_python_only]

ROOT = Path(__file__).resolve().parents[2]
SECRET = "forward-key-s3cr3t"
PROCESSED = "forward-test:processed"
APPOINTMENTS = 30  # 300 events, 900 deliveries; every appointment's 10 changes each
EVENTS = APPOINTMENTS * _load.UPDATES


def run_of(event: ForwardedEvent) -> _load.Run:
    parsed = event.event
    assert isinstance(parsed, AppointmentWebhookEvent)
    assert event.appointment_id == parsed.data.appointment.id
    return (event.event_id, parsed.data.appointment.id, _load.updated_at_of(parsed), event.stale)


async def deliver_all(receiver: WebhookReceiver) -> None:
    async with receiver:
        transport = httpx2.ASGITransport(app=receiver.asgi_app())
        statuses = await _load.deliver(
            ["http://receiver/hooks"], SECRET, transport=transport, appointments=APPOINTMENTS
        )
        async with asyncio.timeout(60):
            await receiver.join()
    assert Counter(statuses) == {202: EVENTS, 200: 2 * EVENTS}


def new_receiver(tmp_path: Path, **options: Any) -> WebhookReceiver:
    return WebhookReceiver(
        f"sqlite:///{tmp_path}/events.db", secret=SECRET, handle_stale=True, poll_interval=0.1, **options
    )


@contextmanager
def worker(command: list[str], redis_url: str, log: Path) -> Iterator[None]:
    """The queue's worker process for the block; its output goes to `log`, printed if the test fails."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), FORWARD_REDIS_URL=redis_url)
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield
    except BaseException:
        print(log.read_text(errors="replace")[-4000:])
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def processed(redis_url: str) -> list[_load.Run]:
    client = redis.asyncio.Redis.from_url(redis_url)
    try:
        return [tuple(json.loads(entry)) for entry in await client.lrange(PROCESSED, 0, -1)]
    finally:
        await client.aclose()


@pytest.fixture
async def queue_redis(redis_url: str) -> AsyncIterator[str]:
    """A Redis database of the session's redis-server for this test alone, emptied before and after."""
    url = redis_url.rsplit("/", 1)[0] + "/3"
    client = redis.asyncio.Redis.from_url(url)
    await client.flushdb()
    yield url
    await client.flushdb()
    await client.aclose()


@pytest.mark.slow
async def test_a_function_processes_each_event_once_in_order(tmp_path: Path) -> None:
    runs: list[_load.Run] = []

    async def consume(event: ForwardedEvent) -> None:
        runs.append(run_of(event))
        await asyncio.sleep(0)

    receiver = new_receiver(tmp_path)
    receiver.forward(consume)
    await deliver_all(receiver)
    _load.check(runs, APPOINTMENTS)


@pytest.mark.slow
async def test_celery_processes_each_event_once_in_order(tmp_path: Path, queue_redis: str) -> None:
    from tests.support.forward_workers import app  # the test process sends with the workers' app

    app.conf.update(broker_url=queue_redis, result_backend=queue_redis)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "tests.support.forward_workers",
        "worker",
        "--pool",
        "threads",
        "--concurrency",
        "8",
        "--loglevel",
        "warning",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with worker(command, queue_redis, tmp_path / "worker.log"):
        receiver = new_receiver(tmp_path)
        receiver.forward(CelerySink(app, "forward.record", timeout=60))
        await deliver_all(receiver)
    _load.check(await processed(queue_redis), APPOINTMENTS)


@pytest.mark.slow
# arq 0.28 passes redis-py a retry_on_timeout that redis-py 6+ deprecates (arq declares redis<6; see the Makefile)
@pytest.mark.filterwarnings("ignore:Call to '__init__' function with deprecated usage:DeprecationWarning")
async def test_arq_processes_each_event_once_in_order(tmp_path: Path, queue_redis: str) -> None:
    from arq import create_pool
    from arq.connections import RedisSettings

    command = [sys.executable, "-m", "arq", "tests.support.forward_workers.WorkerSettings"]
    with worker(command, queue_redis, tmp_path / "worker.log"):
        pool = await create_pool(RedisSettings.from_dsn(queue_redis))
        try:
            receiver = new_receiver(tmp_path)
            receiver.forward(ArqSink(pool, "arq_record", timeout=60))
            await deliver_all(receiver)
        finally:
            await pool.aclose()
    _load.check(await processed(queue_redis), APPOINTMENTS)


@asynccontextmanager
async def stream_consumers(url: str, stream: str, group: str, count: int) -> AsyncIterator[list[_load.Run]]:
    """`count` consumers of `group` reading `stream` as a team would (XREADGROUP, then XACK)."""
    runs: list[_load.Run] = []
    client = redis.asyncio.Redis.from_url(url)

    async def consumer(name: str) -> None:
        while True:
            answer: Any = await client.xreadgroup(group, name, {stream: ">"}, count=10, block=50)
            for _, entries in answer:
                for entry_id, fields in entries:
                    runs.append(run_of(ForwardedEvent.from_dict(fields)))
                    await client.xack(stream, group, entry_id)

    with contextlib.suppress(redis.ResponseError):  # BUSYGROUP: it exists
        await client.xgroup_create(stream, group, id="0", mkstream=True)
    tasks = [asyncio.create_task(consumer(f"consumer-{n}")) for n in range(count)]
    try:
        yield runs
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await client.aclose()


@pytest.mark.slow
async def test_a_redis_stream_group_processes_each_event_once_in_order(tmp_path: Path, queue_redis: str) -> None:
    sink = RedisStreamSink(queue_redis, "engage-events", group="billing")
    async with stream_consumers(queue_redis, "engage-events", "billing", 3) as runs:
        receiver = new_receiver(tmp_path)
        receiver.forward(sink)
        await deliver_all(receiver)
    await sink.aclose()
    _load.check(runs, APPOINTMENTS)
    client = redis.asyncio.Redis.from_url(queue_redis)
    assert await client.xlen("engage-events") == EVENTS
    await client.aclose()


def test_the_sinks_are_sinks() -> None:
    async def consume(event: ForwardedEvent) -> None: ...

    for sink in (RedisStreamSink("redis://127.0.0.1:1/0", "s", group="g"),):
        assert isinstance(sink, Sink)
    assert not isinstance(consume, Sink)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before", "after"])
async def test_a_kill_while_forwarding_loses_nothing_and_the_stream_gets_each_event_once(
    tmp_path: Path, queue_redis: str, when: str
) -> None:
    """SIGKILL between the durable insert and the queue (`before`), or between the queue and the
    receiver's settle (`after`): a receiver started again on the store forwards every acknowledged
    event once its lease ran out, and the stream holds each event once."""
    from tests.support.forward_crash import GROUP, STREAM

    store = f"sqlite:///{tmp_path}/events.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "tests.support.forward_crash", store, queue_redis, when, "20"]
    process = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    async with asyncio.timeout(60):
        stdout, stderr = await process.communicate()
    assert process.returncode == -9, stderr.decode()
    acknowledged = stdout.decode().split()
    assert acknowledged, "the process died before it acknowledged any event"

    sink = RedisStreamSink(queue_redis, STREAM, group=GROUP)
    receiver = WebhookReceiver(store, secret=SECRET, lease=1.0, poll_interval=0.1)
    receiver.forward(sink)
    async with stream_consumers(queue_redis, STREAM, GROUP, 2) as runs, receiver:
        async with asyncio.timeout(30):
            # join() alone could return at once: the dead process's claims are not due before their lease ends
            while not set(acknowledged) <= {run[0] for run in runs}:  # noqa: ASYNC110 - runs is filled by consumers
                await asyncio.sleep(0.05)
            await receiver.join()
    await sink.aclose()
    # An event stored just before the kill, whose answer never went out, is forwarded too.
    forwarded = Counter(run[0] for run in runs)
    assert set(forwarded.values()) == {1}
    assert set(acknowledged) <= set(forwarded) <= {f"crash-{number}" for number in range(20)}
    client = redis.asyncio.Redis.from_url(queue_redis)
    entries: Any = await client.xrange(STREAM)
    await client.aclose()
    assert Counter(fields[b"event_id"].decode() for _, fields in entries) == forwarded
