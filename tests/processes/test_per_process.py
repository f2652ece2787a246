"""`_base.processes`: a value made per process, made anew in a child after a real fork."""

from __future__ import annotations

import os
import threading
import weakref

import pytest

from pexip_engage_client._base.processes import PerProcess, generation, per_process

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")


def _in_child(check: object) -> int:
    """Run `check()` in a forked child; its exit status: 0 when it returned True, 1 otherwise."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit status
        try:
            os._exit(0 if check() else 1)  # type: ignore[operator]
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_value_is_made_once_per_process_and_anew_after_fork() -> None:
    made: list[int] = []

    def make() -> object:
        made.append(os.getpid())
        return object()

    value = PerProcess(make)
    first = value.get()
    assert value.get() is first
    assert value.current() is first
    parent_generation = generation()

    def child_sees_a_new_value() -> bool:
        assert value.current() is None  # the parent's is never handed to the child
        fresh = value.get()
        return fresh is not first and value.get() is fresh and generation() == parent_generation + 1

    assert _in_child(child_sees_a_new_value) == 0
    assert value.get() is first  # the parent keeps its own
    assert made == [os.getpid()]


def test_a_lock_held_by_a_parent_thread_at_the_fork_does_not_block_the_child() -> None:
    # A parent thread is inside get()'s build (holding the module's lock) when the process forks.
    entered, release = threading.Event(), threading.Event()

    def slow() -> object:
        entered.set()
        release.wait(10)
        return object()

    slow_value = PerProcess(slow)
    other = PerProcess(object)
    builder = threading.Thread(target=slow_value.get)
    builder.start()
    assert entered.wait(10)
    try:
        assert _in_child(lambda: other.get() is not None) == 0
    finally:
        release.set()
        builder.join(10)


class _Owner:
    """An object holding a `per_process` attribute, whose factory notes the process that made each value."""

    def __init__(self, made: list[int]) -> None:
        self.made = made

    value = per_process(lambda self: self.made.append(os.getpid()) or object())


def test_a_per_process_attribute_is_made_anew_in_the_child_only_and_keeps_no_owner_alive() -> None:
    made: list[int] = []
    owner = _Owner(made)
    first = owner.value
    parent = os.getpid()
    assert _in_child(lambda held=owner: held.value is not first and made == [parent, os.getpid()]) == 0
    assert owner.value is first
    assert made == [parent]  # never made again in the parent
    collected = weakref.ref(owner)
    del owner
    assert collected() is None  # nothing registered for the fork keeps the owner alive


def test_clear_forgets_the_value_and_returns_it() -> None:
    value = PerProcess(object)
    first = value.get()
    assert value.clear() is first
    assert value.current() is None
    assert value.get() is not first


def test_a_fork_that_ran_no_hook_is_noticed_by_its_process_id_on_first_use() -> None:
    # libc's fork() with the GIL held (as uWSGI forks its workers): no os.register_at_fork callback runs.
    import ctypes

    made: list[int] = []
    owner = _Owner(made)
    owned = owner.value
    value = PerProcess(object)
    first = value.get()
    parent_generation, parent = generation(), os.getpid()
    pid = int(ctypes.PyDLL(None).fork())
    if pid == 0:  # pragma: no cover - the child reports through its exit status
        try:
            unnoticed = made == [parent] and value._generation == parent_generation  # nothing ran at the fork
            fresh = value.get()
            again = value.get()
            remade = owner.value is not owned and owner.value is owner.value and made == [parent, os.getpid()]
            ok = unnoticed and fresh is not first and again is fresh and remade
            os._exit(0 if ok and generation() == parent_generation + 1 else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert value.get() is first
    assert owner.value is owned
    assert made == [parent]
