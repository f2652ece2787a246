"""The facts the audit checks: one documented statement about one place in the API.

Also how a fact is put in words (``documented``), for the report and for the notes on copies that
disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

UNNAMED = "unnamed"
INFERRED = "inferred"
GAPS = {UNNAMED: "an item the page does not name", INFERRED: "a name the copy's annotator inferred"}


@dataclass(frozen=True)
class Fact:
    """One documented statement about one place in the API."""

    page: str
    where: str  # e.g. "body.phoneNumber", "query.limit", "response.200.data.id"
    kind: str  # "present", "required", "type", "nullable", "minLength", "items.enum", "status", ...
    value: Any
    target: tuple[str, ...]  # ("body", "phoneNumber") / ("query", "limit") / ("response", "200", "data")

    def key(self) -> tuple[str, str, str]:
        return (self.page, self.where, self.kind)


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def documented(fact: Fact) -> str:
    value = fact.value
    if fact.kind in {"minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"} or fact.kind.startswith(
        "items."
    ):
        return f"{fact.kind} {as_text(value) if not isinstance(value, list) else ', '.join(value)}"
    simple = {
        "present": "the field exists",
        "required": "Required" if value else "not Required",
        "body_required": "Body Required" if value else "Body (not required)",
        "nullable": "nullable" if value else "not nullable",
        "closed": "Additional properties are NOT allowed" if value else "Additional properties are allowed",
        "deprecated": "Deprecated",
        "status": f"status {value}",
        "media": f"a {value} body",
        "code": f"business code {value}",
    }
    if fact.kind in simple:
        return simple[fact.kind]
    if fact.kind in {"enum"}:
        return "values " + ", ".join(value)
    return f"{fact.kind} {as_text(value)}"
