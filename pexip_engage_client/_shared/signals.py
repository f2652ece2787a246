"""SIGTERM and SIGINT handed to a callback while a block runs: how a long-running command (the webhook
worker, the appointment mirror) learns that it is asked to stop."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextlib.contextmanager
def stop_signals_to(callback: Callable[[int], None], *, enabled: bool = True) -> Iterator[None]:
    """SIGTERM and SIGINT call `callback(signum)` on the running loop while the block runs.

    Only in the main thread, where a loop can take signals, and not where the loop takes none (Windows');
    `enabled=False`: not at all (the caller's program takes its signals itself).
    """
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    if enabled and threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            try:
                loop.add_signal_handler(signum, callback, signum)
            except (NotImplementedError, RuntimeError):  # Windows' loops take no signal handlers
                continue
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
