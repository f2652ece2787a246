"""Listing time slots and availability time ranges offer their start and end as aware datetimes.

The models' `starts_at`/`ends_at` come from `x-wall-clock` in openapi.yaml through the model
template: checked here on models read from the fake API, and on the spec and generated code.
"""

from __future__ import annotations

import datetime
import inspect
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pexip_engage_client import PexipEngage, models
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.times import AmbiguousTimeError, NonexistentTimeError

from ..support.spec import read_spec

ROOT = Path(__file__).resolve().parents[2]
UTC = datetime.UTC
STAMP = "2026-01-01T00:00:00Z"


def _slot(date: str, start: str, end: str) -> models.ListingTimeSlot:
    return models.ListingTimeSlot.from_dict(
        {
            "id": "s-1",
            "listing": {"id": "l-1"},
            "date": date,
            "startTime": start,
            "endTime": end,
            "bookable": True,
            "assignments": [],
            "createdAt": STAMP,
            "updatedAt": STAMP,
        }
    )


def _time_range(start: str, end: str, day_of_week: str | None = None) -> models.AvailabilityTimeRange:
    body: dict[str, Any] = {
        "id": "r-1",
        "startTime": start,
        "endTime": end,
        "availabilityTemplate": {"id": "t-1"},
        "createdAt": STAMP,
        "updatedAt": STAMP,
    }
    if day_of_week is not None:
        body["dayOfWeek"] = day_of_week
    return models.AvailabilityTimeRange.from_dict(body)


def test_a_slot_starts_and_ends_in_its_listing_s_zone() -> None:
    slot = _slot("2026-07-01", "09:00", "17:30")
    start, end = slot.starts_at("Europe/Oslo"), slot.ends_at(ZoneInfo("Europe/Oslo"))
    assert (start.tzinfo, end.tzinfo) == (ZoneInfo("Europe/Oslo"),) * 2
    assert start.astimezone(UTC) == datetime.datetime(2026, 7, 1, 7, tzinfo=UTC)
    assert end - start == datetime.timedelta(hours=8, minutes=30)


def test_a_slot_across_midnight_or_to_24_00_ends_the_next_day() -> None:
    assert _slot("2026-07-01", "22:00", "02:00").ends_at("America/New_York") == datetime.datetime(
        2026, 7, 2, 2, tzinfo=ZoneInfo("America/New_York")
    )
    assert _slot("2026-07-01", "18:00", "24:00").ends_at("Asia/Kolkata").date() == datetime.date(2026, 7, 2)


def test_a_slot_over_the_night_the_clocks_go_forward_lasts_an_hour_less() -> None:
    slot = _slot("2026-03-29", "01:00", "04:00")
    brussels = "Europe/Brussels"
    assert slot.ends_at(brussels) - slot.starts_at(brussels) == datetime.timedelta(hours=3)  # wall-clock arithmetic
    assert slot.ends_at(brussels).astimezone(UTC) - slot.starts_at(brussels).astimezone(UTC) == datetime.timedelta(
        hours=2
    )


def test_a_slot_in_a_gap_or_fold_follows_the_policy_and_the_error_names_the_field() -> None:
    in_gap = _slot("2026-10-04", "02:30", "04:00")  # Sydney: 02:00 jumps to 03:00
    with pytest.raises(NonexistentTimeError, match=r"^startTime: 2026-10-04 02:30 does not exist in Australia/Sydney"):
        in_gap.starts_at("Australia/Sydney")
    assert in_gap.ends_at("Australia/Sydney").hour == 4  # the end is a plain reading: only the start is refused
    forward = in_gap.starts_at("Australia/Sydney", nonexistent="forward")
    assert (forward.hour, forward.minute) == (3, 30)
    ending_in_fold = _slot("2026-04-05", "01:00", "02:30")  # Sydney: 03:00 goes back to 02:00
    assert ending_in_fold.starts_at("Australia/Sydney").hour == 1
    with pytest.raises(AmbiguousTimeError, match=r"^endTime: 2026-04-05 02:30 happens twice in Australia/Sydney"):
        ending_in_fold.ends_at("Australia/Sydney")
    later = ending_in_fold.ends_at("Australia/Sydney", ambiguous="later")
    earlier = ending_in_fold.ends_at("Australia/Sydney", ambiguous="earlier")
    assert later.astimezone(UTC) - earlier.astimezone(UTC) == datetime.timedelta(hours=1)


