"""Turns for the ensures of one external id: one holder at a time, in this process, host, or shared backend.

Why, and where: docs/safe-writes.md, "Concurrent ensures of one id". A lock per external id in this process, then a
lease (`_leasing/_lease.py`), renewed while the turn is held (`Turn.keep_alive`); a create is confirmed against the
turn right before it is written (`Turn.guard`, at the send position), so a lease need only last one attempt.
"""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from asyncio import sleep as _sleep
from typing import TYPE_CHECKING

from .._base.loggers import logger
from .._base.processes import PerProcess
from .._leasing._holders import ENSURE
from .._leasing._lease import Busy, FileLeases, Held, LeaseBackend, Renewing, new_token
from .._leasing._shared_leases import leases_at

if TYPE_CHECKING:
    import httpx2

    from .._runtime.invoker import CallNext

KEY_PREFIX = "pexip-engage-ensure"


def lease_key(scope: str, operation: str, external_id: str) -> str:
    """The lease's key for one external id of one enterprise's API (`scope`, its root URL), hashed: an id may
    hold anything, at any length."""
    digest = hashlib.sha256(f"{scope}\n{external_id}".encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{KEY_PREFIX}:{operation}:{digest}"


class EnsureLocks:
    """The turns of one client's ensures (shared with its `with_options()` siblings): locks, and lease backends."""

    def __init__(self) -> None:
        self._local: PerProcess[weakref.WeakValueDictionary[str, asyncio.Lock]] = PerProcess(
            weakref.WeakValueDictionary
        )
        self._backends: PerProcess[dict[str, LeaseBackend]] = PerProcess(dict)

    def local_lock(self, key: str) -> asyncio.Lock:
        return self._local.get().setdefault(key, asyncio.Lock())

    def backend(self, shared_url: str | None) -> LeaseBackend:
        """Where this process's ensures take turns with other processes: the shared backend at `shared_url`
        (Redis or PostgreSQL), else this host's lock files."""
        backends = self._backends.get()
        name = shared_url or ""
        if name not in backends:
            backends[name] = leases_at(name, user="a shared governor") if name else _file_leases()
        return backends[name]

    async def aclose(self) -> None:
        """Close the lease backends this process made (a Redis connection pool)."""
        backends = self._backends.clear() or {}
        for backend in backends.values():
            await backend.aclose()

    def turn(self, key: str, shared_url: str | None, *, lease_seconds: float) -> Turn:
        """One ensure's turn on `key` (`lease_key`): the local lock, then the lease."""
        return Turn(self.local_lock(key), self.backend(shared_url), key, lease_seconds)


def _file_leases() -> FileLeases:
    made = FileLeases()
    logger.info(
        "ensure: turns are taken among this host's processes (%s); ensures from several hosts "
        "need a shared Redis or PostgreSQL (PEXIP_ENGAGE_LIMITS=redis://... or postgresql://...)",
        made.description,
    )
    return made


class Turn:
    """One ensure call's turn: this process's lock for the external id, then a lease of the backend.

    One token for the whole call (`_lease.py`). `lease_seconds`: how long a lease lasts past its last
    renewal. `create_in_doubt`: a create was sent (its confirm passed) and no definite answer came, so
    `leave` lets the lease run out rather than give it up while that create may still land.
    """

    def __init__(self, lock: asyncio.Lock, backend: LeaseBackend, key: str, lease_seconds: float) -> None:
        self.lock, self.backend, self.key = lock, backend, key
        self._lease_seconds = lease_seconds
        self.token = new_token()
        self.held: Held | None = None
        self.create_in_doubt = False
        self._keeping = Renewing(self.keep, ENSURE.renew_every(lease_seconds))

    async def take(self) -> Held | Busy:
        """Try the lease once (`LeaseUnreachableError` when its backend cannot be asked)."""
        got = await self.backend.take(self.key, self.token, self._lease_seconds)
        if isinstance(got, Held):
            self.held = got
        return got

    def keep_alive(self) -> None:
        """Renew the lease held every third of a lease until the turn is left (`leave`), through every wait of the
        ensure's calls (a backoff, the governor's turn, a token, a 429's pause) (`Renewing`)."""
        self._keeping.start()

    def settle_seconds(self) -> float:
        """How long to wait before a look-up is trusted: the rest of a new epoch's youth (never capped)."""
        return 0.0 if self.held is None else max(0.0, self.held.settle_seconds)

    async def settle(self) -> None:
        """Wait out `settle_seconds`, renewing the lease meanwhile (`LeaseLostError`, `LeaseUnreachableError`)."""
        left = self.settle_seconds()
        while left > 0 and self.held is not None:
            step = min(left, ENSURE.renew_every(self._lease_seconds))
            await _sleep(step)
            left -= step
            await self.backend.renew(self.held, self._lease_seconds)

    async def guard(self, request: httpx2.Request, call_next: CallNext) -> httpx2.Response:
        """The create's middleware at the send position (`AtSend`): each write confirmed against the turn first."""
        await self.confirm_create()
        return await call_next(request)

    async def confirm_create(self) -> None:
        """Right before a create is written (after every wait): the turn confirmed, and extended over the send.

        Raises: `LeaseLostError` or `LeaseUnreachableError`, and the create is not sent.
        """
        if self.held is None:
            raise RuntimeError("an ensure's create was about to be sent without a turn")
        await self.backend.confirm(self.held, self._lease_seconds)
        self.create_in_doubt = True  # until its answer says otherwise (`create_answered`)

    async def keep(self) -> None:
        """The lease renewed for a lease from now. Never raises: a create confirms for itself."""
        if self.held is not None:
            try:
                await self.backend.renew(self.held, self._lease_seconds)
            except Exception as error:  # a look-up only reads, a wait sends nothing: the next confirm tells
                logger.debug("ensure: could not renew the lease on %s: %s", self.key, error)

    def create_answered(self) -> None:
        """What this call's creates did is known (made, found, or refused): the lease may be given up."""
        self.create_in_doubt = False

    async def leave(self) -> None:
        """End this turn: give the lease up, or, while a create of this call may still land, leave it to run out."""
        await self._keeping.stop()
        held, self.held = self.held, None
        if held is None:
            return
        try:
            if self.create_in_doubt:
                await self.backend.release_later(held, self._lease_seconds)
            else:
                await self.backend.release(held)
        except Exception as error:  # it expires on its own
            logger.debug("ensure: could not release the lease on %s: %s", self.key, error)


def described_holder(busy: Busy | None) -> str:
    """Who kept the turn, for a message."""
    if busy is None:
        return "another ensure of this external id"
    if busy.left_seconds is None:
        return "another process holding this external id's turn"
    return f"another process holding this external id's lease (it expires in {busy.left_seconds:.1f} s unless renewed)"
