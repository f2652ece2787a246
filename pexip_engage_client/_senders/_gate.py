"""The `Gate`: at most `max_connections` exchanges of a sender at once, the others waiting their turn."""

from __future__ import annotations

import asyncio
import collections
import contextlib


class Gate:
    """At most `limit` exchanges at once; later ones wait their turn, first come, first served.

    What `asyncio.Semaphore` does, minus its cost on the path every request takes: passing an open
    gate is one comparison (`try_enter`), with no coroutine and no scan of the waiters.
    """

    __slots__ = ("_free", "_waiting")

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()

    def try_enter(self) -> bool:
        """Take a place if one is free and nobody is waiting for it."""
        if self._free and not self._waiting:
            self._free -= 1
            return True
        return False

    async def enter(self) -> None:
        """Take a place, waiting for one if need be."""
        if self.try_enter():
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.cancelled():
                with contextlib.suppress(ValueError):  # leave() may have dropped it already
                    self._waiting.remove(turn)
            else:  # a place was handed over just before the cancellation: pass it on
                self.leave()
            raise

    def leave(self) -> None:
        """Give a place back: straight to the first in line, if anyone is waiting."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1
