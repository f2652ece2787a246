"""A call of any operation of openapi.yaml through the client, built from the spec alone.

The suites that call every operation (tests/contract, tests/client and tests/sync's every-operation
tests, the tracing tests) hold a hand-written call for each operation the documentation describes,
with realistic arguments. An operation the spec adds later (a newer spec, regenerated with `make
generate` and nothing else: issue 70) gets this one instead: each path id `x`, each required query
parameter and the body the plainest value the spec allows, found where the command line finds its
commands (the generated command table names each operation's resource and method).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pexip_engage_cli import _table
from pexip_engage_client import PexipEngage
from pexip_engage_client.testing import _schemas as schemas

from .spec import SPEC

Call = Callable[[PexipEngage], Awaitable[Any]]
NOW = "2030-01-07T09:00:00.000Z"
_METHODS = ("get", "put", "post", "patch", "delete")


def spec_operation_ids() -> set[str]:
    """Every operationId of openapi.yaml's paths."""
    return {op["operationId"] for item in SPEC["paths"].values() for key, op in item.items() if key in _METHODS}


def _where(operation_id: str) -> tuple[str, str]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in _METHODS and operation["operationId"] == operation_id:
                return path, method
    raise KeyError(operation_id)


def _parameter_refs(path: str, method: str) -> dict[str, str]:
    """Each parameter's name, and the JSON pointer to its schema."""
    refs: dict[str, str] = {}
    for index, raw in enumerate(SPEC["paths"][path][method].get("parameters", [])):
        parameter = SPEC["components"]["parameters"][raw["$ref"].rsplit("/", 1)[1]] if "$ref" in raw else raw
        pointer = schemas.pointer_to("paths", path, method, "parameters", str(index), "schema")
        refs[parameter["name"]] = f"{raw['$ref']}/schema" if "$ref" in raw else pointer
    return refs


def spec_call(operation_id: str) -> Call:
    """The operation called with the plainest arguments the spec allows (a list operation's first page, awaited)."""
    [(namespace, command)] = [
        (group["namespace"], command)
        for group in _table.load().values()
        for command in group["commands"].values()
        if command["operation"] == operation_id and "ensures" not in command
    ]
    path, method = _where(operation_id)
    refs = _parameter_refs(path, method)
    arguments: list[Any] = []
    keywords: dict[str, Any] = {}
    for parameter in command["parameters"]:
        if parameter["positional"]:
            arguments.append("x")
        elif parameter["required"]:
            keywords[parameter["python"]] = schemas.default_value(refs[parameter["name"]], NOW)
    if command["body"] is not None:  # an optional one too: the suites check the body the spec describes
        body = schemas.follow(schemas.pointer_to("paths", path, method, "requestBody"))
        keywords["body"] = schemas.default_value(f"{body}/content/application~1json/schema", NOW)

    def call(engage: PexipEngage) -> Any:
        # What the method returns: awaited by the async suites, the result itself from SyncPexipEngage.
        return getattr(getattr(engage, namespace), command["method"])(*arguments, **keywords)

    return call
