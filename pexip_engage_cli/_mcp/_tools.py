"""A tool from a function: pydantic's input schema made compact, the output schema given, annotations set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mcp.server.mcpserver.tools import Tool
from mcp.types import ToolAnnotations

# The tool sets, and the caller scope each needs over HTTP (a stdio caller is the operator: every set).
READ, BOOK, ADMIN = "read", "book", "admin"


def make_tool(
    fn: Callable[..., Any], description: str, schema: dict[str, Any], *, writes: bool = False, idempotent: bool = True
) -> Tool:
    annotations = ToolAnnotations(
        read_only_hint=not writes, destructive_hint=writes and not idempotent, idempotent_hint=idempotent,
        open_world_hint=False,
    )  # fmt: skip
    tool = Tool.from_function(fn, description=description, annotations=annotations, structured_output=False)
    tool.parameters = _without_titles(tool.parameters)
    tool.fn_metadata.output_schema = schema
    return tool


def _without_titles(schema: Any) -> Any:
    """pydantic's schema, without what costs an agent bytes on every turn and tells it nothing.

    Each property's title is its own name, and an optional one reads `anyOf: [X, null], default:
    null`: here it is X, left out of `required` (null is still accepted).
    """
    if isinstance(schema, list):
        return [_without_titles(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    options = schema.get("anyOf")
    if (
        isinstance(options, list)
        and len(options) == 2
        and {"type": "null"} in options
        and schema.get("default", 0) is None
    ):
        kept = next(option for option in options if option != {"type": "null"})
        rest = {key: value for key, value in schema.items() if key not in {"anyOf", "default"}}
        schema = {**kept, **rest}
    return {key: _without_titles(value) for key, value in schema.items() if key != "title"}
