"""A client used before `fork()` and then in the children: each child gets its own connections.

Where Python services fork (gunicorn `--preload`, Celery prefork, `multiprocessing`), a client
made and used in the parent was copied with its connection pool, and children then read each
other's answers: 293 to 306 of 400 calls returned another call's body, with no error. These tests
fork for real, against a server on loopback, and count every body.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest

from pexip_engage_client import DOCUMENTED_MAX_IN_FLIGHT, PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.loopback import serve as serve_asgi
from ..support.waiting import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]

_CALLS = 400
_engage: Any = None  # the module-level client, as docs/without-an-event-loop.md has one per process


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)  # four processes at once: no 429 here
    ids = [fake.add_appointment(status="INCOMING_REQUEST")["id"] for _ in range(100)]
    with serve(fake) as root:
        yield root, ids


def _read_sync(appointment_id: str) -> str:
    try:
        return str(_engage.appointments.get_appointment_by_id(appointment_id).id)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def _read_async_batch(appointment_ids: list[str], answers: Any) -> None:
    """One child: one event loop (the client belongs to the loop of its first call), many calls."""

    async def read(appointment_id: str) -> str:
        try:
            return str((await _engage.appointments.get_appointment_by_id(appointment_id)).id)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    async def read_all() -> list[str]:
        return list(await asyncio.gather(*(read(appointment_id) for appointment_id in appointment_ids)))

    answers.put((appointment_ids, asyncio.run(read_all())))


def _wrong(asked: list[str], answered: list[str]) -> list[tuple[str, str]]:
    return [(want, got) for want, got in zip(asked, answered, strict=True) if want != got]


def test_a_sync_client_used_before_a_fork_pool_gives_every_call_its_own_body(served: tuple[str, list[str]]) -> None:
    global _engage  # noqa: PLW0603 - a module-level client is the layout under test
    root, ids = served
    _engage = SyncPexipEngage("acme", token="test", base_url=root)
    try:
        assert _engage.appointments.get_appointment_by_id(ids[0]).id == ids[0]  # a pooled connection now
        asked = [ids[n % len(ids)] for n in range(_CALLS)]
        with multiprocessing.get_context("fork").Pool(4) as pool:
            answered = pool.map(_read_sync, asked, chunksize=1)
        assert _wrong(asked, answered) == []
        assert _engage.appointments.get_appointment_by_id(ids[1]).id == ids[1]  # the parent is unaffected
    finally:
        _engage.close()


@pytest.mark.parametrize("backend", ["httpx", "one-shot"])
def test_an_async_client_used_before_a_fork_works_as_new_in_each_childs_loop(
    served: tuple[str, list[str]], backend: str
) -> None:
    global _engage  # noqa: PLW0603
    root, ids = served
    _engage = PexipEngage("acme", token="test", base_url=root, http_backend=backend)  # type: ignore[arg-type]
    loop = asyncio.new_event_loop()
    try:
        # The parent's call leaves a pooled connection in the parent's loop, which is not running at the fork.
        first = loop.run_until_complete(_engage.appointments.get_appointment_by_id(ids[0]))
        assert first.id == ids[0]
        context = multiprocessing.get_context("fork")
        answers = context.Queue()
        asked = [ids[n % len(ids)] for n in range(100)]
        children = [context.Process(target=_read_async_batch, args=(asked[n::4], answers)) for n in range(4)]
        for child in children:
            child.start()
        results = [answers.get(timeout=60) for _ in children]
        for child in children:
            child.join(30)
        assert [child.exitcode for child in children] == [0, 0, 0, 0]
        assert [wrong for batch, answered in results for wrong in _wrong(batch, answered)] == []
        started = time.monotonic()
        again = loop.run_until_complete(_engage.appointments.get_appointment_by_id(ids[1]))
        assert again.id == ids[1]  # the parent is unaffected...
        # ...and promptly: no child closed what the parent still uses.
        assert time.monotonic() - started < 5
    finally:
        loop.run_until_complete(_engage.close())
        loop.close()


@pytest.mark.parametrize("stack", [httpx2, httpx], ids=["httpx2", "httpx (legacy path)"])
def test_a_callers_own_http_client_used_before_the_fork_is_refused_in_the_child(
    served: tuple[str, list[str]], stack: Any
) -> None:
    global _engage  # noqa: PLW0603
    root, ids = served
    with stack.Client() as used, stack.Client() as unused:
        _engage = SyncPexipEngage("acme", token="test", base_url=root, http_client=used)
        assert _engage.appointments.get_appointment_by_id(ids[0]).id == ids[0]
        with multiprocessing.get_context("fork").Pool(1) as pool:
            (answer,) = pool.map(_read_sync, [ids[1]])
        assert answer.startswith("ForkedClientError: this client was given an http_client in the parent process")
        _engage = SyncPexipEngage("acme", token="test", base_url=root, http_client=unused)
        with multiprocessing.get_context("fork").Pool(1) as pool:  # made, not used, before the fork: fine
            assert pool.map(_read_sync, [ids[2]]) == [ids[2]]


def test_fork_with_calls_in_flight_the_childs_call_ends_within_its_timeout_and_close_returns() -> None:
    release = threading.Event()
    at_server: list[str] = []  # the paths of the requests the server holds

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        at_server.append(scope["path"])
        await asyncio.get_running_loop().run_in_executor(None, release.wait, 20)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"id": "a", "data": {}}'})

    with serve_asgi(slow) as root:
        engage = SyncPexipEngage("acme", token="test", base_url=root, max_retries=0)
        parents = [threading.Thread(target=_ignore_errors, args=(engage,)) for _ in range(8)]
        for thread in parents:
            thread.start()
        # The eight calls hold every slot and lock they take: as many at the server as the governor
        # lets out, the others waiting for a slot.
        wait_until(lambda: len(at_server) >= DOCUMENTED_MAX_IN_FLIGHT)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            os.close(read)
            os.write(write, _child_report(engage).encode())
            os._exit(0)
        os.close(write)
        try:
            with os.fdopen(read) as pipe:
                report = pipe.read()
            _, status = os.waitpid(pid, 0)
        finally:
            release.set()
            for thread in parents:
                thread.join(10)
            engage.close()
    assert os.waitstatus_to_exitcode(status) == 0
    call, call_seconds, close_seconds = report.split("|")
    assert call == "APITimeoutError"  # the server still holds everything: the child's call times out...
    assert float(call_seconds) < 5  # ...within its own timeout (1 s), not for ever
    assert float(close_seconds) < 2  # and the parent's eight calls do not hold the child's close()


def _ignore_errors(engage: SyncPexipEngage) -> None:
    with contextlib.suppress(errors.PexipEngageError):  # the server answers them after the fork, or not
        engage.appointments.get_appointment_by_id("held")


def _child_report(engage: SyncPexipEngage) -> str:
    started = time.monotonic()
    try:
        engage.with_options(timeout=1).appointments.get_appointment_by_id("child")
        outcome = "answered"
    except errors.PexipEngageError as exc:
        outcome = type(exc).__name__
    call_seconds = time.monotonic() - started
    started = time.monotonic()
    engage.close()
    return f"{outcome}|{call_seconds:.2f}|{time.monotonic() - started:.2f}"
