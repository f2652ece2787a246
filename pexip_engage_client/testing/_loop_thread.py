"""An event loop running in a daemon thread of its own: where the fake's work goes when its caller has no loop."""

from __future__ import annotations

import asyncio
import threading
import weakref

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


def _run(loop: asyncio.AbstractEventLoop) -> None:
    try:
        loop.run_forever()
    finally:
        loop.close()  # its self-pipe's sockets, not left to the garbage collector
