"""Audit openapi.yaml against the copied documentation pages.

Reads the structured text of every operation page (``api-reference/pages/*.txt``) and seed page
(``seeds/*.txt``), turns each statement it can read reliably into a *fact* (a field is Required,
its minimum length is 1, its values are A, B or C, the body is closed, status 404 is documented,
...), and checks each fact against openapi.yaml. Prints one line per fact that does not hold and
the summary ``N/M documented facts hold``; exits 1 when any fact fails.

The pages come in four layouts (one-line dash items, bullet items with indented detail lines,
markdown renderings, and a layout where every token sits on its own line); each has its own small
reader below, and all of them produce the same tree of items. Request and response examples add
one fact per field they show: it exists. What the page text cannot state reliably is kept by hand
in the tables below: ``HAND_KEPT`` (written in the dash layout, so it goes through the same reader),
``SUPERSEDED``, ``DESCRIBED_NAMES`` and ``PATTERN_RANGES``. Items a page does not name cannot be
checked; ``--verbose`` lists them, with the names a copy's annotator inferred.

Run ``python scripts/audit_spec.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pexip_engage_client.testing._spec import resolve

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_ENV = "PEXIP_ENGAGE_DOCS"
DEFAULT_DOCS = REPO_ROOT.parent / "shared"

Schema = dict[str, Any]
DATE_FORMATS = {"date", "date-time"}

# --------------------------------------------------------------------------------------------
# Hand-kept facts and decisions
# --------------------------------------------------------------------------------------------

# Facts a page states in prose the readers cannot follow, restated in the dash layout.
HAND_KEPT: dict[str, str] = {
    # The development copy lists the location filter's members after a prose line that stands in
    # for the "Query parameters" heading.
    "gettimetable": """
Query parameters
- location object  Location to be considered for filtering. Additional properties are NOT allowed.
  - latitude number. Minimum value is -90, maximum value is 90.
  - longitude number. Minimum value is -180, maximum value is 180.
""",
    # The appointment event's page sums up the office and the participant variants in prose.
    "postappointment": """
Body Required
- [data]
  - [appointment]
    - [office]
      - [location]
        - [countryCode] Minimum length is 2, maximum length is 2.
        - [geolocation]
        - [translations]
          - [city]
          - [street1]
          - [street2]
          - [state]
      - [translations]
        - [name]
        - [description]
        - [directions]
        - [parkingInfo]
    - [appointmentParticipants]
      - [role, required] Values are PRIMARY or SECONDARY.
      - [type, required] Values are CUSTOMER or EMPLOYEE.
      - [videoUrl] Maximum length is 2000.
      - [videoTestUrl] Maximum length is 2000.
      - [employee] Additional properties are NOT allowed.
        - [availableRoles] Values are ADMIN, AGENT, CENTRAL_PLANNER, or OFFICE_MANAGER.
        - [status, required] Values are ACTIVE, SUSPENDED, or PENDING.
