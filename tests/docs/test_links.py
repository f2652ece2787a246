"""The pages read on the forge rather than the site (the README, CONTRIBUTING, the folders' READMEs) link
only to files that exist: the site's strict build checks its own pages' links, not these."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORGE_PAGES = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    *sorted((ROOT / "scripts").glob("*/README.md")),
    ROOT / "bench" / "README.md",
]
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def broken_links(page: Path) -> list[str]:
    """The relative links of `page` whose file does not exist."""
    targets = _LINK.findall(page.read_text(encoding="utf-8"))
    return [target for target in targets if "://" not in target and not (page.parent / target).exists()]


def test_every_file_the_forge_pages_link_exists(tmp_path: Path) -> None:
    assert {str(page.relative_to(ROOT)): broken_links(page) for page in FORGE_PAGES if broken_links(page)} == {}
    page = tmp_path / "page.md"  # not vacuous: a link to a file that is not there is named
    page.write_text("[here](here.md), [this](page.md#top) and [there](https://example.org/x)\n", encoding="utf-8")
    assert broken_links(page) == ["here.md"]


def test_every_make_command_the_readme_gives_is_a_target_of_the_makefile() -> None:
    """The README's `make demo` and `make test` are the two commands of a fresh machine: they must exist."""
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    given = set(re.findall(r"\bmake ([a-z][\w-]*)", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert {"demo", "test"} <= given
    assert given - targets == set()
