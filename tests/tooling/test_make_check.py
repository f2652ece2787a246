"""`make check` from a fresh clone installs what it needs first, as `make test` does (issue 70)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..support.spec import ROOT

# Runs make (tests/support/spawn_guard.py).
pytestmark = pytest.mark.end_to_end


def test_make_check_on_a_fresh_clone_installs_first(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    # Not as a sub-make of a `make check` running these tests: its flags would be inherited.
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    planned = subprocess.run(
        ["make", "-n", "check"], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60, env=env
    ).stdout  # what make would run, in order, where no venv and no node_modules exist yet
    steps = [
        "-m venv .venv",
        "-e '.[testing]' --group dev",
        "--group docs",  # griffe, for the docs' tests
        "npm ci",  # ajv and redocly, for the spec's tests
        ".venv/bin/ruff check .",
        ".venv/bin/pytest",
    ]
    places = [planned.find(step) for step in steps]
    assert -1 not in places, planned
    assert places == sorted(places), planned
