"""Whether a fact holds in the spec, and what the spec says at its place.

``HANDLERS`` holds one check per fact kind. Most kinds are judged at each *slot* their place
reaches (a place reaches several where a oneOf's variants each define it) and hold when they hold
at one of them: the spec may follow any variant, and the report shows what each slot says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .facts import Fact, Kind, as_text
from .hand_kept import PATTERN_RANGES
from .spec import PARAMETER_SECTIONS, Schema, Slot, Spec, enum_of, is_closed, types_of

Verdict = tuple[bool, str]  # whether the fact holds, and what the spec says at its place
DATE_FORMATS = {"date", "date-time"}


@dataclass(frozen=True)
class Place:
    """What the spec has where a fact points: the operation, and the slots the fact's target names."""

    spec: Spec
    operation: Schema
    slots: list[Slot]


Handler = Callable[[Place, Fact], Verdict]
SlotTest = Callable[[Spec, Fact, Slot], bool]
SlotSays = Callable[[Spec, Fact, Slot], str]


class Auditor:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def check(self, fact: Fact) -> Verdict:
        """Whether the fact holds, and what the spec says there (a gap's kind has no check)."""
        slots = self.spec.slots(fact.page, fact.target)
        if slots is None:
            return False, "no such operation"
        return HANDLERS[fact.kind](Place(self.spec, self.spec.operations[fact.page][0], slots), fact)


# --------------------------------------------------------------------------------------------
# Kinds judged on the operation: a status, its media type, a business code
# --------------------------------------------------------------------------------------------


def _status(place: Place, fact: Fact) -> Verdict:
    return bool(place.slots), "documented" if place.slots else "status absent"


def _media(place: Place, fact: Fact) -> Verdict:
    response = place.spec.resolve((place.operation.get("responses") or {}).get(fact.target[1])) or {}
    media = sorted(response.get("content") or {})
    return fact.value in media, "content " + (", ".join(media) or "none")


def _code(place: Place, fact: Fact) -> Verdict:
    codes = place.operation.get("x-business-error-codes") or []
    return fact.value in codes, "listed" if fact.value in codes else "code not in x-business-error-codes"


# --------------------------------------------------------------------------------------------
# Kinds judged where a field or parameter is: it must exist first
# --------------------------------------------------------------------------------------------


def _somewhere(handler: Handler) -> Handler:
    """`handler`, run once the fact's place is known to exist in the spec."""

    def at_place(place: Place, fact: Fact) -> Verdict:
        if place.slots:
            return handler(place, fact)
        return False, "no such " + ("parameter" if fact.target[0] in PARAMETER_SECTIONS else "field")

    return at_place


def _present(place: Place, fact: Fact) -> Verdict:
    return True, "present"


def _values_anywhere(place: Place, fact: Fact) -> Verdict:
    # Across oneOf variants (a discriminated union), each variant may allow some of the values.
    allowed = {value for slot in place.slots for shape in _shapes(place.spec, fact, slot) for value in enum_of(shape)}
    return set(fact.value) <= allowed, _values_text(sorted(map(str, allowed)))


def _each_slot(test: SlotTest, says: SlotSays) -> Handler:
    """Holds when `test` holds at any slot; says what each slot says, once each."""

    def at_slots(place: Place, fact: Fact) -> Verdict:
        said = [says(place.spec, fact, slot) for slot in place.slots]
        holds = any(test(place.spec, fact, slot) for slot in place.slots)
        return holds, " / ".join(dict.fromkeys(said))

    return _somewhere(at_slots)


def _flag(read: Callable[[Spec, Slot], bool], yes: str, no: str) -> Handler:
    """A yes/no property of a slot: holds when it is what the page says."""
    return _each_slot(
        lambda spec, fact, slot: read(spec, slot) == fact.value,
        lambda spec, fact, slot: yes if read(spec, slot) else no,
    )


def _is_required(spec: Spec, slot: Slot) -> bool:
    return slot.required


def _is_nullable(spec: Spec, slot: Slot) -> bool:
    return spec.nullable(slot.schema)


def _is_closed(spec: Spec, slot: Slot) -> bool:
    return any(is_closed(shape) for shape in spec.variants(slot.schema))


def _is_deprecated(spec: Spec, slot: Slot) -> bool:
    return any(shape.get("deprecated") is True for shape in spec.variants(slot.schema))


def _type_names(spec: Spec, schema: Any) -> set[str]:
    """The schema's types as the pages write them: "string(date-time)", "array[object]"."""
    names: set[str] = set()
    for shape in spec.variants(schema):
        for base in types_of(shape):
            if base == "array":
                inner = {t for item in spec.items_of(shape) for t in types_of(item)}
                names.add(f"array[{'|'.join(sorted(inner)) or '?'}]")
            elif "format" in shape:
                names.add(f"{base}({shape['format']})")
            else:
                names.add(base)
    return names


def _type_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    documented: str = fact.value
    names = _type_names(spec, slot.schema)
    if documented == "string(positive-integer)":
        # A numeric query value: the spec may model it as an integer from 0 or a digit string.
        return bool(names & {"integer", "string"})
    if documented in names:
        return True
    base = documented.split("(", maxsplit=1)[0]
    # A format the docs show only on some copies is not a type mismatch when the base agrees.
    return "(" not in documented and any(name.split("(")[0] == base for name in names)


