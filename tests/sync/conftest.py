"""The fixtures of the sync client's own tests."""

from __future__ import annotations

from ..client._sync.conftest import fresh_default_governors

__all__ = ["fresh_default_governors"]
