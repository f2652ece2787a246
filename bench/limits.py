"""Engage's documented limits, kept: sustained traffic and a long walk against a server enforcing them.

    python -m bench.limits [--seconds 120] [--items 10000] [--latency 0.02] [--callers 16] [--results PATH]

The server is the fake API (`FakePexipEngage`, holding `--items` employees, its own limits on),
served on loopback in its own process behind tests/limits/_server.py's `LimitedAPI`, which also
does what the rate-limiting page says Engage does (beyond 4 requests in flight, or beyond 3,000
accepted in the last 60 seconds, a 429 with `Retry-After`) and records what it let through, when.
Every answer is delayed by `--latency` seconds, so that 4 in flight could carry 4 / latency
requests a second: more than the budget's 50.

Cases, each sustained for `--seconds`, with `--callers` tasks per process calling
`employees.get_employee_by_id` back to back:

- 1 process, a client with no governor argument (the documented limits by default);
- 4 processes, each a client with `Governor(shared=<redis url>)` on one redis-server started here.

`python -m bench.limits permit` (in `make bench`, its own run) measures what one permit costs:
`acquire` on loopback, one caller after the other, 2,000 times, through Redis and through
PostgreSQL (servers started here), printed as p50/p99/max (the goal: a p99 of at most 2 ms).

Then the shared limits' recovery from a fault, 4 such processes throughout (`--recovery-before`
seconds of steady traffic, then the fault, then 60 seconds): a **429 burst** (the server refuses
every request for 2 seconds, `Retry-After: 1`) and a **Redis restart** (stopped, down for 2
seconds, started again empty). Printed: the accepted rate before the fault (a second a request,
over the steady stretch after its first 2 seconds), and over the 5 seconds ending 10, 30 and 60
seconds after the fault began, with the load average beside them.

Printed per case, as the server counted: requests completed a minute (let through within the
case's seconds; the goal: at least 95% of 3,000), the most let through in any 60 seconds (for a
case of a minute or more: at most 3,000), 429 answers (the goal: none), most requests in flight
(the goal: at most 4), and for the shared case the Redis round trips per request (scripts and
other commands, not what scripts run inside). Then a walk of all `--items` employees by one
client with default arguments, against the ideal at these limits: the fewest pages the API
allows (1,000 items each), the first alone and the rest 4 at a time, each taking as long as one
such page took when fetched alone (or 1/50 s, if the budget is slower); and the budget's floor
for the requests the walk did send (50 a second).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx2

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client.errors import PexipEngageError

from ._harness import add_results_argument, free_port, record, row

MAX_IN_FLIGHT, PER_MINUTE = 4, 3000  # the rate-limiting page's figures, as the server enforces them
LARGEST_PAGE = 1000
PROCESSES = (1, 4)


# --- the server process -----------------------------------------------------------------------


def serve(port: int, latency: float, items: int) -> None:
    """The fake behind the limits, with `GET /_stats` and `POST /_reset` for the driver."""
    import uvicorn  # noqa: PLC0415 - the server process only

    from pexip_engage_client.testing import FakePexipEngage  # noqa: PLC0415
    from tests.limits._server import LimitedAPI  # noqa: PLC0415
    from tests.support.loopback import Receive, Scope, Send, transport_app  # noqa: PLC0415

    fake = FakePexipEngage()
    for number in range(items):
        fake.add_employee(email=f"employee-{number}@example.com")
    api = LimitedAPI(max_in_flight=MAX_IN_FLIGHT, per_minute=PER_MINUTE, delay=latency, answer=transport_app(fake))
    refusing = [0.0]  # until when every request is answered 429 (`POST /_refuse?SECONDS`): a 429 burst

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/_refuse":
            refusing[0] = time.time() + float(scope["query_string"].decode() or "2")
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        if scope["type"] == "http" and time.time() < refusing[0] and not scope["path"].startswith("/_"):
            api.statuses[429] += 1
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [(b"retry-after", b"1"), (b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"errors": []}'})
            return
        if scope["type"] == "http" and scope["path"] in ("/_stats", "/_reset"):
            if scope["path"] == "/_reset":
                api.reset()  # a new case is a new minute
            stats = {
                "most_in_flight": api.most_in_flight,
                "statuses": api.statuses,
                "arrivals": len(api.arrivals),
                "accepted": api.accepted,
            }
            body = json.dumps(stats).encode()
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        await api(scope, receive, send)

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")


@contextmanager
def limited_fake(latency: float, items: int) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.limits",
            "serve",
            "--port",
            str(port),
            "--latency",
            str(latency),
            "--items",
            str(items),
        ]
    )
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # seeding the fake with 10,000 employees takes a while
        while True:
            try:
                httpx2.get(f"{root}/_stats", timeout=1)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the limited fake did not start") from None
                time.sleep(0.2)
        yield root
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- the client processes ---------------------------------------------------------------------


async def client(url: str, seconds: float, callers: int, redis: str | None) -> None:
    """Call back to back for `seconds` (after a line on stdin); print what was completed, as JSON."""
    governor = None if redis is None else Governor(shared=redis)
    completed = 0
    failures: collections.Counter[str] = collections.Counter()
    async with PexipEngage("acme", token="bench-token", base_url=url, governor=governor) as engage:
        employee = (await engage.employees.get_employees(limit=1)).data[0].id
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        deadline = time.monotonic() + seconds

        async def caller() -> None:
            nonlocal completed
            while time.monotonic() < deadline:
                try:
                    await engage.employees.get_employee_by_id(employee)
                    completed += 1
                except PexipEngageError as error:
                    failures[type(error).__name__] += 1

        await asyncio.gather(*(caller() for _ in range(callers)))
    if governor is not None:
        await governor.aclose()
    print(json.dumps({"completed": completed, "failures": failures}), flush=True)


def sustained(root: str, processes: int, seconds: float, callers: int, redis: str | None) -> dict[str, Any]:
    """One case: `processes` client processes for `seconds`; what they and the server counted."""
    httpx2.post(f"{root}/_reset")
    command = [
        sys.executable,
        "-m",
        "bench.limits",
        "client",
        "--url",
        root,
        "--seconds",
        str(seconds),
        "--callers",
        str(callers),
    ] + ([] if redis is None else ["--redis", redis])
    started = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(processes)
    ]
    for process in started:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("a client process did not start")
    httpx2.post(f"{root}/_reset")  # the clients' own first calls are not counted
    commands = _redis_commands(redis)
    went = time.time()
    for process in started:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    reports = []
    for process in started:
        out, _ = process.communicate(timeout=seconds + 120)
        if process.returncode != 0:
            raise RuntimeError(f"a client process failed (exit {process.returncode})")
        reports.append(json.loads(out.strip().splitlines()[-1]))
    stats = httpx2.get(f"{root}/_stats").json()
    completed = sum(report["completed"] for report in reports)
    # As the server counted: requests let through within the `seconds` after "go" (the callers
    # started before their deadline and finished after it fall outside), and the most let
    # through in any 60 seconds of the whole run.
    accepted = sorted(stats["accepted"])
    within = [t for t in accepted if went <= t < went + seconds]
    return {
        "per_minute": len(within) / seconds * 60,
        "most_in_a_minute": _most_within(accepted, 60.0),
        "refused": stats["statuses"].get("429", 0),
        "most_in_flight": stats["most_in_flight"],
        "failures": sum(sum(report["failures"].values()) for report in reports),
        "redis_per_request": None if redis is None else (_redis_commands(redis) - commands) / max(completed, 1),
        # The machine's other work slows every request's round trip: with 4 slots, that is throughput.
        "load": os.getloadavg()[0],
    }


# --- recovery from a fault -------------------------------------------------------------------

RECOVERY_PROCESSES = 4
AFTER = (10, 30, 60)  # seconds after the fault began, each the end of a 5 s window
WINDOW = 5.0


def recovery(root: str, fault: str, before: float, callers: int, work: Path) -> dict[str, Any]:
    """4 shared processes: `before` seconds steady, then `fault` ("429" or "redis"), then 60 s more."""
    from tests.limits._restartable_redis import restartable_redis  # noqa: PLC0415

    with restartable_redis(work) as redis:
        seconds = before + max(AFTER) + 1
        command = [
            sys.executable,
            "-m",
            "bench.limits",
            "client",
            "--url",
            root,
            "--seconds",
            str(seconds),
            "--callers",
            str(callers),
            "--redis",
            redis.url,
        ]
        started = [
            subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for _ in range(RECOVERY_PROCESSES)
        ]
        for process in started:
            assert process.stdout is not None
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a client process did not start")
        httpx2.post(f"{root}/_reset")
        went = time.time()
        for process in started:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        time.sleep(before)
        fault_at = time.time()
        loads = {0: os.getloadavg()[0]}
        if fault == "429":
            httpx2.post(f"{root}/_refuse?2")
        else:
            redis.stop()
            time.sleep(2)
            redis.start()
        for after in AFTER:
            time.sleep(max(0.0, fault_at + after - time.time()))
            loads[after] = os.getloadavg()[0]
        for process in started:
            process.communicate(timeout=seconds + 120)
    accepted: list[float] = httpx2.get(f"{root}/_stats").json()["accepted"]

    def rate(start: float, end: float) -> float:
        return sum(start <= moment < end for moment in accepted) / (end - start)

    return {
        "before": rate(went + 2, fault_at),
        "after": {after: rate(fault_at + after - WINDOW, fault_at + after) for after in AFTER},
        "loads": loads,
    }


def _most_within(times: list[float], width: float) -> int:
    """The most of the sorted `times` in any half-open window of `width` seconds."""
    most, first = 0, 0
    for last, time_ in enumerate(times):
        while times[first] <= time_ - width:
            first += 1
        most = max(most, last - first + 1)
    return most


def _redis_commands(redis: str | None) -> int:
    if redis is None:
        return 0
    import redis as redis_py  # noqa: PLC0415 - the shared case only

    connection = redis_py.Redis.from_url(redis)
    try:
        stats = connection.info("commandstats")
    finally:
        connection.close()
    # Round trips: the scripts run (each one call, whatever it does inside) and the rest, but not
    # the commands scripts run inside.
    return sum(int(stat["calls"]) for name, stat in stats.items() if name not in _INSIDE_SCRIPTS)


_INSIDE_SCRIPTS = {
    f"cmdstat_{name}"
    for name in (
        "time",
        "get",
        "set",
        "zremrangebyscore",
        "zcard",
        "zrange",
        "zadd",
        "zscore",
        "zrem",
        "pexpire",
        "publish",
        "info",
    )
}


# --- the walk ---------------------------------------------------------------------------------


async def walk(root: str, items: int) -> dict[str, float]:
    """Walk every employee with default arguments; time it against the ideal at the limits."""
    async with (
        PexipEngage("acme", token="bench-token", base_url=root) as engage,
        httpx2.AsyncClient(base_url=root) as control,
    ):
        alone = []
        for _ in range(3):
            started = time.perf_counter()
            await engage.employees.get_employees(limit=LARGEST_PAGE)
            alone.append(time.perf_counter() - started)
        await control.post("/_reset")
        started = time.perf_counter()
        count = 0
        async for _ in engage.employees.get_employees().items():
            count += 1
        elapsed = time.perf_counter() - started
        stats = (await control.get("/_stats")).json()
    if count != items:
        raise RuntimeError(f"walked {count} employees, expected {items}")
    pages = math.ceil(items / LARGEST_PAGE)
    page = max(statistics.median(alone), 60 / PER_MINUTE)
    return {
        "seconds": elapsed,
        "ideal": page * (1 + math.ceil((pages - 1) / MAX_IN_FLIGHT)),
        "requests": stats["arrivals"],
        "refused": stats["statuses"].get("429", 0),
        "most_in_flight": stats["most_in_flight"],
        "page_alone": statistics.median(alone),
    }


# --- the driver -------------------------------------------------------------------------------


def main(
    seconds: float, items: int, latency: float, callers: int, results: Path | None, *, recovery_before: float = 20.0
) -> None:
    from tests.support.redis_server import redis_server  # noqa: PLC0415

    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-limits-")))
        redis_url = stack.enter_context(redis_server(work))
        root = stack.enter_context(limited_fake(latency, items))
        cases = {
            processes: sustained(root, processes, seconds, callers, None if processes == 1 else redis_url)
            for processes in PROCESSES
        }
        walked = asyncio.run(walk(root, items))
        recovered = {fault: recovery(root, fault, recovery_before, callers, work) for fault in ("429", "redis")}
    print(
        f"\nAgainst the fake enforcing Engage's limits ({MAX_IN_FLIGHT} in flight, {PER_MINUTE:,} a minute, 429 "
        f"beyond), {latency * 1000:.0f} ms added per answer; {seconds:.0f} s per case, {callers} callers a process"
    )
    heads = f"{'completed/min':>14}{'of 3,000':>10}{'most in 60 s':>14}{'429s':>7}{'max in flight':>15}"
    heads += f"{'Redis/request':>15}"
    print(f"  {'clients':<44}{heads}{'load average':>14}")
    rows = []
    for processes, case in cases.items():
        label = "1 process, default governor" if processes == 1 else f"{processes} processes, Governor(shared=redis)"
        redis = "" if case["redis_per_request"] is None else f"{case['redis_per_request']:.2f}"
        print(
            f"  {label:<44}{case['per_minute']:>14,.0f}{case['per_minute'] / PER_MINUTE:>9.1%}"
            f"{case['most_in_a_minute']:>14,}{case['refused']:>7}{case['most_in_flight']:>15}{redis:>15}{case['load']:>14.1f}"
        )
        if case["failures"]:
            print(f"    {case['failures']} calls failed")
        what = f"sustained {seconds:.0f} s, {latency * 1000:.0f} ms latency"
        rows += [
            row(
                "limits",
                f"completed requests a minute, {what}",
                label,
                "req/min",
                [case["per_minute"]],
                higher_is_better=True,
            ),
            row("limits", f"429 answers, {what}", label, "count", [case["refused"]]),
            row("limits", f"most requests in flight at the server, {what}", label, "count", [case["most_in_flight"]]),
        ]
    ratio = walked["seconds"] / walked["ideal"]
    print(
        f"\nWalking {items:,} employees with default arguments: {walked['seconds']:.2f} s in "
        f"{walked['requests']:.0f} requests ({walked['refused']:.0f} answered 429, at most "
        f"{walked['most_in_flight']:.0f} in flight); the ideal at the limits {walked['ideal']:.2f} s "
        f"({math.ceil(items / LARGEST_PAGE)} pages of {LARGEST_PAGE:,}, {walked['page_alone']:.3f} s each "
        f"alone): {ratio:.2f}x the ideal; {walked['requests'] * 60 / PER_MINUTE:.2f} s is the budget's floor for "
        f"{walked['requests']:.0f} requests"
    )
    print(
        f"\nRecovery of {RECOVERY_PROCESSES} processes sharing the limits (Governor(shared=redis)), accepted a "
        f"second as the server counted, over the {WINDOW:.0f} s ending 10/30/60 s after the fault"
    )
    heads = "".join(f"{f'{after} s after':>16}" for after in AFTER)
    print(f"  {'fault':<26}{'before':>9}{heads}  load average (at the fault/10/30/60 s)")
    labels = {"429": "429 burst (2 s of 429s)", "redis": "Redis restart (2 s down)"}
    for fault, found in recovered.items():
        cells = "".join(
            f"{found['after'][after]:>8.1f} ({found['after'][after] / max(found['before'], 1e-9):>4.0%})"
            for after in AFTER
        )
        loads = " / ".join(f"{found['loads'][after]:.1f}" for after in (0, *AFTER))
        print(f"  {labels[fault]:<26}{found['before']:>9.1f}{cells}  {loads}")
        for after in AFTER:
            rows.append(
                row(
                    "limits",
                    f"accepted a second {after} s after a {labels[fault]}, 4 shared processes",
                    "shared",
                    "req/s",
                    [found["after"][after]],
                    higher_is_better=True,
                    baseline="before the fault",
                    baseline_values=[found["before"]],
                )
            )
    walking = f"walking {items:,} employees, {latency * 1000:.0f} ms latency"
    rows.append(
        row(
            "limits",
            walking,
            "default arguments",
            "s",
            [walked["seconds"]],
            baseline="ideal at the limits",
            baseline_values=[walked["ideal"]],
        )
    )
    record(results, "limits", rows)


PERMITS = 2000


async def _permit_latencies(limits: Any) -> list[float]:
    """Seconds per permit (`acquire`: what a request waits before it is sent; its release comes after
    its answer) of one caller, one after the other, `PERMITS` times after 200 not counted
    (connections made, statements prepared)."""
    spent: list[float] = []
    try:
        for number in range(200 + PERMITS):
            started = time.perf_counter()
            lease = await limits.acquire()
            if number >= 200:
                spent.append(time.perf_counter() - started)
            await limits.release(lease)
    finally:
        await limits.aclose()
    return spent


def permit_cost(results: Path | None) -> None:
    """What one permit of the shared limits costs on loopback, Redis against PostgreSQL (the goal: a p99
    of at most 2 ms): one caller, a budget so large (600,000 a minute) that its pace never waits."""
    from pexip_engage_client._limiting._postgres_limits import PostgresLimits  # noqa: PLC0415
    from pexip_engage_client._limiting._redis_limits import RedisLimits  # noqa: PLC0415
    from tests.support.postgres_server import postgres_server  # noqa: PLC0415
    from tests.support.redis_server import redis_server  # noqa: PLC0415

    settings: dict[str, Any] = {"key": "permit-cost", "max_in_flight": 4, "per_minute": 600_000}
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-permit-")))
        redis_url = stack.enter_context(redis_server(work))
        postgres_url = stack.enter_context(postgres_server()).url
        spent = {
            "Redis": asyncio.run(_permit_latencies(RedisLimits(redis_url, **settings))),
            "PostgreSQL": asyncio.run(_permit_latencies(PostgresLimits(postgres_url, **settings))),
        }
    print(f"\nA shared-limit permit (acquire), {PERMITS} one after the other on loopback (ms)")
    print(f"{'':12}{'p50':>8}{'p99':>8}{'max':>8}")
    rows = []
    for name, values in spent.items():
        ordered = sorted(value * 1000 for value in values)
        p50, p99 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.99)]
        print(f"{name:12}{p50:>8.2f}{p99:>8.2f}{ordered[-1]:>8.2f}")
        rows.append(row("limits-permit", "a shared-limit permit, p99 (goal: at most 2 ms)", name, "ms", [p99]))
    record(results, "limits-permit", rows)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "mode", nargs="?", choices=["bench", "serve", "client", "permit"], default="bench", help=argparse.SUPPRESS
    )
    parser.add_argument("--seconds", type=float, default=120.0, help="how long each case lasts (default 120)")
    parser.add_argument("--items", type=int, default=10_000, help="employees in the fake, walked at the end")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added to every answer (default 0.02)")
    parser.add_argument("--callers", type=int, default=16, help="tasks calling back to back in each process")
    parser.add_argument(
        "--recovery-before",
        type=float,
        default=20.0,
        help="steady seconds before each fault of the recovery cases (default 20)",
    )
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    parser.add_argument("--redis", default=None, help=argparse.SUPPRESS)
    add_results_argument(parser)
    return parser.parse_args()


if __name__ == "__main__":
    options = _arguments()
    if options.mode == "serve":
        serve(options.port, options.latency, options.items)
    elif options.mode == "permit":  # `python -m bench.limits permit`: the permit's cost alone
        permit_cost(options.results)
    elif options.mode == "client":
        asyncio.run(client(options.url, options.seconds, options.callers, options.redis))
    else:
        main(
            options.seconds,
            options.items,
            options.latency,
            options.callers,
            options.results,
            recovery_before=options.recovery_before,
        )
