"""One process of the reconcile tests: `python -m tests.support.reconcile_process`, configured as
`worker_receiver.py` is (WORKER_STORE, WORKER_RECORD) plus:

    FAKE_URL     the fake API's root URL
    WINDOW       the window's start and end, ISO 8601, separated by a space
    GO_FILE      a file the process waits for before it reconciles, so that several start at once

It starts the receiver (handling), reconciles, waits until nothing is due in the store, and prints
the counts as one JSON line.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import time
from datetime import datetime
from pathlib import Path

from pexip_engage_client import PexipEngage

from .worker_receiver import receiver


def _wait_for(go: Path) -> None:
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{go} was not made within 30 s")
        time.sleep(0.005)


async def main() -> None:
    start, end = (datetime.fromisoformat(part) for part in os.environ["WINDOW"].split())
    go = Path(os.environ["GO_FILE"])
    async with receiver, PexipEngage("acme", token="t", base_url=os.environ["FAKE_URL"]) as engage:
        print("ready", flush=True)
        await asyncio.to_thread(_wait_for, go)
        result = await receiver.reconcile(engage, start=start, end=end)
        async with asyncio.timeout(60):
            await receiver.join()
    print(json.dumps(dataclasses.asdict(result)), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
