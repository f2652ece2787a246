"""The one failure log's rules (`_shared/failures.py`): a streak told in a few lines, counted per interval,
ended by a success, and the wait before the next try within its bounds. A clock of the test's own."""

from __future__ import annotations

import logging
import os
import random

import pytest

from pexip_engage_client._shared.failures import Backoff, FailureLog, Telling

LOGGER = "tests.failure_streaks"
TELLING = Telling(
    logging.getLogger(LOGGER),
    "{kind} failed ({problem})",
    again="{kind} works again after {in_a_row} failures in {seconds:.0f} s",
    counted="{kind} failed {untold} more times in {seconds:.0f} s (the last: {error})",
    levels=(logging.WARNING, logging.INFO, logging.WARNING),
)


def lines(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(record.levelno, record.getMessage()) for record in caplog.records if record.name == LOGGER]


def test_a_streak_is_its_first_failure_a_line_per_interval_and_its_end(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    log = FailureLog(TELLING, interval=10.0, clock=lambda: now[0])
    caplog.set_level(logging.DEBUG, LOGGER)
    for second in range(25):
        now[0] = float(second)
        log.failed(ConnectionError(f"refused {second}"), "reading")
    streak = log.streak("reading")
    assert streak is not None
    assert (streak.in_a_row, streak.started, str(streak.last)) == (25, 0.0, "refused 24")
    log.worked("reading")
    log.worked("reading")  # no streak: nothing more to tell
    assert log.streak("reading") is None
    assert [line for line in lines(caplog) if line[0] != logging.DEBUG] == [
        (logging.WARNING, "reading failed (ConnectionError: refused 0)"),
        (logging.INFO, "reading failed 10 more times in 10 s (the last: refused 10)"),
        (logging.INFO, "reading failed 10 more times in 10 s (the last: refused 20)"),
        (logging.INFO, "reading failed 4 more times in 4 s (the last: refused 24)"),
        (logging.WARNING, "reading works again after 25 failures in 24 s"),
    ]
    tracebacks = [record for record in caplog.records if record.exc_info]
    assert [record.levelno for record in tracebacks] == [logging.DEBUG]  # the first failure's, below what is shown


def test_kinds_and_with_by_type_the_types_of_a_kind_are_streaks_of_their_own(caplog: pytest.LogCaptureFixture) -> None:
    log = FailureLog(TELLING, by_type=True, clock=lambda: 0.0)
    caplog.set_level(logging.WARNING, LOGGER)
    log.failed(ConnectionError("refused"), "storing")
    log.failed(TimeoutError("slow"), "storing")
    log.failed(ConnectionError("refused"), "reading")
    log.failed(ConnectionError("refused"), "storing")  # counted: no interval, no line
    log.worked("storing")  # both types of it end; reading goes on
    assert log.streak("storing") is None
    assert log.streak("reading") is not None
    assert lines(caplog) == [
        (logging.WARNING, "storing failed (ConnectionError: refused)"),
        (logging.WARNING, "storing failed (TimeoutError: slow)"),
        (logging.WARNING, "reading failed (ConnectionError: refused)"),
        (logging.WARNING, "storing works again after 2 failures in 0 s"),
        (logging.WARNING, "storing works again after 1 failures in 0 s"),
    ]


def test_flush_tells_what_was_counted_and_forgets_every_streak(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    log = FailureLog(TELLING, interval=60.0, clock=lambda: now[0])
    caplog.set_level(logging.INFO, LOGGER)
    log.failed(OSError("down"))
    now[0] = 3.0
    log.failed(OSError("still down"))
    log.flush()
    assert log.streak() is None
    assert lines(caplog)[-1] == (logging.INFO, " failed 1 more times in 3 s (the last: still down)")


@pytest.mark.parametrize("seed", range(5))
def test_the_wait_doubles_from_first_to_cap_less_its_jitter(seed: int) -> None:
    random.seed(seed)
    log = FailureLog(TELLING, backoff=Backoff(0.5, 30.0, jitter=0.2))
    waits = [log.failed(RuntimeError("x")) for _ in range(12)]
    for attempt, wait in enumerate(waits, start=1):
        full = min(0.5 * 2 ** (attempt - 1), 30.0)
        assert full * 0.8 <= wait <= full
    log.worked()
    assert 0.4 <= log.failed(RuntimeError("again")) <= 0.5  # a new streak starts from `first`
    assert FailureLog(TELLING).failed(RuntimeError("x")) == 0.0  # without a backoff: no wait


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_starts_with_no_streak() -> None:
    log = FailureLog(TELLING)
    log.failed(RuntimeError("in the parent"))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its answer through the pipe, and out at once
        os.write(write, b"none" if log.streak() is None else b"some")
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    assert os.read(read, 4) == b"none"
    assert status == 0
    assert log.streak() is not None
