"""docs/error-codes.md: every business error code, the operations that return it and its status, from the spec.

    python -m scripts.generate.error_code_page [--spec openapi.yaml] [--output docs/error-codes.md]

The codes are `ErrorCode`'s (`scripts/generate/error_codes.py` reads them: every
`x-business-error-codes` list of the spec); an operation returns a code when its own list names it,
with the status of its response that carries business codes (the 422 of
`components/responses/BusinessValidationFailed`). `make generate` writes the page, so a code or an
operation the spec gains is listed with no other edit; `tests/docs/test_error_code_page.py` fails
when the committed page differs.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from pexip_engage_client.testing._spec import resolve

from .api_surface import ROOT
from .docs_pages import snake_case
from .error_codes import EXTENSION, business_error_codes, member_name

OUTPUT = ROOT / "docs" / "error-codes.md"
_METHODS = ("get", "put", "post", "delete", "patch")

_INTRO = """\
# Business error codes

<!-- Written from openapi.yaml by scripts/generate/error_code_page.py (`make generate`): do not edit. -->

When Engage refuses a request for a business reason it answers with a status and one or more
error items, each with a `code`; the client raises `BusinessValidationError`, whose `codes` are
`ErrorCode` members (a code the spec does not list yet is kept as its text), as
[Errors and retries](errors-and-retries.md) shows. The spec documents {count} business error codes.
An operation's page in the documentation names the codes it returns; a code no operation names is
listed by the error-codes page only, so any operation may return it.

| code (`ErrorCode.<code>`) | status | returned by |
|---|---|---|
"""


def operations_by_code(spec: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """For each code an operation names: `(python call, status)` of each such operation, in the spec's order."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in spec.get("paths", {}).values():
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                for code in operation.get(EXTENSION, []):
                    found[str(code)].append((_call(operation), _status(spec, operation)))
    return found


def _call(operation: dict[str, Any]) -> str:
    """How a caller names the operation: `appointments.create_appointment`."""
    tag = (operation.get("tags") or ["default"])[0]
    return f"{snake_case(tag)}.{snake_case(operation['operationId'])}"


def _status(spec: dict[str, Any], operation: dict[str, Any]) -> str:
    """The status of the operation's response that carries business codes (its 4xx answers otherwise)."""
    responses = operation.get("responses", {})
    carrying = [str(status) for status, answer in responses.items() if EXTENSION in resolve(answer, spec)]
    return " or ".join(carrying) or "4xx"


def _default_status(spec: dict[str, Any]) -> str:
    """The status of a code no operation names: that of the responses that carry business codes."""
    statuses = {status for calls in operations_by_code(spec).values() for _, status in calls}
    return " or ".join(sorted(statuses)) or "422"


def render(spec: dict[str, Any]) -> str:
    """The page for `spec`."""
    codes = business_error_codes(spec)
    named = operations_by_code(spec)
    rows = []
    for code in codes:
        calls = named.get(code, [])
        statuses = sorted({status for _, status in calls}) or [_default_status(spec)]
        returned_by = ", ".join(f"`{call}`" for call, _ in calls) or "no operation's page names it"
        rows.append(f"| `{member_name(code)}` | {' or '.join(statuses)} | {returned_by} |\n")
    return _INTRO.format(count=len(codes)) + "".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    args.output.write_text(render(spec), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
