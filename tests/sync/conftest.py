"""The fixtures of the sync client's own tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_governors(fresh_default_governors: None) -> None:
    """Every test here with the process's default governors new (tests/conftest.py says why)."""
