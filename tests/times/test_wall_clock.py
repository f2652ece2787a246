"""pexip_engage_client.times: what it accepts, what it refuses and how it says so, and its errors."""

from __future__ import annotations

import datetime
import pickle
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from pexip_engage_client import times
from pexip_engage_client.times import AmbiguousTimeError, NonexistentTimeError, in_zone, wall_clock

UTC = datetime.UTC
BRUSSELS = "Europe/Brussels"


def test_the_public_surface_is_its_all() -> None:
    assert sorted(times.__all__) == sorted(name for name in vars(times) if not name.startswith("_"))
    assert [name for name in times.__all__ if not hasattr(times, name)] == []
    assert issubclass(NonexistentTimeError, ValueError)
    assert issubclass(AmbiguousTimeError, ValueError)


@pytest.mark.slow
def test_zoneinfo_loads_when_a_zone_is_first_named_not_with_the_package() -> None:
    script = (
        "import sys\n"
        "from pexip_engage_client import models, times\n"
        "assert 'zoneinfo' not in sys.modules\n"
        "times.wall_clock('2026-07-01', '09:00', 'Europe/Brussels')\n"
        "assert 'zoneinfo' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_plain_reading_is_an_aware_datetime_in_its_zone() -> None:
    moment = wall_clock(datetime.date(2026, 7, 1), "09:00", BRUSSELS)
    assert moment == datetime.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo(BRUSSELS))
    assert moment.tzinfo is ZoneInfo(BRUSSELS)
    assert moment.astimezone(UTC) == datetime.datetime(2026, 7, 1, 7, tzinfo=UTC)
    assert wall_clock("2026-07-01", "09:00:30", BRUSSELS).second == 30
    assert wall_clock("2026-07-01", datetime.time(9, 15), ZoneInfo(BRUSSELS)).minute == 15


def test_fixed_offsets_and_utc_are_zones_too() -> None:
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    assert wall_clock("2026-03-29", "02:30", plus_two).astimezone(UTC).hour == 0
    assert wall_clock("2026-03-29", "02:30", "UTC").utcoffset() == datetime.timedelta(0)


def test_24_00_is_the_end_of_the_day() -> None:
    assert wall_clock("2026-12-31", "24:00", BRUSSELS) == datetime.datetime(2027, 1, 1, tzinfo=ZoneInfo(BRUSSELS))


def test_in_zone_shows_an_instant_on_the_zone_s_clock() -> None:
    instant = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30 of the night in Brussels
    first = in_zone(instant, BRUSSELS)
    second = in_zone(instant + datetime.timedelta(hours=1), ZoneInfo(BRUSSELS))
    assert (first.hour, first.minute, first.fold) == (2, 30, 0)
    assert (second.hour, second.minute, second.fold) == (2, 30, 1)
    kolkata = in_zone(instant, "Asia/Kolkata")
    assert (kolkata.hour, kolkata.minute) == (6, 0)


def test_naive_datetimes_are_refused_everywhere() -> None:
    naive = datetime.datetime(2026, 7, 1, 9)
    with pytest.raises(ValueError, match=r"instant must be an aware datetime, not a naive one \(2026-07-01T09:00:00\)"):
        in_zone(naive, BRUSSELS)
    # A datetime (naive or not) is no date: its time would be dropped without a word.
    for value in (naive, naive.replace(tzinfo=UTC)):
        with pytest.raises(TypeError, match="date must be a date, not a datetime"):
            wall_clock(value, "09:00", BRUSSELS)
    with pytest.raises(ValueError, match="time must be a wall-clock time without a zone"):
        wall_clock("2026-07-01", datetime.time(9, tzinfo=UTC), BRUSSELS)
    with pytest.raises(TypeError, match="instant must be an aware datetime, not date"):
        in_zone(datetime.date(2026, 7, 1), BRUSSELS)  # type: ignore[arg-type]


# Digits of other scripts too (fullwidth, Arabic-Indic): int() reads them, Engage never writes them.
OTHER_DIGITS = ["\uff11\uff12:\uff10\uff10", "\u0660\u0669:\u0660\u0660"]


