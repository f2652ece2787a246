"""Enterprises behind one IP: each weighed enterprise's calls take its weight's part of the minute's budget.

A seeded simulation on a virtual-time event loop: 30 enterprises of random weights flood one governor at once;
each one's starts in a minute are its part of the budget, within 10%."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Mapping

import pytest

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client._limiting._lanes import ENTERPRISE
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.virtual_loop import VirtualTimeLoop, on_the_loops_clock


def status_of(answer: tuple[int, Mapping[str, str]]) -> tuple[int, Mapping[str, str]]:
    return answer


def test_each_enterprise_takes_its_weights_part_of_the_budget_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(107)  # noqa: S311 - a seeded simulation
    weights = {f"enterprise-{n:02}": rng.choice([1, 2, 3, 5]) for n in range(30)}
    governor = Governor(weights=weights)  # the documented limits: 3,000 a minute
    starts: Counter[str] = Counter()

    async def flood(enterprise: str) -> None:
        loop = asyncio.get_running_loop()

        async def attempt() -> tuple[int, Mapping[str, str]]:
            if 60 <= loop.time() < 120:  # the second minute: every enterprise has been waiting
                starts[enterprise] += 1
            await asyncio.sleep(0.01)
            return 200, {}

        ENTERPRISE.set(enterprise)  # as a client of the enterprise sets it around each attempt
        while loop.time() < 120:
            await governor.send(attempt, status_of)

    async def scenario() -> None:
        await asyncio.gather(*(flood(enterprise) for enterprise in weights for _ in range(2)))

    loop = VirtualTimeLoop()
    on_the_loops_clock(monkeypatch, loop)
    try:
        loop.run_until_complete(scenario())
    finally:
        loop.close()
    total = sum(weights.values())
    for enterprise, weight in weights.items():
        assert starts[enterprise] == pytest.approx(3000 * weight / total, rel=0.1), enterprise
    assert sum(starts.values()) == pytest.approx(3000, rel=0.1)


async def test_a_clients_calls_are_its_enterprises() -> None:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    fake.in_enterprise("globex")
    governor = Governor(max_in_flight=4, rate=20, weights={"acme": 1, "globex": 3})
    assert governor._parts["enterprise:acme"] == (1, 300.0)
    assert governor._parts["enterprise:globex"] == (3, 900.0)
    parts = governor._local_parts
    for name in ("acme", "globex"):
        async with PexipEngage(name, token=TOKEN, transport=fake, governor=governor) as engage:
            [employee async for employee in engage.employees.get_employees()]
        # a start in the enterprise's own part (GCRA's arrival time moved), none in the other's
        assert [parts[f"enterprise:{each}"]._tat > 0 for each in ("acme", "globex")] == [True, name == "globex"]


@pytest.mark.parametrize("weights", [{"acme": 0}, {"": 1}, {"acme": float("inf")}, ["acme"]])
def test_a_weight_that_is_not_positive_is_refused_naming_it(weights: object) -> None:
    with pytest.raises(ValueError, match="weights"):
        Governor(weights=weights)  # type: ignore[arg-type]
