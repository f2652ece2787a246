"""A client's lifecycle: the event loop it belongs to, the calls in flight, and `close()` ending them.

A client belongs to the event loop of its first call: its connections do. The request pipeline
(`_request.py`) enters every call here before it prepares the request and leaves when the call is
over; `close()` refuses new calls, ends the calls in flight (each raises `ClientClosedError`), and
only then releases what they used (the authenticator's token request, the sender), so that no call
can open a connection again.
"""

from __future__ import annotations

import asyncio
from asyncio import current_task as _current_task
from collections.abc import Awaitable, Callable
from typing import Any

from ._base.processes import per_process
from .errors import ClientClosedError, WrongEventLoopError


class Lifecycle:
    """One client's life: bound to an event loop on first use, closed once, never reopened."""

    # Per process: in a forked child the parent's loop and tasks do not run, and its connections are
    # the parent's (the sender builds the child's own), so the client belongs to the loop of the
    # child's first call, as a new one would. The parent's loop is kept referenced (`PerProcess`):
    # collected, it would close itself, and take its self-pipe out of the epoll set the parent shares.
    _loop: per_process[asyncio.AbstractEventLoop | None] = per_process(lambda _: None)  # the first call's
    _calls: per_process[set[asyncio.Task[Any]]] = per_process(lambda _: set())  # the tasks inside a call now
    _ended_by_close: per_process[set[asyncio.Task[Any]]] = per_process(lambda _: set())  # close() cancelled
    _call_ended_signal: per_process[asyncio.Event | None] = per_process(lambda _: None)  # wakes close()

    def __init__(self) -> None:
        self.closed = False

    def enter(self) -> asyncio.Task[Any]:
        """A call begins in the current task, which is returned: refused once closed, or in another loop.

        The caller must `leave` with that task when the call is over, however it ends.
        """
        if self.closed:
            raise ClientClosedError("the client is closed; create a new PexipEngage to make more calls")
        task = _current_task()
        assert task is not None  # a coroutine awaited in a running loop has a task  # noqa: S101
        if task.get_loop() is not self._loop:
            self._bind_loop("be used")
        self._calls.add(task)
        return task

    def cancelled(self, task: asyncio.Task[Any]) -> None:
        """The call in `task` is being cancelled: raise `ClientClosedError` when close() alone ended it.

        Called from the call's `except CancelledError`, which re-raises the cancellation when this
        returns: the caller's own cancellation (also one that came with close()'s) wins.
        """
        if task not in self._ended_by_close:
            return
        self._ended_by_close.discard(task)
        if task.uncancel() > 0:
            return  # the caller cancelled too: its cancellation wins
        raise ClientClosedError(
            "the client was closed while this call was in flight; a write may or may not have been processed"
        ) from None

    def leave(self, task: asyncio.Task[Any]) -> None:
        """The call in `task` is over."""
        self._calls.discard(task)
        if self.closed:
            self._call_ended(task)

    def _bind_loop(self, action: str) -> None:
        """Tie the client to the running event loop on first use; refuse any other loop after that."""
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif loop is not self._loop:
            raise WrongEventLoopError(
                f"this PexipEngage client was first used in another event loop and cannot {action} in this one "
                "(its connections belong to that loop); create one client per event loop, for instance inside "
                "the coroutine that asyncio.run() runs"
            )

    async def close(self, release: Callable[[], Awaitable[None]]) -> None:
        """Refuse new calls, end the calls in flight (each raises ClientClosedError), then `release()` what they used.

        A client that was used releases once, however often it is closed.

        Ending rather than awaiting them keeps `close()` prompt (a call may be waiting out a
        timeout and its retries), and no retry can open a connection after the sender closed.
        """
        if self._loop is None:  # never used: nothing in flight, nothing bound
            self.closed = True
            await release()
            return
        first_close = not self.closed
        self.closed = True
        self._bind_loop("be closed")
        closing = {_current_task()}  # close() called from inside a call (a token provider...) ends the others
        for task in self._calls - closing:
            if task not in self._ended_by_close:
                self._ended_by_close.add(task)
                task.cancel()
        while self._calls - closing:
            self._call_ended_signal = asyncio.Event()
            await self._call_ended_signal.wait()
        if first_close:
            await release()

    def _call_ended(self, task: asyncio.Task[Any]) -> None:
        """After close(): forget the task, and wake close() to see whether any call is left."""
        if task in self._ended_by_close:  # its cancellation was absorbed on the way: undo it
            self._ended_by_close.discard(task)
            task.uncancel()
        if self._call_ended_signal is not None:
            self._call_ended_signal.set()
