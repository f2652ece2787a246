"""What the pages name exists, and what they count is what the code counts.

A page naming a business error code that no operation returns (`APPOINTMENT_SLOT_UNAVAILABLE`), an
environment variable nothing reads, or a command-line option no command takes sends a reader after
something that is not there; a page saying "31 business error codes" where the spec has 37 is
believed until it is not. The names are read from the code and the spec, never listed here: the
business error codes (`ErrorCode`, from the spec), every enum value of openapi.yaml, the upper-case
names the package, the command line and the examples use (environment variables, constants), and
every option of every command (the command line's own completion lists them). Only names of other
projects a page mentions are listed, with whose they are. (The operation count the README and the
index state is checked by the inventory: `tests/tooling/test_inventory.py`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pexip_engage_client import ErrorCode

from ..support.spec import read_spec

ROOT = Path(__file__).resolve().parents[2]
# Upper-case names of other projects that pages mention, by whose they are.
_OTHER_PROJECTS = {
    "CERT_NONE": "Python's ssl module",
    "DATA_UPLOAD_MAX_MEMORY_SIZE": "Django's settings",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "OpenTelemetry's exporter",
    "OTEL_EXPORTER_OTLP_HEADERS": "OpenTelemetry's exporter",
    "SOURCE_DATE_EPOCH": "reproducible builds (reproducible-builds.org)",
}
# Names a page gives because they do not exist, to show what happens then.
_NOT_EXISTING_ON_PURPOSE = {"NEW_STATE": "calling-operations.md: how an enum value the spec does not list yet reads"}
_UPPER = re.compile(r"(?<![\w.-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w-])")
_MEMBER = re.compile(r"\bErrorCode\.([A-Z][A-Z0-9_]+)")
_WORD = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")
_SHOWN_WORD = re.compile(r"`([A-Z][A-Z0-9]{2,})`")  # a single upper-case word as code: `CANCELLED`
_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")
_MISTYPED = re.compile(r"unrecognized arguments: (--[a-z][a-z0-9-]*)")
# "the 31 business error codes": a count of what the code has a number of (add a row for a new count).
_COUNTS: dict[re.Pattern[str], Callable[[], int]] = {
    re.compile(r"\b(\d+) business error codes\b"): lambda: len(ErrorCode),
}


def _pages() -> list[Path]:
    """The README and the guides (the operation pages are written from the spec at build time)."""
    docs = sorted(path for path in (ROOT / "docs").rglob("*.md") if "operations" not in path.parts)
    return [ROOT / "README.md", *docs]


def _enum_values(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield from (value for value in node["enum"] if isinstance(value, str))
        for value in node.values():
            yield from _enum_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enum_values(value)


@cache
def _spec_names() -> frozenset[str]:
    """The business error codes and every enum value of openapi.yaml."""
    spec = read_spec()
    return frozenset({*ErrorCode.__members__, *(str(code) for code in ErrorCode), *_enum_values(spec)})


@cache
def _code_texts() -> tuple[str, ...]:
    """What the package, the command line, the examples and the Makefile are written in."""
    files = [ROOT / "Makefile"] + [
        path
        for folder in ("pexip_engage_client", "pexip_engage_cli", "examples")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".yml", ".yaml", ".sh"} and "_generated" not in path.parts
    ]
    return tuple(path.read_text(encoding="utf-8") for path in files)


@cache
def _code_names() -> frozenset[str]:
    """The upper-case names (one word or several) the code uses: variables, constants, the files at the top."""
    found = {name for text in _code_texts() for pattern in (_UPPER, _WORD) for name in pattern.findall(text)}
    return frozenset(found | {path.name for path in ROOT.iterdir() if path.name.isupper()})


def unknown_names(text: str) -> list[str]:
    """The upper-case names `text` gives that nothing defines, and the `ErrorCode` members that do not exist."""
    allowed = _spec_names() | _code_names() | _OTHER_PROJECTS.keys() | _NOT_EXISTING_ON_PURPOSE.keys()
    names = {*_UPPER.findall(text), *_SHOWN_WORD.findall(text)}
    unknown = [name for name in sorted(names) if name not in allowed]
    unknown += [f"ErrorCode.{name}" for name in _MEMBER.findall(text) if name not in ErrorCode.__members__]
    return unknown


@cache
def _command_line_options() -> frozenset[str]:
    """Every option of every command, as the command line's completion offers them."""
    from pexip_engage_cli import _app, _completion, _table

    groups = _table.load()
    found = set(_completion.candidates(["--"]))
    for group in _app.group_names(groups):
        if group in _app.SINGLE_COMMANDS:
            found |= set(_completion.candidates([group, "--"]))
            continue
        for command in _app.group_commands(group, groups):
            found |= set(_completion.candidates([group, command, "--"]))
    return frozenset(found)


