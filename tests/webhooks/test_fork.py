"""A receiver used before `fork()` and then in the child: the child's store, thread and locks are its own.

Where Python services fork (gunicorn `--preload`, Celery prefork, `multiprocessing`), a receiver
the parent used was copied with its store open: the SQLite store's async face then hung in the
child (its thread does not exist there), and `receive_sync` hung for ever when a parent thread was
inserting at the fork (its write lock was copied held). These tests fork for real, with inserts in
flight in the parent's threads at the fork, and give the child a bounded time to answer.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pexip_engage_client.testing import appointment_event
from pexip_engage_client.webhooks import (
    AppointmentWebhookEvent,
    Delivery,
    ForwardedEvent,
    RedisStreamSink,
    WebhookReceiver,
)

from ..support.stores import store_url

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]

KEY = "fork-secret"
CHILD_WITHIN = 20.0  # seconds the child gets; it needs well under one


def body(event_id: str) -> bytes:
    return appointment_event({"id": f"appointment-{event_id}"}, "CREATE", event_id=event_id)


def in_child(work: Callable[[], str], *, within: float = CHILD_WITHIN) -> str:
    """Runs `work()` in a forked child and returns what it returned (or raised, as text); fails the
    test if the child has not ended within `within` seconds (it is killed then)."""
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # a fork with threads: what is under test
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        report = "no report"
        try:
            report = work()
        except BaseException as exc:
            report = f"{type(exc).__name__}: {exc}"
        finally:
            os.write(write, report.encode())
            os._exit(0)
    os.close(write)
    deadline = time.monotonic() + within
    try:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"the forked child was still blocked after {within:g} s")
            time.sleep(0.02)
        return os.read(read, 4096).decode()
    finally:
        os.close(read)


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """An event loop running in a thread of the parent, as an ASGI server's."""
    running = asyncio.new_event_loop()
    thread = threading.Thread(target=running.run_forever, daemon=True)
    thread.start()
    yield running
    running.call_soon_threadsafe(running.stop)
    thread.join(10)
    running.close()


def wait_for(condition: Callable[[], bool], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.01)


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_the_async_face_receives_and_handles_in_a_child_forked_while_the_parent_stores(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, loop: asyncio.AbstractEventLoop
) -> None:
    receiver = WebhookReceiver(store_url(kind, tmp_path, request), secret=KEY, poll_interval=0.05)
    handled: list[str] = []
    child_handled: list[asyncio.Event] = []  # made in the child, on its loop

    @receiver.on(AppointmentWebhookEvent)
    async def handle(event: AppointmentWebhookEvent, delivery: Delivery) -> None:
        handled.append(event.id)
        if event.id == "child":
            child_handled[0].set()

    def on_loop(work: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(work, loop).result(10)

    stored = [0]
    stop = threading.Event()

    async def keep_storing() -> None:
        while not stop.is_set():
            assert (await receiver.receive(body(f"parent-{stored[0]}"), key=KEY)).status == 202
            stored[0] += 1

    on_loop(receiver.start(handle=False))  # the parent stores; the store's thread and pool are in use
    storing = asyncio.run_coroutine_threadsafe(keep_storing(), loop)
    try:
        wait_for(lambda: stored[0] >= 20)

        def child() -> str:
            async def receive_and_handle() -> str:
                child_handled.append(asyncio.Event())
                async with asyncio.timeout(CHILD_WITHIN / 2):
                    answer = await receiver.receive(body("child"), key=KEY)
                    await child_handled[0].wait()  # by this process's own handlers, on its own loop
                    await receiver.stop()
                return str(answer.status)

            return asyncio.run(receive_and_handle())

        assert in_child(child) == "202"
        count = stored[0]
        wait_for(lambda: stored[0] > count + 20)  # the parent goes on storing, unaffected
    finally:
        stop.set()
        storing.result(10)
        on_loop(receiver.stop())
    assert handled == []  # the parent never handled: the child's handlers were its own


@pytest.mark.parametrize("kind", ["sqlite", "redis", "postgres"])
def test_receive_sync_answers_in_children_forked_while_parent_threads_insert(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    receiver = WebhookReceiver(store_url(kind, tmp_path, request), secret=KEY)
    stop = threading.Event()
    stored = [0] * 4
    failures: list[int] = []

    def insert(thread: int) -> None:
        while not stop.is_set():
            status = receiver.receive_sync(body(f"thread-{thread}-{stored[thread]}"), key=KEY).status
            if status != 202:
                failures.append(status)
            stored[thread] += 1

    threads = [threading.Thread(target=insert, args=(n,)) for n in range(len(stored))]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: min(stored) >= 5)
        # Several forks, each with the four threads mid-insert: some of them inherit the write lock held.
        answers = [
            in_child(lambda n=n: str(receiver.receive_sync(body(f"child-{n}"), key=KEY).status))  # type: ignore[misc]
            for n in range(5)
        ]
        assert answers == ["202"] * 5
        assert receiver.receive_sync(body("child-0"), key=KEY).status == 200  # stored by the child: a duplicate
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
    assert failures == []


def test_a_stream_sink_used_before_a_fork_adds_from_the_child_on_its_own_client(
    redis_url: str, loop: asyncio.AbstractEventLoop
) -> None:
    stream = f"fork-stream-{os.getpid()}-{time.monotonic_ns()}"
    sink = RedisStreamSink(redis_url, stream, group="readers")  # its client made from the URL

    async def send(event_id: str) -> int:
        await sink.send(ForwardedEvent(event_id, "appointment-1", 1, 1, False, body(event_id).decode()))
        return int(await sink.redis.xlen(stream))

    def on_loop(work: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(work, loop).result(10)

    assert on_loop(send("before-fork")) == 1  # the parent's client, connected, on the parent's loop

    async def send_and_close() -> int:
        try:
            return await send("in-child")
        finally:
            await sink.aclose()

    assert in_child(lambda: str(asyncio.run(send_and_close()))) == "2"  # on a client of its own
    assert on_loop(send("after-fork")) == 3  # the parent's client, unaffected
    on_loop(sink.aclose())
