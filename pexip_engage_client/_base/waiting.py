"""`waited_within`: one bounded wait on a lock, a semaphore or an event; `at_once`: calls run side by side. For the
async code and its sync twin."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from .is_async import is_async

_T = TypeVar("_T")


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


async def at_once(calls: Sequence[Callable[[], Awaitable[_T]]], most: int | None = None) -> list[_T]:
    """What each of `calls` returns, in order: run side by side in an event loop, at most `most` at a time (None: all);
    one after another in the sync twin."""
    if not is_async():
        return [await call() for call in calls]
    turns = asyncio.Semaphore(most or max(1, len(calls)))

    async def turn(call: Callable[[], Awaitable[_T]]) -> _T:
        async with turns:
            return await call()

    return list(await asyncio.gather(*map(turn, calls)))
