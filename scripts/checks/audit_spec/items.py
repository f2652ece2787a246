"""Item trees into facts: an item's name, type and Required flag, and its constraint sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .facts import INFERRED, UNNAMED, Checked, Fact
from .hand_kept import DESCRIBED_NAMES
from .layouts import CODE_RE, TRUNCATED, TYPE_PATTERN, Item, Section

# A name in brackets is the copy's annotator naming what the rendering left out; a "?" in the
# brackets marks a guess, which is not used.
HEAD_RE = re.compile(
    rf"^(?:\[(?P<bracketed>[A-Za-z][\w-]*)(?:\s*[—,]\s*(?P<note>[^\]?]*))?\]|(?P<name>[A-Za-z_$][\w-]*))"
    rf"(?:\s+(?P<type>{TYPE_PATTERN}))?(?P<required>\s+Required\b)?(?P<rest>.*)$"
)
STATUS_RE = re.compile(r"^\[?(\d{3})\]?(?:\s|$)")
MEDIA_RE = re.compile(r"\s(application/[\w.+-]+)")


@dataclass(frozen=True)
class Field:
    """A field or parameter an item names, with what its head line shows about it."""

    name: str
    type: str | None  # e.g. "string(date-time)", "array[string]"; None when not shown
    nullable: bool | None
    required: bool | None
    text: str
    inferred: bool = False  # named by the copy's annotator although the rendering shows no name


# A name the annotator put after an unnamed item's text ("Minimum length is 1.   [date]"); a type
# word there ("[object]") names no field, and a "?" marks a guess (not matched).
TRAILING_NAME_RE = re.compile(r"^(?P<text>.*?)\s+\[(?P<name>[A-Za-z][\w-]*)\]$")
TYPE_WORDS = frozenset({"array", "boolean", "integer", "number", "object", "string"})


def parse_head(item: Item) -> Field | None:
    """The field an item describes, or None when the page does not name it reliably."""
    head = item.head.replace(TRUNCATED, "").strip()
    match = HEAD_RE.match(head)
    if match is None or not _names_a_field(match):
        trailing = TRAILING_NAME_RE.match(head)
        if trailing is None or trailing["name"] in TYPE_WORDS:
            return None
        match = HEAD_RE.match(f"[{trailing['name']}] {trailing['text']}")
        if match is None or not _names_a_field(match):
            return None
    shown_type = match["type"]
    return Field(
        name=match["bracketed"] or match["name"],
        type=shown_type.replace(" ", "").removesuffix("|null") if shown_type else None,
        nullable=("null" in shown_type) if shown_type else None,
        required=_required(match, item.shows_required),
        text=item.text,
        inferred="name not rendered" in (match["note"] or ""),
    )


def _names_a_field(head: re.Match[str]) -> bool:
    if head["name"] and not head["type"] and not head["required"]:
        return False  # a sentence, not a field
    rest = head["rest"]
    return not rest or bool(re.match(r"^(?:[.\s]|$)", rest))  # not "location: ..." nor a truncated name


def _required(head: re.Match[str], shows_required: bool) -> bool | None:
    """Shown Required (or so says the annotator's note); else False where the layout would show it."""
    note = head["note"] or ""
    if head["required"] or (re.search(r"\brequired\b", note) and "not required" not in note):
        return True
    if _cut_short("Required", head["rest"]):
        return None  # the copy ends inside the word: it may have said Required
    if shows_required and head["type"] and head["name"]:
        return False
    return None  # a markdown rendering or a bracketed name: the page cannot tell


def _cut_short(word: str, rest: str) -> bool:
    """Whether `rest` is `word` cut short where the copy ends ("Requ" for "Required")."""
    cut = rest.strip()
    return bool(cut) and len(cut) < len(word) and word.startswith(cut)


def _enum_values(text: str) -> list[str]:
    return [value for value in re.split(r",\s*(?:or\s+)?|\s+or\s+", text.strip()) if value]


# Bound sentences, each with the kind it states on a plain field and on an array field (where a
# length or value can only bound the items). Order matters: "of each" is read before the plain form.
NUMBER = r"(-?\d+(?:\.\d+)?)"
BOUND_SENTENCES: list[tuple[re.Pattern[str], Checked, Checked]] = [
    (re.compile(r"Minimum length of each is (\d+)"), "items.minLength", "items.minLength"),
    (re.compile(r"[Mm]aximum length of each is (\d+)"), "items.maxLength", "items.maxLength"),
    (re.compile(rf"Minimum value of each is {NUMBER}"), "items.minimum", "items.minimum"),
    (re.compile(rf"[Mm]aximum value of each is {NUMBER}"), "items.maximum", "items.maximum"),
    (re.compile(r"Minimum length is (\d+)"), "minLength", "items.minLength"),
    (re.compile(r"[Mm]aximum length is (\d+)"), "maxLength", "items.maxLength"),
    (re.compile(rf"Minimum value is {NUMBER}"), "minimum", "items.minimum"),
    (re.compile(rf"[Mm]aximum value is {NUMBER}"), "maximum", "items.maximum"),
    (re.compile(r"At least (\d+) elements?"), "minItems", "minItems"),
    (re.compile(r"At most (\d+) elements?"), "maxItems", "maxItems"),
]
VALUES_RE = re.compile(r"Values are ([^.]+)\.")
VALUE_RE = re.compile(r"Value is ([^.]+)\.")
DEFAULT_RE = re.compile(r"Default value is (.+?)\.(?:\s|$)")
PATTERN_RE = re.compile(r"Format should match the following pattern: (\S+?)\.(?:\s|$)")
DEPRECATED_RE = re.compile(r"(?:^|\.\s+)Deprecated\b")


def constraint_facts(text: str, is_array: bool) -> Iterator[tuple[Checked, Any]]:
    """(kind, value) for each constraint sentence in an item's text."""
    for sentence, plain, of_array in BOUND_SENTENCES:
        match = sentence.search(text)
        if match:
            yield (of_array if is_array else plain), float(match[1])
    yield from _value_facts(text, is_array)
    yield from _schema_facts(text)


def _value_facts(text: str, is_array: bool) -> Iterator[tuple[Checked, Any]]:
    """ "Values are ..." and "Value is ...": on an array field they name the items' values."""
    values = VALUES_RE.search(text)
    if values:
        yield ("items.enum" if is_array else "enum"), _enum_values(values[1])
    single = VALUE_RE.search(text)
    if single:
        yield ("items.const" if is_array else "const"), single[1]


def _schema_facts(text: str) -> Iterator[tuple[Checked, Any]]:
    """The default, the pattern, whether more properties are allowed, and deprecation."""
    default = DEFAULT_RE.search(text)
    if default:
        raw = default[1].strip()
        yield "default", "[]" if raw.startswith("[]") else raw  # "[] (empty)"
    pattern = PATTERN_RE.search(text)
    if pattern:
        yield "pattern", pattern[1]
    if "Additional properties are NOT allowed" in text:
        yield "closed", True
    elif "Additional properties are allowed" in text:
        yield "closed", False
    if DEPRECATED_RE.search(text):
        yield "deprecated", True


def _field_facts(page: str, target: tuple[str, ...], where: str, field_: Field) -> Iterator[Fact]:
    def fact(kind: Checked, value: Any) -> Fact:
        return Fact(page, where, kind, value, target)

    yield fact("present", True)
    if field_.required is not None:
        yield fact("required", field_.required)
    if field_.type is not None:
        yield fact("type", field_.type)
        yield fact("nullable", field_.nullable)
    is_array = bool(field_.type and field_.type.startswith("array"))
    for kind, value in constraint_facts(field_.text, is_array):
        yield fact(kind, value)


def _tree_facts(page: str, target: tuple[str, ...], where: str, items: Iterable[Item]) -> Iterator[Fact]:
    for item in items:
        field_ = parse_head(item)
        if field_ is None:  # unnamed: neither it nor its members can be placed
            yield Fact(page, where, UNNAMED, item.text.replace(TRUNCATED, "…")[:100], target)
            continue
        child_target = (*target, field_.name)
        child_where = f"{where}.{field_.name}"
        if field_.inferred:
            yield Fact(page, child_where, INFERRED, item.text[:100], child_target)
        yield from _field_facts(page, child_target, child_where, field_)
        yield from _tree_facts(page, child_target, child_where, item.children)


def _described(kind: str, item: Item) -> Field | None:
    """The item named by its standard description: the whole head, or its first sentence."""
    head = item.head.strip()
    name = DESCRIBED_NAMES.get((kind, head.rstrip("."))) or DESCRIBED_NAMES.get((kind, head.split(". ", 1)[0]))
    return None if name is None else Field(name=name, type=None, nullable=None, required=None, text=item.text)


def section_facts(page: str, section: Section) -> Iterator[Fact]:
    return SECTION_FACTS[section.kind](page, section)


def _parameter_facts(page: str, section: Section) -> Iterator[Fact]:
    for item in section.items:
        field_ = parse_head(item) or _described(section.kind, item)
        if field_ is None:
            yield Fact(page, section.kind, UNNAMED, item.text[:100], (section.kind,))
            continue
        if field_.name.lower() == "authorization":
            continue  # the security scheme, not a parameter
        target = (section.kind, field_.name)
        where = f"{section.kind}.{field_.name}"
        yield from _field_facts(page, target, where, field_)
        yield from _tree_facts(page, target, where, item.children)


def _body_facts(page: str, section: Section) -> Iterator[Fact]:
    yield Fact(page, "body", "present", True, ("body",))
    if section.body_required is not None:
        yield Fact(page, "body", "body_required", section.body_required, ("body",))
    yield from _tree_facts(page, ("body",), "body", section.items)


def _response_facts(page: str, section: Section) -> Iterator[Fact]:
    for item in section.items:
        status = STATUS_RE.match(item.head)
        if status is not None:
            yield from _status_facts(page, status[1], item)


def _status_facts(page: str, code: str, item: Item) -> Iterator[Fact]:
    """A status, its media type, the business codes listed under it, and its fields."""
    target = ("response", code)
    where = f"response.{code}"
    yield Fact(page, where, "status", code, target)
    media = MEDIA_RE.search(item.head)
    if media:
        yield Fact(page, where, "media", media[1], target)
    for child in item.children:
        if _is_code(child):
            yield Fact(page, where, "code", child.head.strip(), target)
    yield from _tree_facts(page, target, where, [child for child in item.children if not _is_code(child)])


def _is_code(item: Item) -> bool:
    return bool(CODE_RE.match(item.head.strip()))


SECTION_FACTS: dict[str, Callable[[str, Section], Iterator[Fact]]] = {
    "header": _parameter_facts,
    "path": _parameter_facts,
    "query": _parameter_facts,
    "body": _body_facts,
    "responses": _response_facts,
}