@pytest.mark.parametrize("text", ["9:00", "09:0", "24:01", "23:60", "12:00:60", "0900", "09:00 ", "", *OTHER_DIGITS])
def test_a_time_that_is_not_hh_mm_is_refused_naming_the_parameter(text: str) -> None:
    with pytest.raises(ValueError, match=r"^time must be a time of day as 'HH:MM' \(00:00 to 23:59\), not "):
        wall_clock("2026-07-01", text, BRUSSELS)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-7-1", "20260701", "01/07/2026", "", "2026-07-01T00:00"])
def test_a_date_that_is_not_yyyy_mm_dd_is_refused_naming_the_parameter(text: str) -> None:
    with pytest.raises(ValueError, match=r"^date must be a date as 'YYYY-MM-DD', not "):
        wall_clock(text, "09:00", BRUSSELS)


@pytest.mark.parametrize("name", ["Europe/Brusels", "", "CEST+2", "../../etc/passwd", "/etc/localtime", "Europe/"])
def test_an_unknown_zone_is_refused_naming_the_parameter(name: str) -> None:
    message = r"^zone: .* is not an IANA time zone name such as 'Europe/Brussels'"
    with pytest.raises(ValueError, match=message):
        wall_clock("2026-07-01", "09:00", name)
    with pytest.raises(ValueError, match=message):
        in_zone(datetime.datetime(2026, 7, 1, tzinfo=UTC), name)


def test_wrong_kinds_of_value_are_type_errors_naming_the_parameter() -> None:
    with pytest.raises(TypeError, match="zone must be an IANA time zone name or a tzinfo, not int"):
        wall_clock("2026-07-01", "09:00", 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="time must be 'HH:MM' text or a time, not int"):
        wall_clock("2026-07-01", 900, BRUSSELS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="date must be a date or 'YYYY-MM-DD' text, not NoneType"):
        wall_clock(None, "09:00", BRUSSELS)  # type: ignore[arg-type]


def test_an_unknown_policy_is_refused_naming_the_keyword() -> None:
    with pytest.raises(ValueError, match="nonexistent must be one of 'raise', 'forward', not 'shift'"):
        wall_clock("2026-07-01", "09:00", BRUSSELS, nonexistent="shift")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ambiguous must be one of 'raise', 'earlier', 'later', not True"):
        wall_clock("2026-07-01", "09:00", BRUSSELS, ambiguous=True)  # type: ignore[arg-type]


def test_the_errors_say_what_happened_and_what_to_pass() -> None:
    with pytest.raises(NonexistentTimeError) as gap:
        wall_clock("2026-03-29", "02:30", BRUSSELS)
    assert str(gap.value) == (
        "2026-03-29 02:30 does not exist in Europe/Brussels: the clocks go forward there "
        "(UTC+01:00 to UTC+02:00); nonexistent='forward' reads it as 03:30 UTC+02:00"
    )
    with pytest.raises(AmbiguousTimeError) as fold:
        wall_clock("2026-11-01", "01:30", "America/New_York")
    assert str(fold.value) == (
        "2026-11-01 01:30 happens twice in America/New_York: the clocks go back there "
        "(UTC-04:00 to UTC-05:00); pass ambiguous='earlier' for the first or ambiguous='later' for the second"
    )


@pytest.mark.parametrize(
    ("reading", "kind"),
    [
        (("2026-03-29", "02:30", BRUSSELS), NonexistentTimeError),
        (("2026-10-25", "02:30", BRUSSELS), AmbiguousTimeError),
    ],
)
def test_the_errors_pickle_as_themselves(
    reading: tuple[str, str, str], kind: type[NonexistentTimeError | AmbiguousTimeError]
) -> None:
    with pytest.raises(kind) as raised:
        wall_clock(*reading)
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own bytes, as a process pool sends them
    assert type(copy) is kind
    assert (str(copy), vars(copy)) == (str(raised.value), vars(raised.value))
    day = datetime.date.fromisoformat(reading[0])
    assert (copy.date, copy.time, copy.zone) == (day, datetime.time(2, 30), BRUSSELS)