def unknown_options(text: str) -> list[str]:
    """The options given to `pexip-engage` in `text` (code spans, console lines) that no command takes,
    but for a mistake the page shows refused (`unrecognized arguments: --stauts`)."""
    shown_refused = set(_MISTYPED.findall(text))
    given = re.findall(r"`([^`\n]*pexip-engage [^`\n]*)`", text)
    given += [line for line in text.splitlines() if line.lstrip().startswith("$ pexip-engage ")]
    options = {option for span in given for option in _OPTION.findall(span[span.index("pexip-engage") :])}
    return sorted(options - _command_line_options() - shown_refused)


def wrong_counts(text: str) -> list[str]:
    """Each count `text` states that the code contradicts, with the code's."""
    return [
        f"{match.group(0)!r} (there are {actual()})"
        for pattern, actual in _COUNTS.items()
        for match in pattern.finditer(text)
        if int(match.group(1)) != actual()
    ]


def test_every_name_a_page_gives_exists() -> None:
    found = {str(page.relative_to(ROOT)): unknown_names(page.read_text(encoding="utf-8")) for page in _pages()}
    assert {page: names for page, names in found.items() if names} == {}


def test_every_option_a_page_gives_the_command_line_exists() -> None:
    found = {str(page.relative_to(ROOT)): unknown_options(page.read_text(encoding="utf-8")) for page in _pages()}
    assert {page: options for page, options in found.items() if options} == {}


def test_every_count_a_page_states_is_the_codes() -> None:
    found = {str(page.relative_to(ROOT)): wrong_counts(page.read_text(encoding="utf-8")) for page in _pages()}
    assert {page: counts for page, counts in found.items() if counts} == {}


def test_the_checks_catch_what_the_issue_found() -> None:
    """Not vacuous: the names, options and counts that misled a team are caught, real ones are not."""
    assert unknown_names("on a 422: the codes (`APPOINTMENT_SLOT_UNAVAILABLE`, ...)") == [
        "APPOINTMENT_SLOT_UNAVAILABLE"
    ]
    assert unknown_names("- `ErrorCode.APPOINTMENT_NEVER_DEFINED`: added") == ["ErrorCode.APPOINTMENT_NEVER_DEFINED"]
    assert unknown_names("set `PEXIP_ENGAGE_LOGGING=debug`") == ["PEXIP_ENGAGE_LOGGING"]
    assert unknown_names("a status `CANCELED`") == ["CANCELED"]
    assert unknown_names("`ErrorCode.APPOINTMENT_STATUS_INVALID`, `PEXIP_ENGAGE_LOG=debug`, `CANCELLED`") == []
    assert unknown_options("`pexip-engage fake serve --seeds FILE`") == ["--seeds"]
    assert unknown_options("`pexip-engage fake serve --seed FILE`; `pytest --strict`") == []
    assert wrong_counts("the 31 business error codes") == [f"'31 business error codes' (there are {len(ErrorCode)})"]
    assert wrong_counts(f"the {len(ErrorCode)} business error codes") == []
