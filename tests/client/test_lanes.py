"""Lanes: a customer's call is not kept waiting by background work, and background work keeps going beside it.

A seeded simulation on a virtual-time event loop: a nightly job floods the governor with 200 ms requests while
customers arrive at random; each interactive call's wait for its start is measured exactly."""

from __future__ import annotations

import asyncio
import bisect
import random
import statistics
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client import Governor, PexipEngage, SyncGovernor, SyncPexipEngage, lane
from pexip_engage_client._limiting._lanes import LANE
from pexip_engage_client._scheduling._team import READS_AT_ONCE
from pexip_engage_client.mirror import AppointmentMirror
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.webhooks import WebhookReceiver
from pexip_engage_client.webhooks._stores._memory import MemoryStore

from ..support.employees import person
from ..support.mirror import SECRET, seed, seed_references
from ..support.virtual_loop import VirtualTimeLoop, on_the_loops_clock

LATENCY = 0.2  # a request's time at the server
SECONDS = 120.0


def status_of(answer: tuple[int, Mapping[str, str]]) -> tuple[int, Mapping[str, str]]:
    return answer


async def simulated(governor: Governor, *, job_lane: str, seed: int) -> tuple[list[float], int, int]:
    """Interactive waits for a start (seconds), the job's and the customers' requests started within `SECONDS`."""
    loop = asyncio.get_running_loop()
    waits: list[float] = []
    started = {"interactive": 0, "background": 0}
    in_flight = [0, 0]  # now, most

    async def request(kind: str) -> None:
        asked = loop.time()

        async def attempt() -> tuple[int, Mapping[str, str]]:
            if kind == "interactive":
                waits.append(loop.time() - asked)
            started[kind] += 1
            in_flight[0] += 1
            in_flight[1] = max(in_flight)
            await asyncio.sleep(LATENCY)
            in_flight[0] -= 1
            return 200, {}

        await governor.send(attempt, status_of)

    async def job_worker() -> None:  # a 5,000-employee apply: far more work than the slots can take
        with lane(job_lane):  # type: ignore[arg-type]
            while loop.time() < SECONDS:
                await request("background")

    async def customers() -> None:
        rng = random.Random(seed)  # noqa: S311 - a seeded simulation
        calls = []
        while loop.time() < SECONDS:
            await asyncio.sleep(rng.expovariate(1.0))  # about 60 a minute
            calls.append(asyncio.ensure_future(request("interactive")))
        await asyncio.gather(*calls)

    await asyncio.gather(customers(), *(job_worker() for _ in range(24)))
    assert in_flight[1] <= 4
    return waits, started["background"], started["interactive"]


def run(monkeypatch: pytest.MonkeyPatch, job_lane: str, seed: int = 107) -> tuple[list[float], int, int]:
    loop = VirtualTimeLoop()
    on_the_loops_clock(monkeypatch, loop)
    try:
        return loop.run_until_complete(simulated(Governor(), job_lane=job_lane, seed=seed))
    finally:
        loop.close()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


