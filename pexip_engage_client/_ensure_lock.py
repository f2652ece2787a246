"""Turns for the ensures of one external id: one at a time per client, and per Redis when one is shared.

Two ensures of one external id at once would each look it up, each find nothing, and each create:
two appointments for one booking. So an ensure holds a turn from its look-up to its answer:

- In this process, a lock per external id (kept per process: a forked child starts with none, so it
  can never wait on a lock a parent's task held at the fork).
- Across processes, when the client's governor shares its limits through Redis (`Governor(shared=...)`
  or `PEXIP_ENGAGE_LIMITS`): a lease, a key set only if absent with an expiry that Redis keeps on its
  own clock, holding a random token so that only its holder renews or deletes it. The holder renews
  it before each step (a look-up, a create), each step bounded by the call's time; a process killed
  while holding it gives it up when it expires. While Redis cannot be reached, ensures go on with
  the process's own turns (one warning is logged): a look-up still comes first.

Waiting for a turn is bounded by the call's time: `APITimeoutError` after it, with nothing sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
import weakref
from asyncio import sleep as _sleep
from types import TracebackType
from typing import Any

from ._base.processes import PerProcess
from ._base.redis_urls import redacted_redis_url, redis_from_url
from ._limits import acquire_within
from .errors import APITimeoutError

logger = logging.getLogger("pexip_engage_client")

KEY_PREFIX = "pexip-engage-ensure"
# How long a failing Redis may take to say so.
_REDIS_TIMEOUT = 1.0
# The pauses between a waiter's attempts at a lease someone else holds (seconds).
_FIRST_WAIT, _LONGEST_WAIT = 0.005, 0.1

# KEYS: the lease. ARGV: token, lease ms. Returns 0 when taken, else the ms the holder's lease has left.
_TAKE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local left = redis.call('PTTL', KEYS[1])
if left < 1 then return 1 end
return left
"""
# KEYS: the lease. ARGV: token, lease ms. Renews it only while it is still this holder's.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def lease_key(scope: str, operation: str, external_id: str) -> str:
    """The Redis key of the lease on one external id of one enterprise's API (`scope`, its root URL).

    The scope and the id are hashed: an id may hold anything, at any length.
    """
    digest = hashlib.sha256(f"{scope}\n{external_id}".encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{KEY_PREFIX}:{operation}:{digest}"


class EnsureLocks:
    """The turns of one client's ensures (shared with its `with_options()` siblings)."""

    def __init__(self) -> None:
        self._local: PerProcess[weakref.WeakValueDictionary[str, asyncio.Lock]] = PerProcess(
            weakref.WeakValueDictionary
        )

    def hold(self, key: str, *, call_seconds: float, lease_seconds: float, redis_url: str | None) -> Turn:
        """The turn of one ensure (`key`: `lease_key`), taken by `async with` within `call_seconds`.

        Through Redis when `redis_url` is set, as a lease of `lease_seconds` renewed at each step.
        """
        return Turn(self.local_lock(key), key, call_seconds, lease_seconds, redis_url)

    def local_lock(self, key: str) -> asyncio.Lock:
        locks = self._local.get()
        lock = locks.get(key)
        if lock is None:
            lock = locks[key] = asyncio.Lock()
        return lock


class Turn:
    """One ensure's turn: this process's lock for the external id, then the Redis lease when shared."""

    def __init__(
        self, lock: asyncio.Lock, key: str, call_seconds: float, lease_seconds: float, redis_url: str | None
    ) -> None:
        self._local, self._key, self._call_seconds = lock, key, call_seconds
        self._lease_seconds, self._redis_url = lease_seconds, redis_url
        self._lock: asyncio.Lock | None = None
        self._redis: Any = None
        self._token = uuid.uuid4().hex

    async def __aenter__(self) -> Turn:
        deadline = time.monotonic() + self._call_seconds
        lock = self._local
        if not await acquire_within(lock, self._call_seconds):
            raise self._no_turn("another ensure of this external id in this process")
        self._lock = lock
        try:
            if self._redis_url is not None:
                await self._take_lease(self._redis_url, deadline)
        except BaseException:
            lock.release()
            self._lock = None
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        try:
            if self._redis is not None:
                try:
                    await self._redis.eval(_RELEASE, 1, self._key, self._token)
                except Exception as error:
                    logger.debug("ensure: could not release the lease %s: %s", self._key, error)
                finally:
                    await self._redis.aclose()
                    self._redis = None
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    async def renew(self) -> None:
        """Make the lease last `lease_seconds` from now again (before a step: a look-up, a create)."""
        if self._redis is None:
            return
        try:
            kept = await self._redis.eval(_RENEW, 1, self._key, self._token, self._lease_ms())
        except Exception as error:
            logger.warning("ensure: could not renew the lease on %s: %s", self._key, error)
            return
        if not kept:
            logger.warning("ensure: the lease on %s expired before it was renewed (a stalled process?)", self._key)

    def _lease_ms(self) -> int:
        return max(1, round(self._lease_seconds * 1000))

    async def _take_lease(self, url: str, deadline: float) -> None:
        import redis.asyncio  # noqa: PLC0415 - the `redis` extra, which a shared governor has

        client: Any = redis_from_url(
            redis.asyncio.Redis.from_url, url, socket_connect_timeout=_REDIS_TIMEOUT, socket_timeout=_REDIS_TIMEOUT
        )
        pause = _FIRST_WAIT
        try:
            while True:
                left = await client.eval(_TAKE, 1, self._key, self._token, self._lease_ms())
                if left == 0:
                    self._redis = client
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._no_turn("another process holds the lease on this external id")
                await _sleep(min(pause, remaining, int(left) / 1000))
                pause = min(pause * 2, _LONGEST_WAIT)
        except (redis.RedisError, OSError) as error:
            logger.warning(
                "ensure: the shared Redis (%s) cannot be reached (%s); this ensure takes its turn in this process only",
                redacted_redis_url(url), error,
            )  # fmt: skip
        finally:
            if self._redis is None:
                await client.aclose()

    def _no_turn(self, holder: str) -> APITimeoutError:
        return APITimeoutError(
            f"not sent: {holder} held its turn past this call's time ({self._call_seconds:g} s)",
            correlation_id="", method="POST", url=self._key,
        )  # fmt: skip
