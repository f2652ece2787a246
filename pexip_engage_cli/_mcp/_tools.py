"""A tool from a function: pydantic's input schema made compact and closed, the output schema given,
annotations derived from the operations it calls, and every failure one capped line an agent can act on.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from mcp.server.mcpserver.tools import Tool
from mcp.types import Icon, ToolAnnotations

from pexip_engage_client import errors

from ._catalog import Operation, catalog
from ._results import EngageToolError, from_api_error, one_line

# The tool sets, and the caller scope each needs over HTTP (a stdio caller is the operator: every set).
READ, BOOK, ADMIN = "read", "book", "admin"
TOOLSETS = (READ, BOOK, ADMIN)
# The server's icon, for hosts that show one beside its name: a calendar, as a small SVG.
_ICON_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><rect x='3' y='5' width='18' height='16' rx='2' "
    "fill='none' stroke='#0a6e5c' stroke-width='2'/><path d='M3 10h18M8 3v4M16 3v4' stroke='#0a6e5c' "
    "stroke-width='2'/></svg>"
)
ICONS = [Icon(src="data:image/svg+xml," + quote(_ICON_SVG), mime_type="image/svg+xml", sizes=["any"])]
# RFC 9110 section 9.2.2: a repeat of one of these has the effect of one.
_IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE"})


def make_tool(
    fn: Callable[..., Any],
    description: str,
    schema: dict[str, Any],
    *,
    operations: tuple[str, ...],
    keyed: bool = False,
    fields: list[str] | None = None,
    title: str,
) -> Tool:
    """The tool `fn`, annotated from the `operations` it calls (`keyed`: made idempotent by an external id);
    `title`: its name for people; `fields`: the names its `fields` argument takes, listed as the items' enum
    (the tool checks them itself, to answer a wrong one with the nearest)."""
    annotations = hints([catalog().get(name) for name in operations], keyed=keyed)
    guarded = _guarded(fn)
    built = _built(fn, guarded)
    parameters = {**_without_titles(built.parameters), "additionalProperties": False}
    if fields is not None:
        parameters["properties"]["fields"]["items"]["enum"] = fields
    # A new Tool of the built one's fields, not a `model_copy`: that would carry any value its cached
    # `output_schema` property had taken (the built tool's None) into every tool made from it.
    return Tool(
        **{
            **{name: getattr(built, name) for name in Tool.model_fields},
            "fn": guarded,
            "title": title,
            "description": description,
            "annotations": annotations,
            "parameters": parameters,
            "fn_metadata": built.fn_metadata.model_copy(update={"output_schema": schema}),
        }
    )


# What the MCP SDK builds of a tool's function, by the method behind it and the signature it is given:
# pydantic makes an argument model and its JSON schema from the signature, most of a server's build
# (2 to 3 ms a tool), and the same for every client's server of the process. Each tool is a copy with
# its own function, texts and schemas (`make_tool`); one built twice by two threads at once is the same.
_BUILT: dict[tuple[Callable[..., Any], str], Tool] = {}


def _built(fn: Callable[..., Any], guarded: Callable[..., Any]) -> Tool:
    behind = getattr(inspect.unwrap(fn), "__func__", None)  # a method's function, under any wrappers
    if behind is None:
        return Tool.from_function(guarded, structured_output=False)
    key = (behind, str(inspect.signature(guarded)))
    built = _BUILT.get(key)
    if built is None:
        built = _BUILT.setdefault(key, Tool.from_function(guarded, structured_output=False))
    return built


def hints(operations: list[Operation], *, keyed: bool = False) -> ToolAnnotations:
    """The MCP spec's four hints, as the operations a tool may call make them true (docs/mcp.md, "Annotations")."""
    reads = all(operation.method == "GET" for operation in operations)
    destructive = not reads and any(not _additive(operation) for operation in operations)
    idempotent = keyed or all(operation.method in _IDEMPOTENT_METHODS for operation in operations)
    return ToolAnnotations(
        read_only_hint=reads, destructive_hint=destructive, idempotent_hint=idempotent, open_world_hint=False
    )


def _additive(operation: Operation) -> bool:
    """A GET, or a POST to a collection: not on an existing resource (`.../{id}`, `.../{id}/_actions/...`)."""
    on_one = operation.path.endswith("}") or "}/_actions/" in operation.path
    return operation.method == "GET" or (operation.method == "POST" and not on_one)


def _guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn`, its failures made one line with every long input cut (`one_line`): the client's `ValueError` and
    Engage's error (`from_api_error`) go to the agent, where the SDK would answer "Error executing tool" and log
    the reason, input and all, on the server."""

    @functools.wraps(fn)
    async def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return await fn(*args, **kwargs)
        except EngageToolError as exc:
            raise EngageToolError(one_line(str(exc), kwargs)) from None
        except errors.PexipEngageError as exc:
            raise EngageToolError(one_line(str(from_api_error(exc)), kwargs)) from None
        except ValueError as exc:
            raise EngageToolError(one_line(f"refused: {exc}", kwargs)) from None

    return run


def _without_titles(schema: Any) -> Any:
    """pydantic's schema without what costs an agent bytes on every turn and tells it nothing: each property's
    title (its own name), and an optional one's `anyOf: [X, null], default: null` (here X, not `required`)."""
    if isinstance(schema, list):
        return [_without_titles(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    return {key: _without_titles(value) for key, value in _plain_optional(schema).items() if key != "title"}


def _plain_optional(schema: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [X, null], default: null` as X; any other schema as it is."""
    options = schema.get("anyOf")
    if not isinstance(options, list) or len(options) != 2 or {"type": "null"} not in options:
        return schema
    if schema.get("default", 0) is not None:
        return schema
    kept = next(option for option in options if option != {"type": "null"})
    return {**kept, **{key: value for key, value in schema.items() if key not in {"anyOf", "default"}}}
