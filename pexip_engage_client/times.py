"""Local times: wall-clock readings in a time zone, and the instants they name, across DST.

Engage writes some times as a wall clock shows them, in a zone the object does not carry: a
listing time slot's `date`, `startTime` and `endTime` are in its listing's zone, an availability
time range's `startTime` and `endTime` in its template's. A customer or an employee carries its
`timeZone` as an IANA name. `wall_clock` turns such a reading into an aware datetime, `in_zone`
shows an instant as the wall clock in a zone reads it, and the models read their own fields with
`ListingTimeSlot.starts_at(zone)` / `ends_at(zone)` and `AvailabilityTimeRange.starts_at(on, zone)`
/ `ends_at(on, zone)`.

A reading names exactly one instant on every night but two a year in most zones: when the clocks
go forward, the times they skip name none (a gap); when they go back, the times they show twice
name two (a fold). There the caller chooses, and by default nothing is guessed:

| keyword | in a gap (02:30, as 02:00 jumps to 03:00) | in a fold (02:30, shown twice) |
|---|---|---|
| default (`"raise"`) | `NonexistentTimeError` | `AmbiguousTimeError` |
| `nonexistent="forward"` | 03:30, later by the gap's length (as RFC 5545 and `zoneinfo` read it) | |
| `ambiguous="earlier"` | | the first 02:30 (still on summer time) |
| `ambiguous="later"` | | the second 02:30 (on winter time; the datetime's `fold` is 1) |

Both errors are `ValueError`s with the `date`, `time` and `zone` (name) they are about, and pickle
as themselves. Every datetime returned is aware, in the zone asked for, and a real reading of its
wall clock: `in_zone(wall_clock(d, t, z), z)` shows `d` and `t` again outside gaps. Naive datetimes
are refused (they name no instant): `in_zone` raises `ValueError` for one, and `wall_clock` takes a
`date`, never a `datetime`.

Adding a duration to a local time means one of two things, and the two part across a transition:
`add_elapsed(start, duration)` is the instant that much real time later (a stopwatch; an
appointment's length), `add_on_wall_clock(start, duration)` the reading that much later on the wall
clock (a calendar; "the same time tomorrow"). Python's own `start + duration` is the second kind:

    start = wall_clock("2026-03-29", "01:30", "Europe/Brussels")  # the night the clocks go forward
    add_elapsed(start, timedelta(minutes=120))        # 04:30 +02:00: 120 real minutes later
    add_on_wall_clock(start, timedelta(minutes=120))  # 03:30 +02:00: 60 real minutes later

`add_on_wall_clock` reads a result in a gap or a fold by the same `nonexistent` and `ambiguous`
keywords as `wall_clock`.

Zones are IANA names (`"Europe/Brussels"`) or `tzinfo` objects that follow PEP 495, such as
`zoneinfo.ZoneInfo` (pytz's are refused: they ignore `fold`). `zoneinfo` reads the system's time
zone database; where there is none (Windows, some minimal container images) it reads the `tzdata`
package, which this package requires on Windows. An unknown name raises `ValueError` naming the
parameter, and saying so when Python finds no database at all.
"""

from ._runtime.wall_clock import (
    Ambiguous,
    AmbiguousTimeError,
    Nonexistent,
    NonexistentTimeError,
    Zone,
    add_elapsed,
    add_on_wall_clock,
    in_zone,
    wall_clock,
)

__all__ = [
    "Ambiguous",
    "AmbiguousTimeError",
    "Nonexistent",
    "NonexistentTimeError",
    "Zone",
    "add_elapsed",
    "add_on_wall_clock",
    "in_zone",
    "wall_clock",
]
