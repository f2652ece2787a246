"""A call's options, followed from `RequestPipeline.__call__`: one home, and no way back up (issue 98, point 4).

The walk reads the code (nothing is run): from the `options` parameter of `RequestPipeline.__call__`, every call of
a function of the package that is handed the options, or a part of them (`options["timeout"]`, a name bound to
one), is entered, in the order the code is written. The functions handed the options object itself are at most
`MAX_PLACES`, and the rooms the route enters (architecture.toml's `core` order) never go back up: a room entered
after a lower one is never a higher one. What a checked call returns (the call's `CallSettings`) is the checks'
result, not the options, and is not followed.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..support.spec import ROOT
from .test_architecture import ARCHITECTURE, room_of

MAX_PLACES = 6
START = ("pexip_engage_client._pipeline._request", "RequestPipeline.__call__", "options")
CORE: list[str] = ARCHITECTURE["core"]


@dataclass(frozen=True)
class Stop:
    """A function the route enters: `whole` if it is handed the options object itself, not a part of them."""

    module: str
    function: str
    whole: bool

    @property
    def room(self) -> str:
        return room_of(self.module)


@dataclass
class Code:
    """The package's functions by module and qualified name, and each module's imported names."""

    functions: dict[tuple[str, str], ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    imported: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # module -> name -> (module, name)
    methods: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # a method's name -> its definitions

    @classmethod
    def of(cls, sources: Mapping[str, str]) -> Code:
        """The code of `sources` (dotted module name -> source; a package's `__init__` under the package's name)."""
        code = cls()
        for module, source in sources.items():
            tree = ast.parse(source)
            code.imported[module] = dict(_imports(module, tree, sources))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    code.functions[module, node.name] = node
                elif isinstance(node, ast.ClassDef):
                    for member in node.body:
                        if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                            code.functions[module, f"{node.name}.{member.name}"] = member
                            code.methods.setdefault(member.name, []).append((module, f"{node.name}.{member.name}"))
        return code

    def callee(self, module: str, owner: str, call: ast.Call) -> tuple[str, str] | None:  # noqa: PLR0911 - one per way a call names it
        """The function of the package `call` (made in `owner`, a function of `module`) runs, when it can be told."""
        target = call.func
        if isinstance(target, ast.Name):
            if (module, target.id) in self.functions:
                return module, target.id
            found = self.imported[module].get(target.id)
            if found is not None and found in self.functions:
                return found
            return None
        if not isinstance(target, ast.Attribute):
            return None
        if isinstance(target.value, ast.Name):
            holder = target.value.id
            if holder in ("self", "cls") and "." in owner:
                own = (module, f"{owner.split('.', maxsplit=1)[0]}.{target.attr}")
                if own in self.functions:
                    return own
            imported = self.imported[module].get(holder)
            named = imported or (module, holder)
            if (named[0], f"{named[1]}.{target.attr}") in self.functions:  # `Class.method(...)`
                return named[0], f"{named[1]}.{target.attr}"
        defined = self.methods.get(target.attr, [])
        return defined[0] if len(defined) == 1 else None  # a method only one class has


def _imports(module: str, tree: ast.Module, sources: Mapping[str, str]) -> Iterator[tuple[str, tuple[str, str]]]:
    package = module if f"{module}.__init__" in sources else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - (node.level - 1)] + ([node.module] if node.module else []))
            for alias in node.names:
                yield alias.asname or alias.name, (base, alias.name)


def walk(code: Code, start: tuple[str, str, str]) -> list[Stop]:
    """The functions the options enter from `start` (module, function, parameter), in the order written."""
    route: list[Stop] = []
    seen: set[tuple[str, str, str, bool]] = set()

    def enter(module: str, function: str, parameter: str, whole: bool) -> None:
        if (module, function, parameter, whole) in seen:
            return
        seen.add((module, function, parameter, whole))
        route.append(Stop(module, function, whole))
        names = {parameter: whole}  # the names the options, or a part of them, go by here
        for statement in code.functions[module, function].body:
            for found in _in_order(statement):
                if isinstance(found, ast.Call):
                    follow(module, function, found, names)
                else:
                    _bind(found, names)

    def follow(module: str, function: str, call: ast.Call, names: dict[str, bool]) -> None:
        callee = code.callee(module, function, call)
        if callee is None:
            return
        parameters = _parameters(code.functions[callee])
        given: list[tuple[int | str, ast.expr]] = [*enumerate(call.args)]
        given += [(keyword.arg, keyword.value) for keyword in call.keywords if keyword.arg]
        for place, value in given:
            carried = _carried(value, names)
            name = place if isinstance(place, str) else _positional(parameters, place, callee, call)
            if carried is not None and name is not None:
                enter(*callee, name, carried)

    enter(*start, True)
    return route


def _in_order(statement: ast.stmt) -> list[ast.expr | ast.stmt]:
    """The calls and bindings of `statement`, in the order written (an outer call before the calls in its arguments)."""
    kinds = ast.Call | ast.Assign | ast.AnnAssign | ast.AugAssign | ast.For | ast.NamedExpr
    found: list[ast.expr | ast.stmt] = [node for node in ast.walk(statement) if isinstance(node, kinds)]
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def _bind(node: ast.AST, names: dict[str, bool]) -> None:
    """A name bound to the options (or a part of them) goes by it too; a project call's result is not them."""
    value = node.iter if isinstance(node, ast.For) else getattr(node, "value", None)
    targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
    if value is None or isinstance(value, ast.Call):
        return
    carried = _carried(value, names)
    for target in targets:
        if isinstance(target, ast.Name) and carried is not None:
            names[target.id] = carried


