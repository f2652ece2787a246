"""An ensure's turn held by a parent's thread at fork() is not the child's to wait for."""

from __future__ import annotations

import os
import threading

import pytest

from pexip_engage_client._sync._ensure_lock import EnsureLocks, lease_key

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]


def test_a_child_forked_while_a_parent_thread_holds_a_turn_takes_its_own_at_once() -> None:
    locks = EnsureLocks()
    key = lease_key("acme", "createAppointment", "CRM-1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locks.hold(key, call_seconds=30, lease_seconds=30, redis_url=None):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports by its exit status
        try:
            with locks.hold(key, call_seconds=2, lease_seconds=2, redis_url=None):
                os._exit(0)
        except BaseException:
            os._exit(1)
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        release.set()
        holder.join(10)
    assert os.waitstatus_to_exitcode(status) == 0
