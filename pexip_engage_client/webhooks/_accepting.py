"""Taking a delivery in: the secret compared, the body checked (`_intake.py`), the event stored, and
the answer; by the event loop (`accept`, the ASGI face and `receive`) or by a thread (`accept_sync`,
the WSGI face and `receive_sync`, whose insert is the async store's `add` run through the bridge,
`_shared/bridge.py`), which answer and log alike.

What each answer is: docs/webhooks.md, "What happens to a delivery".
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol, TypeVar

from .._base.processes import PerProcess, generation
from .._shared.bridge import run, start_loop, stop_loop
from .._shared.failures import FailureLog
from ._handlers import Arrival, Handlers
from ._intake import ACCEPTED, DUPLICATE, NOT_STORED, STORE_UNREACHABLE, Answer, check
from ._parse import WebhookEvent
from ._refusals import RefusalLog
from ._replaying import own_store
from ._scheduling import Scheduler
from ._settings import Settings
from ._stores import WebhookStore, note_quietly

logger = logging.getLogger("pexip_engage_client.webhooks")

# The kinds of store failure the log counts apart, of those a delivery meets, and their answers.
OPENING, STORING = "opening", "storing an event"
_REFUSALS = {OPENING: STORE_UNREACHABLE, STORING: NOT_STORED}
_T = TypeVar("_T")


class Acceptor:
    """One receiver's intake: what both faces and `receive`/`receive_sync` call."""

    def __init__(
        self,
        settings: Settings,
        secret: Callable[[], tuple[bytes, ...]],
        scheduler: Scheduler,
        handlers: Handlers,
        failures: FailureLog,
    ) -> None:
        self._settings = settings
        self._secret = secret
        self._scheduler = scheduler
        self._handlers = handlers
        self._failures = failures
        self._refusals = RefusalLog(logger)
        self._intake = PerProcess(lambda: ThreadIntake(settings))  # a forked child opens its own

    def authentic(self, key: str | None) -> bool:
        """Whether `key` is one of the secrets, each compared in constant time.

        Every secret is compared, whichever matches: how long the check takes tells nothing of which
        one a key was close to."""
        if key is None:
            return False
        given = key.encode("utf-8", "surrogateescape")
        matches = [hmac.compare_digest(given, secret) for secret in self._secret()]
        return any(matches)

    def close_intake(self) -> None:
        """Close the store the sync face opened in this process, if any (a later delivery opens one again)."""
        intake = self._intake.clear()
        if intake is not None:
            intake.close()

    async def refused(self, answer: Answer, source: str | None, *, start: Callable[[], Awaitable[None]]) -> Answer:
        """`answer`, a refusal, once logged (`_refusals.py`: once per cause and source, the rest counted) and
        counted in the store, by its cause (`start()` first if not started), so that `webhooks status` shows it."""
        self._refusals.refused(answer, source, answer.event_id)
        if answer.cause:
            try:
                if not self._scheduler.started:
                    await start()
            except Exception:  # the store cannot be opened: the next accepted delivery reports it
                return answer
            await note_quietly(self._settings.store, "refused", answer.cause, time.time())
        return answer

    def refused_sync(self, answer: Answer, source: str | None) -> Answer:
        """`refused`, from a thread without an event loop: counted in the thread's store (`ThreadIntake`)."""
        self._refusals.refused(answer, source, answer.event_id)
        if answer.cause:
            intake = self._intake.get()
            try:
                store = intake.opened()
            except Exception:  # as in `refused`
                return answer
            intake.run(note_quietly(store, "refused", answer.cause, time.time()))
        return answer

    async def accept(
        self, body: bytes, content_type: str | None, *, start: Callable[[], Awaitable[None]], source: str | None
    ) -> Answer:
        """Check, store and answer a delivery whose key was found authentic; `start()` first if not started."""
        settings = self._settings
        checked = check(body, content_type, settings)
        if isinstance(checked, Answer):
            return await self.refused(checked, source, start=start)
        event = checked.event
        if not self._scheduler.started:
            try:
                await start()
            except Exception as error:
                return self._store_failed(OPENING, error)
        try:
            position = await settings.store.add(
                event.id, body, subject=checked.subject, updated_at=checked.updated_at, now=time.time()
            )
        except Exception as error:
            return self._store_failed(STORING, error)
        if position is not None:
            self._scheduler.enqueue(event.id)
        return self._stored(event, position)

    def accept_sync(self, body: bytes, content_type: str | None, *, source: str | None) -> Answer:
        """`accept` up to the answer, from a thread without an event loop: no handler."""
        settings = self._settings
        checked = check(body, content_type, settings)
        if isinstance(checked, Answer):
            return self.refused_sync(checked, source)
        intake = self._intake.get()
        try:
            store = intake.opened()
        except Exception as error:
            return self._store_failed(OPENING, error)
        event = checked.event
        try:
            position = intake.run(
                store.add(event.id, body, subject=checked.subject, updated_at=checked.updated_at, now=time.time())
            )
        except Exception as error:
            return self._store_failed(STORING, error)
        return self._stored(event, position)

    # The two faces' steps around the insert, so that they answer and log alike.

    def _store_failed(self, step: str, error: Exception) -> Answer:
        """The store failed to open or to store: counted in the failure log, and answered 503 so that Engage retries."""
        self._failures.failed(error, step)
        return _REFUSALS[step]

    def _stored(self, event: WebhookEvent, position: int | None) -> Answer:
        """The store has the event (`position` None: it had it already): told to the observers, answered 202 or 200."""
        self._failures.worked(STORING)
        self._handlers.notify(Arrival(event, position, position is None))
        return DUPLICATE if position is None else ACCEPTED


