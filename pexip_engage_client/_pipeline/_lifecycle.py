"""A client's lifecycle: the calls in flight, and `close()`, which ends or waits for them.

What close() does for each client, and why it releases the connections only once the calls ended:
docs/errors-and-retries.md#lifecycle, docs/without-an-event-loop.md. It ends the calls rather than awaits
them (one may be waiting out a timeout and its retries). A call that closes its own client (from an event
hook or a token provider) is neither ended nor waited for.
"""

from __future__ import annotations

import asyncio
import threading
from asyncio import current_task as _current_task
from collections.abc import Awaitable, Callable
from typing import Any

from .._base.is_async import is_async
from .._base.processes import per_process
from .._errors import ClientClosedError, WrongEventLoopError


class _Calls:
    """What a lifecycle keeps per process (docs/deploying.md#what-fork-does-and-what-the-client-does-about-it).

    The parent's loop is kept referenced (`PerProcess`): collected, it would close itself, and take
    its self-pipe out of the epoll set the parent shares. One object, so that a call reads the
    process once as it begins and once as it ends.
    """

    __slots__ = ("call_ended", "calls", "changed", "ended_by_close", "loop")

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None  # the first call's
        self.calls: dict[Any, int] = {}  # calls in flight, by task or thread
        self.ended_by_close: set[asyncio.Task[Any]] = set()  # those close() cancelled
        self.call_ended: asyncio.Event | None = None  # wakes close()
        self.changed = threading.Condition()  # the sync client's: guards the calls, wakes its close()


class Lifecycle:
    """One client's life: closed once, never reopened."""

    _here: per_process[_Calls] = per_process(lambda _: _Calls())

    def __init__(self) -> None:
        self.closed = False
        self._released = False

    def enter(self) -> Any:
        """A call begins in the current task (sync: thread), which is returned: refused once closed,
        or in another event loop. The caller must `leave` with it when the call is over, however it ends.
        """
        here = self._here
        if is_async():  # no lock: the calls of an async client all run in its one loop
            self._refuse_if_closed()
            task = _current_task()
            assert task is not None  # a coroutine awaited in a running loop has a task  # noqa: S101
            if task.get_loop() is not here.loop:
                self._bind_loop("be used")
            return _counted(here.calls, task)
        with here.changed:
            self._refuse_if_closed()
            return _counted(here.calls, threading.get_ident())

    def _refuse_if_closed(self) -> None:
        if self.closed:
            raise ClientClosedError("the client is closed; create a new PexipEngage to make more calls")

    def cancelled(self, task: Any) -> None:
        """The call in `task` is being cancelled: raise `ClientClosedError` when close() alone ended it.

        Called from the call's `except CancelledError`, which re-raises the cancellation when this
        returns: the caller's own cancellation (also one that came with close()'s) wins. (Nothing
        cancels a thread: the sync client never calls it.)
        """
        ended_by_close = self._here.ended_by_close
        if task not in ended_by_close:
            return
        ended_by_close.discard(task)
        if task.uncancel() > 0:
            return  # the caller cancelled too: its cancellation wins
        raise ClientClosedError(
            "the client was closed while this call was in flight; a write may or may not have been processed"
        ) from None

    def leave(self, caller: Any) -> None:
        """The call in `caller` (a task, or a thread) is over."""
        here = self._here
        if not is_async():
            with here.changed:
                _uncounted(here.calls, caller)
                here.changed.notify_all()
            return
        _uncounted(here.calls, caller)
        if self.closed:  # undo a cancellation of close()'s absorbed on the way, and wake close()
            if caller in here.ended_by_close:
                here.ended_by_close.discard(caller)
                caller.uncancel()
            if here.call_ended is not None:
                here.call_ended.set()

    def _bind_loop(self, action: str) -> None:
        """Tie the client to the running event loop on first use; refuse any other loop after that."""
        here, loop = self._here, asyncio.get_running_loop()
        with here.changed:  # once, under the lock: two threads' loops may race to be the first (a misuse refused)
            if here.loop is None:
                here.loop = loop
        if loop is not here.loop:
            raise WrongEventLoopError(
                f"this PexipEngage client was first used in another event loop and cannot {action} in this one "
                "(its connections belong to that loop); create one client per event loop, for instance inside "
                "the coroutine that asyncio.run() runs"
            )

    async def close(self, release: Callable[[], Awaitable[None]]) -> None:
        """Refuse new calls, end the calls in flight (each raises ClientClosedError; sync: wait for
        those of other threads), then `release()` what they used, once."""
        here = self._here
        if not is_async():
            mine = threading.get_ident()
            with here.changed:
                self.closed = True
                here.changed.wait_for(lambda: not (here.calls.keys() - {mine}))
        elif here.loop is not None:  # used: calls may be in flight, in its loop only
            self.closed = True
            self._bind_loop("be closed")
            closing = {_current_task()}  # not ended: a call closing its client (a token provider's...)
            for task in here.calls.keys() - closing:
                if task not in here.ended_by_close:
                    here.ended_by_close.add(task)
                    task.cancel()
            while here.calls.keys() - closing:  # until they ended
                here.call_ended = asyncio.Event()
                await here.call_ended.wait()
        with here.changed:
            self.closed = True
            first, self._released = not self._released, True
        if first:
            await release()


def _counted(calls: dict[Any, int], caller: Any) -> Any:
    calls[caller] = calls.get(caller, 0) + 1
    return caller


def _uncounted(calls: dict[Any, int], caller: Any) -> None:
    left = calls[caller] - 1
    if left:
        calls[caller] = left
    else:
        del calls[caller]
