"""The core below the facade names no module of an on_demand room, not even in a string (issue 98, point 7).

test_architecture.py reads the imports; an import made from a module's name in a string (`lazy_module(...)`,
`importlib.import_module(...)`, an f-string) is none, and would hide a dependency that runs up the house. What the core
needs of such a room it declares (a Protocol, a callable) and the facade hands it in (`_telemetry/_stream.py`'s
`Listeners`, the one-shot sender chosen in `_client.py`). A docstring may name the room it is handed: it imports
nothing.
"""

from __future__ import annotations

import ast
import re

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from .test_architecture import ARCHITECTURE, MODULES, TABLE, room_of

pytestmark = SHARES_SYNTAX_TREES

BELOW_THE_FACADE = set(ARCHITECTURE["core"][: ARCHITECTURE["core"].index("client")])


def _names(room: str) -> list[str]:
    """The dotted names of an on_demand room's modules, from the package down (`_listening`, `_listening._calls`)."""
    dotted = [*TABLE[room].get("prefixes", ()), *TABLE[room].get("modules", ())]
    return [name.partition(".")[2] for name in dotted]


ON_DEMAND = re.compile(
    "|".join(rf"(?:^|\.){re.escape(name)}(?:\.|$)" for room in ARCHITECTURE["on_demand"] for name in _names(room))
    or r"(?!)"  # no room on demand: nothing to find
)


def named_in_strings(module: str, source: str) -> list[str]:
    """The strings of `module` (docstrings aside) that name a module of an on_demand room."""
    tree = parsed(source)
    docstrings = {
        id(node.body[0].value)
        for node in walked(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"{module}:{node.lineno} {node.value!r}"
        for node in walked(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and ON_DEMAND.search(node.value)
    ]


@pytest.mark.slow
def test_the_core_below_the_facade_names_no_on_demand_module_in_a_string() -> None:
    found = [
        line
        for module, path in MODULES.items()
        if module.startswith("pexip_engage_client") and room_of(module) in BELOW_THE_FACADE
        for line in named_in_strings(module, path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'lazy_module("pexip_engage_client._listening._calls")',
        'importlib.import_module(f"{__package__}._listening._logging")',
        'importlib.import_module("._one_shot._sender", "pexip_engage_client")',
        'model_views = lazy_module("pexip_engage_client._views._models")',
        'importlib.import_module("._local_times", __package__)',
        'lazy_module("pexip_engage_client._shared.limits")',
        'SOURCE = "pexip_engage_client._leasing"',
    ],
)
def test_a_name_of_an_on_demand_module_in_a_string_is_found(source: str) -> None:
    assert named_in_strings("pexip_engage_client._telemetry._stream", f"def later():\n    {source}\n") != []


def test_a_docstring_naming_the_room_it_is_handed_is_not_found() -> None:
    source = (
        '"""The listeners (`_listening._calls.CallStream`), handed in."""\nNAME = "pexip_engage_client._runtime"\n'
        'MESSAGE = "the shared limits cannot be reached"\n'
    )
    assert named_in_strings("pexip_engage_client._telemetry._stream", source) == []
