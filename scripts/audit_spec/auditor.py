"""Whether a fact holds in the spec, and what the spec says at its place."""

from __future__ import annotations

from typing import Any

from .facts import Fact, as_text
from .hand_kept import PATTERN_RANGES
from .spec import Schema, Slot, Spec, enum_of, is_closed, json_schema, types_of

DATE_FORMATS = {"date", "date-time"}


class Auditor:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def slots(self, page: str, target: tuple[str, ...]) -> list[Slot] | None:
        """The spec places a fact's target names; None when the operation itself is missing."""
        found = self.spec.operations.get(page)
        if found is None:
            return None
        operation, shared = found
        section, *rest = target
        slots: list[Slot]
        if section in {"header", "path", "query"}:
            name, *rest = rest
            slots = []
            for parameter in [*shared, *operation.get("parameters", [])]:
                resolved = self.spec.resolve(parameter)
                same = (
                    resolved.get("name", "").lower() == name.lower()
                    if section == "header"
                    else resolved.get("name") == name
                )
                if same and resolved.get("in") == section:
                    slots.append(Slot(resolved.get("schema", {}), bool(resolved.get("required", False))))
        elif section == "body":
            body = self.spec.resolve(operation.get("requestBody"))
            schema = json_schema(self.spec, body)
            slots = [] if body is None else [Slot(schema, bool(body.get("required", False)))]
        else:
            code, *rest = rest
            response = self.spec.resolve((operation.get("responses") or {}).get(code))
            slots = [] if response is None else [Slot(json_schema(self.spec, response), True)]
        for name in rest:
            slots = [child for slot in slots for child in self.children(slot.schema, name)]
        return slots

    def children(self, schema: Any, name: str) -> list[Slot]:
        found: list[Slot] = []
        shapes = self.spec.variants(schema)
        shapes += [item for shape in shapes if "items" in shape for item in self.spec.variants(shape["items"])]
        for shape in shapes:
            properties = shape.get("properties") or {}
            if name in properties:
                found.append(Slot(properties[name], name in (shape.get("required") or [])))
        return found

    def check(self, fact: Fact) -> tuple[bool, str]:  # noqa: PLR0911 (a dispatch on the fact kind)
        """Whether the fact holds, and what the spec says there."""
        slots = self.slots(fact.page, fact.target)
        if slots is None:
            return False, "no such operation"
        found = self.spec.operations[fact.page][0]
        if fact.kind == "status":
            return bool(slots), "documented" if slots else "status absent"
        if fact.kind == "media":
            response = self.spec.resolve((found.get("responses") or {}).get(fact.target[1])) or {}
            media = sorted(response.get("content") or {})
            return fact.value in media, "content " + (", ".join(media) or "none")
        if fact.kind == "code":
            codes = found.get("x-business-error-codes") or []
            return fact.value in codes, "listed" if fact.value in codes else "code not in x-business-error-codes"
        if not slots:
            return False, "no such " + ("parameter" if fact.target[0] in {"header", "path", "query"} else "field")
        if fact.kind == "present":
            return True, "present"
        if fact.kind.endswith("enum"):  # across "one of" variants, each may hold some of the values
            allowed = {
                value for slot in slots for shape in self._values(fact.kind, slot)[1] for value in enum_of(shape)
            }
            return set(fact.value) <= allowed, "values " + ", ".join(
                sorted(map(str, allowed))
            ) if allowed else "no enum"
        said = [self.describe(fact.kind, slot) for slot in slots]
        holds = any(self.holds(fact, slot) for slot in slots)
        return holds, " / ".join(dict.fromkeys(said))

    def _values(self, kind: str, slot: Slot) -> tuple[str, list[Schema]]:
        """The keyword a constraint kind names and the shapes that carry it."""
        if kind.startswith("items."):
            return kind.removeprefix("items."), self.spec.items_of(slot.schema)
        shapes = self.spec.variants(slot.schema)
        if kind in {"enum", "const"}:
            shapes += self.spec.items_of(slot.schema)
        return kind, shapes

    def holds(self, fact: Fact, slot: Slot) -> bool:  # noqa: PLR0911 (a dispatch on the fact kind)
        kind, value = fact.kind, fact.value
        if kind in {"required", "body_required"}:
            return bool(slot.required == value)
        if kind == "nullable":
            return bool(self.spec.nullable(slot.schema) == value)
        if kind == "type":
            return self._type_holds(value, slot.schema)
        if kind == "closed":
            closed = any(is_closed(shape) for shape in self.spec.variants(slot.schema))
            return bool(closed == value)
        if kind == "deprecated":
            return any(shape.get("deprecated") is True for shape in self.spec.variants(slot.schema))
        if kind == "default":
            return any(as_text(shape.get("default")) == value for shape in self.spec.variants(slot.schema))
        keyword, shapes = self._values(kind, slot)
        if keyword == "minLength" and value <= 1 and any(shape.get("format") in DATE_FORMATS for shape in shapes):
            return True  # a date or date-time is never empty: the format says it
        if keyword == "pattern" and value in PATTERN_RANGES:
            low, high = PATTERN_RANGES[value]
            return any(
                shape.get("pattern") == value
                or ("integer" in types_of(shape) and (shape.get("minimum"), shape.get("maximum")) == (low, high))
                for shape in shapes
            )
        if keyword == "enum":
            return set(value) <= {allowed for shape in shapes for allowed in enum_of(shape)}
        if keyword == "const":
            return any(value in enum_of(shape) for shape in shapes)
        return any(keyword in shape and shape[keyword] == value for shape in shapes)

    def describe(self, kind: str, slot: Slot) -> str:  # noqa: PLR0911 (a dispatch on the fact kind)
        if kind in {"required", "body_required"}:
            return "required" if slot.required else "not required"
        if kind == "nullable":
            return "nullable" if self.spec.nullable(slot.schema) else "not nullable"
        if kind == "type":
            return "type " + "|".join(sorted(self._type_names(slot.schema))) or "type not stated"
        if kind == "closed":
            shapes = self.spec.variants(slot.schema)
            return "closed" if any(is_closed(s) for s in shapes) else "open"
        if kind == "deprecated":
            shapes = self.spec.variants(slot.schema)
            return "deprecated" if any(s.get("deprecated") is True for s in shapes) else "not deprecated"
        if kind == "default":
            defaults = [as_text(s["default"]) for s in self.spec.variants(slot.schema) if "default" in s]
            return "default " + ", ".join(defaults) if defaults else "no default"
        keyword, shapes = self._values(kind, slot)
        if keyword in {"enum", "const"}:
            values = sorted({str(v) for shape in shapes for v in enum_of(shape)})
            return "values " + ", ".join(values) if values else "no enum"
        stated = [shape[keyword] for shape in shapes if keyword in shape]
        if keyword == "pattern" and not stated:
            bounds = [(s.get("minimum"), s.get("maximum")) for s in shapes if "integer" in types_of(s)]
            stated = [f"none; integer from {low} to {high}" for low, high in bounds]
        prefix = "items " if kind.startswith("items.") else ""
        return f"{prefix}{keyword} " + ", ".join(as_text(v) for v in stated) if stated else f"{prefix}{keyword} absent"

    def _type_names(self, schema: Any) -> set[str]:
        names: set[str] = set()
        for shape in self.spec.variants(schema):
            for base in types_of(shape):
                if base == "array":
                    inner = {t for item in self.spec.items_of(shape) for t in types_of(item)}
                    names.add(f"array[{'|'.join(sorted(inner)) or '?'}]")
                elif "format" in shape:
                    names.add(f"{base}({shape['format']})")
                else:
                    names.add(base)
        return names

    def _type_holds(self, documented: str, schema: Any) -> bool:
        names = self._type_names(schema)
        if documented == "string(positive-integer)":
            # A numeric query value: the spec may model it as an integer from 0 or a digit string.
            return bool(names & {"integer", "string"})
        if documented in names:
            return True
        base = documented.split("(", maxsplit=1)[0]
        # A format the docs show only on some copies is not a type mismatch when the base agrees.
        return "(" not in documented and any(name.split("(")[0] == base for name in names)
