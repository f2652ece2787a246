"""The fields of answers each hand-written feature reads: `docs/feature-fields.yaml`, from a recording run.

    python -m scripts.generate.feature_fields              # the whole suite, the list written anew
    python -m scripts.generate.feature_fields TESTS...     # those tests' reads added to the list

The list is never kept by hand (issue 75, point 1): the suite records, while it runs, each field of
an answer that a feature's own module reads (tests/support/feature_fields.py), and a test fails when
it saw a read the list does not hold, naming this command with itself as TESTS. Given TESTS (pytest
arguments: files, node ids, `-k ...`), their reads are added to the list; without, the suite (its
tests that run in this process: not `contract` nor `schemathesis`) is run in two workers and the
list written from its reads alone, which also drops what no feature reads any more.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import yaml

from .api_surface import ROOT

LIST = ROOT / "docs" / "feature-fields.yaml"
COMMAND = "python -m scripts.generate.feature_fields"
# Set for a recording run: the folder each test process writes its reads to (its tests check nothing).
RECORD_VARIABLE = "PEXIP_ENGAGE_RECORD_FEATURE_FIELDS"
ANY_OPERATION = "*"  # a read whose reader did not know the answer's operation (an error body)
WHOLE_SUITE = ("tests", "-n", "2", "-m", "not contract and not schemathesis")
HEADER = f"""\
# The fields of answers each hand-written feature reads (issue 75): feature -> operationId -> JSON
# Pointers into the answer's body (list items written `*`).
# Written by `{COMMAND}` from the reads recorded while the tests run
# (tests/support/feature_fields.py); never edited by hand. A test fails when a feature reads a field
# this list does not hold; the drift fuzzer (tests/drift) plants each one absent, null and of another
# JSON type, and runs the feature.
"""


class Read(NamedTuple):
    """One field of an answer a feature read."""

    feature: str  # walks, ensure, reconcile, mirror, free_busy, provisioning, mcp, cli, spec_check, errors, oauth
    operation: str  # the operationId of the answer; `*`: any (its reader did not know which)
    pointer: str  # a JSON Pointer into the answer's body, list items written `*`

    def shown(self) -> str:
        return f"{self.feature}: {self.operation} {self.pointer}"


def parse(text: str) -> set[Read]:
    """The reads a list's text holds."""
    document = yaml.safe_load(text) or {}
    return {
        Read(feature, operation, pointer)
        for feature, operations in (document.get("features") or {}).items()
        for operation, pointers in operations.items()
        for pointer in pointers
    }


def listed(path: Path = LIST) -> set[Read]:
    """The reads `docs/feature-fields.yaml` holds (none before it is first written)."""
    return parse(path.read_text(encoding="utf-8")) if path.exists() else set()


def written(reads: Iterable[Read]) -> str:
    """The list's text for `reads`, sorted."""
    features: dict[str, dict[str, list[str]]] = {}
    for read in sorted(set(reads)):
        features.setdefault(read.feature, {}).setdefault(read.operation, []).append(read.pointer)
    return HEADER + yaml.safe_dump({"features": features}, sort_keys=True, default_flow_style=False)


def record(pytest_arguments: list[str]) -> tuple[set[Read], int]:
    """The reads of a pytest run of `pytest_arguments` (each of its processes writes its own), and its exit code."""
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, RECORD_VARIABLE: folder, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_arguments]
        code = subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode
        reads = set().union(*(parse(path.read_text(encoding="utf-8")) for path in Path(folder).glob("*.yaml")))
    return reads, code


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    reads, code = record(arguments or list(WHOLE_SUITE))
    if arguments:
        reads |= listed()
    LIST.write_text(written(reads), encoding="utf-8")
    features = len({read.feature for read in reads})
    print(f"{LIST.relative_to(ROOT)}: {len(reads)} fields read by {features} features", file=sys.stderr)
    if code not in (0, 5):  # 5: no test was collected
        print(f"note: the recording run's tests exited {code}; the list holds the reads seen", file=sys.stderr)
    return 0 if code in (0, 5) else 1


if __name__ == "__main__":
    sys.exit(main())
