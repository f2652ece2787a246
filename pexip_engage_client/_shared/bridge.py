"""The one bridge from sync code to async code: an event loop run by a daemon thread of its own.

The only way besides generated sync code, for what exists in async form only; when, and never from inside
its own loop: CONTRIBUTING.md, "Sync code". Keep a loop in a `PerProcess` (a forked child starts its own).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

# Each loop's thread, for `stop_loop` to wait for.
_THREADS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, threading.Thread] = weakref.WeakKeyDictionary()


def start_loop(name: str) -> asyncio.AbstractEventLoop:
    """A new event loop, run forever by a daemon thread named `name`, and closed by it once stopped."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=_run, args=(loop,), name=name, daemon=True)
    _THREADS[loop] = thread
    thread.start()
    return loop


def stop_loop(loop: asyncio.AbstractEventLoop, timeout: float = 5.0) -> None:
    """Stop a loop of `start_loop` and wait (at most `timeout` seconds) until its thread has closed it."""
    loop.call_soon_threadsafe(loop.stop)
    thread = _THREADS.pop(loop, None)
    if thread is not None and thread is not threading.current_thread():
        thread.join(timeout)


def run(work: Coroutine[Any, Any, T], loop: asyncio.AbstractEventLoop, timeout: float | None = None) -> T:
    """The result of `work`, run on `loop` (another thread's), waited for at most `timeout` seconds
    (`TimeoutError`, and `work` cancelled)."""
    if running_loop() is loop:
        work.close()
        raise RuntimeError("called from the thread of the event loop it would wait for: await it there instead")
    future = asyncio.run_coroutine_threadsafe(work, loop)
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()
        raise


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running in this thread, if any."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _run(loop: asyncio.AbstractEventLoop) -> None:
    try:
        loop.run_forever()
    finally:
        loop.close()  # its self-pipe's sockets, not left to the garbage collector
