"""One process of a shared-limits test: `python -m tests.limits._worker MODE ...` (see `main`).

Every mode first builds its limits and prints "ready", then waits for a line on stdin, so that
the test can start several processes together; results are printed as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import sys
import time

import httpx2

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client._limiting._redis_limits import RedisLimits
from pexip_engage_client.errors import PexipEngageError

from ._backends import shared_limits


def _say(what: object) -> None:
    print(what if isinstance(what, str) else json.dumps(what), flush=True)


async def _go() -> None:
    """Wait for the test's "go" line on stdin: processes started one by one then start together."""
    await asyncio.to_thread(sys.stdin.readline)


async def requests(limits: RedisLimits, options: argparse.Namespace) -> None:
    """`--count` GET requests to `--url`, all started at once, each within one acquired slot.

    A first request, outside the limits, opens the connection before "ready": the test calls
    `LimitedAPI.forget()` before letting the processes go.
    """
    statuses: collections.Counter[int] = collections.Counter()
    async with httpx2.AsyncClient(timeout=30) as http:

        async def one() -> None:
            lease = await limits.acquire()
            try:
                statuses[(await http.get(options.url)).status_code] += 1
            finally:
                await limits.release(lease)

        await http.get(options.url)  # a connection, and httpx2's first-use work, before the measured requests
        _say("ready")
        await _go()
        await asyncio.gather(*(one() for _ in range(options.count)))
    _say({"statuses": statuses, "redis_calls": limits.redis_calls})


async def hold(limits: RedisLimits, options: argparse.Namespace) -> None:
    """Take `--count` slots, each for a request of `--hold` seconds, and keep them (renewed) until killed."""
    _say("ready")
    await _go()
    for _ in range(options.count):
        await limits.acquire(hold=options.hold)
    _say("held")
    await asyncio.sleep(3600)


async def pause(limits: RedisLimits, options: argparse.Namespace) -> None:
    """After `--after` seconds, pause everyone for `--seconds`; prints the wall time around the call."""
    _say("ready")
    await _go()
    await asyncio.sleep(options.after)
    before = time.time()
    await limits.pause(options.seconds)
    _say({"before": before, "after": time.time()})


async def creates(options: argparse.Namespace) -> None:
    """`--count` employees created at once through `PexipEngage` with `Governor(shared=--redis)`.

    The governor is named by the client (enterprise and API host), as a user's would be, unless
    `--name` is given.
    """
    governor = _governor(options)
    outcomes: collections.Counter[str] = collections.Counter()
    try:
        async with PexipEngage("acme", token="worker-token", base_url=options.url, governor=governor) as engage:
            await engage.employees.get_employees(limit=1)  # the connection, before the measured calls
            _say("ready")
            await _go()

            async def one(number: int) -> None:
                body = {"email": f"worker-{os.getpid()}-{number}@example.com"}
                try:
                    await engage.employees.create_employee(body=body)
                    outcomes["created"] += 1
                except PexipEngageError as error:
                    outcomes[type(error).__name__] += 1

            await asyncio.gather(*(one(number) for number in range(options.count)))
    finally:
        if governor is not None:
            await governor.aclose()
    _say({"outcomes": outcomes, "throttled": None if governor is None else governor.throttled})


def _governor(options: argparse.Namespace) -> Governor | None:
    """`Governor(shared=--redis)`, or with `--default-governor` none: the client's default one
    (which `PEXIP_ENGAGE_LIMITS` in the environment shares)."""
    return None if options.default_governor else Governor(shared=options.redis, name=options.name)


async def call(options: argparse.Namespace) -> None:
    """One GET of `--path` with a timeout of `--seconds` (a long request, which holds its slot)."""
    governor = _governor(options)
    async with PexipEngage("acme", token="worker-token", base_url=options.url, governor=governor) as engage:
        _say("ready")
        await _go()
        try:
            await engage.with_options(timeout=options.seconds).get(options.path)
            outcome = "ok"
        except PexipEngageError as error:
            outcome = type(error).__name__
    if governor is not None:
        await governor.aclose()
    _say({"outcome": outcome})


async def busy(options: argparse.Namespace) -> None:
    """`--count` tasks calling GET `--path` back to back until `--seconds` have passed."""
    governor = _governor(options)
    outcomes: collections.Counter[str] = collections.Counter()
    async with PexipEngage(
        "acme", token="worker-token", base_url=options.url, governor=governor, max_retries=0
    ) as engage:
        await engage.get(options.path)  # the connection, before the measured calls
        _say("ready")
        await _go()
        until = time.monotonic() + options.seconds

        async def one() -> None:
            while time.monotonic() < until:
                try:
                    await engage.with_options(timeout=5).get(options.path)
                    outcomes["ok"] += 1
                except PexipEngageError as error:
                    outcomes[type(error).__name__] += 1

        await asyncio.gather(*(one() for _ in range(options.count)))
    if governor is not None:
        await governor.aclose()
    _say({"outcomes": outcomes})


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["requests", "hold", "pause", "creates", "call", "busy"])
    parser.add_argument("--redis", required=True)
    parser.add_argument("--key", default="worker")
    parser.add_argument("--max-in-flight", type=int, default=4)
    parser.add_argument("--per-minute", type=int, default=3000)
    parser.add_argument("--lease", type=float, default=10.0)
    parser.add_argument("--url", default="")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--after", type=float, default=0.0)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--name", default=None)
    parser.add_argument("--path", default="/employees/1")
    parser.add_argument("--default-governor", action="store_true")
    parser.add_argument("--hold", type=float, default=None)
    options = parser.parse_args()
    if options.mode in ("creates", "call", "busy"):
        await {"creates": creates, "call": call, "busy": busy}[options.mode](options)
        return
    limits = shared_limits(
        options.redis,
        key=options.key,
        max_in_flight=options.max_in_flight,
        per_minute=options.per_minute,
        lease_seconds=options.lease,
    )
    try:
        await {"requests": requests, "hold": hold, "pause": pause}[options.mode](limits, options)
    finally:
        await limits.aclose()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
