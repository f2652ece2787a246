"""One process of the ensure fault suite: `python -m tests.limits._ensure_fault_worker BASE_URL REDIS_URL ...`.

It prints "ready", waits for "go", ensures each of `--ids` external ids (`FAULT-0`...) with
`--tasks` concurrent tasks, and prints one JSON line per pass: for each id that failed, its error's
class, whether its message names the id and says whether the create may have happened; and when
each ensure started and ended (`time.time()`, with whether it failed), so that the test can tell
that its fault struck ensures in flight. It then
waits for "again" (sent once the fault is over) and ensures the failed ids again, as a user would,
as often as it is told.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import time
from typing import Any

from pexip_engage_client import Governor, PexipEngage, ResponseEvent, errors
from tests.support.ensure_bodies import APPOINTMENT

# Which worker sent a request, for the test that stops the one creating (`X-Fault-Worker`: its pid).
WHO = {"X-Fault-Worker": str(os.getpid())}


def _described(external_id: str, error: BaseException) -> dict[str, Any]:
    text = str(error)
    says = "may have made it" in text or "Nothing was created" in text or "nothing was sent" in text
    return {
        "error": type(error).__name__,
        "cause": type(error.__cause__).__name__,
        "names_id": repr(external_id) in text,
        "says_if_created": says,
        "ensure_error": isinstance(error, errors.EnsureError),
        "knows_id": getattr(error, "external_id", None) == external_id,
    }


async def _pass(engage: PexipEngage, ids: list[str], tasks: int) -> dict[str, Any]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for external_id in ids:
        queue.put_nowait(external_id)
    failed: dict[str, Any] = {}
    outcomes: dict[str, int] = {}
    spans: list[tuple[float, float, bool]] = []  # (started, ended, failed) of each ensure

    async def worker() -> None:
        while not queue.empty():
            external_id = queue.get_nowait()
            started = time.time()
            try:
                result = await engage.appointments.ensure_appointment(
                    {**APPOINTMENT, "externalId": external_id}, extra_headers=WHO
                )
            except Exception as error:  # every failure is reported, by class
                failed[external_id] = _described(external_id, error)
                spans.append((started, time.time(), True))
            else:
                outcomes[str(result.outcome)] = outcomes.get(str(result.outcome), 0) + 1
                spans.append((started, time.time(), False))

    await asyncio.gather(*(worker() for _ in range(tasks)))
    return {"outcomes": outcomes, "failed": failed, "spans": spans}


class Stall:
    """SIGUSR1: the look-ups answered in the half second from the first one after the signal are held `seconds`
    before their ensure goes on.

    A pause of the process's own (a long callback, a GC pause) between a create's look-up and its
    send: its turn's lease runs out meanwhile, another worker takes it over and creates, and the
    check right before the create's POST must then find the turn lost. The half second starts with a
    look-up, not with the signal: a worker signalled while it waits for its turns (held by the others)
    answers no look-up for a while, and a window that had passed by then held nothing (seen in CI).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds, self._armed, self._until = seconds, False, 0.0

    def start(self) -> None:
        self._armed = True

    async def __call__(self, event: ResponseEvent) -> None:
        if event.method != "GET" or event.status_code != 200:
            return
        if self._armed:
            self._armed, self._until = False, time.monotonic() + 0.5
        if time.monotonic() < self._until:
            await asyncio.sleep(self.seconds)


async def main(options: argparse.Namespace) -> None:
    governor = Governor(max_in_flight=options.in_flight, rate=1000, name=options.key, shared=options.redis)
    stall = Stall(options.stall)
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, stall.start)
    async with PexipEngage(
        "acme",
        token="worker-token",
        base_url=options.base_url,
        governor=governor,
        timeout=options.timeout,
        max_retries=2,
        event_hooks={"response": [stall]},
    ) as engage:
        await engage.appointments.get_appointments(limit=1)
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        last = await _pass(engage, [f"FAULT-{n}" for n in range(options.ids)], options.tasks)
        print(json.dumps(last), flush=True)
        while (await asyncio.to_thread(sys.stdin.readline)).strip() == "again":  # until stdin closes
            last = await _pass(engage, sorted(last["failed"]), options.tasks)
            print(json.dumps(last), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("redis")
    parser.add_argument("--key", default="ensure-faults")
    parser.add_argument("--ids", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--stall", type=float, default=7.0)
    parser.add_argument("--in-flight", type=int, default=48)  # the shared limit: the fake may keep it too
    asyncio.run(main(parser.parse_args()))
