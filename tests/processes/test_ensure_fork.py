"""An ensure's turn held by a parent at fork() is not the child's: neither its lock nor its lock file."""

from __future__ import annotations

import ctypes
import os
import signal
import threading
from pathlib import Path

import pytest

from pexip_engage_client._base.processes import notice_fork
from pexip_engage_client._ensuring._sync._ensure_lock import EnsureLocks, lease_key
from pexip_engage_client._leasing._sync._lease import Busy, FileLeases, Held

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


def test_a_child_forked_without_hooks_lets_its_holders_turn_go_on_first_use_and_keeps_its_own(tmp_path: Path) -> None:
    """As uWSGI forks (from C: no Python fork hook runs): the child's first take, or any first use
    (`notice_fork()`), closes its copy of the holder's descriptor, and never the child's own."""
    reader, writer = os.pipe()
    forked, child_running = os.pipe()
    holder = os.fork()
    if holder == 0:  # pragma: no cover - the holder: takes the turn, forks a child that lives on, dies holding it
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a hung process ends rather than outlive the test
        signal.alarm(60)
        held = FileLeases(tmp_path).take("k", "holder", 5)
        if int(ctypes.PyDLL(None).fork()) == 0:  # libc's fork(), the GIL held: no os.register_at_fork hook runs
            own = FileLeases(tmp_path).take("own", "child", 5)  # this child's first use
            notice_fork()  # a later first use (a client's call): the child's own turn stays held
            os.write(child_running, b"x" if isinstance(own, Held) else b"-")
            os.read(reader, 1)  # until the test is done
            os._exit(0)
        ran = os.read(forked, 1)
        os._exit(0 if isinstance(held, Held) and ran == b"x" else 1)  # no release: as a SIGKILL would end it
    try:
        _, status = os.waitpid(holder, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert isinstance(FileLeases(tmp_path).take("k", "next", 5), Held)
        assert isinstance(FileLeases(tmp_path).take("own", "next", 5), Busy)
    finally:
        os.write(writer, b"x")
