"""Local times: wall-clock readings in a time zone and the instants they name, across DST (`_wall_clock.py`).

Outside the request core: a call reads no local time. `pexip_engage_client.times` is the public face; the scheduling
reads its zones here; a generated model reaches `span_edge` through the runtime's seam (`_runtime/handed.py`), which
the package root hands this room to, imported on its first use."""

from ._wall_clock import (
    Ambiguous,
    AmbiguousTimeError,
    Nonexistent,
    NonexistentTimeError,
    Zone,
    add_elapsed,
    add_on_wall_clock,
    in_zone,
    resolve,
    span_edge,
    time_zone,
    wall_clock,
    wall_date,
    wall_time,
    zone_name,
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
    "resolve",
    "span_edge",
    "time_zone",
    "wall_clock",
    "wall_date",
    "wall_time",
    "zone_name",
]
