"""Page files into copies, and copies into sections of item trees.

The pages come in five layouts (one-line dash items, dash items with their detail on the flush-left
lines below, bullet items with indented detail lines, markdown renderings, and a layout where every
token sits on its own line); each has its own small reader here, and all of them produce the same
tree of items, so the rest of the audit never sees a layout. A page file holds one or more copies,
each introduced by its address (``SOURCE:``, ``=== Copy ... ===`` or ``--- https://...``).
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
    """The items under one heading of a copy."""

    kind: str  # "header", "path", "query", "body" or "responses"
    items: list[Item] = field(default_factory=list)
    body_required: bool | None = None  # for "body": "Body Required" vs "Body"; None when not shown


TYPE_PATTERN = r"(?:array\[\w+\]|string|integer|number|boolean|object)(?:\([\w-]+\))?(?:\s*\|\s*null)?"
SECTION_RE = re.compile(
    r"^(?:#+\s*)?(?P<title>Headers|Path parameters|Query parameters|Body Required|Body|Responses)\b(?P<rest>.*)$"
)
MD_BODY_RE = re.compile(r"^#+\s*Body(?: parameters|: application/json)")
MD_STATUS_RE = re.compile(r"^#+\s*\[?(\d{3})\]?:?\s")
MD_CODE_RE = re.compile(r"^\* `([A-Z0-9_]+)`$")
MD_FIELD_RE = re.compile(rf"^- \*\*([\w-]+)\*\* \(({TYPE_PATTERN})\)")
ENDPOINT_RE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE) (/\S*)$")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")  # a business error code: WIDGET_TOO_BIG
SOURCE_RE = re.compile(r"^SOURCE: \S+\s+\(variant: ([^)]*)\)")  # a copy of the page taken from one site
COPY_RE = re.compile(r"^=== (Copy .*?) ===$")  # a copy the page file itself labels
URL_COPY_RE = re.compile(r"^--- (https?://\S+.*)$")  # a copy introduced by its address (and a remark)
# A constraint sentence opening a flush-left line: the detail of the dash item above it.
DETAIL_RE = re.compile(
    r"^(?:Minimum|Maximum|At least|At most|Values are|Value is|Default value|Format should|Additional properties)"
)
SECTION_KINDS = {"Headers": "header", "Path parameters": "path", "Query parameters": "query", "Responses": "responses"}

TRUNCATED = "[...excerpt truncated]"  # where a copy cut the page's text short


def _section_for(line: str, layout: str) -> Section | None:
    """The section a heading line opens, or None when the line is not a heading."""
    stripped = line.strip()
    if layout == "markdown":
        if MD_BODY_RE.match(stripped) and not stripped.startswith("####"):  # "####": a response's body
            return Section("body")
        if not stripped.startswith("#"):
            return None
    title = _heading_title(line)
    if title is None or (title == "Body" and layout == "markdown"):  # markdown's body heading is the one above
        return None
    if title in SECTION_KINDS:
        return Section(SECTION_KINDS[title])
    return Section("body", body_required=title == "Body Required")


def _heading_title(line: str) -> str | None:
    """The section title a line starts with, when the line is a heading (flush left, the title alone)."""
    match = SECTION_RE.match(line.strip())
    if match is None or line[:1].isspace():
        return None
    rest = match["rest"]
    if rest and not rest.startswith((" ", "(")):
        return None  # prose such as "Responses:"
    return match["title"]


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


class _Reader:
    """One pass over a copy's lines, building its sections.

    A heading opens a section (closing the open one); every other line goes to the layout's `feed`
    while a section is open. A layout closes a section early at a line that ends it.
    """

    layout = ""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.current: Section | None = None

    def read(self, lines: Sequence[str]) -> list[Section]:
        for line in lines:
            opened = _section_for(line, self.layout)
            if opened is not None:
                self.close()
                self.current = opened
            elif self.current is not None:
                self.feed(line, self.current)
        self.close()
        return self.sections

    def feed(self, line: str, section: Section) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.current is not None:
            self.sections.append(self.current)
        self.current = None


class _DashReader(_Reader):
    """Layout ``- name type Required. Constraints.``, nested by two spaces per level."""

    layout = "dash"
    marker = re.compile(r"^(\s*)- (.*)$")  # groups: indentation, text
    continued = False  # whether an indented line that is not an item adds to the item above it

    def __init__(self) -> None:
        super().__init__()
        self.flat: list[tuple[int, Item]] = []  # (depth, item) in page order

    def feed(self, line: str, section: Section) -> None:
        match = self.marker.match(line)
        if match:
            text = match[2].strip()
            self.flat.append((len(match[1]) // 2, Item(head=text, text=text)))
        elif line.strip() and not line[:1].isspace():
            self.close()  # flush-left prose ends the section
        elif self.continued and line.strip() and self.flat and not line.strip().startswith("Hide "):
            self.flat[-1][1].text += " " + line.strip()

    def close(self) -> None:
        if self.current is not None:
            self.current.items = _nest(self.flat)
        self.flat.clear()
        super().close()


class _DashLinesReader(_DashReader):
    """Layout ``- name type`` whose description and constraints follow on flush-left lines.

    A flush-left line adds to the item above it until the next item, heading, request line, curl
    command or example ends it.
    """

    layout = "dash-lines"

    def feed(self, line: str, section: Section) -> None:
        stripped = line.strip()
        if self.marker.match(line) or not stripped or line[:1].isspace():
            super().feed(line, section)
        elif ENDPOINT_RE.match(stripped) or stripped.startswith(_DETAIL_ENDS):
            self.close()
        elif self.flat:
            self.flat[-1][1].text += " " + stripped


_DETAIL_ENDS = ("curl", "Request example", "Response example", "{", "[", "#", "GET ", "POST ", "PUT ", "PATCH ")


class _BulletReader(_DashReader):
    """Layout ``  • name type Required`` with the item's detail on indented lines below it."""

    layout = "bullets"
    marker = re.compile(r"^(\s*)• (.*)$")
    continued = True


