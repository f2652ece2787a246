"""`FakePexipEngage(latency=...)` holds every answer back, in memory and served; `fake.serve()`
serves a seeded fake over real HTTP to other threads and processes, survives a fork inside its
block, and stops cleanly."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections.abc import Callable

import httpx2
import pytest

from pexip_engage_client import PexipEngage, SyncPexipEngage, errors
from pexip_engage_client.testing import FakePexipEngage

from ..support.clients import TOKEN

LATENCY = 0.2


def test_latency_must_be_a_finite_number_of_seconds() -> None:
    for wrong in (-1, float("inf"), float("nan"), "1", True):
        with pytest.raises(ValueError, match="latency must be a finite number of seconds"):
            FakePexipEngage(latency=wrong)  # type: ignore[arg-type]
    fake = FakePexipEngage(latency=1)
    fake.latency = 0.5
    assert fake.latency == 0.5


async def test_latency_holds_every_answer_back_and_concurrent_calls_overlap() -> None:
    latency = 0.5
    fake = FakePexipEngage(latency=latency)
    segment = fake.add_lead_segment(code="A")
    async with PexipEngage("acme", token=TOKEN, transport=fake) as engage:
        started = time.monotonic()
        await engage.lead_segments.get_lead_segment_by_id(segment["id"])
        one = time.monotonic() - started
        started = time.monotonic()
        await asyncio.gather(*(engage.lead_segments.get_lead_segment_by_id(segment["id"]) for _ in range(4)))
        four = time.monotonic() - started
    assert one >= latency
    assert latency <= four < 3 * latency  # side by side: one after the other would take 4 * latency
    assert fake.most_in_flight == 4  # counted in flight while held back, as the limits see it


async def test_an_answer_later_than_the_read_timeout_times_out_with_its_effect_kept() -> None:
    fake = FakePexipEngage(latency=5.0)
    async with PexipEngage("acme", token=TOKEN, transport=fake, timeout=0.2, max_retries=0) as engage:
        started = time.monotonic()
        with pytest.raises(errors.APITimeoutError):
            await engage.lead_segments.create_lead_segment(body={"code": "SLOW"})
        assert time.monotonic() - started < 4  # the read timeout ended the wait, not the latency
    assert [segment["code"] for segment in fake.lead_segments.values()] == ["SLOW"]


@pytest.mark.end_to_end  # processes of their own
def test_a_served_seeded_fake_with_latency_answers_other_processes() -> None:
    fake = FakePexipEngage(latency=LATENCY)
    fake.add_listing(id="l1")
    fake.add_listing_time_slot("l1", id="ts1")
    with fake.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        spawn = multiprocessing.get_context("spawn")
        with spawn.Pool(2) as pool:
            answers = pool.map(_read_slot_and_create_segment, [(base_url, "P1"), (base_url, "P2")])
    for slot_id, elapsed in answers:
        assert slot_id == "ts1"
        assert elapsed >= 2 * LATENCY  # two calls, each held back
    assert sorted(segment["code"] for segment in fake.lead_segments.values()) == ["P1", "P2"]


def _read_slot_and_create_segment(job: tuple[str, str]) -> tuple[str, float]:
    base_url, code = job
    with SyncPexipEngage("acme", token=TOKEN, base_url=base_url) as engage:
        started = time.monotonic()
        slot = engage.listings.get_listing_time_slot_by_id("l1", "ts1")
        engage.lead_segments.create_lead_segment(body={"code": code})
        return slot.id, time.monotonic() - started


def test_serve_stops_cleanly_and_closes_its_port() -> None:
    fake = FakePexipEngage()
    threads_before = set(threading.enumerate())
    with fake.serve() as base_url, httpx2.Client(base_url=base_url) as http:
        port = int(base_url.rsplit(":", 1)[1])
        assert http.get("/enterprises/acme/employees", headers={"Authorization": "Bearer t"}).status_code == 200
    _wait_for(lambda: not any(t.name.startswith("fake-api-http") for t in set(threading.enumerate()) - threads_before))
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens there any more


def test_several_threads_serve_and_call_one_fake_at_once() -> None:
    fake = FakePexipEngage(max_in_flight=None, per_minute=None)
    failures: list[BaseException] = []

    def serve_and_call(number: int) -> None:
        try:
            with fake.serve() as base_url, SyncPexipEngage("acme", token=TOKEN, base_url=base_url) as engage:
                for index in range(10):
                    engage.lead_segments.create_lead_segment(body={"code": f"T{number}-{index}"})
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=serve_and_call, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    assert len(fake.lead_segments) == 40


@pytest.mark.end_to_end  # a process of its own
@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX")
def test_a_child_forked_inside_the_block_calls_the_parents_server_and_leaving_the_block_there_stops_nothing() -> None:
    fake = FakePexipEngage()
    with SyncPexipEngage("acme", token=TOKEN, transport=fake) as in_memory:
        in_memory.lead_segments.create_lead_segment(body={"code": "BEFORE"})  # the fake's loop thread runs
    block = fake.serve()
    base_url = block.__enter__()
    try:
        pid = os.fork()
        if pid == 0:  # the child: served and in-memory calls work, then it leaves the block
            status = 1
            try:
                with SyncPexipEngage("acme", token=TOKEN, base_url=base_url, timeout=5) as engage:
                    engage.lead_segments.create_lead_segment(body={"code": "FROM-CHILD"})
                with SyncPexipEngage("acme", token=TOKEN, transport=fake, timeout=5) as engage:
                    engage.lead_segments.create_lead_segment(body={"code": "CHILD-ONLY"})  # its own copy
                block.__exit__(None, None, None)
                status = 0
            finally:
                os._exit(status)
        assert _wait_for_exit(pid, timeout=20) == 0
        with SyncPexipEngage("acme", token=TOKEN, base_url=base_url, timeout=5) as engage:
            engage.lead_segments.create_lead_segment(body={"code": "AFTER"})  # the parent's server goes on
    finally:
        block.__exit__(None, None, None)
    assert sorted(segment["code"] for segment in fake.lead_segments.values()) == ["AFTER", "BEFORE", "FROM-CHILD"]


def _wait_for_exit(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"the child did not finish within {timeout} s")


def _wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not hold in time"
        time.sleep(0.02)