def _carried(value: ast.expr, names: Mapping[str, bool]) -> bool | None:  # noqa: PLR0911 - one per kind of expression
    """Whether `value` is the options (True), a part of them (False), or neither (None)."""
    if isinstance(value, ast.Name):
        return names.get(value.id)
    if isinstance(value, ast.Subscript | ast.Attribute):
        return False if _carried(value.value, names) is not None else None
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):  # `options.get("x")`, `.keys()`
        return False if _carried(value.func.value, names) is not None else None
    if isinstance(value, ast.Starred | ast.UnaryOp):
        return _carried(value.value if isinstance(value, ast.Starred) else value.operand, names)
    if isinstance(value, ast.BinOp):
        parts = [_carried(value.left, names), _carried(value.right, names)]
        return False if any(part is not None for part in parts) else None
    if isinstance(value, ast.IfExp):
        parts = [_carried(value.body, names), _carried(value.orelse, names)]
        return True if True in parts else False if False in parts else None
    return None


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [argument.arg for argument in (*node.args.posonlyargs, *node.args.args)]


def _positional(parameters: list[str], index: int, callee: tuple[str, str], call: ast.Call) -> str | None:
    """The parameter the `index`-th positional argument of `call` lands in (`self` skipped for a method)."""
    if (
        parameters
        and parameters[0] in ("self", "cls")
        and not (
            isinstance(call.func, ast.Attribute) and callee[1].startswith(getattr(call.func.value, "id", "") + ".")
        )
    ):
        index += 1
    return parameters[index] if index < len(parameters) else None


def climbs(route: list[Stop]) -> list[str]:
    """Each step of the route into a room above the one it comes from (`core` order; any other room is above)."""

    def rank(stop: Stop) -> int:
        return CORE.index(stop.room) if stop.room in CORE else len(CORE)

    return [
        f"{before.function} ({before.room}) -> {after.function} ({after.room})"
        for before, after in itertools.pairwise(route)
        if rank(after) > rank(before)
    ]


def places(route: list[Stop]) -> list[str]:
    """The functions the options object itself goes through, one after another."""
    return [f"{stop.module}:{stop.function}" for stop in route if stop.whole]


def package_sources() -> dict[str, str]:
    sources = {}
    for path in sorted((ROOT / "pexip_engage_client").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "_sync" in relative.parts or "_generated" in relative.parts:
            continue
        sources[_module(relative)] = path.read_text(encoding="utf-8")
    return sources


def _module(relative: Path) -> str:
    parts = list(relative.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_a_calls_options_stay_in_few_places_and_never_go_back_up() -> None:
    route = walk(Code.of(package_sources()), START)
    assert len(places(route)) <= MAX_PLACES, places(route)
    assert climbs(route) == [], [f"{stop.module}:{stop.function}" for stop in route]
    # Every part of the options is checked in their one home (their checks and the client's: `_runtime/options.py`).
    assert {stop.module for stop in route if not stop.whole} <= {"pexip_engage_client._runtime.options"}, route


def test_the_walk_finds_options_that_go_back_up_and_too_many_places() -> None:
    """The same walk over a small package where the options go down to a check and come back up, through 8 places."""
    chain = "\n".join(f"def step{n}(options):\n    return step{n + 1}(options)\n" for n in range(7))
    sources = {
        "pexip_engage_client._pipeline._request": (
            "from .._base.arguments import check\nfrom ._more import step0\n"
            "class RequestPipeline:\n"
            "    def __call__(self, request, returns, options):\n"
            "        self._prepare(options)\n        return step0(options)\n"
            "    def _prepare(self, options):\n        check(options['timeout'])\n        self._use(options)\n"
            "    def _use(self, options):\n        return options\n"
        ),
        "pexip_engage_client._pipeline._more": chain + "def step7(options):\n    return options\n",
        "pexip_engage_client._base.arguments": "def check(value):\n    return value\n",
    }
    route = walk(Code.of(sources), START)
    assert climbs(route) == ["check (base) -> RequestPipeline._use (pipeline)"]
    assert len(places(route)) == 11  # __call__, _prepare, _use and the 8 steps
    assert {stop.function for stop in route if not stop.whole} == {"check"}
