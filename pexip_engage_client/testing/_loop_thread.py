"""`LoopThread`: an event loop in a thread of its own, which serves the fake to `SyncPexipEngage`.

The fake is async (its faults wait with `asyncio.sleep`, its webhooks are tasks). As a sync
transport it hands each request to this loop and blocks until the answer: every request of every
thread is served by one loop, so the fake's state is changed by one thread only, and a sync client
called from inside a running event loop (a notebook cell) waits on another loop, never its own.
A served fake (`_server.py`) hands its requests to the same loop. In a child forked from a process
that had started the loop, the first use starts the child's own (`_forks.py`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from ._forks import reset_in_child

T = TypeVar("T")


class LoopThread:
    """An event loop running in a daemon thread, started on first use."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._starting = threading.Lock()
        reset_in_child(self, LoopThread._forget)

    def _forget(self) -> None:
        """In a forked child: the parent's loop runs in no thread here; the next use starts one."""
        self._loop = None
        self._starting = threading.Lock()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None) -> T:
        """The result of `coroutine`, run on the thread's loop; TimeoutError (it is cancelled) after `timeout`."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._running_loop())
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError from None

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._starting:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name=self._name, daemon=True).start()
                self._loop = loop
            return self._loop
