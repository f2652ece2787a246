"""The MCP server (`pexip-engage mcp`): its catalog, read-only enforcement, writes, HTTP and the offline evaluation."""
