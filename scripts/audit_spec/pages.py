"""The facts the documentation states: page files (and the hand-kept facts) into deduplicated facts.

Also which operation a page file documents, and the notes on what cannot be checked: items a page
does not name, and copies of a page that disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from .examples import example_facts
from .facts import GAPS, Fact, documented
from .hand_kept import HAND_KEPT, SUPERSEDED
from .items import section_facts
from .layouts import ENDPOINT_RE, read_sections, split_copies
from .spec import Schema, Spec


def page_statements(page: str, text: str) -> list[Fact]:
    """Every fact one page file states, copy by copy (superseded copies left out), and its gaps.

    A gap is an item the page does not name (kind ``UNNAMED``): it cannot be checked, and the spec
    decides it in the element's description.
    """
    facts: list[Fact] = []
    for label, lines in split_copies(text):
        if (page, label) in SUPERSEDED:
            continue
        for section in read_sections(lines):
            facts.extend(section_facts(page, section))
        facts.extend(example_facts(page, lines))
    return facts


def page_facts(page: str, text: str) -> list[Fact]:
    """The facts a page states that can be checked."""
    return [fact for fact in page_statements(page, text) if fact.kind not in GAPS]


def page_name(path: Path, text: str, endpoints: dict[tuple[str, str], str]) -> str | None:
    """The lower-case operationId a page documents (topic pages: None).

    A page file is named after its operation; a seed is matched by its first ``METHOD /path`` line
    through the documentation's own index of operations (``endpoints``).
    """
    stem = path.stem
    if stem.startswith("topic-"):
        return None
    if path.parent.name == "pages":
        return stem.replace("-", "").lower()
    for line in text.splitlines():
        match = ENDPOINT_RE.match(line.strip())
        if match:
            return endpoints.get((match[1], match[2]))
    return None


def documented_endpoints(docs: Path, spec: Schema) -> dict[tuple[str, str], str]:
    """(METHOD, path) -> page name, from the documentation's index, else from the spec's paths."""
    endpoints: dict[tuple[str, str], str] = {}
    for path, path_item in (spec.get("paths") or {}).items():
        for method, operation in path_item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                endpoints[(method.upper(), path)] = str(operation["operationId"]).lower()
    index = docs / "api-reference" / "operations.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8")):
            if entry.get("kind") == "rest":
                endpoints[(entry["method"], entry["path"])] = entry["operationId"].replace("-", "").lower()
    return endpoints


def collect_facts(docs: Path, spec: Spec, pages: set[str] | None) -> tuple[list[Fact], list[str]]:
    """All documented facts (deduplicated), and notes on unnamed items and on copies that disagree."""
    facts: list[Fact] = []
    files = sorted((docs / "api-reference" / "pages").glob("*.txt")) + sorted((docs / "seeds").glob("*.txt"))
    endpoints = documented_endpoints(docs, spec.document)
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = page_name(path, text, endpoints)
        if name is None or (pages and name not in pages):
            continue
        facts.extend(page_statements(name, text))
    for name, text in HAND_KEPT.items():
        if not pages or name in pages:
            facts.extend(page_facts(name, text))
    gaps = sorted({(f.page, f.where, f.kind, f.value) for f in facts if f.kind in GAPS})
    facts = [fact for fact in facts if fact.kind not in GAPS]
    unique: dict[tuple[str, str, str, str], Fact] = {}
    for fact in facts:
        unique.setdefault((*fact.key(), json.dumps(fact.value, sort_keys=True)), fact)
    by_key: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in unique.values():
        by_key.setdefault(fact.key(), []).append(fact)
    notes = [
        f"{key[0]} {key[1]}: copies disagree on {key[2]}: " + " vs ".join(documented(f) for f in group)
        for key, group in by_key.items()
        if len(group) > 1 and key[2] not in {"code", "status"}
    ]
    notes += [f"{page} {where}: {GAPS[kind]}: {text}" for page, where, kind, text in gaps]
    return list(unique.values()), notes
