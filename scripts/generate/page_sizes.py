"""The largest page of each list operation, written from the spec by `make generate`.

    python -m scripts.generate.page_sizes GENERATED_DIR [--spec openapi.yaml]

A walk asks each page for the most items its operation documents (`pexip_engage_client/_pipeline/_page_size.py`
says why). Which GET paths take a `limit` query parameter, and its `maximum`, are read here, at
generation time, with the project's one `$ref` resolver, and written to
`GENERATED_DIR/page_sizes.py`: the client reads a small table instead of parsing the spec at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from pexip_engage_client.testing._spec import resolve

from .api_surface import ROOT

OUTPUT_NAME = "page_sizes.py"
HEADER = '''# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
# Written by scripts/generate/page_sizes.py.
"""Each GET path taking a `limit` query parameter, and that parameter's `maximum` (None: the spec states none)."""

LARGEST_PAGES: dict[str, int | None] = {
'''


def largest_pages(spec: dict[str, Any]) -> dict[str, int | None]:
    """Path template -> the `maximum` of its GET's `limit` query parameter, for each path that has one."""
    found: dict[str, int | None] = {}
    for path, item in spec.get("paths", {}).items():
        for declared in item.get("get", {}).get("parameters", []):
            parameter = resolve(declared, spec)
            if parameter.get("name") == "limit" and parameter.get("in") == "query":
                found[path] = resolve(parameter.get("schema", {}), spec).get("maximum")
    return found


def render(pages: dict[str, int | None]) -> str:
    entries = "".join(f"    {json.dumps(path)}: {largest!r},\n" for path, largest in sorted(pages.items()))
    return HEADER + entries + "}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("generated", type=Path, help="the _generated folder to write into")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    (args.generated / OUTPUT_NAME).write_text(render(largest_pages(spec)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
