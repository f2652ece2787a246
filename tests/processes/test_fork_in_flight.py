"""Forks while the parent is mid-call: a token request, or an async client's calls, in flight.

`fork()` copies no thread: what the parent's threads were doing at that moment never ends in the
child, and a lock they held stays held there. The child's own calls must neither wait for it nor
use it: they end within their own timeout, and `close()` returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest

from pexip_engage_client import DOCUMENTED_MAX_IN_FLIGHT, PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.loopback import serve as serve_asgi
from ..support.loopback import transport_app
from ..support.waiting import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]


def _in_child(report: Callable[[], str]) -> str:
    """Fork; the child runs `report()` (at most 30 s) and hands back what it returns."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        signal.alarm(30)  # a hung child ends rather than outlive the test
        try:
            text = report()
        except BaseException as exc:
            text = f"{type(exc).__name__}: {exc}"
        os.write(write, text.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, text
    return text


@pytest.fixture
def held_first_token_request() -> Iterator[tuple[str, str, threading.Event, threading.Event]]:
    """The fake, served; its first token request is held until released, later ones answered at once."""
    fake = FakePexipEngage()
    fake.add_client("app", "app-secret")
    appointment = fake.add_appointment()["id"]
    answer = transport_app(fake)
    asked, release = threading.Event(), threading.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/token") and not asked.is_set():
            asked.set()
            await asyncio.get_running_loop().run_in_executor(None, release.wait, 20)
        await answer(scope, receive, send)

    with serve_asgi(app) as root:
        try:
            yield root, appointment, asked, release
        finally:
            release.set()


def test_a_token_request_in_flight_at_the_fork_does_not_hold_the_childs_call(
    held_first_token_request: tuple[str, str, threading.Event, threading.Event],
) -> None:
    root, appointment, asked, release = held_first_token_request
    engage = SyncPexipEngage("acme", client_id="app", client_secret="app-secret", auth_url=root, base_url=root)
    first_call = partial(engage.appointments.get_appointment_by_id, appointment)
    parent = threading.Thread(target=_ignore_errors, args=(first_call,))
    parent.start()
    try:
        assert asked.wait(10)  # the parent's thread holds the token lock, its request at the server

        def child() -> str:
            started = time.monotonic()
            answered = engage.with_options(timeout=3).appointments.get_appointment_by_id(appointment).id
            call_seconds = time.monotonic() - started
            started = time.monotonic()
            engage.close()
            return f"{answered == appointment}|{call_seconds:.2f}|{time.monotonic() - started:.2f}"

        report = _in_child(child)
    finally:
        release.set()
        parent.join(10)
        engage.close()
    answered, call_seconds, close_seconds = report.split("|")
    assert answered == "True", report  # the child asked for a token of its own, and got it
    assert float(call_seconds) < 5
    assert float(close_seconds) < 2


def test_an_async_clients_calls_in_flight_at_the_fork_leave_the_child_a_client_that_works_as_new() -> None:
    release = threading.Event()
    fake = FakePexipEngage()
    appointment = fake.add_appointment()["id"]
    answer = transport_app(fake)
    at_server: list[str] = []  # the paths of the requests the server holds

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/held"):
            at_server.append(scope["path"])
            await asyncio.get_running_loop().run_in_executor(None, release.wait, 20)
        await answer(scope, receive, send)

    with serve_asgi(app) as root:
        engage = PexipEngage("acme", token="test", base_url=root, max_retries=0)
        loop = asyncio.new_event_loop()
        runner = threading.Thread(target=loop.run_forever)
        runner.start()
        held = [asyncio.run_coroutine_threadsafe(_held_call(engage), loop) for _ in range(8)]
        try:
            # The eight calls hold every slot the governor has: as many at the server as it lets out.
            wait_until(lambda: len(at_server) >= DOCUMENTED_MAX_IN_FLIGHT)

            def child() -> str:
                async def calls() -> str:
                    started = time.monotonic()
                    with contextlib.suppress(errors.APITimeoutError):
                        await engage.with_options(timeout=1).get("/appointments/held")
                    held_seconds = time.monotonic() - started
                    answered = (await engage.appointments.get_appointment_by_id(appointment)).id == appointment
                    started = time.monotonic()
                    await engage.close()
                    return f"{answered}|{held_seconds:.2f}|{time.monotonic() - started:.2f}"

                return asyncio.run(calls())  # the child's own loop: the client belongs to it now

            report = _in_child(child)
        finally:
            release.set()
            for call in held:
                call.result(30)
            asyncio.run_coroutine_threadsafe(engage.close(), loop).result(30)
            loop.call_soon_threadsafe(loop.stop)
            runner.join(10)
            loop.close()
    answered, held_seconds, close_seconds = report.split("|")
    assert answered == "True", report
    assert float(held_seconds) < 5  # within its own timeout (1 s), not behind the parent's eight
    assert float(close_seconds) < 2


async def _held_call(engage: PexipEngage) -> None:
    with contextlib.suppress(errors.PexipEngageError):
        await engage.get("/appointments/held")


def _ignore_errors(call: Callable[[], object]) -> None:
    with contextlib.suppress(errors.PexipEngageError):
        call()
