"""`ErrorCode`'s members, written from the spec's business error codes by `make generate`.

    python -m scripts.generate.error_codes GENERATED_DIR [--spec openapi.yaml]

Every `x-business-error-codes` list in the spec (the one on `components/responses/
BusinessValidationFailed`, which names every code of the error-codes page, and each operation's) is
read, and their codes, sorted and once each, become the members of `ErrorCode` in
`GENERATED_DIR/error_codes.py`, rendered from `templates/error_codes.py.jinja`. The package
exports that enum as it is, so a code the spec gains reaches users with `make generate` alone,
and a vendored copy's codes are its own spec's (`make vendor`).
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .api_surface import ROOT

OUTPUT_NAME = "error_codes.py"
TEMPLATE = "error_codes.py.jinja"
EXTENSION = "x-business-error-codes"


def business_error_codes(document: Any) -> list[str]:
    """Every code of every `x-business-error-codes` list anywhere in the document, sorted, once each."""
    return sorted(set(_codes(document)))


def _codes(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == EXTENSION and isinstance(value, list):
                yield from (str(code) for code in value)
            else:
                yield from _codes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _codes(item)


def member_name(code: str) -> str:
    """The enum member's name for a code: the code itself when it is a name (as every documented one is)."""
    name = re.sub(r"\W", "_", code).upper()
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        name = f"CODE_{name.lstrip('_')}"
    return name


def render(codes: list[str], templates: Path = ROOT / "templates") -> str:
    names = [member_name(code) for code in codes]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise SystemExit(f"error_codes: codes that differ only in spelling give the same member: {clashes}")
    environment = jinja2.Environment(  # noqa: S701 - it writes Python, not HTML
        loader=jinja2.FileSystemLoader(templates), trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    return environment.get_template(TEMPLATE).render(codes=list(zip(names, codes, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("generated", type=Path, help="the _generated folder to write into")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    args = parser.parse_args(argv)
    document = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    (args.generated / OUTPUT_NAME).write_text(render(business_error_codes(document)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
