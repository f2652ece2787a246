"""The operations openapi.yaml infers rather than copies, written from the spec by `make generate`.

    python -m scripts.generate.inferred_operations GENERATED_DIR [--spec openapi.yaml]

An operation the copied documentation does not show, added to the spec from other evidence (the
appointment life-cycle actions: cancel, complete, ...), carries an `x-inferred` extension: its
`evidence` and a `note`. Its method and path, and that note, are written here to
`GENERATED_DIR/inferred_operations.py`, which the request pipeline reads to warn once per process
when such an operation is first called (`pexip_engage_client/_pipeline/_inferred.py`): the client reads a
small table instead of parsing the spec at run time, and a spec that infers nothing writes an
empty one. Beside it, each one's operationId, the name `accept_inferred` takes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from .api_surface import ROOT

OUTPUT_NAME = "inferred_operations.py"
EXTENSION = "x-inferred"
HEADER = '''# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
# Written by scripts/generate/inferred_operations.py.
"""Each operation the spec marks `x-inferred` ("METHOD /path template"), and the extension's note; and by
operationId (the name `accept_inferred` takes), its "METHOD /path template"."""

INFERRED_OPERATIONS: dict[str, str] = {
'''


def inferred_operations(spec: dict[str, Any]) -> dict[str, str]:
    """`METHOD /path` -> the `note` of its `x-inferred`, for each operation that has one."""
    found: dict[str, str] = {}
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and EXTENSION in operation:
                found[f"{method.upper()} {path}"] = str(operation[EXTENSION].get("note", ""))
    return found


def inferred_names(spec: dict[str, Any]) -> dict[str, str]:
    """operationId -> `METHOD /path`, for each operation that has an `x-inferred`."""
    return {
        str(operation["operationId"]): f"{method.upper()} {path}"
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and EXTENSION in operation
    }


def render(operations: dict[str, str], names: dict[str, str]) -> str:
    entries = "".join(f"    {json.dumps(key)}: {json.dumps(note)},\n" for key, note in sorted(operations.items()))
    named = "".join(f"    {json.dumps(name)}: {json.dumps(key)},\n" for name, key in sorted(names.items()))
    return HEADER + entries + "}\n\nINFERRED_NAMES: dict[str, str] = {\n" + named + "}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("generated", type=Path, help="the _generated folder to write into")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    (args.generated / OUTPUT_NAME).write_text(render(inferred_operations(spec), inferred_names(spec)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
