"""The lease backend a shared URL names: `RedisLeases` for redis://, `PostgresLeases` for postgresql://.

The one place that tells them apart (ensures, provisioning's apply lock), and the one step that settles
a new state before traffic (`prepare_lease_state`, run by `pexip-engage limits prepare`).
"""

from __future__ import annotations

import asyncio
import time

from .._base.redaction import redacted_url
from .._base.shared_urls import is_postgres_url
from .._shared._redis import redis_client
from ._holders import ENSURE, LEASE_MARGIN
from ._lease import FIRST_PAUSE, Held, LeaseBackend, LeaseUnreachableError, RedisLeases, new_token
from ._postgres_leases import PostgresLeases


def leases_at(url: str, *, user: str) -> LeaseBackend:
    """The turns kept at `url` (PostgreSQL or Redis); `user` names who asks, for a missing extra's message."""
    if is_postgres_url(url):
        return PostgresLeases(url, f"PostgreSQL {redacted_url(url)}")
    return RedisLeases(redis_client(url, user=user), f"Redis {redacted_url(url)}")


# The key `prepare_lease_state` takes a turn on: its own, so that it never waits for an ensure's.
PREPARE_KEY = "pexip-engage-lease:prepare"


def lease_seconds(attempt: float) -> float:
    """The lease of an ensure whose attempts take at most `attempt` seconds (`_request.RequestPipeline.ensure`)."""
    return attempt + LEASE_MARGIN


def lease_seconds_for(timeout: float | None) -> float:
    """The lease of an ensure whose client's timeout is `timeout` seconds (None: the client's default, `ENSURE`'s)."""
    return ENSURE.seconds if timeout is None else lease_seconds(2 * timeout)  # connect plus read


async def prepare_lease_state(url: str, lease_seconds: float, *, user: str) -> float:
    """Make the lease state at `url` and wait out its settle, at deploy (docs/safe-writes.md, "Settle it at deploy").

    `lease_seconds`: the longest lease of the processes that will share the backend (`lease_seconds_for`).
    Returns the seconds waited (0 on a settled state); `LeaseUnreachableError` when the backend cannot be asked.
    """
    backend = leases_at(url, user=user)
    waited, deadline = 0.0, time.monotonic() + 3 * lease_seconds + 10  # a state lost meanwhile settles again
    token = new_token()
    try:
        while True:
            got = await backend.take(PREPARE_KEY, token, lease_seconds)
            if isinstance(got, Held):
                await backend.release(got)
                if got.settle_seconds <= 0:
                    return waited
                pause = got.settle_seconds
            else:
                pause = FIRST_PAUSE  # another prepare is asking: its turn is a moment
            if time.monotonic() + pause > deadline:
                raise LeaseUnreachableError(f"{backend.description} did not settle within {deadline:.0f} s")
            await asyncio.sleep(pause)
            waited += pause
    finally:
        await backend.aclose()
