"""`make check` (`pytest --quick`) runs every test that starts no program, though it imports no module whose every
test does (tests/support/quick.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..support import quick
from ..support.spawn_guard import WITHOUT_PROGRAMS
from ..support.spec import ROOT

_CASES = {
    "module_marked": "import pytest\npytestmark = [pytest.mark.timeout(9), pytest.mark.slow]\ndef test_a(): pass\n",
    "each_marked": "import pytest\n@pytest.mark.end_to_end\ndef test_a(): pass\n"
    "@pytest.mark.soak()\nasync def test_b(): pass\n",
    "one_unmarked": "import pytest\n@pytest.mark.slow\ndef test_a(): pass\ndef test_b(): pass\n",
    "other_marker": "import pytest\n@pytest.mark.timeout(5)\ndef test_a(): pass\n",
    "a_case_marked": "import pytest\n"
    "@pytest.mark.parametrize('n', [pytest.param(1, marks=pytest.mark.slow), 2])\ndef test_a(n): pass\n",
    "a_class": "import pytest\n@pytest.mark.slow\ndef test_a(): pass\nclass TestB:\n    def test_c(self): pass\n",
    "made_by_a_call": "import pytest\n@pytest.mark.slow\ndef test_a(): pass\ntest_b = lambda: None\n",
    "no_test": "import pytest\n",
}


def test_a_module_is_left_unimported_only_where_its_source_marks_every_test(tmp_path: Path) -> None:
    left = set()
    for name, source in _CASES.items():  # every case in make check too, which runs a parametrized test's ends only
        path = tmp_path / f"test_{name}.py"
        path.write_text(source, encoding="utf-8")
        if quick.every_test_left_out(path):
            left.add(name)
    assert left == {"module_marked", "each_marked"}


@pytest.mark.end_to_end  # runs pytest's collection in a process of its own
def test_every_module_left_unimported_has_no_test_the_quick_run_would_select() -> None:
    """What the source says is what pytest selects: for each module `--quick` does not import, collecting it without
    `--quick` (every test imported and marked, the `servers` marker included) selects none of it."""
    left = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
        if "_sync" not in path.parts and quick.every_test_left_out(path)
    ]
    assert len(left) > 50  # the soak, server and program suites
    collect = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    selected = subprocess.run(
        [*collect, "-m", WITHOUT_PROGRAMS, *left],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert selected.returncode == 5, selected.stdout[-3000:] + selected.stderr[-2000:]  # 5: no test selected
