"""docs/error-codes.md is the spec's business error codes, as `scripts/generate/error_code_page.py` writes it."""

from __future__ import annotations

import copy
from itertools import count

from pexip_engage_client import ErrorCode
from scripts.generate.error_code_page import OUTPUT, render

from ..support.spec import ROOT, read_spec

SPEC = read_spec()


def test_the_page_is_written_from_the_spec() -> None:
    """Stale after a spec change until `make generate` (or `python -m scripts.generate.error_code_page`)."""
    assert OUTPUT.read_text(encoding="utf-8") == render(SPEC)


def test_every_code_is_listed_once_with_a_status() -> None:
    rows = [line for line in OUTPUT.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == sorted(member.name for member in ErrorCode)
    assert all(row.split(" | ")[1] == "422" for row in rows)
    assert f"documents {len(ErrorCode)} business error codes" in OUTPUT.read_text(encoding="utf-8")


def test_a_code_and_an_operation_the_spec_gains_are_listed() -> None:
    # A name the spec does not hold, whatever codes a compatible change added to it (tests/tooling/
    # test_compatible_change.py adds APPOINTMENT_TOO_FAR_AHEAD, which this test once took as never there).
    gained = next(name for n in count() if (name := f"GAINED_CODE_{n}") not in ErrorCode.__members__)
    spec = copy.deepcopy(SPEC)
    create = spec["paths"]["/appointments"]["post"]
    create["x-business-error-codes"] = [*create["x-business-error-codes"], gained]
    page = render(spec)
    assert f"| `{gained}` | 422 | `appointments.create_appointment` |" in page
    assert f"documents {len(ErrorCode) + 1} business error codes" in page
    orphaned = copy.deepcopy(SPEC)  # a code the spec knows that no operation lists
    for path in orphaned["paths"].values():
        for operation in path.values():
            if isinstance(operation, dict) and "x-business-error-codes" in operation:
                codes = operation["x-business-error-codes"]
                operation["x-business-error-codes"] = [
                    code for code in codes if code != "APPOINTMENT_COMPLETION_TOO_EARLY"
                ]
    assert "| `APPOINTMENT_COMPLETION_TOO_EARLY` | 422 | no operation's page names it |" in render(orphaned)


def test_the_page_is_found_from_the_errors_guide_and_the_navigation() -> None:
    assert "](error-codes.md)" in (ROOT / "docs" / "errors-and-retries.md").read_text(encoding="utf-8")
    assert "error-codes.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
