"""A module registered at once and executed when one of its names is first read, by any thread.

The generated resource classes hold each operation's module this way: creating a tag's resource
loads none of them, and an operation's first call loads its own (its request and its models), so
that a program calling one operation does not pay for the models of every other one of the tag.
After that first read the module is an ordinary one, and reading its names costs nothing more.

Not `importlib.util.LazyLoader`: before CPython 3.12.3 it is not safe for threads. Eight threads
of a thread pool or a threaded WSGI server making their first calls at once saw the module half
executed (`module ... has no attribute 'build_request'`) most of the time. Here the module's code
runs under one lock, and a name is looked up only once that code has run: a thread that reads one
while another thread runs the module waits for it. What the import system reads of a module
(`__spec__`, `__path__`, `__name__`) runs nothing, so it can look at the module, or import one of
its submodules, without loading it.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType

from .processes import in_child_after_fork

# One lock for every deferred module: their code runs one module at a time, so two modules that
# read each other's names while they run cannot wait for each other. Re-entrant, as running one
# module's code may run another's.
_executing_lock = threading.RLock()
_executing: set[str] = set()  # the modules whose code is running (in the thread holding the lock)


def _after_fork() -> None:
    # A parent thread may have held the lock at the fork: the child's only thread starts afresh.
    global _executing_lock  # noqa: PLW0603 - module state, made anew in the child
    _executing_lock = threading.RLock()
    _executing.clear()


_fork_listener = in_child_after_fork(_after_fork)


# What the import system reads of a module it finds in sys.modules (and this module reads to run
# it): read before the code has run, they run nothing. Any other name, `__dict__` (`vars()`) and
# `__dir__` included, runs the module's code first.
_READ_BEFORE_RUNNING = frozenset({"__class__", "__name__", "__spec__", "__loader__", "__path__", "__package__"})


class _LazyModule(ModuleType):
    """A module whose code has not run yet; it runs when any other name than the import system's is read."""

    def __getattribute__(self, name: str) -> object:
        if name not in _READ_BEFORE_RUNNING:
            _execute(self)
        return ModuleType.__getattribute__(self, name)


def _execute(module: ModuleType) -> None:
    with _executing_lock:
        if type(module) is not _LazyModule:
            return  # another thread ran it while this one waited
        name = module.__name__
        if name in _executing:
            return  # read from its own code (a circular import): the name is not there yet, as usual
        spec = module.__spec__
        loader = spec.loader if spec is not None else None
        if loader is None:  # lazy_module() made it from a spec with a loader
            raise ImportError(f"{name} has no loader to run it with", name=name)
        _executing.add(name)
        try:
            loader.exec_module(module)
        except BaseException:
            if sys.modules.get(name) is module:
                del sys.modules[name]  # as a failed import leaves nothing behind; a later read tries again
            raise
        finally:
            _executing.discard(name)
        _make_plain(module)


def _make_plain(module: ModuleType) -> None:
    """From now on an ordinary module: reading its names goes through no __getattr__ of ours."""
    module.__class__ = ModuleType


def lazy_module(name: str) -> ModuleType:
    """The module `name` (absolute), executed on first use; the loaded one if it is loaded already."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _LazyModule
    sys.modules[name] = module  # its own relative imports, and any later import of it, find it here
    return module
