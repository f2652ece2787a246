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

from ._base.processes import per_process
from .errors import ClientClosedError


class ThreadLifecycle:
    """One sync client's life: any thread may call, closed once, never reopened."""

    # Per process: in a forked child the parent's threads, and their calls, do not exist. Waiting
    # for them would make `close()` wait for ever, and their condition's lock may have been held at the fork.
    _calls: per_process[Counter[int]] = per_process(lambda _: Counter())  # calls in flight, by thread
    _changed = per_process(lambda _: threading.Condition())

    def __init__(self) -> None:
        self.closed = False
        self._released = False

    def enter(self) -> int:
        """A call begins in this thread, whose id is returned for `leave`: refused once closed."""
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
