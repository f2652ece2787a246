"""Shared limits in a child forked while a parent thread waited for a slot (its listener running).

The parent's listener and its waiter are threads of the parent, and what says whether they run was
copied into the child as it was: running. The child starts afresh (its own connection, slots,
listener), and takes the slot soon after its holder gives it back. On Redis (SUBSCRIBE) and on
PostgreSQL (LISTEN), whose slots are freed with NOTIFY.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings

import pytest

from pexip_engage_client._limiting._limits import NoTurnInTime
from pexip_engage_client._limiting._sync import _limits as sync_limits

from ._backends import shared_limits_sync

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]

_LISTENERS = "pexip-engage-shared-limits"


def _listening() -> bool:
    return any(thread.name == _LISTENERS for thread in threading.enumerate())


def test_a_child_forked_while_a_parent_thread_waited_for_a_slot_listens_for_itself(shared_url: str, key: str) -> None:
    """Redis (SUBSCRIBE) or PostgreSQL (LISTEN on a connection of the listener's own, beside a pool)."""
    holder = shared_limits_sync(shared_url, key=key, max_in_flight=1, per_minute=6000, lease_seconds=30)
    shared = shared_limits_sync(shared_url, key=key, max_in_flight=1, per_minute=6000, lease_seconds=30)
    held = holder.acquire()
    refused: list[BaseException] = []

    def wait_in_the_parent() -> None:
        try:
            shared.release(shared.acquire(deadline=sync_limits.now() + 1.5))
        except NoTurnInTime as exc:
            refused.append(exc)

    waiter = threading.Thread(target=wait_in_the_parent)
    waiter.start()
    deadline = time.monotonic() + 10
    while not _listening() and time.monotonic() < deadline:  # the parent's listener has started
        time.sleep(0.01)
    assert _listening()
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # a fork with threads: what is under test
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        signal.alarm(30)
        try:
            lease = shared.acquire(deadline=sync_limits.now() + 15)
            report = f"{time.time():.3f}"
            shared.release(lease)
        except BaseException as exc:
            report = f"{type(exc).__name__}: {exc}"
        os.write(write, report.encode())
        os._exit(0)
    os.close(write)
    try:
        waiter.join(10)
        assert len(refused) == 1  # the parent's waiter gave up: the slot is the child's to take
        time.sleep(0.5)  # the child is waiting too
        released_at = time.time()
        holder.release(held)
        with os.fdopen(read) as pipe:
            report = pipe.read()
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        # Soon after the release: not at the end of the holder's lease (30 s), nor never. Half the lease,
        # not 2 s: what is ruled out is that wait, and a loaded machine's stalls are not mistaken for it.
        assert float(report) - released_at < 15, report
    finally:
        shared.close()
        holder.close()
