"""Waiting on a condition instead of sleeping for a guessed time: a loaded machine is slower than the guess."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def eventually(condition: Callable[[], bool], seconds: float = 5) -> None:
    """Return once `condition()` holds; TimeoutError after `seconds`."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - the state of other tasks or a server, with no event to wait for
            await asyncio.sleep(0.005)


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """`eventually` for a test without an event loop: return once `condition()` holds; TimeoutError
    after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not within {seconds} s")
        time.sleep(0.005)