def test_a_slot_whose_text_cannot_be_read_names_the_field() -> None:
    with pytest.raises(ValueError, match=r"^date must be a date as 'YYYY-MM-DD', not '01/08/2022'"):
        _slot("01/08/2022", "09:00", "10:00").starts_at("UTC")
    with pytest.raises(ValueError, match=r"^endTime must be a time of day as 'HH:MM'"):
        _slot("2022-08-01", "09:00", "5pm").starts_at("UTC")
    with pytest.raises(ValueError, match=r"^zone: 'Mars/Olympus' is not an IANA time zone name"):
        _slot("2022-08-01", "09:00", "10:00").starts_at("Mars/Olympus")


def test_a_weekly_time_range_is_read_on_a_date_of_its_weekday() -> None:
    monday = _time_range("09:00", "17:00", "MONDAY")
    start = monday.starts_at(datetime.date(2026, 3, 30), "Europe/Brussels")
    assert start == datetime.datetime(2026, 3, 30, 9, tzinfo=ZoneInfo("Europe/Brussels"))
    assert monday.ends_at("2026-03-30", "Europe/Brussels").hour == 17
    with pytest.raises(ValueError, match=r"^on: 2026-03-31 is a TUESDAY, and this repeats on MONDAYs only"):
        monday.starts_at("2026-03-31", "Europe/Brussels")
    with pytest.raises(ValueError, match=r"^dayOfWeek must be one of MONDAY, .*, not 'FUNDAY'"):
        _time_range("09:00", "17:00", "FUNDAY").starts_at("2026-03-31", "Europe/Brussels")


def test_a_daily_time_range_is_read_on_any_date() -> None:
    for day_of_week in (None, "null"):
        every_day = (
            _time_range("02:15", "24:00")
            if day_of_week is None
            else models.AvailabilityTimeRange.from_dict({**_time_range("02:15", "24:00").to_dict(), "dayOfWeek": None})
        )
        with pytest.raises(NonexistentTimeError, match=r"^startTime: 2026-03-08 02:15 does not exist in America/"):
            every_day.starts_at("2026-03-08", "America/New_York")
        assert every_day.ends_at("2026-03-08", "America/New_York") == datetime.datetime(
            2026, 3, 9, tzinfo=ZoneInfo("America/New_York")
        )


async def test_models_read_from_the_api_give_their_times_in_the_zone_the_api_names() -> None:
    fake = FakePexipEngage()
    employee = fake.add_employee()["id"]
    template = fake.add_availability_template(employee, type="WEEK", timeZone="Europe/Oslo")["id"]
    time_range = fake.add_availability_time_range(
        employee, template, dayOfWeek="SUNDAY", startTime="01:30", endTime="03:30"
    )["id"]
    async with PexipEngage("acme", token="t", transport=fake) as engage:
        templates = engage.availability_templates
        read_template = await templates.get_availability_template_by_id(employee, template)
        read_range = await templates.get_availability_time_range_by_id(employee, template, time_range)
    zone = read_template.time_zone
    # The last Sunday of March 2026: Oslo's clocks go from 02:00 to 03:00.
    start = read_range.starts_at("2026-03-29", zone)
    end = read_range.ends_at("2026-03-29", zone)
    assert end.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(hours=1)
    assert read_range.starts_at("2026-04-05", zone).utcoffset() == datetime.timedelta(hours=2)


def test_every_x_wall_clock_in_the_spec_names_string_fields_and_gives_its_model_the_methods() -> None:
    schemas = read_spec()["components"]["schemas"]
    marked = {name: schema for name, schema in schemas.items() if "x-wall-clock" in schema}
    assert set(marked) == {"ListingTimeSlot", "AvailabilityTimeRange"}
    for name, schema in marked.items():
        wall = schema["x-wall-clock"]
        assert set(wall) <= {"zone", "date", "weekday", "start", "end"}, name
        assert {"zone", "start", "end"} <= set(wall), name
        for key in ("date", "start", "end"):
            if key in wall:
                assert schema["properties"][wall[key]]["type"] == "string", (name, key)
                assert wall[key] in schema["required"], (name, key)
        model = getattr(models, name)
        parameters = list(inspect.signature(model.starts_at).parameters)[1:]  # after self
        assert parameters == (["zone"] if "date" in wall else ["on", "zone"]) + ["nonexistent", "ambiguous"]
        assert list(inspect.signature(model.ends_at).parameters)[1:] == parameters
