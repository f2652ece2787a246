"""`pytest --quick`, `make check`'s selection: every test that starts no program, a parametrized one by its first and
last case.

A test with any of `spawn_guard.PROGRAM_MARKERS` (slow, soak, a server, a program) is `make test`'s. Of the others,
each parametrized test runs its first and last case only, so a slip in any promise fails at least one case; the
other cases (each operation, each time-zone transition, each sender stack between the first and the last) are
`make test`'s. The converted copies of the client's tests (`_sync` folders) always run this way: the twin checks
prove that their code is the conversion of the async tests', which run every case. The first and the last rather
than a random draw, so that every run selects the same.

A test module whose every test is left out is not imported: what those modules import (servers' clients, brokers,
Django, Celery) would be imported again by each of `make check`'s processes. Whether it is, is read from its source
(`every_test_left_out`), and only where that cannot be wrong: a marker on the module's `pytestmark` or on each test
function's own decorators. A module it cannot tell about is imported and selected as any other;
tests/tooling/test_quick_selection.py checks the source's word against what pytest selects.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from .spawn_guard import PROGRAM_MARKERS

_LEFT_OUT = frozenset(PROGRAM_MARKERS)


def add_option(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="make check's selection: no test with a marker of a program, a parametrized test's first and last case",
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("--quick") and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return every_test_left_out(collection_path) or None
    return None


@pytest.hookimpl(trylast=True)  # after `-m` selects: the cases kept are among those it left
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    everywhere = config.getoption("--quick")
    left = set()
    cases: dict[tuple[str, str], list[pytest.Item]] = {}
    for item in items:
        if everywhere and any(item.get_closest_marker(name) is not None for name in _LEFT_OUT):
            left.add(id(item))
        elif everywhere or "_sync" in item.path.parts:
            name = item.originalname if isinstance(item, pytest.Function) else item.name
            cases.setdefault((item.path.as_posix(), name), []).append(item)
    left |= {id(case) for group in cases.values() for case in group[1:-1]}
    if left:
        config.hook.pytest_deselected(items=[item for item in items if id(item) in left])
        items[:] = [item for item in items if id(item) not in left]


@functools.cache  # pytest asks about a file once for each folder or file named that holds it
def every_test_left_out(path: Path) -> bool:
    """Whether the module's source marks every test of it with one of `PROGRAM_MARKERS`: by its `pytestmark`, or by
    a decorator of each `test` function (`@pytest.mark.slow`, `@pytest.mark.slow(...)`). A class of tests, or a test
    marked another way (a parameter's marks, a fixture that marks), reads as not left out."""
    tree = ast.parse(path.read_bytes(), str(path))
    tests: list[set[str | None]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "pytestmark" for target in node.targets):
            values = node.value.elts if isinstance(node.value, ast.List | ast.Tuple) else [node.value]
            if _LEFT_OUT & {_marker(value) for value in values}:
                return True
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            tests.append({_marker(decorator) for decorator in node.decorator_list})
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(target, "id", "").startswith("test") for target in targets):
                tests.append(set())  # a test made by a call: what marks it cannot be read here
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            return False
    return bool(tests) and all(_LEFT_OUT & marks for marks in tests)


def _marker(node: ast.expr) -> str | None:
    """`slow` of `pytest.mark.slow` or `pytest.mark.slow(...)`; None of anything else."""
    if isinstance(node, ast.Call):
        node = node.func
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "mark"
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id == "pytest"
    ):
        return node.attr
    return None
