"""The documentation site, built once per run exactly as `make docs` builds it (strictly)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.docs_site import build_site

@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    built = build_site(folder)
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}"
    return folder
