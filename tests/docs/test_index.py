"""The docs' home page lists every page the site's navigation has, the users' guides apart from the
contributors' pages; the README leads there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
# Pages of the navigation's top level that the index links elsewhere than in its Guides table.
_NOT_GUIDES = {"index.md", "examples.md"}


def _pages(entries: list[Any]) -> list[str]:
    found: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        found += _pages(value) if isinstance(value, list) else [value]
    return found


# The navigation's section for those who work on the client, and the index's heading for it.
_CONTRIBUTORS = "Working on the client"


def _navigation() -> list[Any]:
    # mkdocs.yml has !!python tags for its extensions: read only the navigation.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation: list[Any] = yaml.safe_load(text[text.index("\nnav:") :])["nav"]
    return navigation


def _section(name: str) -> list[Any]:
    return [entry for entry in _navigation() if isinstance(entry, dict) and next(iter(entry)) == name]


def _guides_in_navigation() -> set[str]:
    top = [
        entry
        for entry in _navigation()
        if not isinstance(entry, dict) or next(iter(entry)) not in {"Reference", "Operations", _CONTRIBUTORS}
    ]
    return {page for page in _pages(top) if page not in _NOT_GUIDES}


def _table_in_index(heading: str) -> set[str]:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    table = index.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| \[[^\]]+\]\(([\w./-]+\.md)\)", table, re.MULTILINE))


def test_the_index_lists_every_guide_of_the_navigation_and_only_those() -> None:
    navigation, index = _guides_in_navigation(), _table_in_index("Guides")
    assert navigation - index == set(), "guides missing from docs/index.md's Guides table"
    assert index - navigation == set(), "docs/index.md lists pages the navigation does not have"


def test_the_contributors_pages_are_a_section_of_their_own_in_the_navigation_and_the_index() -> None:
    pages = set(_pages(_section(_CONTRIBUTORS)))
    assert {"benchmarks.md", "mutation.md", "releasing.md"} <= pages
    assert _table_in_index(_CONTRIBUTORS) == pages
    assert pages & _guides_in_navigation() == set()


def test_the_index_describes_both_clients() -> None:
    first = (ROOT / "docs" / "index.md").read_text(encoding="utf-8").split("\n\n", 2)[1]
    assert "async and sync" in first
    assert "SyncPexipEngage" in first


def test_the_readme_describes_both_clients_too() -> None:
    first = (ROOT / "README.md").read_text(encoding="utf-8").split("\n\n", 2)[1]
    assert "async and sync" in first


def test_the_navigation_lists_no_operation_page_but_the_index() -> None:
    # One page per spec tag is generated; naming them here would be a hand copy of the spec's tags,
    # and a new tag would fail the strict build until someone edited mkdocs.yml.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation = yaml.safe_load(text[text.index("\nnav:") :])["nav"]
    listed = [page for page in _pages(navigation) if page.startswith("operations/") and page != "operations/index.md"]
    assert listed == [], "mkdocs.yml's nav lists per-tag operation pages; they are reached from operations/index.md"
    assert (
        "/operations/*.md"
        in yaml.safe_load(text[text.index("\nnot_in_nav:") :].split("\nvalidation:")[0])["not_in_nav"]
    )


def test_the_readme_leads_to_the_docs_index_and_links_only_pages_that_exist() -> None:
    """The README is the pitch, the quick start and links: the docs' index lists every page, so the
    README names a few and the index; each it names is a page of the navigation."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(docs/([\w./-]+\.md)(?:#[\w-]+)?\)", readme))
    assert "index.md" in linked
    assert linked - set(_pages(_navigation())) == set(), "the README links pages the navigation does not have"
