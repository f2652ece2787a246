"""CONTRIBUTING.md is a map, not a wall: short, opening with where to change what, its links alive.

The details live beside what they describe (scripts/generate/README.md, scripts/checks/README.md,
bench/README.md), and the rooms in architecture.toml.
"""

from __future__ import annotations

import re

from ..support.spec import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
MAX_LINES = 250


def test_contributing_stays_short() -> None:
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_LINES, (
        f"CONTRIBUTING.md has {len(lines)} lines; move details to the README of their folder"
    )


def test_contributing_opens_with_where_to_change_what() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0] == "Where to change what"
    table = text.split("## Where to change what", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| to change")]
    for place in (
        "openapi.yaml",
        "templates/",
        "_client.py",
        "_senders/",
        "_sync/",
        "testing/",
        "pexip_engage_cli/",
        "docs/",
        "bench/",
    ):
        assert any(place in row for row in rows), f"the table says nothing of {place}"


def test_every_file_contributing_and_the_folder_guides_link_exists() -> None:
    guides = [
        GUIDE,
        *(ROOT / folder / "README.md" for folder in ("scripts/generate", "scripts/checks", "bench")),
    ]
    missing = []
    for guide in guides:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", guide.read_text(encoding="utf-8")):
            if "://" not in target and not (guide.parent / target).exists():
                missing.append(f"{guide.relative_to(ROOT)}: {target}")
    assert missing == []
