"""Taking a delivery in: the secret compared, the body checked (`_intake.py`), the event stored, and
the answer; by the event loop (`accept`, the ASGI face and `receive`) or by a thread (`accept_sync`,
the WSGI face and `receive_sync`), which answer and log alike.

What each answer is: docs/webhooks.md, "What happens to a delivery".
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ._answer import Answer
from ._failures import FailureLog
from ._handlers import Arrival, Handlers
from ._intake import NOT_STORED, STORE_UNREACHABLE, check, stored
from ._parse import WebhookEvent
from ._refusals import RefusalLog
from ._scheduling import Scheduler
from ._settings import Settings

if TYPE_CHECKING:
    from ._stores._blocking_insert import SyncIntake

logger = logging.getLogger("pexip_engage_client.webhooks")

# The kinds of store failure the log counts apart, of those a delivery meets, and their answers.
OPENING, STORING = "opening", "storing an event"
_REFUSALS = {OPENING: STORE_UNREACHABLE, STORING: NOT_STORED}


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
        self.forget_parent()

    def forget_parent(self) -> None:
        """No blocking insert yet: the parent's holds its connections and locks (one a parent thread
        may have held at the fork, for ever in the child); dropped, never closed here (see
        `_stores/_blocking_insert.py`)."""
        self._intake: SyncIntake | None = None
        self._intake_lock = threading.Lock()
        self._refusals.forget()

    def authentic(self, key: str | None) -> bool:
        """Whether `key` is one of the secrets, each compared in constant time.

        Every secret is compared, whichever matches: how long the check takes tells nothing of which
        one a key was close to."""
        if key is None:
            return False
        given = key.encode("utf-8", "surrogateescape")
        matches = [hmac.compare_digest(given, secret) for secret in self._secret()]
        return any(matches)

    def refused(self, answer: Answer, source: str | None) -> Answer:
        """`answer`, a refusal, once logged (`_refusals.py`: once per cause and source, the rest counted)."""
        self._refusals.refused(answer, source, answer.event_id)
        return answer

    async def accept(
        self, body: bytes, content_type: str | None, *, start: Callable[[], Awaitable[None]], source: str | None
    ) -> Answer:
        """Check, store and answer a delivery whose key was found authentic; `start()` first if not started."""
        settings = self._settings
        checked = check(body, content_type, settings)
        if isinstance(checked, Answer):
            return self.refused(checked, source)
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
        """`accept` up to the answer, on the store's sync client: no event loop, no handler."""
        settings = self._settings
        checked = check(body, content_type, settings)
        if isinstance(checked, Answer):
            return self.refused(checked, source)
        try:
            intake = self._sync_intake()
        except Exception as error:
            return self._store_failed(OPENING, error)
        event = checked.event
        try:
            position = intake.add_sync(
                event.id, body, subject=checked.subject, updated_at=checked.updated_at, now=time.time()
            )
        except Exception as error:
            return self._store_failed(STORING, error)
        return self._stored(event, position)

    # The two faces' steps around the insert, so that they answer and log alike.

    def _store_failed(self, step: str, error: Exception) -> Answer:
        """The store failed to open or to store: counted in the failure log, and answered 503 so that Engage retries."""
        self._failures.failed(step, error)
        return _REFUSALS[step]

    def _stored(self, event: WebhookEvent, position: int | None) -> Answer:
        """The store has the event (`position` None: it had it already): told to the observers, answered 202 or 200."""
        self._failures.succeeded(STORING)
        self._handlers.notify(Arrival(event, position, position is None))
        return stored(position)

    def _sync_intake(self) -> SyncIntake:
        """The store's synchronous insert, opened once for every thread; not kept when opening fails."""
        with self._intake_lock:
            if self._intake is None:
                from ._stores._blocking_insert import open_intake  # noqa: PLC0415 - loads when a sync face is used

                self._intake = open_intake(self._settings.store)
            return self._intake
