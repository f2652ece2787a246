"""Every operation of the spec as an agent needs to know it, read from the `openapi.json` packaged with the
client (`_base._refs` follows its `$ref`s): a production server loads neither the fake nor jsonschema.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pexip_engage_client._base._refs import packaged_spec, resolve

from ._results import ECHO_LIMIT, EngageToolError, shown

# Words a search skips: they match everything.
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "by", "for", "in", "on", "and", "or", "with", "all", "one"})
# Parameters every operation takes and the client sets itself: never shown to an agent.
_CLIENT_HEADERS = frozenset({"X-Correlation-Id", "Accept-Language"})


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # path, query or header
    required: bool
    type: str
    description: str = ""
    enum: tuple[str, ...] = ()

    def compact(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"name": self.name, "in": self.where, "type": self.type}
        if self.required:
            shown["required"] = True
        if self.enum:
            shown["enum"] = list(self.enum)
        if self.description:
            shown["description"] = self.description
        return shown


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    summary: str
    tag: str
    scope: str | None
    parameters: tuple[Parameter, ...]
    body_fields: tuple[dict[str, Any], ...] = ()
    error_statuses: tuple[str, ...] = ()
    paged: bool = False
    # The fields of what a GET answers (each item of a list): what call_read_operation's `fields` may name.
    result_fields: tuple[str, ...] = ()

    @property
    def reads(self) -> bool:
        return self.method == "GET"

    @property
    def settings_wide(self) -> bool:
        """Enterprise-wide settings: a change here touches every office, employee and booking page."""
        return self.scope is not None and self.scope.startswith(("engage:settings:", "engage:translations:"))


class Catalog:
    """The operations by id, with the nearest names for a mistyped one."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations: dict[str, Operation] = {}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if method in {"get", "post", "put", "patch", "delete"}:
                    parsed = self._operation(path, method, operation, item.get("parameters", []))
                    self.operations[parsed.operation_id] = parsed

    def get(self, operation_id: str) -> Operation:
        """The operation, or an EngageToolError naming the nearest ids."""
        found = self.operations.get(operation_id)
        if found is not None:
            return found
        lowered = {name.lower(): name for name in self.operations}
        if operation_id.lower() in lowered:
            return self.operations[lowered[operation_id.lower()]]
        near = []
        if len(operation_id) <= ECHO_LIMIT:  # difflib's cost grows with the text's length
            near = difflib.get_close_matches(operation_id, list(self.operations), n=3, cutoff=0.5)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        raise EngageToolError(f"unknown operation {shown(operation_id)}{hint}; search_operations finds one by words")

    def search(self, query: str, limit: int) -> list[Operation]:
        """The operations whose id, summary, path or tag hold the query's words, best first: a word scores 2 as a
        whole term, 1 where it starts one; ties go to fewer terms, then the spec's order; small words count nothing."""
        words = _words(query) - _SMALL_WORDS
        scored = []
        for order, operation in enumerate(self.operations.values()):
            terms = _words(f"{operation.operation_id} {operation.summary} {operation.path} {operation.tag}")
            score = sum(2 if word in terms else any(term.startswith(word) for term in terms) for word in words)
            if score:
                scored.append((-score, len(terms), order, operation))
        return [operation for *_, operation in sorted(scored, key=lambda item: item[:3])[:limit]]

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        resolved: dict[str, Any] = resolve(node, self.document)
        return resolved

    def _parameter(self, raw: dict[str, Any]) -> Parameter:
        parameter = self._resolve(raw)
        schema = self._resolve(parameter.get("schema", {}))
        first_sentence = parameter.get("description", "").strip().split("\n")[0].split(". ")[0].rstrip(".")
        kind = schema.get("type", "string")
        if kind == "array":
            kind = f"array of {self._resolve(schema.get('items', {})).get('type', 'string')}"
        return Parameter(
            parameter["name"],
            parameter["in"],
            bool(parameter.get("required")),
            kind,
            first_sentence[:120],
            tuple(str(value) for value in schema.get("enum", ())),
        )

    def _operation(self, path: str, method: str, operation: dict[str, Any], shared: list[Any]) -> Operation:
        every = [self._parameter(raw) for raw in [*shared, *operation.get("parameters", [])]]
        parameters = tuple(parameter for parameter in every if parameter.name not in _CLIENT_HEADERS)
        return Operation(
            operation_id=operation["operationId"],
            method=method.upper(),
            path=path,
            summary=operation.get("summary", ""),
            tag=(operation.get("tags") or [""])[0],
            scope=_scope(operation),
            parameters=parameters,
            body_fields=self._body_fields(operation),
            error_statuses=tuple(status for status in operation.get("responses", {}) if status[:1] in "45"),
            paged=any(p.name == "offset" for p in parameters),
            result_fields=self._result_fields(operation) if method == "get" else (),
        )

    def _result_fields(self, operation: dict[str, Any]) -> tuple[str, ...]:
        """The property names of the 200 answer's object (in its `data` envelope; each item of a list)."""
        schema = self._media_schema(operation.get("responses", {}).get("200", {}))
        data = self._resolve(self._properties(schema).get("data", schema))
        if data.get("type") == "array":
            data = self._resolve(data.get("items", {}))
        return tuple(self._properties(data))

    def _media_schema(self, holder: dict[str, Any]) -> dict[str, Any]:
        """The schema of a request body's or an answer's first media type ({} when it has none)."""
        media: dict[str, Any] = next(iter(self._resolve(holder).get("content", {}).values()), {})
        return self._resolve(media.get("schema", {}))

    def _properties(self, schema: dict[str, Any]) -> dict[str, Any]:
        """A schema's properties, its `allOf` parts' included."""
        found = dict(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            found |= self._properties(self._resolve(part))
        return found

    def _body_fields(self, operation: dict[str, Any]) -> tuple[dict[str, Any], ...]:
        schema = self._media_schema(operation.get("requestBody", {}))
        required = set(schema.get("required", []))
        fields = []
        for name, raw in schema.get("properties", {}).items():
            prop = self._resolve(raw)
            shown: dict[str, Any] = {"name": name, "type": prop.get("type", "object")}
            if name in required:
                shown["required"] = True
            if "enum" in prop:
                shown["enum"] = prop["enum"]
            fields.append(shown)
        return tuple(fields)


def _scope(operation: dict[str, Any]) -> str | None:
    """The first OAuth scope the operation requires (None when it names none)."""
    scopes = [scope for requirement in operation.get("security") or [] for scope in requirement.get("oauth2", [])]
    return scopes[0] if scopes else None


def _words(text: str) -> set[str]:
    """Lower-case words, camelCase and kebab-case split: `getAppointmentById` gives get, appointment, by, id."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return {word for word in re.split(r"[^a-z0-9]+", spaced.lower()) if word}


@cache
def catalog() -> Catalog:
    """The packaged spec's operations (read once)."""
    return Catalog(packaged_spec())


def read_only_scopes() -> list[str]:
    """The OAuth scopes a read-only server asks Engage for: every `engage:*:readOnly` one the spec lists, in order."""
    schemes = catalog().document["components"]["securitySchemes"].values()
    flows = [flow for scheme in schemes for flow in scheme.get("flows", {}).values()]
    return sorted({name for flow in flows for name in flow.get("scopes", {}) if name.endswith(":readOnly")})
