"""`waited_within`: one bounded wait on a lock, a semaphore or an event, for the async code and its sync twin."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from .is_async import is_async


async def waited_within(wait: Callable[..., Awaitable[Any]], seconds: float | None) -> bool:
    """`wait()` (a semaphore's or a lock's `acquire`, an event's `wait`), for at most `seconds` (None: no bound);
    False if it did not return in time."""
    if seconds is None:
        await wait()
        return True
    if is_async():
        try:
            await asyncio.wait_for(wait(), max(seconds, 0.0))
        except TimeoutError:
            return False
        return True
    return bool(wait(timeout=max(seconds, 0.0)))  # threading's, which take the timeout
