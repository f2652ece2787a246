"""`SyncPexipEngage`'s lifecycle: the calls in flight on any thread, and `close()`.

The counterpart of `_lifecycle.py`, written by hand because threads differ where that module is
about event loops: a sync client belongs to no loop (any thread may call it, one inside a running
loop too), and a call in another thread cannot be interrupted. So `close()` refuses new calls,
waits for the calls in flight (each is bounded by its timeout and retries), and then releases
what they used, once however often it is called. A call that closes its own client (from an event
hook) is not waited for.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from ._base.processes import in_child_after_fork, notice_fork
from .errors import ClientClosedError


class ThreadLifecycle:
    """One sync client's life: any thread may call, closed once, never reopened."""

    __slots__ = ("_after_fork", "_calls", "_changed", "_released", "closed")

    def __init__(self) -> None:
        self.closed = False
        self._calls: Counter[int] = Counter()  # calls in flight, by thread
        self._changed = threading.Condition()
        self._released = False
        self._after_fork = in_child_after_fork(self._forget_the_parents_calls)

    def _forget_the_parents_calls(self) -> None:
        """In a forked child: the parent's threads, and their calls, do not exist here.

        Waiting for them would make `close()` wait for ever, and their condition's lock may have
        been held at the fork.
        """
        self._calls = Counter()
        self._changed = threading.Condition()

    def enter(self) -> int:
        """A call begins in this thread, whose id is returned for `leave`: refused once closed."""
        notice_fork()  # a fork that ran no hook (uWSGI): the parent's calls are forgotten first
        thread = threading.get_ident()
        with self._changed:
            if self.closed:
                raise ClientClosedError("the client is closed; create a new SyncPexipEngage to make more calls")
            self._calls[thread] += 1
        return thread

    def cancelled(self, thread: int) -> None:
        """Never called: nothing cancels a thread (the pipeline's `except CancelledError` is the async one's)."""

    def leave(self, thread: int) -> None:
        """The call in `thread` is over."""
        with self._changed:
            self._calls[thread] -= 1
            if not self._calls[thread]:
                del self._calls[thread]
            self._changed.notify_all()

    def close(self, release: Callable[[], None]) -> None:
        """Refuse new calls, wait for the calls in flight on other threads, then `release()` once."""
        mine = threading.get_ident()
        with self._changed:
            self.closed = True
            self._changed.wait_for(lambda: not (self._calls.keys() - {mine}))
            if self._released:
                return
            self._released = True
        release()
