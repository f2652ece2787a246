"""Local times: listing time slots and availability time ranges as instants, across DST.

Engage writes a slot's date and times, and a time range's times, as a wall clock shows them in the
listing's (or the availability template's) zone. This reads them as aware datetimes on the nights
the clocks change, where a reading names no instant or two. It runs offline against the fake.
"""

import asyncio
import datetime

from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import FakePexipEngage
from pexip_engage_client.times import AmbiguousTimeError, add_elapsed, add_on_wall_clock, in_zone, wall_clock


async def main() -> None:
    fake = FakePexipEngage()
    employee_id = fake.add_employee()["id"]
    template_id = fake.add_availability_template(employee_id, type="WEEK", timeZone="America/New_York")["id"]
    range_id = fake.add_availability_time_range(
        employee_id, template_id, dayOfWeek="SUNDAY", startTime="01:00", endTime="03:30"
    )["id"]
    async with PexipEngage("acme", token="test", transport=fake) as engage:
        listing = await engage.listings.create_listing(body={"timeZone": "Europe/Brussels", "active": True})
        await engage.listings.create_listing_time_slot(
            listing["id"],
            body={"date": "2026-10-25", "startTime": "02:30", "endTime": "03:30", "bookable": True, "assignments": []},
        )
        # --8<-- [start:slots]
        zone = listing["timeZone"]  # the listing's zone: its slots' times are read there
        async for slot in engage.listings.get_listing_time_slots(listing["id"]).items():
            try:
                start = slot.starts_at(zone)
            except AmbiguousTimeError as error:  # 02:30 happens twice the night summer time ends
                print("ambiguous:", error)
                start = slot.starts_at(zone, ambiguous="earlier")  # the first 02:30, still summer time
            end = slot.ends_at(zone)
            print(slot.date, slot.start_time, "starts", start.isoformat(), "ends", end.isoformat())
            print("lasts", end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC))  # 2:00:00
        # --8<-- [end:slots]
        # --8<-- [start:time-ranges]
        template = await engage.availability_templates.get_availability_template_by_id(employee_id, template_id)
        time_range = await engage.availability_templates.get_availability_time_range_by_id(
            employee_id, template_id, range_id
        )
        # A weekly range is read on a date of its weekday; this Sunday the clocks skip 02:00-03:00.
        sunday = datetime.date(2026, 3, 8)
        start = time_range.starts_at(sunday, template.time_zone)
        end = time_range.ends_at(sunday, template.time_zone)
        print("range", start.isoformat(), "to", end.isoformat(), "lasts", end.astimezone(datetime.UTC) - start)
        # --8<-- [end:time-ranges]
    # --8<-- [start:functions]
    # Any reading, and any instant shown on a zone's clock.
    opening = wall_clock("2026-03-29", "02:30", "Europe/Oslo", nonexistent="forward")  # 03:30: 02:30 is skipped
    print("opens", opening.isoformat(), "=", opening.astimezone(datetime.UTC).isoformat())
    print("in Sydney", in_zone(opening, "Australia/Sydney").isoformat())
    # --8<-- [end:functions]
    # --8<-- [start:adding]
    # Adding a duration, the night the clocks go forward (02:00 jumps to 03:00 in Brussels).
    start = wall_clock("2026-03-29", "01:30", "Europe/Brussels")
    two_hours = datetime.timedelta(minutes=120)
    print("elapsed", add_elapsed(start, two_hours).isoformat())  # 04:30+02:00: 120 real minutes later
    print("wall clock", add_on_wall_clock(start, two_hours).isoformat())  # 03:30+02:00: 60 real minutes later
    # --8<-- [end:adding]


asyncio.run(main())
