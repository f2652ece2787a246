"""`RedisLimits` and `PostgresLimits` on real servers: several processes sharing one key share one set of limits."""

from __future__ import annotations

import asyncio
import builtins
import signal
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pexip_engage_client._limiting._limits import SharedLimitsUnavailable
from pexip_engage_client._limiting._redis_limits import RedisLimits, paced_per_minute

from ..support.loopback import free_port
from ._backends import shared_limits
from ._processes import workers
from ._server import limited_api

pytestmark = [pytest.mark.main_python_only, pytest.mark.end_to_end]


def limits(url: str, key: str, **options: Any) -> RedisLimits:
    settings: dict[str, Any] = {"max_in_flight": 4, "per_minute": 3000, "lease_seconds": 10.0} | options
    return shared_limits(url, key=key, **settings)


@pytest.mark.slow
def test_processes_sharing_a_key_never_have_more_in_flight_than_the_limit(shared_url: str, key: str) -> None:
    # The server refuses a fourth request in flight; the budget is too large to matter here.
    with limited_api(max_in_flight=3, delay=0.05) as (api, url):
        command = ["requests", "--url", url, "--count", "25", "--max-in-flight", "3", "--per-minute", "100000"]
        with workers([command] * 4, redis_url=shared_url, key=key) as started:
            api.forget()
            started.go()
            results = started.results()
    assert [result["statuses"] for result in results] == [{"200": 25}] * 4
    assert api.most_in_flight == 3  # reached, never passed
    # A process has one task at a time asking Redis; the others wait in the process.
    calls = sum(result["redis_calls"] for result in results)
    assert calls < 100 * 6, f"{calls} Redis calls for 100 requests"


@pytest.mark.slow
def test_the_per_minute_budget_spaces_requests_of_every_process(shared_url: str, key: str) -> None:
    per_minute = 120
    interval = 60 / paced_per_minute(per_minute)
    with limited_api(per_minute=per_minute) as (api, url):
        command = ["requests", "--url", url, "--count", "4", "--per-minute", str(per_minute)]
        with workers([command] * 3, redis_url=shared_url, key=key) as started:
            api.forget()
            started.go()
            results = started.results()
    assert [result["statuses"] for result in results] == [{"200": 4}] * 3
    arrivals = sorted(api.arrivals)
    assert len(arrivals) == 12
    # Every process asked for all its requests at once, so the budget alone spaced them: the n-th
    # reserved start is at least n intervals after "go", and a request reaches the server after
    # its start, never before (a busy machine only makes it later). So no 60 seconds ever hold
    # more than 1 + 60 / interval = 119 of them...
    for number, arrived in enumerate(arrivals):
        assert arrived >= started.went + number * interval, (number, arrived - started.went)
    assert 1 + 60 / interval < per_minute
    # ... and the budget is spent, not wasted: the requests left as soon as it allowed.
    assert arrivals[-1] - started.went <= 11 * interval + 1.5


@pytest.mark.slow
def test_a_live_holder_keeps_its_slots_beyond_a_lease_and_a_killed_one_gives_them_back_within_one(
    shared_url: str, key: str
) -> None:
    lease = 1.0
    hold = ["hold", "--count", "2", "--max-in-flight", "2", "--lease", str(lease)]
    with workers([hold], redis_url=shared_url, key=key) as started:
        holder = started.processes[0]
        started.go()
        started.wait_for_line(holder, "held")

        async def after_kill() -> float:
            mine = limits(shared_url, key, max_in_flight=2, lease_seconds=lease)
            try:
                with pytest.raises(TimeoutError):  # renewed by the live holder: still taken after 2 leases
                    await asyncio.wait_for(mine.acquire(), 2 * lease)
                holder.send_signal(signal.SIGKILL)
                killed = time.monotonic()
                leases = [await mine.acquire(), await mine.acquire()]
                waited = time.monotonic() - killed
                for taken in leases:
                    await mine.release(taken)
                return waited
            finally:
                await mine.aclose()

        waited = asyncio.run(after_kill())
    # The holder's last renewal was at most a third of a lease before the kill.
    assert waited <= lease + 0.3, f"the slots came back {waited:.2f}s after the kill"


@pytest.mark.slow
def test_a_pause_from_one_process_holds_every_other_process(shared_url: str, key: str) -> None:
    seconds = 1.0
    with limited_api(delay=0.02) as (api, url):
        traffic = ["requests", "--url", url, "--count", "120", "--max-in-flight", "2", "--per-minute", "6000"]
        pauser = ["pause", "--after", "0.5", "--seconds", str(seconds)]
        with workers([traffic, traffic, pauser], redis_url=shared_url, key=key) as started:
            api.forget()
            started.go()
            results = started.results()
    paused = results[2]
    assert [result["statuses"] for result in results[:2]] == [{"200": 120}] * 2
    # Once the pause is set, no process takes a slot until it ends: only requests whose slots were
    # taken before it (at most the 2 in flight, their starts reserved a moment ahead) may still
    # arrive during it, however late a busy machine makes them; after it, traffic resumes.
    during = [t for t in api.arrivals if paused["after"] < t < paused["before"] + seconds - 0.02]
    assert len(during) <= 2, [round(t - paused["before"], 3) for t in during]
    assert any(t < paused["before"] for t in api.arrivals)
    assert any(t > paused["before"] + seconds for t in api.arrivals)


