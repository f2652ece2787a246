"""A shared governor in the quick loop: what it asks of its backend, and how it falls back when the backend is out of
reach, on a virtual clock with a backend in memory (the real Redis and PostgreSQL are tests/limits' end_to_end suites).

A slip here passes every test that starts no server: the shared limits asked with the wrong numbers, a
pause kept from them or from this process's callers, the shared limits asked again too soon or never,
a warning not given, a pace learned from a refusal the fallback explains (issue 78).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping

import httpx2
import pytest

from pexip_engage_client import Governor, PexipEngage, errors
from pexip_engage_client._limiting import _limits, _postgres_limits, _redis_limits

from ..support.clients import TOKEN
from ..support.virtual_clock import VirtualClock, on_the_limits_clock

Answer = tuple[int, Mapping[str, str]]
URL = "redis://localhost:6379/0"


class StandIn:
    """Shared limits in memory: records what the governor asks, and is out of reach while `down`."""

    def __init__(self, kind: str, url: str, *, key: str, max_in_flight: int, per_minute: int) -> None:
        self.kind = kind
        self.made = (url, key, max_in_flight, per_minute)
        self.down = False
        self.asked: list[tuple[object, ...]] = []

    async def acquire(self, deadline: float | None = None, hold: float | None = None) -> str:
        self.asked.append(("acquire", deadline, hold))
        if self.down:
            raise _limits.SharedLimitsUnavailable("the stand-in is down")
        return "lease"

    async def release(self, lease: str, linger: float = 0.0) -> None:
        self.asked.append(("release", lease))

    async def pause(self, seconds: float) -> None:
        self.asked.append(("pause", seconds))
        if self.down:
            raise _limits.SharedLimitsUnavailable("the stand-in is down")

    async def aclose(self) -> None:
        self.asked.append(("aclose",))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    return on_the_limits_clock(monkeypatch)


@pytest.fixture
def backends(monkeypatch: pytest.MonkeyPatch) -> list[StandIn]:
    """Every shared backend the governors make, in order (Redis and PostgreSQL alike)."""
    made: list[StandIn] = []

    def maker(kind: str) -> Callable[..., StandIn]:
        def make(url: str, **settings: int | str) -> StandIn:
            made.append(StandIn(kind, url, **settings))  # type: ignore[arg-type]
            return made[-1]

        return make

    monkeypatch.setattr(_redis_limits, "RedisLimits", maker("redis"))
    monkeypatch.setattr(_postgres_limits, "PostgresLimits", maker("postgres"))
    return made


async def send(
    governor: Governor, clock: VirtualClock, status: int = 200, within: float | None = None, **headers: str
) -> float:
    """One attempt through `governor` answered `status` (headers by keyword: Retry_After=...); when it started."""
    started: list[float] = []

    async def attempt() -> Answer:
        started.append(clock.now())
        return status, {name.replace("_", "-"): value for name, value in headers.items()}

    await governor.send(attempt, lambda answer: answer, within)
    return started[0]


async def test_the_shared_limits_are_asked_with_the_governors_numbers_for_each_turn_and_pause(
    clock: VirtualClock, backends: list[StandIn], caplog: pytest.LogCaptureFixture
) -> None:
    governor = Governor(shared=URL, name="acme", max_in_flight=3, rate=2.51)
    assert not backends  # made at the first request, when the name is known
    assert repr(governor) == "Governor(max_in_flight=3, rate=2.51, pace=2.51/s, shared=True)"
    asked_at = clock.now()
    await send(governor, clock, within=10.0)
    (shared,) = backends
    assert (shared.kind, shared.made) == ("redis", (URL, "acme", 3, 150))  # 2.51 a second: 150 a minute, rounded down
    assert shared.asked == [("acquire", asked_at + 10.0, 10.0), ("release", "lease")]

    async def refused_as_the_shared_limits_go() -> Answer:
        shared.down = True
        return 429, {"Retry-After": "7"}

    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        await governor.send(refused_as_the_shared_limits_go, lambda answer: answer)
    assert shared.asked[-2:] == [("pause", 7.0), ("release", "lease")]
    assert governor.throttled == 1
    (warning,) = (record.getMessage() for record in caplog.records)
    assert "(the stand-in is down)" in warning
    # This process's callers pause too: those on the local limits meanwhile wait for its end.
    assert await send(governor, clock) == pytest.approx(asked_at + 7.0)
    await governor.aclose()
    assert shared.asked[-1] == ("aclose",)


async def test_the_key_is_the_first_clients_name_and_postgresql_urls_share_through_postgresql(
    clock: VirtualClock, backends: list[StandIn]
) -> None:
    governor = Governor(shared="postgresql://app@db.internal/app", rate=0.5)
    governor.name_by_default("acme.example")
    governor.name_by_default("other.example")
    await send(governor, clock)
    assert (backends[0].kind, backends[0].made) == (
        "postgres",
        ("postgresql://app@db.internal/app", "acme.example", 4, 30),
    )
    unnamed = Governor(shared=URL, rate=1 / 60)
    await send(unnamed, clock)
    assert (backends[1].kind, backends[1].made[1:]) == ("redis", ("pexip-engage", 4, 1))


async def test_out_of_reach_the_local_limits_are_kept_for_five_seconds_with_one_warning(
    clock: VirtualClock, backends: list[StandIn], caplog: pytest.LogCaptureFixture
) -> None:
    governor = Governor(shared=URL, rate=100)
    await send(governor, clock)
    (shared,) = backends
    shared.down = True
    with caplog.at_level(logging.INFO, logger="pexip_engage_client"):
        await send(governor, clock)  # out of reach: sent under the local limits
        asked = len(shared.asked)
        clock.advance(4.75)
        await send(governor, clock)
        assert len(shared.asked) == asked  # not asked again within five seconds
        clock.advance(0.25)  # five seconds since it failed: asked again
        await send(governor, clock)  # asked again, still out of reach
        assert len(shared.asked) == asked + 1
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "shared limits cannot be reached" in warnings[0].getMessage()
    assert "the stand-in is down" in warnings[0].getMessage()
    again = [record for record in caplog.records if record.levelno == logging.INFO]
    assert len(again) == 1
    assert "the stand-in is down" in again[0].getMessage()
    shared.down = False
    clock.advance(5.0)
    await send(governor, clock)
    assert shared.asked[-2:] == [("acquire", None, None), ("release", "lease")]


async def accepted_then_refused(governor: Governor, clock: VirtualClock) -> None:
    """Eight answers over two seconds (4 a second, well under the rate of 100), then a 429."""
    for _ in range(8):
        await send(governor, clock)
        clock.advance(0.25)
    await send(governor, clock, 429, Retry_After="0")


async def test_a_pace_is_learned_under_the_fallback_and_forgotten_when_the_shared_limits_return(
    clock: VirtualClock, backends: list[StandIn]
) -> None:
    governor = Governor(shared=URL, rate=100)
    await send(governor, clock)
    backends[0].down = True
    await accepted_then_refused(governor, clock)
    assert governor.pace == 25  # the floor: refused under the local limits, this process learns alone
    backends[0].down = False
    clock.advance(5.0)
    await send(governor, clock)
    assert governor.pace == 100  # the shared limits again: a pace learned without them says nothing of them


async def test_a_refusal_just_after_the_shared_limits_return_lowers_no_pace_and_one_later_does(
    clock: VirtualClock, backends: list[StandIn]
) -> None:
    governor = Governor(shared=URL, rate=100)
    await send(governor, clock)
    backends[0].down = True
    await send(governor, clock)
    backends[0].down = False
    clock.advance(5.0)
    # Back on the shared limits: other processes may still be on their local ones for a while.
    await accepted_then_refused(governor, clock)
    assert governor.pace == 100
    clock.advance(1.0)
    await accepted_then_refused(governor, clock)  # five seconds since they returned: no longer explained
    assert governor.pace == 25


async def test_a_refusal_under_the_local_limits_after_the_shared_ones_returned_lowers_no_pace(
    clock: VirtualClock, backends: list[StandIn]
) -> None:
    governor = Governor(shared=URL, rate=100)
    await send(governor, clock)
    backends[0].down = True
    for _ in range(8):
        await send(governor, clock)  # the local limits, with answers accepted
        clock.advance(0.25)
    backends[0].down = False

    async def refused_after_the_return() -> Answer:
        clock.advance(5.0)
        await send(governor, clock)  # another caller meanwhile: the shared limits asked again, and back
        clock.advance(5.1)  # long enough that a refusal under them would lower the pace
        return 429, {"Retry-After": "0"}

    await governor.send(refused_after_the_return, lambda answer: answer)  # started under the local limits
    assert governor.pace == 100


@pytest.mark.parametrize(
    ("settings", "why"),
    [
        (
            {"shared": True},
            r"^shared must be a Redis URL such as 'redis://localhost:6379/0' or a PostgreSQL one such as"
            r" 'postgresql://app@db\.internal/app' \(got a bool\)$",
        ),
        ({"shared": "http://x"}, r"^shared must be a Redis URL \(redis://"),
        ({"shared": URL, "name": ""}, r"^name must be a non-empty string, or None \(got ''\)$"),
        ({"shared": URL, "rate": None}, r"^a shared limit needs a rate: the per-minute budget is what the processes"),
    ],
)
def test_a_shared_setting_that_cannot_be_used_is_refused_saying_why(
    backends: list[StandIn], settings: dict[str, object], why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        Governor(**settings)  # type: ignore[arg-type]
    assert not backends


def test_a_shared_url_without_its_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # as without the extra
    with pytest.raises(ImportError, match=r'need the "redis" extra: pip install "pexip-engage-client\[redis\]"$'):
        Governor(shared=URL)


async def test_a_clients_governor_and_its_default_one_under_the_setting_share(
    clock: VirtualClock, backends: list[StandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A governor given to a client shares under the client's name; its event loop's default governor shares when
    PEXIP_ENGAGE_LIMITS says to."""
    answer = httpx2.MockTransport(lambda request: httpx2.Response(404, json={"message": "not found"}))
    given = Governor(shared=URL, rate=100)
    async with PexipEngage("acme", token=TOKEN, transport=answer, governor=given) as engage:
        with pytest.raises(errors.NotFoundError):
            await engage.employees.get_employee_by_id("1")
    monkeypatch.setenv("PEXIP_ENGAGE_LIMITS", "postgresql://app@db.internal/app")
    async with PexipEngage("acme", token=TOKEN, transport=answer) as engage:
        with pytest.raises(errors.NotFoundError):
            await engage.employees.get_employee_by_id("1")
    assert [(backend.kind, backend.made[1]) for backend in backends] == [
        ("redis", "acme@https://api.pexipengage.com"),
        ("postgres", "pexip-engage"),
    ]


async def test_a_shared_governor_used_on_its_own_shares_its_limits(
    clock: VirtualClock, backends: list[StandIn]
) -> None:
    """No client needed: the governor finds its shared store itself, at its first request."""
    governor = Governor(shared=URL, rate=100)
    await send(governor, clock)
    (shared,) = backends
    assert (shared.kind, shared.made, shared.asked[-1]) == (
        "redis",
        (URL, "pexip-engage", 4, 6000),
        ("release", "lease"),
    )
