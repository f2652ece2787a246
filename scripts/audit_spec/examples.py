"""Request and response examples into facts: every field an example shows exists.

Examples state nothing more than that; they are read even when a copy cut them short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .facts import Fact
from .layouts import TRUNCATED

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
