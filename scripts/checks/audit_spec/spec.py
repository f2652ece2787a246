"""openapi.yaml as the audit sees it: operations by page name, and the shapes a schema allows.

``$ref`` is followed with the project's one resolver (``pexip_engage_client.testing._spec.resolve``);
``allOf`` is merged and ``oneOf``/``anyOf`` unfolded into concrete shapes, so a check can ask "does
any shape say this" without knowing how the schema is composed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pexip_engage_client.testing._spec import resolve

Schema = dict[str, Any]
PARAMETER_SECTIONS = {"header", "path", "query"}
COMPOSITIONS = {"allOf", "oneOf", "anyOf"}
# The name the documentation's examples give a member of a map (`additionalProperties` with a
# schema): any name, whose value has that schema.
PLACEHOLDER_RE = re.compile(r"^additionalProperty\d+$")


@dataclass(frozen=True)
class Slot:
    """One place in the spec a documented location may refer to."""

    schema: Any
    required: bool


class Spec:
    """An OpenAPI document's operations, keyed by page name, and what its schemas allow."""

    def __init__(self, document: Schema) -> None:
        self.document = document
        # Page name (lower-case operationId) -> (operation, the parameters its path item shares).
        self.operations: dict[str, tuple[Schema, list[Any]]] = {}
        for group in ("paths", "webhooks"):
            for path_item in (document.get(group) or {}).values():
                shared = path_item.get("parameters", [])
                for method, operation in path_item.items():
                    if method in {"get", "put", "post", "patch", "delete"} and "operationId" in operation:
                        self.operations[str(operation["operationId"]).lower()] = (operation, shared)

    def resolve(self, node: Any) -> Any:
        try:
            return resolve(node, self.document)
        except ValueError as exc:
            raise ValueError(f"openapi.yaml: {exc}") from None

    def variants(self, schema: Any, depth: int = 0) -> list[Schema]:
        """The concrete shapes a schema allows: $ref resolved, allOf merged, oneOf/anyOf unfolded."""
        schema = self.resolve(_ref_as_all_of(schema))
        if not isinstance(schema, dict) or depth > 20:  # a recursive schema is cut off, not followed forever
            return []
        shapes = [{key: value for key, value in schema.items() if key not in COMPOSITIONS}]
        for part in schema.get("allOf", []):
            shapes = [_merge(shape, extra) for shape in shapes for extra in self.variants(part, depth + 1) or [{}]]
        return self._unfold(shapes, [*schema.get("oneOf", []), *schema.get("anyOf", [])], depth)

    def _unfold(self, shapes: list[Schema], choices: list[Any], depth: int) -> list[Schema]:
        """Each shape merged with each choice's shapes; the "null" choice of a nullable union adds none."""
        unfolded = [
            _merge(shape, variant)
            for shape in shapes
            for choice in choices
            for variant in self.variants(choice, depth + 1)
            if variant.get("type") != "null"
        ]
        return unfolded or shapes

    def nullable(self, schema: Any) -> bool:
        schema = self.resolve(_ref_as_all_of(schema))
        if not isinstance(schema, dict):
            return False
        types = schema.get("type")
        if types == "null" or (isinstance(types, list) and "null" in types) or schema.get("nullable") is True:
            return True
        if None in schema.get("enum", [object()]):
            return True
        parts = [*schema.get("oneOf", []), *schema.get("anyOf", []), *schema.get("allOf", [])]
        return any(self.nullable(part) for part in parts)

    def items_of(self, schema: Any) -> list[Schema]:
        return [item for shape in self.variants(schema) if "items" in shape for item in self.variants(shape["items"])]

    def slots(self, page: str, target: tuple[str, ...]) -> list[Slot] | None:
        """The places in the spec a fact's target names; None when the operation itself is missing."""
        found = self.operations.get(page)
        if found is None:
            return None
        section, *names = target
        if section in PARAMETER_SECTIONS:
            name, *names = names
            slots = self._parameter_slots(found, section, name)
        elif section == "body":
            slots = self._body_slots(found[0])
        else:
            code, *names = names
            slots = self._response_slots(found[0], code)
        for name in names:
            slots = [child for slot in slots for child in self.children(slot.schema, name)]
        return slots

    def _parameter_slots(self, found: tuple[Schema, list[Any]], section: str, name: str) -> list[Slot]:
        operation, shared = found
        slots = []
        for parameter in [*shared, *operation.get("parameters", [])]:
            resolved = self.resolve(parameter)
            # Header names are case-insensitive; path and query names are not.
            same = (
                resolved.get("name", "").lower() == name.lower()
                if section == "header"
                else resolved.get("name") == name
            )
            if same and resolved.get("in") == section:
                slots.append(Slot(resolved.get("schema", {}), bool(resolved.get("required", False))))
        return slots

    def _body_slots(self, operation: Schema) -> list[Slot]:
        body = self.resolve(operation.get("requestBody"))
        return [] if body is None else [Slot(self.json_schema(body), bool(body.get("required", False)))]

    def _response_slots(self, operation: Schema, code: str) -> list[Slot]:
        response = self.resolve((operation.get("responses") or {}).get(code))
        return [] if response is None else [Slot(self.json_schema(response), True)]

    def children(self, schema: Any, name: str) -> list[Slot]:
        """The slots of member `name`: a property of the schema's shapes or of its items' shapes."""
        found: list[Slot] = []
        shapes = self.variants(schema)
        shapes += [item for shape in shapes if "items" in shape for item in self.variants(shape["items"])]
        for shape in shapes:
            properties = shape.get("properties") or {}
            if name in properties:
                found.append(Slot(properties[name], name in (shape.get("required") or [])))
            elif PLACEHOLDER_RE.match(name) and isinstance(shape.get("additionalProperties"), dict):
                found.append(Slot(shape["additionalProperties"], False))
        return found

    def json_schema(self, holder: Any) -> Any:
        """The application/json schema of a request body or response ({} when it has none)."""
        holder = self.resolve(holder)
        if not isinstance(holder, dict):
            return {}
        media = (holder.get("content") or {}).get("application/json") or {}
        return media.get("schema", {})


def _ref_as_all_of(schema: Any) -> Any:
    """OpenAPI 3.1 lets keywords sit beside a $ref (a default, deprecated): keep them."""
    if isinstance(schema, dict) and "$ref" in schema and len(schema) > 1:
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        return {**siblings, "allOf": [*siblings.get("allOf", []), {"$ref": schema["$ref"]}]}
    return schema


def _merge(base: Schema, extra: Schema) -> Schema:
    merged = {**extra, **{key: value for key, value in base.items() if key not in {"properties", "required"}}}
    merged["properties"] = {**extra.get("properties", {}), **base.get("properties", {})}
    merged["required"] = [*extra.get("required", []), *base.get("required", [])]
    for closing in ("additionalProperties", "unevaluatedProperties"):
        if extra.get(closing) is False or base.get(closing) is False:
            merged[closing] = False
    return merged


def types_of(shape: Schema) -> set[str]:
    """The non-null types a shape declares; an object when it only lists properties."""
    declared = shape.get("type")
    types = set(declared) if isinstance(declared, list) else {declared} if declared else set()
    if not types and ("properties" in shape or "additionalProperties" in shape):
        types = {"object"}
    return types - {"null"}


def is_closed(shape: Schema) -> bool:
    return shape.get("additionalProperties") is False or shape.get("unevaluatedProperties") is False


def enum_of(shape: Schema) -> list[Any]:
    """The values a shape allows by enum or const."""
    values = list(shape.get("enum") or [])
    if "const" in shape:
        values.append(shape["const"])
    return values