@pytest.mark.slow
def test_a_pause_is_only_ever_moved_later(shared_url: str, key: str) -> None:
    async def scenario() -> float:
        mine = limits(shared_url, key)
        try:
            await mine.pause(1.0)
            await mine.pause(0.1)  # does not shorten the first
            started = time.monotonic()
            await mine.release(await mine.acquire())
            return time.monotonic() - started
        finally:
            await mine.aclose()

    assert asyncio.run(scenario()) >= 0.85


def test_a_cancelled_wait_holds_no_slot(shared_url: str, key: str) -> None:
    async def scenario() -> None:
        mine = limits(shared_url, key, max_in_flight=1)
        try:
            taken = await mine.acquire()
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(mine.acquire(), 0.2)
            await mine.release(taken)
            await asyncio.wait_for(mine.acquire(), 1)  # the cancelled waiter took nothing
        finally:
            await mine.aclose()

    asyncio.run(scenario())


def test_closing_gives_back_the_slots_still_held(shared_url: str, key: str) -> None:
    async def scenario() -> None:
        first = limits(shared_url, key, max_in_flight=2)
        await first.acquire()
        await first.acquire()
        await first.aclose()
        second = limits(shared_url, key, max_in_flight=2)
        try:
            await asyncio.wait_for(asyncio.gather(second.acquire(), second.acquire()), 1)
        finally:
            await second.aclose()

    asyncio.run(scenario())


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never answers: a hung Redis."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


@pytest.mark.slow
@pytest.mark.parametrize("where", ["refused", "silent"])
def test_an_unreachable_redis_raises_shared_limits_unavailable_quickly(where: str, silent_port: int) -> None:
    port = free_port() if where == "refused" else silent_port
    url = f"redis://:hunter2-password@127.0.0.1:{port}/0"

    async def scenario() -> list[str]:
        mine = RedisLimits(url, key="acme", max_in_flight=4, per_minute=3000)
        messages = [repr(mine)]
        try:
            # Refused at once; a silent server after the timeouts (1 s, one retry), and callers
            # waiting their turn meanwhile fail with the first instead of each trying in turn.
            started = time.monotonic()
            failures = await asyncio.wait_for(
                asyncio.gather(*(mine.acquire() for _ in range(8)), return_exceptions=True), 10
            )
            assert time.monotonic() - started < (1 if where == "refused" else 3.5)
            assert {type(failure) for failure in failures} == {SharedLimitsUnavailable}
            started = time.monotonic()
            with pytest.raises(SharedLimitsUnavailable) as raised:
                await asyncio.wait_for(mine.pause(1), 10)
            assert time.monotonic() - started < (1 if where == "refused" else 3.5)
            messages += [str(failure) for failure in failures] + [str(raised.value)]
            await mine.release("never-taken")  # nothing to give back, and no error
        finally:
            await mine.aclose()
        return messages

    messages = asyncio.run(scenario())
    assert all("hunter2-password" not in message for message in messages)
    assert "<redacted>" in messages[0]


def test_a_failed_acquire_holds_no_local_slot_either(redis_url: str, key: str) -> None:
    async def scenario() -> None:
        mine = RedisLimits(f"redis://127.0.0.1:{free_port()}/0", key=key, max_in_flight=1, per_minute=3000)
        try:
            for _ in range(3):  # with one slot, a leaked local slot would hang the second attempt
                with pytest.raises(SharedLimitsUnavailable):
                    await asyncio.wait_for(mine.acquire(), 5)
        finally:
            await mine.aclose()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"max_in_flight": True}, "max_in_flight"),
        ({"per_minute": 2.5}, "per_minute"),
        ({"lease_seconds": 0}, "lease_seconds"),
        ({"lease_seconds": float("inf")}, "lease_seconds"),
        ({"key": ""}, "key"),
    ],
)
def test_bad_arguments_are_refused_by_name(options: dict[str, Any], named: str) -> None:
    settings: dict[str, Any] = {"key": "acme", "max_in_flight": 4, "per_minute": 3000} | options
    with pytest.raises(ValueError, match=named):
        RedisLimits("redis://127.0.0.1:1/0", **settings)


def test_without_the_redis_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_redis(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "redis" or name.startswith("redis."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_redis)
    with pytest.raises(ImportError, match=r'pip install "pexip-engage-client\[redis\]"'):
        RedisLimits("redis://127.0.0.1:1/0", key="acme", max_in_flight=4, per_minute=3000)
