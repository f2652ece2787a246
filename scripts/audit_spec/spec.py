"""openapi.yaml as the audit sees it: operations by page name, and the shapes a schema allows.

``$ref`` is followed with the project's one resolver (``pexip_engage_client.testing._spec.resolve``);
``allOf`` is merged and ``oneOf``/``anyOf`` unfolded into concrete shapes, so a check can ask "does
any shape say this" without knowing how the schema is composed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pexip_engage_client.testing._spec import resolve

Schema = dict[str, Any]


class Spec:
    def __init__(self, document: Schema) -> None:
        self.document = document
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
        if not isinstance(schema, dict) or depth > 20:
            return []
        own = {key: value for key, value in schema.items() if key not in {"allOf", "oneOf", "anyOf"}}
        shapes = [own]
        for part in schema.get("allOf", []):
            shapes = [_merge(shape, extra) for shape in shapes for extra in self.variants(part, depth + 1) or [{}]]
        choices = [*schema.get("oneOf", []), *schema.get("anyOf", [])]
        if choices:
            unfolded = [
                _merge(shape, variant)
                for shape in shapes
                for choice in choices
                for variant in self.variants(choice, depth + 1)
                if variant.get("type") != "null"
            ]
            shapes = unfolded or shapes
        return shapes

    def nullable(self, schema: Any) -> bool:
        schema = self.resolve(_ref_as_all_of(schema))
        if not isinstance(schema, dict):
            return False
        types = schema.get("type")
        if types == "null" or (isinstance(types, list) and "null" in types) or schema.get("nullable") is True:
            return True
        if None in schema.get("enum", [object()]):
            return True
        return any(self.nullable(choice) for choice in [*schema.get("oneOf", []), *schema.get("anyOf", [])]) or any(
            self.nullable(part) for part in schema.get("allOf", [])
        )

    def items_of(self, schema: Any) -> list[Schema]:
        return [item for shape in self.variants(schema) if "items" in shape for item in self.variants(shape["items"])]


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


@dataclass(frozen=True)
class Slot:
    """One place in the spec a documented location may refer to."""

    schema: Any
    required: bool


def types_of(shape: Schema) -> set[str]:
    declared = shape.get("type")
    types = set(declared) if isinstance(declared, list) else {declared} if declared else set()
    if not types and ("properties" in shape or "additionalProperties" in shape):
        types = {"object"}
    return types - {"null"}


def is_closed(shape: Schema) -> bool:
    return shape.get("additionalProperties") is False or shape.get("unevaluatedProperties") is False


def json_schema(spec: Spec, holder: Any) -> Any:
    holder = spec.resolve(holder)
    if not isinstance(holder, dict):
        return {}
    media = (holder.get("content") or {}).get("application/json") or {}
    return media.get("schema", {})


def enum_of(shape: Schema) -> list[Any]:
    values = list(shape.get("enum") or [])
    if "const" in shape:
        values.append(shape["const"])
    return values
