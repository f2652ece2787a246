"""The docs' home page lists every guide the site's navigation has, and nothing else as a guide; the README every page."""

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


def _guides_in_navigation() -> set[str]:
    # mkdocs.yml has !!python tags for its extensions: read only the navigation.
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation = yaml.safe_load(text[text.index("\nnav:") :])["nav"]
    top = [
        entry
        for entry in navigation
        if not isinstance(entry, dict) or next(iter(entry)) not in {"Reference", "Operations"}
    ]
    return {page for page in _pages(top) if page not in _NOT_GUIDES}


def _guides_in_index() -> set[str]:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    table = index.split("## Guides", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| \[[^\]]+\]\(([\w./-]+\.md)\)", table, re.MULTILINE))


def test_the_index_lists_every_guide_of_the_navigation_and_only_those() -> None:
    navigation, index = _guides_in_navigation(), _guides_in_index()
    assert navigation - index == set(), "guides missing from docs/index.md's Guides table"
    assert index - navigation == set(), "docs/index.md lists pages the navigation does not have"


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


def _readme_pages() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Documentation", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| \[[^\]]+\]\(docs/([\w./-]+\.md)\)", table, re.MULTILINE))


def test_the_readme_lists_every_page_of_the_navigation() -> None:
    """A reader on the forge starts at the README: every guide, the examples, the benchmarks and the error
    codes are listed there (the pages written from docstrings, and the operation pages, are reached from the site)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    navigation = set(_pages(yaml.safe_load(text[text.index("\nnav:") :])["nav"]))
    wanted = {page for page in navigation if page != "index.md" and not page.startswith(("reference/", "operations/"))}
    assert wanted - _readme_pages() == set(), "pages of the navigation missing from the README's Documentation table"
    assert _readme_pages() - navigation == set(), "the README lists pages the navigation does not have"
