"""One process of the cross-process ensure tests: `python -m tests.limits._ensure_worker BASE_URL ...`.

It builds its client on the served fake (with the shared Redis as its governor's, when given),
prints "ready", waits for a line on stdin (so that several processes start together), then runs
`--count` concurrent `ensure_appointment` calls of one external id and prints their outcomes as
one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys

from pexip_engage_client import Governor, PexipEngage

from ..support.ensure_bodies import APPOINTMENT


async def main(options: argparse.Namespace) -> None:
    governor = (
        Governor(max_in_flight=16, rate=1000, name=options.key, shared=options.redis)
        if options.redis
        else Governor(max_in_flight=16, rate=1000, shared=False)
    )
    body = {**APPOINTMENT, "externalId": options.external_id}
    timeout = {} if options.timeout is None else {"timeout": options.timeout}  # none given: the client's default
    async with PexipEngage(
        "acme",
        token="worker-token",
        base_url=options.base_url,
        governor=governor,
        max_retries=options.max_retries,
        **timeout,
    ) as engage:
        await engage.appointments.get_appointments(limit=1)  # a connection, and first-use work, before "go"
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        results = await asyncio.gather(
            *(engage.appointments.ensure_appointment(body) for _ in range(options.count)), return_exceptions=True
        )
    outcomes = collections.Counter(
        str(result.outcome) if not isinstance(result, BaseException) else type(result).__name__ for result in results
    )
    print(json.dumps(outcomes), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("--redis", default="")
    parser.add_argument("--key", default="ensure-test")
    parser.add_argument("--external-id", default="CRM-1")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=None)
    parser.add_argument("--max-retries", type=int, default=2)
    asyncio.run(main(parser.parse_args()))
