"""`SyncAvailabilityStore` (generated from `AvailabilityStore`) with `SyncPexipEngage`: a warm branch answered with no
request and equal to a fresh read, a catch-up, a refresh thread that reads a change at once and ends with the
`with` block, and a forked child that inherits no refresh and uses the store on its own."""

from __future__ import annotations

import datetime
import os
import signal
import tempfile
import threading
import time
import warnings
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings

from pexip_engage_client import Candidates, SyncPexipEngage, TeamFreeBusy
from pexip_engage_client.availability import SyncAvailabilityStore, _tables
from pexip_engage_client.testing import FakePexipEngage

from ..client.test_team_property import WINDOW, Adviser, branches, fake_of, text
from ..support.clients import TOKEN
from .test_store import DAY, START, booking, seeded, unread


def fresh(fake: FakePexipEngage, start: datetime.datetime, end: datetime.datetime) -> TeamFreeBusy:
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:
        return engage.availability.team_free_busy("office-1", start=start, end=end)


@settings(max_examples=6)
@given(branch=branches())
def test_a_warm_branch_costs_no_request_and_is_what_a_fresh_read_gives(
    branch: tuple[str, datetime.datetime, list[Adviser]],
) -> None:
    _, start, advisers = branch
    fake = fake_of(start, advisers)
    end = start + WINDOW
    with (
        tempfile.TemporaryDirectory() as folder,
        SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage,
        SyncAvailabilityStore(f"sqlite:///{folder}/availability.db", client=engage) as store,
    ):
        cold = engage.availability.team_free_busy("office-1", start=start, end=end, store=store)
        before = len(fake.calls)
        warm = engage.availability.team_free_busy("office-1", start=start, end=end, store=store)
        requests = len(fake.calls) - before
    expected = fresh(fake, start, end)
    assert requests == 0
    assert unread(cold) == unread(warm) == expected
    assert all(view.read_at is not None for view in warm.views)
    proposal = Candidates.from_team(warm, 30, order="fair")
    assert proposal.candidates == Candidates.from_team(expected, 30, order="fair").candidates


def read_again(store: SyncAvailabilityStore, name: str) -> bool:
    held = store._run(partial(_tables.held, store._dialect, enterprise=store.enterprise, asked={name: None}))[name]
    return held is None or held.stale


def test_a_catch_up_reads_what_changed_and_the_refresh_thread_reads_a_change_and_ends_with_the_block(
    database: str,
) -> None:
    fake = seeded()
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage:
        store = SyncAvailabilityStore(database, client=engage, refresh=3600)
        engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        booking(fake, "emp-a", text(START, 9 * 60), text(START, 10 * 60))
        assert store.catch_up() == 1
        before = len(fake.calls)
        caught = engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert len(fake.calls) == before
        assert unread(caught) == engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])

        with store:  # open: a change told is read again at once, by the refresh thread
            refreshing = store._refreshing
            assert refreshing.is_alive()
            booking(fake, "emp-b", text(START, 11 * 60), text(START, 12 * 60))
            store.changed("emp-b")
            deadline = time.monotonic() + 10
            while read_again(store, "appointments:emp-b") or read_again(store, "events:emp-b"):
                assert time.monotonic() < deadline, "the refresh thread did not read the change"
                time.sleep(0.01)
            before = len(fake.calls)
            told = engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        assert len(fake.calls) == before
        assert [b.id for b in told.view("emp-b").busy if b.kind == "appointment"] != []
        assert not refreshing.is_alive()
        assert store._refreshing is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")
def test_a_forked_child_inherits_no_refresh_and_uses_the_store_on_its_own(tmp_path: Path) -> None:
    fake = seeded()
    with (
        SyncPexipEngage("acme", token=TOKEN, transport=fake) as engage,
        SyncAvailabilityStore(f"sqlite:///{tmp_path}/availability.db", client=engage, refresh=3600) as store,
    ):
        engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
        store.changed("emp-a")  # the parent's refresh thread is reading, or about to, at the fork
        read, write = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # a fork with threads: what is under test
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            os.close(read)
            signal.alarm(20)
            try:
                inherited = store._refreshing
                assert inherited is None  # the parent's thread is not this process's
                with store:  # its own refresh, which reads a change told at once and ends with the block
                    team = engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1], store=store)
                    assert unread(team) == engage.availability.team_free_busy("office-1", start=DAY[0], end=DAY[1])
                    store.changed("emp-b")
                    deadline = time.monotonic() + 10
                    while read_again(store, "appointments:emp-b") or read_again(store, "events:emp-b"):
                        assert time.monotonic() < deadline, "the child's refresh did not read the change"
                        time.sleep(0.01)
                    own = store._refreshing
                report = "ok" if not own.is_alive() else "the child's refresh thread outlived its block"
            except BaseException as exc:
                report = f"{type(exc).__name__}: {exc}"
            os.write(write, report.encode())
            os._exit(0)
        os.close(write)
        deadline = time.monotonic() + 30
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail("the forked child hung")
            time.sleep(0.02)
        with os.fdopen(read) as pipe:
            assert pipe.read() == "ok"
        assert os.waitstatus_to_exitcode(done[1]) == 0
        assert store._refreshing.is_alive()  # the parent's goes on
    assert not any(thread.name == "pexip-engage-availability-refresh" for thread in threading.enumerate())
