"""The tests' own layout: helpers in tests/support/, fixtures in conftest.py, and nothing imported from a conftest.

pytest loads every conftest.py itself; importing one as a module as well runs it twice under two
names, and makes a fixture file a library that every suite depends on (issue 56). A helper goes
to tests/support/, which any test imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from ..support.spec import ROOT

pytestmark = SHARES_SYNTAX_TREES

TESTS = ROOT / "tests"


def _python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def _imported_modules(path: Path) -> list[str]:
    """The modules a file imports, relative ones written with their dots (`..conftest`)."""
    found = []
    for node in walked(parsed(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
            found += ["." * node.level + alias.name for alias in node.names if node.module is None]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


@pytest.mark.costly  # a scan of the whole package: in make test, not make check's minute
def test_no_test_module_imports_from_a_conftest() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in _python_files()
        for module in _imported_modules(path)
        if module.rsplit(".", 1)[-1] == "conftest"
    ]
    assert offenders == [], "import helpers from tests/support/, not from a conftest"


def _is_fixture(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr == "fixture":
            return True
    return False


def test_every_conftest_defines_fixtures_only() -> None:
    """No helper function or class in a conftest: constants, settings and pytest's hooks may stay, helpers
    go to tests/support/."""
    offenders = []
    for path in sorted(TESTS.rglob("conftest.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) or (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and not _is_fixture(node)
                and not node.name.startswith("pytest_")
            ):
                offenders.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert offenders == [], "move these helpers to tests/support/"


def test_the_check_sees_an_import_from_a_conftest(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text("from ..conftest import TOKEN\nfrom . import conftest\n")
    assert [m for m in _imported_modules(module) if m.rsplit(".", 1)[-1] == "conftest"] == ["..conftest", ".conftest"]
