"""The MCP server's tests: the SDK's in-memory client in front of a seeded FakePexipEngage.

They need the `mcp` extra; where it is not installed (a floors environment), they are not collected.
"""

from __future__ import annotations

from importlib.util import find_spec

collect_ignore_glob = [] if find_spec("mcp") else ["test_*.py", "support.py"]
