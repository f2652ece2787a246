"""What a forked child must not inherit: one place that knows this process from its parent.

Why (a child shares its parent's sockets, locks and absent threads): docs/deploying.md, "What fork does".
So every socket, lock, thread, executor or lease lives in a `PerProcess` (or, for an attribute, is
declared `per_process` in its class), made again on first use after a fork. The check is one integer
comparison, bumped by `os.register_at_fork`, and the process id too, for a fork made from C that runs
no hook (uWSGI's): every read of a `PerProcess` then runs the hooks first (`notice_fork()`). What cannot
wait for first use runs in them (`at_fork_in_child`): a child's copy of a lock file's descriptor keeps
the parent's `flock` held after the parent died.

What a child's value replaces is neither closed nor collected there (`keep_inherited`): closing a
socket the parent's event loop watches removes it from the epoll set they share, and the parent's
call waits out its read timeout.

A module being imported holds its import lock until it is done: a child forked meanwhile would wait on
that lock for ever, its holder a thread the child lacks. So the fork first takes `_importing`, the lock
every import of a heavy library on first use holds (`LazyModule`: httpx2, msgspec, a generated module),
then waits until no import is in flight. A heavy import takes tens of milliseconds, and may still be
finding its module, where nothing shows it under way: the lock covers it from its first step, and none
begins until the fork is done. The package's own modules, imported where they are first used, are waited
for once listed in `sys.modules`. No module takes the lock at its top level (none loads a library there
through `LazyModule`), so an import the fork waits for never waits for the fork.
"""

from __future__ import annotations

import contextlib
import logging  # noqa: F401 - imported before the fork hook is registered: see there
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_generation = 0  # 0 in the process that imported this module first, one more at each fork
_pid = os.getpid()  # the process whose fork hooks ran last (or that imported this module)
# One lock per process id, made in that process (so never one a parent thread held at the fork),
# for the child whose hooks run on first use: two of its threads must not run them twice.
_noticing: dict[int, threading.Lock] = {}
# Guards building values. Replaced in the child at the fork: a parent thread may hold it there.
_building = threading.RLock()
# Held by each import of a heavy library on first use (`importing`), and by the fork: the child never inherits one
# half done. Replaced in the child, as `_building` is.
_importing = threading.RLock()
_importing_held = False  # whether the fork under way took it (the parent releases it after)
_IMPORT_WAIT = 30.0  # seconds: far above any library's import; past it the fork goes on rather than hang the parent
_inherited: list[object] = []  # what this process's parent made and this process replaced: never collected here
_at_fork: list[Callable[[], None]] = []  # run by each child at the fork, in order: `at_fork_in_child`


def _after_fork_in_child() -> None:
    global _generation, _building, _importing, _importing_held, _pid  # noqa: PLW0603 -- the child's fresh start
    _generation += 1
    _building, _importing, _importing_held = threading.RLock(), threading.RLock(), False
    for hook in _at_fork:
        hook()
    _pid = os.getpid()  # last: a thread noticing the fork (`notice_fork`) waits until all of it has run


def _before_fork() -> None:
    """Take `_importing`, so that no heavy library's import is under way at the fork nor begins before it is done (a
    bounded wait: past it the fork goes on), then wait until every import another thread is running has ended:
    `__import__` of a module still loading waits on its lock (of one loaded, it is a dict look-up, about 1 µs), again
    for those begun meanwhile."""
    global _importing_held  # noqa: PLW0603 - released after the fork, in the parent
    _importing_held = _importing.acquire(timeout=_IMPORT_WAIT)
    seen: set[str] = set()
    while names := [name for name in list(sys.modules) if name not in seen]:  # in the order they came
        seen.update(names)
        for name in names:
            if sys.modules.get(name) is not None:
                with contextlib.suppress(BaseException):  # whatever the import came to, the fork goes on
                    __import__(name)  # the C import path: a module loaded already is a dict look-up


def _after_fork_in_parent() -> None:
    if _importing_held:
        _importing.release()


@contextlib.contextmanager
def importing() -> Iterator[None]:
    """Hold the lock a fork takes, for an import on first use (`LazyModule`): the fork waits for it to end."""
    with _importing:
        yield


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    # `before` hooks run in the reverse order of their registration: logging's (it takes its lock) registered
    # first runs after this one, so that an import this waits for may still log.
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)


