"""`ErrorCode`'s members are the spec's business error codes, written by `make generate` (issue 70).

The enum is rendered from `templates/error_codes.py.jinja` by `scripts/generate/error_codes.py`, a
step of the generated layer: a code added to any `x-business-error-codes` list becomes a member with
no other edit, and the facade's enum is that one.
"""

from __future__ import annotations

import copy
import enum
from typing import Any

from pexip_engage_client import ErrorCode
from pexip_engage_client._generated import error_codes as generated
from scripts.generate.error_codes import business_error_codes, member_name, render

from ..support.spec import ROOT, SPEC


def _enum_of(text: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(compile(text, "error_codes.py", "exec"), namespace)  # noqa: S102 - the module the step writes
    return namespace["ErrorCode"]


def test_the_facade_s_enum_is_the_generated_one_and_lists_every_code_of_the_spec() -> None:
    assert ErrorCode is generated.ErrorCode
    assert [member.value for member in ErrorCode] == business_error_codes(SPEC)
    assert (ROOT / "pexip_engage_client" / "_generated" / "error_codes.py").read_text() == render(
        business_error_codes(SPEC)
    )


def test_a_code_the_spec_gains_anywhere_is_a_member_after_generation() -> None:
    grown = copy.deepcopy(SPEC)
    grown["paths"]["/appointments"]["post"]["x-business-error-codes"].append("A_CODE_NO_SPEC_HAS_YET")
    rendered = _enum_of(render(business_error_codes(grown)))
    assert issubclass(rendered, enum.StrEnum)
    assert rendered.A_CODE_NO_SPEC_HAS_YET == "A_CODE_NO_SPEC_HAS_YET"
    assert len(rendered) == len(ErrorCode) + 1
    assert rendered.parse("A_CODE_NO_SPEC_HAS_YET") is rendered.A_CODE_NO_SPEC_HAS_YET
    assert rendered.parse("NOT_LISTED") == "NOT_LISTED"
    assert rendered.__doc__ == ErrorCode.__doc__


def test_a_code_that_is_no_python_name_still_gets_a_member_and_no_codes_give_an_empty_enum() -> None:
    assert member_name("APPOINTMENT_STATUS_INVALID") == "APPOINTMENT_STATUS_INVALID"
    assert member_name("quota-exceeded") == "QUOTA_EXCEEDED"
    assert member_name("42_TOO_MANY") == "CODE_42_TOO_MANY"
    rendered = _enum_of(render(["42_TOO_MANY", "quota-exceeded"]))
    assert rendered("quota-exceeded") is rendered.QUOTA_EXCEEDED
    assert list(_enum_of(render([]))) == []
