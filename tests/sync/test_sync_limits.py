"""The sync twin of `LocalLimits` (`_limiting/_sync/_limits.py`): its slots are threading's, waited for with a timeout.

The threading branch of `waited_within` (`_base/waiting.py`) cannot run in the async module (mutation testing
sets it aside, scripts/checks/mutation_equivalents.toml): it runs here, in the twin generated from it, so its slips
are caught here.
"""

from __future__ import annotations

import threading
import time

import pytest

from pexip_engage_client._base._sync.waiting import waited_within
from pexip_engage_client._limiting._sync import _limits
from pexip_engage_client._limiting._sync._limits import LocalLimits, NoTurnInTime


def outcome_within(seconds: float, call: object) -> object:
    """What `call()` returned or raised, or "still waiting" after `seconds`: a wait that never ends fails the test."""
    answer: list[object] = ["still waiting"]

    def run() -> None:
        try:
            answer[0] = call()  # type: ignore[operator]
        except NoTurnInTime as refused:
            answer[0] = refused

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return answer[0]


@pytest.mark.parametrize("within", [0.05, -1.0])
def test_a_call_given_no_slot_in_time_neither_starts_nor_frees_one(within: float) -> None:
    """Refused within its time (a deadline already past: at once), holding no slot and freeing none."""
    limits = LocalLimits(max_in_flight=1, per_minute=None)
    held = limits.acquire()
    for _ in range(2):  # the second finds the slot still held
        started = time.monotonic()
        refused = outcome_within(2, lambda: limits.acquire(deadline=_limits.now() + within))
        assert isinstance(refused, NoTurnInTime)
        assert time.monotonic() - started < 0.9  # not a second or more
    limits.release(held)
    assert isinstance(outcome_within(2, lambda: limits.acquire(deadline=_limits.now() + 1)), str)


def test_a_free_slot_is_taken_within_a_deadline() -> None:
    limits = LocalLimits(max_in_flight=1, per_minute=None)
    assert isinstance(outcome_within(2, lambda: limits.acquire(deadline=_limits.now() + 1)), str)


def test_a_pause_past_a_calls_deadline_fails_it_at_once_with_the_pause_left() -> None:
    limits = LocalLimits(max_in_flight=1, per_minute=None)
    limits.acquire()
    limits.pause(30)
    refused = outcome_within(2, lambda: limits.acquire(deadline=_limits.now() + 0.05))
    assert isinstance(refused, NoTurnInTime)
    assert refused.paused_for == pytest.approx(30, abs=1)


@pytest.mark.parametrize("seconds", [-1.0, -0.5, 0.0])
def test_a_lock_held_elsewhere_is_not_waited_for_past_its_time(seconds: float) -> None:
    """`waited_within` also waits for locks (a shared limit's turn): to `Lock.acquire` a timeout of -1 means
    forever, and another negative one is an error, so a time already over is a wait of none."""
    lock = threading.Lock()
    lock.acquire()
    assert outcome_within(2, lambda: waited_within(lock.acquire, seconds)) is False
