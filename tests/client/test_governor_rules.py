"""The governor's rules on a virtual clock, one at a time and in any sequence: which answers pause it,
the pace it learns, the retry budget it fills, and the deadline a caller waiting on a lowered pace keeps.

Each test drives `Governor.send` directly, with attempts that take a known time on the virtual clock,
so the figures are exact: a slip in a rule (a refusal that no longer pauses, a pace multiplied
instead of divided, a budget that drains instead of filling, a wait past the caller's time) changes
a number asserted here.
"""

from __future__ import annotations

import asyncio
import logging
import math
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


async def test_a_call_whose_turn_at_the_lowered_pace_is_its_deadline_still_goes(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    for _ in range(4):
        await governor.send(answering(clock, 200, takes=0.5), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    await governor.send(answering(clock, 200), status_of)
    before = clock.now()
    assert await started_at_within(governor, clock, 0.04) == pytest.approx(before + 0.04)  # one pace: just in time


async def started_at_within(governor: Governor, clock: VirtualClock, within: float) -> float:
    start: list[float] = []

    async def attempt() -> Answer:
        start.append(clock.now())
        return 200, {}

    await governor.send(attempt, status_of, within=within)
    return start[0]


async def test_a_pause_that_outlasts_a_call_at_a_lowered_pace_fails_it_with_the_pause_left(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    await governor.send(answering(clock, 200, takes=1.0), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "30"}), status_of)
    assert governor.pace == 25
    with pytest.raises(_limits.NoTurnInTime) as refused:
        await governor.send(answering(clock, 200), status_of, within=5.0)
    assert refused.value.paused_for == pytest.approx(30.0)


async def answered_at_once(governor: Governor, *answers: Answer) -> None:
    """Attempts started together, answered in the order given at one instant (others answer after a refusal)."""
    gates = [asyncio.Event() for _ in answers]

    def attempt(gate: asyncio.Event, answer: Answer) -> Callable[[], Awaitable[Answer]]:
        async def attempt() -> Answer:
            await gate.wait()
            return answer

        return attempt

    sending = [
        asyncio.ensure_future(governor.send(attempt(*pair), status_of)) for pair in zip(gates, answers, strict=True)
    ]
    await asyncio.sleep(0)
    for gate, sent in zip(gates, sending, strict=True):
        gate.set()
        await sent


async def test_answers_accepted_after_a_refusal_from_calls_already_out_raise_no_lowered_pace(
    clock: VirtualClock,
) -> None:
    governor = Governor(rate=100)
    await governor.send(answering(clock, 200, takes=1.0), status_of)
    refused: Answer = (429, {"Retry-After": "0"})
    await answered_at_once(governor, refused, (200, {}), (200, {}), refused)
    # Two accepted in no time after the first refusal say 2,000 a second: the pace learned stays the lower.
    assert governor.pace == 25


async def test_a_second_refusal_at_the_same_pace_does_not_restart_its_rise(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    await governor.send(answering(clock, 200, takes=1.0), status_of)
    refused_at = clock.now()
    await answered_at_once(governor, (429, {"Retry-After": "0"}), (200, {}), (429, {"Retry-After": "5"}))
    clock.advance(refused_at + 5 - clock.now())
    assert governor.pace == pytest.approx(25 * 1.05**5)  # rising since the first refusal, not from the second's end


async def test_the_pace_learned_from_a_short_burst_is_its_own(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    for _ in range(20):  # 20 answers in half a second: 40 a second
        await governor.send(answering(clock, 200, takes=0.025), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    assert governor.pace == pytest.approx(40 * 0.95)


@pytest.mark.parametrize("make", [Governor, Governor.unlimited], ids=["Governor()", "Governor.unlimited()"])
async def test_the_retry_budget_by_default_starts_at_ten_and_each_attempt_earns_a_fifth(
    clock: VirtualClock, make: Callable[[], Governor]
) -> None:
    governor = make()
    assert sum(governor.allow_retry() for _ in range(11)) == 10
    for _ in range(4):
        await governor.send(answering(clock, 500), status_of)
    assert not governor.allow_retry()  # four attempts earn 0.8 of a retry
    await governor.send(answering(clock, 500), status_of)
    assert governor.allow_retry()


def test_a_rate_must_allow_a_request_a_minute_and_be_finite() -> None:
    with pytest.raises(ValueError, match=r"^rate must allow at least one request a minute \(got 0\.0165\)$"):
        Governor(rate=0.0165)  # 0.99 a minute
    with pytest.raises(ValueError, match=r"rate must be a positive number of requests per second, or None \(got inf\)"):
        Governor(rate=math.inf)
    with pytest.raises(ValueError, match=r"rate must be a positive number of requests per second, or None \(got -1\)"):
        Governor(rate=-1)


@pytest.mark.parametrize(
    ("max_in_flight", "asked", "window"), [(1, None, 1), (4, None, 3), (4, 1, 1), (4, 9, 4), (1, 3, 1)]
)
def test_a_walks_window_is_what_it_asked_for_within_the_calls_in_flight(
    max_in_flight: int, asked: int | None, window: int
) -> None:
    assert Governor(max_in_flight=max_in_flight).walk_window(asked) == window


async def test_the_advice_to_share_names_the_limits_kept(clock: VirtualClock, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pexip_engage_client"):
        await Governor(max_in_flight=3, rate=2).send(answering(clock, 429), status_of)
    (told,) = (record.getMessage() for record in caplog.records)
    assert "(3 in flight, 120 a minute)" in told


async def test_the_retry_budget_keeps_what_a_hundred_attempts_earn_beyond_the_minimum(clock: VirtualClock) -> None:
    governor = Governor(rate=None, retry_budget=1, min_retries=0)
    for _ in range(200):
        await governor.send(answering(clock, 500), status_of)
    assert sum(governor.allow_retry() for _ in range(150)) == 100


async def test_answers_refused_for_other_reasons_say_nothing_of_the_pace_the_server_accepts(
    clock: VirtualClock,
) -> None:
    governor = Governor(rate=100)
    for _ in range(8):  # refused as bad requests: nothing accepted
        await governor.send(answering(clock, 400, takes=0.25), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    assert governor.pace == 100


async def test_the_pace_after_a_second_429_counts_only_what_was_accepted_since_the_first(clock: VirtualClock) -> None:
    governor = Governor(rate=100)
    for _ in range(80):  # 40 a second for 2 s
        await governor.send(answering(clock, 200, takes=0.025), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    assert governor.pace == pytest.approx(40 * 0.95)
    for _ in range(30):  # then 30 a second for 1 s, under the pace learned
        await governor.send(answering(clock, 200, takes=1 / 30), status_of)
    await governor.send(answering(clock, 429, {"Retry-After": "0"}), status_of)
    assert governor.pace == pytest.approx(30 * 0.95)


def test_a_retry_budget_and_minimum_out_of_bounds_are_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"^retry_budget must be a number of retries per request, 0 or more \(got -1\)$"
    ):
        Governor(retry_budget=-1)
    with pytest.raises(ValueError, match=r"^retry_budget must be .* \(got inf\)$"):
        Governor(retry_budget=math.inf)
    with pytest.raises(ValueError, match=r"^min_retries must be an integer, 0 or more \(got -1\)$"):
        Governor(min_retries=-1)


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


@pytest.mark.slow  # a property over many sequences
def test_the_governor_keeps_its_rules_in_any_sequence() -> None:
    run_state_machine_as_test(GovernorMachine, settings=settings(max_examples=150, stateful_step_count=30))
