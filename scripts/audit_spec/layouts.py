"""Page files into copies, and copies into sections of item trees.

The pages come in four layouts (one-line dash items, bullet items with indented detail lines,
markdown renderings, and a layout where every token sits on its own line); each has its own small
reader here, and all of them produce the same tree of items, so the rest of the audit never sees a
layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field


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

TRUNCATED = "[...excerpt truncated]"


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
