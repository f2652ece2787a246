"""The facts the audit checks: one documented statement about one place in the API.

Also how a fact is put in words (``documented``), for the report and for the notes on copies that
disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

# What a fact can state: one kind per kind of documented sentence. The readers may produce only
# these (mypy holds them to it) and the auditor has one check for each.
Checked = Literal[
    "present",  # the field or parameter exists
    "required",  # shown with Required (True) or, where the layout prints it, without (False)
    "body_required",  # "Body Required" against a plain "Body"
    "type",  # the type as the page writes it: "string(date-time)", "array[object]"
    "nullable",  # "| null" after the type
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "items.minLength",  # an array's items: "... of each", or a length or value stated on an array
    "items.maxLength",
    "items.minimum",
    "items.maximum",
    "enum",  # "Values are A, B, or C"
    "items.enum",
    "const",  # "Value is A"
    "items.const",
    "default",
    "pattern",
    "closed",  # "Additional properties are NOT allowed" (True) or "are allowed" (False)
    "deprecated",
    "status",  # a documented response status
    "media",  # the media type of a documented response
    "code",  # a business error code listed under a response
]
# What a page leaves open: kept to be listed, never checked.
Gap = Literal["unnamed", "inferred"]
Kind = Literal[Checked, Gap]

CHECKED: tuple[Checked, ...] = get_args(Checked)
UNNAMED: Gap = "unnamed"
INFERRED: Gap = "inferred"
GAPS: dict[Gap, str] = {UNNAMED: "an item the page does not name", INFERRED: "a name the copy's annotator inferred"}


# Kinds one place states several values of (the business codes listed under a response, the
# statuses an operation has): copies listing different ones add to each other, never disagree.
MANY_VALUED: frozenset[str] = frozenset({"code", "status"})


@dataclass(frozen=True)
class Fact:
    """One documented statement about one place in the API."""

    page: str
    where: str  # e.g. "body.phoneNumber", "query.limit", "response.200.data.id"
    kind: Kind
    value: Any
    target: tuple[str, ...]  # ("body", "phoneNumber") / ("query", "limit") / ("response", "200", "data")

    def key(self) -> tuple[str, str, str]:
        """(page, where, kind): what each copy of a page states about one place, whatever its value."""
        return (self.page, self.where, self.kind)

    def claim(self) -> tuple[str, ...]:
        """What copies of a page must agree on: the key, and the value for a kind stated many times."""
        return (*self.key(), json.dumps(self.value, sort_keys=True)) if self.kind in MANY_VALUED else self.key()


def as_text(value: Any) -> str:
    """A value as the pages write it: true/false, 3 for 3.0, a list as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# How the pages put a fact of each kind; any other kind reads "<kind> <value>".
WORDINGS: dict[Kind, Callable[[Any], str]] = {
    "present": lambda value: "the field exists",
    "required": lambda value: "Required" if value else "not Required",
    "body_required": lambda value: "Body Required" if value else "Body (not required)",
    "nullable": lambda value: "nullable" if value else "not nullable",
    "closed": lambda value: "Additional properties are NOT allowed" if value else "Additional properties are allowed",
    "deprecated": lambda value: "Deprecated",
    "status": lambda value: f"status {value}",
    "media": lambda value: f"a {value} body",
    "code": lambda value: f"business code {value}",
    "enum": lambda value: "values " + ", ".join(value),
}


def documented(fact: Fact) -> str:
    """What the documentation says, in words, for the report and the notes."""
    if fact.kind in WORDINGS:
        return WORDINGS[fact.kind](fact.value)
    value = ", ".join(fact.value) if isinstance(fact.value, list) else as_text(fact.value)
    return f"{fact.kind} {value}"
