"""The hand-written code stays simple on average: radon's mean cyclomatic complexity, as `make complexity`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# radon is a development tool (the dev group), installed in the main venv only: the other Pythons'
# venvs leave this module out by its marker, and it imports radon only when its tests run.
pytestmark = pytest.mark.main_python_only
complexity = pytest.importorskip("scripts.checks.complexity", reason="radon is in the dev group: `make install`")

# The Makefile's COMPLEXITY_MAX, read from it (the ratchet is stated once; its history is the Makefile's comment).
_RATCHET = re.search(r"^COMPLEXITY_MAX := ([0-9.]+)$", (Path(__file__).parents[2] / "Makefile").read_text(), re.M)
assert _RATCHET is not None, "the Makefile states COMPLEXITY_MAX"
BOUND = float(_RATCHET[1])


def test_the_mean_complexity_of_the_hand_written_code_is_at_most_the_bound() -> None:
    found = complexity.blocks()
    worst = sorted(found, key=lambda block: -block.complexity)[:10]
    assert complexity.mean(found) <= BOUND, "\n".join(f"{b.complexity} {b.path}:{b.line} {b.name}" for b in worst)


def test_the_scope_is_both_packages_without_what_is_generated() -> None:
    paths = {block.path for block in complexity.blocks()}
    assert any(path.startswith("pexip_engage_client/") for path in paths)
    assert any(path.startswith("pexip_engage_cli/") for path in paths)
    assert not any(path.startswith("pexip_engage_client/_generated/") for path in paths)
    assert Path(complexity.ROOT, complexity.GENERATED).is_dir()  # the exclusion names a real folder
    # The sync twins repeat their async sources' branches: counted once, in the source.
    assert "pexip_engage_client/_client.py" in paths
    assert "pexip_engage_client/_sync/_client.py" not in paths
    assert Path(complexity.ROOT, "pexip_engage_client/_sync/_client.py").read_text().startswith(complexity.SYNC_TWIN)


def test_the_makefile_holds_the_same_bound() -> None:
    makefile = (complexity.ROOT / "Makefile").read_text(encoding="utf-8")
    declared = re.search(r"^COMPLEXITY_MAX := ([0-9.]+)$", makefile, re.MULTILINE)
    assert declared is not None
    assert float(declared[1]) == BOUND
