"""The same functions with a `SyncPexipEngage`: each returns its result, not a coroutine (the probe's figure),
by the project's one sync rule (the provisioning modules' twins are generated from their async source)."""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

import httpx2
import pytest

from pexip_engage_client import SyncPexipEngage
from pexip_engage_client.provisioning import (
    ApplyLockedError,
    ApplyReport,
    Listing,
    Plan,
    apply_plan,
    list_employees,
    plan_employees,
)
from pexip_engage_client.provisioning._lock import apply_lock
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN
from ..support.employees import seed_branch

A = "branch-a"


def test_plan_and_apply_with_the_sync_client(sync_engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    directory = seed_branch(fake, A, 12, "A")
    desired = [*directory[:11], {**directory[0], "externalId": "A-100", "email": "new@bank.test"}]
    desired[1] = {**desired[1], "lastName": "Renamed"}

    plan = plan_employees(sync_engage, desired, scope=[A], missing="deactivate")
    assert isinstance(plan, Plan)  # before: a coroutine
    assert not inspect.isawaitable(plan)
    assert ([c.key for c in plan.creates], [u.key for u in plan.updates], [r.key for r in plan.removals]) == (
        ["A-100"],
        ["A-001"],
        ["A-011"],
    )

    threads: set[str] = set()
    report = apply_plan(sync_engage, plan, progress=lambda done, total: threads.add(threading.current_thread().name))
    assert isinstance(report, ApplyReport)
    assert (len(report.created), len(report.updated), len(report.removed), report.ok) == (1, 1, 1, True)
    assert not plan_employees(sync_engage, desired, scope=[A], missing="deactivate").has_changes


def test_list_employees_with_the_sync_client(sync_engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    seed_branch(fake, A, 30, "A")
    listing = list_employees(sync_engage, page_size=7)
    assert isinstance(listing, Listing)
    assert (len(listing.items), listing.complete, listing.requests) == (30, True, 5)  # 7 a page, one read again


class _MeetingPoint(httpx2.BaseTransport):
    """The fake, with each thread's first request held until another thread has sent one (30 s at most).

    Threads that work at once meet at once; an apply that works its batches one after another
    never does. Counting the threads that merely reported progress was not proof: on a busy machine
    one worker could take every batch before the pool's other threads had started.
    """

    def __init__(self, fake: FakePexipEngage) -> None:
        self.fake, self.threads, self.lock, self.met = fake, set[str](), threading.Lock(), threading.Event()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        with self.lock:
            first = threading.current_thread().name not in self.threads
            self.threads.add(threading.current_thread().name)
            if len(self.threads) > 1:
                self.met.set()
        if first:
            self.met.wait(30)
        return self.fake.handle_request(request)


def test_the_sync_apply_works_its_batches_in_threads(sync_engage: SyncPexipEngage, fake: FakePexipEngage) -> None:
    directory = seed_branch(fake, A, 40, "A")
    plan = plan_employees(sync_engage, [{**record, "lastName": "New"} for record in directory], threshold=1)
    meeting = _MeetingPoint(fake)
    with SyncPexipEngage("acme", token=TOKEN, transport=meeting) as engage:
        report = apply_plan(engage, plan, concurrency=4)
    assert (len(report.updated), report.ok) == (40, True)
    assert meeting.met.is_set(), meeting.threads  # 4 batches of 10, worked on at once


async def test_the_sync_apply_holds_the_same_lock(
    sync_engage: SyncPexipEngage, fake: FakePexipEngage, tmp_path: Path
) -> None:
    directory = seed_branch(fake, A, 1, "A")
    plan = plan_employees(sync_engage, [{**directory[0], "lastName": "New"}], scope=[A])
    async with apply_lock("acme", tmp_path):
        with pytest.raises(ApplyLockedError, match="another apply of enterprise 'acme' is running: process"):
            apply_plan(sync_engage, plan, lock=tmp_path)
    assert len(apply_plan(sync_engage, plan, lock=tmp_path).updated) == 1


def test_anything_else_is_refused_naming_engage(fake: FakePexipEngage) -> None:
    directory = seed_branch(fake, A, 1, "A")
    with pytest.raises(ValueError, match=r"engage must be a PexipEngage or a SyncPexipEngage \(got FakePexipEngage\)"):
        plan_employees(fake, directory)  # type: ignore[call-overload]
    assert fake.calls == []