@pytest.mark.parametrize("seed", [107, 2026])
def test_an_interactive_call_waits_at_most_one_requests_latency_beside_a_background_flood(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    waits, background, interactive = run(monkeypatch, "background", seed)
    assert interactive > 100
    # Most find the slot the job leaves free at once; a few wait for one of their own to end.
    assert statistics.median(waits) == 0.0
    assert p95(waits) <= LATENCY / 2
    assert max(waits) <= LATENCY
    # The job keeps its three slots busy all along: 15 a second at 200 ms a request.
    assert background >= 0.95 * 3 / LATENCY * SECONDS


async def bank_morning(cold_searches: int) -> tuple[list[float], list[float]]:
    """A bank's morning through the default governor: a catch-up reading 4 branches at once and a 4-worker apply, both
    background, again and again; a customer's call once a second; after a minute, `cold_searches` cold searches of a
    20-adviser branch one after another (the office's blocks, one walk of the advisers' appointments, each adviser's
    events `READS_AT_ONCE` at a time). Each customer call's wait for its start, and each cold search's time."""
    loop, governor, done = asyncio.get_running_loop(), Governor(), asyncio.Event()

    async def request(waits: list[float] | None = None) -> None:
        asked = loop.time()

        async def attempt() -> tuple[int, Mapping[str, str]]:
            if waits is not None:
                waits.append(loop.time() - asked)
            await asyncio.sleep(LATENCY)
            return 200, {}

        await governor.send(attempt, status_of)

    async def branch() -> float:
        started, turns = loop.time(), asyncio.Semaphore(READS_AT_ONCE)

        async def events() -> None:
            async with turns:
                await request()

        await asyncio.gather(request(), request(), *(events() for _ in range(20)))
        return loop.time() - started

    async def background() -> None:
        async def apply() -> None:
            while not done.is_set():
                await request()

        async def catch_up() -> None:
            while not done.is_set():
                await asyncio.gather(*(branch() for _ in range(4)))

        with lane("background"):
            await asyncio.gather(catch_up(), *(apply() for _ in range(4)))

    async def customers() -> tuple[list[float], list[float]]:
        waits: list[float] = []
        calling = asyncio.ensure_future(calls(waits))
        await asyncio.sleep(60)
        cold = [await branch() for _ in range(cold_searches)]
        done.set()
        await calling
        return waits, cold

    async def calls(waits: list[float]) -> None:
        while not done.is_set():
            await request(waits)
            await asyncio.sleep(1)

    found, _ = await asyncio.gather(customers(), background())
    return found


def test_a_customers_call_beside_background_work_and_cold_branch_searches_waits_under_one_latency(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The figures of bench/availability.py without real time: background work keeps three slots busy, and costs a
    customer's call no wait; a cold search's requests queue no more than the slots ahead of it, so that a call beside
    one waits one request's latency at most; each cold search takes 10 rounds of requests."""
    loop = VirtualTimeLoop()
    on_the_loops_clock(monkeypatch, loop)
    try:
        beside_background, _ = loop.run_until_complete(bank_morning(0))
        waits, cold = loop.run_until_complete(bank_morning(3))
    finally:
        loop.close()
    assert max(beside_background) == 0.0
    assert p95(waits) <= LATENCY / 2
    assert max(waits) == pytest.approx(LATENCY)
    assert cold == pytest.approx([10 * LATENCY] * 3)


def test_without_the_background_lane_the_same_customers_wait_behind_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    waits, _, _ = run(monkeypatch, "interactive")
    assert p95(waits) > 5 * LATENCY  # what the lane saves them


def test_background_work_takes_at_most_its_share_of_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpaced by latency, a job starts at most `background_share` of the minute's budget; a customer's call
    meanwhile starts at once."""
    governor = Governor(max_in_flight=4, rate=10, background_share=0.25)  # 600 a minute, 150 for the job
    starts: list[float] = []

    async def scenario() -> float:
        loop = asyncio.get_running_loop()

        async def attempt() -> tuple[int, Mapping[str, str]]:
            starts.append(loop.time())
            return 200, {}

        with lane("background"):
            for _ in range(300):
                await governor.send(attempt, status_of)
        asked = loop.time()
        await governor.send(attempt, status_of)
        return starts[-1] - asked

    loop = VirtualTimeLoop()
    on_the_loops_clock(monkeypatch, loop)
    try:
        customer_wait = loop.run_until_complete(scenario())
    finally:
        loop.close()
    job = starts[:-1]
    in_a_minute = max(bisect.bisect_right(job, start + 60) - n for n, start in enumerate(job))
    assert 140 <= in_a_minute <= 150
    assert customer_wait < 60 / 600


def test_a_lane_is_named_and_ends_with_its_block() -> None:
    with pytest.raises(ValueError, match="name must be 'interactive' or 'background'"), lane("nightly"):  # type: ignore[arg-type]
        pass
    assert LANE.get() == "interactive"
    with lane("background"):
        assert LANE.get() == "background"
        with lane("interactive"):
            assert LANE.get() == "interactive"
        assert LANE.get() == "background"
    assert LANE.get() == "interactive"


async def test_the_clients_own_jobs_run_in_the_background_lane() -> None:
    """The lane reaches the request: what a transport sees inside `lane("background")`, and outside."""
    seen: list[str] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        seen.append(LANE.get())
        return httpx2.Response(200, json={"data": {"id": "1", "function": None}})

    async with PexipEngage("acme", token="test-token", transport=httpx2.MockTransport(answer)) as engage:
        await engage.employees.get_employee_by_id("1")
        with lane("background"):
            await engage.employees.get_employee_by_id("1")
    assert seen == ["interactive", "background"]


class LaneSeen(httpx2.AsyncBaseTransport, httpx2.BaseTransport):
    """The fake, noting each request's lane as the governor saw it (the context the request is sent in)."""

    def __init__(self, fake: FakePexipEngage) -> None:
        self.fake = fake
        self.lanes: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.lanes.append((request.method, LANE.get()))
        return await self.fake.handle_async_request(request)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        self.lanes.append((request.method, LANE.get()))
        return self.fake.handle_request(request)


async def test_a_mirrors_catch_up_and_check_are_background_work(tmp_path: Path) -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 3, starting=datetime.now(UTC) + timedelta(days=1))
    seen = LaneSeen(fake)
    async with PexipEngage("acme", token="t", transport=seen) as engage:
        mirror = AppointmentMirror(f"sqlite:///{tmp_path}/mirror.db", secret=SECRET, client=engage, catch_up_every=None)
        async with mirror:
            await mirror.catch_up()
            await mirror.check()
    assert seen.lanes
    assert {lane for _, lane in seen.lanes} == {"background"}


async def test_a_provisioning_apply_is_background_work_its_plan_is_not() -> None:
    fake = FakePexipEngage()
    for index in range(30):
        fake.add_employee(**person(index), status="ACTIVE")
    seen = LaneSeen(fake)
    async with PexipEngage("acme", token="t", transport=seen, governor=Governor(rate=None)) as engage:
        plan = await plan_employees(engage, [person(index, lastName="Moved") for index in range(30)])
        planned = len(seen.lanes)
        report = await apply_plan(engage, plan, force=True, concurrency=4)
    assert report.ok
    assert {lane for _, lane in seen.lanes[:planned]} == {"interactive"}
    assert {lane for _, lane in seen.lanes[planned:]} == {"background"}
    assert ("PUT", "background") in seen.lanes[planned:] or ("PATCH", "background") in seen.lanes[planned:]


def test_a_sync_apply_carries_the_lane_into_its_threads() -> None:
    fake = FakePexipEngage()
    for index in range(60):
        fake.add_employee(**person(index), status="ACTIVE")
    seen = LaneSeen(fake)
    with SyncPexipEngage("acme", token="t", transport=seen, governor=SyncGovernor(rate=None)) as engage:
        plan = plan_employees(engage, [person(index, lastName="Moved") for index in range(60)])
        planned = len(seen.lanes)
        report = apply_plan(engage, plan, force=True, concurrency=4)
    assert report.ok
    assert {lane for _, lane in seen.lanes[planned:]} == {"background"}


async def test_a_receivers_reconcile_is_background_work() -> None:
    fake = FakePexipEngage()
    seed_references(fake)
    seed(fake, 3, starting=datetime(2026, 12, 1, 9, tzinfo=UTC))
    seen = LaneSeen(fake)
    receiver = WebhookReceiver(MemoryStore(), secret=SECRET)
    async with PexipEngage("acme", token="t", transport=seen) as engage:
        start = datetime(2026, 12, 1, tzinfo=UTC)
        await receiver.reconcile(engage, start=start, end=start + timedelta(days=2))
    assert seen.lanes
    assert {lane for _, lane in seen.lanes} == {"background"}
