"""Request and response examples into facts: every field an example shows exists.

Examples state nothing more than that; they are read even when a copy cut them short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .facts import Fact
from .layouts import TRUNCATED

EXAMPLE_START_RE = re.compile(r"^(?:Response examples? \((?P<status>\d{3})\)|Request examples?$|# Payload$)")
CURL_DATA_RE = re.compile(r"^\s*(?:-d|--data) '(?P<json>.*)$")
NOT_JSON_RE = re.compile(r"^[A-Za-z(=#\[]")
KEY_COLON_RE = re.compile(r"\s*:")


@dataclass
class _Example:
    """An example being collected: where it belongs ("body", "response.200") and its JSON lines."""

    where: str
    lines: list[str] = field(default_factory=list)

    def ends_at(self, stripped: str) -> bool:
        return bool(self.lines and NOT_JSON_RE.match(stripped))  # prose after the JSON

    def add(self, stripped: str) -> None:
        if self.lines or stripped.startswith(("{", "[")):  # the JSON starts at its first bracket
            self.lines.append(stripped)


def example_texts(lines: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(where, json text) of each request or response example, however truncated."""
    example: _Example | None = None
    for line in [*lines, "END"]:  # "END" ends an example that runs to the last line
        stripped = line.strip()
        start = EXAMPLE_START_RE.match(stripped)
        curl = CURL_DATA_RE.match(line)
        if example is not None and (start or curl or example.ends_at(stripped)):
            yield example.where, "\n".join(example.lines)
            example = None
        if start:
            example = _Example(f"response.{start['status']}" if start["status"] else "body")
        elif curl:
            yield "body", curl["json"]
        elif example is not None:
            example.add(stripped)


def json_key_paths(text: str) -> list[tuple[str, ...]]:
    """The key paths of a JSON text, read up to where it was cut short.

    A copy cuts an example at "[...excerpt truncated]", or cuts a long line inside a string (JSON
    strings never span lines); what follows a cut cannot be placed, so reading stops there.
    """
    text = text.split(TRUNCATED, 1)[0]
    containers = _Containers()
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = _string_end(text, index)
            if end is None:
                break  # a line cut inside a string
            containers.string(text[index + 1 : end], is_key=bool(KEY_COLON_RE.match(text, end + 1)))
            index = end + 1
            continue
        if char in "{[":
            containers.open(char)
        elif char in "}]":
            containers.close()
        index += 1
    return containers.paths


def _string_end(text: str, start: int) -> int | None:
    """The index of the quote that closes the string opening at `start`; None when it is cut off."""
    end = start + 1
    while end < len(text) and text[end] not in '"\n':
        end += 2 if text[end] == "\\" else 1  # an escaped character, such as \", is skipped
    return None if end >= len(text) or text[end] == "\n" else end


class _Containers:
    """The objects and arrays open at a point of a JSON text, and the key paths read so far."""

    def __init__(self) -> None:
        self.paths: list[tuple[str, ...]] = []
        self.stack: list[tuple[str, tuple[str, ...]]] = []  # (container kind, path of the container)
        self.last_key: str | None = None

    def string(self, value: str, *, is_key: bool) -> None:
        if is_key and self.stack and self.stack[-1][0] == "{":
            self.last_key = value
            self.paths.append((*self.stack[-1][1], value))

    def open(self, kind: str) -> None:
        """An object's member sits at its key's path; an array's items share the array's path."""
        path: tuple[str, ...] = ()
        if self.stack:
            parent_kind, parent_path = self.stack[-1]
            path = (*parent_path, self.last_key) if parent_kind == "{" and self.last_key is not None else parent_path
        self.stack.append((kind, path))
        self.last_key = None

    def close(self) -> None:
        if self.stack:
            self.stack.pop()


def example_facts(page: str, lines: Sequence[str]) -> Iterator[Fact]:
    """A field shown in an example exists in the spec (examples state nothing more)."""
    for where, text in example_texts(lines):
        base = tuple(where.split("."))
        for path in json_key_paths(text):
            yield Fact(page, ".".join((where, *path)), "present", True, (*base, *path))
