"""The names a model's local-time methods take: a time zone, and what a reading in a gap or a fold gives.

Apart from the rules (`_local_times/`, which apply them): a model's signature names them for type checkers only, and
local times load with their first use (docs/calling-operations.md#local-times-and-time-zones)."""

from __future__ import annotations

import datetime
from typing import Literal

Nonexistent = Literal["raise", "forward"]
"""What a reading the clocks skip gives: `"raise"` (`NonexistentTimeError`) or `"forward"` (by the gap)."""
Ambiguous = Literal["raise", "earlier", "later"]
"""What a reading the clocks show twice gives: `"raise"` (`AmbiguousTimeError`), `"earlier"` or `"later"`."""
Zone = str | datetime.tzinfo
"""An IANA time zone name (`"Europe/Brussels"`) or a PEP 495 `tzinfo` such as `zoneinfo.ZoneInfo`."""
