"""An ensure's turn held by a parent at fork() is not the child's: neither its lock nor its lock file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pexip_engage_client._base._sync._lease import FileLeases, Held
from pexip_engage_client._ensuring._sync._ensure_lock import EnsureLocks, lease_key

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")]


def test_a_child_forked_while_a_parent_thread_holds_a_turn_takes_its_own_lock_at_once() -> None:
    locks = EnsureLocks()
    key = lease_key("acme", "createAppointment", "CRM-1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locks.local_lock(key):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports by its exit status
        os._exit(0 if locks.local_lock(key).acquire(timeout=2) else 1)
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        release.set()
        holder.join(10)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_lock_file_is_free_once_its_holder_dies_though_a_child_it_forked_lives_on(tmp_path: Path) -> None:
    """The child's copy of the holder's descriptor is closed at the fork: it cannot keep the dead holder's turn."""
    reader, writer = os.pipe()
    forked, child_running = os.pipe()
    holder = os.fork()
    if holder == 0:  # pragma: no cover - the holder: takes the turn, forks a child that lives on, dies holding it
        held = FileLeases(tmp_path).take("k", "holder", 5)
        if os.fork() == 0:
            # The fork hooks have run once fork() returns here. The holder waits for this byte: dying
            # before the child was first scheduled, it left the copy open for the take below to meet.
            os.write(child_running, b"x")
            os.read(reader, 1)  # until the test is done
            os._exit(0)
        os.read(forked, 1)
        os._exit(0 if isinstance(held, Held) else 1)  # no release: as a SIGKILL would end it
    try:
        _, status = os.waitpid(holder, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert isinstance(FileLeases(tmp_path).take("k", "next", 5), Held)
    finally:
        os.write(writer, b"x")
