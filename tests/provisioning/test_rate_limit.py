"""A 2,000-change apply against a fake enforcing 20 requests/s: few 429s, most of the allowed rate.

The governor is not told the limit (`rate=None`): it learns it from the first 429 (what the server accepted up
to the end of the pause asked for), then paces every request of the client, the apply's re-reads
and writes alike, and raises the pace slowly until the next refusal. The fake's limit runs on real
time (its clock is for timestamps only, and the client's pacing sleeps for real), so this takes
about 2,100 requests / 20 per second: a hundred seconds, on the main Python only.
"""

from __future__ import annotations

import time

import pytest

from pexip_engage_client import Governor, PexipEngage
from pexip_engage_client.provisioning import apply_plan, plan_employees
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import person

CHANGES = 2000
RATE = 20


@pytest.mark.soak
@pytest.mark.timeout(600)  # about 100 s on its own, more on a busy machine
async def test_a_2000_change_apply_stays_within_the_rate_limit_and_uses_most_of_it() -> None:
    fake = FakePexipEngage()
    for index in range(CHANGES):
        fake.add_employee(**person(index), status="ACTIVE")
    desired = [person(index, lastName="Moved") for index in range(CHANGES)]
    async with PexipEngage("acme", token=TOKEN, transport=fake) as planner:
        plan = await plan_employees(planner, desired)
    assert len(plan.updates) == CHANGES
    assert plan.refusal is not None  # every employee changes: a reviewed, forced apply

    fake.limit_rate(RATE)
    before = len(fake.calls)
    governor = Governor(rate=None)  # 4 in flight, and the rate left to be learnt
    async with PexipEngage("acme", token=TOKEN, transport=fake, governor=governor) as engage:
        started = time.monotonic()
        report = await apply_plan(engage, plan, force=True, concurrency=8)
        elapsed = time.monotonic() - started

    assert report.ok, report.render()
    assert len(report.updated) == CHANGES
    requests = len(fake.calls) - before
    refused = fake.rate_limited
    assert refused <= requests * 0.01, (refused, requests)
    answered_per_second = (requests - refused) / elapsed
    assert answered_per_second >= RATE * 0.85, (answered_per_second, elapsed)
    assert {e["lastName"] for e in fake.employees.values()} == {"Moved"}
