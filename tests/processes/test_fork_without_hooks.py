"""A fork that runs none of Python's fork hooks, as uWSGI's is unless `py-call-osafterfork` is set.

uWSGI loads the app in its master and forks the workers from C: `os.register_at_fork` callbacks
run in them only when it is told to call `PyOS_AfterFork_Child()` (`py-call-osafterfork`), which
is off by default. The client then notices the fork by its process id, as redis-py does, on the
first use in the child. Here the fork is libc's `fork()` called through ctypes with the GIL held,
which runs no Python hook either.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.queues
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pexip_engage_client import SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]

_CHILDREN, _CALLS = 4, 100


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    """The fake, seeded here and served by a process of its own.

    Not by a thread of this one: a fork that runs no hook copies whatever lock another thread holds
    at that instant (logging's, when the server thread was logging), and a child that needs it then
    waits for ever (a child was killed by its alarm after 60 s once in CI).
    """
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)  # four processes at once: no 429 here
    ids = [fake.add_appointment(status="INCOMING_REQUEST")["id"] for _ in range(50)]
    context = multiprocessing.get_context("fork")  # the seeded fake goes with it
    ready: multiprocessing.queues.Queue[str] = context.Queue()
    stop = context.Event()
    server = context.Process(target=_serve_until, args=(fake, ready, stop), daemon=True)
    server.start()
    try:
        yield ready.get(timeout=30), ids
    finally:
        stop.set()
        server.join(timeout=10)
        if server.is_alive():
            server.kill()
            server.join(timeout=10)


def _serve_until(fake: FakePexipEngage, ready: multiprocessing.queues.Queue[str], stop: Any) -> None:
    with serve(fake) as root:
        ready.put(root)
        stop.wait(timeout=600)  # bounded, should the test process die without setting it


def _fork_without_hooks() -> int:
    """libc's fork(), the GIL held throughout (PyDLL): no `os.register_at_fork` callback runs."""
    return int(ctypes.PyDLL(None).fork())


def _wrong_answers(engage: SyncPexipEngage, ids: list[str], child: int) -> str:
    """`<calls answered with another body or failed>|<seconds they took>`."""
    started = time.monotonic()
    wrong = 0
    for number in range(_CALLS):
        asked = ids[(number * 7 + child) % len(ids)]
        try:
            wrong += engage.appointments.get_appointment_by_id(asked).id != asked
        except errors.PexipEngageError:
            wrong += 1
    return f"{wrong}|{time.monotonic() - started:.2f}"


def test_a_client_used_before_a_fork_that_ran_no_hook_gives_every_call_its_own_body(
    served: tuple[str, list[str]],
) -> None:
    root, ids = served
    with SyncPexipEngage("acme", token="test", base_url=root) as engage:
        assert engage.appointments.get_appointment_by_id(ids[0]).id == ids[0]  # a pooled connection now
        pipes, children = [], []
        for child in range(_CHILDREN):
            read, write = os.pipe()
            pid = _fork_without_hooks()
            if pid == 0:  # pragma: no cover - the child reports through the pipe
                # A hung child ends rather than outlive the test: killed by the alarm itself, as the
                # handler inherited from pytest-timeout (a Python one) never runs in a blocked child.
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(60)
                os.write(write, _wrong_answers(engage, ids, child).encode())
                os._exit(0)
            os.close(write)
            pipes.append(read)
            children.append(pid)
        reports = []
        for read in pipes:
            with os.fdopen(read) as pipe:
                reports.append(pipe.read())
        statuses = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
        assert statuses == [0] * _CHILDREN
        # Sharing the parent's connections, the children got other calls' bodies, and waited on
        # what the parent held at the fork: 30 s for 30 calls, against half a second.
        assert [report.split("|")[0] for report in reports] == ["0"] * _CHILDREN, f"wrong per child: {reports}"
        assert max(float(report.split("|")[1]) for report in reports) < 10, reports
        assert engage.appointments.get_appointment_by_id(ids[1]).id == ids[1]  # the parent is unaffected
