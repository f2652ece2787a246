"""The documentation site built as `make docs` builds it (strictly), into a folder of the test's choosing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_site(site: Path) -> subprocess.CompletedProcess[str]:
    """Write the operation pages from the spec, then build the site into `site` with warnings as errors."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "scripts.generate.docs_pages"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
