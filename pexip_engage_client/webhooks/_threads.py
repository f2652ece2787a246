"""Plain-function webhook handlers: run in the receiver's bounded thread pool, awaited like async ones.

Each runs in a copy of the caller's context (a trace goes on inside); at a stop: docs/webhooks.md.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .._base.processes import PerProcess


class HandlerThreads:
    """A receiver's pool for plain handlers: made on first use, in each process (a fork's child gets its own)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool: PerProcess[ThreadPoolExecutor] = PerProcess(self._new)

    def _new(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="pexip-engage-webhook-handler")

    async def run(self, function: Callable[..., Any], *arguments: Any) -> Any:
        """`function(*arguments)` on a thread of the pool, in a copy of this task's context."""
        context = contextvars.copy_context()
        call = functools.partial(context.run, function, *arguments)
        return await asyncio.get_running_loop().run_in_executor(self._pool.get(), call)

    def shut_down(self) -> None:
        """Let the threads end once their handler returns; a later run makes a new pool."""
        pool = self._pool.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class ThreadedHandler:
    """A plain `handler(event, delivery)` as the receiver calls handlers: awaited, run in `threads`."""

    __slots__ = ("function", "threads")

    def __init__(self, function: Callable[..., Any], threads: HandlerThreads) -> None:
        self.function = function
        self.threads = threads

    async def __call__(self, event: Any, delivery: Any) -> None:
        returned = await self.threads.run(self.function, event, delivery)
        if inspect.isawaitable(returned):
            # Nothing would run it and the event would be settled as handled: fail it, with the fix.
            if inspect.iscoroutine(returned):
                returned.close()
            raise TypeError(
                f"the handler {self.function!r} is a plain function that returned an awaitable, which nothing "
                "awaits: declare it `async def` (or await inside it)"
            )

    def __repr__(self) -> str:
        return f"ThreadedHandler({self.function!r})"