""",
}

# Copies of a page that the page itself marks as an older version: (page, copy label).
SUPERSEDED: set[tuple[str, str]] = {
    ("getregions", "Copy A (older)"),
}

# Parameters a layout leaves unnamed but describes in the documentation's standard words.
DESCRIBED_NAMES: dict[tuple[str, str], str] = {
    ("header", "Unique identifier to allow referencing a particular transaction or event chain"): "X-Correlation-Id",
    ("header", "Bearer token used for authorization"): "Authorization",
    ("path", "Primary identifier of the requested resource"): "id",
}

# Digit patterns the pages put on numeric query text, and the integer range each one spells: an
# integer parameter with exactly these bounds states the same fact.
PATTERN_RANGES: dict[str, tuple[int, int]] = {
    "^([1-9]|[1-9][0-9]{1,2}|1000)$": (1, 1000),
}

# --------------------------------------------------------------------------------------------
# Reading pages into item trees
# --------------------------------------------------------------------------------------------


@dataclass
class Item:
    """One documented entry: its first line (name, type, Required) and all of its text."""

    head: str
    text: str
    children: list[Item] = field(default_factory=list)
    shows_required: bool = True  # False where the layout never prints "Required"


@dataclass
class Section:
    kind: str  # "header", "path", "query", "body" or "responses"
    items: list[Item] = field(default_factory=list)
    body_required: bool | None = None  # for "body": "Body Required" vs "Body"; None when not shown


TYPE_PATTERN = r"(?:array\[\w+\]|string|integer|number|boolean|object)(?:\([\w-]+\))?(?:\s*\|\s*null)?"
SECTION_RE = re.compile(
    r"^(?:#+\s*)?(?P<title>Headers|Path parameters|Query parameters|Body Required|Body|Responses)\b(?P<rest>.*)$"
)
MD_BODY_RE = re.compile(r"^#+\s*Body(?: parameters|: application/json)")
MD_STATUS_RE = re.compile(r"^#+\s*\[?(\d{3})\]?:?\s")
ENDPOINT_RE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def _section_for(line: str, layout: str) -> Section | None:  # noqa: PLR0911 (one exit per heading form)
    """The section a heading line opens, or None when the line is not a heading."""
    stripped = line.strip()
    if layout == "markdown":
        if MD_BODY_RE.match(stripped) and not stripped.startswith("####"):
            return Section("body")
        if not stripped.startswith("#"):
            return None
    match = SECTION_RE.match(stripped)
    if match is None or line[:1].isspace():
        return None
    title, rest = match["title"], match["rest"]
    if title == "Body" and layout == "markdown":
        return None
    if rest and not rest.startswith((" ", "(")):
        return None
    kinds = {"Headers": "header", "Path parameters": "path", "Query parameters": "query", "Responses": "responses"}
    if title in kinds:
        return Section(kinds[title])
    return Section("body", body_required=title == "Body Required")


def _nest(flat: list[tuple[int, Item]]) -> list[Item]:
    """Build the tree from (depth, item) pairs in page order."""
    roots: list[Item] = []
    stack: list[tuple[int, Item]] = []
    for depth, item in flat:
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(item)
        stack.append((depth, item))
    return roots


def _read_dash(lines: Sequence[str]) -> list[Section]:
    """Layout ``- name type Required. Constraints.``, nested by two spaces per level."""
    return _read_items(lines, "dash", re.compile(r"^(\s*)- (.*)$"), continued=False)


def _read_bullets(lines: Sequence[str]) -> list[Section]:
    """Layout ``  • name type Required`` with the item's detail on indented lines below it."""
    return _read_items(lines, "bullets", re.compile(r"^(\s*)• (.*)$"), continued=True)


