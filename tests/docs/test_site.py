"""The built site: every public name has a reference entry, every internal link and anchor
resolves, every operation has its entry, and no page speaks of anything outside the project."""

from __future__ import annotations

import functools
import html
import importlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.generate.docs_pages import snake_case

from ..support.spec import read_spec

# The `site` fixture (conftest.py) is built once per run, by whichever worker asks first.
pytestmark = [pytest.mark.main_python_only]

ROOT = Path(__file__).resolve().parents[2]
# The modules whose `__all__` users import from, and the reference page documenting each.
PUBLIC = {
    "pexip_engage_client": "reference/client",
    "pexip_engage_client.errors": "reference/errors",
    "pexip_engage_client.models": "reference/models",
    "pexip_engage_client.times": "reference/times",
    "pexip_engage_client.testing": "reference/testing",
    "pexip_engage_client.webhooks": "reference/webhooks",
    "pexip_engage_client.provisioning": "reference/provisioning",
}
# The package's submodules, listed in its `__all__`, have their own pages rather than an entry.
SUBMODULES = {"errors", "models", "times", "webhooks"}
# What a user's documentation has no business saying: where work was tracked, or who did it.
FORBIDDEN = re.compile(r"\bissue\s*#?\d+|(?<![\w/])#\d+\b|\bsession\b|\bcoordinator\b|\bworktree\b", re.IGNORECASE)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


@functools.cache
def _pages(site: Path) -> dict[Path, _Page]:
    pages = {}
    for path in sorted(site.resolve().rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return pages


@pytest.mark.slow
def test_every_public_name_has_a_reference_entry(site: Path) -> None:
    missing = []
    for module_name, page in PUBLIC.items():
        ids = _pages(site)[site.resolve() / page / "index.html"].ids
        module = importlib.import_module(module_name)
        for name in module.__all__:
            if module_name == "pexip_engage_client" and name in SUBMODULES:
                assert (site / f"reference/{name}/index.html").is_file()
                continue
            if f"{module_name}.{name}" not in ids:
                missing.append(f"{module_name}.{name}")
    assert missing == []


@pytest.mark.slow
def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = _pages(site)
    broken = []
    for path, page in pages.items():
        if path.name == "404.html":
            continue  # served for any missing address, so its links are absolute from the site's root
        for link in page.links:
            parts = urlsplit(html.unescape(link))
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site.resolve())}: {link}")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(site.resolve())}: {link} (no such anchor)")
    assert broken == []


@pytest.mark.slow
def test_every_operation_of_the_spec_has_an_entry_on_its_page(site: Path) -> None:
    spec = read_spec()
    pages = _pages(site)
    for item in spec["paths"].values():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            page = pages[site.resolve() / "operations" / snake_case(operation["tags"][0]) / "index.html"]
            name = snake_case(operation["operationId"])
            assert name in page.ids, name
            text = " ".join(page.text)
            assert f"{method.upper()} /enterprises/{{enterprise}}" in text


@pytest.mark.slow
def test_the_operations_index_links_every_tag_page(site: Path) -> None:
    # The per-tag pages are left out of mkdocs.yml's nav (not_in_nav): this index is how a reader reaches them.
    spec = read_spec()
    tags = {
        snake_case(operation["tags"][0])
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    links = {
        urlsplit(link).path.strip("./") for link in _pages(site)[site.resolve() / "operations" / "index.html"].links
    }
    assert tags - links == set(), "tag pages the operations index does not link"


@pytest.mark.slow
def test_no_page_mentions_anything_outside_the_project(site: Path) -> None:
    found = []
    for path, page in _pages(site).items():
        text = " ".join(page.text)
        found += [f"{path.relative_to(site.resolve())}: {match.group(0)!r}" for match in FORBIDDEN.finditer(text)]
    assert found == []


def test_the_examples_are_included_not_copied(site: Path) -> None:
    """The pages show the examples' code, taken from the files the suite runs at build time."""
    for name in ("pagination", "examples"):  # a guide's part of the example, and the example whole
        page = " ".join(_pages(site)[site.resolve() / name / "index.html"].text)
        assert "# at most 4 pages in flight" in page  # a comment of examples/pagination.py
        assert "--8<--" not in page


def test_operation_pages_give_the_arguments_a_caller_passes_not_only_wire_names(site: Path) -> None:
    from scripts.generate.api_surface import GENERATED, read_surface
    from scripts.generate.docs_pages import python_argument

    spec = read_spec()
    surface = read_surface(GENERATED)
    pages = _pages(site)
    missing = []
    for item in spec["paths"].values():
        for operation in (value for value in item.values() if isinstance(value, dict) and "operationId" in value):
            tag = snake_case(operation["tags"][0])
            method = surface.namespaces[tag].methods[snake_case(operation["operationId"])]
            text = " ".join(pages[site.resolve() / "operations" / tag / "index.html"].text)
            for raw in operation.get("parameters", []):
                parameter = raw if "$ref" not in raw else _component(spec, raw["$ref"])
                argument = python_argument(parameter, method, operation["operationId"]).split("`")[1]
                if argument not in text:
                    missing.append(f"{operation['operationId']}: {argument}")
    assert missing == []
    regions = " ".join(pages[site.resolve() / "operations" / "regions" / "index.html"].text)
    assert "country_code=" in regions
    assert "correlation_id=" in regions
    assert "accept_language=" in regions


def _component(spec: dict[str, object], ref: str) -> dict[str, object]:
    node: object = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]  # type: ignore[index]
    return node  # type: ignore[return-value]