class _MarkdownReader(_Reader):
    """Markdown rendering: ``- **name** (type)`` under ``#`` headings, top-level fields only."""

    layout = "markdown"

    def __init__(self) -> None:
        super().__init__()
        self.status: Item | None = None  # the response status whose fields and codes follow

    def feed(self, line: str, section: Section) -> None:
        stripped = line.strip()
        if section.kind == "responses" and self._response_line(stripped, section):
            return
        field_match = MD_FIELD_RE.match(stripped)
        if field_match:
            head = f"{field_match[1]} {field_match[2]}"
            item = Item(head=head, text=head, shows_required=False)
            (self.status.children if section.kind == "responses" and self.status else section.items).append(item)
        elif stripped.startswith("## ") and section.kind != "responses":
            self.close()

    def _response_line(self, stripped: str, section: Section) -> bool:
        """Reads a status heading or a business code under one; False for any other line."""
        status = MD_STATUS_RE.match(stripped)
        if status:
            self.status = Item(head=status[1], text=stripped)
            section.items.append(self.status)
            return True
        code = MD_CODE_RE.match(stripped)
        if code and self.status is not None:
            self.status.children.append(Item(head=code[1], text=code[1]))
            return True
        return False

    def close(self) -> None:
        super().close()
        self.status = None


class _SplitReader(_Reader):
    """Layout where each item starts with a lone ``-`` and every token sits on its own line."""

    layout = "split"

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[list[str]] = []  # each item's lines

    def feed(self, line: str, section: Section) -> None:
        stripped = line.strip()
        if ENDPOINT_RE.match(stripped) or stripped.startswith(("curl", "Request example", "Response example")):
            self.close()
        elif stripped == "-" or stripped.endswith(". -"):  # a lone dash starts the next item
            if self.chunks and stripped != "-":
                self.chunks[-1].append(stripped.removesuffix(" -"))
            self.chunks.append([])
        elif self.chunks:
            self.chunks[-1].append(stripped)

    def close(self) -> None:
        if self.current is not None:
            self.current.items = [_split_item(chunk) for chunk in self.chunks if chunk]
        self.chunks.clear()
        super().close()


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


def _layout(lines: Sequence[str]) -> type[_Reader]:
    """The reader for a copy, told by the first mark of a layout found in the order below."""
    if any(re.match(r"^\s*• ", line) for line in lines):
        return _BulletReader
    if any(line.startswith("- **") for line in lines):
        return _MarkdownReader
    if any(line.strip() == "-" for line in lines):
        return _SplitReader
    if any(DETAIL_RE.match(line) for line in lines):
        return _DashLinesReader
    return _DashReader


def split_copies(text: str) -> list[tuple[str, list[str]]]:
    """The copies a page file holds, each with its label (variant or copy name)."""
    copies: list[tuple[str, list[str]]] = [("page", [])]
    previous = ""
    for line in text.splitlines():
        label = SOURCE_RE.match(line) or COPY_RE.match(line) or URL_COPY_RE.match(line)
        if label:
            copies.append((label[1], []))
        elif not _is_rule(line, previous):
            copies[-1][1].append(line)
        previous = line
    return [(label, body) for label, body in copies if any(body_line.strip() for body_line in body)]


def _is_rule(line: str, previous: str) -> bool:
    """A line of "=" framing a copy's SOURCE line (the one under it may be shorter)."""
    return line.startswith("=====") or (line.startswith("====") and bool(SOURCE_RE.match(previous)))


def read_sections(lines: Sequence[str]) -> list[Section]:
    """The sections of one copy, read by the reader of its layout."""
    return _layout(lines)().read(lines)
