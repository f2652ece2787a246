"""Every file CONTRIBUTING.md and the folder guides link to exists (the docs site's build checks its own links)."""

from __future__ import annotations

import re

from ..support.spec import ROOT


def test_every_file_contributing_and_the_folder_guides_link_exists() -> None:
    guides = [
        ROOT / "CONTRIBUTING.md",
        *(ROOT / folder / "README.md" for folder in ("scripts/generate", "scripts/checks", "bench")),
    ]
    missing = []
    for guide in guides:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", guide.read_text(encoding="utf-8")):
            if "://" not in target and not (guide.parent / target).exists():
                missing.append(f"{guide.relative_to(ROOT)}: {target}")
    assert missing == []
