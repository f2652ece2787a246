"""When events are handled in this process: the queue of event ids, the workers taking from it, and the
poller finding what the store holds due.

An id is queued when this process stores the event, when a settle starts its turn, or when the
poller finds it due; a full queue loses nothing (the event waits in the store).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from .._base.processes import per_process
from .._leasing._holders import EVENT_CLAIM, new_holder
from .._shared.failures import FailureLog
from ._settings import Settings
from ._stores._contract import LetsGoOfHolders

logger = logging.getLogger("pexip_engage_client.webhooks")

# The kinds of store failure the log counts apart, of those the scheduling meets.
READING, HANDLING = "reading due events", "handling an event (claim, renew or settle)"

# Handles one event id as the given owner; returns the event whose turn its outcome started, if any.
Handle = Callable[[str, str], Awaitable[str | None]]


class Scheduler:
    """One receiver's handling in this process: started once, stopped once, started afresh after a fork."""

    # Per process: a forked child's scheduler is one never started (the parent's handling belongs to
    # its event loop, which does not run in the child), with an owner id of its own, so that its
    # claims are never taken for its parent's. Its name is a lease holder's, `host:pid:token` (`_leasing`).
    started = per_process(lambda _: False)
    _closing = per_process(lambda _: False)
    _more_due = per_process(lambda _: False)
    loop: per_process[asyncio.AbstractEventLoop | None] = per_process(lambda _: None)  # the loop start() ran in
    _start_lock = per_process(lambda _: asyncio.Lock())
    _ready: per_process[asyncio.Queue[str] | None] = per_process(lambda _: None)
    _wake: per_process[asyncio.Event | None] = per_process(lambda _: None)
    _tasks: per_process[list[asyncio.Task[None]]] = per_process(lambda _: [])
    _in_handling: per_process[set[asyncio.Task[None]]] = per_process(lambda _: set())
    _queued: per_process[set[str]] = per_process(lambda _: set())
    owner = per_process(lambda _: new_holder())

    def __init__(self, settings: Settings, handle: Handle, failures: FailureLog) -> None:
        self._settings = settings
        self._handle = handle
        self._failures = failures

    async def start(self, *, handle: bool) -> None:
        """Open the store and, with `handle`, start the workers and the poller (see `WebhookReceiver.start`)."""
        async with self._start_lock:
            if self.started:
                return
            settings = self._settings
            await settings.store.open()
            self.loop = asyncio.get_running_loop()
            self._closing = False
            if not handle:
                self._ready = None
                self.started = True
                return
            await _let_go_of_the_dead(settings.store)
            ready = self._ready = asyncio.Queue(settings._queue_size or 4 * settings.concurrency)
            wake = self._wake = asyncio.Event()
            self._queued.clear()
            owner = self.owner
            self._tasks = [asyncio.create_task(self._work(ready, f"{owner}/{n}")) for n in range(settings.concurrency)]
            self._tasks.append(asyncio.create_task(self._poll(ready, wake)))
            self.started = True

    async def stop(self, grace: float) -> bool:
        """Stop handling (see `WebhookReceiver.stop`); False when it was not started."""
        if not self.started:
            return False
        if grace > 0:
            await self._drain(grace)
        self.started = False
        # The flag as well as the cancel: a store's client library may swallow a cancel (during an
        # outage, say), and the poller must still end, or stop() would wait for it for ever.
        self._closing = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        return True

    async def _drain(self, grace: float) -> None:
        """Stop claiming, and wait up to `grace` seconds for the handlers running to end."""
        self._closing = True
        running = set(self._in_handling)
        for task in self._tasks:
            if task not in running:
                task.cancel()  # the poller and the idle workers: what they hold is pending in the store
        if not running:
            return
        _, late = await asyncio.wait(running, timeout=grace)
        if late:
            logger.warning(
                "stopping: %d handlers still running after %g s are cancelled; their events are handled"
                " again once their lease (%g s) runs out",
                len(late),
                grace,
                self._settings.lease,
            )

    @property
    def in_flight(self) -> int:
        """How many events this process is handling now (claimed, in a handler, or being settled)."""
        return len(self._in_handling)

    async def join(self) -> None:
        """Wait until no event waits for or is in a handler here, and none is due in the store."""
        while True:
            if self.started and not self._queued and not self._in_handling:
                if not await self._settings.store.due(time.time(), 1):
                    return
                self._nudge()
            await asyncio.sleep(0.01)

    def enqueue(self, event_id: str) -> None:
        """Queue `event_id` for a worker, unless it is queued already or the queue is full (it waits in the store)."""
        if self._ready is None or event_id in self._queued or self._ready.full():
            return
        self._ready.put_nowait(event_id)
        self._queued.add(event_id)

    def _nudge(self) -> None:
        if self._wake is not None:
            self._wake.set()

    async def _poll(self, ready: asyncio.Queue[str], wake: asyncio.Event) -> None:
        settings = self._settings
        last_purge = 0.0
        while not self._closing:
            try:
                room = ready.maxsize - ready.qsize()
                if room > 0:
                    due = await settings.store.due(time.time(), room)
                    for event_id in due:
                        self.enqueue(event_id)
                    # Room filled: more may be due, so look again once the queue runs low, not a poll later.
                    self._more_due = len(due) == room
                if time.time() - last_purge > 3600:
                    last_purge = time.time()
                    await settings.store.purge(last_purge - settings.retention)
                self._failures.worked(READING)
            except Exception as error:  # a cancel (stop) is no Exception: it ends the loop
                self._failures.failed(error, READING)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(settings.poll_interval):
                    await wake.wait()
            wake.clear()

    async def _work(self, ready: asyncio.Queue[str], owner: str) -> None:
        # Each worker is its own owner: an appointment's turn keeps out this process's other workers too.
        task = asyncio.current_task()
        assert task is not None  # noqa: S101 - a task of start()
        while not self._closing:
            event_id = await ready.get()
            self._in_handling.add(task)
            if self._more_due and ready.qsize() <= ready.maxsize // 4:
                self._more_due = False
                self._nudge()
            self._queued.discard(event_id)
            try:
                following = await self._handle(event_id, owner)
                self._failures.worked(HANDLING)
            except Exception as error:  # a cancel is no Exception: it goes on to end the worker
                self._failures.failed(error, HANDLING)
            else:
                if following is not None:
                    self.enqueue(following)
            finally:
                self._in_handling.discard(task)


async def _let_go_of_the_dead(store: object) -> None:
    """End now the claims of processes of this host that no longer run (killed, say), rather than when their leases
    run out (`EVENT_CLAIM.let_go_early`). A failure is logged: the leases still run out."""
    if not isinstance(store, LetsGoOfHolders):
        return
    try:
        for owner in filter(EVENT_CLAIM.let_go_early, await store.holders(time.time())):
            ended = await store.let_go(owner, time.time())
            logger.info("webhooks: let go of %d claim(s) of a process that no longer runs: %s", ended, owner)
    except Exception as error:
        logger.warning("webhooks: could not let go of the claims of dead processes (%s)", type(error).__name__)
