"""No hand-written copy of a list the spec holds (issue 70, GUIDE.md principle 3).

openapi.yaml holds the enums' values, the operationIds and the business error codes; the code,
the tests and the examples read them from it (or from what `make generate` writes from it), so a
spec change reaches them with no other edit. This scans every hand-written Python file for a
literal collection of strings (a list, tuple or set, a `Literal[...]`, or a class body of string
constants, as an enum written out would be) whose strings are exactly one of those lists, and for
`len(...) == N` where N is how many operations or error codes the spec has.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.generate.error_codes import business_error_codes

from ..support.code import SHARES_SYNTAX_TREES, parsed, walked
from ..support.spec import ROOT, SPEC

pytestmark = SHARES_SYNTAX_TREES

# Hand-written Python: everything but what `make generate` writes (and the environments), and bench/,
# whose pydantic and msgspec models are the hand-written alternative the benchmarks measure against.
SCANNED = ("pexip_engage_client", "pexip_engage_cli", "tests", "scripts", "examples")
GENERATED_PARTS = {"_generated", "_sync", "__pycache__"}
# The shortest list worth naming: two-value enums (PRIMARY/SECONDARY) are written in tests as data.
SHORTEST = 3
_METHODS = ("get", "put", "post", "patch", "delete")
# Enums of the spec whose values are fixed outside it (RFC 9110's methods, the days of the week):
# code may name them without reading the spec.
UNIVERSAL = {"HttpMethod", "DayOfWeek"}


def spec_lists(document: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each list the spec holds, by what it is."""
    lists = {
        f"the values of {name}": frozenset(map(str, schema["enum"]))
        for name, schema in document["components"]["schemas"].items()
        if isinstance(schema, dict) and isinstance(schema.get("enum"), list) and name not in UNIVERSAL
    }
    lists["the operationIds"] = frozenset(
        op["operationId"] for item in document["paths"].values() for key, op in item.items() if key in _METHODS
    )
    lists["the business error codes"] = frozenset(business_error_codes(document))
    return {what: values for what, values in lists.items() if len(values) >= SHORTEST}


def spec_counts(document: dict[str, Any]) -> dict[int, str]:
    lists = spec_lists(document)
    return {len(lists["the operationIds"]): "operations", len(lists["the business error codes"]): "error codes"}


def _strings(node: ast.expr) -> list[str] | None:
    """The strings of a literal collection of string constants, or None."""
    if not isinstance(node, ast.List | ast.Tuple | ast.Set) or not node.elts:
        return None
    strings = [item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    return strings if len(strings) == len(node.elts) else None


def _class_constants(node: ast.ClassDef) -> list[str]:
    return [
        statement.value.value
        for statement in node.body
        if isinstance(statement, ast.Assign)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    ]


def copies(source: str, lists: dict[str, frozenset[str]], counts: dict[int, str]) -> list[tuple[int, str]]:
    """(line, what) for each hand-written copy of a spec list, or of its length, in a module's source."""
    return sorted(set(_copies(source, lists, counts)))


def _copies(source: str, lists: dict[str, frozenset[str]], counts: dict[int, str]) -> Iterator[tuple[int, str]]:
    for node in walked(parsed(source)):
        found: list[str] | None = None
        if isinstance(node, ast.Subscript):
            found = _strings(node.slice)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            found = _strings(node)
        elif isinstance(node, ast.ClassDef):
            found = _class_constants(node) or None
        if found is not None:
            for what, values in lists.items():
                if frozenset(found) == values:
                    yield getattr(node, "lineno", 0), f"a copy of {what}"
        if isinstance(node, ast.Compare) and _is_len_call(node):
            for right in node.comparators:
                if isinstance(right, ast.Constant) and isinstance(right.value, int) and right.value in counts:
                    yield node.lineno, f"the number of {counts[right.value]} ({right.value}), written by hand"


def _is_len_call(node: ast.Compare) -> bool:
    """`len(...) == ...` and the like."""
    return isinstance(node.left, ast.Call) and isinstance(node.left.func, ast.Name) and node.left.func.id == "len"


def may_hold_a_copy(source: str, lists: dict[str, frozenset[str]], counts: dict[int, str]) -> bool:
    """Whether the text holds every value of some list as a string, or one of the counts as a number: only such
    a module is parsed (most hold neither, and parsing every hand-written file is most of the scan)."""
    return any(
        all(f'"{value}"' in source or f"'{value}'" in source for value in values) for values in lists.values()
    ) or any(re.search(rf"\b{count}\b", source) for count in counts)


def hand_written_files() -> Iterator[Path]:
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if not GENERATED_PARTS & set(path.relative_to(ROOT).parts):
                yield path


def test_no_hand_written_code_copies_a_list_the_spec_holds() -> None:
    lists, counts = spec_lists(SPEC), spec_counts(SPEC)
    sources = {path: path.read_text(encoding="utf-8") for path in hand_written_files()}
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path, source in sources.items()
        if may_hold_a_copy(source, lists, counts)
        for line, what in copies(source, lists, counts)
    ]
    assert found == [], "read these from openapi.yaml (or the generated code) instead:\n" + "\n".join(found)


def test_the_scan_finds_each_kind_of_copy() -> None:
    lists = {
        "the values of Colour": frozenset({"RED", "GREEN", "BLUE"}),
        "the operationIds": frozenset({"a", "b", "c"}),
    }
    source = """
from enum import StrEnum
from typing import Literal

COLOURS = ["RED", "GREEN", "BLUE"]
Ids = Literal["c", "b", "a"]
FEW = ("RED", "GREEN")

class Colour(StrEnum):
    RED = "RED"
    GREEN = "GREEN"
    BLUE = "BLUE"

def test_count(operations):
    assert len(operations) == 68
"""
    assert may_hold_a_copy(source, lists, {68: "operations"})
    assert not may_hold_a_copy('FEW = ("RED", "GREEN")', lists, {68: "operations"})
    assert copies(source, lists, {68: "operations"}) == [
        (5, "a copy of the values of Colour"),
        (6, "a copy of the operationIds"),
        (9, "a copy of the values of Colour"),
        (15, "the number of operations (68), written by hand"),
    ]


def test_the_spec_holds_the_lists_the_scan_looks_for() -> None:
    lists = spec_lists(SPEC)
    assert {"the operationIds", "the business error codes", "the values of AppointmentStatus"} <= lists.keys()
