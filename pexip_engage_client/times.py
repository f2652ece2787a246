"""Local times: wall-clock readings in a time zone, and the instants they name, across DST.

How the models read their own fields, which zones are accepted, and why `add_elapsed` and
`add_on_wall_clock` part across a transition: docs/calling-operations.md, "Local times and time zones".

A reading names exactly one instant on every night but two a year in most zones: when the clocks
go forward, the times they skip name none (a gap); when they go back, the times they show twice
name two (a fold). There the caller chooses, and by default nothing is guessed:

| keyword | in a gap (02:30, as 02:00 jumps to 03:00) | in a fold (02:30, shown twice) |
|---|---|---|
| default (`"raise"`) | `NonexistentTimeError` | `AmbiguousTimeError` |
| `nonexistent="forward"` | 03:30, later by the gap's length (as RFC 5545 and `zoneinfo` read it) | |
| `ambiguous="earlier"` | | the first 02:30 (still on summer time) |
| `ambiguous="later"` | | the second 02:30 (on winter time; the datetime's `fold` is 1) |

Both errors are `ValueError`s with the `date`, `time` and `zone` (name) they are about. Every
datetime returned is aware, in the zone asked for; naive datetimes are refused (they name no instant).
"""

from ._local_times import (
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