def notice_fork() -> None:
    """Run the child's fork hooks now if this process is a fork whose hooks did not run (uWSGI's)."""
    pid = os.getpid()
    if pid == _pid:
        return
    with _noticing.setdefault(pid, threading.Lock()):  # setdefault is atomic: one lock per process
        if pid != _pid:  # not already run by another thread of this child
            _after_fork_in_child()


def at_fork_in_child(hook: Callable[[], None]) -> None:
    """Run `hook()` in each child at the fork (in `notice_fork()` after one that ran none); it uses no `PerProcess`."""
    _at_fork.append(hook)


def keep_inherited(value: object) -> None:
    """Keep `value`, the parent's, referenced for this process's life: collecting it may close what the parent uses."""
    if value is not None:  # None: nothing was made there
        _inherited.append(value)


def generation() -> int:
    """This process's fork generation: it changes in a child after every fork, and nowhere else."""
    notice_fork()
    return _generation


class PerProcess(Generic[T]):
    """A value made for this process on first use, and made anew on first use after a fork.

    `get()` costs two comparisons once the value exists (the generation, and the process id).
    `current()` is the value only if this process made it (for closing: a child must not close its
    parent's sockets), and `clear()` forgets it so the next `get()` makes a new one.
    """

    __slots__ = ("__weakref__", "_factory", "_generation", "_value")  # weakly held: a holder may end its value

    def __init__(self, factory: Callable[..., T]) -> None:
        self._factory = factory
        self._value: T | None = None
        self._generation = -1  # made in no process yet

    def get(self, *args: Any) -> T:
        """The value for this process, made now (by `factory(*args)`) if this process has none yet."""
        if self._generation == _generation and os.getpid() == _pid:  # the common read: `notice_fork`'s check inline
            return self._value  # type: ignore[return-value] # made in this process
        notice_fork()
        if self._generation != _generation:  # made in no process yet, or in the parent
            with _building:
                if self._generation != _generation:
                    keep_inherited(self._value)  # the parent's, if any: replaced, never closed nor collected here
                    self._value = self._factory(*args)
                    self._generation = _generation
        return self._value  # type: ignore[return-value] # made above (None only if the factory made None)

    def set(self, value: T) -> None:
        """Make `value` this process's value (the parent's, if any, is kept: see `keep_inherited`)."""
        notice_fork()
        with _building:
            if self._generation != _generation:
                keep_inherited(self._value)  # the parent's, if any
            self._value, self._generation = value, _generation

    def current(self) -> T | None:
        """The value if this process made one, else None; never makes one."""
        notice_fork()
        return self._value if self._generation == _generation else None

    def clear(self) -> T | None:
        """Forget this process's value (returned, for closing) so the next `get()` makes a new one."""
        with _building:
            value = self.current()
            self._value = None
            self._generation = -1
            return value


class per_process(Generic[T]):  # noqa: N801 - a descriptor, named as `property` is
    """An attribute kept in a `PerProcess`: `_lock = per_process(lambda self: threading.Lock())` in a
    class body. Read, it is this process's value, made by `factory(instance)` on the first read in
    each process (a forked child's first read makes its own); assigned, it is set for this process.
    Each instance's holder is kept in its `__dict__` under the attribute's name.
    """

    def __init__(self, factory: Callable[[Any], T]) -> None:
        self._factory = factory
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def _holder(self, instance: Any) -> PerProcess[T]:
        held: PerProcess[T] | None = instance.__dict__.get(self._name)
        if held is None:
            held = instance.__dict__.setdefault(self._name, PerProcess(self._factory))
        return held

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:  # read on the class (by `inspect`, say): the descriptor
            return self  # type: ignore[return-value]
        # The common read, inline (a call reads several such attributes): this process made the value
        # and no fork happened since, whether or not its hooks ran (the same checks as `get`).
        held = instance.__dict__.get(self._name)
        if held is not None and held._generation == _generation and os.getpid() == _pid:
            return held._value  # type: ignore[no-any-return]
        return self._holder(instance).get(instance)

    def __set__(self, instance: Any, value: T) -> None:
        self._holder(instance).set(value)
