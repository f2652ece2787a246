"""What CI checks is split in three, and `.ci/run` runs all three: nothing CI checks goes unchecked.

`make test` runs lint, types, the generated-code and spec checks and the main Python's suite but the soak tests,
and no other Python or dependency floor; `make test-matrix` runs the other Pythons and the floors; `make soak` the
tests that run for minutes on the clock. Read from the Makefile's text: running them is what they are for.
"""

from __future__ import annotations

import re

from ..support.spec import ROOT


def _recipe(target: str) -> str:
    """The prerequisites and recipe of `target` in the Makefile: its rule's line and the tab-indented lines after."""
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(rf"^{re.escape(target)}:(?P<rule>.*\n(?:\t.*\n|\n(?=\t))*)", makefile, re.MULTILINE)
    assert found is not None, target
    return found.group("rule")


def test_make_test_runs_the_checks_and_the_main_pythons_suite_and_no_other() -> None:
    test = _recipe("test")
    for check in ("lint", "typecheck", "check-generated", "spec"):
        assert re.search(rf"\b{check}\b", test), check
    assert "$(PYTEST_PARALLEL)" in test  # the whole suite, in .venv
    assert '-m "not soak"' in test
    assert "test-other-pythons" not in test
    assert "test-floors" not in test
    assert "test-matrix" not in test


def test_make_test_matrix_runs_the_other_pythons_and_the_floors() -> None:
    matrix = _recipe("test-matrix")
    assert "test-other-pythons" in matrix
    assert "test-floors" in matrix


def test_make_soak_runs_the_soak_tests() -> None:
    assert "-m soak" in _recipe("soak")


def test_ci_runs_all_three() -> None:
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert commands[-3:] == ["make test", "make test-matrix", "make soak"]
    assert "set -euo pipefail" in commands  # the first to fail fails CI
