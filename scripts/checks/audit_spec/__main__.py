"""Audit openapi.yaml against the copied documentation pages.

The command line: ``python -m scripts.checks.audit_spec [--spec FILE] [--docs DIR] [--page NAME]...
[--verbose]``. Prints one line per fact that does not hold and the summary ``N/M documented facts
hold``; exits 0 when every fact holds, 1 when one does not, 2 when it cannot run (no pages, an
unknown page, an unreadable or broken spec, bad arguments).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from .pages import normal_name, page_name, pages_dir
from .report import report_lines
from .run import Outcome, audit, load_spec

REPO_ROOT = Path(__file__).resolve().parents[3]
DOCS_ENV = "PEXIP_ENGAGE_DOCS"
DEFAULT_DOCS = REPO_ROOT.parent / "shared"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    pages = {normal_name(name) for name in args.page} if args.page else None
    refusal = _refusal(args.docs, pages)
    if refusal is not None:
        return _refuse(refusal)
    try:
        outcomes, notes = audit(args.docs, load_spec(args.spec), pages)
    except (OSError, ValueError, yaml.YAMLError) as error:
        return _refuse(str(error))
    return _report(outcomes, notes, verbose=args.verbose)


def _parser() -> argparse.ArgumentParser:
    # The program name the usage line has always shown, whatever runs the module.
    parser = argparse.ArgumentParser(prog="audit_spec.py", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=REPO_ROOT / "openapi.yaml", help="the OpenAPI file to audit")
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path(os.environ.get(DOCS_ENV, DEFAULT_DOCS)),
        help=f"folder holding api-reference/pages and seeds (default: ${DOCS_ENV} or ../shared)",
    )
    parser.add_argument("--page", action="append", help="audit only this page (operationId, any case); repeatable")
    parser.add_argument("--verbose", action="store_true", help="also list the facts that hold")
    return parser


def _refusal(docs: Path, pages: set[str] | None) -> str | None:
    """Why the audit cannot run on these pages, checked before the spec is read; None when it can."""
    if not pages_dir(docs).is_dir():
        return f"no documentation pages under {docs}"
    known = {page_name(path, "", {}) for path in pages_dir(docs).glob("*.txt")}
    unknown = sorted((pages or set()) - known)
    return f"no page named {', '.join(unknown)}" if unknown else None


def _report(outcomes: list[Outcome], notes: list[str], *, verbose: bool) -> int:
    """Prints the report; 0 when every fact holds, else 1."""
    for line in report_lines(outcomes, verbose=verbose):
        print(line)
    if verbose:
        for note in notes:
            print(f"note {note}")
    held = sum(outcome.holds for outcome in outcomes)
    print(f"{held}/{len(outcomes)} documented facts hold")
    return 0 if held == len(outcomes) else 1


def _refuse(reason: str) -> int:
    print(f"audit_spec: {reason}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
