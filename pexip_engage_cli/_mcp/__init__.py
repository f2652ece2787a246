"""`pexip-engage mcp`: an MCP server in front of one `PexipEngage`, for agents (the `mcp` extra).

Read-only unless the operator asks, and enforced rather than hinted: see `_server.py`. Built on
the client's public surface only; the command line (`pexip_engage_cli._mcp_command`) resolves the
connection settings and hands this package a client.
"""

from ._catalog import read_only_scopes
from ._server import ServerOptions, audit_hooks, build_server, registered_toolsets

__all__ = ["ServerOptions", "audit_hooks", "build_server", "read_only_scopes", "registered_toolsets"]
