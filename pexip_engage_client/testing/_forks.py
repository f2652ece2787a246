"""What the fake resets in a child process after `os.fork()`: its loop thread and its locks.

A forked child has none of its parent's threads, and a lock a parent thread held at the fork stays
held for ever in the child. So each object of the fake that keeps a thread or a lock registers a
reset here, which runs in the child before any other code (`os.register_at_fork`): the child then
starts its own thread on first use and gets fresh locks. What the parent had is dropped, never
closed, so the parent is unaffected. (The package's `_base.processes` does the same for the
client; the fake may not import it, see architecture.toml.)
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_resets: weakref.WeakKeyDictionary[Any, Callable[[Any], None]] = weakref.WeakKeyDictionary()


def reset_in_child(owner: T, reset: Callable[[T], None]) -> None:
    """Call `reset(owner)` in every child forked while `owner` lives (a function, not a bound
    method: the registry holds `owner` weakly)."""
    _resets[owner] = reset


def _after_fork_in_child() -> None:
    for owner, reset in list(_resets.items()):
        reset(owner)


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
