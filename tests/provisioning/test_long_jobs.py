"""Long jobs report and are held: creates count against the threshold as removals do (or `max_creates`), a plan
or apply past a few hundred rows logs its summary, and an apply cancelled part-way says what it made, the next
one completing it."""

from __future__ import annotations

import asyncio
import logging
import pickle

import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage
from pexip_engage_client.provisioning import (
    WHOLE_ENTERPRISE,
    ApplyInterruptedError,
    PlanRefusedError,
    apply_plan,
    plan_employees,
)
from pexip_engage_client.testing import FakePexipEngage

from ..support.employees import person, seed


async def test_creates_are_held_by_the_threshold_as_removals_are(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = seed(fake, 10)
    three, four = [person(10 + n) for n in range(3)], [person(10 + n) for n in range(4)]
    within = await plan_employees(engage, [*directory, *three], scope=WHOLE_ENTERPRISE)
    assert (len(within.creates), within.refusal) == (3, None)  # 30% of 10 managed
    over = await plan_employees(engage, [*directory, *four], scope=WHOLE_ENTERPRISE)
    assert over.refusal is not None
    assert "creates 4 employees beside 10 managed ones" in over.refusal
    with pytest.raises(PlanRefusedError):
        await apply_plan(engage, over)
    capped = await plan_employees(engage, [*directory, *three], scope=WHOLE_ENTERPRISE, max_creates=2)
    assert capped.refusal == "the plan creates 3 employees, more than the 2 allowed (max creates)"
    assert type(capped).from_dict(capped.to_dict()).refusal == capped.refusal  # saved with the plan
    allowed = await plan_employees(engage, [*directory, *four], scope=WHOLE_ENTERPRISE, max_creates=4)
    assert allowed.refusal is None


async def test_a_long_plan_and_apply_log_their_summary(engage: PexipEngage, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pexip_engage_client.provisioning")
    plan = await plan_employees(engage, [person(n) for n in range(201)])
    report = await apply_plan(engage, plan, concurrency=4)
    lines = [record.getMessage() for record in caplog.records if record.name == "pexip_engage_client.provisioning"]
    assert lines == [
        f"employees planned: {plan.summary}",
        "employees applied: 201 created, 0 updated, 0 deactivated, 0 skipped, 0 conflict(s), 0 failed",
    ]
    assert plan.summary.startswith("201 to create, 0 to update, 0 to deactivate, 0 conflict(s)")
    assert report.ok


async def test_an_apply_cancelled_part_way_says_what_it_made_and_the_next_completes_it(engage: PexipEngage) -> None:
    plan = await plan_employees(engage, [person(n) for n in range(60)])
    task: asyncio.Task[object] | None = None

    def interrupt(done: int, total: int) -> None:
        if done == 20 and task is not None:
            task.cancel()  # as Ctrl-C cancels `asyncio.run`'s task

    task = asyncio.ensure_future(apply_plan(engage, plan, concurrency=2, progress=interrupt))
    with pytest.raises(ApplyInterruptedError) as interrupted:
        await task
    report = interrupted.value.report
    made = len(report.created)
    assert 20 <= made < 60
    assert report.not_attempted == 60 - made - len(report.failed) - len(report.conflicts)
    assert report.stopped is not None
    assert "interrupted" in report.render()
    assert pickle.loads(pickle.dumps(interrupted.value)).report.created == report.created  # noqa: S301

    again = await apply_plan(engage, plan)
    assert again.ok
    assert len(again.created) + len(again.skipped) == 60
    assert len(again.skipped) >= made  # (and any whose answer the interruption cut off: already created)


def test_a_sync_apply_interrupted_stops_its_workers_and_says_what_it_made(sync_engage: SyncPexipEngage) -> None:
    plan = plan_employees(sync_engage, [person(n) for n in range(40)])

    def ctrl_c(done: int, total: int) -> None:
        if done == 10:
            raise KeyboardInterrupt  # as the main thread gets it: the workers stop with their batch

    with pytest.raises(ApplyInterruptedError) as interrupted:
        apply_plan(sync_engage, plan, concurrency=1, progress=ctrl_c)
    report = interrupted.value.report
    assert (len(report.created), report.not_attempted) == (10, 30)  # the first batch, and no more
    again = apply_plan(sync_engage, plan)
    assert (again.ok, len(again.created) + len(again.skipped)) == (True, 40)


async def test_a_plan_reports_its_progress_as_the_keys_are_read(engage: PexipEngage, fake: FakePexipEngage) -> None:
    directory = seed(fake, 45)
    seen: list[tuple[int, int]] = []
    await plan_employees(engage, directory, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(20, 45), (40, 45), (45, 45)]  # a read of 20 keys at a time
