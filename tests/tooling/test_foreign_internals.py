"""No other library's internals (issue 68, point 2), read from the package's source.

The client and the command line use other libraries, the standard library included, through
what they publish only: a patch release of one must not break them silently. So, in every
hand-written module of `pexip_engage_client` and `pexip_engage_cli`:

- no `__class__` is assigned (an object re-classed: another library's response, pool or module);
- nothing is put in `sys.modules` under a name that is not the package's own (a stand-in for
  another library's module, which a user's own import would then get);
- no private module or name of another library is imported (`from httpcore2._async import ...`,
  `from argparse import _SubParsersAction`), and none is read off an imported module
  (`httpcore2._async`, `getattr(atexit, "_run_exitfuncs")`).

What an object of another library holds (`transport._pool`) cannot be told from source by
its name alone; the modules that call other libraries are few and read in review.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked

pytestmark = SHARES_SYNTAX_TREES

ROOT = Path(__file__).resolve().parents[2]
OURS = ("pexip_engage_client", "pexip_engage_cli")

# None is allowed: a module loaded on first use is an ordinary import's (`_base/lazy_module.py`).
CLASS_ASSIGNMENTS: dict[str, int] = {}
MODULE_REGISTRATIONS: dict[str, int] = {}
# Names with a leading underscore that the standard library documents as public.
DOCUMENTED = {("sys", "_getframe"), ("os", "_exit")}


@functools.cache
def modules() -> list[tuple[str, ast.Module]]:
    return list(_modules())


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/_generated/" in relative:
                continue  # written by the generator from openapi.yaml, which imports nothing of the sort
            yield relative, parsed(path.read_text(encoding="utf-8"))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def foreign(module: str) -> bool:
    return module.partition(".")[0] not in OURS


def class_assignments(tree: ast.Module) -> int:
    found = 0
    for node in walked(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        found += sum(isinstance(target, ast.Attribute) and target.attr == "__class__" for target in targets)
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) in ("setattr", "object.__setattr__")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "__class__"
        ):
            found += 1
    return found


def module_registrations(tree: ast.Module) -> tuple[int, list[str]]:
    """(registrations under a computed name, foreign names registered), in `sys.modules`."""
    computed, named = 0, []
    for node in walked(tree):
        keys: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            keys = [
                target.slice
                for target in node.targets
                if isinstance(target, ast.Subscript) and ast.unparse(target.value) == "sys.modules"
            ]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and ast.unparse(node.func.value) == "sys.modules"
            and node.func.attr in ("setdefault", "update", "__setitem__")
        ):
            keys = node.args[:1] if node.func.attr != "update" else [ast.Constant("?update")]
        for key in keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if foreign(key.value):
                    named.append(key.value)
            else:
                computed += 1
    return computed, named


def private_uses(tree: ast.Module) -> list[str]:
    """Every private module or name of another library this module imports or reads off an imported module."""
    found: list[str] = []
    imported: set[str] = set()  # local names bound to another library's modules (or names)
    for node in walked(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if foreign(alias.name):
                    imported.add(alias.asname or alias.name.split(".")[0])
                    if any(private(part) for part in alias.name.split(".")):
                        found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and foreign(node.module or ""):
            module = node.module or ""
            if any(private(part) for part in module.split(".")):
                found.append(f"line {node.lineno}: from {module} import ...")
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if private(alias.name) and (module, alias.name) not in DOCUMENTED:
                    found.append(f"line {node.lineno}: from {module} import {alias.name}")
    for node in walked(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in imported
            and private(node.attr)
            and (node.value.id, node.attr) not in DOCUMENTED
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in imported
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
        ):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def test_no_object_is_re_classed() -> None:
    found = {path: count for path, tree in modules() if (count := class_assignments(tree))}
    assert found == CLASS_ASSIGNMENTS


def test_no_stand_in_for_another_library_s_module_is_registered() -> None:
    computed = {}
    for path, tree in modules():
        count, named = module_registrations(tree)
        assert named == [], f"{path} registers {named} in sys.modules"
        if count:
            computed[path] = count
    assert computed == MODULE_REGISTRATIONS


def test_no_private_module_or_name_of_another_library_is_used() -> None:
    found = {path: uses for path, tree in modules() if (uses := private_uses(tree))}
    assert found == {}


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("pool.__class__ = Prompt", "class"),
        ("setattr(response, '__class__', Both)", "class"),
        ("import sys\nsys.modules['httpx2.__version__'] = stand_in", "module"),
        ("from httpcore2._async.connection_pool import AsyncPoolRequest", "private"),
        ("import httpcore2\nhttpcore2._async", "private"),
        ("import atexit\ngetattr(atexit, '_run_exitfuncs', None)", "private"),
        ("from argparse import _SubParsersAction", "private"),
        ("import argparse\nx: argparse._SubParsersAction", "private"),
    ],
)
def test_the_scan_finds_each_kind(source: str, kind: str) -> None:
    tree = ast.parse(source)
    if kind == "class":
        assert class_assignments(tree) == 1
    elif kind == "module":
        assert module_registrations(tree) == (0, ["httpx2.__version__"])
    else:
        assert private_uses(tree)


def test_the_package_s_own_private_modules_and_documented_names_are_not_flagged() -> None:
    tree = ast.parse("from pexip_engage_client._base import lazy_module\nimport os, sys\nos._exit(0)\nsys._getframe(1)")
    assert private_uses(tree) == []
