"""The facts the documentation states: page files (and the hand-kept facts) into deduplicated facts.

Also which operation a page file documents, and the notes on what cannot be checked: items a page
does not name, and copies of a page that disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .examples import example_facts
from .facts import GAPS, MANY_VALUED, Fact, documented
from .hand_kept import HAND_KEPT, SUPERSEDED
from .items import section_facts
from .layouts import ENDPOINT_RE, read_sections, split_copies
from .spec import Schema, Spec


def pages_dir(docs: Path) -> Path:
    """Where the operation pages sit in the documentation folder."""
    return docs / "api-reference" / "pages"


def normal_name(name: str) -> str:
    """A page's name as the audit keys it: the operationId in lower case, without dashes."""
    return name.replace("-", "").lower()


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
        return normal_name(stem)
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
                endpoints[(entry["method"], entry["path"])] = normal_name(entry["operationId"])
    return endpoints


def collect_facts(docs: Path, spec: Spec, pages: set[str] | None) -> tuple[list[Fact], list[str]]:
    """All documented facts (deduplicated), and notes on unnamed items and on copies that disagree.

    `pages` limits them to those pages (None: every page).
    """
    statements = [*_page_file_statements(docs, spec, pages), *_hand_kept_facts(pages)]
    gaps = sorted({(f.page, f.where, f.kind, f.value) for f in statements if f.kind in GAPS})
    facts = _unique(fact for fact in statements if fact.kind not in GAPS)
    notes = _disagreements(facts) + [f"{page} {where}: {GAPS[kind]}: {text}" for page, where, kind, text in gaps]
    return facts, notes


def _wanted(name: str, pages: set[str] | None) -> bool:
    return not pages or name in pages


def _page_file_statements(docs: Path, spec: Spec, pages: set[str] | None) -> Iterator[Fact]:
    files = sorted(pages_dir(docs).glob("*.txt")) + sorted((docs / "seeds").glob("*.txt"))
    endpoints = documented_endpoints(docs, spec.document)
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = page_name(path, text, endpoints)
        if name is not None and _wanted(name, pages):
            yield from page_statements(name, text)


def _hand_kept_facts(pages: set[str] | None) -> Iterator[Fact]:
    for name, text in HAND_KEPT.items():
        if _wanted(name, pages):
            yield from page_facts(name, text)


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    """The facts, each stated once however many copies (or pages and seeds) state it."""
    unique: dict[tuple[str, str, str, str], Fact] = {}
    for fact in facts:
        unique.setdefault((*fact.key(), json.dumps(fact.value, sort_keys=True)), fact)
    return list(unique.values())


def _disagreements(facts: Iterable[Fact]) -> list[str]:
    """A note for each place and kind that copies state with different values."""
    by_key: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in facts:
        by_key.setdefault(fact.key(), []).append(fact)
    return [
        f"{key[0]} {key[1]}: copies disagree on {key[2]}: " + " vs ".join(documented(f) for f in group)
        for key, group in by_key.items()
        if len(group) > 1 and key[2] not in MANY_VALUED
    ]