def _type_says(spec: Spec, fact: Fact, slot: Slot) -> str:
    return "type " + "|".join(sorted(_type_names(spec, slot.schema)))


def _default_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    return any(as_text(shape.get("default")) == fact.value for shape in spec.variants(slot.schema))


def _default_says(spec: Spec, fact: Fact, slot: Slot) -> str:
    defaults = [as_text(shape["default"]) for shape in spec.variants(slot.schema) if "default" in shape]
    return "default " + ", ".join(defaults) if defaults else "no default"


# --------------------------------------------------------------------------------------------
# Kinds named after the JSON Schema keyword that states them ("items." ones on the items)
# --------------------------------------------------------------------------------------------


def _keyword(fact: Fact) -> str:
    return fact.kind.removeprefix("items.")


def _shapes(spec: Spec, fact: Fact, slot: Slot) -> list[Schema]:
    """The shapes that carry the fact's keyword: the items' for an "items." kind, else the field's."""
    if fact.kind.startswith("items."):
        return spec.items_of(slot.schema)
    shapes = spec.variants(slot.schema)
    if fact.kind in {"enum", "const"}:  # values on a field whose type the page leaves out may be its items'
        shapes += spec.items_of(slot.schema)
    return shapes


def _any_states(keyword: str, value: Any, shapes: list[Schema]) -> bool:
    return any(keyword in shape and shape[keyword] == value for shape in shapes)


def _bound_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    return _any_states(_keyword(fact), fact.value, _shapes(spec, fact, slot))


def _min_length_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    shapes = _shapes(spec, fact, slot)
    if fact.value <= 1 and any(shape.get("format") in DATE_FORMATS for shape in shapes):
        return True  # a date or date-time is never empty: the format says it
    return _any_states("minLength", fact.value, shapes)


def _pattern_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    shapes = _shapes(spec, fact, slot)
    bounds = PATTERN_RANGES.get(fact.value)  # an integer with these bounds states the same fact
    return _any_states("pattern", fact.value, shapes) or (
        bounds is not None and any(bounds == _integer_bounds(shape) for shape in shapes if "integer" in types_of(shape))
    )


def _integer_bounds(shape: Schema) -> tuple[Any, Any]:
    return shape.get("minimum"), shape.get("maximum")


def _const_holds(spec: Spec, fact: Fact, slot: Slot) -> bool:
    return any(fact.value in enum_of(shape) for shape in _shapes(spec, fact, slot))


def _stated(keyword: str, shapes: list[Schema]) -> list[str]:
    return [as_text(shape[keyword]) for shape in shapes if keyword in shape]


def _bound_says(spec: Spec, fact: Fact, slot: Slot) -> str:
    return _keyword_text(fact, _stated(_keyword(fact), _shapes(spec, fact, slot)))


def _pattern_says(spec: Spec, fact: Fact, slot: Slot) -> str:
    shapes = _shapes(spec, fact, slot)
    integers = [_integer_bounds(shape) for shape in shapes if "integer" in types_of(shape)]
    stated = _stated("pattern", shapes) or [f"none; integer from {low} to {high}" for low, high in integers]
    return _keyword_text(fact, stated)


def _keyword_text(fact: Fact, stated: list[str]) -> str:
    prefix = "items " if fact.kind.startswith("items.") else ""
    return f"{prefix}{_keyword(fact)} " + ", ".join(stated) if stated else f"{prefix}{_keyword(fact)} absent"


def _values_says(spec: Spec, fact: Fact, slot: Slot) -> str:
    return _values_text(sorted({str(value) for shape in _shapes(spec, fact, slot) for value in enum_of(shape)}))


def _values_text(values: list[str]) -> str:
    return "values " + ", ".join(values) if values else "no enum"


# --------------------------------------------------------------------------------------------
# The table: one check per kind the readers produce (tests/tooling/test_audit_spec.py holds it to that)
# --------------------------------------------------------------------------------------------

_REQUIRED = _flag(_is_required, "required", "not required")
_BOUND = _each_slot(_bound_holds, _bound_says)
_MIN_LENGTH = _each_slot(_min_length_holds, _bound_says)
_VALUES = _somewhere(_values_anywhere)
_CONST = _each_slot(_const_holds, _values_says)

HANDLERS: dict[Kind, Handler] = {
    "present": _somewhere(_present),
    "required": _REQUIRED,
    "body_required": _REQUIRED,
    "type": _each_slot(_type_holds, _type_says),
    "nullable": _flag(_is_nullable, "nullable", "not nullable"),
    "minLength": _MIN_LENGTH,
    "maxLength": _BOUND,
    "minimum": _BOUND,
    "maximum": _BOUND,
    "minItems": _BOUND,
    "maxItems": _BOUND,
    "items.minLength": _MIN_LENGTH,
    "items.maxLength": _BOUND,
    "items.minimum": _BOUND,
    "items.maximum": _BOUND,
    "enum": _VALUES,
    "items.enum": _VALUES,
    "const": _CONST,
    "items.const": _CONST,
    "default": _each_slot(_default_holds, _default_says),
    "pattern": _each_slot(_pattern_holds, _pattern_says),
    "closed": _flag(_is_closed, "closed", "open"),
    "deprecated": _flag(_is_deprecated, "deprecated", "not deprecated"),
    "status": _status,
    "media": _media,
    "code": _code,
}
