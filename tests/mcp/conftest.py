"""The MCP server's tests: the SDK's in-memory client in front of a seeded FakePexipEngage."""

from __future__ import annotations

import pytest

pytest.importorskip("mcp", reason="the mcp extra is not installed here")