class Face(Protocol):
    """What a web face calls on the receiver behind it (`WebhookReceiver` is one): its intake, and its
    start and stop. The faces know the receiver only through it (none imports it)."""

    max_body_size: int
    _acceptor: Acceptor

    async def start(self, *, handle: bool = True) -> None: ...

    async def stop(self) -> None: ...


class ThreadIntake:
    """The store a thread's deliveries go to (the receiver's own kind, `own_store`), opened on first
    use on a loop thread of this process (the bridge) and used there; closed with its receiver."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._loop = start_loop("pexip-engage-webhook-intake")
        self._store: list[WebhookStore] = []  # once opened
        self._opening = threading.Lock()
        # Not at exit: the store's own threads are shut down first (each write is committed already).
        self._finalizer = weakref.finalize(self, _close, generation(), self._loop, self._store)
        self._finalizer.atexit = False

    def opened(self) -> WebhookStore:
        """The store, opened now if not yet (not kept when opening fails)."""
        with self._opening:
            if not self._store:
                store = own_store(self._settings)
                self.run(store.open())
                self._store.append(store)
            return self._store[0]

    def run(self, work: Coroutine[Any, Any, _T]) -> _T:
        return run(work, self._loop)

    def close(self) -> None:
        """Close the store now and end the loop thread, waiting for both (the receiver's `close`)."""
        if not self._finalizer.detach():
            return  # closed already, or by its collection
        try:
            if self._store:
                self.run(self._store[0].close())
        finally:
            stop_loop(self._loop)


def _close(made_in: int, loop: asyncio.AbstractEventLoop, opened: list[WebhookStore]) -> None:
    """Close the store on its loop, then stop the loop; not waited for: a collection may run in a
    thread that holds what the closing needs. Not in a forked child: the parent's store and loop."""
    if generation() == made_in:
        asyncio.run_coroutine_threadsafe(_close_then_stop(opened), loop)


async def _close_then_stop(opened: list[WebhookStore]) -> None:
    try:
        if opened:
            await opened[0].close()
    finally:
        asyncio.get_running_loop().stop()
