"""The architecture table (architecture.toml) holds: every import is one it allows, and no circles of modules or rooms.

The table is the one statement of the layering; this module only reads the code's imports and
compares. An import is any `import` or `from ... import` statement, wherever it stands: at the top,
inside a function (loaded when used) or under `TYPE_CHECKING` (a type only). Each of those still
ties one module to another, so each counts for the rooms and for circles alike.
"""

from __future__ import annotations

import ast
import functools
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from ..support.spec import ROOT

pytestmark = SHARES_SYNTAX_TREES

PACKAGES = ("pexip_engage_client", "pexip_engage_cli")
ARCHITECTURE: dict[str, Any] = tomllib.loads((ROOT / "architecture.toml").read_text(encoding="utf-8"))
TABLE: dict[str, dict[str, Any]] = ARCHITECTURE["rooms"]


@dataclass(frozen=True)
class Import:
    path: str  # the importing file, relative to the repository
    line: int
    importer: str  # dotted module names; a package is its __init__
    imported: str
    absolute_self: bool = False  # the client importing itself by its absolute name (breaks vendoring)
    type_only: bool = False  # under `if TYPE_CHECKING:`: read by type checkers, never run


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_of(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def resolve(base: str, name: str) -> str:
    """`from base import name`: the submodule `base.name` if there is one, else `base` itself."""
    return f"{base}.{name}" if f"{base}.{name}" in MODULES else base


def imports_in(module: str, source: str, is_package: bool, path: str = "") -> Iterator[Import]:
    package = module if is_package else module.rpartition(".")[0]
    tree = parsed(source)
    for_types = {
        id(inner)
        for node in walked(tree)
        if isinstance(node, ast.If) and _is_type_checking(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in walked(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PACKAGES:
                    yield Import(
                        path, node.lineno, module, alias.name, _self(module, alias.name), id(node) in for_types
                    )
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base_parts = parts[: len(parts) - (node.level - 1)] + (node.module.split(".") if node.module else [])
                base = ".".join(base_parts)
            else:
                base = node.module or ""
            if base.split(".")[0] not in PACKAGES:
                continue
            absolute_self = not node.level and _self(module, base)
            for alias in node.names:
                yield Import(path, node.lineno, module, resolve(base, alias.name), absolute_self, id(node) in for_types)


def _is_type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` or `typing.TYPE_CHECKING`, read off the node: cheaper than unparsing every `if`."""
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING" and isinstance(test.value, ast.Name) and test.value.id == "typing"
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _self(importer: str, imported: str) -> bool:
    return _top(importer) == _top(imported) == "pexip_engage_client"


def _top(module: str) -> str:
    return module.split(".", maxsplit=1)[0]


@functools.cache
def every_import() -> tuple[Import, ...]:
    """Every import of both packages, read once per test process (the tests below share it: never change it)."""
    return tuple(
        found
        for module, path in MODULES.items()
        for found in imports_in(
            module, path.read_text(encoding="utf-8"), path.name == "__init__.py", str(path.relative_to(ROOT))
        )
    )


def room_of(module: str) -> str:
    for room, spec in TABLE.items():
        if module in spec.get("modules", ()):
            return room
    matches = [
        (len(prefix), room)
        for room, spec in TABLE.items()
        for prefix in spec.get("prefixes", ())
        if module == prefix or module.startswith(prefix + ".")
    ]
    if not matches:
        raise LookupError(f"{module} is in no room of architecture.toml")
    return max(matches)[1]


def is_public(module: str) -> bool:
    return module.startswith("pexip_engage_client") and not any(
        part.startswith("_") and part != "__main__" for part in module.split(".")
    )


def allowed(found: Import) -> bool:
    source, target = room_of(found.importer), room_of(found.imported)
    may = TABLE[source]["may_import"]
    return (
        source == target
        or target in may
        or ("public" in may and is_public(found.imported))
        or (found.type_only and target in TABLE[source].get("types_from", ()))
    )


def runs(found: Import) -> bool:
    """Whether an import ties its rooms when the code runs: all do but one of classes named for type checkers only."""
    return not (found.type_only and room_of(found.imported) in TABLE[room_of(found.importer)].get("types_from", ()))


def violations(imports: Sequence[Import]) -> list[str]:
    wrong = [
        f"{i.path}:{i.line} imports {i.imported} by the package's absolute name" for i in imports if i.absolute_self
    ]
    wrong += [
        f"{i.path}:{i.line} ({room_of(i.importer)}) imports {i.imported} ({room_of(i.imported)})"
        for i in imports
        if not allowed(i)
    ]
    return wrong


def circles(imports: Sequence[Import], of: Callable[[str], str] = str) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan's algorithm), sorted; of rooms with `of=room_of`."""
    edges: dict[str, set[str]] = {}
    for found in imports:
        importer, imported = of(found.importer), of(found.imported)
        if imported != importer:
            edges.setdefault(importer, set()).add(imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(groups)


def test_every_import_is_one_the_architecture_table_allows() -> None:
    assert violations(every_import()) == []


def test_no_two_modules_import_each_other_even_lazily_or_for_types() -> None:
    assert circles(every_import()) == []


def test_no_two_rooms_import_each_other_even_through_others() -> None:
    assert circles([found for found in every_import() if runs(found)], room_of) == []


def test_a_type_only_import_the_table_names_is_allowed_and_ties_no_rooms() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._scheduling._candidates import Candidate\n"
    (named,) = imports_in("pexip_engage_client._errors", source, False)
    (ran,) = imports_in("pexip_engage_client._errors", "from ._scheduling._candidates import Candidate\n", False)
    assert (named.type_only, violations([named]), runs(named)) == (True, [], False)
    assert (ran.type_only, runs(ran)) == (False, True)
    assert violations([ran]) != []


CORE = {*ARCHITECTURE["core"], "generated"}  # what any room may build on, private modules included


def into_private_modules(imports: Sequence[Import]) -> list[str]:
    """Each import from a feature's room (any room but the core's) of another feature's private module: a room builds
    on another's public face (a public module), or on the core, never on what may change under it unsaid."""
    return list(
        dict.fromkeys(  # one line an import, however many names it takes
            f"{i.path}:{i.line} ({room_of(i.importer)}) imports {i.imported} ({room_of(i.imported)})"
            for i in imports
            if room_of(i.importer) not in CORE
            and room_of(i.imported) not in CORE
            and room_of(i.importer) != room_of(i.imported)
            and not is_public(i.imported)
        )
    )


def test_no_feature_imports_another_features_private_module() -> None:
    assert into_private_modules(every_import()) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        # Imports that once tied features together: each is found again if it comes back.
        ("pexip_engage_client._scheduling._booking", "from .._ensuring._ensure import Ensure"),
        ("pexip_engage_client.webhooks._parse", "from .._drift._spec_drift import differences"),
        ("pexip_engage_client.webhooks._receiver", "from .._drift import _spec_drift"),
        ("pexip_engage_cli._postgres_migrate", "from pexip_engage_client.webhooks._stores import _postgres"),
        ("pexip_engage_cli._postgres_migrate", "from pexip_engage_client.mirror import _database"),
        ("pexip_engage_client.mirror._catching_up", "from ..webhooks._reconciling import reconcile"),
        ("pexip_engage_client.provisioning._apply", "from .._ensuring._ensure_lock import EnsureLocks"),
        ("pexip_engage_client.testing._fake", "from .._scheduling._candidates import Candidate"),
    ],
)
def test_a_feature_importing_another_features_private_module_is_reported(module: str, source: str) -> None:
    (found,) = imports_in(module, f"def later():\n    {source}\n", MODULES[module].name == "__init__.py")
    assert into_private_modules([found]) == [
        f":{found.line} ({room_of(module)}) imports {found.imported} ({room_of(found.imported)})"
    ]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("pexip_engage_client.webhooks._parse", "from ..spec_drift import SpecDrift"),  # a public face
        ("pexip_engage_client._scheduling._booking", "from .._errors import EnsureRefusedError"),  # the core
        ("pexip_engage_client.mirror._catching_up", "from ..webhooks import WebhookReceiver"),
        ("pexip_engage_cli._postgres_migrate", "from pexip_engage_client._shared.postgres_rooms import every_room"),
        ("pexip_engage_cli._mcp_command", "from ._mcp._auth import JWTVerifier"),  # one room: the command line
        ("pexip_engage_client.provisioning._lock", "from .._leasing._lease import FileLeases"),  # the core's `shared`
    ],
)
def test_a_feature_building_on_a_public_face_or_the_core_is_not_reported(module: str, source: str) -> None:
    assert into_private_modules(list(imports_in(module, source, False))) == []


MCP_SERVER = ("pexip_engage_cli._mcp", "pexip_engage_cli._mcp_tables")


def in_the_mcp_server(module: str) -> bool:
    return any(module == part or module.startswith(f"{part}.") for part in MCP_SERVER)


def outside_the_public_client(imports: Sequence[Import]) -> list[str]:
    """The MCP server's imports of anything but itself, `base`, `shared` and the client's public modules."""
    return [
        f"{i.path}:{i.line} imports {i.imported}"
        for i in imports
        if in_the_mcp_server(i.importer)
        and not in_the_mcp_server(i.imported)
        and room_of(i.imported) not in ("base", "shared")
        and not is_public(i.imported)
    ]


def test_the_mcp_server_builds_on_the_public_client_alone() -> None:
    """The command line is one room; within it, the MCP server (`_mcp/`, `_mcp_tables.py`) stays on what any user of
    the client may import, on `base` and on `shared`, as when it was a room of its own."""
    assert outside_the_public_client(every_import()) == []


def test_an_mcp_server_import_of_the_command_line_or_a_private_module_is_reported() -> None:
    found = [
        *imports_in("pexip_engage_cli._mcp._tools", "from .._exit import CommandError\n", False),
        *imports_in("pexip_engage_cli._mcp._tools", "from pexip_engage_client._client import PexipEngage\n", False),
        *imports_in("pexip_engage_cli._mcp._tools", "from pexip_engage_client import PexipEngage\n", False),
        *imports_in("pexip_engage_cli._mcp._tools", "from .._mcp_tables import MIGRATIONS\n", False),
    ]
    assert [line.split(" imports ")[1] for line in outside_the_public_client(found)] == [
        "pexip_engage_cli._exit",
        "pexip_engage_client._client",
    ]


def test_the_core_stands_in_its_order_and_on_no_feature() -> None:
    """Each room of the core may import only those before it (and the generated layer, which stands on the runtime),
    and those below the facade none of a feature's; a feature's room only the core below the facade and the features
    before it; and nothing of the table runs back."""
    core, features = ARCHITECTURE["core"], ARCHITECTURE["features"]
    assert set(core + features) <= set(TABLE)
    below_the_facade = core[: core.index("client")]
    for position, room in enumerate(core):
        named = {*core[:position], "generated"} | (set() if room in below_the_facade else set(features))
        named |= {"webhooks"} if room == "surface" else set()  # the package's root hands the receiver out too
        assert set(TABLE[room]["may_import"]) <= named, room
    for position, room in enumerate(features):
        assert set(TABLE[room]["may_import"]) <= {*below_the_facade, *features[:position], "generated"}, room
    allowed = [Import("", 0, room, to) for room, spec in TABLE.items() for to in spec["may_import"] if to != "public"]
    assert circles(allowed) == []  # the table itself: no room may import one that may import it back


def unreached(room: str, by: str, extra: dict[str, str] | None = None) -> list[str]:
    """The modules of `room` that the modules of `by` reach neither directly nor through `room`'s own imports.

    A name imported from a package counts for the module of the package's `__init__` it comes from,
    so a re-export does not make the whole package reached. `extra`: more modules, by name, as text.
    """
    sources = {module: path.read_text(encoding="utf-8") for module, path in MODULES.items()} | (extra or {})
    members = {module for module in sources if room_of(module) == room}
    packages = {module for module, path in MODULES.items() if path.name == "__init__.py"}
    edges: dict[str, set[str]] = {}
    for module in members | {module for module in sources if room_of(module) == by}:
        for found in imports_in(module, sources[module], module in packages):
            edges.setdefault(module, set()).add(found.imported)
    reached = {target for module, targets in edges.items() if room_of(module) == by for target in targets}
    to_visit = list(reached & members)
    while to_visit:
        for target in edges.get(to_visit.pop(), ()):
            if target in members and target not in reached:
                reached.add(target)
                to_visit.append(target)
    return sorted(members - packages - reached)


def test_every_module_of_a_room_reached_from_another_is_reached() -> None:
    rooms = [(room, spec["reached_from"]) for room, spec in TABLE.items() if "reached_from" in spec]
    assert rooms, "the runtime holds only what the generated code calls (architecture.toml)"
    for room, by in rooms:
        assert unreached(room, by) == [], f"only what {by} calls belongs in {room}: move the rest (to base?)"


def test_a_runtime_module_the_generated_code_does_not_reach_is_found() -> None:
    forks = {"pexip_engage_client._runtime.processes": '"""Fork handling."""\nimport os\n'}  # where it used to be
    assert unreached("runtime", "generated", forks) == ["pexip_engage_client._runtime.processes"]


def test_every_room_of_the_table_holds_modules_and_names_rooms_that_exist() -> None:
    used = {room_of(module) for module in MODULES}
    assert used == set(TABLE)
    for room, spec in TABLE.items():
        assert spec["holds"], room
        assert set(spec["may_import"]) <= set(TABLE) | {"public"}, room


# The checks above are only as good as the reading of imports: each case below must be seen as the
# violation or the circle it is.
@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("pexip_engage_client._runtime.pagination", "from .._generated.models import Employee", "generated"),
        ("pexip_engage_client._runtime", "from .. import errors", "public_errors"),
        ("pexip_engage_client._generated.api.employees", "from ...._client import PexipEngage", "client"),
        ("pexip_engage_client._senders._body", "from .._errors import ResponseTooLargeError", "errors"),
        ("pexip_engage_client.testing._fake", "from .._error_codes import ErrorCode", "client"),
        ("pexip_engage_client.provisioning._plan", "from .._request import RequestPipeline", "client"),
        ("pexip_engage_client._client", "from .webhooks import WebhookReceiver", "webhooks"),
        ("pexip_engage_cli._app", "from pexip_engage_client._configuration._config import hosts", "configuration"),
        # A room of the core importing one after it, or a feature.
        ("pexip_engage_client._pipeline._request", "from .._ensuring._ensure_lock import Turn", "ensuring"),
        ("pexip_engage_client._pipeline._decode", "from .._drift._spec_drift import differences", "drift"),
        ("pexip_engage_client._telemetry._stream", "from .._pipeline._auth import TokenRequestFailed", "pipeline"),
        # A room importing one that only the facade connects it to.
        ("pexip_engage_client._telemetry._stream", "from .._listening._calls import CallStream", "listening"),
        ("pexip_engage_client._pipeline._oauth", "from .._listening._logging import logged_path", "listening"),
        ("pexip_engage_client._senders._per_process", "from .._one_shot._sender import OneShotSender", "one_shot"),
        ("pexip_engage_client._limiting._governor", "from .._pipeline._retry import RetryPolicy", "pipeline"),
        ("pexip_engage_client._errors", "from ._scheduling._candidates import Candidate", "scheduling"),
        ("pexip_engage_client._errors", "from .errors import EnsureError", "public_errors"),
        ("pexip_engage_client._drift._spec_drift", "from .._client import PexipEngage", "client"),
    ],
)
def test_an_import_against_the_table_is_reported(module: str, source: str, expected: str) -> None:
    is_package = MODULES[module].name == "__init__.py"
    (found,) = imports_in(module, f"def later():\n    {source}\n", is_package)
    assert room_of(found.imported) == expected
    assert violations([found]) != []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("pexip_engage_client.testing._fake", "from .. import ErrorCode"),
        ("pexip_engage_client.testing._fake", "from ._spec import Json"),
        ("pexip_engage_cli._app", "from pexip_engage_client.errors import PexipEngageError"),
        ("pexip_engage_client._client", "from ._generated.api import Resources"),
        ("pexip_engage_client._senders._httpx_sender", "from ._heads import head_refusal"),
    ],
)
def test_an_import_the_table_allows_is_not_reported(module: str, source: str) -> None:
    assert violations(list(imports_in(module, source, False))) == []


def test_an_absolute_self_import_is_reported() -> None:
    (found,) = imports_in("pexip_engage_client._client", "import pexip_engage_client._errors", False)
    assert violations([found]) == [f":{found.line} imports pexip_engage_client._errors by the package's absolute name"]


def test_a_back_import_between_rooms_is_a_circle_of_rooms() -> None:
    """Two modules that do not import each other, in rooms that do: the rooms' circle is found, the modules' not."""
    down = list(imports_in("pexip_engage_client._pipeline._request", "from .._telemetry._stream import Calls\n", False))
    back = list(imports_in("pexip_engage_client._telemetry._stream", "from .._pipeline._auth import Secret\n", False))
    assert circles(down + back) == []
    assert circles(down + back, room_of) == [["pipeline", "telemetry"]]


def test_a_circle_through_a_type_only_import_is_found() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._rules import Rule\n"
    first = list(imports_in("pexip_engage_client.testing._api", source, False))
    second = list(imports_in("pexip_engage_client.testing._rules", "from . import _api\n", False))
    assert circles(first + second) == [["pexip_engage_client.testing._api", "pexip_engage_client.testing._rules"]]
