"""The runtime calls the display helpers and local times through its seam, handed in by the package root (issue 98).

They stand in `on_demand` rooms (`_views/`, `_local_times/`, architecture.toml): the core below the facade imports
none of those, not even lazily or by a module's name in a string, which would hide an upward dependency from the
architecture test. The runtime declares what it needs (`_runtime/handed.py`), the root hands in a loader of each, and
the room loads when first asked for. That no core module names such a room, even in a string, is
test_on_demand_names.py's.
"""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import pexip_engage_client
from pexip_engage_client import _local_times, _views
from pexip_engage_client._base.lazy_module import LazyModule
from pexip_engage_client._runtime import handed


def test_the_package_root_hands_in_the_rooms_themselves() -> None:
    assert handed.views.model_repr is _views.model_repr
    assert handed.views.page_repr is _views.page_repr
    assert handed.local_times.span_edge is _local_times.span_edge
    assert pexip_engage_client.times.wall_clock is _local_times.wall_clock


def test_a_part_handed_in_loads_once_on_its_first_use() -> None:
    loads: list[int] = []

    def load() -> types.SimpleNamespace:
        loads.append(1)
        return types.SimpleNamespace(shown="shown")

    part = LazyModule("a part", load)
    assert (loads, repr(part)) == ([], "<deferred module 'a part'>")  # handed, not loaded
    assert (part.shown, part.shown, loads) == ("shown", "shown", [1])


@pytest.mark.slow  # an interpreter of its own: nothing is loaded yet
def test_the_rooms_load_when_first_asked_for_not_with_a_model() -> None:
    script = """
import sys
from pexip_engage_client._generated.models.availability_time_range import AvailabilityTimeRange
from pexip_engage_client._runtime import ModelList

loaded = lambda room: f"pexip_engage_client.{room}" in sys.modules
stamp = "2026-01-01T00:00:00Z"
body = {"id": "r-1", "startTime": "09:00", "endTime": "10:00", "availabilityTemplate": {"id": "t-1"},
        "createdAt": stamp, "updatedAt": stamp}
model = AvailabilityTimeRange.from_dict(body)
assert not loaded("_views") and not loaded("_local_times")
assert repr(ModelList([1, 2])) == "[1, 2]"
assert loaded("_views") and not loaded("_local_times")
assert model.starts_at("2026-07-01", "Europe/Brussels").hour == 9
assert loaded("_local_times")
"""
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr[-2000:]
