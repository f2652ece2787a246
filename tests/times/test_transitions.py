"""wall_clock and in_zone on every DST transition of 2026-2035 in five zones, enumerated from zoneinfo.

Outside gaps and folds a wall-clock reading and its instant round-trip exactly; inside them the
policy chosen holds, minute by minute. Asia/Kolkata has no transition: round trips only.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pexip_engage_client.times import AmbiguousTimeError, NonexistentTimeError, in_zone, wall_clock

from .transitions import Transition, transitions

UTC = datetime.UTC
ZONES = ("Europe/Brussels", "Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Kolkata")
FIRST_YEAR, LAST_YEAR = 2026, 2035
TRANSITIONS = [change for zone in ZONES for change in transitions(zone, FIRST_YEAR, LAST_YEAR)]
MINUTE = datetime.timedelta(minutes=1)
# How far either side of a transition every minute is checked: well past any gap or fold.
AROUND = datetime.timedelta(hours=3)


def _minutes(start: datetime.datetime, stop: datetime.datetime) -> list[datetime.datetime]:
    count = (stop - start) // MINUTE
    return [start + index * MINUTE for index in range(count)]


def _reading(moment: datetime.datetime) -> tuple[datetime.date, str]:
    return moment.date(), f"{moment:%H:%M}"


def _utc(naive: datetime.datetime, offset: datetime.timedelta) -> datetime.datetime:
    """The instant a naive reading names with a given UTC offset."""
    return (naive - offset).replace(tzinfo=UTC)


def test_the_zones_have_the_transitions_their_rules_give() -> None:
    # Read from zoneinfo, not written here; this only checks the search found each zone's changes.
    per_zone = {zone: [change for change in TRANSITIONS if change.zone == zone] for zone in ZONES}
    years = LAST_YEAR - FIRST_YEAR + 1
    for zone in ("Europe/Brussels", "Europe/Oslo", "America/New_York", "Australia/Sydney"):
        assert len(per_zone[zone]) == 2 * years, zone
        assert sum(change.is_gap for change in per_zone[zone]) == years, zone
        # Every change is an hour, and each is found to the second (whole hours, in these zones).
        assert {abs(change.after - change.before) for change in per_zone[zone]} == {datetime.timedelta(hours=1)}
        assert {change.instant.minute for change in per_zone[zone]} == {0}
    assert per_zone["Asia/Kolkata"] == []


@pytest.mark.parametrize("change", TRANSITIONS, ids=str)
def test_round_trips_hold_around_each_transition_outside_its_gap_or_fold(change: Transition) -> None:
    zone = ZoneInfo(change.zone)
    skipped_from, skipped_to = change.readings
    # Readings to instants and back: every minute around the change that names one instant.
    lowest = min(change.before, change.after)
    start = (change.instant + lowest - AROUND).replace(tzinfo=None)
    for naive in _minutes(start, start + 2 * AROUND + abs(change.after - change.before)):
        if skipped_from <= naive < skipped_to:
            continue
        moment = wall_clock(*_reading(naive), change.zone)
        assert moment.tzinfo is zone
        assert moment.replace(tzinfo=None) == naive
        assert in_zone(moment.astimezone(UTC), change.zone).replace(tzinfo=None) == naive
        offset = change.before if naive < skipped_from else change.after
        assert moment.astimezone(UTC) == _utc(naive, offset)
    # Instants to readings and back: every minute either side, folds included (the fold says which).
    for instant in _minutes(change.instant - AROUND, change.instant + AROUND):
        shown = in_zone(instant, change.zone)
        assert shown.tzinfo is zone
        assert shown.utcoffset() == (change.before if instant < change.instant else change.after)
        again = wall_clock(*_reading(shown), zone, ambiguous="later" if shown.fold else "earlier")
        # In UTC: PEP 495 makes an aware datetime whose offset depends on `fold` unequal to every
        # datetime of another zone, whatever the instants.
        assert again.astimezone(UTC) == instant
        assert (again.replace(tzinfo=None), again.fold) == (shown.replace(tzinfo=None), shown.fold)


@pytest.mark.parametrize("change", [change for change in TRANSITIONS if change.is_gap], ids=str)
def test_in_a_gap_the_default_raises_and_forward_moves_on_by_the_gap(change: Transition) -> None:
    skipped_from, skipped_to = change.readings
    gap = change.after - change.before
    for naive in _minutes(skipped_from, skipped_to):
        date, time = _reading(naive)
        for ambiguous in ("raise", "earlier", "later"):  # a gap is not a fold: that keyword is not asked
            with pytest.raises(NonexistentTimeError) as raised:
                wall_clock(date, time, change.zone, ambiguous=ambiguous)
        error = raised.value
        assert isinstance(error, ValueError)
        assert (error.date, error.time, error.zone) == (date, naive.time(), change.zone)
        assert f"{date} {time}" in str(error)
        assert change.zone in str(error)
        moved = wall_clock(date, time, change.zone, nonexistent="forward")
        assert moved.astimezone(UTC) == _utc(naive, change.before)  # read with the offset before the gap
        assert moved.replace(tzinfo=None) == naive + gap
        assert moved.utcoffset() == change.after
        assert in_zone(moved, change.zone).replace(tzinfo=None) == naive + gap


@pytest.mark.parametrize("change", [change for change in TRANSITIONS if not change.is_gap], ids=str)
def test_in_a_fold_the_default_raises_and_earlier_or_later_picks_the_occurrence(change: Transition) -> None:
    repeated_from, repeated_to = change.readings
    for naive in _minutes(repeated_from, repeated_to):
        date, time = _reading(naive)
        for nonexistent in ("raise", "forward"):  # a fold is not a gap: that keyword is not asked
            with pytest.raises(AmbiguousTimeError) as raised:
                wall_clock(date, time, change.zone, nonexistent=nonexistent)
        error = raised.value
        assert isinstance(error, ValueError)
        assert (error.date, error.time, error.zone) == (date, naive.time(), change.zone)
        assert f"{date} {time}" in str(error)
        assert change.zone in str(error)
        earlier = wall_clock(date, time, change.zone, ambiguous="earlier")
        later = wall_clock(date, time, change.zone, ambiguous="later")
        assert earlier.astimezone(UTC) == _utc(naive, change.before) < change.instant
        assert later.astimezone(UTC) == _utc(naive, change.after) >= change.instant
        assert (earlier.fold, later.fold) == (0, 1)
        assert earlier.replace(tzinfo=None) == later.replace(tzinfo=None) == naive
        for moment in (earlier, later):
            back = in_zone(moment.astimezone(UTC), change.zone)
            assert (back.replace(tzinfo=None), back.fold) == (naive, moment.fold)


def test_kolkata_round_trips_every_day_of_the_decade() -> None:
    day = datetime.date(FIRST_YEAR, 1, 1)
    offset = datetime.timedelta(hours=5, minutes=30)
    while day.year <= LAST_YEAR:
        for time in ("00:00", "02:30", "12:34", "23:59"):
            moment = wall_clock(day, time, "Asia/Kolkata")
            naive = datetime.datetime.combine(day, datetime.time.fromisoformat(time))
            assert moment.astimezone(UTC) == _utc(naive, offset)
            assert in_zone(moment.astimezone(UTC), "Asia/Kolkata").replace(tzinfo=None) == naive
        day += datetime.timedelta(days=1)


_INSTANTS = st.integers(
    int(datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp()) // 60,
    int(datetime.datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp()) // 60 - 1,
).map(lambda minutes: datetime.datetime.fromtimestamp(minutes * 60, UTC))
_READINGS = st.datetimes(datetime.datetime(FIRST_YEAR, 1, 1), datetime.datetime(LAST_YEAR, 12, 31, 23, 59)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


# Half the readings drawn near a transition, where a uniform draw would seldom land.
_NEAR_TRANSITIONS = st.builds(
    lambda change, minutes: (change.zone, change.readings[0] + minutes * MINUTE),
    st.sampled_from(TRANSITIONS),
    st.integers(-90, 150),
)
_ZONED_READINGS = st.one_of(st.tuples(st.sampled_from(ZONES), _READINGS), _NEAR_TRANSITIONS)


def _classified(zone: str, naive: datetime.datetime) -> str:
    """What the enumerated transitions say a reading is: "gap", "fold" or "plain"."""
    for change in TRANSITIONS:
        skipped_from, skipped_to = change.readings
        if change.zone == zone and skipped_from <= naive < skipped_to:
            return "gap" if change.is_gap else "fold"
    return "plain"


@pytest.mark.slow  # every instant of a decade
@settings(max_examples=500)
@given(instant=_INSTANTS, zone=st.sampled_from(ZONES))
def test_any_instant_of_the_decade_round_trips_through_its_wall_clock(instant: datetime.datetime, zone: str) -> None:
    shown = in_zone(instant, zone)
    again = wall_clock(*_reading(shown), zone, ambiguous="later" if shown.fold else "earlier")
    assert again.astimezone(UTC) == instant


@pytest.mark.slow  # every reading around every transition of a decade
@settings(max_examples=600)
@given(zoned=_ZONED_READINGS)
def test_any_reading_raises_exactly_where_the_transitions_put_a_gap_or_a_fold(
    zoned: tuple[str, datetime.datetime],
) -> None:
    zone, naive = zoned
    kind = _classified(zone, naive)
    expected = {"gap": NonexistentTimeError, "fold": AmbiguousTimeError}.get(kind)
    if expected is None:
        assert wall_clock(*_reading(naive), zone).replace(tzinfo=None) == naive
    else:
        with pytest.raises(expected):
            wall_clock(*_reading(naive), zone)
    # With a policy for both, every reading gives an instant, a real reading of the zone's clock.
    moment = wall_clock(*_reading(naive), zone, nonexistent="forward", ambiguous="later")
    back = in_zone(moment.astimezone(UTC), zone)
    assert (back.replace(tzinfo=None), back.fold) == (moment.replace(tzinfo=None), moment.fold)
    assert (moment.replace(tzinfo=None) == naive) is (kind != "gap")
