"""The governor's rules on a virtual clock, one at a time and in any sequence: which answers pause it,
the pace it learns, the retry budget it fills, and the deadline a caller waiting on a lowered pace keeps.

Each test drives `Governor.send` directly, with attempts that take a known time on the virtual clock,
so the figures are exact: a slip in a rule (a refusal that no longer pauses, a pace multiplied
instead of divided, a budget that drains instead of filling, a wait past the caller's time) changes
a number asserted here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from pexip_engage_client import Governor
from pexip_engage_client._limiting import _limits

from ..support.virtual_clock import VirtualClock, on_the_limits_clock

Answer = tuple[int, Mapping[str, str]]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> VirtualClock:
    return on_the_limits_clock(monkeypatch)


def answering(
    clock: VirtualClock, status: int, headers: Mapping[str, str] | None = None, takes: float = 0.0
) -> Callable[[], Awaitable[Answer]]:
    """An attempt that takes `takes` virtual seconds and is answered `status` with `headers`."""

    async def attempt() -> Answer:
        await clock.sleep(takes)
        return status, dict(headers or {})

    return attempt


def status_of(answer: Answer) -> Answer:
    return answer


async def started_at(governor: Governor, clock: VirtualClock) -> float:
    """When (virtual seconds) the next attempt through `governor` starts."""
    start: list[float] = []

    async def attempt() -> Answer:
        start.append(clock.now())
        return 200, {}

    await governor.send(attempt, status_of)
    return start[0]


@pytest.mark.parametrize(
    ("status", "headers", "pause"),
    [
        (429, {"Retry-After": "3"}, 3.0),
        (429, {}, 1.0),  # no Retry-After: the default pause of a second
        (503, {"Retry-After": "2"}, 2.0),
        (503, {}, 0.0),  # a 503 without Retry-After is an outage, not a limit: no pause
        (500, {"Retry-After": "2"}, 0.0),
        (200, {"Retry-After": "2"}, 0.0),
    ],
)
async def test_which_answers_pause_every_caller_and_for_how_long(
    clock: VirtualClock, status: int, headers: dict[str, str], pause: float
) -> None:
    governor = Governor(rate=None)
    await governor.send(answering(clock, status, headers), status_of)
    answered = clock.now()
    assert governor.throttled == (1 if pause else 0)
    assert await started_at(governor, clock) == pytest.approx(answered + pause)


async def test_the_pace_after_a_429_is_a_little_under_what_the_server_accepted_per_second(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    for _ in range(80):  # 80 answers, one every 25 ms: 2 s at 40 a second
        await governor.send(answering(clock, 200, takes=0.025), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}, takes=0.025), status_of)
    accepted = 80 / 2.025  # the 80 accepted, over the time up to the refusal's answer
    pace = governor.pace
    assert pace == pytest.approx(accepted * 0.95)
    assert pace is not None
    assert 25 < pace < 40  # above the floor (a quarter of 100), below what was accepted


async def test_a_429_with_nothing_accepted_before_it_keeps_the_pace(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    await governor.send(answering(clock, 429, {"Retry-After": "1"}), status_of)
    assert governor.pace == 100


async def test_the_retry_budget_fills_with_each_attempt_up_to_its_cap(clock: VirtualClock) -> None:
    governor = Governor(rate=None, retry_budget=0.5, min_retries=0)
    assert not governor.allow_retry()  # nothing earned yet
    for _ in range(2):  # two attempts earn one retry
        await governor.send(answering(clock, 200), status_of)
    assert governor.allow_retry()
    assert not governor.allow_retry()
    for _ in range(1000):  # far past the cap: min_retries + 100 * retry_budget = 50
        await governor.send(answering(clock, 500), status_of)
    granted = sum(governor.allow_retry() for _ in range(60))
    assert granted == 50


async def test_a_call_whose_turn_at_the_lowered_pace_comes_after_its_time_fails_at_once_unsent(
    clock: VirtualClock,
) -> None:
    governor = Governor(rate=100)
    for _ in range(4):
        await governor.send(answering(clock, 200, takes=0.5), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    assert governor.pace == 25  # the floor: 4 answers over 2 s said 2/s
    await governor.send(answering(clock, 200), status_of)  # takes the next turn; the one after is 40 ms on
    before = clock.now()
    sent: list[int] = []

    async def attempt() -> Answer:
        sent.append(1)
        return 200, {}

    with pytest.raises(_limits.NoTurnInTime):
        await governor.send(attempt, status_of, within=0.02)
    assert not sent
    assert clock.now() == before  # it did not wait for a turn it could not use
    # Given the time, the same call waits its turn, one pace (40 ms) after the last.
    await governor.send(attempt, status_of, within=0.1)
    assert sent == [1]
    assert clock.now() == pytest.approx(before + 0.04)


class GovernorMachine(RuleBasedStateMachine):
    """Any sequence of answers, waits and retries, against a model of the rules above, on the virtual clock."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.patch = pytest.MonkeyPatch()
        self.clock = on_the_limits_clock(self.patch)
        self.governor = Governor(rate=100, retry_budget=0.5, min_retries=2)
        self.paused_until = 0.0
        self.throttling = 0
        self.retries = 2.0

    def teardown(self) -> None:
        self.patch.undo()
        self.loop.close()

    @rule(
        status=st.sampled_from([200, 200, 200, 429, 503, 500]),
        retry_after=st.sampled_from([None, "0", "1", "3"]),
        takes=st.sampled_from([0.0, 0.01, 0.2]),
    )
    def send(self, status: int, retry_after: str | None, takes: float) -> None:
        started: list[float] = []
        headers = {} if retry_after is None else {"Retry-After": retry_after}

        async def attempt() -> Answer:
            started.append(self.clock.now())
            await self.clock.sleep(takes)
            return status, headers

        self.loop.run_until_complete(self.governor.send(attempt, status_of))
        assert started[0] >= self.paused_until - 1e-9, "an attempt started during a pause"
        self.retries = min(self.retries + 0.5, 2 + 100 * 0.5)
        if status == 429 or (status == 503 and retry_after is not None):
            self.throttling += 1
            self.paused_until = max(self.paused_until, self.clock.now() + float(retry_after or 1.0))

    @rule(seconds=st.sampled_from([0.1, 1.0, 10.0]))
    def time_passes(self, seconds: float) -> None:
        self.loop.run_until_complete(self.clock.sleep(seconds))

    @rule()
    def retry(self) -> None:
        granted = self.governor.allow_retry()
        assert granted == (self.retries >= 1)
        if granted:
            self.retries -= 1

    @invariant()
    def pace_stays_between_the_floor_and_the_rate(self) -> None:
        pace = self.governor.pace
        assert pace is not None
        assert 100 * 0.25 - 1e-9 <= pace <= 100

    @invariant()
    def every_throttling_answer_is_counted(self) -> None:
        assert self.governor.throttled == self.throttling


def test_the_governor_keeps_its_rules_in_any_sequence() -> None:
    run_state_machine_as_test(GovernorMachine, settings=settings(max_examples=150, stateful_step_count=30))
