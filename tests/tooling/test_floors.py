"""scripts/checks/floors.py: the requirements `make test-floors` installs, from pyproject.toml's own ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from scripts.checks.floors import requirements

ROOT = Path(__file__).resolve().parents[2]


def test_every_dependency_and_extra_goes_at_its_declared_floor_beside_the_test_pins() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    lines = requirements(pyproject)
    assert "httpx2==2.16.0" in lines
    assert "httpx==0.27" in lines  # the `httpx` extra's (the legacy path)
    assert "msgspec==0.19" in lines
    assert "redis==5.0.8" in lines  # the `redis` extra's
    # The test group's pin of a dependency gives way to its floor; its other pins stay.
    assert not any(line.startswith("msgspec==0.22") for line in lines)
    assert "aiohttp==3.14.5" in lines  # a test peer only (no extra of the client names it)
    assert "pytest==9.2.0" in lines
    # Released in step with opentelemetry-api and needing its newest: left out with tests/observability.
    assert not any(line.startswith(("opentelemetry-sdk", "fastapi")) for line in lines)
    assert len({line.split("==")[0] for line in lines}) == len(lines)


def test_a_dependency_with_no_lower_bound_is_refused() -> None:
    pyproject = {"project": {"dependencies": ["httpx2<1"]}, "dependency-groups": {"test": []}}
    with pytest.raises(SystemExit, match="httpx2<1 declares no single lower bound"):
        requirements(pyproject)
