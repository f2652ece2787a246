"""add_elapsed and add_on_wall_clock across every transition of 2026-2035 in the five zones of test_transitions.

From each minute in the three hours before a change, durations up to five hours are added both ways:
elapsed, the result is that much real time later, read on the zone's clock; on the wall clock, the
result reads that much later, and the real time between the two is the duration less the gap (or
plus the fold) it crossed, or it raises where the reading lands in a gap or a fold.
"""

from __future__ import annotations

import datetime
import pickle

import pytest

from pexip_engage_client.times import (
    AmbiguousTimeError,
    NonexistentTimeError,
    add_elapsed,
    add_on_wall_clock,
    in_zone,
    wall_clock,
)

from .test_transitions import TRANSITIONS, ZONES
from .transitions import Transition

UTC = datetime.UTC
DURATIONS = [datetime.timedelta(minutes=minutes) for minutes in (1, 30, 59, 60, 61, 90, 120, 179, 180, 300)]
STEP = datetime.timedelta(minutes=7)  # every 7th minute of the three hours before: all offsets to the change's hour


def _starts(change: Transition) -> list[datetime.datetime]:
    first = change.instant - datetime.timedelta(hours=3)
    return [in_zone(first + index * STEP, change.zone) for index in range(3 * 60 // 7 + 1)]


def _kind(change: Transition, naive: datetime.datetime) -> str | None:
    skipped_from, skipped_to = change.readings
    if skipped_from <= naive < skipped_to:
        return "gap" if change.is_gap else "fold"
    return None


def test_the_issue_s_case_spring_forward_in_brussels() -> None:
    start = wall_clock("2026-03-29", "01:30", "Europe/Brussels")
    two_hours = datetime.timedelta(minutes=120)
    elapsed = add_elapsed(start, two_hours)
    walled = add_on_wall_clock(start, two_hours)
    assert (elapsed.hour, elapsed.minute, elapsed.utcoffset()) == (4, 30, datetime.timedelta(hours=2))
    assert elapsed.astimezone(UTC) - start.astimezone(UTC) == two_hours
    assert (walled.hour, walled.minute) == (3, 30)
    assert walled.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(minutes=60)
    # Python's own `+` is wall-clock arithmetic: the trap the names make plain.
    assert start + two_hours == walled


@pytest.mark.parametrize("change", TRANSITIONS, ids=str)
def test_adding_across_each_transition(change: Transition) -> None:
    shift = change.after - change.before  # + for a gap (an hour skipped), - for a fold
    for start in _starts(change):
        for duration in DURATIONS:
            elapsed = add_elapsed(start, duration)
            assert elapsed.tzinfo is start.tzinfo
            assert elapsed.astimezone(UTC) - start.astimezone(UTC) == duration
            assert in_zone(elapsed.astimezone(UTC), change.zone) == elapsed
            crosses = start.astimezone(UTC) < change.instant <= elapsed.astimezone(UTC)
            wall_shift = shift if crosses else datetime.timedelta(0)
            assert elapsed.replace(tzinfo=None) - start.replace(tzinfo=None) == duration + wall_shift

            reading = start.replace(tzinfo=None) + duration
            kind = _kind(change, reading)
            if kind == "gap":
                with pytest.raises(NonexistentTimeError):
                    add_on_wall_clock(start, duration)
                moved = add_on_wall_clock(start, duration, nonexistent="forward")
                assert moved.replace(tzinfo=None) == reading + shift
                continue
            if kind == "fold":
                with pytest.raises(AmbiguousTimeError):
                    add_on_wall_clock(start, duration)
                earlier = add_on_wall_clock(start, duration, ambiguous="earlier")
                later = add_on_wall_clock(start, duration, ambiguous="later")
                assert later.astimezone(UTC) - earlier.astimezone(UTC) == -shift
                assert earlier.replace(tzinfo=None) == later.replace(tzinfo=None) == reading
                continue
            walled = add_on_wall_clock(start, duration)
            assert walled.tzinfo is start.tzinfo
            assert walled.replace(tzinfo=None) == reading
            real = walled.astimezone(UTC) - start.astimezone(UTC)
            after_change = walled.astimezone(UTC) >= change.instant > start.astimezone(UTC)
            assert real == duration - (shift if after_change else datetime.timedelta(0))


@pytest.mark.parametrize("zone", ZONES)
def test_a_day_later_on_the_wall_clock_is_the_same_time_tomorrow(zone: str) -> None:
    # 23, 24 or 25 real hours: the calendar's "same time tomorrow", over each night of the decade's transitions.
    changes: list[Transition | None] = [change for change in TRANSITIONS if change.zone == zone]
    for change in changes or [None]:
        day = datetime.date(2026, 6, 1)
        shift = datetime.timedelta(0)
        if change is not None:
            day = in_zone(change.instant, zone).date() - datetime.timedelta(days=1)
            shift = change.after - change.before
        start = wall_clock(day, "12:00", zone)
        tomorrow = add_on_wall_clock(start, datetime.timedelta(days=1))
        assert (tomorrow.date(), tomorrow.time()) == (day + datetime.timedelta(days=1), datetime.time(12))
        assert tomorrow.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(days=1) - shift


def test_kolkata_adds_alike_both_ways() -> None:
    start = wall_clock("2030-03-10", "01:30", "Asia/Kolkata")
    for duration in DURATIONS:
        assert add_elapsed(start, duration) == add_on_wall_clock(start, duration) == start + duration


def test_bad_arguments_are_refused_naming_the_parameter() -> None:
    start = wall_clock("2026-03-29", "01:30", "Europe/Brussels")
    with pytest.raises(ValueError, match=r"^start must be an aware datetime"):
        add_elapsed(datetime.datetime(2026, 3, 29, 1, 30), datetime.timedelta(hours=1))
    with pytest.raises(ValueError, match=r"^start must be an aware datetime"):
        add_on_wall_clock(datetime.datetime(2026, 3, 29, 1, 30), datetime.timedelta(hours=1))
    with pytest.raises(TypeError, match=r"^duration must be a datetime.timedelta, not int"):
        add_elapsed(start, 120)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^start must be an aware datetime, not str"):
        add_on_wall_clock("2026-03-29T01:30", datetime.timedelta(hours=1))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^nonexistent must be one of"):
        add_on_wall_clock(start, datetime.timedelta(hours=1), nonexistent="skip")  # type: ignore[arg-type]
    with pytest.raises(NonexistentTimeError) as raised:
        add_on_wall_clock(start, datetime.timedelta(hours=1))
    assert "2026-03-29 02:30 does not exist in Europe/Brussels" in str(raised.value)
    again = pickle.loads(  # noqa: S301 - our own bytes
        pickle.dumps(raised.value)
    )
    assert (type(again), again.zone, again.time) == (NonexistentTimeError, "Europe/Brussels", datetime.time(2, 30))
