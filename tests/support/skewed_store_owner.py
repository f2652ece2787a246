"""A second owner of a Redis webhook store, on a machine whose clock is SHIFT seconds off, for
tests/webhooks/test_clock_skew.py.

    python -m tests.support.skewed_store_owner STORE_URL SHIFT claim|settle EVENT_ID

`time.time()` of this process reads SHIFT seconds from the true time (as a machine whose clock is
wrong, for everything the receiver reads: claims, leases, settles), before the library is
imported. `claim` tries to claim the event for owner "skewed" with a lease of 30 s (the receiver's
default) and prints `claimed` or `refused`; `settle` settles it as handled for that owner and
prints the event's status afterwards.
"""

from __future__ import annotations

import asyncio
import sys
import time

_true_time = time.time


def _skewed_time() -> float:
    return _true_time() + float(sys.argv[2])


time.time = _skewed_time

from pexip_engage_client.webhooks._stores import store_from_url  # noqa: E402 - after the clock is set

OWNER = "skewed"
LEASE = 30.0


async def main(url: str, action: str, event_id: str) -> str:
    store = store_from_url(url)
    await store.open()
    try:
        if action == "claim":
            claimed = await store.claim(event_id, OWNER, time.time(), LEASE)
            return "refused" if claimed is None else "claimed"
        await store.settle(event_id, OWNER, "handled", order=None, now=time.time())
        return str(await store.status(event_id))
    finally:
        await store.close()


if __name__ == "__main__":
    print(asyncio.run(main(sys.argv[1], sys.argv[3], sys.argv[4])))
