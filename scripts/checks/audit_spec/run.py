"""Running the audit: every documented fact checked against an OpenAPI document.

Where copies of a page disagree, the spec must follow one of them, so a fact's place holds when
any copy's fact holds there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .auditor import Auditor
from .facts import Fact, documented
from .pages import collect_facts
from .spec import Schema, Spec


@dataclass
class Outcome:
    fact: Fact
    holds: bool
    spec_says: str
    documented: str


def load_spec(path: Path) -> Schema:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader reads the file ten times faster
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    if not isinstance(document, dict):
        raise ValueError(f"{path} does not hold an OpenAPI document")
    return document


def audit(docs: Path, document: Schema, pages: set[str] | None) -> tuple[list[Outcome], list[str]]:
    """Check every documented fact (of the given pages, or all) against an OpenAPI document."""
    spec = Spec(document)
    auditor = Auditor(spec)
    facts, notes = collect_facts(docs, spec, pages)
    outcomes: list[Outcome] = []
    by_claim: dict[tuple[str, ...], list[Outcome]] = {}
    for fact in facts:
        holds, said = auditor.check(fact)
        outcome = Outcome(fact, holds, said, documented(fact))
        by_claim.setdefault(fact.claim(), []).append(outcome)
    for group in by_claim.values():
        # Copies that disagree: the spec must follow one of them (and say which in its description).
        outcomes.append(next((outcome for outcome in group if outcome.holds), group[0]))
    return outcomes, notes
