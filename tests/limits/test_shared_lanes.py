"""Lanes kept across processes: governors sharing one limit through Redis or PostgreSQL leave a customer's call the
slot their background work may not take."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping

import pytest

from pexip_engage_client import Governor, lane
from pexip_engage_client._limiting._lanes import ENTERPRISE

pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]

LATENCY = 0.25


def status_of(answer: tuple[int, Mapping[str, str]]) -> tuple[int, Mapping[str, str]]:
    return answer


async def test_background_work_of_two_governors_leaves_a_customer_a_slot(shared_url: str, key: str) -> None:
    # Two governors share nothing but the store, as two hosts would.
    hosts = [Governor(shared=shared_url, name=key) for _ in range(2)]
    in_flight = {"background": 0, "interactive": 0}
    most = {"background": 0, "all": 0}
    waits: list[float] = []
    done = asyncio.Event()

    async def request(governor: Governor, kind: str) -> None:
        asked = time.monotonic()

        async def attempt() -> tuple[int, Mapping[str, str]]:
            if kind == "interactive":
                waits.append(time.monotonic() - asked)
            in_flight[kind] += 1
            most["background"] = max(most["background"], in_flight["background"])
            most["all"] = max(most["all"], sum(in_flight.values()))
            await asyncio.sleep(LATENCY)
            in_flight[kind] -= 1
            return 200, {}

        await governor.send(attempt, status_of, within=30)

    async def job(governor: Governor) -> None:
        with lane("background"):
            while not done.is_set():
                await request(governor, "background")

    try:
        jobs = [asyncio.ensure_future(job(governor)) for governor in hosts for _ in range(4)]
        for n in range(8):  # customers on either host, while the jobs take every slot they may have
            await asyncio.sleep(0.3)
            await request(hosts[n % 2], "interactive")
        done.set()
        await asyncio.gather(*jobs)
    finally:
        for governor in hosts:
            await governor.aclose()
    assert most == {"background": 3, "all": 4}, most
    assert max(waits) < LATENCY, waits  # a free slot at once, not behind the jobs' queue


async def test_enterprises_weights_hold_across_governors_sharing_one_limit(shared_url: str, key: str) -> None:
    """Two hosts, each flooding for both enterprises: each enterprise's slots, counted across them, are its weight's
    part of the four (3 and 1), and every slot is busy."""
    weights = {"emea": 3, "apac": 1}
    hosts = [Governor(shared=shared_url, name=key, weights=weights) for _ in range(2)]
    in_flight = dict.fromkeys(weights, 0)
    most = dict.fromkeys(weights, 0)
    done = asyncio.Event()

    async def flood(governor: Governor, enterprise: str) -> None:
        async def attempt() -> tuple[int, Mapping[str, str]]:
            in_flight[enterprise] += 1
            most[enterprise] = max(most[enterprise], in_flight[enterprise])
            await asyncio.sleep(LATENCY)
            in_flight[enterprise] -= 1
            return 200, {}

        ENTERPRISE.set(enterprise)  # as a client of the enterprise sets it around each attempt
        while not done.is_set():
            await governor.send(attempt, status_of, within=30)

    try:
        floods = [asyncio.ensure_future(flood(g, e)) for g in hosts for e in weights for _ in range(3)]
        await asyncio.sleep(8 * LATENCY)
        done.set()
        await asyncio.gather(*floods)
    finally:
        for governor in hosts:
            await governor.aclose()
    assert most == {"emea": 3, "apac": 1}, most
