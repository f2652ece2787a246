"""The requirements of `make test-floors`: each dependency at the lowest version pyproject.toml allows.

Prints one requirement a line, for `pip install -r`: every runtime dependency and every extra's at
its declared floor (`name>=X` becomes `name==X`), then the `test` group's pins for what the tests
need besides. A pin of the test group that is itself a dependency gives way to the floor (the group
pins the newest, to test there too). So do the packages that the test group pins for an extra's
dependency and that require its newest release (the OpenTelemetry SDK and instrumentations, released
in step with opentelemetry-api, and FastAPI): they are left out, and so are the tests that need them
(tests/observability and tests/webhooks/test_mount.py, see the Makefile).

Only direct dependencies go to their floors; what they depend on is whatever pip resolves for them.
A dependency with no lower bound is an error: a range with no floor promises every old release.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# Test pins that require a newer release of a dependency than its floor (see the docstring): the
# OpenTelemetry SDK and instrumentations, released in step with opentelemetry-api, and FastAPI
# (tests/webhooks/test_mount.py), which requires opentelemetry-api 1.44 or later.
NEEDS_NEWEST = ("opentelemetry-sdk", "opentelemetry-instrumentation", "opentelemetry-exporter", "fastapi")
# Extras whose code the floors' suites do not run, left out: `mcp` (tests/mcp is not among the floors' suites)
# and `metrics` (its exporter is released in step with opentelemetry-api; `/metrics` is tested in
# tests/observability and tests/cli).
NOT_AT_FLOORS = ("mcp", "metrics")


def floor(requirement: Requirement) -> str:
    """`name==X` for a requirement declared `name>=X` (with or without an upper bound)."""
    floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    if len(floors) != 1:
        raise SystemExit(f"floors: {requirement} declares no single lower bound (>=X); give it one")
    return f"{canonicalize_name(requirement.name)}=={floors[0]}"


def requirements(pyproject: dict[str, Any]) -> list[str]:
    project = pyproject["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    for name, extra in project.get("optional-dependencies", {}).items():
        if name not in NOT_AT_FLOORS:
            declared += [Requirement(text) for text in extra]
    # A dependency two extras share (PyYAML: `cli` and `testing`) goes once, at the floor both declare.
    lines = list(dict.fromkeys(floor(requirement) for requirement in declared))
    names = {canonicalize_name(requirement.name) for requirement in declared}
    for text in pyproject["dependency-groups"]["test"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name not in names and not name.startswith(NEEDS_NEWEST) and name not in NOT_AT_FLOORS:
            lines.append(str(requirement))
    return lines


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    print("\n".join(requirements(tomllib.loads(path.read_text()))))


if __name__ == "__main__":
    main()
