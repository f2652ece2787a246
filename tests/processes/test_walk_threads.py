"""A sync walk's threads: none outlives the client's `close()`, and a walk goes on in a forked child.

A `for` over a list operation fetches the pages ahead in threads. They were a thread pool of the
walk's own, whose idle threads lived as long as the walk: a walk the caller left unfinished (a
`break`, the generator kept) kept its threads after `close()`. After a `fork()`, that pool counted
threads the child does not have, and a page asked for there never came.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.testing._server import serve

from ..support.clients import TOKEN

_ITEMS = 200


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, set[str]]]:
    fake = FakePexipEngage()
    ids = {fake.add_appointment()["id"] for _ in range(_ITEMS)}
    with serve(fake) as root:
        # The served fake starts its own threads on first use (its loop thread, for a sync client): started
        # here, whichever modules were loaded before, they are in every test's count of threads before.
        with SyncPexipEngage("acme", token=TOKEN, base_url=root) as warm:
            warm.appointments.get_appointments(limit=1)
        yield root, ids


def _walk_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("pexip-engage-walk")]


def _client_side_count() -> int:
    """Threads but the served fake's loop, which starts with its first request and is the server's."""
    return sum(1 for thread in threading.enumerate() if thread.name != "FakePexipEngage")


def _until(condition: object, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def test_an_unfinished_walk_keeps_no_thread_after_close(served: tuple[str, set[str]]) -> None:
    root, _ = served
    before = _client_side_count()
    engage = SyncPexipEngage("acme", token=TOKEN, base_url=root)
    walk = iter(engage.appointments.get_appointments(limit=10))
    seen = [next(walk) for _ in range(35)]  # into the fourth page: the walk fetches pages ahead
    assert len(seen) == 35
    engage.close()
    # Each page's thread ends with its page; close() waited for the calls in flight.
    assert _until(lambda: not _walk_threads()), [thread.name for thread in _walk_threads()]
    assert _until(lambda: _client_side_count() <= before), threading.enumerate()
    del walk  # the caller's generator, still unfinished: its end runs now and starts nothing


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_walk_started_before_a_fork_ends_in_the_child_with_every_item(served: tuple[str, set[str]]) -> None:
    root, ids = served
    with SyncPexipEngage("acme", token=TOKEN, base_url=root) as engage:
        walk = iter(engage.appointments.get_appointments(limit=10))
        seen = {next(walk).id for _ in range(25)}  # pages are on their way in the parent's threads
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            os.close(read)
            signal.alarm(30)  # a hung walk ends the child rather than outliving the test
            try:
                started = time.monotonic()
                rest = {appointment.id for appointment in walk}
                report = f"{len(seen | rest)}|{(seen | rest) == ids}|{time.monotonic() - started:.2f}"
            except BaseException as exc:
                report = f"{type(exc).__name__}: {exc}"
            os.write(write, report.encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            report = pipe.read()
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        count, complete, seconds = report.split("|")
        assert (count, complete) == (str(_ITEMS), "True"), report
        assert float(seconds) < 10
        assert seen | {appointment.id for appointment in walk} == ids  # the parent's walk goes on too
