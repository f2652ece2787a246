"""`LoopThread`: an event loop in a thread of its own, which serves the fake to `SyncPexipEngage`.

The fake is async (its faults wait with `asyncio.sleep`, its webhooks are tasks). As a sync
transport it hands each request to this loop and blocks until the answer: every request of every
thread is served by one loop, so the fake's state is changed by one thread only, and a sync client
called from inside a running event loop (a notebook cell) waits on another loop, never its own.
A served fake (`_server.py`) hands its requests to the same loop. In a child forked from a process
that had started the loop, the first use starts the child's own (`_base.processes.PerProcess`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from .._base.processes import PerProcess

T = TypeVar("T")


class LoopThread:
    """An event loop running in a daemon thread, started on first use."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._loop = PerProcess(self._start)

    def _start(self) -> asyncio.AbstractEventLoop:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name=self._name, daemon=True).start()
        return loop

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None) -> T:
        """The result of `coroutine`, run on the thread's loop; TimeoutError (it is cancelled) after `timeout`."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop.get())
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError from None
