"""The project's one `$ref` resolver: local JSON pointers (`#/components/...`) in an OpenAPI document.

Pointer escapes (`~1`, `~0`) and cycles are handled once, for the fake, the MCP catalog, the scripts
and the tests; the standard library only, so a production server can use it without the fake. The
one reader of the spec packaged with the client is here too, for the same rooms and the client's.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def packaged_spec() -> dict[str, Any]:
    """The spec the client was generated from, decoded once: shared, never changed."""
    import json  # noqa: PLC0415

    return json.loads(packaged_spec_text())  # type: ignore[no-any-return]


@functools.cache
def operation_id(method: str, template: str) -> str:
    """The operationId the packaged spec gives `method template` (`get`, `/appointments/{id}`); "" if none."""
    if not template:
        return ""
    operation = packaged_spec().get("paths", {}).get(template, {}).get(method.lower(), {})
    return str(operation.get("operationId", "")) if isinstance(operation, dict) else ""


def packaged_spec_text() -> str:
    """`_generated/openapi.json` of this copy of the package, vendored or not, as text."""
    from importlib import resources  # noqa: PLC0415

    package = __package__.rsplit(".", 1)[0]
    return resources.files(package).joinpath("_generated", "openapi.json").read_text(encoding="utf-8")


def resolve(node: Any, document: dict[str, Any]) -> Any:
    """`node` with its top-level `$ref` (local, `#/...`) followed until a node without one."""
    if isinstance(node, dict) and "$ref" in node:
        return pointer(document, final_pointer(document, node["$ref"]))
    return node


def final_pointer(document: dict[str, Any], ref: str) -> str:
    """The pointer reached from `ref` by following `$ref`s; ValueError on a cycle."""
    seen = {ref}
    while True:
        node = pointer(document, ref)
        if not (isinstance(node, dict) and "$ref" in node):
            return ref
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(f"$ref {ref} leads back to itself")
        seen.add(ref)


def pointer(document: dict[str, Any], ref: str) -> Any:
    """The node a local JSON pointer names (`#/components/schemas/Appointment`); ValueError if none."""
    node: Any = document
    for part in ref.removeprefix("#/").split("/") if ref not in ("#", "#/") else ():
        key = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ValueError(f"$ref {ref} leads nowhere") from None
    return node
