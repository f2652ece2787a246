"""The parked events: listed (`failed`) and handed to their handler again (`replay`), from the event
loop or, by the `_sync` forms, from any thread without one (Django views, management commands).

A thread reaches the receiver's own loop when the receiver runs in this process; elsewhere it
opens the store for one call, on a loop of its own in a helper thread.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from ._arguments import positive_seconds
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import FailedEvent, WebhookStore, store_from_url

_T = TypeVar("_T")


class Replayer:
    """One receiver's parked events (see `WebhookReceiver.failed` and `replay`)."""

    def __init__(self, settings: Settings, scheduler: Scheduler, start: Callable[[], Awaitable[None]]) -> None:
        self._settings = settings
        self._scheduler = scheduler
        self._start = start

    async def failed(self, limit: int) -> list[FailedEvent]:
        if not self._scheduler.started:
            await self._start()
        return await self._settings.store.failed(limit)

    async def replay(self, event_id: str) -> bool:
        if not self._scheduler.started:
            await self._start()
        replayed = await self._settings.store.replay(event_id, time.time())
        if replayed:
            self._scheduler.enqueue(event_id)
        return replayed

    def failed_sync(self, limit: int, timeout: float) -> list[FailedEvent]:
        return self._blocking(lambda store: store.failed(limit), timeout)

    def replay_sync(self, event_id: str, timeout: float) -> bool:
        replayed = self._blocking(lambda store: store.replay(event_id, time.time()), timeout)
        scheduler = self._scheduler
        loop = scheduler.loop
        if replayed and scheduler.started and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(scheduler.enqueue, event_id)
        return replayed

    def _blocking(self, operation: Callable[[WebhookStore], Awaitable[_T]], timeout: float) -> _T:
        timeout = positive_seconds("timeout", timeout)
        loop = self._scheduler.loop
        if self._scheduler.started and loop is not None and loop.is_running():
            if _running_loop() is loop:
                raise RuntimeError("called from the receiver's own event loop: await failed() or replay() instead")
            return asyncio.run_coroutine_threadsafe(_awaited(operation(self._settings.store)), loop).result(timeout)
        # A store of its own from the same URL, so the receiver's (unstarted) store keeps no state of
        # this loop; but memory:// keeps its events in that very object.
        url = self._settings._store_url
        store = store_from_url(url) if url is not None and not url.startswith("memory:") else self._settings.store

        async def once() -> _T:
            await store.open()
            try:
                return await asyncio.wait_for(_awaited(operation(store)), timeout)
            finally:
                await store.close()

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pexip-engage-webhook-sync") as helper:
            return helper.submit(asyncio.run, once()).result()  # once() is bounded by `timeout` itself


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable
