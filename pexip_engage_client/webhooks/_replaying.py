"""The parked events: listed (`failed`) and handed to their handler again (`replay`), from the event
loop or, by the `_sync` forms, from any thread without one (Django views, management commands).

A thread reaches the receiver's own loop when the receiver runs in this process; elsewhere it
opens the store for one call, on a loop thread of its own (`StoreFromThread`, which
`reconcile_sync` uses too): both through the bridge (`_shared/bridge.py`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from .._shared.bridge import run, running_loop, start_loop, stop_loop
from ._arguments import positive_seconds
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import FailedEvent, StoreTallies, WebhookStore, open_to_read, refuse_missing, store_from_url

_T = TypeVar("_T")


class Replayer:
    """One receiver's parked events (see `WebhookReceiver.failed` and `replay`)."""

    def __init__(self, settings: Settings, scheduler: Scheduler, start: Callable[[], Awaitable[None]]) -> None:
        self._settings = settings
        self._scheduler = scheduler
        self._start = start

    async def failed(self, limit: int) -> list[FailedEvent]:
        if not self._scheduler.started:
            refuse_missing(self._settings.store)  # a read makes nothing: the receiver starts on what is there
            await self._start()
        return await self._settings.store.failed(limit)

    async def replay(self, event_id: str) -> bool:
        if not self._scheduler.started:
            await self._start()
        replayed = await self._settings.store.replay(event_id, time.time())
        if replayed:
            self._scheduler.enqueue(event_id)
        return replayed

    async def tallies(self) -> StoreTallies:
        if not self._scheduler.started:
            refuse_missing(self._settings.store)  # a read makes nothing: the receiver starts on what is there
            await self._start()
        return await self._settings.store.tallies()

    def tallies_sync(self, timeout: float) -> StoreTallies:
        with self._from_thread(timeout, reading=True) as calls:
            return calls.run(calls.store.tallies())

    def failed_sync(self, limit: int, timeout: float) -> list[FailedEvent]:
        with self._from_thread(timeout, reading=True) as calls:
            return calls.run(calls.store.failed(limit))

    def replay_sync(self, event_id: str, timeout: float) -> bool:
        with self._from_thread(timeout) as calls:
            replayed = calls.run(calls.store.replay(event_id, time.time()))
        scheduler = self._scheduler
        loop = scheduler.loop
        if replayed and scheduler.started and loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(scheduler.enqueue, event_id)
        return replayed

    def _from_thread(self, timeout: float, *, reading: bool = False) -> StoreFromThread:
        instead = "await failed() or replay()"
        return StoreFromThread(self._settings, self._scheduler, timeout, instead, reading=reading)


def own_store(settings: Settings) -> WebhookStore:
    """A store of its own from the receiver's URL, so that the receiver's (unstarted) store keeps no
    state of another loop; but memory:// keeps its events in that very object."""
    url = settings._store_url
    return store_from_url(url) if url is not None and not url.startswith("memory:") else settings.store


class StoreFromThread:
    """The receiver's store, used from a thread without an event loop for one call of several steps,
    through the bridge (`_shared/bridge.py`): on the receiver's loop when it runs in this process; else
    `own_store`, open on a loop thread of its own until the call ends. Each step waits at most `timeout` seconds."""

    def __init__(
        self, settings: Settings, scheduler: Scheduler, timeout: float, instead: str, *, reading: bool = False
    ) -> None:
        self._settings, self._scheduler, self._instead = settings, scheduler, instead
        self._reading = reading  # the call only reads: a store missing is refused, never made (`open_to_read`)
        self._timeout = positive_seconds("timeout", timeout)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._own = False  # whether the loop and the store are this call's own
        self.store = settings.store

    def __enter__(self) -> StoreFromThread:
        running = self._scheduler.loop
        if self._scheduler.started and running is not None and running.is_running():
            if running_loop() is running:
                raise RuntimeError(f"called from the receiver's own event loop: {self._instead} instead")
            self._loop = running
            return self
        self._loop, self._own = start_loop("pexip-engage-webhook-sync"), True
        self.store = own_store(self._settings)
        try:
            self.run(open_to_read(self.store) if self._reading else self.store.open())
        except BaseException:
            stop_loop(self._loop)
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._own and self._loop is not None:
            try:
                self.run(self.store.close())
            finally:
                stop_loop(self._loop)

    def run(self, work: Coroutine[Any, Any, _T]) -> _T:
        """The result of `work`, awaited on the store's loop within the timeout."""
        assert self._loop is not None  # noqa: S101 - set by __enter__
        return run(work, self._loop, self._timeout)
