"""Two owners of one Redis (or PostgreSQL) store, on machines whose clocks are 60 s apart, agree on whose lease runs.

The Redis store's scripts read Redis `TIME`: the receiver's own clock gives only spans (a lease of
30 s, a retry in 4 s). When each owner's clock counted, an owner 60 s ahead found a lease of 30 s
already run out, claimed an event the first owner still held, and the first owner's settle was
then silently not recorded. The second owner here is a real process whose `time.time()` is
shifted (tests/support/skewed_store_owner.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest

from pexip_engage_client.webhooks._stores import store_from_url

from ..support.postgres_server import migrated

pytestmark = pytest.mark.end_to_end

SKEW = 60.0
LEASE = 30.0  # the receiver's default


def skewed_owner(url: str, shift: float, action: str, event_id: str) -> str:
    command = [sys.executable, "-m", "tests.support.skewed_store_owner", url, repr(shift), action, event_id]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("kind", ["redis", "postgres"])
async def test_a_lease_holds_against_an_owner_whose_clock_is_60_s_off(
    kind: str, request: pytest.FixtureRequest
) -> None:
    if kind == "redis":
        url = f"{request.getfixturevalue('redis_url')}?prefix=skew-{uuid.uuid4().hex}"
    else:  # the PostgreSQL store reads clock_timestamp() as the Redis one reads TIME
        url = migrated(f"{request.getfixturevalue('postgres_url')}?schema=skew_{uuid.uuid4().hex}")
    store = store_from_url(url)
    await store.open()
    try:
        for event_id in ("held-by-a", "held-by-b"):
            await store.add(event_id, b"{}", subject=None, updated_at=None, now=time.time())
        # A (this process, true clock) holds an event; B, 60 s ahead, cannot take it...
        assert await store.claim("held-by-a", "a", time.time(), LEASE) is not None
        assert skewed_owner(url, SKEW, "claim", "held-by-a") == "refused"
        # ...and A's settle is recorded.
        assert await store.settle("held-by-a", "a", "handled", order=None, now=time.time()) is None
        assert await store.status("held-by-a") == "handled"

        # B, 60 s behind, holds an event: its lease runs 30 s by the server's clock, so A cannot take it.
        assert skewed_owner(url, -SKEW, "claim", "held-by-b") == "claimed"
        assert await store.claim("held-by-b", "a", time.time(), LEASE) is None
        assert await store.due(time.time(), 10) == []
        assert skewed_owner(url, -SKEW, "settle", "held-by-b") == "handled"
    finally:
        await store.close()