def _read_items(lines: Sequence[str], layout: str, item: re.Pattern[str], *, continued: bool) -> list[Section]:
    """Sections of items marked by `item` (its groups: indentation, text), nested by two spaces a level.

    With `continued`, an indented line that is not an item adds to the item above it.
    """
    sections: list[Section] = []
    current: Section | None = None
    flat: list[tuple[int, Item]] = []

    def close() -> None:
        if current is not None:
            current.items = _nest(flat)
            sections.append(current)
        flat.clear()

    for line in lines:
        opened = _section_for(line, layout)
        if opened is not None:
            close()
            current = opened
            continue
        match = item.match(line)
        if match and current is not None:
            text = match[2].strip()
            flat.append((len(match[1]) // 2, Item(head=text, text=text)))
        elif line.strip() and not line[:1].isspace():
            close()
            current = None
        elif continued and line.strip() and flat and current is not None and not line.strip().startswith("Hide "):
            flat[-1][1].text += " " + line.strip()
    close()
    return sections


def _read_markdown(lines: Sequence[str]) -> list[Section]:
    """Markdown rendering: ``- **name** (type)`` under ``#`` headings, top-level fields only."""
    sections: list[Section] = []
    current: Section | None = None
    status: Item | None = None
    for line in lines:
        stripped = line.strip()
        opened = _section_for(line, "markdown")
        if opened is not None:
            current = opened
            sections.append(current)
            status = None
            continue
        if current is None:
            continue
        if current.kind == "responses":
            match = MD_STATUS_RE.match(stripped)
            if match:
                status = Item(head=match[1], text=stripped)
                current.items.append(status)
                continue
            code = re.match(r"^\* `([A-Z0-9_]+)`$", stripped)
            if code and status is not None:
                status.children.append(Item(head=code[1], text=code[1]))
                continue
        field_match = re.match(rf"^- \*\*([\w-]+)\*\* \(({TYPE_PATTERN})\)", stripped)
        if field_match:
            head = f"{field_match[1]} {field_match[2]}"
            item = Item(head=head, text=head, shows_required=False)
            (status.children if current.kind == "responses" and status else current.items).append(item)
        elif stripped.startswith("## ") and current.kind != "responses":
            current = None
    return sections


def _read_split(lines: Sequence[str]) -> list[Section]:
    """Layout where each item starts with a lone ``-`` and every token sits on its own line."""
    sections: list[Section] = []
    current: Section | None = None
    chunks: list[list[str]] = []

    def close() -> None:
        if current is not None:
            current.items = [_split_item(chunk) for chunk in chunks if chunk]
            sections.append(current)
        chunks.clear()

    for line in lines:
        stripped = line.strip()
        opened = _section_for(line, "split")
        if opened is not None:
            close()
            current = opened
            continue
        if current is None:
            continue
        if ENDPOINT_RE.match(stripped) or stripped.startswith(("curl", "Request example", "Response example")):
            close()
            current = None
        elif stripped == "-" or stripped.endswith(". -"):  # a lone dash starts the next item
            if chunks and stripped != "-":
                chunks[-1].append(stripped.removesuffix(" -"))
            chunks.append([])
        elif chunks:
            chunks[-1].append(stripped)
    close()
    return sections


def _split_item(chunk: list[str]) -> Item:
    head = chunk[0]
    codes = [Item(head=line, text=line) for line in chunk[1:] if CODE_RE.match(line)]
    text = " ".join(line for line in chunk if not CODE_RE.match(line))
    text = re.sub(r"\s+([,.])", r"\1", text)
    # Tokens glued to the word before them: "maximum length is255", ", orVIDEO".
    text = re.sub(r"\b((?:length|value|Value) is)(?=\S)", r"\1 ", text)
    text = re.sub(r"(,\s*or)(?=\S)", r"\1 ", text)
    text = re.sub(r",(?=\S)", ", ", text)
    return Item(head=head, text=text, children=codes, shows_required=True)


def _layout(lines: Sequence[str]) -> str:
    if any(re.match(r"^\s*• ", line) for line in lines):
        return "bullets"
    if any(line.startswith("- **") for line in lines):
        return "markdown"
    if any(line.strip() == "-" for line in lines):
        return "split"
    return "dash"


READERS = {"bullets": _read_bullets, "markdown": _read_markdown, "split": _read_split, "dash": _read_dash}


def split_copies(text: str) -> list[tuple[str, list[str]]]:
    """The copies a page file holds, each with its label (variant or copy name)."""
    copies: list[tuple[str, list[str]]] = [("page", [])]
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        source = re.match(r"^SOURCE: \S+\s+\(variant: ([^)]*)\)", line)
        copy = re.match(r"^=== (Copy .*?) ===$", line)
        if source:
            copies.append((source[1], []))
            index += 2 if index + 1 < len(lines) and lines[index + 1].startswith("====") else 1
            continue
        if copy:
            copies.append((copy[1], []))
        elif not line.startswith("====="):
            copies[-1][1].append(line)
        index += 1
    return [(label, body) for label, body in copies if any(body_line.strip() for body_line in body)]


def read_sections(lines: Sequence[str]) -> list[Section]:
    return READERS[_layout(lines)](lines)


# --------------------------------------------------------------------------------------------
# Items to facts
# --------------------------------------------------------------------------------------------

# A name in brackets is the copy's annotator naming what the rendering left out; a "?" in the
# brackets marks a guess, which is not used.
HEAD_RE = re.compile(
    rf"^(?:\[(?P<bracketed>[A-Za-z][\w-]*)(?:\s*[—,]\s*(?P<note>[^\]?]*))?\]|(?P<name>[A-Za-z_$][\w-]*))"
    rf"(?:\s+(?P<type>{TYPE_PATTERN}))?(?P<required>\s+Required\b)?(?P<rest>.*)$"
)
TRUNCATED = "[...excerpt truncated]"
UNNAMED = "unnamed"
INFERRED = "inferred"
GAPS = {UNNAMED: "an item the page does not name", INFERRED: "a name the copy's annotator inferred"}
STATUS_RE = re.compile(r"^\[?(\d{3})\]?(?:\s|$)")


@dataclass(frozen=True)
class Fact:
    """One documented statement about one place in the API."""

    page: str
    where: str  # e.g. "body.phoneNumber", "query.limit", "response.200.data.id"
    kind: str  # "present", "required", "type", "nullable", "minLength", "items.enum", "status", ...
    value: Any
    target: tuple[str, ...]  # ("body", "phoneNumber") / ("query", "limit") / ("response", "200", "data")

    def key(self) -> tuple[str, str, str]:
        return (self.page, self.where, self.kind)


@dataclass(frozen=True)
class Field:
    name: str
    type: str | None  # e.g. "string(date-time)", "array[string]"; None when not shown
    nullable: bool | None
    required: bool | None
    text: str
    inferred: bool = False  # named by the copy's annotator although the rendering shows no name


def parse_head(item: Item) -> Field | None:
    """The field an item describes, or None when the page does not name it reliably."""
    match = HEAD_RE.match(item.head.replace(TRUNCATED, "").strip())
    if match is None:
        return None
    name = match["bracketed"] or match["name"]
    rest = match["rest"]
    shown_type = match["type"]
    if match["name"] and not shown_type and not match["required"]:
        return None  # a sentence, not a field
    if rest and not re.match(r"^(?:[.\s]|$)", rest):
        return None  # e.g. "location: ..." or a truncated name
    required: bool | None = None
    note = match["note"] or ""
    if match["required"] or (re.search(r"\brequired\b", note) and "not required" not in note):
        required = True
    elif item.shows_required and shown_type and match["name"]:
        required = False
    base = shown_type.replace(" ", "").removesuffix("|null") if shown_type else None
    nullable = ("null" in shown_type) if shown_type else None
    inferred = "name not rendered" in note
    return Field(name=name, type=base, nullable=nullable, required=required, text=item.text, inferred=inferred)


def _enum_values(text: str) -> list[str]:
    return [value for value in re.split(r",\s*(?:or\s+)?|\s+or\s+", text.strip()) if value]


def constraint_facts(text: str, is_array: bool) -> Iterator[tuple[str, Any]]:
    """(kind, value) for each constraint sentence in an item's text."""
    each = "items." if is_array else ""
    patterns: list[tuple[str, str]] = [
        (r"Minimum length of each is (\d+)", "items.minLength"),
        (r"[Mm]aximum length of each is (\d+)", "items.maxLength"),
        (r"Minimum value of each is (-?\d+(?:\.\d+)?)", "items.minimum"),
        (r"[Mm]aximum value of each is (-?\d+(?:\.\d+)?)", "items.maximum"),
        (r"Minimum length is (\d+)", each + "minLength"),
        (r"[Mm]aximum length is (\d+)", each + "maxLength"),
        (r"Minimum value is (-?\d+(?:\.\d+)?)", each + "minimum"),
        (r"[Mm]aximum value is (-?\d+(?:\.\d+)?)", each + "maximum"),
        (r"At least (\d+) elements?", "minItems"),
        (r"At most (\d+) elements?", "maxItems"),
    ]
    for pattern, kind in patterns:
        match = re.search(pattern, text)
        if match:
            yield kind, float(match[1])
    values = re.search(r"Values are ([^.]+)\.", text)
    if values:
        yield each + "enum", _enum_values(values[1])
    single = re.search(r"Value is ([^.]+)\.", text)
    if single:
        yield each + "const", single[1]
    default = re.search(r"Default value is (.+?)\.(?:\s|$)", text)
    if default:
        raw = default[1].strip()
        yield "default", "[]" if raw.startswith("[]") else raw
    pattern_match = re.search(r"Format should match the following pattern: (\S+?)\.(?:\s|$)", text)
    if pattern_match:
        yield "pattern", pattern_match[1]
    if "Additional properties are NOT allowed" in text:
        yield "closed", True
    elif "Additional properties are allowed" in text:
        yield "closed", False
    if re.search(r"(?:^|\.\s+)Deprecated\b", text):
        yield "deprecated", True


def _field_facts(page: str, target: tuple[str, ...], where: str, field_: Field) -> Iterator[Fact]:
    def fact(kind: str, value: Any) -> Fact:
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
    name = DESCRIBED_NAMES.get((kind, item.head.strip().rstrip(".")))
    return None if name is None else Field(name=name, type=None, nullable=None, required=None, text=item.text)


def section_facts(page: str, section: Section) -> Iterator[Fact]:
    if section.kind in {"header", "path", "query"}:
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
    elif section.kind == "body":
        yield Fact(page, "body", "present", True, ("body",))
        if section.body_required is not None:
            yield Fact(page, "body", "body_required", section.body_required, ("body",))
        yield from _tree_facts(page, ("body",), "body", section.items)
    elif section.kind == "responses":
        for item in section.items:
            status = STATUS_RE.match(item.head)
            if status is None:
                continue
            code = status[1]
            yield Fact(page, f"response.{code}", "status", code, ("response", code))
            media = re.search(r"\s(application/[\w.+-]+)", item.head)
            if media:
                yield Fact(page, f"response.{code}", "media", media[1], ("response", code))
            fields = [child for child in item.children if not CODE_RE.match(child.head.strip())]
            for child in item.children:
                if CODE_RE.match(child.head.strip()):
                    yield Fact(page, f"response.{code}", "code", child.head.strip(), ("response", code))
            yield from _tree_facts(page, ("response", code), f"response.{code}", fields)


EXAMPLE_START_RE = re.compile(r"^(?:Response examples? \((?P<status>\d{3})\)|Request examples?$|# Payload$)")
CURL_DATA_RE = re.compile(r"^\s*(?:-d|--data) '(?P<json>.*)$")
NOT_JSON_RE = re.compile(r"^[A-Za-z(=#\[]")


def example_texts(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(where, json text) of each request or response example, however truncated."""
    where: str | None = None
    collected: list[str] = []
    for line in [*lines, "END"]:
        stripped = line.strip()
        start = EXAMPLE_START_RE.match(stripped)
        curl = CURL_DATA_RE.match(line)
        if where is not None and (start or curl or (collected and NOT_JSON_RE.match(stripped))):
            yield where, "\n".join(collected)
            where, collected = None, []
        if start:
            where = f"response.{start['status']}" if start["status"] else "body"
        elif curl:
            yield "body", curl["json"]
        elif where is not None and (collected or stripped.startswith(("{", "["))):
            collected.append(stripped)


def json_key_paths(text: str) -> list[tuple[str, ...]]:
    """The key paths of a JSON text, read up to where it was cut short.

    A copy cuts an example at "[...excerpt truncated]", or cuts a long line inside a string (JSON
    strings never span lines); what follows a cut cannot be placed, so reading stops there.
    """
    text = text.split(TRUNCATED, 1)[0]
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[str, tuple[str, ...]]] = []  # (container kind, path of the container)
    last_key: str | None = None
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = index + 1
            while end < len(text) and text[end] not in '"\n':
                end += 2 if text[end] == "\\" else 1
            if end >= len(text) or text[end] == "\n":
                break  # a line cut inside a string
            rest = text[end + 1 :].lstrip()
            if stack and stack[-1][0] == "{" and rest.startswith(":"):
                last_key = text[index + 1 : end]
                paths.append((*stack[-1][1], last_key))
            index = end + 1
            continue
        if char in "{[":
            parent = stack[-1] if stack else None
            path: tuple[str, ...] = ()
            if parent is not None:
                path = (*parent[1], last_key) if parent[0] == "{" and last_key is not None else parent[1]
            stack.append((char, path))
            last_key = None
        elif char in "}]" and stack:
            stack.pop()
        index += 1
    return paths


def example_facts(page: str, lines: Sequence[str]) -> Iterator[Fact]:
    """A field shown in an example exists in the spec (examples state nothing more)."""
    for where, text in example_texts(lines):
        base = tuple(where.split("."))
        for path in json_key_paths(text):
            yield Fact(page, ".".join((where, *path)), "present", True, (*base, *path))


def page_statements(page: str, text: str) -> list[Fact]:
    """Every fact one page file states, copy by copy (superseded copies left out), and its gaps.

    A gap is an item the page does not name (kind ``UNNAMED``): it cannot be checked, and the spec
    decides it in the element's description.
    """
    facts: list[Fact] = []
    for label, lines in split_copies(text):
        if (page, label) in SUPERSEDED:
            continue
        for section in read_sections(lines):
            facts.extend(section_facts(page, section))
        facts.extend(example_facts(page, lines))
    return facts


def page_facts(page: str, text: str) -> list[Fact]:
    """The facts a page states that can be checked."""
    return [fact for fact in page_statements(page, text) if fact.kind not in GAPS]


def page_name(path: Path, text: str, endpoints: dict[tuple[str, str], str]) -> str | None:
    """The lower-case operationId a page documents (topic pages: None).

    A page file is named after its operation; a seed is matched by its first ``METHOD /path`` line
    through the documentation's own index of operations (``endpoints``).
    """
    stem = path.stem
    if stem.startswith("topic-"):
        return None
    if path.parent.name == "pages":
        return stem.replace("-", "").lower()
    for line in text.splitlines():
        match = ENDPOINT_RE.match(line.strip())
        if match:
            return endpoints.get((match[1], match[2]))
    return None


def documented_endpoints(docs: Path, spec: Schema) -> dict[tuple[str, str], str]:
    """(METHOD, path) -> page name, from the documentation's index, else from the spec's paths."""
    endpoints: dict[tuple[str, str], str] = {}
    for path, path_item in (spec.get("paths") or {}).items():
        for method, operation in path_item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                endpoints[(method.upper(), path)] = str(operation["operationId"]).lower()
    index = docs / "api-reference" / "operations.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8")):
            if entry.get("kind") == "rest":
                endpoints[(entry["method"], entry["path"])] = entry["operationId"].replace("-", "").lower()
    return endpoints


# --------------------------------------------------------------------------------------------
# Looking facts up in openapi.yaml
# --------------------------------------------------------------------------------------------


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


def _types(shape: Schema) -> set[str]:
    declared = shape.get("type")
    types = set(declared) if isinstance(declared, list) else {declared} if declared else set()
    if not types and ("properties" in shape or "additionalProperties" in shape):
        types = {"object"}
    return types - {"null"}


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
            schema = _json_schema(self.spec, body)
            slots = [] if body is None else [Slot(schema, bool(body.get("required", False)))]
        else:
            code, *rest = rest
            response = self.spec.resolve((operation.get("responses") or {}).get(code))
            slots = [] if response is None else [Slot(_json_schema(self.spec, response), True)]
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
                value for slot in slots for shape in self._values(fact.kind, slot)[1] for value in _enum_of(shape)
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
            closed = any(_closed(shape) for shape in self.spec.variants(slot.schema))
            return bool(closed == value)
        if kind == "deprecated":
            return any(shape.get("deprecated") is True for shape in self.spec.variants(slot.schema))
        if kind == "default":
            return any(_norm(shape.get("default")) == value for shape in self.spec.variants(slot.schema))
        keyword, shapes = self._values(kind, slot)
        if keyword == "minLength" and value <= 1 and any(shape.get("format") in DATE_FORMATS for shape in shapes):
            return True  # a date or date-time is never empty: the format says it
        if keyword == "pattern" and value in PATTERN_RANGES:
            low, high = PATTERN_RANGES[value]
            return any(
                shape.get("pattern") == value
                or ("integer" in _types(shape) and (shape.get("minimum"), shape.get("maximum")) == (low, high))
                for shape in shapes
            )
        if keyword == "enum":
            return set(value) <= {allowed for shape in shapes for allowed in _enum_of(shape)}
        if keyword == "const":
            return any(value in _enum_of(shape) for shape in shapes)
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
            return "closed" if any(_closed(s) for s in shapes) else "open"
        if kind == "deprecated":
            shapes = self.spec.variants(slot.schema)
            return "deprecated" if any(s.get("deprecated") is True for s in shapes) else "not deprecated"
        if kind == "default":
            defaults = [_norm(s["default"]) for s in self.spec.variants(slot.schema) if "default" in s]
            return "default " + ", ".join(defaults) if defaults else "no default"
        keyword, shapes = self._values(kind, slot)
        if keyword in {"enum", "const"}:
            values = sorted({str(v) for shape in shapes for v in _enum_of(shape)})
            return "values " + ", ".join(values) if values else "no enum"
        stated = [shape[keyword] for shape in shapes if keyword in shape]
        if keyword == "pattern" and not stated:
            bounds = [(s.get("minimum"), s.get("maximum")) for s in shapes if "integer" in _types(s)]
            stated = [f"none; integer from {low} to {high}" for low, high in bounds]
        prefix = "items " if kind.startswith("items.") else ""
        return f"{prefix}{keyword} " + ", ".join(_norm(v) for v in stated) if stated else f"{prefix}{keyword} absent"

    def _type_names(self, schema: Any) -> set[str]:
        names: set[str] = set()
        for shape in self.spec.variants(schema):
            for base in _types(shape):
                if base == "array":
                    inner = {t for item in self.spec.items_of(shape) for t in _types(item)}
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


def _closed(shape: Schema) -> bool:
    return shape.get("additionalProperties") is False or shape.get("unevaluatedProperties") is False


def _json_schema(spec: Spec, holder: Any) -> Any:
    holder = spec.resolve(holder)
    if not isinstance(holder, dict):
        return {}
    media = (holder.get("content") or {}).get("application/json") or {}
    return media.get("schema", {})


def _enum_of(shape: Schema) -> list[Any]:
    values = list(shape.get("enum") or [])
    if "const" in shape:
        values.append(shape["const"])
    return values


def _norm(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------------------------
# Running the audit
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    fact: Fact
    holds: bool
    spec_says: str
    documented: str


def documented(fact: Fact) -> str:
    value = fact.value
    if fact.kind in {"minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"} or fact.kind.startswith(
        "items."
    ):
        return f"{fact.kind} {_norm(value) if not isinstance(value, list) else ', '.join(value)}"
    simple = {
        "present": "the field exists",
        "required": "Required" if value else "not Required",
        "body_required": "Body Required" if value else "Body (not required)",
        "nullable": "nullable" if value else "not nullable",
        "closed": "Additional properties are NOT allowed" if value else "Additional properties are allowed",
        "deprecated": "Deprecated",
        "status": f"status {value}",
        "media": f"a {value} body",
        "code": f"business code {value}",
    }
    if fact.kind in simple:
        return simple[fact.kind]
    if fact.kind in {"enum"}:
        return "values " + ", ".join(value)
    return f"{fact.kind} {_norm(value)}"


def collect_facts(docs: Path, spec: Spec, pages: set[str] | None) -> tuple[list[Fact], list[str]]:
    """All documented facts (deduplicated), and notes on unnamed items and on copies that disagree."""
    facts: list[Fact] = []
    files = sorted((docs / "api-reference" / "pages").glob("*.txt")) + sorted((docs / "seeds").glob("*.txt"))
    endpoints = documented_endpoints(docs, spec.document)
    for path in files:
        text = path.read_text(encoding="utf-8")
        name = page_name(path, text, endpoints)
        if name is None or (pages and name not in pages):
            continue
        facts.extend(page_statements(name, text))
    for name, text in HAND_KEPT.items():
        if not pages or name in pages:
            facts.extend(page_facts(name, text))
    gaps = sorted({(f.page, f.where, f.kind, f.value) for f in facts if f.kind in GAPS})
    facts = [fact for fact in facts if fact.kind not in GAPS]
    unique: dict[tuple[str, str, str, str], Fact] = {}
    for fact in facts:
        unique.setdefault((*fact.key(), json.dumps(fact.value, sort_keys=True)), fact)
    by_key: dict[tuple[str, str, str], list[Fact]] = {}
    for fact in unique.values():
        by_key.setdefault(fact.key(), []).append(fact)
    notes = [
        f"{key[0]} {key[1]}: copies disagree on {key[2]}: " + " vs ".join(documented(f) for f in group)
        for key, group in by_key.items()
        if len(group) > 1 and key[2] not in {"code", "status"}
    ]
    notes += [f"{page} {where}: {GAPS[kind]}: {text}" for page, where, kind, text in gaps]
    return list(unique.values()), notes


def load_spec(path: Path) -> Schema:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader reads the file ten times faster
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    if not isinstance(document, dict):
        raise ValueError(f"{path} does not hold an OpenAPI document")
    return document


def audit(docs: Path, document: Schema, pages: set[str] | None) -> tuple[list[Outcome], list[str]]:
    """Check every documented fact (of the given pages, or all) against an OpenAPI document."""
    spec = Spec(document)
    auditor = Auditor(spec)
    facts, notes = collect_facts(docs, spec, pages)
    outcomes: list[Outcome] = []
    by_key: dict[tuple[str, str, str], list[Outcome]] = {}
    for fact in facts:
        holds, said = auditor.check(fact)
        outcome = Outcome(fact, holds, said, documented(fact))
        by_key.setdefault(fact.key(), []).append(outcome)
    for group in by_key.values():
        # Copies that disagree: the spec must follow one of them (and say which in its description).
        outcomes.append(next((outcome for outcome in group if outcome.holds), group[0]))
    return outcomes, notes


def report_lines(outcomes: Sequence[Outcome], *, verbose: bool) -> list[str]:
    """One line per failing fact (and per holding fact when verbose).

    When a field or parameter is missing altogether, the facts about it and its members fail with
    it; they are counted but folded into the line that reports the missing place.
    """
    ordered = sorted(outcomes, key=lambda o: (o.fact.page, o.fact.where, o.fact.kind != "present", o.fact.kind))
    missing = {(o.fact.page, o.fact.where) for o in ordered if o.fact.kind == "present" and not o.holds}

    def missing_ancestor(outcome: Outcome) -> tuple[str, str] | None:
        parts = outcome.fact.where.split(".")
        for end in range(1, len(parts) + 1):
            place = (outcome.fact.page, ".".join(parts[:end]))
            if place in missing and (end < len(parts) or outcome.fact.kind != "present"):
                return place
        return None

    folded: dict[tuple[str, str], int] = {}
    shown: list[Outcome] = []
    for outcome in ordered:
        place = None if outcome.holds else missing_ancestor(outcome)
        if place is not None:
            folded[place] = folded.get(place, 0) + 1
        else:
            shown.append(outcome)
    lines = []
    for outcome in shown:
        if outcome.holds and not verbose:
            continue
        fact = outcome.fact
        mark = "ok" if outcome.holds else "MISMATCH"
        line = f"{mark} {fact.page} {fact.where}: docs say {outcome.documented}; spec says {outcome.spec_says}"
        extra = folded.get((fact.page, fact.where)) if fact.kind == "present" else None
        lines.append(f"{line} (+{extra} facts about it fail with it)" if extra else line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=REPO_ROOT / "openapi.yaml", help="the OpenAPI file to audit")
    parser.add_argument(
        "--docs",
        type=Path,
        default=Path(os.environ.get(DOCS_ENV, DEFAULT_DOCS)),
        help=f"folder holding api-reference/pages and seeds (default: ${DOCS_ENV} or ../shared)",
    )
    parser.add_argument("--page", action="append", help="audit only this page (operationId, any case); repeatable")
    parser.add_argument("--verbose", action="store_true", help="also list the facts that hold")
    args = parser.parse_args(argv)
    if not (args.docs / "api-reference" / "pages").is_dir():
        print(f"audit_spec: no documentation pages under {args.docs}", file=sys.stderr)
        return 2
    pages = {name.replace("-", "").lower() for name in args.page} if args.page else None
    known = {page_name(path, "", {}) for path in (args.docs / "api-reference" / "pages").glob("*.txt")}
    unknown = sorted((pages or set()) - known)
    if unknown:
        print(f"audit_spec: no page named {', '.join(unknown)}", file=sys.stderr)
        return 2
    try:
        outcomes, notes = audit(args.docs, load_spec(args.spec), pages)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"audit_spec: {error}", file=sys.stderr)
        return 2
    for line in report_lines(outcomes, verbose=args.verbose):
        print(line)
    if args.verbose:
        for note in notes:
            print(f"note {note}")
    held = sum(outcome.holds for outcome in outcomes)
    print(f"{held}/{len(outcomes)} documented facts hold")
    return 0 if held == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
