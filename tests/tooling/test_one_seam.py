"""One seam (issue 98, point 5): features reach each attempt through the public middleware alone, and tell whether a
request was sent by the error's typed field (`APIConnectionError.sent`), never by its text."""

from __future__ import annotations

import ast
from pathlib import Path

from ..support.spec import ROOT

PACKAGE = ROOT / "pexip_engage_client"


def _sources(under: Path) -> dict[str, ast.Module]:
    return {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8")) for path in under.rglob("*.py")}


def text_tests(tree: ast.Module) -> list[int]:
    """The lines that test an error's text: `"..." in str(x)`, `str(x).startswith(...)` and the like."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            compared = node.comparators[-1]
            if isinstance(compared, ast.Call) and getattr(compared.func, "id", "") in ("str", "repr"):
                lines.append(node.lineno)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith", "find")
            and isinstance(node.func.value, ast.Call)
            and getattr(node.func.value.func, "id", "") == "str"
        ):
            lines.append(node.lineno)
    return lines


def test_the_ensure_reads_no_errors_text() -> None:
    found = {path: lines for path, tree in _sources(PACKAGE / "_ensuring").items() if (lines := text_tests(tree))}
    assert found == {}


def test_a_test_of_an_errors_text_is_found() -> None:
    tree = ast.parse('if "token request" in str(error):\n    pass\nstr(error).startswith("x")\n')
    assert text_tests(tree) == [1, 3]


def test_no_hook_but_the_middleware_reaches_an_attempt() -> None:
    """`BEFORE_SEND`, a second per-attempt hook read from a request's extensions, is gone: the send position
    (`AtSend`) is a place among the middleware, open to any."""
    readers = [
        f"{path}:{node.lineno}"
        for path, tree in _sources(PACKAGE).items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Name | ast.Attribute)
        and getattr(node, "id", getattr(node, "attr", "")) == "BEFORE_SEND"
    ]
    assert readers == []
