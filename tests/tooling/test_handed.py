"""The runtime calls the display helpers and local times through its seam, handed in by the package root (issue 98).

They stand in `on_demand` rooms (`_views/`, `_local_times/`, architecture.toml): the core below the facade imports
none of those, not even lazily or by a module's name in a string, which would hide an upward dependency from the
architecture test. The runtime declares what it needs (`_runtime/handed.py`), the root hands in a loader of each, and
the room loads when first asked for.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import types

import pytest

import pexip_engage_client
from pexip_engage_client import _local_times, _views
from pexip_engage_client._base.lazy_module import LazyModule
from pexip_engage_client._runtime import handed

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from .test_architecture import ARCHITECTURE, MODULES, TABLE, room_of

pytestmark = SHARES_SYNTAX_TREES

_BELOW_THE_FACADE = set(ARCHITECTURE["core"][: ARCHITECTURE["core"].index("client")])
# The package of each on_demand room, as a module's dotted name would hold it (`_views`, `_local_times`...).
_ON_DEMAND = {
    prefix.rpartition(".")[2] for room in ARCHITECTURE["on_demand"] for prefix in TABLE[room].get("prefixes", ())
}
_DOTTED = re.compile(r"[\w.]+")


def names_of_on_demand_rooms(source: str) -> list[str]:
    """The strings (and f-strings' literal parts) of `source` that read as a dotted module name in an on_demand room."""
    found = []
    for node in walked(parsed(source)):
        text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
        if _DOTTED.fullmatch(text) and _ON_DEMAND & set(text.split(".")):
            found.append(text)
    return found


def test_the_core_below_the_facade_names_no_on_demand_room_even_in_a_string() -> None:
    assert {"_views", "_local_times"} <= _ON_DEMAND
    named = {
        module: names
        for module, path in MODULES.items()
        if module.startswith("pexip_engage_client") and room_of(module) in _BELOW_THE_FACADE
        for names in [names_of_on_demand_rooms(path.read_text(encoding="utf-8"))]
        if names
    }
    assert named == {}, "the core hands itself nothing: the package root hands it in (_runtime/handed.py)"


@pytest.mark.parametrize(
    "source",
    [
        'model_views = lazy_module("pexip_engage_client._views._models")',
        "wall_clock = lazy_module(f\"{__package__.rpartition('.')[0]}._local_times\")",
        'importlib.import_module("._views", __package__)',
    ],
)
def test_the_check_finds_a_module_named_in_a_string(source: str) -> None:
    assert names_of_on_demand_rooms(source) != []


def test_a_docstring_naming_a_room_is_no_import() -> None:
    assert names_of_on_demand_rooms('"""The display helpers (`_views/`) are handed in."""') == []


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
